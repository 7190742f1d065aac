import Foundation
import HummingbirdTesting
import IronTraceServer
import Testing

/// Dealers in report tables link to their own pages by licence, so two dealers of one name are
/// told apart and one click away.
@Suite struct DealerLinksTests {
    @Test func dealerCellsInReportTablesLinkToTheDealersPage() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("vic").status == .seeOther)
            let page = try await s.get("/dealers")
            #expect(page.status == .ok)
            // Cells (not the link list beside the charts): <td><a href="/dealers/LICENCE">TEXT</a></td>.
            let cell = try Regex(#"<td><a href="(/dealers/[^"]+)">([^<]+)</a></td>"#)
            let links = page.body.matches(of: cell).map {
                (String($0.output[1].substring!), String($0.output[2].substring!))
            }
            #expect(Set(links.map(\.0)).count >= 3, "\(links.prefix(5))")
            // A licence cell and the name beside it lead to the same page, which names that dealer.
            let (href, _) = try #require(links.first)
            let licence = String(href.dropFirst("/dealers/".count)).removingPercentEncoding ?? ""
            #expect(links.contains { $0 == (href, licence) }, "the licence cell links to \(href)")
            let named = try #require(links.first { $0.0 == href && $0.1 != licence })
            // The ranked list beside the charts: no two entries read alike (city and state, and the
            // licence when name and place are shared).
            let item = try Regex(#"<li><a href="/dealers/[^"]+">([^<]+)</a> \(([^)]*)\)</li>"#)
            let listed = page.body.matches(of: item).map { "\($0.output[1].substring!) (\($0.output[2].substring!))" }
            #expect(listed.count >= 10, "\(listed.prefix(3))")
            #expect(Set(listed).count == listed.count, "entries that read alike: \(listed)")
            #expect(listed.allSatisfy { $0.contains(", ") }, "each with its city and state: \(listed.prefix(3))")
            let dealer = try await s.get(href)
            #expect(dealer.status == .ok, "\(href)")
            #expect(pageShows(dealer.body, named.1), "\(href) should name \(named.1)")
        }
    }
}
