import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceServer
import NIOCore
import Testing

/// A request an analyst can find again: its case number, agency ORI, request id and model on the
/// trace's page and in the API, a search by each (model with the agency), and "my requests".
@Suite struct TraceRequestSearchTests {
    @Test func caseNumberORIAndRequestIDAreShownAndSearchable() async throws {
        let f = try ServerFixture()
        let token = try f.store.createAPIToken(userName: "ana", label: "search")
        let d = f.state.snapshot.dataset
        let serial = d.strings[d.sales.serial[9]]
        let maker = d.strings[d.sales.manufacturer[9]]
        let model = d.strings[d.sales.model[9]]
        try await f.app.test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let body =
                "{\"manufacturer\":\"\(maker)\",\"serial\":\"\(serial)\",\"model\":\"\(model)\",\"recovery_date\":\"2024-01-02\",\"recovery_country\":\"MX\",\"case_number\":\"FGR-2024-0917\",\"agency_ori\":\"zz0000042\",\"request_id\":\"ana-req-42\"}"
            let posted = try await client.execute(
                uri: "/api/v1/traces",
                method: .post,
                headers: auth,
                body: ByteBuffer(string: body)
            )
            #expect(posted.status == .created, "\(String(buffer: posted.body))")
            let o = try #require(try JSONSerialization.jsonObject(with: Data(buffer: posted.body)) as? [String: Any])
            let id = try #require(o["trace_id"] as? Int)
            func items(_ query: String) async throws -> [[String: Any]] {
                let r = try await client.execute(uri: "/api/v1/traces?\(query)", method: .get, headers: auth)
                #expect(r.status == .ok, "\(query): \(String(buffer: r.body))")
                let j = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                return (j?["items"] as? [[String: Any]]) ?? []
            }
            let modelPart = String(model.lowercased().dropFirst(model.count > 2 ? 1 : 0))
            for query in [
                "case_number=2024-0917", "agency_ori=zz0000042", "request_id=ana-req-42", "mine=1",
                "agency_ori=zz0000042&model=\(modelPart.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
            ] {
                let found = try await items(query)
                #expect(found.count == 1, "\(query): \(found.count) traces")
                let item = try #require(found.first)
                #expect(item["id"] as? Int == id)
                #expect(item["case_number"] as? String == "FGR-2024-0917")
                #expect(item["agency_ori"] as? String == "ZZ0000042")
                #expect(item["request_id"] as? String == "ana-req-42")
                #expect(item["model"] as? String == model)
            }
            #expect(try await items("case_number=NO-SUCH-CASE").isEmpty)
            #expect(try await items("agency_ori=zz0000042&model=NO-SUCH-MODEL").isEmpty)
            let s = Session(client)
            try await s.logIn("ana")
            let page = try await s.get("/traces/\(id)")
            #expect(page.status == .ok)
            #expect(page.contains("FGR-2024-0917") && page.contains("ZZ0000042") && page.contains("ana-req-42"))
            #expect(page.contains("<dt>Submitted by</dt><dd>ana</dd>"), "colleagues see who asked")
            let mine = try await s.get("/traces?mine=1")
            #expect(mine.contains("href=\"/traces/\(id)\""))
            // List bodies are cached per URL, language and role: another analyst's "my requests" at
            // the same URL is hers, not ana's cached list.
            _ = try IronTraceServer.addUser(f.store, name: "amy", role: .analyst, cost: 4)
            try IronTraceServer.setPassword(f.store, name: "amy", password: ServerFixture.password, cost: 4)
            let amy = Session(client)
            try await amy.logIn("amy")
            let hers = try await amy.get("/traces?mine=1")
            #expect(hers.status == .ok)
            #expect(!hers.contains("href=\"/traces/\(id)\""), "amy sees ana's requests")
            #expect(try await s.get("/traces?mine=1").contains("href=\"/traces/\(id)\""))
        }
    }

    /// A trace page's body is cached per URL, language and role, never with the personal record:
    /// a viewer's masked page does not reach an analyst, an analyst's record does not reach the next
    /// analyst, and every view of the record is audited.
    @Test func cachedTracePagesKeepRolesAndPersonalDataApart() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let row = try #require(d.traces.purchaser.firstIndex { $0 > 0 })
        let id = d.traces.id[row]
        try await f.app.test(.router) { client in
            let vic = Session(client)
            try await vic.logIn("vic")
            let masked = try await vic.get("/traces/\(id)")
            #expect(masked.status == .ok)
            #expect(!masked.contains("id=\"show-pii\""))
            let ana = Session(client)
            try await ana.logIn("ana")
            let page = try await ana.get("/traces/\(id)")
            #expect(page.contains("id=\"show-pii\""), "the analyst got the viewer's cached page")
            let record = try await ana.get("/traces/\(id)?pii=1")
            #expect(record.status == .ok && record.contains("class=\"pii\""))
            _ = try IronTraceServer.addUser(f.store, name: "amy", role: .analyst, cost: 4)
            try IronTraceServer.setPassword(f.store, name: "amy", password: ServerFixture.password, cost: 4)
            let amy = Session(client)
            try await amy.logIn("amy")
            let hers = try await amy.get("/traces/\(id)")
            #expect(hers.contains("id=\"show-pii\""))
            #expect(!hers.contains("class=\"pii\""), "a cached body holds the personal record")
            _ = try await amy.get("/traces/\(id)?pii=1")
        }
        let views = try f.store.auditLog(action: "pii-view").entries
        #expect(views.filter { $0.user == "ana" }.count == 1)
        #expect(views.filter { $0.user == "amy" }.count == 1)
        let lookups = try f.store.auditLog(action: "trace-lookup").entries
        #expect(lookups.filter { $0.target == "trace:\(id)" }.count == 5)
    }
}

