import Foundation
import IronTraceTesting
import Testing

/// Every official kind `irontrace import --help` lists, imported from the real files in
/// ../shared/data the way a user types it, and the published figures a user would check read back
/// through `irontrace info` and `irontrace report`. The figures were summed from the files
/// themselves (python `csv`, `bzcat | awk`), noted beside each.
@Suite(.serialized) struct OfficialCLITests {
    /// One official file and what `info --measure` / `info --flows` / the tables must then say.
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        var file: String
        /// `--measure`, `--area`, `--period`, the source and the expected sum.
        var measure: (String, String, String, String, Double)?
        /// Per-year flow totals (source ATF).
        var flows: [Int: Int] = [:]
        /// Rows expected in one table of `info`.
        var table: (String, Int)?
        var testDescription: String { "\(kind) \(URL(fileURLWithPath: file).lastPathComponent)" }
    }

    static let cases: [Case] = [
        // The national "Total" row of the 2010 export: 25,757.
        Case(
            kind: "inegi-homicides",
            file: "inegi_homicidios_municipio_mes_1990_2015/2010.csv",
            measure: ("homicides", "MX", "2010", "INEGI", 25_757)
        ),
        // Sum of Enero..Diciembre over the 2019 "Homicidio doloso" rows: 29,480.
        Case(
            kind: "sesnsp-incidence",
            file: "sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv",
            measure: ("carpetas:Homicidio doloso:%", "%", "2019-%", "SESNSP", 29_480)
        ),
        // bzcat | awk: n_victimas of the 2019 "Homicidio doloso" rows: 34,723.
        Case(
            kind: "sesnsp-victims",
            file: "sesnsp_victimas_estatal/db_victimas_delitos_ent_long.csv.bz2",
            measure: ("victimas:Homicidio doloso:%", "%", "2019-%", "SESNSP", 34_723)
        ),
        // Guns_Recovered per Year, the Total pseudo-state left out; 2012 also lists guns recovered in
        // Canada (Recovery_State "Canada", 2 guns), rejected as not a US state: 156,346 - 2.
        Case(
            kind: "atf-flows",
            file: "atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv",
            flows: [
                2010: 145_604, 2011: 149_276, 2012: 156_344, 2013: 166_426, 2014: 170_344, 2015: 190_538,
                2016: 211_384, 2017: 239_175, 2018: 254_700, 2019: 269_250, 2020: 306_686,
            ]
        ),
        Case(
            kind: "atf-flows",
            file: "atf_trace_by_state/full_trace_data_13_17.csv",
            flows: [2013: 166_426, 2014: 170_344, 2015: 190_538, 2016: 211_384, 2017: 239_175]
        ),
        Case(kind: "atf-flows-xlsx", file: "atf_trace_by_state/raw_xlsx/trace_2017.xlsx", flows: [2017: 239_175]),
        // 18,957 rows; UCDP's best estimates sum to 140,695 (checked in the store tests).
        Case(kind: "ucdp-ged", file: "ucdp_ged_mexico/ucdp_ged_mexico.csv", table: ("events", 18_957)),
        Case(
            kind: "acled",
            file: "acled_format_sample/acled_sample_events_argentina_2022-06.csv",
            table: ("events", 326)
        ),
        // n_year 2020, cve_ent 00, genero Total: pob_mid_year 128,209,170; Jalisco (14) 8,507,662.
        Case(
            kind: "conapo-population",
            file: "poblacion_mx/conapo_pob_ent_gender_1950_2070.csv",
            measure: ("population", "MX-14", "2020", "CONAPO", 8_507_662)
        ),
        // The "Total" row of the 2020 census export: 126,014,024.
        Case(
            kind: "inegi-census",
            file: "poblacion_mx/inegi_censo2020_poblacion_municipio_raw.csv",
            measure: ("population", "MX", "2020", "INEGI census", 126_014_024)
        ),
        // Vintage 2016: Texas POPESTIMATE2016 27,862,596.
        Case(
            kind: "census-population",
            file: "poblacion_us/nst-est2016-alldata.csv",
            measure: ("population", "US-TX", "2016", "Census", 27_862_596)
        ),
        // guns-month.csv: Murders.with.Firearm of the twelve 1998 months summed over the 32 states
        // (python csv, blank State/Year carried down, "No Especificado" and "... Total" rows left out): 7,275.
        Case(
            kind: "firearm-homicides-month",
            file: "inegi_homicidios_arma_fuego_estado_mes_1998_2008/guns-month.csv",
            measure: ("firearm_homicides", "%", "1998-%", "SINAIS", 7_275)
        ),
        // frontier.csv: Homicide of the twelve 2008 months: 3,101.
        Case(
            kind: "firearm-homicides-month",
            file: "inegi_homicidios_arma_fuego_estado_mes_1998_2008/frontier.csv",
            measure: ("homicides_us_border_municipalities", "MX", "2008-%", "SINAIS", 3_101)
        ),
        // conapo-pop.csv: 1998, 95,790,135.
        Case(
            kind: "population-national-wide",
            file: "inegi_homicidios_arma_fuego_estado_mes_1998_2008/conapo-pop.csv",
            measure: ("population", "MX", "1998", "CONAPO (Assault-Weapons copy)", 95_790_135)
        ),
        // homicidios_2024_clean.csv: 32,065 rows, one per death (wc -l minus the header).
        Case(
            kind: "inegi-death-records",
            file: "inegi_homicidios_victimas_2024/homicidios_2024_clean.csv",
            measure: ("homicides", "MX", "2024", "INEGI", 32_065)
        ),
        // Guanajuato (entidad_ocurrencia), 2024: 3,905 deaths.
        Case(
            kind: "inegi-death-records",
            file: "inegi_homicidios_victimas_2024/homicidios_2024_clean.csv",
            measure: ("homicides", "MX-11", "2024", "INEGI", 3_905)
        ),
        // The long table: Casos of the 2020 "Homicidio doloso" rows summed: 3,359.
        Case(
            kind: "sesnsp-municipal-long",
            file: "sesnsp_municipal_guanajuato/homicidios_gto_2020_2025_long.csv",
            measure: ("carpetas_total:Homicidio doloso", "%", "2020-%", "SESNSP", 3_359)
        ),
        // The raw table: Enero..Diciembre of the 2020 "Homicidio doloso" rows, every modality: 3,359.
        Case(
            kind: "sesnsp-incidence",
            file: "sesnsp_municipal_guanajuato/homicidios_gto_2020_2025_raw.csv",
            measure: ("carpetas_total:Homicidio doloso", "%", "2020-%", "SESNSP", 3_359)
        ),
        // poblacion_municipal_gto.csv: León 1,721,215 (= Censo 2020, INEGI code 11020).
        Case(
            kind: "population-municipal-named",
            file: "sesnsp_municipal_guanajuato/poblacion_municipal_gto.csv",
            measure: ("population", "MX-11020", "2020", "INEGI census", 1_721_215)
        ),
        // ATF exhibit 2, 2014, Firearms: 420,932 exported.
        Case(
            kind: "atf-commerce",
            file: "atf_commerce_report/02-exports.csv",
            measure: ("firearms_exported_total", "US", "2014", "ATF commerce", 420_932)
        ),
        // Exhibit 1, long copy: 2013 Pistols 4,441,726.
        Case(
            kind: "atf-commerce",
            file: "atf_commerce_report/01-manufacturing-long.csv",
            measure: ("firearms_manufactured_pistols", "US", "2013", "ATF commerce", 4_441_726)
        ),
        // Exhibit 10, fiscal 2015: 56,181 dealers (type 01).
        Case(
            kind: "atf-commerce",
            file: "atf_commerce_report/10-FFL-total.csv",
            measure: ("ffl_count_01", "US", "2015", "ATF commerce", 56_181)
        ),
        // Exhibit 8: Texas, 468,581 NFA weapons registered.
        Case(
            kind: "atf-commerce",
            file: "atf_commerce_report/08-registration-by-state.csv",
            measure: ("nfa_registered_total", "US-TX", "2016", "ATF commerce", 468_581)
        ),
        // Exhibit 6, 2015: $32,462,000 transfer and making tax.
        Case(
            kind: "atf-commerce",
            file: "atf_commerce_report/06-tax-revenues.csv",
            measure: ("nfa_transfer_and_making_tax_paid_usd", "US", "2015", "ATF commerce", 32_462_000)
        ),
        // Exhibit 5: Austria, 926,534 firearms imported in 2015.
        Case(
            kind: "atf-commerce",
            file: "atf_commerce_report/05-2015-import-countries.csv",
            measure: ("firearms_imported_from:Austria:total", "US", "2015", "ATF commerce", 926_534)
        ),
        // The 2010-2020 table: California 2020, 39,501,653.
        Case(
            kind: "census-population",
            file: "poblacion_us/us_state_population_2010_2020.csv",
            measure: ("population", "US-CA", "2020", "Census", 39_501_653)
        ),
    ]

    static func json(_ r: CLI.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data"), arguments: cases)
    func everyOfficialKindImportsThroughTheCLI(_ c: Case) throws {
        let source = try #require(SharedData.path(c.file), "\(c.file) is missing from the shared data")
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        // The old form, KIND FILE, and the kind detected from the file must agree.
        let detected = try CLI.run(["import", source, "--database", "detect.sqlite", "--dry-run"], in: dir.url)
        #expect(detected.stdout.contains(": \(c.kind)"), "\(detected.stdout)")
        let r = try CLI.run(["import", c.kind, source, "--database", "db.sqlite"], in: dir.url)
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("rows read"))
        if let m = c.measure {
            let (measure, area, period, sourceName, expected) = m
            let info = try CLI.run(
                [
                    "info", "--database", "db.sqlite", "--measure", measure, "--area", area, "--period", period,
                    "--format", "json",
                ],
                in: dir.url
            )
            #expect(info.status == 0, "\(info.stderr)")
            let rows = try #require(try Self.json(info) as? [[String: Any]])
            let row = try #require(rows.first { $0["source"] as? String == sourceName }, "\(info.stdout)")
            #expect(row["value"] as? Double == expected, "\(measure) \(area) \(period)")
        }
        if !c.flows.isEmpty {
            let info = try CLI.run(["info", "--database", "db.sqlite", "--flows", "--format", "json"], in: dir.url)
            let rows = try #require(try Self.json(info) as? [[String: Any]])
            var totals: [Int: Int] = [:]
            for row in rows where row["source"] as? String == "ATF" {
                totals[row["year"] as? Int ?? 0] = row["count"] as? Int
            }
            #expect(totals == c.flows)
        }
        if let t = c.table {
            let (table, expected) = t
            let info = try CLI.run(["info", "--database", "db.sqlite", "--format", "json"], in: dir.url)
            let object = try #require(try Self.json(info) as? [String: Any])
            #expect((object["tables"] as? [String: Int])?[table] == expected)
        }
    }

    @Test(
        .enabled(
            if: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2010.csv") != nil,
            "needs ../shared/data"
        )
    )
    func reportsShowThePublishedFigures() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let files = [
            ("inegi-homicides", "inegi_homicidios_municipio_mes_1990_2015/2010.csv"),
            ("atf-flows", "atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv"),
            ("census-population", "poblacion_us/us_state_population_2010_2020.csv"),
        ]
        for (kind, file) in files {
            let r = try CLI.run(["import", "--kind", kind, try #require(SharedData.path(file))], in: dir.url)
            #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        }
        // Violence, 2010: INEGI's national total, 25,757.
        let violence = try CLI.run(["report", "violence", "--years", "2010", "--format", "json"], in: dir.url)
        #expect(violence.status == 0, "\(violence.stderr)")
        let v = try #require(try Self.json(violence) as? [String: Any])
        let byState = try #require((v["tables"] as? [[String: Any]])?.first { $0["id"] as? String == "by_state" })
        let columns = try #require(byState["columns"] as? [[String: Any]]).map { $0["name"] as? String ?? "" }
        let inegi = try #require(columns.firstIndex(of: "Homicides, death records (INEGI)"))
        let mexico = try #require((byState["rows"] as? [[Any]])?.first { $0[0] as? String == "Mexico" })
        #expect((mexico[inegi] as? NSNumber)?.doubleValue == 25_757)
        // Source states, 2017: 239,175 traces in all, Texas 22,804 (Source_State Texas, 2017).
        let sources = try CLI.run(["report", "sources", "--years", "2017", "--format", "json"], in: dir.url)
        let s = try #require(try Self.json(sources) as? [String: Any])
        let published = try #require(
            (s["tables"] as? [[String: Any]])?.first { $0["id"] as? String == "published_source_states" }
        )
        let rows = try #require(published["rows"] as? [[Any]])
        #expect(rows.compactMap { ($0[2] as? NSNumber)?.intValue }.reduce(0, +) == 239_175)
        #expect((rows.first { $0[1] as? String == "Texas" }?[2] as? NSNumber)?.intValue == 22_804)
    }

    @Test(
        .enabled(
            if: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2015.csv") != nil,
            "needs ../shared/data"
        )
    )
    func dryRunAndStrictOnAnOfficialFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let file = try #require(SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2015.csv"))
        // The 2015 export has deaths abroad (codes 33, 34): rejected rows.
        let dry = try CLI.run(["import", "inegi-homicides", file, "--dry-run", "--database", "db.sqlite"], in: dir.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would be stored"))
        #expect(dry.stdout.contains("dry run"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("db.sqlite")), "a dry run creates no database")
        let strictDry = try CLI.run(
            ["import", "inegi-homicides", file, "--dry-run", "--strict", "--database", "db.sqlite"],
            in: dir.url
        )
        #expect(strictDry.status == 4)
        let strict = try CLI.run(["import", file, "--strict", "--database", "db.sqlite"], in: dir.url)
        #expect(strict.status == 4, "\(strict.stdout)")
        #expect(strict.stdout.contains("INEGI code"))
        // A dry run against the database now compares with what it holds, and stores nothing.
        let again = try CLI.run(
            ["import", "inegi-homicides", file, "--dry-run", "--database", "db.sqlite"],
            in: dir.url
        )
        #expect(again.stdout.contains("already imported"), "\(again.stdout)")
        let info = try CLI.run(["info", "--format", "json", "--database", "db.sqlite"], in: dir.url)
        #expect((try #require(try Self.json(info) as? [String: Any])["imports"] as? [Any])?.count == 1)
    }

    /// A directory of copies: what a reader fits is imported with its kind and reason, the rest
    /// listed with theirs; exit 5 says files were skipped.
    @Test(.enabled(if: SharedData.path("atf_trace_by_state/raw_xlsx/trace_2017.xlsx") != nil, "needs ../shared/data"))
    func aDirectoryImportsWhatItCanAndListsTheRest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let data = dir.url.appendingPathComponent("data/nested")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let copies = [
            "inegi_homicidios_municipio_mes_1990_2015/2010.csv", "atf_trace_by_state/raw_xlsx/trace_2017.xlsx",
            "poblacion_us/nst-est2016-alldata.csv", "geometria_mx/mx_states.topojson", "geometria_mx/LICENSE.mxmaps",
            "inegi_homicidios_arma_fuego_estado_mes_1998_2008/guns-month.csv", "SOURCES.md",
        ]
        for c in copies {
            let from = try #require(SharedData.path(c))
            try FileManager.default.copyItem(
                atPath: from,
                toPath: data.appendingPathComponent(URL(fileURLWithPath: c).lastPathComponent).path
            )
        }
        let r = try CLI.run(["import", "data"], in: dir.url)
        #expect(r.status == 5, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("data/nested/2010.csv: inegi-homicides"))
        #expect(r.stdout.contains("trace_2017.xlsx: atf-flows-xlsx"))
        #expect(r.stdout.contains("nst-est2016-alldata.csv: census-population"))
        #expect(r.stdout.contains("guns-month.csv: firearm-homicides-month"))
        #expect(r.stdout.contains("4 files imported"))
        #expect(r.stdout.contains("Skipped 3 files"))
        #expect(r.stdout.contains("mx_states.topojson: geometry"))
        #expect(r.stdout.contains("LICENSE.mxmaps: documentation or licence"))
        #expect(r.stdout.contains("SOURCES.md: documentation or licence"))
        let info = try CLI.run(["info", "--format", "json"], in: dir.url)
        #expect((try #require(try Self.json(info) as? [String: Any])["imports"] as? [Any])?.count == 4)
        // --kind overrides detection: a file under a misleading name, read as what it is.
        try FileManager.default.copyItem(
            atPath: try #require(SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv")),
            toPath: dir.path("table.txt")
        )
        let forced = try CLI.run(["import", "--kind", "atf-flows", "table.txt", "--database", "k.sqlite"], in: dir.url)
        #expect(forced.status == 0, "\(forced.stdout) \(forced.stderr)")
        // The wrong kind is a file that cannot be read: exit 3, with the reason.
        let wrong = try CLI.run(["import", "--kind", "acled", "table.txt", "--database", "k.sqlite"], in: dir.url)
        #expect(wrong.status == 3)
        #expect(wrong.stdout.contains("Could not read 1 files"))
    }

    /// The two published copies of ATF's source/recovery table disagree in places: the second
    /// import says how many values, the largest differences and both files, and `info` lists them.
    @Test(.enabled(if: SharedData.path("atf_trace_by_state/raw_xlsx/trace_2017.xlsx") != nil, "needs ../shared/data"))
    func conflictingCopiesOfTheATFTableAreReported() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let tidy = try #require(SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv"))
        let raw = try #require(SharedData.path("atf_trace_by_state/raw_xlsx"))
        #expect(try CLI.run(["import", tidy], in: dir.url).status == 0)
        let r = try CLI.run(["import", raw], in: dir.url)
        #expect(r.stdout.contains("CONFLICT:"), "\(r.stdout)")
        #expect(r.stdout.contains("atf_source_recovery_by_state_2010_2020.csv (import #1)"))
        let info = try CLI.run(["info", "--format", "json"], in: dir.url)
        let object = try #require(try Self.json(info) as? [String: Any])
        let conflicts = try #require(object["conflicts"] as? [[String: Any]])
        #expect(!conflicts.isEmpty)
        #expect(conflicts.allSatisfy { ($0["stored_file"] as? String)?.hasSuffix("2010_2020.csv") == true })
        #expect(conflicts.allSatisfy { ($0["values"] as? Int ?? 0) > 0 })
        let table = try CLI.run(["info"], in: dir.url)
        #expect(table.stdout.contains("Conflicts:"))
    }
}
