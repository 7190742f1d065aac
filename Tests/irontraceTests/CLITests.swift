import Foundation
import IronTraceStore
import IronTraceTesting
import Testing

/// The `irontrace` executable, run as a user runs it.
enum CLI {
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "irontrace"
            ).path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../.build/debug/irontrace"
            )
            .standardizedFileURL.path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ args: [String], in dir: URL) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = dir
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(
            status: p.terminationStatus,
            stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self)
        )
    }
}

@Suite(.serialized) struct CLITests {
    @Test func demoBuildsADatabaseAndPrintsAFirstReport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let r = try CLI.run(["demo", "--scale", "tiny"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("irontrace-demo.sqlite")))
        #expect(r.stdout.contains("SYNTHETIC"))
        #expect(r.stdout.contains("us_sourced"))
        #expect(r.stdout.contains("Median time-to-crime"))
        #expect(r.stdout.contains("Villa Unión, Coahuila"))
        let info = try CLI.run(["info", "--database", "irontrace-demo.sqlite", "--format", "json"], in: dir.url)
        #expect(info.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let tables = try #require(json["tables"] as? [String: Int])
        #expect(tables["traces"] == 2_500)
        // Seven kinds of records and the NIBIN leads.
        #expect((json["imports"] as? [Any])?.count == 8)
        #expect((tables["nibin_leads"] ?? 0) > 0, "\(tables)")
        // Running the demo again replaces its own database.
        #expect(try CLI.run(["demo", "--scale", "tiny"], in: dir.url).status == 0)
    }

    /// What `irontrace generate` writes imports by detection alone: every native file is recognised by
    /// its header (`licensees.csv` used to be skipped as "licence text" for its name), and the ground
    /// truth and look-alike lists, which no reader takes, are listed as skipped with their reasons.
    @Test func theGeneratedWorldImportsWithoutKinds() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["generate", "--out", "world", "--scale", "tiny", "--seed", "5"], in: dir.url).status == 0)
        let r = try CLI.run(["import", "world", "--database", "w.sqlite"], in: dir.url)
        #expect(r.stdout.contains("world/licensees.csv: licensees"), "\(r.stdout)")
        #expect(!r.stdout.contains("licensees.csv: documentation"), "\(r.stdout)")
        #expect(r.stdout.contains("ground_truth.csv: unknown layout"), "\(r.stdout)")
        let info = try CLI.run(["info", "--database", "w.sqlite", "--format", "json"], in: dir.url)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let tables = try #require(json["tables"] as? [String: Int])
        #expect((tables["licensees"] ?? 0) > 0, "\(tables)")
        #expect((tables["sales"] ?? 0) > 0, "\(tables)")
    }

    /// A report writes the persisted snapshot beside the database and the next process answers from
    /// it with the same figures; an import makes it stale, and the next report sees the new rows.
    @Test func reportsAnswerFromThePersistedSnapshotUntilTheDataChanges() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["generate", "--out", "world", "--scale", "tiny", "--seed", "5"], in: dir.url).status == 0)
        for kind in ["licensees", "persons", "sales", "recoveries"] {
            let r = try CLI.run(["import", "world/\(kind).csv", "--database", "w.sqlite"], in: dir.url)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let first = try CLI.run(["report", "summary", "--database", "w.sqlite", "--format", "json"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("w.sqlite-snapshot")))
        let second = try CLI.run(["report", "summary", "--database", "w.sqlite", "--format", "json"], in: dir.url)
        #expect(second.stdout == first.stdout)
        #expect(try CLI.run(["import", "world/traces.csv", "--database", "w.sqlite"], in: dir.url).status == 0)
        let third = try CLI.run(["report", "summary", "--database", "w.sqlite", "--format", "json"], in: dir.url)
        let traces =
            try String(contentsOfFile: dir.path("world/traces.csv"), encoding: .utf8)
            .split(separator: "\n").count - 1
        #expect(third.stdout != first.stdout)
        let grouped = traces.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        let selected = "\(grouped) traces selected"
        #expect(third.stdout.contains(selected), "\(third.stdout.prefix(400))")
        #expect(!first.stdout.contains(selected))
    }

    @Test func exitCodesScriptsCanRelyOn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let missing = try CLI.run(["import", "sales", "nope.csv", "--database", "x.sqlite"], in: dir.url)
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("nope.csv"))
        let usage = try CLI.run(["import", "widgets", "a.csv"], in: dir.url)
        #expect(usage.status == 64)
        let header = "source_area,recovery_area,year,count,source\n"
        try (header + "US-TX,MX-14,2017,5,ATF\nUS-TX,MX-14,2017,-1,ATF\n").write(
            toFile: dir.path("f.csv"),
            atomically: true,
            encoding: .utf8
        )
        let strict = try CLI.run(["import", "flows", "f.csv", "--database", "x.sqlite", "--strict"], in: dir.url)
        #expect(strict.status == 4)
        #expect(strict.stdout.contains("1 stored, 1 rejected"))
        #expect(strict.stdout.contains("negative"))
    }

    @Test func normalizeAddsCanonicalColumns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let csv = """
            Dealer,Make,Model,Caliber
            A,Zastava Arms (C.A.I.),PAPM92PV,762
            B,Sig Sauer/Sigarms Inc.,P320,9
            C,Smith & Wesson,Mystery,45
            D,Zorblax,X,9mm

            """
        try csv.write(toFile: dir.path("in.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(
            ["normalize", "in.csv", "--make-column", "Make", "--caliber-column", "Caliber", "--model-column", "Model"],
            in: dir.url
        )
        #expect(r.status == 0, "\(r.stderr)")
        let out = try String(contentsOfFile: dir.path("in-normalized.csv"), encoding: .utf8).split(separator: "\n").map(
            String.init
        )
        #expect(
            out[0].hasSuffix(
                "irontrace_manufacturer,irontrace_importer,irontrace_country,irontrace_caliber,irontrace_status,irontrace_note"
            )
        )
        #expect(out[1].contains("Zastava Arms,Century Arms,RS,7.62x39mm,resolved"))
        #expect(out[2].contains("SIG Sauer,,US,9mm Luger,resolved"))
        #expect(out[3].contains("ambiguous"))
        #expect(out[4].contains(",unresolved,"))
        #expect(r.stderr.contains("make resolved: 3"))
        let missing = try CLI.run(["normalize", "in.csv", "--make-column", "Brand"], in: dir.url)
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no column named 'Brand'"))
    }

    /// A process killed with SIGKILL in the middle of an import leaves the database as it was, and
    /// the same import run again completes it.
    @Test func killedImportLeavesTheDatabaseConsistent() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        // A sales file large enough that the import is still running when killed.
        let header =
            "sale_id,firearm_id,licensee_id,purchaser_id,sale_date,multiple_sale_id,make,manufacturer,model,caliber,type,serial,country_of_manufacture,importer\n"
        #expect(FileManager.default.createFile(atPath: dir.path("sales.csv"), contents: nil))
        let h = FileHandle(forWritingAtPath: dir.path("sales.csv"))!
        h.write(Data(header.utf8))
        let rows = 600_000
        var chunk = ""
        for i in 1...rows {
            chunk +=
                "\(i),\(i),\(i % 50 + 1),\(i),2019-03-\(String(format: "%02d", i % 28 + 1)),,S&W,,M&P9,9mm,pistol,SN\(i),,\n"
            if chunk.utf8.count > 1 << 20 {
                h.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        h.write(Data(chunk.utf8))
        try h.close()

        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["import", "sales", "sales.csv", "--database", "db.sqlite"]
        p.currentDirectoryURL = dir.url
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Wait until the transaction has written to the WAL, then kill.
        var waited = 0.0
        while waited < 60 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
            let wal = (try? FileManager.default.attributesOfItem(atPath: dir.path("db.sqlite-wal"))[.size] as? Int) ?? 0
            if wal > 8 << 20 { break }
        }
        #expect(p.isRunning, "the import finished before it could be killed; make the file larger")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)

        let info = try CLI.run(["info", "--database", "db.sqlite", "--format", "json"], in: dir.url)
        #expect(info.status == 0, "\(info.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let tables = try #require(json["tables"] as? [String: Int])
        #expect(tables["sales"] == 0, "a killed import must leave no rows")
        #expect(tables["imports"] == 0, "and no ledger entry")

        let again = try CLI.run(["import", "sales", "sales.csv", "--database", "db.sqlite"], in: dir.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("600,000 stored"))
        let after = try CLI.run(["info", "--database", "db.sqlite", "--format", "json"], in: dir.url)
        let afterJSON = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        let t2 = try #require(afterJSON["tables"] as? [String: Int])
        #expect(t2["sales"] == rows)
        #expect(t2["imports"] == 1)
    }
}

