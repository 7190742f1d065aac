import IronTraceAnalytics
import IronTraceCore
import IronTraceDataset
import Testing

/// Months with no armed event are zero while a loaded source covers them, and a gap (blank, not 0)
/// between one source's last event and another's first: a year nobody reported is not a calm year.
@Suite struct EventCoverageTests {
    @Test func monthsNoSourceCoversAreBlankNotZero() throws {
        var d = Dataset()
        func event(_ id: Int64, _ date: String, _ source: String, fatalities: Int) {
            d.appendEvent(
                id: id,
                date: CivilDate(parsing: date)!,
                type: "Battles",
                subType: "Armed clash",
                actor1: "A",
                area: "MX-14",
                fatalities: fatalities,
                sourceDataset: source,
                location: "Guadalajara",
                provenance: "test"
            )
        }
        // ACLED reports January and March 2020 (February is a real zero) and UCDP June 2021; April 2020
        // to May 2021 are covered by neither. A press report in the gap covers only its own month.
        event(1, "2020-01-10", "acled", fatalities: 2)
        event(2, "2020-03-05", "acled", fatalities: 1)
        event(3, "2021-06-01", "ucdp", fatalities: 5)
        event(4, "2020-09-15", "press", fatalities: 3)
        let r = Analytics(d).report(.events, filter: ReportFilter())
        let rows = try #require(r.table("by_month")?.rows)
        #expect(rows.count == 18, "January 2020 to June 2021, every month")
        let byMonth = Dictionary(uniqueKeysWithValues: rows.map { ($0[0].text, $0) })
        #expect(byMonth["2020-02"]?[1] == .count(0), "inside acled's period: zero events")
        #expect(byMonth["2020-04"]?[1] == .empty, "after acled's last event: no figures")
        #expect(byMonth["2021-05"]?[3] == .empty)
        #expect(byMonth["2021-06"]?[1].number == 1)
        #expect(byMonth["2020-09"]?[3].number == 3, "the press report's own month")
        #expect(byMonth["2020-10"]?[1] == .empty, "a press report covers no other month")
        #expect(rows.filter { $0[1] == .empty }.count == 13)
        #expect(r.notes.contains { $0.hasPrefix("13 months lie outside the period of every event dataset loaded") })
    }
}
