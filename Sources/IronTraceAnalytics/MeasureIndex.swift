import IronTraceCore
import IronTraceDataset

/// The published measures of a ``Dataset`` indexed for reports: population by area and year (with
/// its source), and the violence series (homicides by source) by area, year and month. A figure
/// published for a whole year wins over the sum of its months; every figure keeps its source.
struct MeasureIndex: Sendable {
    struct Figure: Sendable {
        var value: Double
        var period: String
        var source: String
    }

    /// area → year → figures (one per source).
    private var population: [String: [Int: [Figure]]] = [:]
    /// Preferred population source per area kind: projections every year, then estimates, then censuses.
    static let populationSources = ["CONAPO", "Census", "INEGI census", "synthetic"]

    /// A violence series: a measure family from one source.
    struct Series: Sendable, Hashable {
        var id: String
        var label: String
        var source: String
        /// Whether this series counts firearm homicides only.
        var firearm: Bool
    }

    static let series: [Series] = [
        Series(id: "inegi_homicides", label: "Homicides, death records", source: "INEGI", firearm: false),
        Series(id: "sesnsp_homicide_files", label: "Intentional homicide files", source: "SESNSP", firearm: false),
        Series(id: "sesnsp_firearm_files", label: "Firearm homicide files", source: "SESNSP", firearm: true),
        Series(id: "sesnsp_homicide_victims", label: "Intentional homicide victims", source: "SESNSP", firearm: false),
        Series(id: "sesnsp_firearm_victims", label: "Firearm homicide victims", source: "SESNSP", firearm: true),
    ]

    /// The series a stored measure belongs to (a measure can count in two: all homicides and firearm ones).
    static func seriesOf(measure: String, source: String) -> [Int] {
        switch source {
        case "INEGI":
            return measure == "homicides" ? [0] : []
        case "SESNSP":
            if measure.hasPrefix("carpetas:Homicidio doloso:") {
                return measure.hasSuffix(":Con arma de fuego") ? [1, 2] : [1]
            }
            if measure.hasPrefix("victimas:Homicidio doloso:") {
                return measure.hasPrefix("victimas:Homicidio doloso:Con arma de fuego") ? [3, 4] : [3]
            }
            if measure == "firearm_homicide_victims" { return [4] }
            return []
        default:
            return []
        }
    }

    struct Key: Hashable {
        var series: Int
        var area: String
        var year: Int
    }

    struct MonthKey: Hashable {
        var series: Int
        var area: String
        var year: Int
        var month: Int
    }

    private var yearTotals: [Key: Double] = [:]
    private var monthSums: [Key: Double] = [:]
    /// Bit set of the months (bit 1 = January) with a figure, per series, area and year.
    private var monthMask: [Key: UInt16] = [:]
    /// The same over the nation and its states: the months a series has national figures for in a year.
    private var seriesMonthMask: [SeriesYear: UInt16] = [:]
    /// Series and years with a published whole-year figure somewhere.
    private var seriesYearTotals: Set<SeriesYear> = []
    /// INEGI municipal figures: the (state, year) pairs the file covers, so that a municipality of the
    /// catalogue absent from it counts 0 (the cube omits municipalities with no homicides).
    private var inegiMunicipalCoverage: Set<StateYear> = []
    private var inegiMunicipalMonthCoverage: [StateYear: UInt16] = [:]

    struct SeriesYear: Hashable {
        var series: Int
        var year: Int
    }

    struct StateYear: Hashable {
        var state: String
        var year: Int
    }
    private(set) var months: [MonthKey: Double] = [:]
    /// Series with any figure.
    private(set) var present: Set<Int> = []
    /// Years with any violence figure.
    private(set) var years: Set<Int> = []
    /// Areas with any violence figure.
    private(set) var areas: Set<String> = []

    init(_ d: Dataset) {
        let m = d.measures
        let populationCode = d.strings.lookup("population")
        for i in 0..<m.count {
            let periodText = d.strings[m.period[i]]
            let parts = periodText.split(separator: "-")
            guard let year = parts.first.flatMap({ Int($0) }) else { continue }
            let month = parts.count == 2 ? Int(parts[1]) : nil
            let area = d.strings[m.area[i]]
            let source = d.strings[m.source[i]]
            if m.measure[i] == populationCode {
                if month == nil {
                    population[area, default: [:]][year, default: []].append(
                        Figure(value: m.value[i], period: periodText, source: source)
                    )
                }
                continue
            }
            for s in MeasureIndex.seriesOf(measure: d.strings[m.measure[i]], source: source) {
                present.insert(s)
                years.insert(year)
                areas.insert(area)
                let key = Key(series: s, area: area, year: year)
                let seriesYear = SeriesYear(series: s, year: year)
                let municipal = s == 0 && area.count == 8 && area.hasPrefix("MX-")
                // National coverage is read from the national and state figures only: a municipal file
                // (one state's municipalities) says nothing about the months the nation has.
                let nationalOrState = area == "MX" || (area.count == 5 && area.hasPrefix("MX-"))
                let stateYear = StateYear(state: String(area.prefix(5)), year: year)
                if municipal { inegiMunicipalCoverage.insert(stateYear) }
                if let month, (1...12).contains(month) {
                    monthSums[key, default: 0] += m.value[i]
                    months[MonthKey(series: s, area: area, year: year, month: month), default: 0] += m.value[i]
                    monthMask[key, default: 0] |= 1 << (month - 1)
                    if nationalOrState { seriesMonthMask[seriesYear, default: 0] |= 1 << (month - 1) }
                    if municipal { inegiMunicipalMonthCoverage[stateYear, default: 0] |= 1 << (month - 1) }
                } else if month == nil {
                    yearTotals[key, default: 0] += m.value[i]
                    if nationalOrState { seriesYearTotals.insert(seriesYear) }
                }
            }
        }
    }

