import Foundation
import Hummingbird
import HummingbirdTesting
import IronTraceCore
import IronTracePresentation
import IronTraceServer
import Testing

/// End to end in a real headless Chromium (Debian's chromium and chromium-driver, which `.ci/run`
/// installs): an analyst's session through the dashboard, each step checking what the page shows.
/// Set IRONTRACE_SCREENSHOTS=DIR to keep screenshots of the main pages.
@Suite(
    .enabled(if: WebDriver.isAvailable, "needs chromium and chromium-driver (apt-get install chromium chromium-driver)")
)
struct BrowserTests {
    @Test func anAnalystLogsInReadsInSpanishFiltersTracesFollowsALeadAndDownloadsACSV() async throws {
        let f = try ServerFixture(port: 0)
        let d = f.state.snapshot.dataset
        let sale = d.sales.count / 3
        let serial = d.strings[d.sales.serial[sale]]
        let maker = d.strings[d.sales.manufacturer[sale]]
        let shots = ProcessInfo.processInfo.environment["IRONTRACE_SCREENSHOTS"]
        try await f.app.test(.live) { client in
            let root = "http://127.0.0.1:\(client.port!)"
            let b = try await WebDriver()
            func shot(_ name: String) async throws {
                if let shots { try await b.screenshot(to: "\(shots)/\(name).png") }
            }
            do {
                // 1. Log in.
                try await b.go(root + "/")
                #expect(try await b.currentURL().contains("/login"))
                try await b.type("#f-user", "ana")
                try await b.type("#f-password", ServerFixture.password)
                try await b.click("#login-submit")
                // 2. The overview shows the headline figures and the synthetic banner.
                #expect(try await b.text("h1") == "Overview")
                #expect(try await b.text("#fig-traces .value") == Language.en.integer(d.traces.count))
                #expect(try await b.text(".synthetic").hasPrefix("SYNTHETIC DEMO DATA"))
                #expect(try await b.count("figure.chart svg") >= 3)
                try await shot("overview-en")
                // 3. Switch to Spanish: the page and its numbers change language, and it sticks.
                try await b.click("a.lang")
                #expect(try await b.text("h1") == "Resumen")
                #expect(try await b.text("header nav").contains("Rastreos"))
                try await shot("overview-es")
                // 4. Filter flows to recoveries in Mexico; the view lives in the URL.
                try await b.click("header nav a[href='/flows']")
                try await b.type("#f-country", "MX")
                try await b.click("form.filters button[type=submit]")
                #expect(try await b.currentURL().contains("country=MX"))
                #expect(try await b.text("#r-flows .note").contains("Filtro: país=MX"))
                try await shot("flows-es")
                // 5. Open a trace from the list.
                try await b.click("header nav a[href='/traces']")
                #expect(try await b.text("#trace-list h3").contains("rastreos"))
                try await b.click("#trace-list tbody tr:first-child a")
                #expect(try await b.text("#trace-facts").contains("Resultado"))
                try await shot("trace-es")
                // 6. Submit a trace request with an error, then a valid one.
                try await b.go(root + "/lang/en?back=/traces/new")
                try await b.type("#f-manufacturer", maker)
                try await b.type("#f-serial", serial)
                try await b.type("#f-recovery_date", "2024-02-30")
                try await b.type("#f-recovery_area", "MX-14")
                try await b.click("#trace-submit")
                #expect(try await b.text("#form-error") == "Please correct the marked fields.")
                #expect(
                    try await b.text("#f-recovery_date-error").contains("impossible date: February 2024 has 29 days")
                )
                #expect(try await b.attribute("#f-serial", "value") == serial)
                try await shot("trace-form-error")
                try await b.type("#f-recovery_date", "2024-02-28")
                try await b.click("#trace-submit")
                #expect(try await b.text("#result-outcome").hasPrefix("Completed to"))
                #expect(try await b.count("#candidates tbody tr") >= 1)
                // 7. Follow the top lead: reasons, link chart and timeline.
                try await b.go(root + "/network")
                try await shot("network")
                try await b.click("#leads tbody tr:first-child a")
                #expect(try await b.text("h1").hasPrefix("Lead 1"))
                #expect(try await b.count("#reasons tbody tr") >= 1)
                #expect(try await b.count("#link-chart svg circle") >= 2)
                #expect(try await b.count("#timeline li") >= 2)
                try await shot("lead")
                // 8. Download a table as CSV, as the browser (with its session).
                try await b.go(root + "/dealers")
                let href = try await b.attribute("#t-ranked a.dl", "href")
                let csv =
                    try await b.runAsync(
                        "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(function (r) { return r.text(); }).then(done);",
                        [href]
                    ) as? String
                #expect(csv?.hasPrefix("Rank,Licence,Dealer,City,State,Traces") == true)
                try await shot("dealers")
            } catch {
                await b.quit()
                throw error
            }
            await b.quit()
        }
        let audit = try f.store.auditLog(user: "ana").entries.map(\.action)
        #expect(audit.contains("login") && audit.contains("trace-lookup") && audit.contains("trace-submit"))
        #expect(audit.contains("lead-view") && audit.contains("export"))
    }
}