@Suite(.serialized) struct TraceCLITests {
    @Test func tracesOneRequestABatchAndStoresTheResults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["demo", "--scale", "tiny", "--keep-files", "w"], in: dir.url).status == 0)
        // A sale from the generated files: its serial and make, as an agency would send them.
        let sales = try String(contentsOfFile: dir.path("w/sales.csv"), encoding: .utf8).split(separator: "\n")
        let f = sales[200].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let (saleID, make, serial) = (f[0], f[6], f[11])
        // With the model, caliber and type the form carries: another real serial one character away
        // (a different model and caliber) makes the serial alone ambiguous on this registry.
        let one = try CLI.run(
            [
                "trace", "--database", "irontrace-demo.sqlite", "--serial", serial, "--manufacturer", make,
                "--model", f[8], "--caliber", f[9], "--type", f[10], "--recovery-date", "2025-03-01",
                "--format", "json",
            ],
            in: dir.url
        )
        #expect(one.status == 0, "\(one.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let result = try #require((json["results"] as? [[String: Any]])?.first)
        #expect((result["outcome"] as? String)?.hasPrefix("completed") == true)
        #expect((result["sale"] as? [String: Any])?["sale_id"] as? Int == Int(saleID))
        #expect(result["time_to_crime_days"] != nil)

        // A batch with a misread serial, an obliterated one and a request without manufacturer.
        let misread = serial.replacingOccurrences(of: "0", with: "O")
        let csv = """
            request_id,request_date,priority,ncic_code,agency_ori,case_number,serial,serial_obliterated,manufacturer,type,caliber,model,country_of_origin,importer,other_markings,possessor,recovery_date,recovery_country,recovery_area,recovery_id
            r1,2025-03-02,urgent,5212,MXFGR0001,C-1,\(misread),false,\(make),,,,,,,,2025-03-01,MX,MX-14,
            r2,2025-03-02,routine,5212,MXFGR0001,C-2,,true,Glock,pistol,9mm,,,,,,2025-03-01,MX,MX-14,
            r3,2025-03-02,routine,5212,MXFGR0001,C-3,ABC123,false,,pistol,9mm,,,,,,2025-03-01,MX,MX-99,

            """
        try csv.write(toFile: dir.path("requests.csv"), atomically: true, encoding: .utf8)
        let batch = try CLI.run(
            ["trace", "--database", "irontrace-demo.sqlite", "--requests", "requests.csv", "--store"],
            in: dir.url
        )
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.contains("r1"))
        #expect(batch.stdout.contains("obliterated") || batch.stdout.contains("insufficient_identifiers"))
        #expect(batch.stdout.contains("rejected") && batch.stdout.contains("recovery_area"))
        #expect(batch.stdout.contains("stored 2 traces and 2 new recoveries"))
        let again = try CLI.run(
            ["trace", "--database", "irontrace-demo.sqlite", "--requests", "requests.csv", "--store"],
            in: dir.url
        )
        #expect(again.stdout.contains("already traced"))
        let info = try CLI.run(["info", "--database", "irontrace-demo.sqlite", "--format", "json"], in: dir.url)
        let infoJSON = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let tables = try #require(infoJSON["tables"] as? [String: Int])
        #expect(tables["traces"] == 2_502)
    }
}