    /// The population of an area for a year: that year's figure when published; else (unless
    /// `exact`) interpolated geometrically between the nearest published years, or extrapolated from
    /// the two nearest, with the method and its basis in the figure's `period`
    /// ("2012, interpolated from INEGI census 2010–2020"); never the nearest census silently. Sources
    /// are preferred in ``populationSources`` order. Without a year: the latest published figure.
    func population(_ area: String, year: Int?, exact: Bool = false) -> Figure? {
        guard let byYear = population[area], !byYear.isEmpty else { return nil }
        guard let year else { return preferred(byYear[byYear.keys.max()!]!) }
        if let figures = byYear[year] { return preferred(figures) }
        if exact { return nil }
        guard let e = PopulationInterpolation(populationByYear(area)).estimate(year) else { return nil }
        // The source is in the period text ("2012, interpolated from INEGI census 2010–2020").
        return Figure(value: e.value, period: "\(year), \(e.method.rawValue) from \(e.basis)", source: "")
    }

    private func preferred(_ figures: [Figure]) -> Figure? {
        figures.min {
            (MeasureIndex.populationSources.firstIndex(of: $0.source) ?? 99)
                < (MeasureIndex.populationSources.firstIndex(of: $1.source) ?? 99)
        }
    }

    /// The published population figures of an area, one per year (the preferred source, as
    /// ``population(_:year:exact:)`` chooses), for ``PopulationInterpolation``.
    func populationByYear(_ area: String) -> [Int: Figure] {
        guard let byYear = population[area] else { return [:] }
        var out: [Int: Figure] = [:]
        for y in byYear.keys { out[y] = population(area, year: y, exact: true) }
        return out
    }

    func hasPopulation(prefix: String) -> Bool { population.keys.contains { $0.hasPrefix(prefix) } }

    /// A series' figure for an area and year: the published year total, else the sum of its months.
    /// A municipality of the INEGI catalogue that the INEGI file leaves out of a state and year it
    /// covers counts 0 (a structural zero: the cube omits municipalities with no deaths).
    func value(_ series: Int, area: String, year: Int) -> Double? {
        let key = Key(series: series, area: area, year: year)
        if let v = yearTotals[key] ?? monthSums[key] { return v }
        return isStructuralZero(series, area: area, year: year) ? 0 : nil
    }

    /// Whether a missing figure is a zero the publisher left out rather than missing data: an INEGI
    /// municipality absent from a state and year the INEGI municipal file covers.
    func isStructuralZero(_ series: Int, area: String, year: Int) -> Bool {
        guard series == 0, area.count == 8, area.hasPrefix("MX-"),
            inegiMunicipalCoverage.contains(StateYear(state: String(area.prefix(5)), year: year)),
            MexicanMunicipality.lookup(code: area) != nil
        else { return false }
        return yearTotals[Key(series: series, area: area, year: year)] == nil
            && monthSums[Key(series: series, area: area, year: year)] == nil
    }

    /// The months (1–12) a series has figures for in a year: for an area, its own; for `nil`, any
    /// area. A published whole-year figure counts as all twelve.
    func monthsCovered(_ series: Int, area: String? = nil, year: Int) -> Int {
        if let area {
            let key = Key(series: series, area: area, year: year)
            if yearTotals[key] != nil { return 12 }
            if let mask = monthMask[key] { return mask.nonzeroBitCount }
            if isStructuralZero(series, area: area, year: year) {
                let st = StateYear(state: String(area.prefix(5)), year: year)
                return inegiMunicipalMonthCoverage[st].map { $0.nonzeroBitCount } ?? 12
            }
            if area == "MX" { return monthsCovered(series, year: year) }
            return 0
        }
        let sy = SeriesYear(series: series, year: year)
        if seriesYearTotals.contains(sy) { return 12 }
        return seriesMonthMask[sy]?.nonzeroBitCount ?? 0
    }

    /// The months of a series' year with figures, as a readable range ("January–March").
    func monthNames(_ series: Int, year: Int) -> [Int] {
        let mask = seriesMonthMask[SeriesYear(series: series, year: year)] ?? 0
        return (1...12).filter { mask & (1 << ($0 - 1)) != 0 }
    }

    /// A year is complete for a series when it has a whole-year figure or all twelve months.
    func isComplete(_ series: Int, year: Int) -> Bool { monthsCovered(series, year: year) == 12 }

    /// Years in which some series has fewer than twelve months.
    func partialYears(of series: [Int]) -> [Int] {
        years.sorted().filter { y in
            series.contains { s in
                let n = monthsCovered(s, year: y)
                return n > 0 && n < 12
            }
        }
    }

    /// The latest year in which every series with figures is complete.
    func latestCompleteYear(of series: [Int]) -> Int? {
        years.sorted().last { y in
            let withFigures = series.filter { monthsCovered($0, year: y) > 0 }
            return !withFigures.isEmpty && withFigures.allSatisfy { isComplete($0, year: y) }
        }
    }

    /// A series' national figure: the `MX` row when published, else the sum of the states.
    func national(_ series: Int, year: Int) -> Double? {
        if let v = value(series, area: "MX", year: year) { return v }
        var sum = 0.0
        var any = false
        for s in MexicanState.all {
            if let v = value(series, area: "MX-\(s.codeString)", year: year) {
                sum += v
                any = true
            }
        }
        return any ? sum : nil
    }

    func month(_ series: Int, area: String, year: Int, month: Int) -> Double? {
        months[MonthKey(series: series, area: area, year: year, month: month)]
    }
}
