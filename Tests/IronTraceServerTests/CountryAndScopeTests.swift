import Foundation
import HummingbirdTesting
import IronTraceServer
import Testing

/// Countries are checked against ISO 3166-1 and shown by name; pages never show shell commands to
/// their readers; a year range outside the records says so instead of showing zeros.
@Suite struct CountryAndScopeTests {
    @Test func anUnknownCountryOrAreaIsRefusedInTheUsersLanguage() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            let zz = try await s.get("/traces?country=ZZ")
            #expect(zz.status == .badRequest)
            #expect(zz.contains("not an ISO 3166-1 two-letter country code"))
            #expect(try await s.get("/traces?country=gt").status == .ok, "a real code in any case")
            let xx = try await s.get("/violence?area=XX")
            #expect(xx.status == .badRequest, "XX is no country: the page must not show empty figures as if it were")
            s.language = "es"
            let es = try await s.get("/flows?country=ZZ")
            #expect(es.status == .badRequest)
            #expect(es.contains("no es un código de país ISO 3166-1 de dos letras"))
            let api = try await s.get("/api/v1/reports/summary?country=ZZ")
            #expect(api.status == .badRequest)
        }
    }

    @Test func theTraceFormRefusesAnUnknownCountryAndNamesTheCountryOfManufacture() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            _ = try await s.get("/traces/new")
            let bad = try await s.post(
                "/traces/new",
                form: [
                    ("manufacturer", "Glock"), ("serial", "ZZQ123"), ("recovery_date", "2024-06-01"),
                    ("recovery_country", "ZZ"),
                ]
            )
            #expect(bad.status == .badRequest)
            #expect(bad.contains("id=\"f-recovery_country-error\""))
            _ = try await s.get("/traces/new")
            let good = try await s.post(
                "/traces/new",
                form: [
                    ("manufacturer", "Glock"), ("serial", "ZZQ123"), ("recovery_date", "2024-06-01"),
                    ("recovery_country", "gt"),
                ]
            )
            #expect(good.status == .ok)
            #expect(good.contains("made in Austria with no US importer marked"), "a country by name, not AT")
            #expect(!good.contains("made in AT "))
            s.language = "es"
            let id = try #require(f.state.snapshot.dataset.traces.id.last)
            let page = try await s.get("/traces/\(id)")
            #expect(page.contains("fabricada en Austria sin importador"))
            #expect(page.contains("Guatemala"), "a recovery with only a country shows the country's name")
        }
    }

    @Test func pagesShowNoShellCommandsAndSayWhenNoRecordFallsInTheYears() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            for path in ["/violence", "/violence?area=MX-14039", "/", "/flows"] {
                let page = try await s.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.contains("irontrace info"), "\(path) shows a shell command to a reader")
            }
            let future = try await s.get("/?years=2090")
            #expect(future.status == .ok)
            #expect(future.contains("No trace record falls in the years asked for"))
            s.language = "es"
            let es = try await s.get("/?years=2090")
            #expect(es.contains("Ningún registro de rastreo cae en los años pedidos"))
        }
    }
}
