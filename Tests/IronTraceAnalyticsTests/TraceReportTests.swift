import Foundation
import IronTraceAnalytics
import IronTraceCore
import IronTraceDataset
import IronTraceFixtures
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import Testing

/// The tiny demo world, loaded through the store as in production (built once per test process).
enum AnalyticsFixture {
    private static let built = Result { () throws -> (Dataset, Analytics) in
        let d = try DemoFixture.dataset()
        return (d, Analytics(d))
    }
    static func dataset() throws -> Dataset { try built.get().0 }
    static func analytics() throws -> Analytics { try built.get().1 }
}

/// A deliberately plain recomputation over the dataset rows (dictionaries, no dense codes), as the
/// oracle the fast engine is checked against.
struct NaiveTraces {
    var outcomes: [String: Int] = [:]
    var usSourcedStates: [String: Int] = [:]
    var timesToCrime: [Int] = []
    var perDealerYearShort: [String: Int] = [:]
    var total = 0

    init(
        _ d: Dataset,
        country: String? = nil,
        years: ClosedRange<Int>? = nil,
        types: Set<FirearmType> = [],
        source: String? = nil,
        area: String? = nil
    ) {
        var recovery: [Int64: Int] = [:]
        for (i, id) in d.recoveries.id.enumerated() { recovery[id] = i }
        var licence: [Int64: String] = [:]
        for (i, id) in d.licensees.id.enumerated() { licence[id] = d.strings[d.licensees.licence[i]] }
        for t in 0..<d.traces.count {
            guard let r = recovery[d.traces.recovery[t]] else { continue }
            let date = CivilDate(dayNumber: d.recoveries.date[r])
            if let country, d.strings[d.recoveries.country[r]] != country { continue }
            if let years, !years.contains(date.year) { continue }
            if !types.isEmpty, !types.contains(Dataset.firearmTypes[Int(d.recoveries.type[r])]) { continue }
            if let source, d.strings[d.traces.sourceState[t]] != source { continue }
            if let area, !d.strings[d.recoveries.area[r]].hasPrefix(area) { continue }
            total += 1
            outcomes[Dataset.outcomes[Int(d.traces.outcome[t])].rawValue, default: 0] += 1
            let cls = Dataset.sourceClasses[Int(d.traces.sourceClass[t])]
            let st = d.strings[d.traces.sourceState[t]]
            if cls == .usSourced, USState.lookup(st) != nil { usSourcedStates[st, default: 0] += 1 }
            let ttc = Int(d.traces.timeToCrime[t])
            if ttc >= 0 { timesToCrime.append(ttc) }
            if ttc >= 0, ttc <= 1096, let lic = licence[d.traces.licensee[t]] {
                perDealerYearShort["\(lic) \(date.year)", default: 0] += 1
            }
        }
        timesToCrime.sort()
    }
}

@Suite struct TraceReportTests {
    let d: Dataset
    let analytics: Analytics

    init() throws {
        d = try AnalyticsFixture.dataset()
        analytics = try AnalyticsFixture.analytics()
    }

    static let filters: [(String, [String: String])] = [
        ("none", [:]),
        ("Mexico", ["country": "MX"]),
        ("years", ["years": "2020-2022"]),
        ("handguns in Mexico", ["country": "MX", "type": "handgun"]),
        ("bought in Texas", ["source-state": "TX"]),
        ("recovered in Jalisco", ["area": "Jalisco"]),
    ]

