import Foundation
import IronTracePostgres
import IronTraceTesting
import Testing

/// Two `irontrace serve` processes on one database, as a team runs them behind a proxy: a trace
/// submitted through one is in the other's trace list and reports within seconds (well under one in
/// a release build), a CLI import
/// appears in both without a restart, and a revoked token is refused by both at once. On a SQLite
/// file, and on PostgreSQL when a test server is configured.
@Suite(.serialized) struct LiveServeCLITests {
    /// A running `irontrace serve`, its output in a log file.
    final class Server {
        let process = Process()
        let port: Int
        let log: String

        init(database: String, dir: TemporaryDirectory, name: String) async throws {
            port = Int.random(in: 30_000..<39_000)
            log = dir.path("\(name).log")
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let out = try #require(FileHandle(forWritingAtPath: log))
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["serve", "--database", database, "--port", String(port)]
            process.currentDirectoryURL = dir.url
            process.standardOutput = out
            process.standardError = out
            try process.run()
            var text = ""
            for _ in 0..<1200 where !text.contains("dashboard on") && process.isRunning {
                try await Task.sleep(for: .milliseconds(100))
                text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            }
            #expect(text.contains("dashboard on"), "\(name) did not start: \(text.suffix(500))")
        }

        var url: String { "http://127.0.0.1:\(port)" }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// curl, as a user would script the API: the status and the body.
    static func curl(_ args: [String]) throws -> (status: Int, body: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-s", "-w", "\n%{http_code}", "--max-time", "30"] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let cut = text.lastIndex(of: "\n") ?? text.endIndex
        return (Int(text[cut...].dropFirst()) ?? 0, String(text[..<cut]))
    }

