import IronTraceCore
import IronTraceDataset

/// `irontrace report did`: a difference-in-differences comparison of homicide rates in two groups of
/// Mexican municipalities (or states) before and after a break date, as Dube, Dube & García-Ponce
/// (2013, "Cross-Border Spillover: U.S. Gun Laws and Violence in Mexico", APSR 107(3)) compare the
/// municipalities near Texas, Arizona and New Mexico with those near California around the expiry of
/// the US federal assault-weapons ban (13 September 2004).
///
/// Periods are whole years: "before" is the years that end before the break month, "after" the years
/// that start on or after it; the year containing the break (unless the break is in January) belongs
/// to neither and is shown apart. A period's rate is its homicides over its person-years × 100,000.
/// The estimate is (treated after − treated before) − (control after − control before).
public struct DifferenceInDifferences: Sendable {
    /// A comparison's parameters.
    public struct Design: Sendable {
        public var treated: [AreaCode]
        public var treatedName: String
        public var control: [AreaCode]
        public var controlName: String
        /// The break: year and month (1–12).
        public var breakYear: Int
        public var breakMonth: Int
        public var years: ClosedRange<Int>
        /// A series id of ``Analytics/tableMeasures`` (`homicides`, ...).
        public var measure: String

        public init(
            treated: [AreaCode],
            treatedName: String,
            control: [AreaCode],
            controlName: String,
            breakYear: Int,
            breakMonth: Int,
            years: ClosedRange<Int>,
            measure: String
        ) {
            self.treated = treated
            self.treatedName = treatedName
            self.control = control
            self.controlName = controlName
            self.breakYear = breakYear
            self.breakMonth = breakMonth
            self.years = years
            self.measure = measure
        }

        /// Whether a year lies wholly before, wholly after, or around the break.
        func period(_ year: Int) -> Period {
            if year < breakYear { return .before }
            if year > breakYear || (year == breakYear && breakMonth == 1) { return .after }
            return .breakYear
        }
    }

    enum Period { case before, after, breakYear }

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }
}