    @Test(arguments: filters)
    func reportsAgreeWithAPlainRecount(_ name: String, _ parameters: [String: String]) throws {
        let filter = try ReportFilter(parameters: parameters)
        let naive = NaiveTraces(
            d,
            country: filter.recoveryCountry,
            years: filter.years,
            types: filter.types,
            source: filter.sourceState,
            area: filter.recoveryArea?.description
        )
        #expect(naive.total > 0, "the filter \(name) should select traces in the tiny world")
        let summary = analytics.report(.summary, filter: filter)
        let outcomes = try #require(summary.table("outcomes"))
        for o in TraceOutcome.allCases {
            let label = outcomes.rows.first {
                $0[0].text.lowercased().hasPrefix(
                    o == .notTraced ? "not" : "completed to \(o == .completedToPurchaser ? "purchaser" : "dealer")"
                )
            }
            #expect(label?[1].number.map(Int.init) == naive.outcomes[o.rawValue, default: 0], "\(name): \(o)")
        }
        let sources = try #require(analytics.report(.sources, filter: filter).table("source_states"))
        #expect(sources.rows.count == naive.usSourcedStates.count)
        for row in sources.rows {
            let usps = try #require(USState.lookup(row[1].text)).usps
            #expect(row[2].number.map(Int.init) == naive.usSourcedStates[usps], "\(name): \(usps)")
        }
        let ttc = try #require(analytics.report(.timeToCrime, filter: filter).table("by_type"))
        let all = try #require(ttc.row("All types"))
        #expect(all[1].number.map(Int.init) == naive.timesToCrime.count)
        if !naive.timesToCrime.isEmpty {
            // Lower median, as the engine reports it.
            #expect(all[2].number.map(Int.init) == naive.timesToCrime[(naive.timesToCrime.count - 1) / 2])
        }
        let dl2 = try #require(analytics.report(.dealers, filter: filter).table("demand_letter_2"))
        let expected = naive.perDealerYearShort.filter { $0.value >= 25 }
        #expect(dl2.rows.count == expected.count)
        for row in dl2.rows { #expect(expected["\(row[0].text) \(row[3].text)"] == row[4].number.map(Int.init)) }
    }

    @Test func oneMunicipalityIsASubsetOfItsState() throws {
        let state = analytics.report(.summary, filter: try ReportFilter(parameters: ["area": "MX-14"]))
        let municipality = analytics.report(.summary, filter: try ReportFilter(parameters: ["area": "MX-14039"]))
        let s = try #require(state.table("outcomes")).column("Traces").compactMap(\.number).reduce(0, +)
        let m = try #require(municipality.table("outcomes")).column("Traces").compactMap(\.number).reduce(0, +)
        #expect(m <= s)
    }

    @Test func aDealerFilterKeepsOnlyThatDealer() throws {
        let ranked = try #require(analytics.report(.dealers).table("ranked"))
        let top = try #require(ranked.rows.first)
        let filter = try ReportFilter(parameters: ["dealer": top[1].text])
        let one = try #require(analytics.report(.dealers, filter: filter).table("ranked"))
        #expect(one.rows.count == 1)
        #expect(one.rows[0][5] == top[5])
        let unknown = try ReportFilter(parameters: ["dealer": "9-99-999-99-9Z-99999"])
        #expect(
            analytics.report(.summary, filter: unknown).table("outcomes")!.column("Traces").allSatisfy {
                $0.number == 0
            }
        )
    }

    @Test func mexicoIsMostlyUSSourcedInTheDemoWorld() throws {
        let summary = analytics.report(.summary, filter: try ReportFilter(parameters: ["country": "MX"]))
        let share = try #require(summary.table("source_class")?.value("US-sourced", "Share"))
        // Calibrated on ATF's ~70% for Mexico (see PublishedFigures); a wide band for the tiny world.
        #expect(share > 0.55 && share < 0.85)
        #expect(summary.isSynthetic)
    }

    @Test func badFiltersAreNamed() throws {
        #expect(throws: ReportFilter.Problem.self) { try ReportFilter(parameters: ["years": "2020-2010"]) }
        #expect(throws: ReportFilter.Problem.self) { try ReportFilter(parameters: ["type": "bazooka"]) }
        #expect(throws: ReportFilter.Problem.self) { try ReportFilter(parameters: ["area": "Atlantis"]) }
        #expect(throws: ReportFilter.Problem.self) { try ReportFilter(parameters: ["colour": "red"]) }
        let f = try? ReportFilter(parameters: ["years": "2019", "area": "Jalisco", "type": "pistol"])
        #expect(f?.years == 2019...2019)
        #expect(f?.recoveryArea?.description == "MX-14")
        #expect(try ReportFilter(parameters: Dictionary(uniqueKeysWithValues: f!.parameters)) == f)
    }

    @Test func renderingsCarryTheSameRows() throws {
        let r = analytics.report(.summary)
        let t = try #require(r.table("by_year"))
        let csv = r.rendered(as: .csv, tableID: "by_year").split(separator: "\n")
        #expect(csv.count == t.rows.count + 1)
        #expect(csv[0].hasPrefix("Year,Traces (traces)"))
        let json = try JSONSerialization.jsonObject(with: Data(r.rendered(as: .json).utf8)) as? [String: Any]
        #expect(json?["synthetic"] as? Bool == true)
        let tables = json?["tables"] as? [[String: Any]]
        #expect(tables?.count == r.tables.count)
        let md = r.rendered(as: .markdown)
        #expect(md.contains("SYNTHETIC DATA"))
        #expect(md.contains("| Year | Traces |"))
        let text = r.rendered(as: .table)
        #expect(text.contains("Source: IronTrace trace records"))
    }
}
