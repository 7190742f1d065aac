import ArgumentParser
import Foundation
import IronTraceAnalytics
import IronTraceCore
import IronTraceFormats
import IronTracePresentation
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

            `report table --measure M --by state|municipality|area` prints a measure by area and year \
            (measures: \(Analytics.tableMeasures.joined(separator: ", "))).
            `report did --treated GROUP --control GROUP --break YYYY-MM --years A-B [--measure homicides]` \
            compares two groups' homicide rates before and after a break (difference in differences).
            Areas and groups: codes (MX-14, MX-08037, US-TX), names (Jalisco, Texas, "Ciudad Juárez"), \
            lists (US-NY,US-NJ) and groups (\(AreaGroup.all.map(\.id).joined(separator: ", "))).
            """
    )

    @Argument(
        help: "The report: \(Analytics.Name.allCases.map(\.rawValue).joined(separator: ", ")), all, table or did."
    )
    var name: String
    @OptionGroup var db: DatabaseOption
    @OptionGroup var filterOptions: FilterOptions
    @Option(help: "Output format: table, csv, json or markdown.") var format: String = "table"
    @Option(help: "report table / did: the measure (homicides, population, events, ...).") var measure: String?
    @Option(help: "report table: rows by state, municipality or area (the --area list).") var by: String = "state"
    @Option(help: "report did: the treated areas (a group, a list or names).") var treated: String?
    @Option(help: "report did: the control areas (a group, a list or names).") var control: String?
    @Option(name: .customLong("break"), help: "report did: the break, YYYY-MM (2004-09).") var breakDate: String?
    @Option(help: "Only this table of the report (its id, e.g. by_year).") var table: String?
    @Flag(help: "With --format csv: start with a UTF-8 byte-order mark so that Excel reads accents right.")
    var excel = false
    @Option(help: "Also write the report's charts as SVG files into this directory.") var charts: String?
    @Option(help: "Language of the charts and of the table text: en or es (Spanish).") var language: String = "en"
    @Option(
        help: ArgumentHelp(
            "Where imports disagree about a published figure, use these first: import ids (7 or #7), formats (atf-flows-xlsx) or file names, comma-separated.",
            discussion:
                "Without it the publisher's own file wins over a tidied copy, then the import stored first; `irontrace info` lists the conflicts."
        )
    )
    var prefer: String?
    @Option(
        name: .customLong("repeat"),
        help: "Benchmark: compute the report(s) this many times and print load and compute timings to stderr."
    )
    var repetitions: Int?

    func run() async throws {
        let names: [Analytics.Name]
        if name == "table" || name == "did" {
            names = []
        } else if name == "all" {
            names = Analytics.Name.allCases.filter(\.isTraceReport)
        } else if let n = Analytics.Name(rawValue: name) {
            names = [n]
        } else {
            throw ValidationError(
                "unknown report '\(name)'; reports: \(Analytics.Name.allCases.map(\.rawValue).joined(separator: ", ")), all, table, did"
            )
        }
        guard let language = Language(rawValue: language) else {
            throw ValidationError("unknown language '\(self.language)'; languages: en, es")
        }
        guard let format = ReportFormat(rawValue: format) else {
            throw ValidationError("unknown format '\(format)'; formats: table, csv, json, markdown")
        }
        let filter = try filterOptions.filter()
        let design: DifferenceInDifferences.Design? = try (name == "did" ? didDesign(filter) : nil)
        let level: Analytics.AreaLevel? = try (name == "table" ? tableLevel() : nil)
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
            let precedence = SourcePrecedence(
                preferred: (prefer ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
            )
            let dataset = try store.loadDataset(precedence: precedence)
            let loaded = clock.now
            let analytics = Analytics(dataset)
            let built = clock.now
            func compute() throws -> [Report] {
                if let design {
                    do { return [try analytics.differenceInDifferences(design)] } catch {
                        throw ValidationError(error.description)
                    }
                }
                if let level {
                    do {
                        return [try analytics.yearAreaTable(measure: measure ?? "homicides", by: level, filter: filter)]
                    } catch { throw ValidationError(error.description) }
                }
                return name == "all"
                    ? analytics.traceReports(filter: filter) : names.map { analytics.report($0, filter: filter) }
            }
            var reports = try compute()
            if let n = repetitions, n > 0 {
                var times: [Double] = []
                for _ in 0..<n {
                    let t0 = clock.now
                    reports = try compute()
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
                    for chart in ReportCharts.charts(for: r, language: language) {
                        let path = (charts as NSString).appendingPathComponent(chart.id + ".svg")
                        try chart.svg.write(toFile: path, atomically: true, encoding: .utf8)
                        printError("wrote \(path)")
                    }
                }
            }
            // JSON keeps the English keys programs read; the other formats are for people.
            if format != .json { reports = reports.map { $0.translated(language) } }
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

extension ReportCommand {
    /// `report table --by`.
    func tableLevel() throws -> Analytics.AreaLevel {
        guard let l = Analytics.AreaLevel(rawValue: by) else {
            throw ValidationError("--by \(by): expected state, municipality or area")
        }
        return l
    }

    /// `report did`: the groups, the break and the years.
    func didDesign(_ filter: ReportFilter) throws -> DifferenceInDifferences.Design {
        guard let treated, let control else {
            throw ValidationError("report did needs --treated and --control (groups, lists or names)")
        }
        guard let breakDate else { throw ValidationError("report did needs --break YYYY-MM (e.g. 2004-09)") }
        let parts = breakDate.split(separator: "-").map { Int($0) }
        guard parts.count == 2, let y = parts[0], let m = parts[1], (1900...2100).contains(y), (1...12).contains(m)
        else { throw ValidationError("--break \(breakDate): expected YYYY-MM (e.g. 2004-09)") }
        guard let years = filter.years else {
            throw ValidationError("report did needs --years A-B spanning the break (e.g. 1998-2008)")
        }
        guard years.lowerBound < y, years.upperBound > y || (years.upperBound == y && m == 1) else {
            throw ValidationError(
                "--years \(years.lowerBound)-\(years.upperBound) must include years before and after \(y)"
            )
        }
        func areas(_ option: String, _ text: String) throws -> [AreaCode] {
            do { return try AreaTerm.areas(text) } catch { throw ValidationError("--\(option) \(text): \(error)") }
        }
        return DifferenceInDifferences.Design(
            treated: try areas("treated", treated),
            treatedName: treated,
            control: try areas("control", control),
            controlName: control,
            breakYear: y,
            breakMonth: m,
            years: years,
            measure: measure ?? "homicides"
        )
    }
}

extension Duration {
    var milliseconds: Double {
        let (s, a) = components
        return Double(s) * 1000 + Double(a) / 1e15
    }
}

func format3(_ v: Double) -> String { String(format: "%.3f", v) }
