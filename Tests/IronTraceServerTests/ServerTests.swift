import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceCore
import IronTraceFormats
import IronTracePresentation
import IronTraceServer
import IronTraceStore
import NIOCore
import Testing

/// The dashboard and API as a user meets them, in process (HummingbirdTesting's router mode).
@Suite struct ServerTests {
    @Test func everyPageNeedsALoginAndTheAPISaysSoInJSON() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            let page = try await s.get("/traces")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=%2Ftraces")
            let api = try await s.get("/api/v1/reports/summary")
            #expect(api.status == .unauthorized)
            #expect(api.contains("\"code\":\"unauthenticated\""))
            #expect(try await s.get("/api/v1/openapi.json").status == .ok)
        }
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndRepeatedFailuresAreLimited() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            let bad = try await s.logIn("ana", password: "wrong password here")
            #expect(bad.status == .unauthorized)
            #expect(bad.contains("Wrong user name or password."))
            let ok = try await s.logIn("ana")
            #expect(ok.status == .seeOther)
            let cookie = ok.headers[values: .setCookie].first { $0.hasPrefix("it_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            // Behind a TLS proxy the cookie is Secure.
            let proxied = try await client.execute(
                uri: "/login",
                method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-Forwarded-Proto")!: "https",
                ],
                body: ByteBuffer(string: "user=ana&password=\(ServerFixture.password)")
            )
            #expect(
                proxied.headers[values: .setCookie].contains { $0.hasPrefix("it_session=") && $0.contains("Secure") }
            )
            // Five failures lock the name for the window, even for the right password.
            let t = Session(client)
            for _ in 0..<5 { _ = try await t.logIn("vic", password: "not the password!") }
            let locked = try await t.logIn("vic")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.contains("Too many failed attempts"))
            let audit = try f.store.auditLog(action: "login-failed").entries
            #expect(audit.count == 6 && audit.allSatisfy { $0.user == "ana" || $0.user == "vic" })
        }
    }

    @Test func aNewUserMustChooseAPasswordAndFormsNeedTheCSRFToken() async throws {
        let f = try ServerFixture()
        let once = try IronTraceServer.addUser(f.store, name: "newbie", role: .viewer, cost: 4)
        try await f.app.test(.router) { client in
            let s = Session(client)
            let login = try await s.post("/login", form: [("user", "newbie"), ("password", once)], withCSRF: false)
            #expect(login.headers[.location] == "/account/password")
            #expect(try await s.get("/").headers[.location] == "/account/password")
            let form = try await s.get("/account/password")
            #expect(form.contains("This password was issued once"))
            let forged = try await s.post(
                "/account/password",
                form: [("current", once), ("new", "my-own-long-password")],
                withCSRF: false
            )
            #expect(forged.status == .forbidden)
            #expect(forged.contains("data-code=\"csrf\""))
            let short = try await s.post("/account/password", form: [("current", once), ("new", "short")])
            #expect(short.status == .badRequest && short.contains("at least 12 characters"))
            let done = try await s.post(
                "/account/password",
                form: [("current", once), ("new", "my-own-long-password")]
            )
            #expect(done.status == .seeOther)
            #expect(try await s.get("/").status == .ok)
        }
    }

    @Test func overviewShowsTheHeadlineFiguresInEnglishOrSpanish() async throws {
        let f = try ServerFixture()
        let traces = f.state.snapshot.dataset.traces.count
        let us = f.state.snapshot.analytics.report(.summary).table("source_class")!.value("US-sourced", "Share")!
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("vic")
            let en = try await s.get("/")
            #expect(en.status == .ok)
            #expect(en.contains("<html lang=\"en\">"))
            #expect(en.contains("SYNTHETIC DEMO DATA"))
            #expect(en.contains("<span class=\"value\">\(Language.en.integer(traces))</span>"))
            #expect(en.contains(Language.en.percent(us)))
            #expect(en.contains("<svg"))
            // Accept-Language picks Spanish; numbers group with a narrow space, decimals with a point (as in Mexico and in the charts).
            s.language = "es-MX,es;q=0.9,en;q=0.5"
            let es = try await s.get("/")
            #expect(es.contains("<html lang=\"es\">") && es.contains(">Resumen<") && es.contains("DATOS SINTÉTICOS"))
            #expect(es.contains("<span class=\"value\">\(Language.es.integer(traces))</span>"))
            #expect(es.contains(Language.es.percent(us)))
            // The switcher's choice is remembered over the browser's.
            let sw = try await s.get("/lang/en?back=/flows")
            #expect(sw.headers[.location] == "/flows")
            #expect(try await s.get("/").contains("<html lang=\"en\">"))
        }
    }

    /// Events are located by state; a municipality filter keeps its state's events and says so, in
    /// each language, instead of letting the state's figures read as the municipality's.
    @Test func aMunicipalityFilterSaysItsEventsAreLocatedOnlyByState() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let stateArea = try #require(
            (0..<d.events.count).map { d.strings[d.events.area[$0]] }.first { $0.hasPrefix("MX-") && $0.count == 5 }
        )
        let inState = (0..<d.events.count).filter { d.strings[d.events.area[$0]] == stateArea }.count
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("vic")
            let city = try await s.get("/violence?area=\(stateArea)001")
            #expect(city.status == .ok)
            let name = AreaCode.displayName(of: stateArea)
            #expect(
                city.contains(
                    "\(Language.en.integer(inState)) of these events are located only by state: they are counted for the municipality&#39;s whole state (\(name))"
                )
            )
            let state = try await s.get("/violence?area=\(stateArea)")
            #expect(!state.contains("located only by state"), "a state filter needs no such note")
            s.language = "es-MX,es;q=0.9"
            let es = try await s.get("/violence?area=\(stateArea)001")
            #expect(
                es.contains(
                    "de estos eventos solo están ubicados por estado: se cuentan para todo el estado del municipio"
                )
            )
        }
    }

    @Test func filtersLiveInTheURLAndBadOnesSayWhy() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("vic")
            let mx = try await s.get("/flows?country=MX&years=2018-2020")
            #expect(mx.status == .ok)
            #expect(mx.contains("value=\"MX\"") && mx.contains("value=\"2018-2020\""))
            #expect(mx.contains("Filter: country=MX, years=2018-2020"))
            let bad = try await s.get("/dealers?years=20x8")
            #expect(bad.status == .badRequest)
            #expect(bad.contains("years=20x8: expected a year (2019) or a range (2015-2020)"))
            let api = try await s.get("/api/v1/reports/flows?colour=red")
            #expect(api.status == .badRequest && api.contains("\"code\":\"invalid_filter\""))
        }
    }

    @Test func viewersSeeAggregatesWithPeopleMaskedAnalystsSeePseudonymsAndAskForMore() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let row = try #require(d.traces.purchaser.firstIndex { $0 > 0 })
        let id = d.traces.id[row]
        let person = d.traces.purchaser[row]
        let record = try #require(try f.store.personRecord(id: person))
        let pseudonym = Person.pseudonym(for: person)
        try await f.app.test(.router) { client in
            let viewer = Session(client)
            try await viewer.logIn("vic")
            let v = try await viewer.get("/traces/\(id)")
            #expect(v.status == .ok && v.contains("masked for your role"))
            #expect(!v.contains(pseudonym) && !v.contains(record["last_name"]!))
            #expect(try await viewer.get("/traces/\(id)?pii=1").status == .forbidden)
            #expect(try await viewer.get("/network").status == .forbidden)
            #expect(try await viewer.get("/api/v1/traces/\(id)").contains("\"purchaser\":\"masked\""))

            let analyst = Session(client)
            try await analyst.logIn("ana")
            let a = try await analyst.get("/traces/\(id)")
            #expect(a.contains(pseudonym) && !a.contains(record["last_name"]!))
            #expect(a.contains("id=\"candidates\""))
            let pii = try await analyst.get("/traces/\(id)?pii=1")
            #expect(pii.contains(record["last_name"]!) && pii.contains(record["street"]!))
            #expect(try await analyst.get("/imports").status == .forbidden)
        }
        let log = try f.store.auditLog().entries
        #expect(log.contains { $0.user == "ana" && $0.action == "pii-view" && $0.target == "person:\(person)" })
        #expect(log.filter { $0.action == "trace-lookup" && $0.target == "trace:\(id)" }.count == 4)
    }

    @Test func theAuditLogIsAppendOnlyAndAdminsReadIt() async throws {
        let f = try ServerFixture()
        try f.store.audit(user: "x", action: "test", target: "t")
        let raw = try DatabaseQueue(path: f.store.location)
        #expect(throws: (any Error).self) { try raw.write { try $0.execute(sql: "DELETE FROM audit_log") } }
        #expect(throws: (any Error).self) {
            try raw.write { try $0.execute(sql: "UPDATE audit_log SET user_name = 'y'") }
        }
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("ada")
            let page = try await s.get("/admin/audit?action=login")
            #expect(page.status == .ok && page.contains("<td>ada</td><td class=\"words\">login</td>"))
            let api = try await s.get("/api/v1/audit?per_page=1")
            #expect(api.contains("\"per_page\":1") && api.contains("\"total\":"))
        }
    }

    @Test func aTraceRequestWithErrorsIsExplainedThenAValidOneIsTracedAndStored() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        // A gun that was sold: its serial and maker, recovered later.
        let sale = d.sales.count / 2
        let serial = d.strings[d.sales.serial[sale]]
        let maker = d.strings[d.sales.manufacturer[sale]]
        let before = d.traces.count
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("ana")
            let bad = try await s.post(
                "/traces/new",
                form: [
                    ("manufacturer", maker), ("serial", serial), ("recovery_date", "2023-13-40"),
                    ("recovery_area", "MX-99"),
                ]
            )
            #expect(bad.status == .badRequest)
            #expect(bad.contains("Please correct the marked fields."))
            #expect(bad.contains("2023-13-40") && bad.contains("impossible date: there is no month 13"))
            #expect(bad.contains("expected MX-14, MX-14039 or US-TX"))
            #expect(bad.contains("value=\"\(serial)\""))  // what was typed is kept
            // Every field's problem at once: a wrong date does not hide the missing maker and serial.
            let empty = try await s.post("/traces/new", form: [("recovery_date", "2024-02-30"), ("type", "cañón")])
            #expect(empty.status == .badRequest)
            for field in ["recovery_date", "manufacturer", "serial", "type"] {
                #expect(empty.contains("id=\"f-\(field)-error\""), "\(field) is marked")
            }
            #expect(empty.contains("impossible date: February 2024 has 29 days"))
            let good = try await s.post(
                "/traces/new",
                form: [
                    ("manufacturer", maker), ("serial", serial), ("recovery_date", "2024-06-01"),
                    ("recovery_area", "MX-14"),
                ]
            )
            #expect(good.status == .ok)
            #expect(good.contains("id=\"result-outcome\">Completed to"))
            #expect(good.contains("id=\"candidates\""))
        }
        #expect(f.state.snapshot.dataset.traces.count == before + 1)
        #expect(try f.store.auditLog(action: "trace-submit").entries.count == 1)
    }

    @Test func aBatchUploadStoresGoodRowsAndReportsRejectedOnes() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let serial = d.strings[d.sales.serial[10]]
        let maker = d.strings[d.sales.manufacturer[10]]
        let header = TraceRequestCodec.header.joined(separator: ",")
        let csv =
            header + "\r\n"
            + "r1,2024-05-02,routine,5212,MX0001,c1,\(serial),false,\"\(maker)\",pistol,,,,,,,2024-05-01,MX,MX-14,\r\n"
            + "r2,2024-05-02,routine,5212,MX0001,c2,ABC123,false,Glock,pistol,,,,,,,not-a-date,MX,MX-14,\r\n"
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("ana")
            let r = try await s.post("/traces/batch", form: [("csv", csv)])
            #expect(r.status == .ok)
            #expect(
                r.contains("id=\"batch-read\">2<") && r.contains("id=\"batch-stored\">1<")
                    && r.contains("id=\"batch-rejected\">1<")
            )
            #expect(r.contains("<td>3</td><td>17</td><td>recovery_date</td><td>not-a-date</td>"))
        }
        let entry = try #require(try f.store.ledger().last)
        #expect(entry.rowsRead == 2 && entry.rowsStored == 1 && entry.rowsRejected == 1)
        #expect(try f.store.rejections(importID: entry.id).first?.line == 3)
    }

    /// The batch holds the rules the form and the API hold: no date after today, and a recovery id
    /// only when that recovery exists (found by an attack on the server: both were stored, one as a
    /// trace with no recovery, one with a time-to-crime of 67,641 days).
    @Test func aBatchRefusesFutureDatesAndRecoveriesThatDoNotExist() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let serial = d.strings[d.sales.serial[10]]
        let maker = d.strings[d.sales.manufacturer[10]]
        let recovery = d.recoveries.id[0]
        let header = TraceRequestCodec.header.joined(separator: ",")
        let row = { (id: String, request: String, recovered: String, recoveryID: String) in
            "\(id),\(request),routine,5212,MX0001,c1,\(serial),false,\"\(maker)\",pistol,,,,,,,\(recovered),MX,MX-14,\(recoveryID)\r\n"
        }
        let csv =
            header + "\r\n" + row("ok", "2024-05-02", "2024-05-01", "")
            + row("future", "", "2200-12-31", "") + row("asked-later", "2200-01-01", "2024-05-01", "")
            + row("no-such", "2024-05-02", "2024-05-01", "999999999")
            + row("known", "2024-05-02", "2024-05-01", String(recovery))
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("ana")
            let r = try await s.post("/traces/batch", form: [("csv", csv)])
            #expect(r.status == .ok)
            #expect(
                r.contains("id=\"batch-read\">5<") && r.contains("id=\"batch-stored\">2<")
                    && r.contains("id=\"batch-rejected\">3<")
            )
            #expect(r.contains("<td>3</td><td>17</td><td>recovery_date</td><td>2200-12-31</td>"))
            #expect(r.contains("recovery_date &#39;2200-12-31&#39;: the date is in the future"))
            #expect(r.contains("<td>4</td><td>2</td><td>request_date</td><td>2200-01-01</td>"))
            #expect(r.contains("request_date &#39;2200-01-01&#39;: the date is in the future"))
            #expect(
                r.contains(
                    "<td>5</td><td>20</td><td>recovery_id</td><td>999999999</td><td>no recovery with id 999999999"
                )
            )
        }
        let entry = try #require(try f.store.ledger().last)
        #expect(entry.rowsRead == 5 && entry.rowsStored == 2 && entry.rowsRejected == 3)
        #expect(try f.store.rejections(importID: entry.id).map(\.line).sorted() == [3, 4, 5])
    }

    @Test func apiTokensTraceThroughTheAPIAndErrorsHaveStableCodes() async throws {
        let f = try ServerFixture()
        let token = try f.store.createAPIToken(userName: "ana", label: "test")
        let d = f.state.snapshot.dataset
        let serial = d.strings[d.sales.serial[5]]
        let maker = d.strings[d.sales.manufacturer[5]]
        try await f.app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let ok = try await client.execute(
                uri: "/api/v1/traces",
                method: .post,
                headers: auth,
                body: ByteBuffer(
                    string:
                        "{\"manufacturer\":\"\(maker)\",\"serial\":\"\(serial)\",\"recovery_date\":\"2024-01-02\",\"recovery_country\":\"MX\"}"
                )
            )
            #expect(ok.status == .created)
            let o = try #require(try JSONSerialization.jsonObject(with: Data(buffer: ok.body)) as? [String: Any])
            #expect((o["outcome"] as? String)?.hasPrefix("completed") == true)
            #expect(o["trace_id"] as? Int != nil && (o["candidates"] as? [Any])?.isEmpty == false)
            let invalid = try await client.execute(
                uri: "/api/v1/traces",
                method: .post,
                headers: auth,
                body: ByteBuffer(string: "{\"serial\":\"X1\",\"recovery_date\":\"yesterday\"}")
            )
            #expect(invalid.status == .unprocessableContent)
            let e = try #require(try JSONSerialization.jsonObject(with: Data(buffer: invalid.body)) as? [String: Any])
            let fields = (e["error"] as? [String: Any])?["fields"] as? [String: String]
            #expect(fields?["recovery_date"] != nil)
            let page = try await client.execute(uri: "/api/v1/traces?per_page=0", method: .get, headers: auth)
            #expect(page.status == .badRequest && String(buffer: page.body).contains("\"code\":\"bad_request\""))
            let list = try await client.execute(
                uri: "/api/v1/traces?per_page=3&page=2&country=MX",
                method: .get,
                headers: auth
            )
            let l = try #require(try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [String: Any])
            #expect(l["page"] as? Int == 2 && (l["items"] as? [Any])?.count == 3)
            let revoked = try await client.execute(
                uri: "/api/v1/me",
                method: .get,
                headers: [.authorization: "Bearer it_nope"]
            )
            #expect(revoked.status == .unauthorized && String(buffer: revoked.body).contains("invalid_token"))
        }
    }

    @Test func theOpenAPIDocumentDescribesExactlyTheAPIRoutes() throws {
        let f = try ServerFixture()
        let router = IronTraceServer.router(f.state)
        let served = Set(
            router.routes.filter { $0.path.description.hasPrefix("/api/") }.map { r in
                let path = r.path.description.split(separator: "/").map {
                    $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
                }
                return "\(r.method.rawValue.lowercased()) /" + path.joined(separator: "/")
            }
        )
        let doc = try #require(
            try JSONSerialization.jsonObject(with: Data(IronTraceServer.openAPIDocument.utf8)) as? [String: Any]
        )
        #expect(doc["openapi"] as? String == "3.0.3")
        var described = Set<String>()
        for (path, ops) in try #require(doc["paths"] as? [String: [String: Any]]) {
            for m in ops.keys { described.insert("\(m) \(path)") }
        }
        #expect(served == described)
    }

    @Test func downloadsAreCSVAndSVGAndExportsAreAudited() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("vic")
            let csv = try await s.get("/dealers?country=MX&download=csv&report=dealers&table=ranked")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body.hasPrefix("Rank,Licence,Dealer"))
            let svg = try await s.get("/charts/summary/summary-by_year.svg?lang=es")
            #expect(svg.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(svg.body.hasPrefix("<svg") || svg.body.hasPrefix("<?xml"))
            #expect(
                svg.contains("Armas rastreadas por año de recuperación y país de origen")
                    && svg.contains("Año de recuperación")
            )
            let traces = try await s.get("/traces?download=csv&country=MX")
            #expect(traces.body.hasPrefix("id,recovery_id,recovery_date"))
            #expect(!traces.contains("last_name"))
        }
        let exports = try f.store.auditLog(action: "export").entries
        #expect(exports.count == 2 && exports.allSatisfy { $0.user == "vic" })
    }
}
