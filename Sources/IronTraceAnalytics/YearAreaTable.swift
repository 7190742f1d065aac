import IronTraceCore
import IronTraceDataset

/// `irontrace report table`: one measure as a table of areas (rows) by year (columns), with a total
/// column and a total row. Measures: the homicide series (`homicides` = INEGI death records, and the
/// SESNSP series by id), `population` (interpolated between published figures), `events` and
/// `fatalities` (armed-violence events by the year of their date).
extension Analytics {
    /// How the rows of a year × area table are formed.
    public enum AreaLevel: String, Sendable, CaseIterable {
        /// One row per state (Mexican or US) of the figures.
        case state
        /// One row per Mexican municipality.
        case municipality
        /// One row per area of the filter's `--area` list (a state row sums its municipalities only
        /// when the state's own figure is absent).
        case area
    }

    /// The measures ``yearAreaTable(measure:by:filter:)`` takes.
    public static let tableMeasures: [String] =
        ["homicides"] + MeasureIndex.series.map(\.id) + ["population", "events", "fatalities"]

    public struct TableProblem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The series index a table measure names, nil for the non-series measures.
    static func seriesIndex(_ measure: String) -> Int? {
        if measure == "homicides" { return 0 }
        return MeasureIndex.series.firstIndex { $0.id == measure }
    }

