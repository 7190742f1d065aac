import Foundation
import HummingbirdTesting
import Testing

@testable import IronTraceFormats
@testable import IronTraceServer

/// "Export this view": the page links to one ZIP with every table of the view as CSV (in Spanish
/// too on a Spanish page), every chart as SVG and a README naming the view, the filter and the
/// sources; the export is audited.
@Suite struct ViewExportTests {
    @Test func aFilteredViewExportsItsTablesChartsAndReadme() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            s.language = "es"
            #expect(try await s.logIn("vic").status == .seeOther)
            let page = try await s.get("/flows?country=MX")
            let href = "/flows?country=MX&amp;download=zip"
            #expect(page.contains("id=\"export-view\" href=\"\(href)\""), "the page links to its export")
            let r = try await s.get("/flows?country=MX&download=zip")
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "application/zip")
            #expect(r.headers[.contentDisposition] == "attachment; filename=\"irontrace-flows.zip\"")
            let zip = try ZIPParts(bytes: Array(r.bytes))
            let readme = String(decoding: try #require(try zip.extract("README.txt", limit: 1 << 20)), as: UTF8.self)
            #expect(readme.contains("Vista: /flows?country=MX"))
            #expect(readme.contains("Filtro: country=MX"))
            #expect(readme.contains("Fuentes:"))
            // Every file the README lists is in the archive and not empty.
            let listed = readme.split(separator: "\n").filter {
                $0.hasPrefix("- ") && ($0.hasSuffix(".csv") || $0.hasSuffix(".svg"))
            }
            .map { String($0.dropFirst(2)) }
            #expect(listed.contains { $0.hasSuffix(".svg") })
            #expect(listed.contains { $0.hasSuffix("-es.csv") })
            for name in listed {
                let bytes = try #require(try zip.extract(name, limit: 1 << 24), "\(name)")
                #expect(!bytes.isEmpty, "\(name)")
            }
            // The CSV is the same as the table's own download.
            let table = try #require(
                listed.first { $0.hasPrefix("flows-") && $0.hasSuffix(".csv") && !$0.hasSuffix("-es.csv") }
            )
            let id = String(table.dropFirst("flows-".count).dropLast(".csv".count))
            let single = try await s.get("/flows?country=MX&download=csv&report=flows&table=\(id)")
            #expect(
                String(decoding: try #require(try zip.extract(table, limit: 1 << 24)), as: UTF8.self) == single.body
            )
        }
        let audit = try f.store.auditLog(action: "export").entries
        #expect(audit.contains { $0.target == "view:/flows" && $0.detail.hasSuffix("country=MX") })
    }

    @Test func theWriterRoundTripsThroughTheReader() throws {
        var w = ZIPWriter()
        let big = String(repeating: "state,traces\nTX,42\n", count: 2000)
        try w.add("a.csv", text: big)
        try w.add("b.svg", text: "<svg/>")
        try w.add("dir/c.txt", [])
        #expect(throws: ZIPWriter.Problem.duplicate("a.csv")) { try w.add("a.csv", text: "x") }
        #expect(throws: ZIPWriter.Problem.badName("../x")) { try w.add("../x", text: "x") }
        let bytes = w.finished()
        #expect(bytes.count < big.utf8.count / 5, "text is deflated")
        let z = try ZIPParts(bytes: bytes)
        #expect(try z.extract("a.csv", limit: 1 << 20).map { String(decoding: $0, as: UTF8.self) } == big)
        #expect(try z.extract("b.svg", limit: 100).map { String(decoding: $0, as: UTF8.self) } == "<svg/>")
        #expect(try z.extract("dir/c.txt", limit: 100) == [])
    }

    /// The files a README lists (CSV, SVG and JSON), each checked to be in the archive and not empty.
    static func listedFiles(_ zip: ZIPParts) throws -> (readme: String, files: [String: String]) {
        let readme = String(decoding: try #require(try zip.extract("README.txt", limit: 1 << 20)), as: UTF8.self)
        var files: [String: String] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("- ") && line.contains(".") {
            let name = String(line.dropFirst(2))
            guard [".csv", ".svg", ".json"].contains(where: { name.hasSuffix($0) }) else { continue }
            let bytes = try #require(try zip.extract(name, limit: 1 << 26), "\(name) is listed but missing")
            #expect(!bytes.isEmpty, "\(name)")
            files[name] = String(decoding: bytes, as: UTF8.self)
        }
        return (readme, files)
    }

    /// The traces list exports its whole selection (every page), filter and search kept, in Spanish
    /// column names too on a Spanish page; audited.
    @Test func theTracesListExportsItsSelection() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            s.language = "es"
            #expect(try await s.logIn("vic").status == .seeOther)
            let page = try await s.get("/traces?country=MX&model=a")
            #expect(page.contains("id=\"export-view\" href=\"/traces?country=MX&amp;model=a&amp;download=zip\""))
            let r = try await s.get("/traces?country=MX&model=a&download=zip")
            #expect(r.status == .ok)
            #expect(r.headers[.contentDisposition] == "attachment; filename=\"irontrace-traces.zip\"")
            let (readme, files) = try Self.listedFiles(try ZIPParts(bytes: Array(r.bytes)))
            #expect(readme.contains("Filtro: country=MX, model=a"))
            let csv = try #require(files["traces.csv"])
            let single = try await s.get("/traces?country=MX&model=a&download=csv")
            #expect(csv == single.body)
            let rows = csv.split(separator: "\n").count - 1
            #expect(rows > 50, "more than one page of traces: \(rows)")
            let api = try await s.get("/api/v1/traces?country=MX&model=a")
            #expect(api.contains("\"total\":\(rows)"))
            #expect(try #require(files["traces-es.csv"]).hasPrefix("id,id_recuperacion,"))
        }
        let audit = try f.store.auditLog(action: "export").entries
        #expect(audit.contains { $0.target == "traces" && $0.detail.hasPrefix("zip 2 files") })
    }

    /// The ranked leads and one lead export for analysts: the leads as CSV, a lead's reasons and
    /// timeline as CSV, its drawings as SVG (the same as their own downloads) and its graph as JSON.
    @Test func leadsAndALeadExportForAnalystsOnly() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let viewer = Session(client)
            _ = try await viewer.logIn("vic")
            #expect(try await viewer.get("/network/leads/1?download=zip").status == .forbidden)
            #expect(try await viewer.get("/network?download=zip").status == .forbidden)

            let s = Session(client)
            _ = try await s.logIn("ana")
            let network = try await s.get("/network")
            #expect(network.contains("id=\"export-view\" href=\"/network?download=zip\""))
            let all = try await s.get("/network?download=zip")
            #expect(all.status == .ok)
            let leads = try #require(try Self.listedFiles(try ZIPParts(bytes: Array(all.bytes))).files["leads.csv"])
            let total = try await s.get("/api/v1/leads?per_page=1")
            #expect(total.contains("\"total\":\(leads.split(separator: "\n").count - 1)"))

            let page = try await s.get("/network/leads/1")
            #expect(page.contains("id=\"export-view\" href=\"/network/leads/1?download=zip\""))
            let r = try await s.get("/network/leads/1?download=zip")
            #expect(r.status == .ok)
            let (_, files) = try Self.listedFiles(try ZIPParts(bytes: Array(r.bytes)))
            #expect(
                Set(files.keys) == [
                    "lead-1-reasons.csv", "lead-1-timeline.csv", "lead-1-chart.svg", "lead-1-timeline.svg",
                    "lead-1-graph.json",
                ]
            )
            #expect(files["lead-1-chart.svg"] == (try await s.get("/network/leads/1/chart.svg")).body)
            #expect(files["lead-1-timeline.svg"] == (try await s.get("/network/leads/1/timeline.svg")).body)
            let json = try #require(files["lead-1-graph.json"]?.data(using: .utf8))
            #expect((try JSONSerialization.jsonObject(with: json)) is [String: Any])
            let reasons = try #require(files["lead-1-reasons.csv"]).split(separator: "\n")
            #expect(reasons.first == "indicator,explanation,detail,count,points_each,counted,points")
            #expect(reasons.count > 1)
        }
        let audit = try f.store.auditLog(action: "export").entries
        #expect(audit.contains { $0.target == "lead:1" && $0.detail.hasPrefix("zip 5 files") })
        #expect(audit.contains { $0.target == "leads" })
    }
}
