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
                    "\(people.count) records, \(mergedRecords) merged, \(r.review.count) for review (merge \(merge), review \(review))"
                try store.saveResolution(
                    entities: r.entity.filter { $0.key != $0.value }.map { (person: $0.key, entity: $0.value) },
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

    static func readTruth(_ path: String) throws -> [Int64: Int64] {
        let reader = try CSVReader(path: path)
        var out: [Int64: Int64] = [:]
        var header = true
        while let row = reader.next() {
            if header {
                guard row.fields == ["person_id", "true_person_id"] else {
                    throw FormatError(
                        file: path,
                        line: row.line,
                        reason: "expected the header person_id,true_person_id"
                    )
                }
                header = false
                continue
            }
            guard row.fields.count == 2, let a = Int64(row.fields[0]), let b = Int64(row.fields[1]) else {
                throw FormatError(file: path, line: row.line, reason: "expected two person ids")
            }
            out[a] = b
        }
        return out
    }
}
