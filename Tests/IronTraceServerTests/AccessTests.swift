import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceServer
import IronTraceStore
import NIOCore
import Testing

/// Revocations hold at once in every process, and new passwords are checked.
@Suite struct AccessTests {
    /// A second server process on the same SQLite file: its own store connection, its own state.
    static func secondProcess(_ f: ServerFixture) throws -> ServerState {
        var config = ServerConfiguration()
        config.bcryptCost = 4
        return try ServerState(store: try IronTraceStore(path: f.store.location), configuration: config)
    }

    static func me(_ client: any TestClientProtocol, token: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"]).status
    }

    @Test func aTokenRevokedElsewhereIsRefusedOnTheNextRequest() async throws {
        let f = try ServerFixture()
        let other = try Self.secondProcess(f)
        let keep = try f.store.createAPIToken(userName: "ana", label: "keep")
        let revoked = try f.store.createAPIToken(userName: "ana", label: "ci")
        try await f.app.test(.router) { client in
            #expect(try await Self.me(client, token: revoked) == .ok)
            #expect(try await Self.me(client, token: keep) == .ok)
            // What `irontrace users revoke-token ana --label ci` does, through another connection.
            #expect(try other.store.revokeAPITokens(userName: "ana", .label("ci")) == 1)
            #expect(try await Self.me(client, token: revoked) == .unauthorized)
            #expect(try await Self.me(client, token: keep) == .ok)
            let listed = try other.store.apiTokens(userName: "ana")
            #expect(listed.map(\.label) == ["keep"])
            #expect(try other.store.revokeAPITokens(userName: "ana", .id(listed[0].id)) == 1)
            #expect(try await Self.me(client, token: keep) == .unauthorized)
        }
    }

    @Test func aPasswordChangeInOneProcessEndsOtherSessionsAndTokensInAnother() async throws {
        let f = try ServerFixture()
        let other = try Self.secondProcess(f)
        let token = try f.store.createAPIToken(userName: "ana", label: "script")
        try await f.app.test(.router) { clientA in
            try await IronTraceServer.application(other).test(.router) { clientB in
                let onA = Session(clientA)
                #expect(try await onA.logIn("ana").status == .seeOther)
                let onB = Session(clientB)
                #expect(try await onB.logIn("ana").status == .seeOther)
                #expect(try await onA.get("/traces").status == .ok)
                #expect(try await Self.me(clientA, token: token) == .ok)
                let changed = try await onB.post(
                    "/account/password",
                    form: [("current", ServerFixture.password), ("new", "a-brand-new-passphrase")]
                )
                #expect(changed.status == .seeOther)
                // Process A sees it at once: the other session and the token are gone.
                #expect(try await onA.get("/traces").headers[.location]?.hasPrefix("/login") == true)
                #expect(try await Self.me(clientA, token: token) == .unauthorized)
                // The session it was changed from goes on, in either process.
                #expect(try await onB.get("/traces").status == .ok)
                let sameCookieOnA = Session(clientA)
                sameCookieOnA.cookies = onB.cookies
                #expect(try await sameCookieOnA.get("/traces").status == .ok)
            }
        }
    }

    @Test func aPasswordSetOrAUserRemovedElsewhereEndsSessionsAndTokensAtOnce() async throws {
        let f = try ServerFixture()
        let other = try Self.secondProcess(f)
        let anaToken = try f.store.createAPIToken(userName: "ana", label: "script")
        let vicToken = try f.store.createAPIToken(userName: "vic", label: "script")
        try await f.app.test(.router) { client in
            let ana = Session(client)
            #expect(try await ana.logIn("ana").status == .seeOther)
            let vic = Session(client)
            #expect(try await vic.logIn("vic").status == .seeOther)
            #expect(try await ana.get("/traces").status == .ok)
            #expect(try await vic.get("/traces").status == .ok)
            #expect(try await Self.me(client, token: anaToken) == .ok)
            #expect(try await Self.me(client, token: vicToken) == .ok)
            // A scripted password reset through the other process's store.
            try IronTraceServer.setPassword(other.store, name: "ana", password: "another-long-passphrase", cost: 4)
            #expect(try await ana.get("/traces").headers[.location]?.hasPrefix("/login") == true)
            #expect(try await Self.me(client, token: anaToken) == .unauthorized)
            // `irontrace users remove vic` (or the admin page) in the other process.
            #expect(try other.store.removeUser(named: "vic"))
            #expect(try await vic.get("/traces").headers[.location]?.hasPrefix("/login") == true)
            #expect(try await Self.me(client, token: vicToken) == .unauthorized)
        }
    }

    @Test func theWebFormRefusesCommonReusedAndOverlongPasswords() async throws {
        let f = try ServerFixture()
        let once = try IronTraceServer.addUser(f.store, name: "newbie", role: .viewer, cost: 4)
        try await f.app.test(.router) { client in
            let s = Session(client)
            _ = try await s.post("/login", form: [("user", "newbie"), ("password", once)], withCSRF: false)
            _ = try await s.get("/account/password")
            func change(_ new: String) async throws -> Session.Page {
                try await s.post("/account/password", form: [("current", once), ("new", new)])
            }
            let reused = try await change(once)
            #expect(reused.status == .badRequest && reused.contains("must differ from the current password"))
            let common = try await change("QwertyUIOP123")
            #expect(common.status == .badRequest && common.contains("common password"))
            let listed = try await change("1qaz2wsx3edc")
            #expect(listed.status == .badRequest && listed.contains("10,000 most common passwords"))
            let padded = try await change("Sunshine2024!!")
            #expect(padded.status == .badRequest && padded.contains("common password with digits or punctuation"))
            let long = String(repeating: "correct horse battery staple ", count: 3)
            let overlong = try await change(long)
            #expect(overlong.status == .badRequest && overlong.contains("at most 72 bytes"))
            // Still on the one-time password: nothing was changed.
            #expect(try f.store.user(named: "newbie")?.mustChangePassword == true)
            #expect(try await change("a-good-long-passphrase").status == .seeOther)
        }
    }

    @Test func setPasswordRefusesCommonReusedAndOverlongPasswords() throws {
        let f = try ServerFixture()
        #expect(CommonPasswords.list.count == 10_000)
        func problem(_ password: String) -> String {
            do {
                try IronTraceServer.setPassword(f.store, name: "vic", password: password, cost: 4)
                return ""
            } catch let e as StoreError {
                return e.reason
            } catch {
                return "\(error)"
            }
        }
        #expect(problem("PASSWORD1234").contains("common password"))
        #expect(problem("iloveyou-2024!").contains("common password with digits or punctuation"))
        #expect(problem(ServerFixture.password).contains("must differ from the current password"))
        // 73 bytes: bcrypt would have made it the same password as its first 72 bytes.
        let base = String(repeating: "k7#Tq", count: 14) + "xy"
        #expect(base.utf8.count == 72)
        #expect(problem(base + "z").contains("at most 72 bytes"))
        #expect(problem("ĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳĳ").contains("at most 72 bytes"))
        #expect(problem(base) == "")
    }
}
