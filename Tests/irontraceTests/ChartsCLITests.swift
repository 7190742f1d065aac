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
        // The report names the command that lists a figure's rows, for the area asked for; the
        // command it prints works and finds Guadalajara's rows with their file and line.
        let text = try CLI.run(["report", "violence", "--years", "2010", "--area", "MX-14039"], in: dir.url)
        let command = "irontrace info --measure homicides --area MX-14039 --period 2010-% --rows"
        #expect(text.stdout.contains(command), "\(text.stdout.prefix(600))")
        let rows = try CLI.run(Array(command.split(separator: " ").dropFirst().map(String.init)), in: dir.url)
        #expect(rows.status == 0, "\(rows.stderr)")
        #expect(rows.stdout.contains("2010.csv"), "\(rows.stdout.prefix(600))")
        let bad = try CLI.run(["report", "violence", "--country", "ZZ"], in: dir.url)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--country ZZ: not an ISO 3166-1 two-letter country code"))
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

    /// `report --language es` on the demo world (no shared data needed): the words around the tables
    /// and the figures are Spanish too, as on the dashboard; English stays as it was.
    @Test func reportInSpanishHasSpanishSourcesMarksAndFigures() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["demo", "--scale", "tiny"], in: dir.url).status == 0)
        let es = try CLI.run(
            ["report", "summary", "--language", "es", "--database", "irontrace-demo.sqlite"],
            in: dir.url
        )
        #expect(es.status == 0, "\(es.stderr)")
        #expect(es.stdout.contains("[DATOS SINTÉTICOS: generados para demostración, no son casos reales]"))
        #expect(es.stdout.contains("Fuente: registros de rastreo de IronTrace"))
        #expect(es.stdout.contains("\u{00A0}%"), "shares as the dashboard writes them")
        #expect(!es.stdout.contains("Rastreos (rastreos)"), "no unit repeated in a header")
        for english in ["Source:", "SYNTHETIC", "traces selected", "no data for this filter"] {
            #expect(!es.stdout.contains(english), "'\(english)' in the Spanish report")
        }
        let grouped = try #require(
            es.stdout.split(separator: "\n").first { $0.hasPrefix("Completado hasta el comprador") }
        )
        #expect(grouped.contains("\u{202F}") && !grouped.contains(","), "grouped with a narrow space: \(grouped)")
        let en = try CLI.run(["report", "summary", "--database", "irontrace-demo.sqlite"], in: dir.url)
        #expect(en.stdout.contains("[SYNTHETIC DATA: generated for demonstration, not real cases]"))
        #expect(en.stdout.contains("Source: IronTrace trace records"))
    }
}
