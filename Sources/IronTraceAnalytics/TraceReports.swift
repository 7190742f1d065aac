import IronTraceCore
import IronTraceDataset

/// Reports 1–8, read off one ``TraceAggregates``.
extension Analytics {
    func summary(_ a: TraceAggregates, _ r: inout Report) {
        let outcomes = Dataset.outcomes
        let classes = Dataset.sourceClasses
        var byOutcome = [Int](repeating: 0, count: outcomes.count)
        var byClass = [Int](repeating: 0, count: classes.count)
        for y in 0..<a.years {
            for o in outcomes.indices { byOutcome[o] += a.outcomeYear[y * outcomes.count + o] }
            for c in classes.indices { byClass[c] += a.classYear[y * classes.count + c] }
        }
        r.tables.append(
            ReportTable(
                id: "outcomes",
                title: "Trace outcomes",
                columns: [.init("Outcome"), .init("Traces", unit: "traces"), .init("Share", unit: "%")],
                rows: outcomes.indices.map {
                    [
                        .text(Analytics.label(outcomes[$0])), .count(byOutcome[$0]),
                        Analytics.share(byOutcome[$0], a.total),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        r.tables.append(
            ReportTable(
                id: "source_class",
                title: "Source country of the traced guns",
                columns: [.init("Source"), .init("Traces", unit: "traces"), .init("Share", unit: "%")],
                rows: classes.indices.map {
                    [.text(Analytics.label(classes[$0])), .count(byClass[$0]), Analytics.share(byClass[$0], a.total)]
                },
                source: Analytics.traceSource
            )
        )
        var years = ReportTable(
            id: "by_year",
            title: "Traces by year of recovery",
            columns: [
                .init("Year"), .init("Traces", unit: "traces"), .init("Completed", unit: "traces"),
                .init("US-sourced", unit: "traces"), .init("Non-US-sourced", unit: "traces"),
                .init("Undetermined", unit: "traces"), .init("US-sourced share", unit: "%"),
            ],
            source: Analytics.traceSource
        )
        for y in 0..<a.years {
            let o = (0..<outcomes.count).map { a.outcomeYear[y * outcomes.count + $0] }
            let c = (0..<classes.count).map { a.classYear[y * classes.count + $0] }
            let n = o.reduce(0, +)
            if n == 0 { continue }
            let completed = zip(outcomes, o).filter { $0.0.isCompleted }.map(\.1).reduce(0, +)
            let us = c[Analytics.classIndex(.usSourced)]
            years.rows.append([
                .text(y == a.years - 1 ? "(unknown)" : String(facts.firstYear + y)), .count(n), .count(completed),
                .count(us), .count(c[Analytics.classIndex(.nonUS)]),
                .count(c[Analytics.classIndex(.undetermined)]), Analytics.share(us, n),
            ])
        }
        r.tables.append(years)
        var countries: [String: [Int]] = [:]
        for st in facts.recoveryStates.indices {
            let row = (0..<classes.count).map { a.classState[st * classes.count + $0] }
            countries[facts.recoveryStateCountry[st], default: [Int](repeating: 0, count: classes.count)] =
                zip(countries[facts.recoveryStateCountry[st]] ?? [Int](repeating: 0, count: classes.count), row).map {
                    $0 + $1
                }
        }
        let ranked = countries.map { ($0.key, $0.value) }.filter { $0.1.reduce(0, +) > 0 }.sorted {
            ($0.1.reduce(0, +), $1.0) > ($1.1.reduce(0, +), $0.0)
        }
        r.tables.append(
            ReportTable(
                id: "by_country",
                title: "Traces by country of recovery",
                columns: [
                    .init("Country"), .init("Traces", unit: "traces"), .init("US-sourced share", unit: "%"),
                    .init("Non-US-sourced share", unit: "%"), .init("Undetermined share", unit: "%"),
                ],
                rows: ranked.map { c, v in
                    let n = v.reduce(0, +)
                    return [
                        .text(Analytics.areaName(c)), .count(n),
                        Analytics.share(v[Analytics.classIndex(.usSourced)], n),
                        Analytics.share(v[Analytics.classIndex(.nonUS)], n),
                        Analytics.share(v[Analytics.classIndex(.undetermined)], n),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        r.tables.append(
            ReportTable(
                id: "markers",
                title: "Trafficking markers",
                columns: [.init("Marker"), .init("Traces", unit: "traces"), .init("Share", unit: "%")],
                rows: [
                    [.text("Obliterated serial"), .count(a.obliterated), Analytics.share(a.obliterated, a.total)],
                    [
                        .text("Bought in a multiple sale"), .count(a.multipleSaleTraces),
                        Analytics.share(a.multipleSaleTraces, a.total),
                    ],
                ],
                source: Analytics.traceSource
            )
        )
    }

    func sources(_ a: TraceAggregates, _ filter: ReportFilter, _ r: inout Report) {
        let usSourced = facts.sourceStates.indices.filter {
            USState.lookup(facts.sourceStates[$0]) != nil && a.source[$0] > 0
        }
        let totalUS = usSourced.map { a.source[$0] }.reduce(0, +)
        let year = filter.years?.upperBound
        var t = ReportTable(
            id: "source_states",
            title: "Source states of US-sourced traced guns",
            columns: [
                .init("Rank"), .init("State"), .init("Traces", unit: "traces"), .init("Share", unit: "%"),
                .init("Population", unit: "residents"), .init("Population year"),
                .init("Recovered outside the state", unit: "traces"),
                .init("Export rate", unit: "traces recovered outside the state per 100,000 residents"),
                .init("All-traces rate", unit: "traces per 100,000 residents"),
            ],
            source: "IronTrace trace records; population: US Census Bureau state estimates"
        )
        // The crime-gun export rate as the trace literature defines it: guns bought in a state and
        // recovered outside it (in another state or abroad) per 100,000 of its residents; guns recovered
        // where they were bought are not exports. Recoveries of unknown place count in neither.
        let recoveryStates = facts.recoveryStates.count
        func exported(_ src: Int) -> Int {
            let own = Int(facts.sourceAsRecoveryState[src])
            var n = 0
            for st in 0..<recoveryStates where st != own { n += a.flow[src * recoveryStates + st] }
            return n
        }
        for (k, i) in usSourced.sorted(by: {
            (a.source[$0], facts.sourceStates[$1]) > (a.source[$1], facts.sourceStates[$0])
        })
        .enumerated() {
            let usps = facts.sourceStates[i]
            let state = USState.lookup(usps)!
            let pop = measures.population("US-\(usps)", year: year)
            let out = exported(i)
            t.rows.append([
                .count(k + 1), .text(state.name), .count(a.source[i]), Analytics.share(a.source[i], totalUS),
                pop.map { Cell.whole($0.value) } ?? .empty, pop.map { .text($0.period) } ?? .empty, .count(out),
                pop.map { .number(Double(out) / $0.value * 100_000, digits: 2) } ?? .empty,
                pop.map { .number(Double(a.source[i]) / $0.value * 100_000, digits: 2) } ?? .empty,
            ])
        }
        r.tables.append(t)
        if !measures.hasPopulation(prefix: "US-") {
            r.notes.append(
                "No US state populations loaded: import Census estimates (`irontrace import census-population FILE`) for per-capita rates."
            )
        }
        if let published = publishedSources(filter) {
            r.tables.append(published)
            let provenance = provenanceNotes(
                example: "irontrace info --flows, or --measure population --area US-TX --period 2016 --rows"
            ) { $0.hasPrefix("atf-") || $0 == "native:flows" || $0 == "census-population" }
            r.notes += provenance.notes
            r.commands += provenance.commands
        }
    }

    /// Source states from the published ATF tables for the filter's years (guns recovered in the
    /// filter's US state, or anywhere in the US).
    func publishedSources(_ filter: ReportFilter) -> ReportTable? {
        let d = dataset
        guard d.flows.count > 0, filter.recoveryCountry == nil || filter.recoveryCountry == "US" else { return nil }
        var bySource: [Int32: Int] = [:]
        var exportedBySource: [Int32: Int] = [:]
        var total = 0
        var yearsSeen = Set<Int32>()
        let usAreas = filter.areas.filter { if case .usState = $0 { true } else { false } }
        let wantRecovery: Set<Int32>? =
            usAreas.isEmpty ? nil : Set(usAreas.map { d.strings.lookup($0.description) ?? -2 })
        for i in 0..<d.flows.count {
            if let y = filter.years, !y.contains(Int(d.flows.year[i])) { continue }
            if let w = wantRecovery, !w.contains(d.flows.recoveryArea[i]) { continue }
            if !filter.sourceStates.isEmpty,
                !filter.sourceStates.contains(String(d.strings[d.flows.sourceArea[i]].dropFirst(3)))
            {
                continue
            }
            bySource[d.flows.sourceArea[i], default: 0] += Int(d.flows.guns[i])
            if d.flows.recoveryArea[i] != d.flows.sourceArea[i] {
                exportedBySource[d.flows.sourceArea[i], default: 0] += Int(d.flows.guns[i])
            }
            total += Int(d.flows.guns[i])
            yearsSeen.insert(d.flows.year[i])
        }
        guard total > 0 else { return nil }
        let years = yearsSeen.sorted()
        var t = ReportTable(
            id: "published_source_states",
            title: "Source states, ATF published tables (\(years.first!)–\(years.last!))",
            columns: [
                .init("Rank"), .init("State"), .init("Traces", unit: "traces"), .init("Share", unit: "%"),
                .init("Recovered outside the state", unit: "traces"),
                .init("Export rate", unit: "traces recovered outside the state per 100,000 residents per year"),
                .init("All-traces rate", unit: "traces per 100,000 residents per year"),
            ],
            source: "ATF, Firearms Trace Data: Source and Recovery by State; population: US Census Bureau"
        )
        let ranked = bySource.sorted { ($0.value, d.strings[$1.key]) > ($1.value, d.strings[$0.key]) }
        for (k, (code, n)) in ranked.enumerated() {
            let key = d.strings[code]
            let pops = years.compactMap { measures.population(key, year: Int($0), exact: true)?.value }
            let out = exportedBySource[code] ?? 0
            let complete = pops.count == years.count && !pops.isEmpty
            let rate: Cell = complete ? .number(Double(n) / pops.reduce(0, +) * 100_000, digits: 2) : .empty
            let exportRate: Cell = complete ? .number(Double(out) / pops.reduce(0, +) * 100_000, digits: 2) : .empty
            t.rows.append([
                .count(k + 1), .text(Analytics.areaName(key)), .count(n), Analytics.share(n, total), .count(out),
                exportRate, rate,
            ])
        }
        return t
    }

    func flows(_ a: TraceAggregates, _ filter: ReportFilter, _ r: inout Report) {
        let states = facts.recoveryStates.count
        var corridors: [(src: Int, st: Int, n: Int)] = []
        for src in facts.sourceStates.indices where USState.lookup(facts.sourceStates[src]) != nil {
            for st in 0..<states where a.flow[src * states + st] > 0 {
                corridors.append((src, st, a.flow[src * states + st]))
            }
        }
        let total = corridors.map(\.n).reduce(0, +)
        func name(_ src: Int) -> String { USState.lookup(facts.sourceStates[src])?.name ?? facts.sourceStates[src] }
        let across = corridors.filter { facts.sourceAsRecoveryState[$0.src] != Int32($0.st) }
            .sorted { ($0.n, name($1.src)) > ($1.n, name($0.src)) }
        r.tables.append(
            ReportTable(
                id: "corridors",
                title: "Top corridors across a state line or the border",
                columns: [
                    .init("Rank"), .init("Source state"), .init("Recovered in"), .init("Country"),
                    .init("Traces", unit: "traces"), .init("Share of US-sourced", unit: "%"),
                ],
                rows: across.prefix(25).enumerated().map { k, c in
                    [
                        .count(k + 1), .text(name(c.src)), .text(Analytics.areaName(facts.recoveryStates[c.st])),
                        .text(facts.recoveryStateCountry[c.st]), .count(c.n), Analytics.share(c.n, total),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        r.tables.append(
            ReportTable(
                id: "in_state",
                title: "US recoveries bought in the state of recovery",
                columns: [.init("Measure"), .init("Traces", unit: "traces"), .init("Share", unit: "%")],
                rows: [
                    [.text("US recoveries with a US source state"), .count(a.usWithUSSource), .empty],
                    [
                        .text("Bought in the state of recovery"), .count(a.inState),
                        Analytics.share(a.inState, a.usWithUSSource),
                    ],
                    [
                        .text("Bought in another state"), .count(a.usWithUSSource - a.inState),
                        Analytics.share(a.usWithUSSource - a.inState, a.usWithUSSource),
                    ],
                ],
                source: Analytics.traceSource
            )
        )
        // The matrix: the top sources × the top recovery areas, the rest summed.
        var bySource = [Int](repeating: 0, count: facts.sourceStates.count)
        var byArea = [Int](repeating: 0, count: states)
        for c in corridors {
            bySource[c.src] += c.n
            byArea[c.st] += c.n
        }
        let topSources = bySource.indices.filter { bySource[$0] > 0 }.sorted { bySource[$0] > bySource[$1] }.prefix(10)
        let topAreas = byArea.indices.filter { byArea[$0] > 0 }.sorted { byArea[$0] > byArea[$1] }.prefix(12)
        var m = ReportTable(
            id: "matrix",
            title: "Source × recovery matrix (top sources and recovery areas)",
            columns: [.init("Source state")] + topAreas.map { .init(facts.recoveryStates[$0], unit: "traces") }
                + [.init("Other areas", unit: "traces"), .init("Total", unit: "traces")],
            source: Analytics.traceSource
        )
        for src in topSources {
            let cells = topAreas.map { a.flow[src * states + $0] }
            m.rows.append(
                [.text(name(src))] + cells.map { .count($0) } + [
                    .count(bySource[src] - cells.reduce(0, +)), .count(bySource[src]),
                ]
            )
        }
        r.tables.append(m)
        var areaTotals = [Int](repeating: 0, count: states)
        for src in facts.sourceStates.indices {
            for st in 0..<states { areaTotals[st] += a.flow[src * states + st] }
        }
        let areaOrder = areaTotals.indices.filter { areaTotals[$0] > 0 }.sorted {
            (areaTotals[$0], facts.recoveryStates[$1]) > (areaTotals[$1], facts.recoveryStates[$0])
        }
        r.tables.append(
            ReportTable(
                id: "by_recovery_area",
                title: "Traces by area of recovery",
                columns: [
                    .init("Area code"), .init("Area"), .init("Country"), .init("Traces", unit: "traces"),
                    .init("US-sourced", unit: "traces"), .init("Share of traces", unit: "%"),
                ],
                rows: areaOrder.map { st in
                    let us = a.classState[st * Dataset.sourceClasses.count + Analytics.classIndex(.usSourced)]
                    return [
                        .text(facts.recoveryStates[st]), .text(Analytics.areaName(facts.recoveryStates[st])),
                        .text(facts.recoveryStateCountry[st]), .count(areaTotals[st]), .count(us),
                        Analytics.share(areaTotals[st], a.total),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        if let published = publishedCorridors(filter) { r.tables.append(contentsOf: published) }
    }

    /// Interstate corridors and in-state share from the published ATF tables.
    func publishedCorridors(_ filter: ReportFilter) -> [ReportTable]? {
        let d = dataset
        guard d.flows.count > 0, filter.recoveryCountry == nil || filter.recoveryCountry == "US" else { return nil }
        var pairs: [Int64: Int] = [:]
        var inState = 0
        var total = 0
        for i in 0..<d.flows.count {
            if let y = filter.years, !y.contains(Int(d.flows.year[i])) { continue }
            if !filter.sourceStates.isEmpty,
                !filter.sourceStates.contains(String(d.strings[d.flows.sourceArea[i]].dropFirst(3)))
            {
                continue
            }
            if !filter.areas.isEmpty, !filter.containsArea(d.strings[d.flows.recoveryArea[i]]) { continue }
            let n = Int(d.flows.guns[i])
            total += n
            if d.flows.sourceArea[i] == d.flows.recoveryArea[i] {
                inState += n
            } else {
                pairs[Int64(d.flows.sourceArea[i]) << 32 | Int64(d.flows.recoveryArea[i]), default: 0] += n
            }
        }
        guard total > 0 else { return nil }
        let source = "ATF, Firearms Trace Data: Source and Recovery by State"
        let ranked = pairs.sorted { $0.value > $1.value }.prefix(25)
        return [
            ReportTable(
                id: "published_corridors",
                title: "Top interstate corridors, ATF published tables",
                columns: [
                    .init("Rank"), .init("Source state"), .init("Recovery state"), .init("Traces", unit: "traces"),
                    .init("Share of all traces", unit: "%"),
                ],
                rows: ranked.enumerated().map { k, p in
                    [
                        .count(k + 1), .text(Analytics.areaName(d.strings[Int32(p.key >> 32)])),
                        .text(Analytics.areaName(d.strings[Int32(truncatingIfNeeded: p.key)])), .count(p.value),
                        Analytics.share(p.value, total),
                    ]
                },
                source: source
            ),
            ReportTable(
                id: "published_in_state",
                title: "Recovered in the state of purchase, ATF published tables",
                columns: [.init("Measure"), .init("Traces", unit: "traces"), .init("Share", unit: "%")],
                rows: [
                    [.text("All traces with a source state"), .count(total), .empty],
                    [.text("Recovered in the source state"), .count(inState), Analytics.share(inState, total)],
                ],
                source: source
            ),
        ]
    }

    func ranked(_ counts: UnsafeMutableBufferPointer<Int>, _ names: [String], top: Int) -> [(String, Int)] {
        counts.indices.filter { counts[$0] > 0 }
            .map { ($0 < names.count ? names[$0] : "(other values)", counts[$0]) }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            .prefix(top).map { ($0.0.isEmpty ? "(not stated)" : $0.0, $0.1) }
    }

    func firearms(_ a: TraceAggregates, _ r: inout Report) {
        let types = Dataset.firearmTypes.indices.filter { a.type[$0] > 0 }.sorted { a.type[$0] > a.type[$1] }
        r.tables.append(
            ReportTable(
                id: "types",
                title: "Firearm types",
                columns: [.init("Type"), .init("Class"), .init("Traces", unit: "traces"), .init("Share", unit: "%")],
                rows: types.map { t in
                    let type = Dataset.firearmTypes[t]
                    return [
                        .text(type.description),
                        .text(type.weaponClass.rawValue.replacingOccurrences(of: "_", with: " ")),
                        .count(a.type[t]), Analytics.share(a.type[t], a.total),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        for (id, title, counts, names) in [
            ("calibers", "Calibers (top 20)", a.caliber, facts.calibers),
            ("manufacturers", "Manufacturers (top 20)", a.manufacturer, facts.manufacturers),
        ] {
            r.tables.append(
                ReportTable(
                    id: id,
                    title: title,
                    columns: [
                        .init(id == "calibers" ? "Caliber" : "Manufacturer"), .init("Traces", unit: "traces"),
                        .init("Share", unit: "%"),
                    ],
                    rows: ranked(counts, names, top: 20).map {
                        [.text($0.0), .count($0.1), Analytics.share($0.1, a.total)]
                    },
                    source: Analytics.traceSource
                )
            )
        }
    }

    /// Median, mean and shares from a day histogram.
    struct Spread {
        var n = 0
        var median: Int?
        var mean: Double?
        var underOneYear = 0
        var withinThreeYears = 0
        var buckets = [Int](repeating: 0, count: TimeToCrime.Bucket.allCases.count)

        init(_ h: some Collection<Int>, sum: Int?) {
            var i = 0
            var weighted = 0
            for c in h {
                if c > 0 {
                    n += c
                    weighted += c * i
                    if i < TimeToCrime.oneYearDays { underOneYear += c }
                    if i <= TimeToCrime.threeYearsDays { withinThreeYears += c }
                    buckets[TimeToCrime.Bucket(days: i).rawValue] += c
                }
                i += 1
            }
            guard n > 0 else { return }
            mean = Double(sum ?? weighted) / Double(n)
            var seen = 0
            i = 0
            for c in h {
                seen += c
                if seen * 2 >= n {
                    median = i
                    break
                }
                i += 1
            }
        }
    }

    func timeToCrime(_ a: TraceAggregates, _ r: inout Report) {
        let h = TraceAggregates.histogramDays + 1
        var all = [Int](repeating: 0, count: h)
        for t in Dataset.firearmTypes.indices {
            for d in 0..<h { all[d] += Int(a.ttcHistogram[t * h + d]) }
        }
        let spread = Spread(all, sum: a.ttcSum.reduce(0, +))
        r.tables.append(
            ReportTable(
                id: "buckets",
                title: "Time-to-crime (ATF ranges)",
                columns: [
                    .init("Time from sale to recovery"), .init("Traces", unit: "traces"), .init("Share", unit: "%"),
                ],
                rows: TimeToCrime.Bucket.allCases.map {
                    [
                        .text($0.description), .count(spread.buckets[$0.rawValue]),
                        Analytics.share(spread.buckets[$0.rawValue], spread.n),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        func row(_ label: String, _ s: Spread) -> [Cell] {
            [
                .text(label), .count(s.n), s.median.map { .count($0) } ?? .empty,
                s.mean.map { .number($0, digits: 0) } ?? .empty,
                s.median.map { .number(Double($0) / 365.25, digits: 2) } ?? .empty,
                Analytics.share(s.underOneYear, s.n), Analytics.share(s.withinThreeYears, s.n),
            ]
        }
        var t = ReportTable(
            id: "by_type",
            title: "Time-to-crime by firearm type",
            columns: [
                .init("Type"), .init("Traces with a sale date", unit: "traces"), .init("Median", unit: "days"),
                .init("Mean", unit: "days"), .init("Median", unit: "years"), .init("Under one year", unit: "%"),
                .init("Three years or less", unit: "%"),
            ],
            rows: [row("All types", spread)],
            source: Analytics.traceSource
        )
        for ti in Dataset.firearmTypes.indices {
            let s = Spread(a.ttcHistogram[(ti * h)..<((ti + 1) * h)].lazy.map { Int($0) }, sum: a.ttcSum[ti])
            if s.n > 0 { t.rows.append(row(Dataset.firearmTypes[ti].description, s)) }
        }
        r.tables.append(t)
        r.notes.append(
            "Time-to-crime is the time from the first retail sale to the recovery; only traces with a known sale date count."
        )
    }

    func crimes(_ a: TraceAggregates, _ r: inout Report) {
        r.tables.append(
            ReportTable(
                id: "categories",
                title: "Crime categories of the recoveries",
                columns: [.init("Category"), .init("Traces", unit: "traces"), .init("Share", unit: "%")],
                rows: ranked(a.crime, facts.crimes, top: 100).map {
                    [
                        .text($0.0.replacingOccurrences(of: "_", with: " ")), .count($0.1),
                        Analytics.share($0.1, a.total),
                    ]
                },
                source: Analytics.traceSource
            )
        )
    }

    /// ATF's Demand Letter 2 threshold (the rule lives in Core's ``TimeToCrime``).
    public static let demandLetter2Threshold = TimeToCrime.demandLetter2Threshold

    func dealers(_ a: TraceAggregates, _ r: inout Report) {
        let d = dataset
        let n = d.licensees.count
        let counts = (0..<n).map { a.dealer[$0] }
        let withTraces = counts.filter { $0 > 0 }.sorted(by: >)
        let total = withTraces.reduce(0, +)
        func dealersFor(_ fraction: Double) -> Int {
            var seen = 0
            for (k, c) in withTraces.enumerated() {
                seen += c
                if Double(seen) >= fraction * Double(total) { return k + 1 }
            }
            return withTraces.count
        }
        // Gini over all licensees, those without traces included.
        let sortedAll = counts.sorted()
        var cumulative = 0.0
        var weighted = 0.0
        for (i, c) in sortedAll.enumerated() {
            cumulative += Double(c)
            weighted += Double(i + 1) * Double(c)
        }
        let gini = cumulative == 0 ? 0 : (2 * weighted) / (Double(n) * cumulative) - Double(n + 1) / Double(n)
        let half = dealersFor(0.5)
        let ninety = dealersFor(0.9)
        r.tables.append(
            ReportTable(
                id: "concentration",
                title: "Concentration of traces among dealers",
                columns: [.init("Measure"), .init("Value"), .init("Share of dealers", unit: "%")],
                rows: [
                    [.text("Licensees"), .count(n), .empty],
                    [.text("Licensees with traces"), .count(withTraces.count), Analytics.share(withTraces.count, n)],
                    [.text("Traces with a dealer"), .count(total), .empty],
                    [.text("Dealers behind 50% of traces"), .count(half), Analytics.share(half, n)],
                    [.text("Dealers behind 90% of traces"), .count(ninety), Analytics.share(ninety, n)],
                    [.text("Gini coefficient (all licensees)"), .number(gini, digits: 3), .empty],
                ],
                source: Analytics.traceSource
            )
        )
        let top = (0..<n).filter { a.dealer[$0] > 0 }.sorted { (a.dealer[$0], $1) > (a.dealer[$1], $0) }.prefix(25)
        r.tables.append(
            ReportTable(
                id: "ranked",
                title: "Dealers ranked by traces (top 25)",
                columns: [
                    .init("Rank"), .init("Licence"), .init("Dealer"), .init("City"), .init("State"),
                    .init("Traces", unit: "traces"), .init("Share", unit: "%"),
                    .init("Time-to-crime three years or less", unit: "traces"), .init("Recovered in Mexico", unit: "%"),
                ],
                rows: top.enumerated().map { k, i in
                    [
                        .count(k + 1), .text(d.strings[d.licensees.licence[i]]), .text(d.strings[d.licensees.name[i]]),
                        .text(d.strings[d.licensees.city[i]]), .text(d.strings[d.licensees.state[i]]),
                        .count(a.dealer[i]), Analytics.share(a.dealer[i], total), .count(a.dealerShortTTC[i]),
                        Analytics.share(a.dealerMexico[i], a.dealer[i]),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        var dl2 = ReportTable(
            id: "demand_letter_2",
            title:
                "Demand Letter 2 candidates (\(Analytics.demandLetter2Threshold)+ traces with time-to-crime ≤ 3 years in a year)",
            columns: [
                .init("Licence"), .init("Dealer"), .init("State"), .init("Year"),
                .init("Traces with time-to-crime ≤ 3 years", unit: "traces"),
            ],
            source: Analytics.traceSource + "; threshold: ATF Demand Letter 2 program"
        )
        for i in 0..<n where a.dealerShortTTC[i] >= Analytics.demandLetter2Threshold {
            for y in 0..<(a.years - 1) where Int(a.dealerShortYear[i * a.years + y]) >= Analytics.demandLetter2Threshold
            {
                dl2.rows.append([
                    .text(d.strings[d.licensees.licence[i]]), .text(d.strings[d.licensees.name[i]]),
                    .text(d.strings[d.licensees.state[i]]), .text(String(facts.firstYear + y)),
                    .count(Int(a.dealerShortYear[i * a.years + y])),
                ])
            }
        }
        dl2.rows.sort { ($0[4].number ?? 0, $1[0].text) > ($1[4].number ?? 0, $0[0].text) }
        r.tables.append(dl2)
    }

    func multipleSales(_ a: TraceAggregates, _ r: inout Report) {
        let h = TraceAggregates.histogramDays + 1
        let single = Spread(a.saleHistogram[0..<h].lazy.map { Int($0) }, sum: nil)
        let multiple = Spread(a.saleHistogram[h..<(2 * h)].lazy.map { Int($0) }, sum: nil)
        let known = single.n + multiple.n
        r.tables.append(
            ReportTable(
                id: "overview",
                title: "Recovered guns bought in a multiple sale",
                columns: [
                    .init("Sale"), .init("Traces with a sale date", unit: "traces"), .init("Share", unit: "%"),
                    .init("Median time-to-crime", unit: "days"), .init("Under one year", unit: "%"),
                    .init("Three years or less", unit: "%"),
                ],
                rows: [("Multiple sale", multiple), ("Single sale", single)].map { label, s in
                    [
                        .text(label), .count(s.n), Analytics.share(s.n, known), s.median.map { .count($0) } ?? .empty,
                        Analytics.share(s.underOneYear, s.n), Analytics.share(s.withinThreeYears, s.n),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        r.tables.append(
            ReportTable(
                id: "time_to_crime",
                title: "Time-to-crime of multiple-sale and single-sale guns",
                columns: [
                    .init("Time from sale to recovery"), .init("Multiple sale", unit: "traces"),
                    .init("Multiple sale share", unit: "%"), .init("Single sale", unit: "traces"),
                    .init("Single sale share", unit: "%"),
                ],
                rows: TimeToCrime.Bucket.allCases.map {
                    let m = multiple.buckets[$0.rawValue]
                    let s = single.buckets[$0.rawValue]
                    return [
                        .text($0.description), .count(m), Analytics.share(m, multiple.n), .count(s),
                        Analytics.share(s, single.n),
                    ]
                },
                source: Analytics.traceSource
            )
        )
        r.notes.append(
            "Multiple sales: two or more handguns (or reportable rifles in border states) to one buyer within five business days, as reported to ATF."
        )
    }
}