@Suite(.serialized) struct ReportCLITests {
    @Test func reportsInEveryFormatWithFiltersAndCharts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["demo", "--scale", "tiny"], in: dir.url).status == 0)
        let db = ["--database", "irontrace-demo.sqlite"]
        let table = try CLI.run(["report", "summary", "--country", "MX"] + db, in: dir.url)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Filter: country=MX"))
        #expect(table.stdout.contains("US-sourced"))
        let json = try CLI.run(["report", "all", "--format", "json", "--years", "2020-2024"] + db, in: dir.url)
        let reports = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(reports?.count == 8)
        #expect(reports?.allSatisfy { $0["synthetic"] as? Bool == true } == true)
        let csv = try CLI.run(["report", "dealers", "--table", "ranked", "--format", "csv"] + db, in: dir.url)
        #expect(csv.stdout.hasPrefix("Rank,Licence,Dealer"))
        let md = try CLI.run(["report", "violence", "--format", "markdown"] + db, in: dir.url)
        #expect(md.stdout.contains("## Homicides and rates by state"))
        let charts = try CLI.run(["report", "flows", "--charts", "charts"] + db, in: dir.url)
        #expect(charts.status == 0)
        let svgs = try FileManager.default.contentsOfDirectory(atPath: dir.path("charts"))
        #expect(svgs.contains("flows-corridors.svg"))
        #expect(svgs.contains("flows-mexico-map.svg"))
        // Usage errors name the bad value and exit 64.
        let bad = try CLI.run(["report", "summary", "--years", "2024-2020"] + db, in: dir.url)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--years 2024-2020"))
        #expect(try CLI.run(["report", "nonsense"] + db, in: dir.url).status == 64)
        #expect(try CLI.run(["report", "summary", "--table", "nope"] + db, in: dir.url).status == 64)
    }

    @Test func usersAreAddedWithAOneTimePasswordListedGivenTokensAndRemoved() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let db = ["--database", "u.sqlite"]
        let add = try CLI.run(["users", "add", "maria", "--role", "analyst"] + db, in: dir.url)
        #expect(add.status == 0, "\(add.stderr)")
        let password = try #require(add.stdout.split(separator: " ").last).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        #expect(password.count == 20)
        let again = try CLI.run(["users", "add", "maria", "--role", "viewer"] + db, in: dir.url)
        #expect(again.status == 1 && again.stderr.contains("user 'maria' already exists"))
        #expect(try CLI.run(["users", "add", "x", "--role", "boss"] + db, in: dir.url).status == 64)
        let list = try CLI.run(["users", "list"] + db, in: dir.url)
        #expect(list.stdout.contains("maria") && list.stdout.contains("analyst") && !list.stdout.contains(password))
        let token = try CLI.run(["users", "token", "maria"] + db, in: dir.url)
        #expect(token.status == 0 && token.stdout.hasPrefix("it_"))
        #expect(try CLI.run(["users", "remove", "maria"] + db, in: dir.url).status == 0)
        #expect(try CLI.run(["users", "remove", "maria"] + db, in: dir.url).status == 1)
        #expect(try CLI.run(["serve", "--database", "missing.sqlite"], in: dir.url).stderr.contains("not found"))
    }

    @Test func tokensAreListedWithoutTheTokenAndRevokedByIdLabelOrAll() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let db = ["--database", "u.sqlite"]
        #expect(try CLI.run(["users", "add", "maria", "--role", "analyst"] + db, in: dir.url).status == 0)
        func token(_ label: String) throws -> String {
            let r = try CLI.run(["users", "token", "maria", "--label", label] + db, in: dir.url)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let ci = try token("ci")
        let laptop = try token("laptop")
        let spare = try token("spare")
        let store = try IronTraceStore(path: dir.url.appendingPathComponent("u.sqlite").path)
        #expect(try store.user(apiToken: ci)?.name == "maria")
        let list = try CLI.run(["users", "tokens", "maria"] + db, in: dir.url)
        #expect(list.status == 0 && list.stdout.contains("ci") && list.stdout.contains("laptop"))
        #expect(!list.stdout.contains(ci) && !list.stdout.contains("it_"))
        let revoke = try CLI.run(["users", "revoke-token", "maria", "--label", "ci"] + db, in: dir.url)
        #expect(revoke.status == 0 && revoke.stdout.contains("revoked 1 token of maria"), "\(revoke.stderr)")
        #expect(try store.user(apiToken: ci) == nil)
        #expect(try store.user(apiToken: laptop)?.name == "maria")
        let id = String(IronTraceStore.tokenDigest(laptop).prefix(12))
        #expect(try CLI.run(["users", "revoke-token", "maria", "--id", id] + db, in: dir.url).status == 0)
        #expect(try store.user(apiToken: laptop) == nil && store.user(apiToken: spare) != nil)
        let none = try CLI.run(["users", "revoke-token", "maria", "--id", id] + db, in: dir.url)
        #expect(none.status == 1 && none.stderr.contains("no such token"))
        #expect(try CLI.run(["users", "revoke-token", "maria"] + db, in: dir.url).status == 64)
        #expect(try CLI.run(["users", "revoke-token", "maria", "--all"] + db, in: dir.url).status == 0)
        #expect(try store.user(apiToken: spare) == nil)
        let audit = try store.auditLog(action: "token-revoke").entries
        #expect(audit.count == 3 && audit.allSatisfy { $0.user == "cli" && $0.target == "user:maria" })
        // Exports are audited too, with who ran them as far as the system says.
        let export = try CLI.run(["export", "persons", "--out", "p.csv", "--include-pii"] + db, in: dir.url)
        #expect(export.status == 0, "\(export.stderr)")
        let exported = try #require(try store.auditLog(action: "export").entries.first)
        #expect(exported.user == "cli" && exported.target == "persons" && exported.detail.contains("with PII"))
        #expect(exported.detail.contains("os user"))
    }

    @Test func networkLeadsQueriesExportsAndEvaluation() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["demo", "--scale", "tiny", "--keep-files", "world"], in: dir.url).status == 0)
        let db = ["--database", "irontrace-demo.sqlite"]
        let table = try CLI.run(["network", "leads", "--top", "5"] + db, in: dir.url)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("rank") && table.stdout.contains("of"))
        let json = try CLI.run(["network", "leads", "--format", "json", "--top", "100"] + db, in: dir.url)
        let leads = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(leads.count >= 10)
        let first = try #require(leads.first)
        #expect(first["rank"] as? Int == 1)
        let reasons = try #require(first["reasons"] as? [[String: Any]])
        #expect(!reasons.isEmpty && reasons.allSatisfy { $0["explanation"] is String })
        // Filters: every lead shown has the indicator asked for.
        let filtered = try CLI.run(
            ["network", "leads", "--indicator", "cross-border", "--format", "json", "--top", "100"] + db,
            in: dir.url
        )
        let crossBorder = try #require(
            try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]]
        )
        #expect(
            crossBorder.allSatisfy { lead in
                (lead["reasons"] as? [[String: Any]] ?? []).contains { $0["indicator"] as? String == "cross-border" }
            }
        )
        let detail = try CLI.run(["network", "lead", "1"] + db, in: dir.url)
        #expect(detail.stdout.contains("Lead 1:") && detail.stdout.contains("indicator"))
        let timeline = try CLI.run(["network", "timeline", "1"] + db, in: dir.url)
        #expect(timeline.stdout.contains("purchase") || timeline.stdout.contains("recovery"))
        // A recovery of the top lead is linked to one of its dealers.
        let recovery = try #require((first["recoveries"] as? [String])?.first)
        let dealer = try #require((first["dealers"] as? [String])?.first)
        let path = try CLI.run(["network", "path", recovery, dealer] + db, in: dir.url)
        #expect(path.status == 0, "\(path.stderr)")
        #expect(path.stdout.contains(dealer))
        // The chain ends at the target, and the pseudonyms the lead prints are accepted as they are.
        let lines = path.stdout.split(separator: "\n")
        #expect(lines.dropLast().last?.contains("]- \(dealer) ") == true, "\(path.stdout)")
        let pseudonym = try #require((first["pseudonyms"] as? [String])?.first)
        let person = try #require((first["persons"] as? [String])?.first)
        let byName = try CLI.run(["network", "path", pseudonym, dealer] + db, in: dir.url)
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout.hasPrefix(person + " "), "\(byName.stdout)")
        #expect(byName.stdout.split(separator: "\n").dropLast().last?.contains("]- \(dealer) ") == true)
        let around = try CLI.run(["network", "neighbours", recovery, "--depth", "1"] + db, in: dir.url)
        #expect(around.stdout.contains(recovery))
        let export = try CLI.run(
            ["network", "export", "--lead", "1", "--format", "gexf", "--out", "lead.gexf"] + db,
            in: dir.url
        )
        #expect(export.status == 0)
        let gexf = try String(contentsOfFile: dir.path("lead.gexf"), encoding: .utf8)
        #expect(gexf.contains("<gexf") && gexf.contains(recovery))
        // FollowTheMoney entities for Aleph: one JSON object a line, every link's ends present,
        // people by pseudonym only.
        let ftm = try CLI.run(["network", "export", "--lead", "1", "--format", "ftm"] + db, in: dir.url)
        #expect(ftm.status == 0, "\(ftm.stderr)")
        var ids = Set<String>()
        var referenced: [String] = []
        var schemas = Set<String>()
        for line in ftm.stdout.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(o["id"] as? String)
            #expect(ids.insert(id).inserted, "id \(id) twice")
            let schema = try #require(o["schema"] as? String)
            schemas.insert(schema)
            let properties = try #require(o["properties"] as? [String: [String]], "\(line)")
            for key in ["owner", "asset", "subject", "object", "document", "entity"] {
                referenced += properties[key] ?? []
            }
            if schema == "Person" {
                #expect(properties["name"]?.count == 1 && properties["name"]?.first?.hasPrefix("P-") == true)
                #expect(properties.keys.sorted() == ["name"])
            }
        }
        #expect(schemas.isSuperset(of: ["Person", "Company", "Asset", "Ownership", "Event", "UnknownLink"]))
        #expect(!referenced.isEmpty && referenced.allSatisfy(ids.contains))
        #expect(ids.contains("irontrace-" + recovery.replacingOccurrences(of: ":", with: "-")))
        let chart = try CLI.run(["network", "export", "--lead", "1", "--format", "svg"] + db, in: dir.url)
        #expect(chart.status == 0)
        #expect(chart.stdout.hasPrefix("<svg") && chart.stdout.contains("data-id=\"\(recovery)\""))
        let evaluation = try CLI.run(
            ["network", "evaluate", "--ground-truth", "world/ground_truth.csv"] + db,
            in: dir.url
        )
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        #expect(evaluation.stdout.contains("recall") && evaluation.stdout.contains("precision"))
        #expect(evaluation.stdout.contains("collector"))
        let indicators = try CLI.run(["network", "indicators"], in: dir.url)
        #expect(indicators.stdout.contains("short-ttc") && indicators.stdout.contains("no-sale-record"))
        // Unknown entities and leads are usage errors that say what was wrong.
        let bad = try CLI.run(["network", "neighbours", "person:99999999"] + db, in: dir.url)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("no person with id"))
        #expect(try CLI.run(["network", "lead", "100000"] + db, in: dir.url).status == 64)
        #expect(try CLI.run(["network", "leads", "--indicator", "nope"] + db, in: dir.url).status == 64)
    }
}

