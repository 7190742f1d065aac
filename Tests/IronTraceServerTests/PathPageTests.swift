import Foundation
import HummingbirdTesting
import IronTraceCore
import IronTraceNetwork
import IronTraceServer
import Testing

/// The path finder page takes the names the pages print and shows the whole chain, target last.
@Suite struct PathPageTests {
    @Test func aPseudonymToALicenceNumberEndsAtTheDealer() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let g = f.state.snapshot.graph
        // A buyer and the dealer of one of their purchases.
        let sale = try #require((0..<d.sales.count).first { d.sales.purchaser[$0] != 0 })
        let buyerRow = try #require(d.persons.id.firstIndex(of: d.sales.purchaser[sale]))
        let dealerRow = try #require(d.licensees.id.firstIndex(of: d.sales.licensee[sale]))
        let pseudonym = d.pseudonym(ofPersonAt: buyerRow)
        let licence = d.strings[d.licensees.licence[dealerRow]]
        let dealerLabel = g.label(g.node(.dealer, dealerRow), in: d)
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            let q = "from=\(pseudonym)&to=\(licence)"
                .addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            let page = try await s.get("/network/path?\(q)")
            let html = page.body
            #expect(page.status == .ok)
            // buyer → gun → dealer: three entries, the last the dealer (escaped as the page writes it).
            let list = try #require(html.range(of: "<ol class=\"path\" id=\"path-result\">"))
            let end = try #require(html.range(of: "</ol>", range: list.upperBound..<html.endIndex))
            let items = html[list.upperBound..<end.lowerBound].components(separatedBy: "<li>").dropFirst()
            #expect(items.count == 3, "\(items)")
            #expect(items.last.map { pageShows($0, dealerLabel) } == true, "\(items.last ?? "")")
            #expect(items.first?.contains(pseudonym) == true)
            // The entity page offers a path from itself.
            let entity = try await s.get("/network/entity/\(pseudonym)").body
            #expect(entity.contains("name=\"from\" value=\"person:\(d.persons.id[buyerRow])\""))
        }
    }

    /// The links entity pages print for shared addresses, phones and multiple-sale reports lead to
    /// pages, and an entity's chart downloads as SVG.
    @Test func sharedAddressAndReportPagesAndTheEntityChart() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let g = f.state.snapshot.graph
        let kinds: [LinkGraph.NodeKind] = [.address, .phone, .multipleSale]
        let references = kinds.compactMap { k in g.count(of: k) > 0 ? g.reference(g.node(k, 0), in: d) : nil }
        #expect(references.count >= 2, "the tiny world has shared addresses or phones and multiple sales")
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            for r in references {
                let page = try await s.get("/network/entity/\(r)")
                #expect(page.status == .ok, "\(r): \(page.status)")
            }
            let chart = try await s.get("/network/entity/\(references[0])/chart.svg")
            #expect(chart.status == .ok && chart.body.hasPrefix("<svg"))
        }
    }

    /// The path finder suggests the names the lead pages print.
    @Test func thePathFinderSuggestsLeadMembersAndDealers() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let lead = try #require(f.state.snapshot.leads.first)
        let person = d.pseudonym(ofPersonAt: try #require(lead.persons.first))
        let licence = d.strings[d.licensees.licence[try #require(lead.dealers.first)]]
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            for page in ["/network", "/network/path"] {
                let html = try await s.get(page).body
                #expect(
                    html.contains(
                        "<input id=\"f-from\" name=\"from\" type=\"text\" value=\"\" list=\"entity-suggestions\""
                    )
                )
                #expect(html.contains("<datalist id=\"entity-suggestions\">"))
                #expect(html.contains("<option value=\"\(person)\" label=\"Lead 1\">"), "\(page)")
                #expect(html.contains("<option value=\"\(MarkupText.xml(licence))\""), "\(page)")
            }
        }
    }
}
