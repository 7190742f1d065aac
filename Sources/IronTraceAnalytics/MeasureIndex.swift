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
                if let month {
                    monthSums[key, default: 0] += m.value[i]
                    months[MonthKey(series: s, area: area, year: year, month: month), default: 0] += m.value[i]
                } else {
                    yearTotals[key, default: 0] += m.value[i]
                }
            }
        }
    }

    /// The population of an area for a year: that year's figure when published, else (unless `exact`)
    /// the nearest year's. Sources are preferred in ``populationSources`` order.
    func population(_ area: String, year: Int?, exact: Bool = false) -> Figure? {
        guard let byYear = population[area], !byYear.isEmpty else { return nil }
        let chosenYear: Int
        if let year {
            if byYear[year] != nil {
                chosenYear = year
            } else if exact {
                return nil
            } else {
                chosenYear = byYear.keys.min { (abs($0 - year), -$0) < (abs($1 - year), -$1) }!
            }
        } else {
            chosenYear = byYear.keys.max()!
        }
        let figures = byYear[chosenYear]!
        return figures.min {
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
    func value(_ series: Int, area: String, year: Int) -> Double? {
        let key = Key(series: series, area: area, year: year)
        return yearTotals[key] ?? monthSums[key]
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
