import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceFormats
import IronTraceServer
import NIOCore
import Testing

/// One set of intake rules for the web form, the API and a web batch (the command line's are in
/// TraceIntakeCLITests): a slash date is refused as ambiguous, an unreadable type is refused, a
/// wholly obliterated serial is still a request, and a request id is accepted once.
@Suite struct TraceIntakeRulesTests {
    @Test func theFormTheAPIAndABatchRefuseTheSameThings() async throws {
        let f = try ServerFixture()
        let token = try f.store.createAPIToken(userName: "ana", label: "rules")
        let header = TraceRequestCodec.header.joined(separator: ",")
        let row = { (id: String, serial: String, obliterated: String, type: String, date: String) in
            "\(id),,routine,,,c1,\(serial),\(obliterated),Glock,\(type),,,,,,,\(date),MX,MX-14,\r\n"
        }
        let csv =
            header + "\r\n" + row("slash", "ABC123", "false", "pistol", "05/03/2024")
            + row("rocket", "ABC124", "false", "lanzacohetes", "2024-03-05")
            + row("gone", "", "true", "pistola", "2024-03-05") + row("gone", "ABC125", "false", "", "2024-03-05")
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("ana")
            // The web form.
            let drawn = try await s.get("/traces/new")
            let prefilled = try #require(drawn.body.range(of: "name=\"request_id\" type=\"text\" value=\"web-"))
            let id = String(drawn.body[prefilled.upperBound...].prefix { $0 != "\"" })
            #expect(id.count == 8, "the form is drawn with its request id")
            let slash = try await s.post(
                "/traces/new",
                form: [("manufacturer", "Glock"), ("serial", "ABC123"), ("recovery_date", "05/03/2024")]
            )
            #expect(slash.status == .badRequest)
            #expect(slash.contains("write the date as YYYY-MM-DD"))
            _ = try await s.get("/traces/new")
            let rocket = try await s.post(
                "/traces/new",
                form: [
                    ("manufacturer", "Glock"), ("serial", "ABC123"), ("recovery_date", "2024-03-05"),
                    ("type", "lanzacohetes"),
                ]
            )
            #expect(rocket.status == .badRequest && rocket.contains("unknown firearm type"))
            _ = try await s.get("/traces/new")
            let form: [(String, String)] = [
                ("request_id", "web-\(id)"), ("manufacturer", "Glock"), ("serial", ""), ("serial_obliterated", "1"),
                ("recovery_date", "2024-03-05"),
            ]
            let gone = try await s.post("/traces/new", form: form)
            #expect(gone.status == .ok, "a wholly obliterated serial is still a request")
            #expect(gone.contains("obliterated"))
            _ = try await s.get("/traces/new")
            let again = try await s.post("/traces/new", form: form)
            #expect(again.status == .badRequest, "the same form sent twice is one request")
            #expect(again.contains("this request was already submitted: trace"))

            // The API.
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            func post(_ body: String) async throws -> (HTTPResponse.Status, String) {
                let r = try await client.execute(
                    uri: "/api/v1/traces",
                    method: .post,
                    headers: auth,
                    body: ByteBuffer(string: body)
                )
                return (r.status, String(buffer: r.body))
            }
            let apiSlash = try await post(
                #"{"manufacturer":"Glock","serial":"ABC123","recovery_date":"05/03/2024"}"#
            )
            #expect(apiSlash.0 == .unprocessableContent && apiSlash.1.contains("write the date as YYYY-MM-DD"))
            let typed = try await post(#"{"manufacturer":5,"serial":"ABC123","recovery_date":"2024-03-05"}"#)
            #expect(typed.1.contains("must be a string"), "a number is the wrong type, not a missing field")
            let long = try await post(
                #"{"manufacturer":"Glock","serial":"ABC123","recovery_date":"2024-03-05","case_number":""#
                    + String(repeating: "9", count: 41) + #""}"#
            )
            #expect(long.1.contains("too long: 41 characters, at most 40"), "\(long.1)")
            let first = try await post(
                #"{"manufacturer":"Glock","serial":"ABC126","recovery_date":"2024-03-05","request_id":"FGR-A1"}"#
            )
            #expect(first.0 == .created)
            let second = try await post(
                #"{"manufacturer":"Glock","serial":"ABC126","recovery_date":"2024-03-05","request_id":"fgr-a1"}"#
            )
            #expect(second.0 == .unprocessableContent && second.1.contains("already submitted"))

            // A web batch, in Spanish.
            s.language = "es"
            let batch = try await s.post("/traces/batch", form: [("csv", csv)])
            #expect(batch.status == .ok)
            #expect(batch.contains("id=\"batch-read\">4<") && batch.contains("id=\"batch-stored\">1<"))
            #expect(batch.contains("escriba la fecha como AAAA-MM-DD"), "a batch says it in the page's language")
            #expect(batch.contains("tipo de arma desconocido"))
            #expect(batch.contains("id de solicitud repetido en este archivo (primero en la línea 4)"))
            #expect(!batch.contains("write the date"))
        }
    }
}
