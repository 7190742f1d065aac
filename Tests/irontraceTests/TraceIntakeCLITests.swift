import Foundation
import IronTraceTesting
import Testing

/// `irontrace trace` as a user types it: intake problems all at once, Spanish type names, serials
/// with characters US serials never carry, the request's own identifiers, and `--evaluate`.
@Suite(.serialized) struct TraceIntakeCLITests {
    static let damageKinds = [
        "exact", "separators_case", "confusable", "transposition", "doubled", "lost", "end_added", "end_lost",
        "one_edit", "two_unknown",
    ]

    @Test func intakeAndEvaluation() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["demo", "--scale", "tiny", "--keep-files", "w"], in: dir.url).status == 0)
        let db = ["trace", "--database", "irontrace-demo.sqlite"]

        // Every problem of the request at once, an impossible date said to be impossible.
        let bad = try CLI.run(db + ["--serial", "", "--recovery-date", "2024-02-30", "--ori", "TX12"], in: dir.url)
        #expect(bad.status == 64, "\(bad.stdout)\(bad.stderr)")
        #expect(bad.stderr.contains("impossible date: February 2024 has 29 days, not 30"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("not YYYY-MM-DD"))
        #expect(bad.stderr.contains("--manufacturer: required"), "\(bad.stderr)")
        #expect(bad.stderr.contains("--serial: required"), "\(bad.stderr)")
        #expect(bad.stderr.contains("--ori 'TX12'"), "\(bad.stderr)")
        let long = try CLI.run(
            db + [
                "--serial", String(repeating: "A", count: 41), "--manufacturer", "Glock", "--recovery-date",
                "2024-01-05",
            ],
            in: dir.url
        )
        #expect(long.status == 64)
        #expect(long.stderr.contains("too long: 41 characters, at most 40"), "\(long.stderr)")

        // A sale of the generated registry, its type written in Spanish.
        let lines = try String(contentsOfFile: dir.path("w/sales.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let (typeColumn, serialColumn, makeColumn) = try (
            #require(header.firstIndex(of: "type")), #require(header.firstIndex(of: "serial")),
            #require(header.firstIndex(of: "make"))
        )
        let spanish = ["pistol": "pistola", "revolver": "revólver", "rifle": "rifle", "shotgun": "escopeta"]
        let row = try #require(
            lines.dropFirst(300).lazy.map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            .first { spanish[$0[typeColumn]] != nil && !$0[makeColumn].isEmpty }
        )
        let typed = spanish[row[typeColumn]]!
        let one = try CLI.run(
            db + [
                "--serial", row[serialColumn], "--manufacturer", row[makeColumn], "--type", typed,
                "--recovery-date", "2026-06-01", "--case-number", "C-2025-77", "--ori", "TX0570000",
                "--request-id", "req-77", "--model", "M1", "--format", "json",
            ],
            in: dir.url
        )
        #expect(one.status == 0, "\(one.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let result = try #require((json["results"] as? [[String: Any]])?.first)
        #expect(result["case_number"] as? String == "C-2025-77")
        #expect(result["agency_ori"] as? String == "TX0570000")
        #expect(result["request_id"] as? String == "req-77")
        #expect(result["model"] as? String == "M1")
        let problems = (result["problems"] as? [[String: Any]]) ?? []
        #expect(!problems.contains { $0["field"] as? String == "type" }, "\(typed): \(problems)")
        let best = try #require((result["candidates"] as? [[String: Any]])?.first)
        let components = (best["components"] as? [[String: Any]]) ?? []
        #expect(
            components.contains { $0["name"] as? String == "type" && $0["points"] as? Int == 4 },
            "\(typed) read as \(row[typeColumn]): \(components)"
        )

        // Characters no US serial carries: kept and flagged, never stripped into another serial.
        let foreign = try CLI.run(
            db + ["--serial", "ÑÁ123é", "--manufacturer", "Glock", "--recovery-date", "2024-06-01"],
            in: dir.url
        )
        #expect(foreign.status == 0, "\(foreign.stderr)")
        #expect(
            foreign.stdout.contains("serial contains characters that do not occur on US serial numbers: Ñ, Á, é"),
            "\(foreign.stdout)"
        )
        #expect(!foreign.stdout.contains("completed"))

        // A batch row with several problems is rejected with all of them.
        let csv = """
            request_id,request_date,priority,ncic_code,agency_ori,case_number,serial,serial_obliterated,manufacturer,type,caliber,model,country_of_origin,importer,other_markings,possessor,recovery_date,recovery_country,recovery_area,recovery_id
            b1,,routine,,,C-1,,false,,escopeta,,,,,,,2023-13-01,MX,MX-99,

            """
        try csv.write(toFile: dir.path("requests.csv"), atomically: true, encoding: .utf8)
        let batch = try CLI.run(db + ["--requests", "requests.csv"], in: dir.url)
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.contains("impossible date: there is no month 13"), "\(batch.stdout)")
        #expect(batch.stdout.contains("recovery_area"))
        #expect(batch.stdout.contains("manufacturer: required"))

        // One rule with the web form and the API: a slash date is ambiguous, an unreadable type is
        // refused, a wholly obliterated serial is still a request, a request id is stored once.
        let slash = try CLI.run(
            db + ["--serial", "ABC123", "--manufacturer", "Glock", "--recovery-date", "05/03/2024"],
            in: dir.url
        )
        #expect(slash.status == 64 && slash.stderr.contains("write the date as YYYY-MM-DD"), "\(slash.stderr)")
        let rocket = try CLI.run(
            db + [
                "--serial", "ABC123", "--manufacturer", "Glock", "--type", "lanzacohetes", "--recovery-date",
                "2024-03-05",
            ],
            in: dir.url
        )
        #expect(rocket.status == 64 && rocket.stderr.contains("unknown firearm type"), "\(rocket.stderr)")
        let gone = try CLI.run(
            db + ["--manufacturer", "Glock", "--obliterated", "--recovery-date", "2024-03-05", "--format", "json"],
            in: dir.url
        )
        #expect(gone.status == 0 && gone.stdout.contains("obliterated"), "\(gone.stderr)")
        let store =
            db + [
                "--serial", "ABC127", "--manufacturer", "Glock", "--recovery-date", "2024-03-05", "--request-id",
                "FGR-9",
                "--store",
            ]
        let stored = try CLI.run(store, in: dir.url)
        #expect(stored.status == 0 && stored.stdout.contains("stored 1 traces"), "\(stored.stdout)\(stored.stderr)")
        let twice = try CLI.run(store, in: dir.url)
        #expect(twice.status == 64 && twice.stderr.contains("request id already stored as trace"), "\(twice.stderr)")
        let requestHeader =
            "request_id,request_date,priority,ncic_code,agency_ori,case_number,serial,serial_obliterated,manufacturer,type,caliber,model,country_of_origin,importer,other_markings,possessor,recovery_date,recovery_country,recovery_area,recovery_id"
        let repeated =
            requestHeader
            + "\nr1,,routine,,,C-1,XYZ123,false,Glock,pistola,,,,,,,2024-03-01,MX,MX-14,\n"
            + "r1,,routine,,,C-2,XYZ124,false,Glock,pistola,,,,,,,2024-03-01,MX,MX-14,\n"
            + "FGR-9,,routine,,,C-3,XYZ125,false,Glock,pistola,,,,,,,2024-03-01,MX,MX-14,\n"
        try repeated.write(toFile: dir.path("repeated.csv"), atomically: true, encoding: .utf8)
        let once = try CLI.run(db + ["--requests", "repeated.csv", "--store"], in: dir.url)
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stdout.contains("stored 1 traces and 1 new recoveries, 2 rows rejected"), "\(once.stdout)")
        #expect(once.stdout.contains("request id repeated in this file (first on line 2)"))
        #expect(once.stdout.contains("request id already stored as trace"))

        // --evaluate reports every damage kind.
        let evaluation = try CLI.run(db + ["--evaluate", "20", "--seed", "11"], in: dir.url)
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        #expect(evaluation.stdout.contains("Damage seed: 11"))
        for kind in TraceIntakeCLITests.damageKinds {
            #expect(evaluation.stdout.contains("\(kind) "), "\(kind) missing from\n\(evaluation.stdout)")
        }
        // Beside top-1, the stricter "completed right" and what the serial and markings alone allow.
        let columns = try #require(evaluation.stdout.split(separator: "\n").first { $0.hasPrefix("damage ") })
        for column in ["top-1", "top-5", "completed right", "wrong completed", "singled out", "markings ceiling"] {
            #expect(columns.contains(column), "\(column) missing from \(columns)")
        }
        // The exact row: every request singled out, so the ceiling is 100%.
        let exact = try #require(evaluation.stdout.split(separator: "\n").first { $0.hasPrefix("exact ") })
        #expect(exact.split(separator: " ").suffix(2) == ["100.0%", "100.0%"], "\(exact)")
    }
}
