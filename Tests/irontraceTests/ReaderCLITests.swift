import Foundation
import IronTraceTesting
import Testing

/// The readers for the 1998–2008 firearm homicide tables, the INEGI 2024 death records, the SESNSP
/// Guanajuato copies and the ATF commerce exhibits, through the executable: detection, the figures
/// a user checks (summed independently with python `csv` from the same files, noted beside each),
/// the firearm share report, the commerce report, conflicts between copies and `--dry-run`.
@Suite(.serialized) struct ReaderCLITests {
    static func json(_ r: CLI.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    static func table(_ r: CLI.Result, _ id: String) throws -> (columns: [String], rows: [[Any]]) {
        let object = try #require(try json(r) as? [String: Any], "\(r.stdout) \(r.stderr)")
        let t = try #require((object["tables"] as? [[String: Any]])?.first { $0["id"] as? String == id })
        let columns = try #require(t["columns"] as? [[String: Any]]).map { $0["name"] as? String ?? "" }
        return (columns, try #require(t["rows"] as? [[Any]]))
    }

    static func number(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue }

    static let assaultWeapons = "inegi_homicidios_arma_fuego_estado_mes_1998_2008"

    @Test(.enabled(if: SharedData.path(assaultWeapons + "/guns-month.csv") != nil, "needs ../shared/data"))
    func firearmShareFromThe1998To2008Table() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let folder = try #require(SharedData.path(Self.assaultWeapons))
        // The folder as a user gives it: three tables detected, the licence listed as not data.
        let r = try CLI.run(["import", folder], in: dir.url)
        #expect(r.stdout.contains("guns-month.csv: firearm-homicides-month"), "\(r.stdout)")
        #expect(r.stdout.contains("frontier.csv: firearm-homicides-month"))
        #expect(r.stdout.contains("conapo-pop.csv: population-national-wide"))
        #expect(r.stdout.contains("LICENSE"))
        // Every Total row agrees with its state's rows: no rejection.
        #expect(r.stdout.contains("guns-month.csv: 9,152 rows read, 9,152 stored, 0 rejected"), "\(r.stdout)")
        let share = try CLI.run(["report", "firearm-share", "--years", "1998-2008", "--format", "json"], in: dir.url)
        #expect(share.status == 0, "\(share.stderr)")
        let t = try Self.table(share, "by_year")
        let c = (
            area: try #require(t.columns.firstIndex(of: "Area")), year: try #require(t.columns.firstIndex(of: "Year")),
            source: try #require(t.columns.firstIndex(of: "Source")),
            firearm: try #require(t.columns.firstIndex(of: "Firearm homicides")),
            all: try #require(t.columns.firstIndex(of: "Homicides")),
            share: try #require(t.columns.firstIndex(of: "Firearm share")),
            months: try #require(t.columns.firstIndex(of: "Months")),
            series: try #require(t.columns.firstIndex(of: "Series"))
        )
        func row(_ year: String, border: Bool) throws -> [Any] {
            try #require(
                t.rows.first {
                    $0[c.area] as? String == "Mexico" && $0[c.year] as? String == year
                        && $0[c.source] as? String == "SINAIS"
                        && (($0[c.series] as? String)?.contains("border") == border)
                },
                "\(year) \(t.rows)"
            )
        }
        // python: all rows of the year over the 32 states, months and "No Especificado":
        // 1998 7,288 of 13,487 (54.04%); 2008 8,572 of 13,628 (62.90%).
        let y1998 = try row("1998", border: false)
        #expect(Self.number(y1998[c.firearm]) == 7_288)
        #expect(Self.number(y1998[c.all]) == 13_487)
        #expect(abs((Self.number(y1998[c.share]) ?? 0) - 7_288.0 / 13_487.0) < 1e-9)
        #expect(Self.number(y1998[c.months]) == 12)
        let y2008 = try row("2008", border: false)
        #expect(Self.number(y2008[c.firearm]) == 8_572)
        #expect(Self.number(y2008[c.all]) == 13_628)
        #expect(abs((Self.number(y2008[c.share]) ?? 0) - 8_572.0 / 13_628.0) < 1e-9)
        // The border municipalities, kept apart: 1998 732 of 1,149.
        let border = try row("1998", border: true)
        #expect(Self.number(border[c.firearm]) == 732)
        #expect(Self.number(border[c.all]) == 1_149)
        // One state through --area: Chihuahua (python: 1998 firearm 418... read back, not pinned, must be a part).
        let chihuahua = try CLI.run(
            ["report", "firearm-share", "--area", "MX-08", "--years", "1998", "--format", "json"],
            in: dir.url
        )
        let ct = try Self.table(chihuahua, "by_year")
        let state = try #require(ct.rows.first { $0[c.source] as? String == "SINAIS" })
        #expect((Self.number(state[c.firearm]) ?? 0) > 0)
        #expect((Self.number(state[c.firearm]) ?? .infinity) < 7_288)
    }