extension Analytics {
    /// The difference-in-differences report for a design.
    public func differenceInDifferences(_ design: DifferenceInDifferences.Design) throws(DifferenceInDifferences
        .Problem)
        -> Report
    {
        guard let series = Analytics.seriesIndex(design.measure) else {
            throw DifferenceInDifferences.Problem(
                description:
                    "--measure must be a homicide series: homicides, \(MeasureIndex.series.map(\.id).joined(separator: ", "))"
            )
        }
        let overlap = Set(design.treated).intersection(design.control)
        guard overlap.isEmpty else {
            throw DifferenceInDifferences.Problem(
                description:
                    "the groups overlap (\(overlap.sorted().map(\.description).joined(separator: ", "))): an area can be treated or control, not both"
            )
        }
        guard !design.treated.isEmpty, !design.control.isEmpty else {
            throw DifferenceInDifferences.Problem(description: "a group is empty")
        }
        let s = MeasureIndex.series[series]
        var r = Report(
            name: "did",
            title:
                "Difference in differences: \(design.treatedName) vs \(design.controlName), break \(design.breakYear)-\(design.breakMonth < 10 ? "0" : "")\(design.breakMonth)",
            isSynthetic: measuresAreSynthetic
        )
        let years = Array(design.years)
        /// Homicides and population of one group in one year, with what was filled in.
        struct GroupYear {
            var homicides = 0.0
            var population = 0.0
            var areas = 0
            var zeroFilled = 0
            var withoutPopulation = 0
            var methods: [PopulationInterpolation.Method: Int] = [:]
            var bases = Set<String>()
        }
        let yearsWithFigures = Set(
            years.filter { y in measures.areas.contains { measures.value(series, area: $0, year: y) != nil } }
        )
        func groupYear(_ areas: [AreaCode], _ y: Int) -> GroupYear {
            var g = GroupYear()
            for a in areas {
                let key = a.description
                guard let p = PopulationInterpolation(measures.populationByYear(key)).estimate(y) else {
                    g.withoutPopulation += 1
                    continue
                }
                g.areas += 1
                g.population += p.value
                g.methods[p.method, default: 0] += 1
                g.bases.insert(p.basis.split(separator: " ").dropLast().joined(separator: " "))
                if let v = measures.value(series, area: key, year: y) {
                    g.homicides += v
                } else {
                    // Omitted by the publisher (INEGI cubes leave out municipalities with no homicides).
                    g.zeroFilled += 1
                }
            }
            return g
        }
        let treated = years.map { groupYear(design.treated, $0) }
        let control = years.map { groupYear(design.control, $0) }
        func rate(_ g: GroupYear) -> Double? { g.population > 0 ? g.homicides / g.population * 100_000 : nil }
        // By year.
        var byYear = ReportTable(
            id: "by_year",
            title: "Rates by year",
            columns: [
                .init("Year"), .init("Period"),
                .init("\(design.treatedName) homicides", unit: "count"),
                .init("\(design.treatedName) population", unit: "residents"),
                .init("\(design.treatedName) rate", unit: "per 100,000"),
                .init("\(design.controlName) homicides", unit: "count"),
                .init("\(design.controlName) population", unit: "residents"),
                .init("\(design.controlName) rate", unit: "per 100,000"),
                .init("Municipalities counted 0 (omitted by the publisher)", unit: "areas"),
            ],
            source:
                "\(s.source == "INEGI" ? "INEGI, Estadísticas de mortalidad (defunciones por homicidio)" : "SESNSP, incidencia delictiva"); population: published figures (INEGI censuses and conteos, CONAPO), interpolated (see notes)"
        )
        var sums: [String: (h: Double, p: Double, years: [Int])] = [:]
        for (k, y) in years.enumerated() {
            guard yearsWithFigures.contains(y) else { continue }
            let period = design.period(y)
            let label = period == .before ? "before" : period == .after ? "after" : "break year (excluded)"
            byYear.rows.append([
                .text(String(y)), .text(label),
                Cell.whole(treated[k].homicides), Cell.whole(treated[k].population),
                rate(treated[k]).map { .number($0, digits: 2) } ?? .empty,
                Cell.whole(control[k].homicides), Cell.whole(control[k].population),
                rate(control[k]).map { .number($0, digits: 2) } ?? .empty,
                .count(treated[k].zeroFilled + control[k].zeroFilled),
            ])
            guard period != .breakYear else { continue }
            for (group, g) in [("treated", treated[k]), ("control", control[k])] {
                let key = "\(group) \(period == .before ? "before" : "after")"
                sums[key, default: (0, 0, [])].h += g.homicides
                sums[key, default: (0, 0, [])].p += g.population
                sums[key, default: (0, 0, [])].years.append(y)
            }
        }
        func periodRate(_ key: String) -> Double? {
            guard let x = sums[key], x.p > 0 else { return nil }
            return x.h / x.p * 100_000
        }
        guard let tb = periodRate("treated before"), let ta = periodRate("treated after"),
            let cb = periodRate("control before"), let ca = periodRate("control after")
        else {
            r.notes.append(
                "Not enough figures: both groups need homicides and population in years before and after the break (years with figures: \(yearsWithFigures.sorted().map(String.init).joined(separator: ", ")))."
            )
            r.tables.append(byYear)
            return r
        }
        func span(_ ys: [Int]) -> String {
            guard let a = ys.min(), let b = ys.max() else { return "" }
            return a == b ? "\(a)" : "\(a)–\(b)"
        }
        let beforeYears = span(sums["treated before"]!.years)
        let afterYears = span(sums["treated after"]!.years)
        var estimate = ReportTable(
            id: "estimate",
            title: "Difference in differences (homicides per 100,000 per year)",
            columns: [
                .init("Group"), .init("Areas", unit: "areas"), .init("Before \(beforeYears)", unit: "per 100,000"),
                .init("After \(afterYears)", unit: "per 100,000"), .init("Change", unit: "per 100,000"),
                .init("Homicides before", unit: "count"), .init("Homicides after", unit: "count"),
                .init("Person-years before", unit: "person-years"), .init("Person-years after", unit: "person-years"),
            ],
            source: byYear.source
        )
        for (name, group, areas, b, a) in [
            (design.treatedName, "treated", treated, tb, ta), (design.controlName, "control", control, cb, ca),
        ] {
            estimate.rows.append([
                .text(name), .count(areas.map(\.areas).max() ?? 0), .number(b, digits: 2), .number(a, digits: 2),
                .number(a - b, digits: 2),
                Cell.whole(sums["\(group) before"]!.h), Cell.whole(sums["\(group) after"]!.h),
                Cell.whole(sums["\(group) before"]!.p), Cell.whole(sums["\(group) after"]!.p),
            ])
        }
        let did = (ta - tb) - (ca - cb)
        estimate.rows.append([
            .text("Difference in differences"), .empty, .number(tb - cb, digits: 2), .number(ta - ca, digits: 2),
            .number(did, digits: 2), .empty, .empty, .empty, .empty,
        ])
        r.tables.append(estimate)
        r.tables.append(byYear)
        // Members.
        var members = ReportTable(
            id: "groups",
            title: "Areas of each group",
            columns: [.init("Group"), .init("Area code"), .init("Area")],
            source: "IronTrace area groups (docs/area-groups.md)"
        )
        for (name, areas) in [(design.treatedName, design.treated), (design.controlName, design.control)] {
            for a in areas { members.rows.append([.text(name), .text(a.description), .text(a.displayName)]) }
        }
        r.tables.append(members)
        let zeroFilled = (treated + control).map(\.zeroFilled).reduce(0, +)
        let noPopulation = Set(
            (design.treated + design.control).filter { measures.populationByYear($0.description).isEmpty }
        )
        let methods = (treated + control).reduce(into: [PopulationInterpolation.Method: Int]()) {
            for (m, n) in $1.methods { $0[m, default: 0] += n }
        }
        let bases = (treated + control).reduce(into: Set<String>()) { $0.formUnion($1.bases) }
        r.notes = [
            "Treated: \(design.treatedName) (\(design.treated.count) areas); control: \(design.controlName) (\(design.control.count) areas).",
            "Measure: \(s.label) (\(s.source)). Years \(design.years.lowerBound)–\(design.years.upperBound); before: \(beforeYears); after: \(afterYears)"
                + (design.breakMonth == 1
                    ? "." : "; \(design.breakYear) contains the break and is in neither period."),
            "Difference in differences: (\(NumberText.fixed(ta, digits: 2)) − \(NumberText.fixed(tb, digits: 2))) − (\(NumberText.fixed(ca, digits: 2)) − \(NumberText.fixed(cb, digits: 2))) = \(NumberText.fixed(did, digits: 2)) homicides per 100,000 per year. A plain comparison of group rates: no controls, no standard error.",
            s.source == "INEGI"
                ? "INEGI counts deaths by the year they were registered and the municipality where they occurred."
                : "SESNSP counts by the month the investigation was opened.",
            "Group rates are the group's homicides over its person-years (populations summed, not rates averaged). An area the publisher omits in a year that has figures counts 0 homicides and its population (\(zeroFilled) area-years).",
            "Population: "
                + [PopulationInterpolation.Method.published, .interpolated, .extrapolated, .heldConstant].compactMap {
                    m in
                    methods[m].map { "\(m.rawValue) \($0) area-years" }
                }.joined(separator: ", ")
                + " (geometric between the nearest published figures: \(bases.sorted().joined(separator: ", "))).",
        ]
        if !noPopulation.isEmpty {
            r.notes.append(
                "Left out for want of any population figure: \(noPopulation.sorted().map(\.description).joined(separator: ", "))."
            )
        }
        return r
    }
}