    static func json(_ s: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]) ?? [:]
    }

    /// Changes the one-time password through the dashboard (login, the password form), as the
    /// user does at first login.
    static func firstLogin(_ server: Server, user: String, oneTime: String, dir: TemporaryDirectory) throws {
        let jar = dir.path("\(user).cookies")
        let login = try curl([
            "-c", jar, "--data-urlencode", "user=\(user)", "--data-urlencode", "password=\(oneTime)",
            "--data-urlencode", "next=/", server.url + "/login",
        ])
        #expect(login.status == 303, "login: \(login.status) \(login.body.prefix(300))")
        let page = try curl(["-b", jar, "-c", jar, server.url + "/account/password"])
        let marker = "name=\"csrf\" value=\""
        let csrf = try #require(
            page.body.range(of: marker).map { String(page.body[$0.upperBound...].prefix { $0 != "\"" }) }
        )
        let changed = try curl([
            "-b", jar, "-c", jar, "--data-urlencode", "current=\(oneTime)",
            "--data-urlencode", "new=live-snapshot-test-9431", "--data-urlencode", "csrf=\(csrf)",
            server.url + "/account/password",
        ])
        #expect(changed.status == 303, "password change: \(changed.status) \(changed.body.prefix(300))")
    }

    static func twoServersOneDatabase(_ db: String, dir: TemporaryDirectory) async throws {
        let added = try CLI.run(["users", "add", "ana", "--role", "analyst", "--database", db], in: dir.url)
        #expect(added.status == 0, "\(added.stderr)")
        let oneTime = String(added.stdout.split(separator: " ").last ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        let a = try await Server(database: db, dir: dir, name: "a")
        defer { a.stop() }
        let b = try await Server(database: db, dir: dir, name: "b")
        defer { b.stop() }
        try firstLogin(a, user: "ana", oneTime: oneTime, dir: dir)
        let minted = try CLI.run(["users", "token", "ana", "--label", "live", "--database", db], in: dir.url)
        let token = try #require(minted.stdout.split(whereSeparator: \.isWhitespace).last.map(String.init))
        let auth = ["-H", "Authorization: Bearer \(token)"]

        func total(_ s: Server, _ path: String = "/api/v1/traces?per_page=1") throws -> Int {
            json(try curl(auth + [s.url + path]).body)["total"] as? Int ?? -1
        }
        func summary(_ s: Server) throws -> String {
            try curl(auth + [s.url + "/api/v1/reports/summary"]).body
        }
        let before = try total(b)
        let beforeA = try total(a)
        #expect(before > 0 && before == beforeA)
        let summaryBefore = try summary(b)

        // Submitted through A: in A's answers at once, in B's within two seconds.
        let submitted = try curl(
            auth + [
                "-H", "Content-Type: application/json", "-d",
                "{\"manufacturer\":\"Glock\",\"serial\":\"LIVE12345\",\"recovery_date\":\"2024-03-04\",\"recovery_country\":\"MX\",\"request_id\":\"LIVE-1\"}",
                a.url + "/api/v1/traces",
            ]
        )
        #expect(submitted.status == 201, "\(submitted.body.prefix(300))")
        let id = json(submitted.body)["trace_id"] as? Int ?? -1
        #expect(try total(a) == before + 1, "A must answer with its own submission at once")
        let clock = ContinuousClock.now
        while try total(b) != before + 1, ContinuousClock.now - clock < .seconds(60) {
            try await Task.sleep(for: .milliseconds(25))
        }
        let seen = ContinuousClock.now - clock
        #expect(try total(b) == before + 1)
        // B sees it without a restart. How soon is a speed goal, measured in release by
        // benchmarks/live-snapshot.sh (p99 490 ms on the small world), not here: on a loaded 2-core machine
        // with every suite in parallel a debug build once took 16 s. The bound only says "seen, by polling".
        #expect(seen < .seconds(60), "B saw A's trace after \(seen)")
        #expect(try curl(auth + [b.url + "/api/v1/traces/\(id)"]).status == 200)
        #expect(try summary(b) != summaryBefore, "the summary report counts the new trace")
        #expect(try summary(a) == summary(b))

        // A CLI import into the served database (traces exported and given new ids): both servers
        // answer with the new rows after their background rebuild, without a restart.
        #expect(try CLI.run(["export", "traces", "--out", "t.csv", "--database", db], in: dir.url).status == 0)
        let lines = try String(contentsOfFile: dir.path("t.csv"), encoding: .utf8).split(separator: "\n")
        var out = String(lines[0]) + "\n"
        for l in lines.dropFirst() {
            var fields = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[0] = String((Int64(fields[0]) ?? 0) + 70_000_000)
            out += fields.joined(separator: ",") + "\n"
        }
        try out.write(toFile: dir.path("t2.csv"), atomically: true, encoding: .utf8)
        let imported = try CLI.run(["import", "t2.csv", "--kind", "traces", "--database", db], in: dir.url)
        #expect(imported.status == 0, "\(imported.stderr.suffix(400))")
        let expected = before + 1 + (lines.count - 1)
        let importClock = ContinuousClock.now
        while try total(a) != expected || total(b) != expected, ContinuousClock.now - importClock < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let (afterA, afterB) = (try total(a), try total(b))
        #expect(
            afterA == expected && afterB == expected,
            "after the import: \(afterA), \(afterB) of \(expected); B: \(((try? String(contentsOfFile: b.log, encoding: .utf8)) ?? "").suffix(1500))"
        )
        #expect(try summary(a) == summary(b))

        // Revoked with the CLI: refused by both at their next request.
        #expect(try CLI.run(["users", "revoke-token", "ana", "--all", "--database", db], in: dir.url).status == 0)
        for s in [a, b] {
            let r = try curl(auth + [s.url + "/api/v1/me"])
            #expect(r.status == 401 && r.body.contains("invalid_token"), "\(r.status) \(r.body.prefix(200))")
        }
        for s in [a, b] { #expect(s.process.isRunning, "a server stopped: \(s.log)") }
    }

    @Test func twoServersOnOneSQLiteFileServeTheSameAnswers() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let demo = try CLI.run(["demo", "--scale", "tiny", "--database", "live.sqlite"], in: dir.url)
        #expect(demo.status == 0, "\(demo.stderr.suffix(400))")
        try await Self.twoServersOneDatabase("live.sqlite", dir: dir)
    }

    @Test(.postgresServer) func twoServersOnOnePostgresDatabaseServeTheSameAnswers() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["generate", "--out", "world", "--scale", "tiny", "--seed", "8"], in: dir.url).status == 0)
        let url = try PostgresScratch.freshDatabase()
        for kind in ["licensees", "persons", "sales", "recoveries", "traces", "events", "area_measures", "flows"]
        where FileManager.default.fileExists(atPath: dir.path("world/\(kind).csv")) {
            let r = try CLI.run(["import", "world/\(kind).csv", "--kind", kind, "--database", url], in: dir.url)
            #expect(r.status == 0, "\(kind): \(r.stderr.suffix(400))")
        }
        try await Self.twoServersOneDatabase(url, dir: dir)
    }
}
