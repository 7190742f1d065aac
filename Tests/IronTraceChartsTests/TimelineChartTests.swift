import Foundation
import IronTraceCharts
import IronTraceCore
import IronTraceTesting
import Testing

/// The timeline chart: a time axis to scale, one lane per kind, a mark per day with its words.
@Suite struct TimelineChartTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { CivilDate(year: y, month: m, day: d)!.dayNumber }

    @Test func marksSitOnTheirDatesInTheirLanesWithTheirWords() throws {
        let items = [
            Charts.TimelineItem(day: Self.day(2020, 1, 15), lane: 0, label: "P-0000001 buys a Glock", link: "/e/1"),
            Charts.TimelineItem(day: Self.day(2020, 1, 15), lane: 0, label: "P-0000001 buys a Colt"),
            Charts.TimelineItem(day: Self.day(2022, 7, 1), lane: 1, label: "recovered in Sonora", link: "/e/2"),
            Charts.TimelineItem(day: Self.day(2023, 3, 9), lane: 2, label: "armed clash"),
        ]
        let frame = Charts.Frame(title: "Lead 1", source: "test", synthetic: false, width: 720, height: 260)
        let svg = Charts.timeline(frame, lanes: ["Purchases", "Recoveries", "Events"], items: items)
        let probe = try #require(XMLProbe.parse(svg), "well-formed")
        // Two purchases on one day share one mark that lists both; three marks, one shape per lane.
        #expect(svg.components(separatedBy: "<g class=\"mark\"").count - 1 == 3)
        #expect(probe.elements["circle"] == 1 && probe.elements["path"] == 1)
        #expect(svg.contains("2:\n2020-01-15: P-0000001 buys a Glock\n2020-01-15: P-0000001 buys a Colt"))
        #expect(svg.contains("data-count=\"2\""))
        // A single item's mark links to its page; the shared mark does not pick one.
        #expect(svg.contains("href=\"/e/2\"") && !svg.contains("href=\"/e/1\""))
        // Years 2020 to 2024 on the axis, in order, to scale: 2021 to 2022 as far as 2022 to 2023.
        for y in 2020...2024 { #expect(svg.contains(">\(y)</text>")) }
        func x(of label: String) throws -> Double {
            let r = try #require(svg.range(of: ">\(label)</text>"))
            let head = svg[..<r.lowerBound]
            let start = try #require(head.range(of: "<text x=\"", options: .backwards)).upperBound
            return try #require(Double(head[start...].prefix { $0 != "\"" }))
        }
        let (a, b, c) = (try x(of: "2021"), try x(of: "2022"), try x(of: "2023"))
        #expect(abs((b - a) - (c - b)) < 1)
    }

    @Test func aShortSpanHasMonthsAndNothingIsNoData() throws {
        let frame = Charts.Frame(
            title: "Pista 2",
            source: "prueba",
            synthetic: false,
            width: 720,
            height: 260,
            text: .spanish
        )
        let short = Charts.timeline(
            frame,
            lanes: ["Compras"],
            items: [
                .init(day: Self.day(2024, 2, 3), lane: 0, label: "a"),
                .init(day: Self.day(2024, 6, 3), lane: 0, label: "b"),
            ]
        )
        #expect(short.contains(">feb 2024</text>") && short.contains(">jun</text>"), "\(short)")
        let empty = Charts.timeline(frame, lanes: ["Compras"], items: [])
        #expect(empty.contains(ChartText.spanish.noData))
    }
}