/// A gun is found by its true serial even where the recovering agency misread it, and the type
/// filter reads the words the intake reads (Spanish included).
@Suite struct TraceSerialAndTypeSearchTests {
    @Test func aTraceIsFoundByItsRegistrySerialAndTypesInSpanish() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        // A completed trace whose recovery's serial is not its sale's (a misread the engine resolved).
        var saleRow: [Int64: Int] = [:]
        for (i, id) in d.sales.id.enumerated() { saleRow[id] = i }
        var recoveryRow: [Int64: Int] = [:]
        for (i, id) in d.recoveries.id.enumerated() { recoveryRow[id] = i }
        let found = (0..<d.traces.count).lazy.compactMap { t -> (Int64, String)? in
            guard let s = saleRow[d.traces.sale[t]], let r = recoveryRow[d.traces.recovery[t]] else { return nil }
            let registry = d.strings[d.sales.serial[s]]
            let read = d.strings[d.recoveries.serial[r]]
            return registry.count >= 5 && !read.contains(registry) ? (d.traces.id[t], registry) : nil
        }.first
        let (traceID, registry) = try #require(found, "the demo world has misread serials that were traced")
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("ana")
            let page = try await s.get("/traces?serial=\(registry)")
            #expect(page.status == .ok)
            #expect(page.contains("href=\"/traces/\(traceID)\""), "found by the registry's serial \(registry)")
            let english = try await s.get("/traces?type=pistol")
            let spanish = try await s.get("/traces?type=pistola")
            #expect(spanish.status == .ok)
            func total(_ p: Session.Page) -> String? {
                p.body.range(of: "id=\"trace-list\"><h3>").map { String(p.body[$0.upperBound...].prefix { $0 != " " }) }
            }
            #expect(total(english) != nil && total(english) == total(spanish))
            let handguns = try await s.get("/traces?type=handgun")
            let cortas = try await s.get("/traces?type=arma%20corta")
            #expect(cortas.status == .ok && total(handguns) == total(cortas))
        }
    }
}
