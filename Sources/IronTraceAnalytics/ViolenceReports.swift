import IronTraceCore
import IronTraceDataset

/// Reports 9–11: homicides from the official sources side by side, armed-violence events, and the
/// provenance of the guns recovered at events.
extension Analytics {
    /// An empty report of this kind, noting the filter. It is marked synthetic only when the
    /// records it is computed from are: the official figures (violence, firearm share, commerce)
    /// by the measures, the events by the events, provenance by the traces and the events.
    func newReport(_ name: Name, _ filter: ReportFilter) -> Report {
        let synthetic: Bool
        switch name {
        case .violence, .firearmShare, .commerce: synthetic = measuresAreSynthetic
        case .events: synthetic = eventsAreSynthetic
        default: synthetic = isSynthetic
        }
        return Report(name: name.rawValue, title: name.title, notes: [filter.summary], isSynthetic: synthetic)
    }

    /// The years a violence report covers: the filter's, else the latest year in which every series
    /// with figures has all twelve months (a year with missing months is partial and never the
    /// default), else the latest year with figures.
    func violenceYears(_ filter: ReportFilter) -> [Int] {
        if let y = filter.years { return Array(y) }
        let series = Array(MeasureIndex.series.indices)
        if let y = measures.latestCompleteYear(of: series) { return [y] }
        return measures.years.max().map { [$0] } ?? []
    }

