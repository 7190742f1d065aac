import Foundation
import Hummingbird
import HummingbirdTesting
import IronTraceCore
import IronTracePresentation
import IronTraceServer
import IronTraceStore
import Testing

/// Every page at a phone's width (360 CSS pixels) and on a desktop screen, in both languages, in a
/// real headless Chromium: nothing wider than the screen; on a phone the navigation folded behind a
/// Menu button that opens it without script. Set IRONTRACE_SCREENSHOTS=DIR to keep a screenshot of
/// each page.
@Suite(
    .enabled(if: WebDriver.isAvailable, "needs chromium and chromium-driver (apt-get install chromium chromium-driver)")
)
struct PhoneLayoutTests {
    /// Every page of the dashboard, with something on each casework page: a case from lead 1 with
    /// a note, a watch, a pair to rule on; plus an armed-violence event, an import's page, the
    /// password page and an error page (a bad filter).
    static func pages(_ f: ServerFixture) throws -> [String] {
        let d = f.state.snapshot.dataset
        let trace = d.traces.id[0]
        let licence = d.strings[d.licensees.licence[0]]
        let person = "person:\(d.persons.id[0])"
        let lead = try #require(f.state.snapshot.leads.first)
        let refs =
            lead.persons.map { "person:\(d.persons.id[$0])" } + lead.dealers.map { "dealer:\(d.licensees.id[$0])" }
            + lead.firearms.map { "firearm:\(d.sales.id[$0])" }
        let c = try f.store.openCase(
            title: "Lead 1: a ring",
            restricted: false,
            origin: "lead:1",
            refs: refs,
            by: "ana"
        )
        try f.store.addCaseNote(
            caseID: c.id,
            text: "Spoke with the agency; three of the guns were recovered in Jalisco within a year of purchase.",
            by: "ana"
        )
        try f.store.addWatch(kind: .serial, value: "AB12*", note: "a serial prefix seen twice", by: "ana")
        try f.store.saveResolution(
            entities: [],
            licensees: [],
            review: [
                ResolutionReviewItem(
                    a: d.persons.id[1],
                    b: d.persons.id[2],
                    score: 0.75,
                    explanation:
                        "names alike (spelling, initials or order); blank; same address written differently; blank"
                )
            ],
            summary: "layout test",
            by: "test"
        )
        let pages = [
            "/", "/traces", "/traces/\(trace)", "/traces/new", "/flows", "/dealers",
            "/dealers/\(licence.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)", "/violence",
            "/network", "/network/leads/1", "/network/entity/\(person)",
            "/network/path?from=\(person)&to=dealer:\(d.licensees.id[0])",
            "/imports", "/admin/users", "/admin/audit", "/cases", "/cases/\(c.id)", "/watches", "/alerts",
            "/network/identities", "/account/password", "/imports/\(try #require(try f.store.ledger().first).id)",
            "/violence/events/\(d.events.id[0])", "/flows?years=abc",
        ]
        return pages
    }

    /// A screenshot's name for a page: its first three words ("network-leads-1"), or "overview".
    static func shotName(_ page: String) -> String {
        let name = page.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(3).joined(separator: "-")
        return name.isEmpty ? "overview" : name
    }

