import ArgumentParser
import Foundation
import IronTraceCore
import IronTraceFormats
import IronTraceStore
import IronTraceTracing

struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace recovered firearms against the sales registry in a database.",
        discussion: """
            One request from flags (--serial, --manufacturer, --recovery-date, ...) or from a JSON file \
            (--request-json), or a batch (--requests FILE, the trace_requests CSV of docs/formats.md). \
            --store records the results as recoveries and traces so reports see them. --evaluate N \
            measures accuracy on N requests per damage kind built from the database's completed traces.
            """
    )

    @OptionGroup var db: DatabaseOption
    @Option(name: .long, help: "A CSV of trace requests (docs/formats.md, trace_requests).")
    var requests: String?
    @Option(name: .long, help: "One request as a JSON object with the CSV's column names.")
    var requestJSON: String?
    @Option(help: "Serial number as read; ? for unreadable characters.") var serial: String?
    @Option(help: "Manufacturer as written.") var manufacturer: String?
    @Option(help: "Model.") var model: String = ""
    @Option(help: "Caliber.") var caliber: String = ""
    @Option(help: "Firearm type (pistol, revolver, rifle, ...).") var type: String = ""
    @Option(help: "Recovery date (YYYY-MM-DD).") var recoveryDate: String?
    @Option(help: "Request date (YYYY-MM-DD); default: the recovery date.") var requestDate: String?
    @Option(help: "Country of recovery (ISO alpha-2).") var country: String = ""
    @Option(help: "Area of recovery (US-TX, MX-14, MX-14039).") var area: String = ""
    @Option(help: "Importer marked on the gun.") var importer: String = ""
    @Option(help: "Country of origin marked on the gun.") var countryOfOrigin: String = ""
    @Option(help: "Requesting agency ORI.") var ori: String = ""
    @Option(help: "Agency case number.") var caseNumber: String = ""
    @Option(help: "Request id (default: cli- and 8 random characters). A stored request id is refused a second time.")
    var requestID: String = ""
    @Option(help: "NCIC offence code.") var ncic: String = ""
    @Flag(help: "The serial is obliterated (partly or wholly).") var obliterated = false
    @Flag(help: "Urgent priority.") var urgent = false
    @Option(help: "Output: table or json.") var format: OutputFormat = .table
    @Flag(help: "Show every candidate's score components.") var explain = false
    @Flag(help: "Store the results as recoveries and traces.") var store = false
    @Option(help: "With --store: who submitted the requests (default: the operating-system user).")
    var submittedBy: String?
    @Option(help: "Measure accuracy with N requests per damage kind.") var evaluate: Int?
    @Option(help: "With --evaluate: the seed that picks the damage (default 2015, the fixed evaluation seed).")
    var seed: UInt64 = 2015
    @Option(help: "Benchmark: trace a mixed batch of N requests and report latency and throughput.") var benchmark: Int?
    @Option(name: .long, help: "With --benchmark: write the requests and their answers to this CSV for peer runs.")
    var writeRequests: String?

    func run() async throws {
        try await withExitCodes {
            guard DatabaseLocation(db.database).exists else {
                throw FormatError(file: db.database, reason: "database not found")
            }
            // A request typed on the command line is read (and refused with every problem) before the
            // registry loads.
            let submitter = try submitterName()
            let typed: TraceRequest? =
                evaluate == nil && benchmark == nil && requests == nil
                ? try (requestJSON.map { try requestFromJSON($0) } ?? requestFromFlags()) : nil
            let storeDB = try db.open()
            let progress = Progress()
            progress.say("loading the registry")
            let dataset = try storeDB.loadDataset()
            progress.say("indexing \(dataset.sales.count.grouped) sales")
            let clock = ContinuousClock.now
            let engine = TraceEngine(dataset: dataset)
            let indexTime = ContinuousClock.now - clock
            progress.done()
            if let n = evaluate {
                try evaluateAccuracy(engine, perKind: n, indexTime: indexTime)
                return
            }
            if let n = benchmark {
                try runBenchmark(engine, count: n, indexTime: indexTime)
                return
            }
            var batch: [TraceRequest] = []
            var lines: [Int] = []
            var rejections: [Rejection] = []
            var source = "command line"
            if let requests {
                let reader = try NativeReader<TraceRequestCodec>(path: requests)
                for r in reader {
                    switch r {
                    case .record(let v, let line):
                        batch.append(v)
                        lines.append(line)
                    case .rejected(let j): rejections.append(j)
                    }
                }
                source = requests
            } else if let typed {
                batch = [typed]
                source = requestJSON ?? "command line"
            }
            if store {
                // A request id names one request: one already stored, or repeated in the file, is
                // refused with the trace it made (the web form, the API and a web batch say the same).
                var kept: [TraceRequest] = []
                let refused = dataset.requestIDProblems(
                    batch.indices.map { (batch[$0].requestID, $0 < lines.count ? lines[$0] : 0) }
                )
                for (i, r) in batch.enumerated() {
                    guard let reason = refused[i] else {
                        kept.append(r)
                        continue
                    }
                    if requests == nil { throw ValidationError("--request-id '\(r.requestID)': \(reason)") }
                    rejections.append(
                        Rejection(
                            file: requests ?? "command line",
                            line: i < lines.count ? lines[i] : 0,
                            column: (TraceRequestCodec.header.firstIndex(of: "request_id") ?? 0) + 1,
                            field: "request_id",
                            value: r.requestID,
                            reason: reason
                        )
                    )
                }
                batch = kept
            }
            let results = batch.map { engine.trace($0) }
            if format == .json {
                print(try jsonText(results, rejections: rejections))
            } else {
                printTable(results, explain: explain || batch.count == 1)
                for r in rejections { print("rejected \(r)") }
            }
            if store {
                try record(results, rejections: rejections, in: storeDB, source: source, submittedBy: submitter)
            }
        }
    }

    /// The flag each request field comes from, for messages.
    static let flagOfField: [String: String] = [
        "request_date": "--request-date", "recovery_date": "--recovery-date", "serial": "--serial",
        "manufacturer": "--manufacturer", "agency_ori": "--ori", "case_number": "--case-number", "ncic_code": "--ncic",
        "recovery_country": "--country", "recovery_area": "--area", "country_of_origin": "--country-of-origin",
        "model": "--model", "caliber": "--caliber", "type": "--type", "importer": "--importer",
        "request_id": "--request-id",
    ]

    func requestFromFlags() throws -> TraceRequest {
        let fields: [String: String] = [
            "request_id": requestID.isEmpty ? "cli-\(UUID().uuidString.prefix(8).lowercased())" : requestID,
            "request_date": requestDate ?? "", "priority": urgent ? "urgent" : "routine",
            "ncic_code": ncic, "agency_ori": ori, "case_number": caseNumber, "serial": serial ?? "",
            "serial_obliterated": obliterated ? "true" : "false", "manufacturer": manufacturer ?? "", "type": type,
            "caliber": caliber, "model": model, "country_of_origin": countryOfOrigin, "importer": importer,
            "recovery_date": recoveryDate ?? "", "recovery_country": country, "recovery_area": area,
        ]
        let reading = TraceRequestForm(fields: fields).read()
        if let request = reading.request { return request }
        let lines = reading.problems.map { p in
            "\(TraceCommand.flagOfField[p.field] ?? p.field)\(p.value.isEmpty ? "" : " '\(p.value)'"): \(p.reason)"
        }
        throw ValidationError(
            "the request cannot be read (\(lines.count) problem\(lines.count == 1 ? "" : "s")):\n  "
                + lines.joined(separator: "\n  ")
        )
    }

    func requestFromJSON(_ path: String) throws -> TraceRequest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(file: path, reason: "file not found")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FormatError(file: path, reason: "not a JSON object")
        }
        var fields: [String: String] = [:]
        for key in TraceRequestCodec.header {
            switch object[key] {
            case let s as String: fields[key] = s
            case let b as Bool: fields[key] = b ? "true" : "false"
            case let n as NSNumber: fields[key] = n.stringValue
            default: break
            }
        }
        let reading = TraceRequestForm(fields: fields).read()
        if let request = reading.request { return request }
        throw FormatError(
            file: path,
            reason:
                "the request cannot be read (\(reading.problems.count) problem\(reading.problems.count == 1 ? "" : "s")): "
                + reading.problems.map(\.description).joined(separator: "; ")
        )
    }

    func printTable(_ results: [TraceResult], explain: Bool) {
        var t = TextTable("request", "outcome", "reason", "sale", "dealer", "state", "ttc days", "score", "summary")
        for r in results {
            t.add(
                r.request.requestID,
                r.outcome.rawValue,
                r.reason?.rawValue ?? "",
                r.sale.map { String($0.saleID) } ?? "",
                r.sale?.dealerName ?? "",
                r.sourceState,
                r.timeToCrimeDays.map(String.init) ?? "",
                r.candidates.first.map { String($0.score) } ?? "",
                r.summary
            )
        }
        print(t.render(), terminator: "")
        guard explain else { return }
        for r in results {
            let filed = [
                ("case", r.request.caseNumber), ("ORI", r.request.agencyORI), ("model", r.request.model),
            ].filter { !$0.1.isEmpty }
            if !filed.isEmpty {
                print("  \(r.request.requestID): " + filed.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            }
            for p in r.problems { print("  \(r.request.requestID): \(p.blocking ? "error" : "warning"): \(p)") }
            for (k, c) in r.candidates.enumerated() {
                print(
                    "  \(r.request.requestID) candidate \(k + 1): sale \(c.saleID) serial \(c.serial) score \(c.score): \(c.explanation)"
                )
            }
        }
    }

    func jsonText(_ results: [TraceResult], rejections: [Rejection]) throws -> String {
        let list: [[String: Any]] = results.map { r in
            var o: [String: Any] = [
                "request_id": r.request.requestID, "outcome": r.outcome.rawValue, "summary": r.summary,
                "case_number": r.request.caseNumber, "agency_ori": r.request.agencyORI, "model": r.request.model,
                "serial_raw": r.request.serial, "serial_normalized": SerialNumber(r.request.serial).normalized,
                "source_class": r.sourceClass.rawValue, "manufacturer": r.manufacturer,
                "manufacturer_raw": r.request.manufacturer,
                "problems": r.problems.map {
                    ["field": $0.field, "value": $0.value, "reason": $0.reason, "blocking": $0.blocking]
                },
                "candidates": r.candidates.map { c in
                    [
                        "sale_id": c.saleID, "serial": c.serial, "serial_match": c.serialMatch.rawValue,
                        "score": c.score,
                        "components": c.components.map { ["name": $0.name, "points": $0.points, "reason": $0.reason] },
                    ] as [String: Any]
                },
            ]
            if let reason = r.reason { o["not_traced_reason"] = reason.rawValue }
            if let s = r.sale {
                o["sale"] =
                    [
                        "sale_id": s.saleID, "date": s.date.description, "licensee_id": s.licenseeID,
                        "licence": s.licence,
                        "dealer": s.dealerName, "city": s.dealerCity, "state": s.dealerState,
                        "purchaser_id": s.purchaserID.map { NSNumber(value: $0) } ?? NSNull(),
                    ] as [String: Any]
            }
            if let t = r.timeToCrimeDays { o["time_to_crime_days"] = t }
            if !r.sourceCountry.isEmpty { o["source_country"] = r.sourceCountry }
            if !r.sourceState.isEmpty { o["source_state"] = r.sourceState }
            return o
        }
        let top: [String: Any] = [
            "results": list,
            "rejections": rejections.map {
                ["line": $0.line, "column": $0.column, "field": $0.field, "value": $0.value, "reason": $0.reason]
            },
        ]
        return String(
            decoding: try JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys]),
            as: UTF8.self
        )
    }

    /// The submitter kept with stored traces: `--submitted-by`, else the operating-system user, so
    /// "my requests" finds what an analyst traced from the command line.
    func submitterName() throws -> String {
        guard let given = submittedBy else {
            let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
            return user.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let name = given.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason: String? =
            name.isEmpty
            ? "empty"
            : name.count > 100
                ? "too long: \(name.count) characters, at most 100"
                : name.unicodeScalars.contains { $0.properties.generalCategory == .control }
                    ? "contains control characters" : nil
        if let reason { throw ValidationError("--submitted-by '\(given)': \(reason)") }
        return name
    }

    func record(
        _ results: [TraceResult],
        rejections: [Rejection],
        in store: any IronTraceDatabase,
        source: String,
        submittedBy: String
    ) throws {
        let digest =
            FileManager.default.fileExists(atPath: source)
            ? try IronTraceStore.sha256(ofFile: source) : UUID().uuidString
        if try store.ledger().contains(where: { $0.format == "engine:traces" && $0.sha256 == digest }) {
            print("\(source): these requests were already traced and stored; nothing added")
            return
        }
        let stored = try store.record(
            results.map(\.write),
            rejections: rejections,
            source: source,
            sha256: digest,
            submittedBy: submittedBy
        )
        print(
            "stored \(stored.traceIDs.count) traces and \(stored.newRecoveries) new recoveries, \(rejections.count) rows rejected (ledger #\(stored.ledgerID))"
        )
    }

    /// A mixed batch: 30% exact serials, 25% one confusable character, 20% one edit, 15% two
    /// unknown positions, 10% serials no sale has. Reports the latency distribution of single
    /// requests (one thread) and top-5 accuracy on the requests that have an answer.
    func runBenchmark(_ engine: TraceEngine, count n: Int, indexTime: Duration) throws {
        let d = engine.dataset
        var cases: [(TraceAccuracy.Case, String)] = []
        let mix: [(TraceAccuracy.Damage, Double)] = [
            (.exact, 0.30), (.confusable, 0.25), (.oneEdit, 0.20), (.twoUnknown, 0.15),
        ]
        for (damage, share) in mix {
            for c in TraceAccuracy.cases(d, damage: damage, limit: Int(Double(n) * share), seed: 99) {
                cases.append((c, damage.rawValue))
            }
        }
        // Serials that are in no record: real makes, shuffled characters.
        var k = 0
        while cases.count < n && k < d.sales.count {
            let s = (k * 7919) % d.sales.count
            k += 1
            var chars = Array(d.strings[d.sales.serial[s]].utf8)
            guard chars.count >= 5 else { continue }
            chars.reverse()
            chars.append(UInt8(ascii: "X"))
            let day = CivilDate(year: 2024, month: 12, day: 31)!
            let q = TraceRequest(
                requestID: "none-\(k)",
                requestDate: day,
                serial: String(decoding: chars, as: UTF8.self),
                manufacturer: d.strings[d.sales.manufacturer[s]],
                recoveryDate: day
            )
            cases.append((TraceAccuracy.Case(request: q, saleID: 0), "not_in_registry"))
        }
        // Interleave kinds deterministically.
        let order = cases.indices.sorted {
            (UInt64($0) &* 0x9E37_79B9_7F4A_7C15) < (UInt64($1) &* 0x9E37_79B9_7F4A_7C15)
        }
        cases = order.map { cases[$0] }
        var latencies: [Int64] = []
        latencies.reserveCapacity(cases.count)
        var byKind: [String: (latencies: [Int64], top5: Int, answerable: Int)] = [:]
        var top5 = 0
        var answerable = 0
        var wrongCompleted = 0
        let start = ContinuousClock.now
        for (c, kind) in cases {
            let t0 = ContinuousClock.now
            let r = engine.trace(c.request)
            let dt = ContinuousClock.now - t0
            let ns = dt.components.attoseconds / 1_000_000_000 + dt.components.seconds * 1_000_000_000
            latencies.append(ns)
            byKind[kind, default: ([], 0, 0)].latencies.append(ns)
            if ProcessInfo.processInfo.environment["IRONTRACE_SLOWEST"] != nil, ns > 5_000_000 {
                printError(
                    "slow: \(Double(ns) / 1e6) ms \(kind) \(c.request.serial) \(c.request.manufacturer) candidates \(r.candidates.count) \(r.summary)"
                )
            }
            if c.saleID != 0 {
                answerable += 1
                byKind[kind]!.answerable += 1
                if r.candidates.prefix(5).contains(where: { $0.saleID == c.saleID }) {
                    top5 += 1
                    byKind[kind]!.top5 += 1
                }
            }
            if r.outcome.isCompleted && r.sale?.saleID != c.saleID { wrongCompleted += 1 }
        }
        let total = ContinuousClock.now - start
        latencies.sort()
        func pct(_ p: Double) -> String {
            String(
                format: "%.3f ms",
                Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1e6
            )
        }
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        print(
            "registry: \(d.sales.count.grouped) sales; index built in \(indexTime); index \(String(format: "%.1f", Double(engine.indexBytes) / Double(max(1, d.sales.count)))) bytes per sale (\(engine.indexBytes / 1_048_576) MiB)"
        )
        print(
            "requests: \(cases.count.grouped) mixed (30% exact, 25% confusable, 20% one edit, 15% two unknown, 10% not in registry)"
        )
        print(
            "throughput: \(Int(Double(cases.count) / seconds).grouped) requests/s on one thread; latency p50 \(pct(0.50)), p99 \(pct(0.99)), p99.9 \(pct(0.999)), max \(pct(1.0))"
        )
        print(
            "top-5 accuracy on answerable requests: \((Double(top5) / Double(max(1, answerable))).percent) of \(answerable.grouped); wrong sale completed: \(wrongCompleted)"
        )
        for (kind, v) in byKind.sorted(by: { $0.key < $1.key }) {
            let l = v.latencies.sorted()
            func p(_ q: Double) -> String {
                String(format: "%.3f ms", Double(l[min(l.count - 1, Int(Double(l.count) * q))]) / 1e6)
            }
            print(
                "  \(kind): \(l.count.grouped) requests, p50 \(p(0.5)), p99 \(p(0.99)), top-5 \(v.answerable == 0 ? "-" : (Double(v.top5) / Double(v.answerable)).percent)"
            )
        }
        if let path = writeRequests {
            let w = try CSVWriter(
                path: path,
                header: ["request_id", "kind", "serial", "manufacturer", "recovery_date", "expected_sale_id"]
            )
            for (c, kind) in cases {
                w.write([
                    c.request.requestID, kind, SerialNumber(c.request.serial).normalized, c.request.manufacturer,
                    c.request.recoveryDate.description, c.saleID == 0 ? "" : String(c.saleID),
                ])
            }
            w.close()
            print("requests written to \(path)")
        }
    }

    func evaluateAccuracy(_ engine: TraceEngine, perKind n: Int, indexTime: Duration) throws {
        print(
            "Registry: \(engine.dataset.sales.count.grouped) sales; index built in \(indexTime), \(String(format: "%.1f", Double(engine.indexBytes) / Double(max(1, engine.dataset.sales.count)))) bytes per sale"
        )
        print("Damage seed: \(seed)")
        var t = TextTable(
            "damage",
            "requests",
            "top-1",
            "top-5",
            "completed",
            "completed right",
            "ambiguous",
            "wrong completed",
            "singled out",
            "markings ceiling"
        )
        for damage in TraceAccuracy.Damage.allCases {
            let cases = TraceAccuracy.cases(engine.dataset, damage: damage, limit: n, seed: seed)
            let f = TraceAccuracy.measure(engine, cases, damage: damage)
            t.add(
                damage.rawValue,
                f.requests.grouped,
                f.top1Rate.percent,
                f.top5Rate.percent,
                f.completed.grouped,
                f.completedRightRate.percent,
                f.ambiguous.grouped,
                String(format: "%.2f%%", f.wrongCompletedRate * 100),
                f.aloneRate.percent,
                f.markingsCeilingRate.percent
            )
        }
        print(t.render(), terminator: "")
        print(
            """
            top-1 counts the first candidate even when the answer is ambiguous; "completed right" counts only \
            traces completed to the right sale. "singled out": the serial as read and the gun's markings \
            (maker, model, caliber, type) leave no other sale sold before the recovery with as close a serial; \
            "markings ceiling": the top-1 a ranking on the serial and markings alone would expect \
            (1 / (rivals + 1) per request).
            """
        )
    }
}
