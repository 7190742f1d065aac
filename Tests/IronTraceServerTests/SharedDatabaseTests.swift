import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceFixtures
import IronTracePostgres
import IronTraceServer
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import NIOCore
import Testing

/// A server a team shares: many submissions at once, imports while it serves, on SQLite and on
/// PostgreSQL (the latter only when a test server is configured: `.ci/run` starts one).
@Suite struct SharedDatabaseTests {
    /// 50 API submissions at once: 50 traces stored, each with its own id, every answer 201.
    static func fiftyConcurrentSubmissions(_ f: ServerFixture) async throws {
        let token = try f.store.createAPIToken(userName: "ana", label: "fifty")
        let before = try f.store.counts().first { $0.table == "traces" }?.rows ?? 0
        let d = f.state.snapshot.dataset
        let bodies = (0..<50).map { i -> String in
            let sale = (d.sales.count / 53) * (i + 1)
            return
                "{\"manufacturer\":\"\(d.strings[d.sales.manufacturer[sale]])\",\"serial\":\"\(d.strings[d.sales.serial[sale]])\",\"recovery_date\":\"2024-01-02\",\"recovery_country\":\"MX\"}"
        }
        let ids = try await f.app.test(.router) { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for body in bodies {
                    group.addTask {
                        let r = try await client.execute(
                            uri: "/api/v1/traces",
                            method: .post,
                            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                            body: ByteBuffer(string: body)
                        )
                        #expect(r.status == .created, "\(r.status): \(String(buffer: r.body).prefix(300))")
                        let o = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                        return o?["trace_id"] as? Int ?? -1
                    }
                }
                var all: [Int] = []
                for try await id in group { all.append(id) }
                return all
            }
        }
        #expect(ids.count == 50 && Set(ids).count == 50 && !ids.contains(-1), "\(ids.sorted())")
        #expect(try f.store.counts().first { $0.table == "traces" }?.rows == before + 50)
        #expect(try f.store.auditLog(action: "trace-submit", limit: 100).total == 50)
    }

    @Test func fiftyConcurrentSubmissionsAreAllStoredOnSQLite() async throws {
        try await Self.fiftyConcurrentSubmissions(try ServerFixture())
    }

    @Test(.postgresServer) func fiftyConcurrentSubmissionsAreAllStoredOnPostgres() async throws {
        try await Self.fiftyConcurrentSubmissions(try ServerFixture(postgres: true))
    }

    /// A large import running in another thread (as `irontrace import` would in another process)
    /// while users log in and look traces up: every request answers, none with a 500.
    static func importWhileServing(_ f: ServerFixture, importer: any IronTraceDatabase) async throws {
        let dir = try TemporaryDirectory("import-while-serving")
        defer { dir.cleanup() }
        let world = WorldGenerator.generate(scale: .tiny, seed: 99)
        let files = try world.writeFiles(to: dir.path("world"))
        let sales = files.first { $0.kind == .sales }!
        // Ids clear of the served world's, so that every row is new and the import is a real write.
        let shifted = dir.path("sales-shifted.csv")
        let lines = try String(contentsOfFile: sales.path, encoding: .utf8).split(separator: "\n")
        var out = String(lines[0]) + "\n"
        for l in lines.dropFirst() {
            var fields = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[0] = String((Int64(fields[0]) ?? 0) + 50_000_000)
            out += fields.joined(separator: ",") + "\n"
        }
        try out.write(toFile: shifted, atomically: true, encoding: .utf8)
        let importing = Task.detached { try importer.importNative(kind: .sales, path: shifted) }
        let d = f.state.snapshot.dataset
        let statuses = try await f.app.test(.router) { client in
            var statuses: [UInt16] = []
            for i in 0..<30 {
                let s = Session(client)
                let login = try await s.logIn(i % 2 == 0 ? "ana" : "ada")
                statuses.append(UInt16(login.status.code))
                let id = d.traces.id[(i * 7) % d.traces.count]
                statuses.append(UInt16(try await s.get("/api/v1/traces/\(id)").status.code))
            }
            return statuses
        }
        let summary = try await importing.value
        #expect(summary.rowsStored == world.saleCount && summary.isBalanced)
        #expect(statuses.allSatisfy { $0 < 500 }, "\(statuses.filter { $0 >= 500 }.count) answers were 5xx")
        #expect(statuses.filter { $0 == 200 || $0 == 303 }.count == statuses.count, "\(statuses)")
    }

    @Test func importIntoAServedSQLiteDatabaseLeavesLoginsAndLookupsWorking() async throws {
        let f = try ServerFixture()
        try await Self.importWhileServing(f, importer: try IronTraceStore(path: f.store.location))
    }

    @Test(.postgresServer) func importIntoAServedPostgresDatabaseLeavesLoginsAndLookupsWorking() async throws {
        let f = try ServerFixture(postgres: true)
        try await Self.importWhileServing(f, importer: f.store)
    }
}

extension Trait where Self == ConditionTrait {
    /// PostgreSQL tests run only against a real server: `.ci/run` starts one and sets
    /// IRONTRACE_TEST_POSTGRES_URL; without it they are skipped with this message.
    static var postgresServer: Self {
        .enabled(
            if: PostgresScratch.serverURL != nil,
            "no PostgreSQL server: set IRONTRACE_TEST_POSTGRES_URL (.ci/run starts one)"
        )
    }
}
