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
            let mine = try await s.get("/traces?mine=1")
            #expect(mine.contains("href=\"/traces/\(id)\""))
        }
    }
}
