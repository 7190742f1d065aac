import Foundation
import IronTraceServer
import IronTraceTesting
import Testing

/// Charts on the pages: Spanish text, areas that link to the page filtered to them, the year slider,
/// and official figures of the demo world (real SESNSP series) without the SYNTHETIC mark.
@Suite struct ChartPageTests {
    @Test func violencePageHasAYearSliderLinkedMapsAndNoSyntheticBadgeOnRealSeries() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("vic")
            let page = try await s.get("/violence?country=MX")
            #expect(page.status == .ok)
            #expect(page.contains("type=\"range\" name=\"years\""))
            #expect(page.contains("<input type=\"hidden\" name=\"country\" value=\"MX\">"))
            // The trend of the demo world's real SESNSP figures is not badged synthetic.
            let trend = try await s.get("/charts/violence/violence-trend.svg?country=MX")
            #expect(trend.status == .ok)
            #expect(!trend.contains("SYNTHETIC"))
            // The traces of the demo world are: their charts keep the mark.
            let traces = try await s.get("/charts/summary/summary-by_year.svg?country=MX")
            #expect(traces.contains("SYNTHETIC"))
            // The overview's Mexico map: every state a link to the overview filtered to it.
            let overview = try await s.get("/?country=MX")
            #expect(overview.contains("<a href=\"/?country=MX&amp;area=MX-14\">"))
            #expect(overview.contains("of guns recovered in Mexico and traced"))
            let es = try await s.get("/charts/flows/flows-mexico-map.svg?country=MX&lang=es")
            #expect(es.contains(">Fuente: ") && !es.contains("no data") && !es.contains(">Source: "))
        }
    }

    /// The trend views of traces (overview, flows) carry the year slider too; choosing a year keeps
    /// the slider's whole range (so the user can move on) and the other filters.
    @Test func overviewAndFlowsHaveAYearSliderThatKeepsItsRange() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("vic")
            for path in ["/", "/flows"] {
                let all = try await s.get("\(path)?country=MX")
                #expect(all.status == .ok)
                let range = try #require(Self.sliderRange(all.body), "no year slider on \(path)")
                #expect(range.first < range.last)
                let year = range.first + 1
                let one = try await s.get("\(path)?country=MX&years=\(year)")
                #expect(one.status == .ok)
                let kept = try #require(Self.sliderRange(one.body), "no year slider on \(path)?years=\(year)")
                #expect(kept.first == range.first && kept.last == range.last)
                #expect(kept.value == year)
                #expect(one.contains("<input type=\"hidden\" name=\"country\" value=\"MX\">"))
            }
            s.language = "es"
            for path in ["/", "/flows"] {
                let es = try await s.get("\(path)?country=MX")
                #expect(es.contains("Ver año"), "\(path) in Spanish")
            }
        }
    }

    /// The slider's min, max and value as drawn.
    static func sliderRange(_ html: String) -> (first: Int, last: Int, value: Int)? {
        guard let start = html.range(of: "<input id=\"year-slider\"") else { return nil }
        let tag = html[start.lowerBound...].prefix { $0 != ">" }
        func attribute(_ name: String) -> Int? {
            guard let r = tag.range(of: " \(name)=\"") else { return nil }
            return Int(tag[r.upperBound...].prefix { $0 != "\"" })
        }
        guard let first = attribute("min"), let last = attribute("max"), let value = attribute("value") else {
            return nil
        }
        return (first, last, value)
    }
}