    /// A measure by year and area for a filter (areas and years; other filters do not apply).
    public func yearAreaTable(measure: String, by level: AreaLevel, filter: ReportFilter) throws(TableProblem)
        -> Report
    {
        guard Analytics.tableMeasures.contains(measure) else {
            throw TableProblem(
                description:
                    "unknown measure '\(measure)'; measures: \(Analytics.tableMeasures.joined(separator: ", "))"
            )
        }
        if level == .area && filter.areas.isEmpty {
            throw TableProblem(description: "--by area needs --area (a list, a group or names)")
        }
        var r = Report(
            name: "table",
            title: "\(measure) by year and \(level.rawValue)",
            notes: [filter.summary],
            isSynthetic: ["events", "fatalities"].contains(measure) ? eventsAreSynthetic : measuresAreSynthetic
        )
        // Figures: area key → year → value.
        var figures: [String: [Int: Double]] = [:]
        var source = ""
        let series = Analytics.seriesIndex(measure)
        if let series {
            let s = MeasureIndex.series[series]
            source = s.source == "INEGI" ? "INEGI, Estadísticas de mortalidad" : "SESNSP, incidencia delictiva"
            for area in measures.areas {
                for y in measures.years {
                    if let v = measures.value(series, area: area, year: y) { figures[area, default: [:]][y] = v }
                }
            }
            if s.source == "INEGI" {
                r.notes.append(
                    "INEGI's cubes omit municipalities with no homicides registered: by municipality, a municipality of the catalogue absent from a year that has figures for its state counts 0."
                )
            }
        } else if measure == "population" {
            source = "Population: CONAPO, US Census, INEGI censuses and conteos"
            r.notes.append(
                "Population between published figures is interpolated geometrically between the two nearest (before the first or after the last: extrapolated with their growth rate); published figures are used as they are."
            )
        } else {
            let e = dataset.events
            var datasets = Set<String>()
            for i in 0..<e.count {
                let area = dataset.strings[e.area[i]]
                let y = CivilDate(dayNumber: e.date[i]).year
                figures[area, default: [:]][y, default: 0] += measure == "events" ? 1 : Double(e.fatalities[i])
                datasets.insert(dataset.strings[e.sourceDataset[i]])
            }
            source =
                "Armed-violence events: "
                + (datasets.isEmpty ? "none loaded" : datasets.sorted().joined(separator: ", "))
            r.notes.append(
                "Events are counted in the year of their date (a month- or year-precision date is within its year)."
            )
        }
        // Rows.
        var rowKeys: [String]
        switch level {
        case .state:
            if measure == "population" {
                rowKeys = MexicanState.all.map { "MX-\($0.codeString)" } + USState.all.map { "US-\($0.usps)" }
            } else {
                // States; events placed only at country level (or nowhere) keep their own row.
                rowKeys = Set(figures.keys.map { stateKey($0) }).filter { $0.count == 5 || series == nil }.sorted()
            }
        case .municipality:
            rowKeys = MexicanMunicipality.all.map { "MX-\($0.codeString)" }
        case .area:
            rowKeys = filter.areas.map(\.description)
        }
        if level != .area { rowKeys = rowKeys.filter { filter.containsArea($0) } }
        let years: [Int] = {
            if let y = filter.years { return Array(y) }
            if measure == "population" { return measures.years.sorted() }
            return Set(figures.values.flatMap(\.keys)).sorted()
        }()
        guard !years.isEmpty else {
            r.notes.append("No figures for this measure: import them first.")
            return r
        }
        r.notes.append("Years: \(years.first!)\(years.count > 1 ? "–\(years.last!)" : "").")
        // Years that have figures per state, for INEGI's omitted zeros.
        var statesWithYear: [String: Set<Int>] = [:]
        if series == 0 {
            for (area, byYear) in figures where area.count == 8 {
                statesWithYear[stateKey(area), default: []].formUnion(byYear.keys)
            }
        }
        /// The figures of the areas inside `key` one level down (states of a country, municipalities of
        /// a state; a country without state figures: its municipalities), for one year.
        func inside(_ key: String, _ y: Int, length: Int) -> Double? {
            var sum = 0.0
            var any = false
            for (area, byYear) in figures where area.count == length && area.hasPrefix(key) {
                if let v = byYear[y] {
                    sum += v
                    any = true
                }
            }
            return any ? sum : nil
        }
        func value(_ key: String, _ y: Int) -> Double? {
            if measure == "population" {
                return PopulationInterpolation(measures.populationByYear(key)).estimate(y)?.value
            }
            if series == nil {
                // Events: each is placed once, so an area's count is its own plus those inside it; by
                // state, a country row holds only the events placed at country level (or nowhere).
                if level == .state && key.count != 5 { return figures[key]?[y] }
                var sum = 0.0
                var any = false
                for (area, byYear) in figures where area == key || (area.count > key.count && area.hasPrefix(key)) {
                    if let v = byYear[y] {
                        sum += v
                        any = true
                    }
                }
                return any ? sum : nil
            }
            // Published series: the area's own figure, else the sum one level down.
            if let v = figures[key]?[y] { return v }
            if key.count == 8 { return statesWithYear[stateKey(key)]?.contains(y) == true ? 0 : nil }
            if key.count == 5 { return inside(key, y, length: 8) }
            return inside(key, y, length: 5) ?? inside(key, y, length: 8)
        }
        var table = ReportTable(
            id: "by_year_area",
            title: r.title,
            columns: [.init("Area code"), .init("Area")] + years.map { .init(String($0), unit: measure) }
                + [.init("Total", unit: measure)],
            source: source
        )
        var columnTotals = [Double](repeating: 0, count: years.count)
        for key in rowKeys {
            let values = years.map { value(key, $0) }
            if values.allSatisfy({ $0 == nil }) && level != .area { continue }
            var row: [Cell] = [.text(key), .text(Analytics.areaName(key))]
            for (k, v) in values.enumerated() {
                row.append(v.map { Cell.whole($0) } ?? .empty)
                columnTotals[k] += v ?? 0
            }
            let present = values.compactMap { $0 }
            row.append(measure == "population" || present.isEmpty ? .empty : Cell.whole(present.reduce(0, +)))
            table.rows.append(row)
        }
        if measure != "population" || level != .state {
            let all: [Cell] = [.text("Total"), .text("All rows")] + columnTotals.map { Cell.whole($0) }
            table.rows.append(all + [measure == "population" ? .empty : Cell.whole(columnTotals.reduce(0, +))])
        }
        if measure == "population" { r.notes.append("Population has no total over years (Total column empty).") }
        r.tables.append(table)
        return r
    }

    /// `MX-14` for `MX-14039`, `US-TX` for `US-TX`; a country key stays itself.
    private func stateKey(_ area: String) -> String { area.count == 8 ? String(area.prefix(5)) : area }
}
