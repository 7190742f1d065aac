import Foundation
import HummingbirdTesting
import Testing

@testable import IronTraceServer

/// The network page's NIBIN section on the demo world: the shootings tied to recovered guns link
/// to the shooting, the gun, its dealer and purchaser; in Spanish too; not for viewers.
@Suite struct NIBINPageTests {
    @Test func theNetworkPageListsShootingsTiedToGuns() async throws {
        let f = try ServerFixture()
        let s = f.state.snapshot
        #expect(s.dataset.nibin.count > 0, "the demo world has NIBIN leads")
        let tied = try #require(s.nibin.tiedShootings.first, "at least one shooting tied to a recovered gun")
        // As the pages link them (the colon percent-encoded).
        let event = "event%3A\(s.dataset.events.id[tied.event])"
        let recovery = "recovery%3A\(s.dataset.recoveries.id[tied.recovery])"
        try await f.app.test(.router) { client in
            let ana = Session(client)
            try await ana.logIn("ana")
            let page = try await ana.get("/network")
            #expect(page.contains("<section id=\"nibin\">"))
            #expect(page.contains("\(s.nibin.leads) leads imported"), "\(page.body.prefix(200))")
            #expect(page.contains("href=\"/network/entity/\(event)\""))
            #expect(page.contains("href=\"/network/entity/\(recovery)\""))
            // The shooting's page shows the gun among its neighbours, through the lead.
            let shooting = try await ana.get("/network/entity/\(event.replacingOccurrences(of: "%3A", with: ":"))")
            #expect(shooting.contains("href=\"/network/entity/\(recovery)\""))
            ana.language = "es-MX,es;q=0.9"
            let es = try await ana.get("/network")
            #expect(es.contains("Pistas NIBIN"))
            #expect(es.contains("pistas importadas"))
            #expect(!es.contains("leads imported"))
        }
    }
}
