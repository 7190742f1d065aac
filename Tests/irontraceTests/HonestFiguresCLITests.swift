import Foundation
import IronTraceTesting
import Testing

/// Figures that mislead unless the tool says what they are, checked through the executable on the
/// real files: partial years, structural zeros, the crime-gun export rate, which copy of a disputed
/// table a report uses (and `--prefer`), each figure traced to its file line, and the demo world's
/// US-sourced share by year.
@Suite(.serialized) struct HonestFiguresCLITests {
    static func json(_ r: CLI.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    static func table(_ report: Any, _ id: String) throws -> (columns: [String], rows: [[Any]]) {
        let object = try #require((report as? [String: Any]) ?? (report as? [[String: Any]])?.first)
        let t = try #require((object["tables"] as? [[String: Any]])?.first { $0["id"] as? String == id }, "\(id)")
        let columns = try #require(t["columns"] as? [[String: Any]]).map { $0["name"] as? String ?? "" }
        return (columns, try #require(t["rows"] as? [[Any]]))
    }

    static func notes(_ report: Any) -> [String] {
        ((report as? [String: Any])?["notes"] as? [String]) ?? []
    }

    static func number(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue }

    /// The number in a row under a column name.
    static func cell(_ t: (columns: [String], rows: [[Any]]), _ row: [Any], _ column: String) throws -> Double {
        let i = try #require(t.columns.firstIndex(of: column), "no column \(column) in \(t.columns)")
        return try #require(number(row[i]), "\(column) is empty")
    }

    /// SESNSP's state file ends in March 2022: 2022 is partial, never the default year, and its
    /// rates are annualised from the three months, which the report says.
    @Test(
        .enabled(
            if: SharedData.path("sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv") != nil,
            "needs ../shared/data"
        )
    )
    func aPartialYearIsMarkedAnnualisedAndNotTheDefault() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        for file in ["sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv", "poblacion_mx/conapo_pob_ent_gender_1950_2070.csv"]
        {
            let r = try CLI.run(["import", try #require(SharedData.path(file))], in: dir.url)
            #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        }
        let byDefault = try Self.json(try CLI.run(["report", "violence", "--format", "json"], in: dir.url))
        let notes = Self.notes(byDefault)
        #expect(notes.contains("Years: 2021."), "\(notes)")
        #expect(
            notes.contains { $0.hasPrefix("PARTIAL YEAR: 2022 has 3 of 12 months") && $0.contains("January–March") }
        )
        #expect(notes.contains { $0.contains("Default year 2021") })

        let r2022 = try Self.json(
            try CLI.run(["report", "violence", "--years", "2022", "--format", "json"], in: dir.url)
        )
        #expect(Self.notes(r2022).contains { $0.contains("rates are annualised from them (count × 12 / 3)") })
        let states = try Self.table(r2022, "by_state")
        let mexico = try #require(states.rows.first { $0[0] as? String == "Mexico" })
        let count = try Self.cell(states, mexico, "Intentional homicide files (SESNSP)")
        let rate = try Self.cell(states, mexico, "Intentional homicide files rate (SESNSP)")
        let population = try #require(Self.number(mexico[1]))
        // Three months of files (January–March 2022), annualised: count × 4 per 100,000.
        #expect(count > 5_000 && count < 8_000, "\(count)")
        #expect(abs(rate - count * 4 / population * 100_000) < 0.01, "\(rate)")
        let trend = try Self.table(r2022, "trend")
        let months = try #require(trend.columns.firstIndex(of: "Months with figures"))
        #expect(Self.number(trend.rows.first { $0[0] as? String == "2022" }?[months]) == 3)
        #expect(Self.number(trend.rows.first { $0[0] as? String == "2021" }?[months]) == 12)
    }

    /// INEGI's cube leaves out municipalities with no deaths: those of a state the file covers count 0.
    @Test(
        .enabled(
            if: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2010.csv") != nil,
            "needs ../shared/data"
        )
    )
    func municipalitiesTheCubeLeavesOutCountZero() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        for file in [
            "inegi_homicidios_municipio_mes_1990_2015/2010.csv",
            "poblacion_mx/inegi_censos_1990_2010_poblacion_municipio_raw.csv",
        ] {
            let r = try CLI.run(["import", try #require(SharedData.path(file))], in: dir.url)
            #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        }
        let r = try Self.json(
            try CLI.run(["report", "violence", "--years", "2010", "--area", "MX-01", "--format", "json"], in: dir.url)
        )
        let t = try Self.table(r, "municipal_rates")
        let homicides = try #require(t.columns.firstIndex(of: "Homicides"))
        func row(_ code: String) -> [Any]? { t.rows.first { $0[0] as? String == code } }
        // The 2010 file lists Asientos (01002, 1 death) and leaves out Calvillo (01003).
        #expect(Self.number(row("MX-01002")?[homicides]) == 1)
        #expect(Self.number(row("MX-01003")?[homicides]) == 0, "Calvillo is 0, not no data")
        #expect(t.rows.count == 11, "all eleven municipalities of Aguascalientes")
        #expect(Self.notes(r).contains { $0.contains("count 0") })
        // The figure traced to its file line: Aguascalientes (01001), January 2010, line 9 of 2010.csv.
        let rows = try #require(
            try Self.json(
                try CLI.run(
                    [
                        "info", "--measure", "homicides", "--area", "MX-01001", "--period", "2010-01", "--rows",
                        "--format", "json",
                    ],
                    in: dir.url
                )
            ) as? [[String: Any]]
        )
        #expect(rows.count == 1)
        #expect(rows.first?["file"] as? String == SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2010.csv"))
        #expect(rows.first?["line"] as? Int == 9)
        #expect(Self.number(rows.first?["value"]) == 4)
        // A state the file does not cover stays "no data": nothing for 2009.
        let none = try Self.json(
            try CLI.run(["report", "violence", "--years", "2009", "--area", "MX-01", "--format", "json"], in: dir.url)
        )
        #expect(try Self.table(none, "municipal_rates").rows.isEmpty)
    }

    /// The two published copies of ATF's table disagree (the tidy CSV has 2012 and 2013 with source
    /// and recovery swapped); reports use the publisher's workbook, `--prefer` the other, and every
    /// value is traced to its file and line.
    @Test(.enabled(if: SharedData.path("atf_trace_by_state/raw_xlsx/trace_2012.xlsx") != nil, "needs ../shared/data"))
    func reportsUseThePublishersFileAndSayWhere() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let tidy = try #require(SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv"))
        let raw = try #require(SharedData.path("atf_trace_by_state/raw_xlsx/trace_2012.xlsx"))
        let census = try #require(SharedData.path("poblacion_us/nst-est2016-alldata.csv"))
        for f in [tidy, raw, census] { #expect(try CLI.run(["import", f], in: dir.url).status == 0) }
        func indianaToIllinois(_ extra: [String]) throws -> (Double?, [String]) {
            let r = try Self.json(
                try CLI.run(
                    ["report", "sources", "--years", "2012", "--area", "US-IL", "--format", "json"] + extra,
                    in: dir.url
                )
            )
            let t = try Self.table(r, "published_source_states")
            return (Self.number(t.rows.first { $0[1] as? String == "Indiana" }?[2]), Self.notes(r))
        }
        // ATF's 2012 workbook: 1,154 guns bought in Indiana were recovered in Illinois; the tidy copy
        // has 60 there (the Illinois-to-Indiana figure).
        let (used, notes) = try indianaToIllinois([])
        #expect(used == 1_154)
        #expect(notes.contains { $0.contains("from #2 trace_2012.xlsx") && $0.contains("publisher") }, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("Figures from imports:") && $0.contains("sha256") })
        let (preferred, _) = try indianaToIllinois(["--prefer", "atf-flows"])
        #expect(preferred == 60)
        #expect(try indianaToIllinois(["--prefer", "#1"]).0 == 60)
        // info says what the rule decided, and --rows lists both values with file, line and SHA-256.
        let info = try CLI.run(["info"], in: dir.url)
        #expect(info.stdout.contains("flows from #2 trace_2012.xlsx (publisher) over #1"), "\(info.stdout)")
        let rows = try #require(
            try Self.json(
                try CLI.run(
                    ["info", "--flows", "--rows", "--area", "US-IN", "--period", "2012", "--format", "json"],
                    in: dir.url
                )
            ) as? [[String: Any]]
        )
        let toIllinois = rows.filter { $0["area"] as? String == "US-IN → US-IL" }
        #expect(Set(toIllinois.compactMap { $0["role"] as? String }) == ["stored", "conflict"])
        let stored = try #require(toIllinois.first { $0["role"] as? String == "stored" })
        #expect(Self.number(stored["value"]) == 60)
        #expect((stored["file"] as? String)?.hasSuffix("2010_2020.csv") == true)
        #expect((stored["sha256"] as? String)?.count == 64)
        // The line holds that flow: 2012, Indiana, Illinois, 60.
        let line = try #require(stored["line"] as? Int)
        let text = try String(contentsOfFile: tidy, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        #expect(line >= 2 && line <= text.count)
        let fields = text[line - 1].lowercased()
        #expect(fields.contains("2012") && fields.contains("indiana") && fields.contains("illinois"), "\(fields)")
        // Export rate: guns recovered outside the source state, per 100,000 of its residents.
        let all = try Self.json(try CLI.run(["report", "sources", "--years", "2012", "--format", "json"], in: dir.url))
        let t = try Self.table(all, "published_source_states")
        let texas = try #require(t.rows.first { $0[1] as? String == "Texas" })
        let traces = try #require(Self.number(texas[2]))
        let outside = try Self.cell(t, texas, "Recovered outside the state")
        #expect(outside > 0 && outside < traces, "in-state recoveries are not exports")
        let exportRate = try Self.cell(t, texas, "Export rate")
        let allRate = try Self.cell(t, texas, "All-traces rate")
        #expect(abs(exportRate / allRate - outside / traces) < 1e-6)
    }

    /// UCDP events known only within a range of months are spread over the range's months, not piled
    /// into the first. Expected figures from python `csv` on the same file (2,085 Mexican events
    /// starting in 2010, 11 of them over a range; January 263.26 events and 503.38 deaths).
    @Test(.enabled(if: SharedData.path("ucdp_ged_mexico/ucdp_ged_mexico.csv") != nil, "needs ../shared/data"))
    func eventsOverAYearAreSpreadOverItsMonths() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let file = try #require(SharedData.path("ucdp_ged_mexico/ucdp_ged_mexico.csv"))
        #expect(try CLI.run(["import", file], in: dir.url).status == 0)
        let r = try Self.json(try CLI.run(["report", "events", "--years", "2010", "--format", "json"], in: dir.url))
        #expect(
            Self.notes(r).contains { $0.hasPrefix("11 events are dated only to a range of months") },
            "\(Self.notes(r))"
        )
        let t = try Self.table(r, "by_month")
        let total = t.rows.compactMap { Self.number($0[1]) }.reduce(0, +)
        #expect(abs(total - 2_085) < 0.01, "every event counted once in all: \(total)")
        let january = try #require(t.rows.first { $0[0] as? String == "2010-01" })
        #expect(abs(try Self.cell(t, january, "Events") - 263.3) < 0.051)
        #expect(abs(try Self.cell(t, january, "Fatalities") - 503.4) < 0.051)
        #expect(try Self.cell(t, january, "Of which spread from longer date ranges") > 0)
    }

    /// The demo world's share of Mexican traces that are US-sourced stays near the published ~70%
    /// in every year (it used to climb from 14% to 90% as the registry filled).
    @Test func theDemoWorldsUSSourcedShareHoldsInEveryYear() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let demo = try CLI.run(["demo", "--scale", "tiny", "--database", "d.sqlite"], in: dir.url)
        #expect(demo.status == 0, "\(demo.stderr)")
        let r = try Self.json(
            try CLI.run(
                ["report", "summary", "--country", "MX", "--database", "d.sqlite", "--format", "json"],
                in: dir.url
            )
        )
        let t = try Self.table(r, "by_year")
        let traces = try #require(t.columns.firstIndex(of: "Traces"))
        let us = try #require(t.columns.firstIndex(of: "US-sourced"))
        var checked = 0
        for row in t.rows {
            guard let n = Self.number(row[traces]), n >= 30, let u = Self.number(row[us]) else { continue }
            #expect(u / n > 0.55 && u / n < 0.85, "\(row[0]): \(u) of \(n)")
            checked += 1
        }
        #expect(checked >= 6)
    }
}