@Suite struct CLIFailureTests {
    /// An error message the CLI cannot write (stderr closed, or a full disk behind it) must not make
    /// it trap (it used to exit 132, SIGILL, from FileHandle.write): it exits with its documented code.
    @Test(arguments: ["2>&-", "2>/dev/full"])
    func aBrokenStderrDoesNotCrashTheCommand(_ redirection: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exec \"$0\" info --database no-such-dir/x.sqlite \(redirection)", CLI.binary]
        p.currentDirectoryURL = dir.url
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        // 3: the database cannot be opened, as with a working stderr.
        #expect(p.terminationStatus == 3, "exit \(p.terminationStatus)")
    }
}

@Suite struct CLIServeOutputTests {
    /// `demo --serve > serve.log` must put the one-time password in the log at once, not when the
    /// server stops (stdout to a file is block-buffered).
    @Test func demoServePrintsItsPasswordAtOnceWhenStdoutIsAFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let log = dir.path("serve.log")
        #expect(FileManager.default.createFile(atPath: log, contents: nil))
        let out = try #require(FileHandle(forWritingAtPath: log))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["demo", "--scale", "tiny", "--serve", "--port", String(Int.random(in: 21_000..<29_000))]
        p.currentDirectoryURL = dir.url
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer {
            p.terminate()
            try? out.close()
        }
        var text = ""
        for _ in 0..<600 where !(text.contains("one-time password") && text.contains("dashboard on")) {
            try await Task.sleep(for: .milliseconds(100))
            text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        #expect(p.isRunning, "the server stopped: \(text.suffix(300))")
        #expect(text.contains("one-time password: "), "log so far: \(text.suffix(300))")
        #expect(text.contains("IronTrace dashboard on http://127.0.0.1:"))
    }
}

