import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceFixtures
import IronTracePostgres
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import IronTraceTracing
import NIOCore
import Testing

@testable import IronTraceServer

/// The live snapshot: trace submissions applied as deltas answer exactly what a full rebuild from
/// the store answers, on SQLite and on PostgreSQL; writes by another store (another process) and
/// imports are seen; a revoked token is refused by every server at once.
@Suite struct LiveSnapshotTests {
    /// The API answers compared between the live server and one built from the store afresh.
    static let reportPaths = [
        "/api/v1/reports/summary", "/api/v1/reports/sources", "/api/v1/reports/dealers",
        "/api/v1/reports/time-to-crime", "/api/v1/reports/flows", "/api/v1/reports/crimes",
        "/api/v1/reports/firearms", "/api/v1/reports/multiple-sales", "/api/v1/reports/summary?country=MX",
        "/api/v1/traces?per_page=500", "/api/v1/traces?per_page=7&page=3", "/api/v1/traces?country=MX&per_page=50",
    ]
    static let networkPaths = ["/api/v1/leads?per_page=500", "/api/v1/leads/1", "/api/v1/leads/1/graph"]

    static func answers(_ state: ServerState, token: String, paths: [String]) async throws -> [String: String] {
        try await IronTraceServer.application(state).test(.router) { client in
            var out: [String: String] = [:]
            for p in paths {
                let r = try await client.execute(uri: p, method: .get, headers: [.authorization: "Bearer \(token)"])
                out[p] = "\(r.status.code) " + String(buffer: r.body)
            }
            return out
        }
    }

    /// Every answer the same as a server started now on the same database.
    static func expectSameAsFresh(
        _ f: ServerFixture,
        token: String,
        paths: [String],
        _ what: String
    ) async throws {
        let fresh = try ServerState(store: f.store, configuration: f.state.configuration)
        #expect(fresh.snapshot.dataset.traces.count == f.state.snapshot.dataset.traces.count, "\(what)")
        let live = try await answers(f.state, token: token, paths: paths)
        let rebuilt = try await answers(fresh, token: token, paths: paths)
        for p in paths {
            #expect(live[p]?.hasPrefix("200 ") == true, "\(what) \(p): \(live[p]?.prefix(200) ?? "")")
            #expect(live[p] == rebuilt[p], "\(what) \(p) differs from a full rebuild")
        }
    }

    static func submit(_ f: ServerFixture, token: String, _ bodies: [String]) async throws -> [Int] {
        try await f.app.test(.router) { client in
            var ids: [Int] = []
            for body in bodies {
                let r = try await client.execute(
                    uri: "/api/v1/traces",
                    method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                    body: ByteBuffer(string: body)
                )
                #expect(r.status == .created, "\(r.status): \(String(buffer: r.body).prefix(300))")
                let o = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                ids.append(o?["trace_id"] as? Int ?? -1)
            }
            return ids
        }
    }

    /// Requests for sales of the served world (traced to a purchaser), one for a serial nobody sold
    /// (not traced) and one in a state no trace had so far.
    static func requests(_ f: ServerFixture, count: Int, salt: Int) -> [String] {
        let d = f.state.snapshot.dataset
        var bodies = (0..<count).map { i -> String in
            let sale = (d.sales.count / (count + 3)) * (i + 1) + salt
            return
                "{\"manufacturer\":\"\(d.strings[d.sales.manufacturer[sale]])\",\"serial\":\"\(d.strings[d.sales.serial[sale]])\",\"recovery_date\":\"2024-0\(1 + i % 9)-1\(i % 10)\",\"recovery_country\":\"MX\",\"recovery_area\":\"MX-14\"}"
        }
        bodies.append(
            "{\"manufacturer\":\"Glock\",\"serial\":\"ZZ\(salt)QQ999\",\"recovery_date\":\"2023-05-06\",\"recovery_country\":\"MX\"}"
        )
        return bodies
    }

    static func deltasEqualAFullRebuild(_ f: ServerFixture, other: any IronTraceDatabase) async throws {
        let token = try f.store.createAPIToken(userName: "ana", label: "live")
        let first = f.state.snapshot
        let ids = try await submit(f, token: token, requests(f, count: 6, salt: 1))
        #expect(!ids.contains(-1))
        // Applied as deltas (no full rebuild); the trace engine sees the new traces in its scores
        // (a dealer's completed traces, a gun already traced), as a fresh engine would.
        let s = f.state.snapshot
        #expect(f.state.live.deltasSinceRebuild == 7, "7 submissions, 7 deltas")
        #expect(s.version > first.version)
        #expect(s.engine.dataset.traces.count == s.dataset.traces.count)
        #expect(s.dataset.traces.count == first.dataset.traces.count + 7)
        try await expectSameAsFresh(f, token: token, paths: reportPaths + networkPaths, "after 7 API submissions")

        // Another process records traces: the next catch-up applies them as a delta, reports and
        // the trace list at once, the network after its rebuild.
        let results = requests(f, count: 3, salt: 5).compactMap { body -> TraceResult? in
            let o = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
            guard let o else { return nil }
            let (req, _) = TraceForm.request(FormBody(fields: o), .en, stored: f.state.snapshot.dataset)
            return req.map { f.state.snapshot.engine.trace($0) }
        }
        #expect(results.count == 4)
        _ = try other.record(results.map(\.write), source: "another process", submittedBy: "ana")
        #expect(try f.state.live.catchUp() == .delta)
        #expect(!f.state.snapshot.networkIsCurrent)
        try await expectSameAsFresh(f, token: token, paths: reportPaths, "after another process's traces")
        try f.state.live.rebuildNetwork()
        #expect(f.state.snapshot.networkIsCurrent)
        try await expectSameAsFresh(f, token: token, paths: networkPaths, "network after another process's traces")
        #expect(try f.state.live.catchUp() == .unchanged)
    }

