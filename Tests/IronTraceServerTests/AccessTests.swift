import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceServer
import IronTraceStore
import NIOCore
import Testing

/// Revocations hold at once in every process.
@Suite struct AccessTests {
    /// A second server process on the same SQLite file: its own store connection, its own state.
    static func secondProcess(_ f: ServerFixture) throws -> ServerState {
        var config = ServerConfiguration()
        config.bcryptCost = 4
        return try ServerState(store: try IronTraceStore(path: f.store.path), configuration: config)
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
}
