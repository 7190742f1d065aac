import Foundation
import IronTraceTesting
import Testing

/// The questions researchers ask, through the executable: list filters, named groups and place names,
/// the year × area table, and the difference-in-differences report (on a hand-made input computed by
/// hand, and on the real INEGI and census files, checked against figures summed with python `csv`).
@Suite(.serialized) struct ResearchCLITests {
    static func json(_ r: CLI.Result) throws -> Any { try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) }

    /// A table of a report's JSON by id: column names and rows.
    static func table(_ r: CLI.Result, _ id: String) throws -> (columns: [String], rows: [[Any]]) {
        let object = try #require(try json(r) as? [String: Any])
        let t = try #require((object["tables"] as? [[String: Any]])?.first { $0["id"] as? String == id })
        let columns = try #require(t["columns"] as? [[String: Any]]).map { $0["name"] as? String ?? "" }
        return (columns, try #require(t["rows"] as? [[Any]]))
    }

    static func number(_ row: [Any], _ columns: [String], _ name: String) -> Double? {
        guard let i = columns.firstIndex(of: name), i < row.count else { return nil }
        return (row[i] as? NSNumber)?.doubleValue
    }

    /// Equal to a figure computed by hand, up to floating-point rounding.
    static func near(_ x: Double?, _ y: Double) -> Bool { x.map { abs($0 - y) < 1e-9 } ?? false }

    /// Two treated municipalities (Nogales MX-26043, Nuevo Laredo MX-28027) and a control (Tijuana
    /// MX-02004), 2001–2004, break January 2003. By hand: treated before (2001–2002) 10+10+10+0 = 30
    /// homicides over 400,000 person-years = 7.5 per 100,000; after (2003–2004) 30+30+10+10 = 80 over
    /// 400,000 = 20. Control before 40 / 400,000 = 10, after 60 / 400,000 = 15. DiD = 12.5 − 5 = 7.5.
    /// Nuevo Laredo has no 2002 row (counted 0) and a population only for 2000 and 2005 (100,000 both:
    /// interpolated, 100,000 each year).
    static let handMade = """
        area,period,measure,value,source
        MX-26043,2001,homicides,10,INEGI
        MX-26043,2002,homicides,10,INEGI
        MX-26043,2003,homicides,30,INEGI
        MX-26043,2004,homicides,30,INEGI
        MX-28027,2001,homicides,10,INEGI
        MX-28027,2003,homicides,10,INEGI
        MX-28027,2004,homicides,10,INEGI
        MX-02004,2001,homicides,20,INEGI
        MX-02004,2002,homicides,20,INEGI
        MX-02004,2003,homicides,20,INEGI
        MX-02004,2004,homicides,40,INEGI
        MX-26043,2001,population,100000,INEGI census
        MX-26043,2002,population,100000,INEGI census
        MX-26043,2003,population,100000,INEGI census
        MX-26043,2004,population,100000,INEGI census
        MX-28027,2000,population,100000,INEGI census
        MX-28027,2005,population,100000,INEGI census
        MX-02004,2001,population,200000,INEGI census
        MX-02004,2002,population,200000,INEGI census
        MX-02004,2003,population,200000,INEGI census
        MX-02004,2004,population,200000,INEGI census

        """

    static func handMadeDatabase() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try handMade.write(toFile: dir.path("area_measures.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", "area_measures", "area_measures.csv"], in: dir.url)
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        return dir
    }

    @Test func differenceInDifferencesByHand() throws {
        let dir = try Self.handMadeDatabase()
        defer { dir.cleanup() }
        let r = try CLI.run(
            [
                "report", "did", "--treated", "MX-26043,Nuevo Laredo", "--control", "Tijuana", "--break", "2003-01",
                "--years", "2001-2004", "--format", "json", "--charts", "charts",
            ],
            in: dir.url
        )
        #expect(r.status == 0, "\(r.stderr)")
        let (columns, rows) = try Self.table(r, "estimate")
        let treated = try #require(rows.first { $0[0] as? String == "MX-26043,Nuevo Laredo" })
        let control = try #require(rows.first { $0[0] as? String == "Tijuana" })
        let did = try #require(rows.first { $0[0] as? String == "Difference in differences" })
        #expect(Self.near(Self.number(treated, columns, "Before 2001–2002"), 7.5))
        #expect(Self.near(Self.number(treated, columns, "After 2003–2004"), 20))
        #expect(Self.near(Self.number(control, columns, "Before 2001–2002"), 10))
        #expect(Self.near(Self.number(control, columns, "After 2003–2004"), 15))
        #expect(Self.near(Self.number(did, columns, "Change"), 7.5))
        #expect(Self.number(treated, columns, "Areas") == 2)
        #expect(Self.number(treated, columns, "Person-years before") == 400_000)
        #expect(r.stdout.contains("counts 0 homicides and its population (1 area-years)"))
        #expect(r.stdout.contains("interpolated 4 area-years"))
        let svg = try String(contentsOfFile: dir.path("charts/did-rates.svg"), encoding: .utf8)
        #expect(svg.contains("class=\"marker\""))
        #expect(svg.contains("Break 2003-01"))
        // The break year is excluded when the break is not in January.
        let mid = try CLI.run(
            [
                "report", "did", "--treated", "MX-26043,MX-28027", "--control", "MX-02004", "--break", "2002-07",
                "--years", "2001-2004", "--format", "json",
            ],
            in: dir.url
        )
        #expect(mid.status == 0, "\(mid.stderr)")
        let m = try Self.table(mid, "estimate")
        let md = try #require(m.rows.first { $0[0] as? String == "Difference in differences" })
        // Treated: before 2001 20/200,000 = 10, after 2003–2004 80/400,000 = 20; control: 10 and 15.
        #expect(Self.near(Self.number(md, m.columns, "Change"), 5))
        // Overlapping groups and a missing break are errors.
        let overlap = try CLI.run(
            [
                "report", "did", "--treated", "Tijuana", "--control", "MX-02004", "--break", "2003-01", "--years",
                "2001-2004",
            ],
            in: dir.url
        )
        #expect(overlap.status != 0)
        #expect(overlap.stderr.contains("overlap"))
        let noBreak = try CLI.run(
            ["report", "did", "--treated", "Tijuana", "--control", "Nogales", "--years", "2001-2004"],
            in: dir.url
        )
        #expect(noBreak.status != 0)
        #expect(noBreak.stderr.contains("--break"))
    }

    @Test func listsGroupsAndPlaceNamesFilterTheTable() throws {
        let dir = try Self.handMadeDatabase()
        defer { dir.cleanup() }
        // A list: one row per area, then the total.
        let list = try CLI.run(
            [
                "report", "table", "--measure", "homicides", "--by", "area", "--area", "MX-26043,MX-02004",
                "--years", "2001-2004", "--format", "json",
            ],
            in: dir.url
        )
        #expect(list.status == 0, "\(list.stderr)")
        let l = try Self.table(list, "by_year_area")
        #expect(l.rows.map { $0[0] as? String } == ["MX-26043", "MX-02004", "Total"])
        #expect(Self.number(l.rows[0], l.columns, "Total") == 80)
        #expect(Self.number(l.rows[1], l.columns, "2004") == 40)
        #expect(Self.number(l.rows[2], l.columns, "Total") == 180)
        // A group: the California border municipalities (Mexicali, Tecate, Tijuana); only Tijuana has figures.
        let group = try CLI.run(
            [
                "report", "table", "--by", "municipality", "--area", "mx-border-ca", "--years", "2001-2004", "--format",
                "csv",
            ],
            in: dir.url
        )
        #expect(group.status == 0, "\(group.stderr)")
        let lines = group.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("MX-02004,") })
        #expect(!lines.contains { $0.hasPrefix("MX-26043,") })
        // Place names, accents and case forgiven; a name shared by several municipalities lists them.
        let named = try CLI.run(
            [
                "report", "table", "--by", "area", "--area", "nuevo laredo,TIJUANA", "--years", "2001", "--format",
                "csv",
            ],
            in: dir.url
        )
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("MX-28027,"))
        #expect(named.stdout.contains("MX-02004,"))
        let juarez = try CLI.run(["report", "table", "--area", "Ciudad Juárez", "--years", "2001"], in: dir.url)
        #expect(juarez.status == 0, "\(juarez.stderr)")
        #expect(juarez.stdout.contains("area=Ciudad Juárez"))
        let ambiguous = try CLI.run(["report", "table", "--area", "Juarez", "--years", "2001"], in: dir.url)
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("ambiguous"))
        #expect(ambiguous.stderr.contains("MX-08037 Juárez (Chihuahua)"))
        let unknown = try CLI.run(["report", "violence", "--source-state", "VA,Atlantis"], in: dir.url)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("'Atlantis' is not a US state"))
        // Population by area: published figures as they are, interpolated between them (MX-28027: 2000
        // and 2005 both 100,000).
        let pop = try CLI.run(
            [
                "report", "table", "--measure", "population", "--by", "area", "--area", "MX-28027", "--years",
                "2002-2003", "--format", "json",
            ],
            in: dir.url
        )
        #expect(pop.status == 0, "\(pop.stderr)")
        let p = try Self.table(pop, "by_year_area")
        #expect(Self.number(p.rows[0], p.columns, "2002") == 100_000)
    }

    @Test(
        .enabled(
            if: SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv") != nil,
            "needs ../shared/data"
        )
    )
    func sourceStateListAndGroup() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let file = try #require(SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv"))
        #expect(try CLI.run(["import", "--kind", "atf-flows", file], in: dir.url).status == 0)
        let i95 = Set([
            "Florida", "Georgia", "South Carolina", "North Carolina", "Virginia", "District of Columbia", "Maryland",
            "Delaware", "Pennsylvania", "New Jersey", "New York", "Connecticut", "Rhode Island", "Massachusetts",
            "New Hampshire", "Maine",
        ])
        for list in ["VA,NC,SC,GA,FL", "us-i95"] {
            let r = try CLI.run(
                ["report", "sources", "--years", "2017", "--source-state", list, "--format", "json"],
                in: dir.url
            )
            #expect(r.status == 0, "\(r.stderr)")
            let t = try Self.table(r, "published_source_states")
            let names = Set(t.rows.compactMap { $0[1] as? String })
            #expect(!names.isEmpty)
            #expect(
                names.isSubset(
                    of: list == "us-i95" ? i95 : ["Virginia", "North Carolina", "South Carolina", "Georgia", "Florida"]
                )
            )
            if list != "us-i95" { #expect(names.count == 5) }
        }
    }

    @Test(
        .enabled(
            if: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2010.csv") != nil
                && SharedData.path("ucdp_ged_mexico/ucdp_ged_mexico.csv") != nil,
            "needs ../shared/data"
        )
    )
    func yearByAreaTablesOnRealFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        for y in [2009, 2010] {
            let f = try #require(SharedData.path("inegi_homicidios_municipio_mes_1990_2015/\(y).csv"))
            #expect(try CLI.run(["import", "--kind", "inegi-homicides", f], in: dir.url).status == 0)
        }
        let ucdp = try #require(SharedData.path("ucdp_ged_mexico/ucdp_ged_mexico.csv"))
        #expect(try CLI.run(["import", "--kind", "ucdp-ged", ucdp], in: dir.url).status == 0)
        // python csv on the exports: state rows of 2009 sum to 19,803 and of 2010 to 25,757 (the national
        // "Total" rows); Chihuahua 3,680 and 6,421.
        let r = try CLI.run(
            ["report", "table", "--measure", "homicides", "--by", "state", "--years", "2009-2010", "--format", "json"],
            in: dir.url
        )
        #expect(r.status == 0, "\(r.stderr)")
        let t = try Self.table(r, "by_year_area")
        let chihuahua = try #require(t.rows.first { $0[0] as? String == "MX-08" })
        #expect(Self.number(chihuahua, t.columns, "2009") == 3_680)
        #expect(Self.number(chihuahua, t.columns, "2010") == 6_421)
        let total = try #require(t.rows.last)
        #expect(Self.number(total, t.columns, "2009") == 19_803)
        #expect(Self.number(total, t.columns, "2010") == 25_757)
        #expect(t.rows.count == 33)
        // Events by state and year in one command; python csv: 2,085 UCDP events start in 2010, 369 in
        // 2011, 254 in 2012.
        let e = try CLI.run(
            ["report", "table", "--measure", "events", "--by", "state", "--years", "2010-2012", "--format", "json"],
            in: dir.url
        )
        #expect(e.status == 0, "\(e.stderr)")
        let et = try Self.table(e, "by_year_area")
        let eTotal = try #require(et.rows.last)
        #expect(Self.number(eTotal, et.columns, "2010") == 2_085)
        #expect(Self.number(eTotal, et.columns, "2011") == 369)
        #expect(Self.number(eTotal, et.columns, "2012") == 254)
        // Months to scale: python csv on date_start and date_end, 1995–1996. Two events are dated only to a
        // range (1995-01-01 to 1995-11-14, 1996-06-28 to 1996-12-31) and are spread over its months, so the axis
        // runs 1995-01 to 1996-12, 24 months; 1995-03 holds only 1/11 of the first, 1996-08 6.143 events.
        let months = try CLI.run(["report", "events", "--years", "1995-1996", "--format", "json"], in: dir.url)
        #expect(months.status == 0, "\(months.stderr)")
        let m = try Self.table(months, "by_month")
        #expect(m.rows.count == 24)
        #expect(m.rows.first?[0] as? String == "1995-01")
        #expect(m.rows.last?[0] as? String == "1996-12")
        #expect(
            abs(((m.rows.first { $0[0] as? String == "1995-03" }?[1] as? NSNumber)?.doubleValue ?? -1) - 1.0 / 11)
                < 1e-6
        )
        #expect(
            abs(((m.rows.first { $0[0] as? String == "1996-08" }?[1] as? NSNumber)?.doubleValue ?? -1) - 6.143) < 0.001
        )
    }

    /// The assault-weapons-ban comparison on the real files. Independent figures from
    /// `python3 tools/awb_did_check.py` (python `csv` on the same exports, populations interpolated geometrically
    /// between the 1990, 1995, 2000, 2005, 2010 and 2020 censuses): 1998–2008, break 2004-09:
    /// treated (36 municipalities facing AZ, NM, TX) 15.5912 → 24.6829, control (3 facing CA)
    /// 20.3552 → 20.1623, DiD 9.2845; 2002–2006: 14.1343 → 16.9208 and 17.7703 → 16.2974, DiD 4.2594.
    @Test(
        .enabled(
            if: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2004.csv") != nil
                && SharedData.path("poblacion_mx/inegi_censos_1990_2010_poblacion_municipio_raw.csv") != nil,
            "needs ../shared/data"
        )
    )
    func assaultWeaponsBanOnRealFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let inegi = try #require(SharedData.path("inegi_homicidios_municipio_mes_1990_2015"))
        let imported = try CLI.run(["import", "--kind", "inegi-homicides", inegi], in: dir.url)
        #expect(imported.status == 0 || imported.status == 4, "\(imported.stderr)")
        for f in ["inegi_censos_1990_2010_poblacion_municipio_raw.csv", "inegi_censo2020_poblacion_municipio_raw.csv"] {
            let census = try #require(SharedData.path("poblacion_mx/\(f)"))
            let c = try CLI.run(["import", "--kind", "inegi-census", census], in: dir.url)
            #expect(c.status == 0, "\(c.stdout) \(c.stderr)")
        }
        for (years, expected) in [
            ("1998-2008", (15.5912, 24.6829, 20.3552, 20.1623, 9.2845)),
            ("2002-2006", (14.1343, 16.9208, 17.7703, 16.2974, 4.2594)),
        ] {
            let r = try CLI.run(
                [
                    "report", "did", "--treated", "mx-border-az-nm-tx", "--control", "mx-border-ca", "--break",
                    "2004-09", "--measure", "homicides", "--years", years, "--format", "json",
                ],
                in: dir.url
            )
            #expect(r.status == 0, "\(r.stderr)")
            let (columns, rows) = try Self.table(r, "estimate")
            let a = years.split(separator: "-").map { Int($0)! }
            let before = "Before \(a[0])–2003"
            let after = "After 2005–\(a[1])"
            let t = try #require(rows.first { $0[0] as? String == "mx-border-az-nm-tx" })
            let c = try #require(rows.first { $0[0] as? String == "mx-border-ca" })
            let d = try #require(rows.first { $0[0] as? String == "Difference in differences" })
            #expect(abs((Self.number(t, columns, before) ?? 0) - expected.0) < 0.006)
            #expect(abs((Self.number(t, columns, after) ?? 0) - expected.1) < 0.006)
            #expect(abs((Self.number(c, columns, before) ?? 0) - expected.2) < 0.006)
            #expect(abs((Self.number(c, columns, after) ?? 0) - expected.3) < 0.006)
            #expect(abs((Self.number(d, columns, "Change") ?? 0) - expected.4) < 0.006)
            #expect(Self.number(t, columns, "Areas") == 36)
            #expect(Self.number(c, columns, "Areas") == 3)
        }
    }
}
