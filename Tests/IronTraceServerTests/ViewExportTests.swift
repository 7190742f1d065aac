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
}
