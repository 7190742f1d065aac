import Foundation
import HummingbirdTesting
import IronTraceServer
import Testing

/// Report tables sort from the keyboard: a column header is a button, Enter sorts by it, Enter
/// again reverses, and `aria-sort` says the order to screen readers; the other headers say none.
@Suite(
    .enabled(if: WebDriver.isAvailable, "needs chromium and chromium-driver (apt-get install chromium chromium-driver)")
)
struct KeyboardSortTests {
    @Test func enterOnAHeaderSortsTheTableAndSaysSo() async throws {
        let f = try ServerFixture(port: 0)
        try await f.app.test(.live) { client in
            let root = "http://127.0.0.1:\(client.port!)"
            let b = try await WebDriver()
            do {
                try await b.logIn(root, "vic")
                try await b.go(root + "/dealers")
                // The first report table with several rows and a numeric column (cells with data-v).
                let found =
                    try await b.run(
                        "var ts = document.querySelectorAll('table.sortable');"
                            + "for (var t = 0; t < ts.length; t++) {"
                            + "  var r = ts[t].tBodies[0].rows; if (r.length < 3) continue;"
                            + "  for (var c = 0; c < r[0].cells.length; c++)"
                            + "    if (r[0].cells[c].dataset.v !== undefined) {"
                            + "      ts[t].id = 'sort-probe'; return c + 1; }"
                            + "}"
                            + "return 0;"
                    ) as? Int ?? 0
                try #require(found > 0, "no report table with a numeric column on /dealers")
                let header = "#sort-probe thead th:nth-child(\(found))"
                func column() async throws -> [Double] {
                    let v =
                        try await b.run(
                            "return Array.prototype.map.call(document.querySelectorAll('#sort-probe tbody tr'),"
                                + " function (r) { return parseFloat(r.cells[\(found - 1)].dataset.v); });"
                        ) as? [Any] ?? []
                    return v.compactMap { ($0 as? NSNumber)?.doubleValue }
                }
                #expect(try await b.attribute(header, "aria-sort") == "none")
                try await b.press(header + " button.sort", "\u{E007}")
                #expect(try await b.attribute(header, "aria-sort") == "ascending")
                let up = try await column()
                #expect(up.count >= 3 && up == up.sorted(), "\(up)")
                try await b.press(header + " button.sort", "\u{E007}")
                #expect(try await b.attribute(header, "aria-sort") == "descending")
                let down = try await column()
                #expect(down == up.sorted(by: >), "\(down)")
                // Only the sorted column says it is sorted.
                let others =
                    try await b.run(
                        "return Array.prototype.filter.call(document.querySelectorAll('#sort-probe thead th'),"
                            + " function (h) { return h.getAttribute('aria-sort') !== 'none'; }).length;"
                    ) as? Int
                #expect(others == 1)
            } catch {
                await b.quit()
                throw error
            }
            await b.quit()
        }
    }
}