@Suite struct FuzzHarnessTests {
    static var binary: String {
        URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("irontrace-fuzz").path
    }

    /// `irontrace-fuzz` as the README shows it: it lists every reader, and a short run of one reader
    /// ends cleanly with its figures (executions, crashes 0, hangs 0, rows accounted).
    @Test func theFuzzHarnessListsItsReadersAndRunsOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        func run(_ args: [String]) throws -> (Int32, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.binary)
            p.arguments = args
            p.currentDirectoryURL = dir.url
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return (p.terminationStatus, text)
        }
        let (listed, list) = try run(["--list"])
        #expect(listed == 0)
        for reader in [
            "native-sales", "trace-requests", "inegi-homicides", "sesnsp-victims", "atf-workbook", "xlsx", "bz2",
            "ucdp",
        ] {
            #expect(list.contains(reader), "\(reader) missing from --list")
        }
        let (status, text) = try run(["--reader", "native-flows", "--iterations", "100", "--seed", "7"])
        #expect(status == 0, "\(text.suffix(400))")
        #expect(text.contains("native-flows: executions 100"), "\(text.suffix(400))")
        #expect(text.contains("crashes 0, hangs 0"))
        let (bad, _) = try run(["--reader", "no-such-reader", "--iterations", "1"])
        #expect(bad != 0)
    }
}

