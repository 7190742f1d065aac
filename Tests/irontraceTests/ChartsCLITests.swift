import Foundation
import IronTraceTesting
import Testing

/// `report --language` and the municipal drill-down, run as a user types them, on INEGI's own
/// municipal file (the 2010 export: Guadalajara, " 14 039 ", 249 deaths; Jalisco 1,081; line 438
/// and 407 of 2010.csv).
@Suite(.serialized) struct ChartsCLITests {
    static let file = "inegi_homicidios_municipio_mes_1990_2015/2010.csv"

    static func byStateRows(_ stdout: String) throws -> (columns: [String], rows: [[Any]]) {
        let v = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let t = try #require((v["tables"] as? [[String: Any]])?.first { $0["id"] as? String == "by_state" })
        let columns = try #require(t["columns"] as? [[String: Any]]).map { $0["name"] as? String ?? "" }
        return (columns, try #require(t["rows"] as? [[Any]]))
    }

    @Test(.enabled(if: SharedData.path(file) != nil, "needs ../shared/data"))
    func aMunicipalFilterShowsTheMunicipalityNotItsState() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let imported = try CLI.run(
            ["import", "--kind", "inegi-homicides", try #require(SharedData.path(Self.file))],
            in: dir.url
        )
        #expect(imported.status == 0, "\(imported.stderr)")
        func inegi(_ area: String) throws -> (String, Double?) {
            let r = try CLI.run(
                ["report", "violence", "--years", "2010", "--area", area, "--format", "json"],
                in: dir.url
            )
            #expect(r.status == 0, "\(r.stderr)")
            let (columns, rows) = try Self.byStateRows(r.stdout)
            let i = try #require(columns.firstIndex(of: "Homicides, death records (INEGI)"))
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            return (row[0] as? String ?? "", (row[i] as? NSNumber)?.doubleValue)
        }
        let guadalajara = try inegi("MX-14039")
        #expect(guadalajara.0.contains("Guadalajara"))
        #expect(guadalajara.1 == 249)
        let jalisco = try inegi("MX-14")
        #expect(jalisco.1 == 1_081)
    }

    @Test(.enabled(if: SharedData.path(file) != nil, "needs ../shared/data"))
    func reportInSpanishWritesSpanishChartsAndTables() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let imported = try CLI.run(
            ["import", "--kind", "inegi-homicides", try #require(SharedData.path(Self.file))],
            in: dir.url
        )
        #expect(imported.status == 0, "\(imported.stderr)")
        let charts = dir.path("charts")
        let r = try CLI.run(
            ["report", "violence", "--years", "2010", "--language", "es", "--charts", charts],
            in: dir.url
        )
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Homicidios"))
        let files = try FileManager.default.contentsOfDirectory(atPath: charts).filter { $0.hasSuffix(".svg") }
        #expect(!files.isEmpty)
        for f in files {
            let svg = try String(contentsOfFile: charts + "/" + f, encoding: .utf8)
            #expect(svg.contains(">Fuente: "), "\(f)")
            for english in [">Source: ", "no data", "SYNTHETIC", "areas with data", ">Year<", "per 100,000"] {
                #expect(!svg.contains(english), "'\(english)' in \(f)")
            }
        }
        let bad = try CLI.run(["report", "violence", "--language", "fr"], in: dir.url)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown language 'fr'"))
    }
}
