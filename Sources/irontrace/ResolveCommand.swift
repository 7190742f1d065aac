import ArgumentParser
import Foundation
import IronTraceCore
import IronTraceFormats
import IronTraceResolution
import IronTraceStore

/// `irontrace resolve`: which person records name the same person.
struct Resolve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Entity resolution: find the person records that name one person (names, birth dates, addresses, phones as typed).",
        discussion: """
            Candidate pairs come from blocking keys (surname sound and birth year, phone, ZIP and house \
            number, name sounds), each scored by explained comparisons. Pairs at or above --merge are one \
            person; pairs between --review and --merge wait for an analyst (dashboard: Network → Identities). \
            Analysts' rulings are kept and respected. With --apply the result is stored: the link graph, the \
            leads and every report then read merged records as one person; the records themselves are not \
            changed. --evaluate compares with a truth file (resolution_truth.csv of `generate --messy`).
            """
    )
    @OptionGroup var db: DatabaseOption
    @Flag(help: "Store the result (audited): the graph and the leads use it from then on.") var apply = false
    @Option(help: "The truth to measure against: person_id,true_person_id (from `irontrace generate --messy`).")
    var evaluate: String?
    @Option(help: "Score at or above which two records are one person (0–1).") var merge = 0.8
    @Option(help: "Score at or above which a pair waits for an analyst (0–1, below --merge).") var review = 0.7
    @Option(help: "Review pairs to print.") var show = 10

    func run() async throws {
        try await withExitCodes {
            guard (0...1).contains(merge), (0...1).contains(review), review <= merge else {
                throw ValidationError("--review and --merge must be between 0 and 1, --review at most --merge")
            }
            guard (0...10_000).contains(show) else { throw ValidationError("--show must be 0–10000") }
            let store = try db.open()
            let clock = ContinuousClock.now
            let people = try store.personRecords()
            try store.audit(
                user: "cli",
                action: "pii-read",
                target: "persons",
                detail: "entity resolution: \(people.count) records"
            )
            var resolver = PersonResolver()
            resolver.thresholds.merge = merge
            resolver.thresholds.review = review
            let decisions = try store.resolutionDecisions().map {
                PersonResolver.Decision(a: $0.a, b: $0.b, same: $0.same)
            }
            let r = resolver.resolve(people.map(PersonRecord.init), decisions: decisions)
            let elapsed = ContinuousClock.now - clock
            let mergedRecords = r.entity.filter { $0.key != $0.value }.count
            print(
                "\(people.count.grouped) person records → \(r.clusters.grouped) people: \(mergedRecords.grouped) records merged "
                    + "(\(r.merged.count.grouped) pairs at or above \(merge)); \(r.review.count.grouped) pairs for review; "
                    + "\(r.candidatePairs.grouped) candidate pairs compared; \(decisions.count) analyst rulings; \(elapsed)"
            )
            // Licensees: one business under several records (a renewed licence, a name typed differently).
            let dealerRecords = try store.licenseeRecords().map {
                LicenseeRecord(id: $0.id, licence: $0.licence, name: $0.name, street: $0.street, zip: $0.zip)
            }
            let dealers = LicenseeResolver().resolve(dealerRecords, merge: merge, review: review)
            let mergedDealers = dealers.entity.filter { $0.key != $0.value }.count
            print(
                "\(dealerRecords.count.grouped) licensee records → \(Set(dealers.entity.values).count.grouped) businesses: "
                    + "\(mergedDealers.grouped) records merged; \(dealers.review.count.grouped) pairs for review"
            )
            if r.skippedBlocks > 0 {
                print(
                    "  \(r.skippedBlocks.grouped) records in blocks over \(PersonResolver.maxBlock) were paired by their other keys only"
                )
            }
            if let evaluate {
                let truth = try Self.readTruth(evaluate)
                let known = r.entity.filter { truth[$0.key] != nil }
                let pr = PersonResolver.pairwise(entity: known, truth: truth.filter { r.entity[$0.key] != nil })
                print(
                    "pairwise precision \(String(format: "%.4f", pr.precision)), recall \(String(format: "%.4f", pr.recall)) "
                        + "(\(pr.predicted.grouped) pairs merged, \(pr.actual.grouped) true pairs) against \(evaluate)"
                )
                // The licensees' truth, when the same generator wrote it beside.
                let besides = ((evaluate as NSString).deletingLastPathComponent as NSString)
                    .appendingPathComponent("licensee_truth.csv")
                if FileManager.default.fileExists(atPath: besides) {
                    let t = try Self.readTruth(besides, header: ["licensee_id", "true_licensee_id"])
                    let lp = PersonResolver.pairwise(
                        entity: dealers.entity.filter { t[$0.key] != nil },
                        truth: t.filter { dealers.entity[$0.key] != nil }
                    )
                    print(
                        "licensees: pairwise precision \(String(format: "%.4f", lp.precision)), recall \(String(format: "%.4f", lp.recall)) "
                            + "(\(lp.predicted.grouped) pairs merged, \(lp.actual.grouped) true pairs) against \(besides)"
                    )
                }
            }
            let pseudonym = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.pseudonym) })
            for p in r.review.prefix(show) {
                let why = p.comparisons.map(\.note).joined(separator: "; ")
                print(
                    "  review \(pseudonym[p.a] ?? "\(p.a)") ~ \(pseudonym[p.b] ?? "\(p.b)"): \(String(format: "%.2f", p.score)) — \(why)"
                )
            }
            if apply {
                let summary =
                    "\(people.count) person records, \(mergedRecords) merged, \(r.review.count) for review; "
                    + "\(dealerRecords.count) licensee records, \(mergedDealers) merged (merge \(merge), review \(review))"
                try store.saveResolution(
                    entities: r.entity.filter { $0.key != $0.value }.map { (person: $0.key, entity: $0.value) },
                    licensees: dealers.entity.filter { $0.key != $0.value }.map {
                        (licensee: $0.key, entity: $0.value)
                    },
                    review: r.review.map {
                        ResolutionReviewItem(
                            a: $0.a,
                            b: $0.b,
                            score: $0.score,
                            explanation: $0.comparisons.map(\.note).joined(separator: "; ")
                        )
                    },
                    summary: summary,
                    by: "cli"
                )
                print("stored: the link graph, the leads and the reports now read merged records as one person")
            }
        }
    }

    static func readTruth(_ path: String, header expected: [String] = ["person_id", "true_person_id"]) throws
        -> [Int64: Int64]
    {
        let reader = try CSVReader(path: path)
        var out: [Int64: Int64] = [:]
        var header = true
        while let row = reader.next() {
            if header {
                guard row.fields == expected else {
                    throw FormatError(
                        file: path,
                        line: row.line,
                        reason: "expected the header \(expected.joined(separator: ","))"
                    )
                }
                header = false
                continue
            }
            guard row.fields.count == 2, let a = Int64(row.fields[0]), let b = Int64(row.fields[1]) else {
                throw FormatError(file: path, line: row.line, reason: "expected two ids")
            }
            out[a] = b
        }
        return out
    }
}
