import Foundation
import HummingbirdTesting
import IronTracePresentation
import IronTraceServer
import Testing

/// Small things people trip over: a mistyped password keeps where they were going, and removing a
/// user who does not exist says so (and writes no audit row claiming it happened).
@Suite struct AccountFlowTests {
    @Test func aFailedLoginKeepsWhereTheUserWasGoing() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            let wrong = try await s.post(
                "/login",
                form: [("user", "ana"), ("password", "not-the-password"), ("next", "/network/leads/1")],
                withCSRF: false
            )
            #expect(wrong.status == .unauthorized)
            #expect(wrong.contains("name=\"next\" value=\"/network/leads/1\""))
            // Another site is never kept.
            let away = try await s.post(
                "/login",
                form: [("user", "ana"), ("password", "nope-nope-nope"), ("next", "https://evil.example/")],
                withCSRF: false
            )
            #expect(!away.contains("evil.example"))
        }
    }

    @Test func removingSomeoneWhoDoesNotExistSaysSo() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ada").status == .seeOther)
            _ = try await s.get("/admin/users")
            let page = try await s.post("/admin/users", form: [("user", "nadie"), ("action", "remove")])
            #expect(page.status == .notFound && page.contains("no user named nadie"))
        }
        #expect(try f.store.auditLog(action: "user-remove").entries.isEmpty)
    }

    @Test func theUsersPageSpeaksTheAdminsLanguage() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            s.language = "es"
            #expect(try await s.logIn("ada").status == .seeOther)
            _ = try await s.get("/admin/users")
            let added = try await s.post("/admin/users", form: [("user", "beto"), ("role", "analyst")])
            #expect(added.contains("beto agregado (analista); contraseña de un solo uso, se muestra una sola vez: "))
            let again = try await s.post("/admin/users", form: [("user", "beto"), ("role", "analyst")])
            #expect(again.status == .badRequest)
            #expect(!again.contains("already"), "the store's reason in English")
            let gone = try await s.post("/admin/users", form: [("user", "beto"), ("action", "remove")])
            #expect(gone.contains("beto eliminado"))
        }
    }
}
