import IronTraceCore
import IronTraceDataset

/// The report engine: built once over a ``Dataset`` (the trace facts are joined here), then answers
/// any report for any filter. Reports 1–8 come from one ``TraceAggregates`` pass; violence, events
/// and provenance read the published measures and the events.
public final class Analytics: Sendable {
    public let dataset: Dataset
    public let facts: TraceFacts
    let measures: MeasureIndex
    /// True when the data holds synthetic records (the demo world).
    public let isSynthetic: Bool
    /// True when some stored area measure (homicides, population, ...) is synthetic. The demo world
    /// stores real published figures for Mexico's homicides and populations, so its violence
    /// reports are not synthetic although its traces and events are.
    public let measuresAreSynthetic: Bool
    /// True when some armed-violence event is synthetic.
    public let eventsAreSynthetic: Bool

    public convenience init(_ d: Dataset) { self.init(d, measures: MeasureIndex(d)) }

    /// The engine over `d` when only traces and recoveries were appended since `previous` was built
    /// (a live server's delta): the trace facts are joined again, the measure index (which reads
    /// only the published measures) is shared.
    public convenience init(_ d: Dataset, tracesAppendedTo previous: Analytics) {
        self.init(d, measures: previous.measures)
    }

    init(_ d: Dataset, measures: MeasureIndex) {
        dataset = d
        facts = TraceFacts(d)
        self.measures = measures
        let synthetic = d.strings.lookup("synthetic")
        measuresAreSynthetic = synthetic.map { d.measures.source.contains($0) } ?? false
        eventsAreSynthetic = synthetic.map { d.events.sourceDataset.contains($0) } ?? false
        isSynthetic = measuresAreSynthetic || eventsAreSynthetic
    }

    /// The reports, by the name `irontrace report NAME` and the API use.
    public enum Name: String, CaseIterable, Sendable {
        case summary, sources, flows, firearms
        case timeToCrime = "time-to-crime"
        case crimes, dealers
        case multipleSales = "multiple-sales"
        case violence, events, provenance
        case firearmShare = "firearm-share"
        case commerce

        public var title: String {
            switch self {
            case .summary: "Trace summary"
            case .sources: "Source states"
            case .flows: "Flows from source to recovery"
            case .firearms: "Firearm types, calibers and manufacturers"
            case .timeToCrime: "Time-to-crime"
            case .crimes: "Crime categories"
            case .dealers: "Dealers"
            case .multipleSales: "Multiple sales among recovered guns"
            case .violence: "Homicides and firearm homicides"
            case .events: "Armed-violence events"
            case .provenance: "Provenance: which dealers armed which violence"
            case .firearmShare: "Firearm share of homicides, by source"
            case .commerce: "US firearms commerce (ATF)"
            }
        }

        /// Reports computed from the trace records (1–8).
        public var isTraceReport: Bool { ![.violence, .events, .provenance, .firearmShare, .commerce].contains(self) }
    }

    /// One report for a filter.
    public func report(_ name: Name, filter: ReportFilter = ReportFilter()) -> Report {
        if name.isTraceReport {
            let a = TraceAggregates.compute(facts, dataset: dataset, filter: filter)
            return traceReport(name, a, filter)
        }
        switch name {
        case .violence: return violenceReport(filter)
        case .events: return eventsReport(filter)
        case .firearmShare: return firearmShareReport(filter)
        case .commerce: return commerceReport(filter)
        default: return provenanceReport(filter)
        }
    }

    /// Reports 1–8 for one filter from a single pass over the traces.
    public func traceReports(filter: ReportFilter = ReportFilter()) -> [Report] {
        let a = TraceAggregates.compute(facts, dataset: dataset, filter: filter)
        return Name.allCases.filter(\.isTraceReport).map { traceReport($0, a, filter) }
    }

    func traceReport(_ name: Name, _ a: TraceAggregates, _ filter: ReportFilter) -> Report {
        var r = Report(name: name.rawValue, title: name.title, notes: [filter.summary], isSynthetic: isSynthetic)
        r.notes.append("\(NumberText.grouped(a.total)) traces selected of \(NumberText.grouped(facts.count)).")
        // A year range outside the records reads as "zero traces" unless the report says why.
        if let y = filter.years, facts.count > 0, facts.yearCount > 0 {
            let covered = facts.firstYear...(facts.firstYear + facts.yearCount - 1)
            if !y.overlaps(covered) {
                r.notes.append(
                    "No trace record falls in the years asked for: the records' recoveries run \(covered.lowerBound)–\(covered.upperBound)."
                )
            }
        }
        switch name {
        case .summary: summary(a, &r)
        case .sources: sources(a, filter, &r)
        case .flows: flows(a, filter, &r)
        case .firearms: firearms(a, &r)
        case .timeToCrime: timeToCrime(a, &r)
        case .crimes: crimes(a, &r)
        case .dealers: dealers(a, &r)
        case .multipleSales: multipleSales(a, &r)
        default: break
        }
        return r
    }

    static func classIndex(_ c: SourceCountryClass) -> Int { Int(Dataset.sourceClassCode(c)) }

    public static let traceSource = "IronTrace trace records"

    static func share(_ a: Int, _ b: Int) -> Cell { b == 0 ? .empty : .share(Double(a) / Double(b)) }

    static func label(_ c: SourceCountryClass) -> String {
        switch c {
        case .usSourced: "US-sourced"
        case .nonUS: "Non-US-sourced"
        case .undetermined: "Undetermined"
        }
    }

    static func label(_ o: TraceOutcome) -> String {
        switch o {
        case .completedToPurchaser: "Completed to purchaser"
        case .completedToDealer: "Completed to dealer only"
        case .notTraced: "Not traced"
        }
    }

    /// The USPS code of a US state named in a report row.
    public static func usStateCode(named name: String) -> String? { USState.lookup(name)?.usps }

    /// The area code (`MX-14`) of a Mexican state named in a report row.
    public static func mexicanStateCode(named name: String) -> String? {
        MexicanState.lookup(name).map { "MX-\($0.codeString)" }
    }

    /// A readable name for an area key (`MX-14` → `Jalisco`, `US-TX` → `Texas`).
    public static func areaName(_ key: String) -> String { AreaCode.displayName(of: key) }
}
