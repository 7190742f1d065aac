import Foundation
import Hummingbird
import HummingbirdTesting
import IronTraceServer
import Testing

/// The interactive link chart in a real Chromium: it replaces the static drawing, an analyst
/// selects an entity and expands its neighbours, hides a kind, narrows the time bar, exports the
/// view, and follows "find a path from here" to a path ending at the dealer.
@Suite(
    .enabled(if: WebDriver.isAvailable, "needs chromium and chromium-driver (apt-get install chromium chromium-driver)")
)
struct LinkChartBrowserTests {
    /// Polls `check` for up to 15 seconds.
    static func eventually(_ what: String, _ check: () async throws -> Bool) async throws {
        for _ in 0..<60 {
            if try await check() { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("timed out waiting for \(what)")
    }

    @Test func anAnalystExpandsAnEntityAndFollowsAPath() async throws {
        let f = try ServerFixture(port: 0)
        let s = f.state.snapshot
        let lead = try #require(s.leads.first)
        let dealer = try #require(lead.dealers.first)
        let licence = s.dataset.strings[s.dataset.licensees.licence[dealer]]
        let shots = ProcessInfo.processInfo.environment["IRONTRACE_SCREENSHOTS"]
        try await f.app.test(.live) { client in
            let root = "http://127.0.0.1:\(client.port!)"
            let b = try await WebDriver()
            do {
                try await b.logIn(root, "ana")
                try await b.go(root + "/network/leads/1")
                try await Self.eventually("the interactive chart") {
                    try await b.count("figure.link-chart.interactive .lc-node") > 0
                }
                let before = try await b.count("figure.link-chart .lc-node")
                #expect(try await b.count("figure.link-chart .lc-labels text") >= min(before, 5), "labels drawn")
                #expect(try await b.count("figure.link-chart .lc-legend-svg text") >= 3, "a legend of kinds and links")
                _ = try await b.run("document.querySelector('figure.link-chart').scrollIntoView();")
                if let shots { try await b.screenshot(to: "\(shots)/link-chart-en.png") }
                // Select a person and expand: more entities than before.
                try await b.click("figure.link-chart .lc-node[data-id^='person:']")
                try await Self.eventually("the selection panel") { try await b.count(".lc-panel .lc-expand") == 1 }
                try await b.click(".lc-panel .lc-expand")
                try await Self.eventually("neighbours added") {
                    try await b.text(".lc-panel .lc-expand").contains("added")
                }
                let after = try await b.count("figure.link-chart .lc-node")
                #expect(after >= before, "expanding never loses entities (\(before) → \(after))")
                _ = try await b.run("document.querySelector('figure.link-chart').scrollIntoView();")
                if let shots { try await b.screenshot(to: "\(shots)/link-chart-expanded.png") }
                // Hide the guns: none drawn.
                try await b.click("figure.link-chart .lc-kinds input[value='firearm']")
                #expect(try await b.count("figure.link-chart .lc-node[data-id^='firearm:']") == 0)
                try await b.click("figure.link-chart .lc-kinds input[value='firearm']")
                #expect(try await b.count("figure.link-chart .lc-node[data-id^='firearm:']") > 0)
                // The time bar: an empty range leaves only undated links.
                let links = try await b.count("figure.link-chart .lc-edges line")
                _ = try await b.run(
                    "var f = document.querySelector('figure.link-chart'); var from = f.querySelector('.lc-time input');"
                        + "from.value = from.max; from.dispatchEvent(new Event('input'));"
                )
                let dated = try await b.count("figure.link-chart .lc-edges line")
                #expect(dated < links, "narrowing the time bar hides dated links (\(links) → \(dated))")
                // The view exports as an SVG document.
                let svg = try await b.run("return document.querySelector('figure.link-chart').linkChart.serialized();")
                #expect((svg as? String)?.hasPrefix("<svg") == true)
                // Follow a path from the selected person to the lead's dealer.
                try await b.click(".lc-panel .lc-path")
                #expect(try await b.currentURL().contains("/network/path?from=person"))
                try await b.type("#f-to", licence)
                try await b.click("form.path-form button[type=submit]")
                #expect(try await b.count("#path-result li") >= 2)
                if let shots { try await b.screenshot(to: "\(shots)/path.png") }
                // In Spanish the chart's own words are Spanish.
                try await b.go(root + "/lang/es?back=/network/leads/1")
                try await Self.eventually("the Spanish chart") {
                    try await b.count("figure.link-chart.interactive .lc-node") > 0
                }
                #expect(try await b.text("figure.link-chart .lc-export-svg") == "Exportar SVG")
                #expect(try await b.text("figure.link-chart .lc-kinds").contains("persona"))
                _ = try await b.run("document.querySelector('figure.link-chart').scrollIntoView();")
                if let shots { try await b.screenshot(to: "\(shots)/link-chart-es.png") }
            } catch {
                await b.quit()
                throw error
            }
            await b.quit()
        }
    }
}
