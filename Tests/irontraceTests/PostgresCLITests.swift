import Foundation
import IronTracePostgres
import IronTraceTesting
import Testing

/// `--database postgres://...` as a user types it: the same commands give the same answers on a
/// PostgreSQL server as on a SQLite file. Skipped with a message when no test server is configured
/// (`.ci/run` starts one and sets IRONTRACE_TEST_POSTGRES_URL).
@Suite(.serialized) struct PostgresCLITests {
    @Test(.postgresServer) func importInfoReportExportAndUsersOnPostgresAnswerAsOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["generate", "--out", "world", "--scale", "tiny", "--seed", "5"], in: dir.url).status == 0)
        let url = try PostgresScratch.freshDatabase()
        var answers: [String: [String]] = [:]
        for db in [url, "w.sqlite"] {
            // Each native file with its kind (the directory also holds the ground truth, which no reader takes).
            for kind in ["licensees", "persons", "sales", "recoveries", "traces", "events", "area_measures", "flows"]
            where FileManager.default.fileExists(atPath: dir.path("world/\(kind).csv")) {
                let imported = try CLI.run(
                    ["import", "world/\(kind).csv", "--kind", kind, "--database", db],
                    in: dir.url
                )
                #expect(imported.status == 0, "\(db) \(kind): \(imported.stderr.suffix(500))")
            }
            let info = try CLI.run(["info", "--database", db, "--format", "json"], in: dir.url)
            #expect(info.status == 0, "\(info.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
            let tables = try #require(json["tables"] as? [String: Int])
            let report = try CLI.run(["report", "summary", "--database", db, "--format", "json"], in: dir.url)
            #expect(report.status == 0, "\(report.stderr)")
            let out = db == url ? "pg-sales.csv" : "lite-sales.csv"
            #expect(try CLI.run(["export", "sales", "--out", out, "--database", db], in: dir.url).status == 0)
            let added = try CLI.run(["users", "add", "maria", "--role", "analyst", "--database", db], in: dir.url)
            #expect(added.status == 0 && added.stdout.contains("one-time password"), "\(added.stderr)")
            let list = try CLI.run(["users", "list", "--database", db], in: dir.url)
            #expect(list.stdout.contains("maria"))
            answers[db] = [
                tables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
                report.stdout,
                try String(contentsOfFile: dir.path(out), encoding: .utf8),
            ]
        }
        #expect(answers[url]?[0] == answers["w.sqlite"]?[0])
        #expect(answers[url]?[1] == answers["w.sqlite"]?[1], "report summary differs")
        #expect(answers[url]?[2] == answers["w.sqlite"]?[2], "exported sales differ")
        // The same files again: the ledger on the server knows them.
        let again = try CLI.run(["import", "world/sales.csv", "--kind", "sales", "--database", url], in: dir.url)
        #expect(again.status == 0 && again.stdout.contains("already"), "\(again.stdout.suffix(400))")
    }

    @Test func aPostgresURLNobodyAnswersIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let r = try CLI.run(["info", "--database", "postgres://nobody:hunter2@127.0.0.1:1/none"], in: dir.url)
        #expect(r.status == 1)
        #expect(r.stderr.contains("127.0.0.1:1"), "\(r.stderr)")
        #expect(!r.stderr.contains("hunter2"))
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