    /// "January–March" for the months of a partial year.
    static func monthSpan(_ months: [Int]) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        guard let first = months.first, let last = months.last else { return "no months" }
        let contiguous = months.count == last - first + 1
        if months.count == 1 { return names[first - 1] }
        return contiguous
            ? "\(names[first - 1])–\(names[last - 1])" : months.map { names[$0 - 1] }.joined(separator: ", ")
    }

    func violenceReport(_ filter: ReportFilter) -> Report {
        var r = newReport(.violence, filter)
        let years = violenceYears(filter)
        let series = MeasureIndex.series.indices.filter { measures.present.contains($0) }
        guard !years.isEmpty, !series.isEmpty else {
            r.notes.append(
                "No homicide figures loaded: import INEGI (`inegi-homicides`) or SESNSP (`sesnsp-incidence`) files."
            )
            return r
        }
        r.notes.append("Years: \(years.first!)\(years.count > 1 ? "–\(years.last!)" : "").")
        if filter.years == nil, let latest = measures.years.max(), latest != years.last {
            r.notes.append(
                "Default year \(years.last!): the latest year every source covers in full (later years are partial; ask for them with --years)."
            )
        }
        // Partial years: say which months each source has; rates are annualised from them.
        for y in measures.years.sorted() where years.contains(y) || filter.years == nil {
            for s in MeasureIndex.series.indices where measures.present.contains(s) {
                let months = measures.monthNames(s, year: y)
                let n = measures.monthsCovered(s, year: y)
                guard n > 0, n < 12 else { continue }
                let label = MeasureIndex.series[s]
                r.notes.append(
                    "PARTIAL YEAR: \(y) has \(n) of 12 months of \(label.label.lowercased()) (\(label.source): \(Analytics.monthSpan(months)))\(years.contains(y) ? "; its counts are for those months and its rates are annualised from them (count × 12 / \(n))" : "")."
                )
            }
        }
        r.notes.append(
            "INEGI counts deaths from death certificates by year of registration; SESNSP counts investigation files (carpetas) and victims opened by state prosecutors. They differ; each figure keeps its source."
        )
        if !filter.types.isEmpty || !filter.sourceStates.isEmpty || filter.dealer != nil {
            r.notes.append("Firearm type, source state and dealer filters do not apply to official homicide figures.")
        }
        // The command names the filtered area (the first state or municipality asked for), else Jalisco.
        let area = filter.areas.first { $0.country == "MX" }?.description ?? "MX-14"
        let provenance = provenanceNotes(
            example: "irontrace info --measure homicides --area \(area) --period 2010-% --rows"
        ) { !$0.hasPrefix("atf-") && $0 != "native:flows" && $0 != "census-population" }
        r.notes += provenance.notes
        r.commands += provenance.commands
        let labels = series.map { MeasureIndex.series[$0] }
        func sum(_ s: Int, _ area: String) -> Double? {
            var total = 0.0
            var any = false
            for y in years {
                let v = area == "MX" ? measures.national(s, year: y) : measures.value(s, area: area, year: y)
                if let v {
                    total += v
                    any = true
                }
            }
            return any ? total : nil
        }
        /// The count with each partial year scaled to twelve months, for rates.
        func annualisedSum(_ s: Int, _ area: String) -> Double? {
            var total = 0.0
            var any = false
            for y in years {
                let v = area == "MX" ? measures.national(s, year: y) : measures.value(s, area: area, year: y)
                guard let v else { continue }
                let n = measures.monthsCovered(s, area: area, year: y)
                total += n > 0 && n < 12 ? v * 12 / Double(n) : v
                any = true
            }
            return any ? total : nil
        }
        /// Person-years: the population summed over the years, and the source and years used.
        func personYears(_ area: String) -> (Double, String)? {
            var total = 0.0
            var sources = Set<String>()
            for y in years {
                guard let p = measures.population(area, year: y) else { return nil }
                total += p.value
                sources.insert(p.source.isEmpty ? p.period : "\(p.source) \(p.period)")
            }
            return (total, sources.sorted().joined(separator: "; "))
        }
        func rateCells(_ area: String) -> [Cell] {
            let pop = personYears(area)
            var cells: [Cell] = [pop.map { Cell.whole($0.0 / Double(years.count)) } ?? .empty]
            for s in series {
                let v = sum(s, area)
                let a = annualisedSum(s, area)
                cells.append(v.map { Cell.whole($0) } ?? .empty)
                cells.append(a.flatMap { v in pop.map { .number(v / $0.0 * 100_000, digits: 1) } } ?? .empty)
            }
            let all = series.first { !MeasureIndex.series[$0].firearm && MeasureIndex.series[$0].source == "SESNSP" }
            let firearm = series.first { MeasureIndex.series[$0].firearm }
            if let all, let firearm, let a = sum(all, area), let f = sum(firearm, area), a > 0 {
                cells.append(.share(f / a))
            } else {
                cells.append(.empty)
            }
            return cells
        }
        var columns: [ReportTable.Column] = [.init("Area"), .init("Population", unit: "residents")]
        for s in labels {
            columns.append(.init("\(s.label) (\(s.source))", unit: "count"))
            columns.append(.init("\(s.label) rate (\(s.source))", unit: "per 100,000 per year"))
        }
        columns.append(.init("Firearm share (SESNSP)", unit: "%"))
        let sourceNote =
            Set(labels.map(\.source)).sorted().map {
                $0 == "INEGI" ? "INEGI, Estadísticas de mortalidad" : "SESNSP, incidencia delictiva"
            }
            .joined(separator: "; ") + "; population: CONAPO projections, INEGI census"
        // By state, or the areas of the filter: a state as itself, a municipality as itself (its
        // own figures, not its state's).
        var states = MexicanState.all.map { "MX-\($0.codeString)" }
        if !filter.areas.isEmpty {
            states = filter.areas.compactMap { a -> String? in
                switch a {
                case .mexicanState, .mexicanMunicipality: a.description
                default: nil
                }
            }
        }
        let municipal = filter.areas.contains { if case .mexicanMunicipality = $0 { true } else { false } }
        var byState = ReportTable(
            id: "by_state",
            title: municipal ? "Homicides and rates of the chosen areas" : "Homicides and rates by state",
            columns: columns,
            source: sourceNote
        )
        for key in states {
            let cells = rateCells(key)
            if cells.dropFirst().allSatisfy({ $0 == .empty }) { continue }
            byState.rows.append([.text(Analytics.areaName(key))] + cells)
        }
        // Highest rate first (the first series with a rate), else highest count.
        byState.rows.sort { ($0[3].number ?? -1, $0[2].number ?? -1) > ($1[3].number ?? -1, $1[2].number ?? -1) }
        if filter.areas.isEmpty { byState.rows.append([.text("Mexico")] + rateCells("MX")) }
        r.tables.append(byState)
        // The trend for the nation or the filtered area, over every year with figures.
        let trendArea = filter.recoveryArea.map { $0.description } ?? "MX"
        var trend = ReportTable(
            id: "trend",
            title: "Trend: \(Analytics.areaName(trendArea))",
            columns: [
                .init("Year"), .init("Months with figures", unit: "months"), .init("Population", unit: "residents"),
            ]
                + labels.flatMap {
                    [
                        .init("\($0.label) (\($0.source))", unit: "count"),
                        .init("Rate (\($0.source))", unit: "per 100,000"),
                    ]
                },
            source: sourceNote
        )
        for y in measures.years.sorted() {
            let pop = measures.population(trendArea, year: y)
            let covered = series.map { measures.monthsCovered($0, area: trendArea, year: y) }.filter { $0 > 0 }
            var row: [Cell] = [
                .text(String(y)), covered.min().map { .count($0) } ?? .empty,
                pop.map { Cell.whole($0.value) } ?? .empty,
            ]
            var any = false
            for s in series {
                let v = trendArea == "MX" ? measures.national(s, year: y) : measures.value(s, area: trendArea, year: y)
                if v != nil { any = true }
                let n = measures.monthsCovered(s, area: trendArea, year: y)
                let annual = v.map { n > 0 && n < 12 ? $0 * 12 / Double(n) : $0 }
                row.append(v.map { Cell.whole($0) } ?? .empty)
                row.append(annual.flatMap { v in pop.map { .number(v / $0.value * 100_000, digits: 1) } } ?? .empty)
            }
            if any { trend.rows.append(row) }
        }
        r.tables.append(trend)
        // Municipalities of 300,000 people or more, ranked by rate.
        var municipalities = ReportTable(
            id: "municipalities",
            title: "Municipalities of 300,000 people or more, ranked by homicide rate",
            columns: [
                .init("Rank"), .init("Municipality"), .init("State"), .init("Population", unit: "residents"),
                .init("Population source"), .init("Homicides", unit: "count"), .init("Source"),
                .init("Rate", unit: "per 100,000 per year"),
            ],
            source: sourceNote
        )
        var ranked: [(MexicanMunicipality, Double, String, Double, String, Double)] = []
        var allRates = ReportTable(
            id: "municipal_rates",
            title: "Homicide rates of all municipalities with figures",
            columns: [
                .init("Area code"), .init("Municipality"), .init("State"), .init("Population", unit: "residents"),
                .init("Homicides", unit: "count"), .init("Source"), .init("Rate", unit: "per 100,000 per year"),
            ],
            source: sourceNote
        )
        // One pass over the municipalities of the filter's state (all of them without one): every
        // municipality with figures goes to the full table, those of 300,000 or more to the ranking
        // (only the filtered one when the filter names a municipality).
        var structuralZeros = 0
        for m in MexicanMunicipality.all {
            let key = "MX-\(m.codeString)"
            if let chosen = filter.mexicanStates, !chosen.contains(m.state) { continue }
            if years.contains(where: { measures.isStructuralZero(0, area: key, year: $0) }) { structuralZeros += 1 }
            guard
                measures.areas.contains(key)
                    || years.contains(where: { measures.isStructuralZero(0, area: key, year: $0) }),
                let pop = personYears(key), pop.0 > 0
            else { continue }
            guard let s = series.first(where: { sum($0, key) != nil }), let v = sum(s, key),
                let annual = annualisedSum(s, key)
            else { continue }
            let meanPopulation = pop.0 / Double(years.count)
            let rate = annual / pop.0 * 100_000
            let source = MeasureIndex.series[s].source
            allRates.rows.append([
                .text(key), .text(m.name), .text(m.state.name), Cell.whole(meanPopulation),
                Cell.whole(v), .text(source), .number(rate, digits: 1),
            ])
            if filter.areas.contains(where: { if case .mexicanMunicipality = $0 { true } else { false } }),
                !filter.containsArea(key)
            {
                continue
            }
            if meanPopulation >= 300_000 { ranked.append((m, meanPopulation, pop.1, v, source, rate)) }
        }
        ranked.sort { ($0.5, $1.0.code) > ($1.5, $0.0.code) }
        for (k, x) in ranked.enumerated() {
            municipalities.rows.append([
                .count(k + 1), .text(x.0.name), .text(x.0.state.name), Cell.whole(x.1), .text(x.2),
                Cell.whole(x.3), .text(x.4), .number(x.5, digits: 1),
            ])
        }
        if structuralZeros > 0 {
            r.notes.append(
                "\(NumberText.grouped(structuralZeros)) municipalities of the INEGI catalogue are absent from INEGI's file for a state and year it covers: INEGI's cube leaves out municipalities with no deaths, so they count 0 (shown as 0, not \"no data\"). States or years a file does not cover stay \"no data\"."
            )
        }
        r.tables.append(municipalities)
        r.tables.append(allRates)
        if years.count <= 3 {
            var monthly = ReportTable(
                id: "monthly",
                title: "By month: \(Analytics.areaName(trendArea))",
                columns: [.init("Month")] + labels.map { .init("\($0.label) (\($0.source))", unit: "count") },
                source: sourceNote
            )
            for y in years {
                for m in 1...12 {
                    let cells: [Cell] = series.map { s in
                        if trendArea == "MX" {
                            let direct = measures.month(s, area: "MX", year: y, month: m)
                            if let direct { return Cell.whole(direct) }
                            let states = MexicanState.all.compactMap {
                                measures.month(s, area: "MX-\($0.codeString)", year: y, month: m)
                            }
                            return states.isEmpty ? .empty : Cell.whole(states.reduce(0, +))
                        }
                        return measures.month(s, area: trendArea, year: y, month: m).map { Cell.whole($0) }
                            ?? .empty
                    }
                    if cells.contains(where: { $0 != .empty }) {
                        monthly.rows.append([.text(SpanishMonth.period(y, m))] + cells)
                    }
                }
            }
            r.tables.append(monthly)
        }
        return r
    }

    /// Events selected by a filter (country, area, years, event id).
    func selectedEvents(_ filter: ReportFilter) -> [Int] {
        let e = dataset.events
        let municipalStates = Set(
            filter.areas.compactMap { a -> String? in
                guard case .mexicanMunicipality = a else { return nil }
                return a.mexicanState.map { "MX-\($0.codeString)" }
            }
        )
        return (0..<e.count).filter { i in
            if let id = filter.event, e.id[i] != id { return false }
            let a = dataset.strings[e.area[i]]
            // An event placed only at state level matches a municipality filter of that state.
            if !filter.areas.isEmpty, !(filter.containsArea(a) || municipalStates.contains(a)) { return false }
            if let c = filter.recoveryCountry, !(a == c || a.hasPrefix(c + "-")) { return false }
            if let y = filter.years, !y.contains(CivilDate(dayNumber: e.date[i]).year) { return false }
            return true
        }
    }

    func eventsReport(_ filter: ReportFilter) -> Report {
        var r = newReport(.events, filter)
        let e = dataset.events
        let s = dataset.strings
        let rows = selectedEvents(filter)
        let totalFatalities = rows.map { Int(e.fatalities[$0]) }.reduce(0, +)
        r.notes.append("\(NumberText.grouped(rows.count)) events, \(NumberText.grouped(totalFatalities)) fatalities.")
        // A municipality filter keeps the events of its state that are located only by state (most
        // are): say so, or the state's figures would read as the municipality's.
        if filter.areas.contains(where: { if case .mexicanMunicipality = $0 { true } else { false } }) {
            let stateOnly = rows.filter { s[e.area[$0]].count == 5 }
            if !stateOnly.isEmpty {
                let states = Set(stateOnly.map { s[e.area[$0]] }).sorted().map { Analytics.areaName($0) }
                r.notes.append(
                    "\(NumberText.grouped(stateOnly.count)) of these events are located only by state: they are counted for the municipality's whole state (\(states.joined(separator: ", "))), not placed in the municipality."
                )
            }
        }
        let datasets = Set(rows.map { s[e.sourceDataset[$0]] }).sorted()
        let source = "Armed-violence events: " + (datasets.isEmpty ? "none loaded" : datasets.joined(separator: ", "))
        func grouped(_ id: String, _ title: String, _ label: String, top: Int, key: (Int) -> String) -> ReportTable {
            var n: [String: (Int, Int)] = [:]
            for i in rows {
                let k = key(i)
                n[k, default: (0, 0)].0 += 1
                n[k, default: (0, 0)].1 += Int(e.fatalities[i])
            }
            let sorted = n.sorted { ($0.value.0, $1.key) > ($1.value.0, $0.key) }.prefix(top)
            return ReportTable(
                id: id,
                title: title,
                columns: [
                    .init(label), .init("Events", unit: "events"), .init("Share", unit: "%"),
                    .init("Fatalities", unit: "deaths"),
                ],
                rows: sorted.map {
                    [
                        .text($0.key.isEmpty ? "(not stated)" : $0.key), .count($0.value.0),
                        Analytics.share($0.value.0, rows.count), .count($0.value.1),
                    ]
                },
                source: source
            )
        }
        r.tables.append(grouped("by_type", "By event type", "Event type", top: 50) { s[e.type[$0]] })
        r.tables.append(
            grouped("by_sub_type", "By sub-event type", "Sub-event type", top: 50) {
                "\(s[e.type[$0]]): \(s[e.subType[$0]])"
            }
        )
        r.tables.append(grouped("by_actor", "By actor (top 20)", "Actor", top: 20) { s[e.actor1[$0]] })
        r.tables.append(
            grouped("by_state", "By state", "State", top: 100) { Analytics.areaName(String(s[e.area[$0]].prefix(5))) }
        )
        // By month, each event counted by its date's precision: one dated to a day or a month counts in
        // its month; one known only within a range of months (UCDP's year-precision events) is spread
        // evenly over the months of the range, its fatalities with it.
        var monthEvents: [Int: (events: Double, fatalities: Double, spread: Double)] = [:]
        var spreadEvents = 0
        for i in rows {
            let start = CivilDate(dayNumber: e.date[i])
            let end = CivilDate(dayNumber: e.endDate[i])
            let first = start.year * 12 + start.month - 1
            // Readers bound a range to ten years; a stored end date beyond that is capped, not looped over.
            let last = min(first + 120, max(first, end.year * 12 + end.month - 1))
            let n = Double(last - first + 1)
            if n > 1 { spreadEvents += 1 }
            for k in first...last {
                monthEvents[k, default: (0, 0, 0)].events += 1 / n
                monthEvents[k, default: (0, 0, 0)].fatalities += Double(e.fatalities[i]) / n
                if n > 1 { monthEvents[k, default: (0, 0, 0)].spread += 1 / n }
            }
        }
        func amount(_ x: Double) -> Cell {
            abs(x - x.rounded()) < 1e-9 ? Cell.whole(x) : .number(x, digits: 1)
        }
        var byMonth = ReportTable(
            id: "by_month",
            title: "By month",
            columns: [
                .init("Month"), .init("Events", unit: "events"), .init("Share", unit: "%"),
                .init("Fatalities", unit: "deaths"), .init("Of which spread from longer date ranges", unit: "events"),
            ],
            rows: monthEvents.keys.sorted().map { k in
                let m = monthEvents[k]!
                return [
                    .text(SpanishMonth.period(k / 12, k % 12 + 1)), amount(m.events),
                    rows.isEmpty ? .empty : .share(m.events / Double(rows.count)), amount(m.fatalities),
                    amount(m.spread),
                ]
            },
            source: source
        )
        // A month with no event is zero only while some loaded event dataset covers it (from the
        // dataset's first event to its last, over every event stored, whatever the filter): between one
        // dataset's end and another's start nobody reported, and that is a gap, not a calm month. Press
        // reports ("press": documented incidents, a handful over many years) cover only their own dates.
        var coverage: [Int32: ClosedRange<Int>] = [:]
        let press = dataset.strings.lookup("press")
        for i in 0..<e.count where e.sourceDataset[i] != press {
            let start = CivilDate(dayNumber: e.date[i])
            let end = CivilDate(dayNumber: max(e.date[i], e.endDate[i]))
            let range = (start.year * 12 + start.month - 1)...(end.year * 12 + end.month - 1)
            coverage[e.sourceDataset[i]] =
                coverage[e.sourceDataset[i]].map {
                    min($0.lowerBound, range.lowerBound)...max($0.upperBound, range.upperBound)
                } ?? range
        }
        let covered = { (k: Int) in coverage.values.contains { $0.contains(k) } }
        byMonth.rows = MonthAxis.toScale(
            byMonth.rows,
            filler: [.count(0), .share(0), .count(0), .count(0)],
            covered: covered
        )
        let uncovered = byMonth.rows.filter { $0.count > 1 && $0[1] == .empty }.count
        if uncovered > 0 {
            r.notes.append(
                "\(NumberText.grouped(uncovered)) months lie outside the period of every event dataset loaded (its first to its last event; press reports count only for their own dates): they are left blank in the table by month and drawn as a gap, not as zero."
            )
        }
        if spreadEvents > 0 {
            r.notes.append(
                "\(NumberText.grouped(spreadEvents)) events are dated only to a range of months (UCDP's year or month precision): the table by month spreads each evenly over its months, with its fatalities, rather than piling it into the first (counts there can have decimals)."
            )
        }
        r.tables.append(byMonth)
        r.tables.append(grouped("by_source", "By source dataset", "Dataset", top: 20) { s[e.sourceDataset[$0]] })
        return r
    }

    func provenanceReport(_ filter: ReportFilter) -> Report {
        var r = newReport(.provenance, filter)
        let d = dataset
        let s = d.strings
        let events = selectedEvents(filter)
        var eventRow: [Int64: Int] = [:]
        for i in events { eventRow[d.events.id[i]] = i }
        // Traces of recoveries linked to the selected events.
        var linked: [(trace: Int, recovery: Int, event: Int)] = []
        for t in 0..<facts.count {
            let rr = Int(facts.recoveryRow[t])
            guard rr >= 0 else { continue }
            let ev = d.recoveries.event[rr]
            guard ev != 0, let e = eventRow[ev] else { continue }
            if !filter.types.isEmpty && !filter.types.contains(Dataset.firearmTypes[Int(facts.type[t])]) { continue }
            if !filter.sourceStates.isEmpty,
                !filter.sourceStates.contains(facts.sourceStates[Int(facts.sourceState[t])])
            {
                continue
            }
            linked.append((t, rr, e))
        }
        let withDealer = linked.filter { facts.dealerRow[$0.trace] >= 0 }
        r.notes.append(
            "\(NumberText.grouped(events.count)) events selected; \(NumberText.grouped(linked.count)) recovered guns linked to them; \(NumberText.grouped(withDealer.count)) traced to a dealer."
        )
        let source = "IronTrace trace records and armed-violence events"
        // Dealers that armed the events.
        var byDealer: [Int32: (guns: Int, events: Set<Int>, ttc: [Int])] = [:]
        for x in withDealer {
            let dr = facts.dealerRow[x.trace]
            byDealer[dr, default: (0, [], [])].guns += 1
            byDealer[dr, default: (0, [], [])].events.insert(x.event)
            let ttc = Int(facts.timeToCrime[x.trace])
            if ttc >= 0 { byDealer[dr, default: (0, [], [])].ttc.append(ttc) }
        }
        let dealers = byDealer.sorted { ($0.value.guns, $1.key) > ($1.value.guns, $0.key) }
        r.tables.append(
            ReportTable(
                id: "dealers",
                title: "Dealers whose guns were recovered at these events",
                columns: [
                    .init("Licence"), .init("Dealer"), .init("City"), .init("State"), .init("Guns", unit: "guns"),
                    .init("Events", unit: "events"), .init("Fatalities at those events", unit: "deaths"),
                    .init("Median time-to-crime", unit: "days"),
                ],
                rows: dealers.map { dr, v in
                    let i = Int(dr)
                    let ttc = v.ttc.sorted()
                    return [
                        .text(s[d.licensees.licence[i]]), .text(s[d.licensees.name[i]]), .text(s[d.licensees.city[i]]),
                        .text(s[d.licensees.state[i]]), .count(v.guns), .count(v.events.count),
                        .count(v.events.map { Int(d.events.fatalities[$0]) }.reduce(0, +)),
                        ttc.isEmpty ? .empty : .count(ttc[ttc.count / 2]),
                    ]
                },
                source: source
            )
        )
        var bySource: [String: Int] = [:]
        for x in linked {
            let c = Dataset.sourceClasses[Int(facts.sourceClass[x.trace])]
            let st = facts.sourceStates[Int(facts.sourceState[x.trace])]
            let key =
                c == .usSourced ? (USState.lookup(st)?.name ?? "United States (state unknown)") : Analytics.label(c)
            bySource[key, default: 0] += 1
        }
        r.tables.append(
            ReportTable(
                id: "source_states",
                title: "Where the guns came from",
                columns: [.init("Source"), .init("Guns", unit: "guns"), .init("Share", unit: "%")],
                rows: bySource.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
                    [.text($0.key), .count($0.value), Analytics.share($0.value, linked.count)]
                },
                source: source
            )
        )
        r.tables.append(
            ReportTable(
                id: "guns",
                title: "Recovered guns linked to the events",
                columns: [
                    .init("Event"), .init("Event date"), .init("Location"), .init("Event type"),
                    .init("Fatalities", unit: "deaths"),
                    .init("Firearm"), .init("Caliber"), .init("Type"), .init("Dealer licence"), .init("Dealer"),
                    .init("Source state"), .init("Time-to-crime", unit: "days"),
                ],
                rows: linked.sorted { (d.events.date[$0.event], $0.trace) < (d.events.date[$1.event], $1.trace) }.map {
                    x in
                    let dr = Int(facts.dealerRow[x.trace])
                    let ttc = Int(facts.timeToCrime[x.trace])
                    return [
                        .count(Int(d.events.id[x.event])),
                        .text(d.eventDateText(x.event)),
                        .text(s[d.events.location[x.event]]), .text(s[d.events.type[x.event]]),
                        .count(Int(d.events.fatalities[x.event])), .text(s[d.recoveries.manufacturer[x.recovery]]),
                        .text(s[d.recoveries.caliber[x.recovery]]),
                        .text(Dataset.firearmTypes[Int(d.recoveries.type[x.recovery])].description),
                        dr >= 0 ? .text(s[d.licensees.licence[dr]]) : .empty,
                        dr >= 0 ? .text(s[d.licensees.name[dr]]) : .empty,
                        .text(facts.sourceStates[Int(facts.sourceState[x.trace])]), ttc >= 0 ? .count(ttc) : .empty,
                    ]
                },
                source: source
            )
        )
        return r
    }
}

/// `YYYY-MM` periods.
enum SpanishMonth {
    static func period(_ y: Int, _ m: Int) -> String { "\(y)-\(m < 10 ? "0" : "")\(m)" }
}