    @Test func deltasAnswerAsAFullRebuildOnSQLite() async throws {
        let f = try ServerFixture()
        try await Self.deltasEqualAFullRebuild(f, other: try IronTraceStore(path: f.store.location))
    }

    @Test(.postgresServer) func deltasAnswerAsAFullRebuildOnPostgres() async throws {
        let f = try ServerFixture(postgres: true)
        try await Self.deltasEqualAFullRebuild(f, other: try PostgresStore(url: f.store.location))
    }

    /// An import by another process is not a delta: the next poll rebuilds from the store (off the
    /// request path) and answers as a fresh server.
    static func importIsRebuilt(_ f: ServerFixture, other: any IronTraceDatabase) async throws {
        let token = try f.store.createAPIToken(userName: "ana", label: "import")
        let dir = try TemporaryDirectory("live-import")
        defer { dir.cleanup() }
        let world = WorldGenerator.generate(scale: .tiny, seed: 77)
        let files = try world.writeFiles(to: dir.path("world"))
        let sales = try #require(files.first { $0.kind == .sales })
        let shifted = dir.path("sales-shifted.csv")
        let lines = try String(contentsOfFile: sales.path, encoding: .utf8).split(separator: "\n")
        var out = String(lines[0]) + "\n"
        for l in lines.dropFirst() {
            var fields = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[0] = String((Int64(fields[0]) ?? 0) + 60_000_000)
            out += fields.joined(separator: ",") + "\n"
        }
        try out.write(toFile: shifted, atomically: true, encoding: .utf8)
        let before = f.state.snapshot.dataset.sales.count
        let summary = try other.importNative(kind: .sales, path: shifted)
        #expect(summary.rowsStored > 0)
        #expect(try f.state.live.catchUp() == .needsRebuild)
        #expect(f.state.snapshot.dataset.sales.count == before, "a catch-up alone does not rebuild")
        try f.state.live.settle()
        #expect(f.state.snapshot.dataset.sales.count == before + summary.rowsStored)
        #expect(f.state.live.deltasSinceRebuild == 0)
        try await expectSameAsFresh(f, token: token, paths: reportPaths + networkPaths, "after an import")
    }

    @Test func anImportIsRebuiltInTheBackgroundOnSQLite() async throws {
        let f = try ServerFixture()
        try await Self.importIsRebuilt(f, other: try IronTraceStore(path: f.store.location))
    }

    @Test(.postgresServer) func anImportIsRebuiltInTheBackgroundOnPostgres() async throws {
        let f = try ServerFixture(postgres: true)
        try await Self.importIsRebuilt(f, other: try PostgresStore(url: f.store.location))
    }

    /// The running service (the server's service group) sees another store's trace within a
    /// second, without any request to this server.
    @Test func theRunningServiceSeesAnotherProcessesTrace() async throws {
        let f = try ServerFixture()
        let other = try IronTraceStore(path: f.store.location)
        let before = f.state.snapshot.dataset.traces.count
        let service = Task { try await f.state.live.run() }
        defer { service.cancel() }
        // Started when the test machine's cooperative threads get to it (other tests keep them busy).
        for _ in 0..<6000 where !f.state.live.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        #expect(f.state.live.isRunning)
        let body = Self.requests(f, count: 1, salt: 9)[0]
        let o = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])
        let req = try #require(TraceForm.request(FormBody(fields: o), .en, stored: f.state.snapshot.dataset).0)
        _ = try other.record([f.state.snapshot.engine.trace(req).write], source: "other")
        let clock = ContinuousClock.now
        // Waited for on this thread (the service polls on its own queue): an await here could itself
        // be late by seconds when parallel tests hold the cooperative threads.
        while f.state.snapshot.dataset.traces.count == before && ContinuousClock.now - clock < .seconds(60) {
            usleep(10_000)
        }
        let waited = ContinuousClock.now - clock
        #expect(f.state.snapshot.dataset.traces.count == before + 1)
        // Seen by the poll; how fast is benchmarks/live-snapshot.sh's to measure (release), not a unit test's.
        #expect(waited < .seconds(60), "seen after \(waited)")
    }

    /// A revoked token is refused by both servers of one database at the next request.
    @Test func aRevokedTokenIsRefusedByEveryServerAtOnce() async throws {
        let f = try ServerFixture()
        let second = try ServerState(
            store: try IronTraceStore(path: f.store.location),
            configuration: f.state.configuration
        )
        let token = try f.store.createAPIToken(userName: "vic", label: "revoke")
        for s in [f.state, second] {
            #expect(
                try await Self.answers(s, token: token, paths: ["/api/v1/me"])["/api/v1/me"]?.hasPrefix("200") == true
            )
        }
        #expect(try f.store.revokeAPITokens(userName: "vic", .all) == 1)
        for s in [f.state, second] {
            let a = try await Self.answers(s, token: token, paths: ["/api/v1/me"])["/api/v1/me"] ?? ""
            #expect(a.hasPrefix("401") && a.contains("invalid_token"), "\(a)")
        }
    }
}