    @Test(
        .enabled(
            if: SharedData.path("inegi_homicidios_victimas_2024/homicidios_2024_clean.csv") != nil,
            "needs ../shared/data"
        )
    )
    func deathRecordsAreCountedAndBalanced() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let file = try #require(SharedData.path("inegi_homicidios_victimas_2024/homicidios_2024_clean.csv"))
        let dry = try CLI.run(["import", file, "--dry-run"], in: dir.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("[dry run: nothing stored]"))
        // Rows read = deaths counted + rows rejected: 32,065 = 32,065 + 0.
        #expect(dry.stdout.contains("32,065 read = 32,065 counted into the figures + 0 rejected"), "\(dry.stdout)")
        // Nothing stored: a dry run never creates the database.
        #expect(!FileManager.default.fileExists(atPath: dir.path("irontrace.sqlite")))
        #expect(try CLI.run(["import", file], in: dir.url).status == 0)
        func value(_ measure: String, _ area: String) throws -> Double? {
            let info = try CLI.run(
                ["info", "--measure", measure, "--area", area, "--period", "2024", "--format", "json"],
                in: dir.url
            )
            let rows = try #require(try Self.json(info) as? [[String: Any]])
            return rows.first { $0["source"] as? String == "INEGI" }?["value"] as? Double
        }
        // python collections.Counter over the columns: 28,229 men, 3,572 women, 264 not stated;
        // 163 deaths with no state; 15,921 in the street.
        #expect(try value("homicides_men", "MX") == 28_229)
        #expect(try value("homicides_women", "MX") == 3_572)
        #expect(try value("homicides_sex_unspecified", "MX") == 264)
        #expect(try value("homicides_state_unspecified", "MX") == 163)
        #expect(try value("homicides:place:Calle o carretera (vía pública)", "MX") == 15_921)
        // The states add up to the nation less the deaths with no state.
        #expect(try value("homicides", "MX-%") == 32_065 - 163)
    }

    @Test(
        .enabled(
            if: SharedData.path("sesnsp_municipal_guanajuato/homicidios_gto_2020_2025_raw.csv") != nil,
            "needs ../shared/data"
        )
    )
    func guanajuatoCopiesAgreeAndATamperedCopyConflicts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let folder = try #require(SharedData.path("sesnsp_municipal_guanajuato"))
        let r = try CLI.run(["import", folder], in: dir.url)
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("homicidios_gto_2020_2025_long.csv: sesnsp-municipal-long"), "\(r.stdout)")
        #expect(r.stdout.contains("homicidios_gto_2020_2025_raw.csv: sesnsp-incidence"))
        #expect(r.stdout.contains("poblacion_municipal_gto.csv: population-municipal-named"))
        // The long copy is imported first (name order); the raw table's totals then agree with it
        // everywhere: 46 municipalities × 2 subtypes × 71 published months = 6,532 values.
        #expect(r.stdout.contains("6,532 values were already stored with the same value"), "\(r.stdout)")
        #expect(!r.stdout.contains("CONFLICT"))
        // Guanajuato 2020: 3,359 intentional homicide files, 2,728 "Con arma de fuego" (python, raw table).
        let share = try CLI.run(
            ["report", "firearm-share", "--area", "MX-11", "--years", "2020", "--format", "json"],
            in: dir.url
        )
        let t = try Self.table(share, "by_year")
        let f = try #require(t.columns.firstIndex(of: "Firearm homicides"))
        let a = try #require(t.columns.firstIndex(of: "Homicides"))
        let row = try #require(t.rows.first { ($0[2] as? String)?.contains("investigation files") == true })
        #expect(Self.number(row[f]) == 2_728)
        #expect(Self.number(row[a]) == 3_359)
        // 2025 has 11 published months: said.
        let y2025 = try CLI.run(["report", "firearm-share", "--area", "MX-11", "--years", "2025"], in: dir.url)
        #expect(y2025.stdout.contains(" 11 "), "\(y2025.stdout)")

        // A tidied copy that was changed in one cell disagrees with the raw table: a conflict.
        let long = try String(contentsOfFile: folder + "/homicidios_gto_2020_2025_long.csv", encoding: .utf8)
        var lines = long.components(separatedBy: "\n")
        let target = try #require(
            lines.firstIndex { $0.hasPrefix("2020,Guanajuato,León,Homicidio,Homicidio doloso,Enero,") }
        )
        var fields = lines[target].components(separatedBy: ",")
        fields[6] = String((Double(fields[6]) ?? 0) + 5)
        lines[target] = fields.joined(separator: ",")
        let tampered = dir.path("homicidios_gto_long_tampered.csv")
        try lines.joined(separator: "\n").write(toFile: tampered, atomically: true, encoding: .utf8)
        let again = try CLI.run(["import", tampered], in: dir.url)
        #expect(again.stdout.contains("CONFLICT: 1 values differ"), "\(again.stdout)")
        let info = try CLI.run(["info", "--format", "json"], in: dir.url)
        let conflicts = try #require((try Self.json(info) as? [String: Any])?["conflicts"] as? [[String: Any]])
        #expect(conflicts.contains { ($0["file"] as? String)?.hasSuffix("tampered.csv") == true })
    }

    @Test(.enabled(if: SharedData.path("atf_commerce_report/02-exports.csv") != nil, "needs ../shared/data"))
    func commerceExhibitsAndTheirReport() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let folder = try #require(SharedData.path("atf_commerce_report"))
        let dry = try CLI.run(["import", folder, "--dry-run"], in: dir.url)
        #expect(dry.status == 0, "\(dry.stdout) \(dry.stderr)")
        let r = try CLI.run(["import", folder], in: dir.url)
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        for n in ["01-manufacturing.csv", "02-exports.csv", "05-2015-import-countries.csv", "13-FFL-inspections.csv"] {
            #expect(r.stdout.contains("\(n): atf-commerce"), "\(n) \(r.stdout)")
        }
        // The two copies of exhibit 1 agree (python: no value differs): 29 years × 6 types.
        #expect(r.stdout.contains("174 values were already stored with the same value"), "\(r.stdout)")
        // "Other US Territories" is not a state: rejected with the reason, once per table.
        #expect(r.stdout.contains("not a US state"))
        let report = try CLI.run(["report", "commerce", "--years", "2014", "--format", "json"], in: dir.url)
        #expect(report.status == 0, "\(report.stderr)")
        let t = try Self.table(report, "by_year")
        let row = try #require(t.rows.first { $0[0] as? String == "2014" })
        // Exhibit 2, 2014: 420,932 exported; exhibit 1: 9,050,626 manufactured; exhibit 3: 3,625,268 imported.
        #expect(Self.number(row[try #require(t.columns.firstIndex(of: "Exported"))]) == 420_932)
        #expect(Self.number(row[try #require(t.columns.firstIndex(of: "Manufactured"))]) == 9_050_626)
        #expect(Self.number(row[try #require(t.columns.firstIndex(of: "Imported"))]) == 3_625_268)
        let csv = try CLI.run(["report", "commerce", "--table", "manufacturing", "--format", "csv"], in: dir.url)
        #expect(csv.stdout.contains("2013,4441726,725282,3979570,1203072,495142,10844792"), "\(csv.stdout)")
        let table = try CLI.run(["report", "commerce", "--years", "2015"], in: dir.url)
        #expect(table.stdout.contains("139,840"), "\(table.stdout)")
    }

    /// Notes rows, footnote markers and damaged figures in an exhibit: skipped, read or rejected, never a crash.
    @Test func commerceNotesAndBadFiguresAreHandled() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path("02-exports.csv")
        try """
        Year,Pistols,Revolvers,Rifles,Shotguns,Misc. Firearms1,Firearms
        2013,"167,653","21,236","131,718","49,766","22,748","393,121"
        2014,"126,316",x,"207,934","60,377",784,"420,932"
        1 Includes frames and receivers.,,,,,,
        Source: ATF,,,,,,
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", path], in: dir.url)
        #expect(r.stdout.contains("12 rows read, 11 stored, 1 rejected"), "\(r.stdout)")
        let info = try CLI.run(
            ["info", "--measure", "firearms_exported_misc", "--area", "US", "--period", "2014", "--format", "json"],
            in: dir.url
        )
        let rows = try #require(try Self.json(info) as? [[String: Any]])
        #expect(rows.first?["value"] as? Double == 784)
    }
}