/// Output people open: cleaned files written where the user is, CSV that spreadsheets read as
/// numbers and do not run as formulas, rejections paged to the end.
@Suite(.serialized) struct CLIOutputTests {
    @Test func normalizeWritesToTheCurrentDirectoryAndListsContradictedMakes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let input = dir.url.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let csv = """
            Make,Model,Caliber
            Luger,P-08,9mm
            JENNINGS,J-22,.22 LR.
            Century Arms,Nagant M1895,7.62x38
            Radom,P-83,9
            =1+2,X,9mm

            """
        try csv.write(to: input.appendingPathComponent("md.csv"), atomically: true, encoding: .utf8)
        // The input directory is read-only, as the shared data directory is.
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: input.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: input.path) }
        let r = try CLI.run(
            [
                "normalize", "shared/md.csv", "--make-column", "Make", "--caliber-column", "Caliber", "--model-column",
                "Model", "--excel",
            ],
            in: dir.url
        )
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: input.appendingPathComponent("md-normalized.csv").path))
        let data = try Data(contentsOf: dir.url.appendingPathComponent("md-normalized.csv"))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "--excel starts with a UTF-8 BOM")
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines[1].contains("Sturm, Ruger & Co. | DWM"), "\(lines[1])")
        #expect(lines[1].contains(",ambiguous,"))
        #expect(lines[2].contains("Jennings Firearms (Bryco)"))
        #expect(!lines[2].contains("Hi-Point"))
        #expect(lines[3].contains("Nagant,Century Arms,RU"), "\(lines[3])")
        #expect(lines[4].contains("9mm Makarov"))
        #expect(lines[5].hasPrefix("'=1+2,"), "\(lines[5])")
        #expect(r.stderr.contains("of 5 stated"))
    }

    @Test func reportCSVHasPlainNumbersUniqueHeadersAndAnExcelBOM() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["demo", "--scale", "tiny"], in: dir.url).status == 0)
        let db = ["--database", "irontrace-demo.sqlite"]
        let r = try CLI.run(["report", "summary", "--format", "csv", "--excel"] + db, in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("\u{FEFF}"))
        let plain = try CLI.run(["report", "summary", "--format", "csv", "--table", "outcomes"] + db, in: dir.url)
        let lines = plain.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Outcome,Traces (traces),Share (%)", "\(lines[0])")
        let headers = lines[0].split(separator: ",")
        #expect(Set(headers).count == headers.count)
        // Counts have no thousands separators; shares are percent values under "(%)".
        var shareSum = 0.0
        for l in lines.dropFirst() {
            let f = l.split(separator: ",", omittingEmptySubsequences: false)
            #expect(f.count == 3, "\(l)")
            #expect(Int(f[1]) != nil, "\(l)")
            shareSum += Double(f[2]) ?? .nan
        }
        #expect(abs(shareSum - 100) < 0.5, "shares add up to 100 percent: \(shareSum)")
    }

    @Test func infoRejectionsPagesThroughAllAndSaysHowMany() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        var csv = "source_area,recovery_area,year,count,source\nUS-TX,MX-14,2017,5,ATF\n"
        for i in 0..<2_500 { csv += "US-TX,MX-14,\(2000 + i % 20),-\(i + 1),ATF\n" }
        try csv.write(toFile: dir.path("f.csv"), atomically: true, encoding: .utf8)
        let db = ["--database", "x.sqlite"]
        let imp = try CLI.run(["import", "flows", "f.csv"] + db, in: dir.url)
        #expect(imp.stdout.contains("2,500 rejected"), "\(imp.stdout)")
        let first = try CLI.run(["info", "--rejections", "1"] + db, in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("rejections 1-1,000 of 2,500 in import 1; next: --offset 1000"))
        let last = try CLI.run(["info", "--rejections", "1", "--limit", "10", "--offset", "2495"] + db, in: dir.url)
        #expect(last.stdout.contains("rejections 2,496-2,500 of 2,500"), "\(last.stdout)")
        #expect(last.stdout.contains("-2500"))
        let all = try CLI.run(["info", "--rejections", "1", "--all", "--format", "json"] + db, in: dir.url)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: String]])
        #expect(list.count == 2_500)
        #expect(all.stderr.contains("of 2,500"))
        #expect(try CLI.run(["info", "--rejections", "1", "--limit", "-1"] + db, in: dir.url).status == 64)
    }
}
