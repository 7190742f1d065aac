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
}