    @Test func everyPageFitsAPhoneInBothLanguages() async throws {
        let f = try ServerFixture(port: 0)
        let pages = try PhoneLayoutTests.pages(f)
        let shots = ProcessInfo.processInfo.environment["IRONTRACE_SCREENSHOTS"]
        try await f.app.test(.live) { client in
            let root = "http://127.0.0.1:\(client.port!)"
            let b = try await WebDriver(phone: (360, 780))
            do {
                // Signed out, the login page has no Menu button (it would open an empty list).
                try await b.go(root + "/login")
                let menu =
                    try await b.run("return getComputedStyle(document.querySelector('.menu-button')).display;")
                    as? String
                #expect(menu == "none", "the login page shows a Menu button with nothing behind it")
                try await b.logIn(root, "ada")
                let width = try #require(try await b.run("return window.innerWidth;") as? Int)
                #expect(width == 360, "the screen is a phone's (\(width) px)")
                for language in ["en", "es"] {
                    try await b.go(root + "/lang/\(language)?back=/")
                    for page in pages {
                        try await b.go(root + page)
                        // How much wider than the screen the page is, and the element that sticks out
                        // furthest (outside tables, which scroll in their own box).
                        let probe =
                            try await b.run(
                                "var w = document.documentElement.clientWidth, worst = '', max = 0;"
                                    + "document.querySelectorAll('body *').forEach(function (e) {"
                                    + "  var p = e.parentElement; if (p && (p.closest('table') || p.closest('svg'))) return;"
                                    // Inside a box that scrolls sideways on its own (a link chart).
                                    + "  for (var a = p; a && a !== document.body; a = a.parentElement) {"
                                    + "    var o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return; }"
                                    + "  var box = e.getBoundingClientRect(), r = box.right - w;"
                                    // Text that overflows its box (a long word) counts where it ends.
                                    + "  if (getComputedStyle(e).overflowX === 'visible' && !(e instanceof SVGElement))"
                                    + "    r = Math.max(r, box.left + e.scrollWidth - w);"
                                    + "  if (r > max) { max = r; worst = e.tagName + '#' + e.id + '.' + e.getAttribute('class'); }"
                                    + "});"
                                    + "return [document.documentElement.scrollWidth - w, worst];"
                            ) as? [Any]
                        let wide = probe?.first as? Int
                        #expect(
                            wide == 0,
                            "\(page) (\(language)) is \(wide ?? -1) px wider than the screen: \(probe?.last ?? "")"
                        )
                        // The navigation is folded: hidden until the Menu button is pressed.
                        let shown =
                            try await b.run(
                                "return getComputedStyle(document.getElementById('site-nav')).display;"
                            ) as? String
                        #expect(shown == "none", "\(page) (\(language)): navigation shown at once")
                        // A link chart's labels stay legible: the smallest drawn at least 8 px tall.
                        if page.hasPrefix("/network/leads/") {
                            let smallest =
                                try await b.run(
                                    "var m = 0; document.querySelectorAll('figure.link-chart svg text').forEach("
                                        + "function (t) { var h = t.getBoundingClientRect().height;"
                                        + " if (h > 0 && (m === 0 || h < m)) m = h; }); return m;"
                                ) as? NSNumber
                            let px = smallest?.doubleValue ?? 0
                            #expect(px >= 8, "\(page) (\(language)): link chart labels \(px) px tall")
                        }
                        if let shots {
                            try await b.screenshot(
                                to: "\(shots)/phone-\(language)-\(PhoneLayoutTests.shotName(page)).png"
                            )
                        }
                    }
                    // The Menu button opens the navigation, and its links are all on the screen.
                    try await b.go(root + "/flows")
                    try await b.click("label.menu-button")
                    let open =
                        try await b.run(
                            "var n = document.getElementById('site-nav'); var r = n.getBoundingClientRect();"
                                + "return [getComputedStyle(n).display, r.right <= window.innerWidth, n.querySelectorAll('a').length];"
                        ) as? [Any]
                    #expect(open?.first as? String == "flex", "\(language): \(String(describing: open))")
                    #expect(open?.dropFirst().first as? Bool == true)
                    #expect((open?.last as? Int ?? 0) >= 5)
                    if let shots { try await b.screenshot(to: "\(shots)/phone-\(language)-menu-open.png") }
                }
            } catch {
                await b.quit()
                throw error
            }
            await b.quit()
        }
    }
    /// The same pages on a desktop screen (1400 pixels) in both languages: nothing wider than the
    /// window, the navigation shown, the page in the language chosen, a heading on every page.
    @Test func everyPageAtDesktopWidthInBothLanguages() async throws {
        let f = try ServerFixture(port: 0)
        let pages = try PhoneLayoutTests.pages(f)
        let shots = ProcessInfo.processInfo.environment["IRONTRACE_SCREENSHOTS"]
        try await f.app.test(.live) { client in
            let root = "http://127.0.0.1:\(client.port!)"
            let b = try await WebDriver()
            do {
                try await b.logIn(root, "ada")
                for language in ["en", "es"] {
                    try await b.go(root + "/lang/\(language)?back=/")
                    for page in pages {
                        try await b.go(root + page)
                        let seen =
                            try await b.run(
                                "var h = document.querySelector('main h1, main h2');"
                                    + "return [document.documentElement.scrollWidth - document.documentElement.clientWidth,"
                                    + " getComputedStyle(document.getElementById('site-nav')).display,"
                                    + " document.documentElement.lang, h ? h.textContent.trim() : ''];"
                            ) as? [Any]
                        let label = "\(page) (\(language))"
                        #expect(
                            seen?.first as? Int == 0,
                            "\(label) is wider than the window: \(String(describing: seen))"
                        )
                        #expect(seen?.dropFirst().first as? String != "none", "\(label): navigation hidden")
                        #expect(
                            seen?.dropFirst(2).first as? String == language,
                            "\(label): \(String(describing: seen))"
                        )
                        let heading = seen?.last as? String ?? ""
                        #expect(heading.count > 0, "\(label): no heading")
                        if let shots {
                            try await b.screenshot(
                                to: "\(shots)/desktop-\(language)-\(PhoneLayoutTests.shotName(page)).png"
                            )
                        }
                    }
                }
            } catch {
                await b.quit()
                throw error
            }
            await b.quit()
        }
    }
}
