import ArgumentParser
import Foundation
import IronTraceAnalytics
import IronTraceFormats
import IronTraceServer
import IronTraceStore

/// The filters every report accepts, as options.
struct FilterOptions: ParsableArguments {
    @Option(help: "Country of recovery (MX, US).") var country: String?
    @Option(help: "Area of recovery: MX-14 (state), MX-14039 (municipality), US-TX, or a state name.") var area: String?
    @Option(help: "Year or range of years: 2019, 2015-2020.") var years: String?
    @Option(help: "Firearm types or classes, comma-separated: pistol, rifle, handgun, long_gun, ...") var type: String?
    @Option(name: .customLong("source-state"), help: "US state where the guns were bought (TX, Texas).")
    var sourceState: String?
    @Option(help: "A dealer: licence number or IronTrace licensee id.") var dealer: String?
    @Option(help: "An armed-violence event id (provenance).") var event: String?

    func filter() throws -> ReportFilter {
        var p: [String: String] = [:]
        p["country"] = country
        p["area"] = area
        p["years"] = years
        p["type"] = type
        p["source-state"] = sourceState
        p["dealer"] = dealer
        p["event"] = event
        do {
            return try ReportFilter(parameters: p)
        } catch {
            throw ValidationError("--\(error.key) \(error.value): \(error.reason)")
        }
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Trace statistics, flows, dealers, violence, events and provenance, on any filter.",
        discussion: """
            Reports: \(Analytics.Name.allCases.map(\.rawValue).joined(separator: ", ")); `all` prints reports 1-8 \
            (the trace reports) from one pass. Formats: table (terminal), csv, json, markdown.
            """
    )

    @Argument(help: "The report: \(Analytics.Name.allCases.map(\.rawValue).joined(separator: ", ")), or all.")
    var name: String
    @OptionGroup var db: DatabaseOption
    @OptionGroup var filterOptions: FilterOptions
    @Option(help: "Output format: table, csv, json or markdown.") var format: String = "table"
    @Option(help: "Only this table of the report (its id, e.g. by_year).") var table: String?
    @Flag(help: "With --format csv: start with a UTF-8 byte-order mark so that Excel reads accents right.")
    var excel = false
    @Option(help: "Also write the report's charts as SVG files into this directory.") var charts: String?
    @Option(
        name: .customLong("repeat"),
        help: "Benchmark: compute the report(s) this many times and print load and compute timings to stderr."
    )
    var repetitions: Int?

    func run() async throws {
        let names: [Analytics.Name]
        if name == "all" {
            names = Analytics.Name.allCases.filter(\.isTraceReport)
        } else if let n = Analytics.Name(rawValue: name) {
            names = [n]
        } else {
            throw ValidationError(
                "unknown report '\(name)'; reports: \(Analytics.Name.allCases.map(\.rawValue).joined(separator: ", ")), all"
            )
        }
        guard let format = ReportFormat(rawValue: format) else {
            throw ValidationError("unknown format '\(format)'; formats: table, csv, json, markdown")
        }
        let filter = try filterOptions.filter()
        try await withExitCodes {
            guard DatabaseLocation(db.database).exists else {
                throw FormatError(
                    file: db.database,
                    reason: "database not found (run `irontrace demo` or `irontrace import`)"
                )
            }
            let clock = ContinuousClock()
            let start = clock.now
            let store = try db.open()
            let dataset = try store.loadDataset()
            let loaded = clock.now
            let analytics = Analytics(dataset)
            let built = clock.now
            func compute() -> [Report] {
                name == "all"
                    ? analytics.traceReports(filter: filter) : names.map { analytics.report($0, filter: filter) }
            }
            var reports = compute()
            if let n = repetitions, n > 0 {
                var times: [Double] = []
                for _ in 0..<n {
                    let t0 = clock.now
                    reports = compute()
                    times.append((clock.now - t0).milliseconds)
                }
                times.sort()
                printError(
                    "timing: traces \(dataset.traces.count); load \(format3((loaded - start).milliseconds / 1000)) s; "
                        + "facts \(format3((built - loaded).milliseconds / 1000)) s (\(analytics.facts.memoryBytes >> 20) MiB); "
                        + "reports: min \(format3(times[0])) ms, median \(format3(times[times.count / 2])) ms over \(n) runs"
                )
            }
            if let table, !reports.contains(where: { $0.table(table) != nil }) {
                throw ValidationError(
                    "no table '\(table)' in this report; tables: \(reports.flatMap { $0.tables.map(\.id) }.joined(separator: ", "))"
                )
            }
            if let charts {
                try FileManager.default.createDirectory(atPath: charts, withIntermediateDirectories: true)
                for r in reports {
                    for chart in ReportCharts.charts(for: r) {
                        let path = (charts as NSString).appendingPathComponent(chart.id + ".svg")
                        try chart.svg.write(toFile: path, atomically: true, encoding: .utf8)
                        printError("wrote \(path)")
                    }
                }
            }
            if format == .json && reports.count > 1 {
                print(Report.json(reports), terminator: "")
                return
            }
            for (k, r) in reports.enumerated() {
                if k > 0 { print("") }
                print(r.rendered(as: format, tableID: table, excel: excel && k == 0), terminator: "")
            }
        }
    }
}

extension Duration {
    var milliseconds: Double {
        let (s, a) = components
        return Double(s) * 1000 + Double(a) / 1e15
    }
}

func format3(_ v: Double) -> String { String(format: "%.3f", v) }
