import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceCore
import IronTraceStore
import IronTraceTesting
import NIOCore
import Testing

@testable import IronTraceServer

/// Cases and watch-list alerts as an analyst works them on the dashboard and the API, on SQLite
/// and on PostgreSQL: a case opened from a lead holds its people and guns, notes and referrals are
/// audited, restricted cases stay hidden, and a new trace that touches a watched dealer or person
/// raises one alert each, seen on the page, in the navigation and through the API.
@Suite struct CaseworkTests {
    static func caseID(_ p: Session.Page) -> Int? {
        guard p.status == .seeOther, let loc = p.headers[.location], loc.hasPrefix("/cases/") else { return nil }
        return Int(loc.dropFirst("/cases/".count))
    }

    static func casesFromLeadsAndEntities(_ f: ServerFixture) async throws {
        _ = try IronTraceServer.addUser(f.store, name: "bea", role: .analyst, cost: 4)
        try IronTraceServer.setPassword(f.store, name: "bea", password: ServerFixture.password, cost: 4)
        let s = f.state.snapshot
        let lead = try #require(s.leads.first)
        let pseudonyms = lead.persons.map { s.dataset.pseudonym(ofPersonAt: $0) }
        try await f.app.test(.router) { client in
            let ana = Session(client)
            try await ana.logIn("ana")
            // The lead page offers a case; opening it keeps every person, dealer and gun of the lead.
            let leadPage = try await ana.get("/network/leads/1")
            #expect(leadPage.contains("Open a case from this lead"))
            let opened = try await ana.post("/cases", form: [("from", "lead:1"), ("title", "Ring <b>one</b>")])
            let id = try #require(caseID(opened), "\(opened.status) \(opened.body.prefix(300))")
            var page = try await ana.get("/cases/\(id)")
            #expect(page.status == .ok)
            #expect(page.contains("Ring &lt;b&gt;one&lt;/b&gt;"))
            #expect(!page.contains("<b>one</b>"))
            for p in pseudonyms { #expect(page.contains(p), "lead member \(p) listed in the case") }
            let held =
                lead.persons.count + lead.dealers.count + lead.firearms.count + lead.recoveries.count
                + lead.events.count
            #expect(page.contains("Entities (\(held))"))
            #expect(page.contains("id=\"timeline\""))

            // A note with markup comes back as text; a referral needs its agency.
            try await ana.post("/cases/\(id)/notes", form: [("text", "Spoke to <script>alert(1)</script> FGR")])
            let noAgency = try await ana.post("/cases/\(id)/status", form: [("status", "referred"), ("agency", "")])
            #expect(noAgency.status == .badRequest)
            #expect(noAgency.contains("names the agency"))
            let referred = try await ana.post(
                "/cases/\(id)/status",
                form: [("status", "referred"), ("agency", "FGR Jalisco")]
            )
            #expect(referred.status == .seeOther)
            page = try await ana.get("/cases/\(id)")
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("<script>alert(1)"))
            #expect(page.contains("<dd id=\"case-status\">referred</dd>"))
            #expect(page.contains("FGR Jalisco"))

            // Another dealer added by licence as typed; removing it again.
            let other = try #require((0..<s.dataset.licensees.count).first { !lead.dealers.contains($0) })
            let licence = s.dataset.strings[s.dataset.licensees.licence[other]]
            let ref = "dealer:\(s.dataset.licensees.id[other])"
            #expect(try await ana.post("/cases/\(id)/items", form: [("ref", licence)]).status == .seeOther)
            #expect(try f.store.caseItems(caseID: Int64(id)).contains { $0.ref == ref })
            let entity = try await ana.get("/network/entity/\(ref)")
            #expect(entity.contains("In cases"))
            #expect(entity.contains("href=\"/cases/\(id)\""))
            #expect(try await ana.post("/cases/\(id)/remove", form: [("ref", ref)]).status == .seeOther)
            #expect(try await ana.post("/cases/\(id)/remove", form: [("ref", ref)]).status == .notFound)
            let bad = try await ana.post("/cases/\(id)/items", form: [("ref", "no-such-thing-XYZ")])
            #expect(bad.status == .notFound)

            // Every change audited, by action.
            for action in ["case-open", "case-note", "case-status", "case-add", "case-remove", "case-view"] {
                #expect(try f.store.auditLog(action: action).total >= 1, "\(action) audited")
            }
            #expect(
                try f.store.auditLog(action: "case-status").entries.first?.detail == "open → referred to FGR Jalisco"
            )

            // Restricted: hidden from another analyst (404, not listed), seen by an administrator.
            let secret = try await ana.post("/cases", form: [("title", "Informant"), ("restricted", "on")])
            let secretID = try #require(caseID(secret))
            let bea = Session(client)
            try await bea.logIn("bea")
            #expect(try await bea.get("/cases/\(secretID)").status == .notFound)
            #expect(try await bea.post("/cases/\(secretID)/notes", form: [("text", "x")]).status == .notFound)
            let list = try await bea.get("/cases")
            #expect(list.contains("href=\"/cases/\(id)\""))
            #expect(!list.contains("Informant"))
            let ada = Session(client)
            try await ada.logIn("ada")
            #expect(try await ada.get("/cases/\(secretID)").status == .ok)

            // Viewers have no cases, on pages or in the API.
            let vic = Session(client)
            try await vic.logIn("vic")
            #expect(try await vic.get("/cases").status == .forbidden)
            #expect(try await vic.get("/cases/\(id)").status == .forbidden)
            #expect(!(try await vic.get("/")).contains("href=\"/cases\""))
            let vicToken = try f.store.createAPIToken(userName: "vic", label: "t")
            let api = try await client.execute(
                uri: "/api/v1/cases",
                method: .get,
                headers: [.authorization: "Bearer \(vicToken)"]
            )
            #expect(api.status == .forbidden)

            // The API lists and shows the case, people by pseudonym.
            let token = try f.store.createAPIToken(userName: "ana", label: "t")
            let one = try await client.execute(
                uri: "/api/v1/cases/\(id)",
                method: .get,
                headers: [.authorization: "Bearer \(token)"]
            )
            #expect(one.status == .ok)
            let o = try JSONSerialization.jsonObject(with: Data(buffer: one.body)) as? [String: Any]
            #expect(o?["status"] as? String == "referred")
            #expect((o?["items"] as? [[String: Any]])?.count == held)
            #expect((o?["notes"] as? [[String: Any]])?.count == 1)

            // In Spanish.
            ana.language = "es-MX,es;q=0.9"
            let es = try await ana.get("/cases/\(id)")
            #expect(es.contains("<dd id=\"case-status\">remitido</dd>"))
            #expect(es.contains("Cambiar estado"))
            #expect(!es.contains("Change status"))
        }
    }

    @Test func casesFromLeadsAndEntitiesOnSQLite() async throws {
        try await Self.casesFromLeadsAndEntities(try ServerFixture())
    }

    @Test(.postgresServer) func casesFromLeadsAndEntitiesOnPostgres() async throws {
        try await Self.casesFromLeadsAndEntities(try ServerFixture(postgres: true))
    }

    /// A trace request for one sale of the world (traced to its dealer and purchaser).
    static func request(_ f: ServerFixture, sale: Int) -> String {
        let d = f.state.snapshot.dataset
        return
            "{\"manufacturer\":\"\(d.strings[d.sales.manufacturer[sale]])\",\"serial\":\"\(d.strings[d.sales.serial[sale]])\",\"recovery_date\":\"2025-06-01\",\"recovery_country\":\"MX\"}"
    }

    static func submit(_ client: some TestClientProtocol, token: String, _ body: String) async throws -> Int {
        let r = try await client.execute(
            uri: "/api/v1/traces",
            method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: ByteBuffer(string: body)
        )
        #expect(r.status == .created, "\(String(buffer: r.body).prefix(300))")
        let o = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
        return o?["trace_id"] as? Int ?? -1
    }

    static func alertTotal(_ client: some TestClientProtocol, token: String, all: Bool = false) async throws -> Int {
        let r = try await client.execute(
            uri: "/api/v1/alerts" + (all ? "?all=1" : ""),
            method: .get,
            headers: [.authorization: "Bearer \(token)"]
        )
        #expect(r.status == .ok)
        let o = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
        return o?["total"] as? Int ?? -1
    }

    static func watchedTracesAlertOnce(_ f: ServerFixture) async throws {
        let d = f.state.snapshot.dataset
        // A sale with a purchaser, its dealer's licence and the purchaser's pseudonym.
        let sale = try #require((d.sales.count / 3..<d.sales.count).first { d.sales.purchaser[$0] != 0 })
        let dealerRow = try #require(d.licensees.id.firstIndex(of: d.sales.licensee[sale]))
        let licence = d.strings[d.licensees.licence[dealerRow]]
        let personRow = try #require(d.persons.id.firstIndex(of: d.sales.purchaser[sale]))
        let pseudonym = d.pseudonym(ofPersonAt: personRow)
        let token = try f.store.createAPIToken(userName: "ana", label: "alerts")
        try await f.app.test(.router) { client in
            let ana = Session(client)
            try await ana.logIn("ana")
            #expect(
                try await ana.post(
                    "/watches",
                    form: [("kind", "dealer"), ("value", licence), ("note", "DL2 <candidate>")]
                ).status == .seeOther
            )
            #expect(
                try await ana.post("/watches", form: [("kind", "person"), ("value", pseudonym)]).status == .seeOther
            )
            let badPattern = try await ana.post("/watches", form: [("kind", "serial"), ("value", "*1*")])
            #expect(badPattern.status == .badRequest)
            #expect(badPattern.contains("at least 3 known characters"))
            // A well-formed licence no record names yet is watched (a unit may watch for a dealer
            // before its first trace), and the list says it is in no record, since a typo looks alike.
            let unseenLicence = "9-99-999-01-9M-99999"
            #expect(!d.licensees.licence.contains { d.strings[$0] == unseenLicence })
            #expect(
                try await ana.post("/watches", form: [("kind", "dealer"), ("value", unseenLicence)]).status
                    == .seeOther
            )
            let watches = try await ana.get("/watches")
            #expect(watches.contains("DL2 &lt;candidate&gt;"))
            #expect(watches.contains(pseudonym))
            #expect(watches.contains("\(unseenLicence) <small class=\"unknown\">(in no record yet"))
            let unseen = try #require(try f.store.watches(includeEnded: false).first { $0.value == unseenLicence })
            #expect(try await ana.post("/watches/\(unseen.id)/end", form: []).status == .seeOther)
            // Existing traces do not alert: only those stored after the watch.
            #expect(try await alertTotal(client, token: token) == 0)

            let trace = try await submit(client, token: token, request(f, sale: sale))
            #expect(try await alertTotal(client, token: token) == 2, "dealer and purchaser, one alert each")
            let page = try await ana.get("/alerts")
            #expect(page.contains("href=\"/traces/\(trace)\""))
            #expect(page.contains("traced a crime gun to this dealer"))
            #expect(page.contains("bought the crime gun"))
            #expect(page.contains("id=\"unseen-alerts\""))
            // Scanning again (this process or another) raises nothing twice.
            try f.state.live.settle()
            f.state.live.scanAlerts()
            #expect(try await alertTotal(client, token: token) == 2)

            // Marked seen: gone from the unseen list, kept in the full one, audited.
            let first = try #require(try f.store.alerts(unacknowledgedOnly: true, limit: 10, offset: 0).alerts.first)
            #expect(try await ana.post("/alerts/\(first.id)/seen", form: []).status == .seeOther)
            #expect(try await alertTotal(client, token: token) == 1)
            #expect(try await alertTotal(client, token: token, all: true) == 2)
            #expect(try f.store.auditLog(action: "alert-ack").total == 1)
            #expect(try f.store.auditLog(action: "watch-add").total == 3)

            // An ended watch alerts no more; the other still does.
            let dealerWatch = try #require(try f.store.watches(includeEnded: false).first { $0.kind == .dealer })
            #expect(try await ana.post("/watches/\(dealerWatch.id)/end", form: []).status == .seeOther)
            _ = try await submit(client, token: token, request(f, sale: sale))
            #expect(try await alertTotal(client, token: token, all: true) == 3)

            // In Spanish.
            ana.language = "es-MX,es;q=0.9"
            let es = try await ana.get("/alerts")
            #expect(es.contains("compró el arma del delito"))
            #expect(es.contains("Marcar como vista"))
        }
    }

    @Test func watchedTracesAlertOnceOnSQLite() async throws {
        try await Self.watchedTracesAlertOnce(try ServerFixture())
    }

    @Test(.postgresServer) func watchedTracesAlertOnceOnPostgres() async throws {
        try await Self.watchedTracesAlertOnce(try ServerFixture(postgres: true))
    }
}
