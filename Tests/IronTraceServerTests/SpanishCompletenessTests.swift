import Foundation
import HummingbirdTesting
import IronTraceCore
import IronTraceServer
import IronTraceStore
import Testing

/// Every page in Spanish carries no English interface text: its visible text and the texts people
/// hear or hover (title, aria-label, placeholder, alt, button values) hold none of the English words
/// an interface is made of. Data is left alone: names of dealers, makers and models, serials, and what
/// analysts typed stay as they are.
@Suite struct SpanishCompletenessTests {
    /// English words of interface text that are not Spanish words and do not occur in the demo
    /// world's names (makers, models, dealers, cities, sources).
    static let englishWords: Set<String> = [
        "the", "of", "with", "for", "from", "this", "that", "these", "are", "is", "was", "were", "has", "have",
        "not", "which", "each", "by", "or", "to", "in", "on", "at", "all", "any", "than", "between", "about",
        "only", "more", "less", "none", "unknown", "others", "trace", "traces", "traced", "sale", "sales",
        "sold", "dealer", "dealers", "recovered", "recovery", "recoveries", "purchaser", "purchasers", "search",
        "filter", "filters", "page", "next", "previous", "showing", "source", "sources", "year", "years", "state",
        "states", "country", "type", "date", "dates", "count", "share", "rate", "rates", "events", "event",
        "lead", "leads", "network", "cases", "watch", "watches", "alerts", "alert", "users", "user", "audit",
        "imports", "imported", "submit", "save", "add", "delete", "cancel", "sign", "log", "password",
        "language", "download", "export", "print", "help", "new", "open", "closed", "note", "notes", "view",
        "show", "hide", "select", "rows", "read", "stored", "rejected", "homicides", "victims", "population",
        "guns", "gun", "firearm", "firearms", "serial", "model", "caliber", "time", "days", "months", "month",
        "without", "within", "where", "when", "who", "what", "how", "why", "yes", "since", "until",
        "before", "after", "back", "home", "settings", "account", "role", "roles", "analyst", "viewer",
        "entity", "person", "people", "path", "identities", "same", "different", "split", "merge", "review",
        "ambiguous", "completed", "result", "results", "request", "requests", "score", "candidates", "best",
        "chart", "map", "table", "legend", "municipality", "municipalities", "data", "synthetic", "published",
        "mexico", "united", "crime", "weapons", "flows", "outcome", "reason", "reasons", "limit", "found",
        "missing", "changed", "change", "added", "removed", "created", "updated", "last", "first", "edit",
    ]

    /// The text a person meets on a page: the text between tags (scripts, styles and code left
    /// out) and the title, aria-label, placeholder and alt attributes, entities decoded.
    static func visibleText(_ html: String) -> String {
        var s = html
        for tag in ["script", "style", "code"] {
            while let open = s.range(of: "<\(tag)"),
                let close = s.range(of: "</\(tag)>", range: open.upperBound..<s.endIndex)
            {
                s.removeSubrange(open.lowerBound..<close.upperBound)
            }
        }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "<", let end = s[i...].firstIndex(of: ">") {
                let tag = s[i...end]
                for attribute in ["title", "aria-label", "placeholder", "alt"] {
                    if let r = tag.range(of: " \(attribute)=\""), let q = tag[r.upperBound...].firstIndex(of: "\"") {
                        out += " " + tag[r.upperBound..<q] + " "
                    }
                }
                out += " "
                i = s.index(after: end)
            } else {
                out.append(s[i])
                i = s.index(after: i)
            }
        }
        for (entity, ch) in [
            ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"),
            ("&nbsp;", " "),
        ] {
            out = out.replacingOccurrences(of: entity, with: ch)
        }
        return out
    }

    /// The English words found, each with a little of the text around it. Identifiers (with `_` or
    /// `:` or `.` inside, such as CSV columns, `person:12` and file names) are not words, and neither
    /// are US state codes; a
    /// capitalised word that is capitalised in a name of the data (`New` of New York, `Gun` of a
    /// dealer's name, even cut short in a chart label) is taken for that name, and so is a small word
    /// of a name between two capitalised ones (`of` in District of Columbia).
    static func english(in text: String, dataWords: Set<String>) -> [String] {
        var found: [String] = []
        let words = text.split(whereSeparator: \.isWhitespace).filter {
            !$0.contains("_") && !$0.dropLast().contains(":") && !$0.dropLast().contains(".")
        }
        .flatMap { $0.split { !$0.isLetter && $0 != "'" } }
        let codes = Set(USState.all.map(\.usps))
        for (k, w) in words.enumerated() where englishWords.contains(w.lowercased()) {
            if codes.contains(String(w)) || (w.first?.isUppercase == true && dataWords.contains(String(w))) {
                continue
            }
            // A small word inside a name: between two capitalised words of the data.
            if w.first?.isLowercase == true, dataWords.contains(String(w)), k > 0, k + 1 < words.count,
                words[k - 1].first?.isUppercase == true, dataWords.contains(String(words[k - 1])),
                words[k + 1].first?.isUppercase == true
            {
                continue
            }
            let context = words[max(0, k - 4)..<min(words.count, k + 5)].joined(separator: " ")
            found.append("'\(w)' in \"\(context)\"")
        }
        return found
    }

    @Test func everyPageInSpanishHasNoEnglishInterfaceText() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let trace = d.traces.id[0]
        let licence = d.strings[d.licensees.licence[0]]
        let person = "person:\(d.persons.id[0])"
        let lead = try #require(f.state.snapshot.leads.first)
        let c = try f.store.openCase(
            title: "Pista 1",
            restricted: false,
            origin: "lead:1",
            refs: lead.persons.map { "person:\(d.persons.id[$0])" },
            by: "ana"
        )
        try f.store.addCaseNote(caseID: c.id, text: "Hablé con la agencia.", by: "ana")
        try f.store.addWatch(kind: .serial, value: "AB12*", note: "serie vista dos veces", by: "ana")
        let pages = [
            "/", "/traces", "/traces/\(trace)", "/traces/new", "/flows", "/dealers",
            "/dealers/\(licence.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!)", "/violence",
            "/violence?area=MX-14039", "/network", "/network/leads/1", "/network/entity/\(person)",
            "/network/path?from=\(person)&to=dealer:\(d.licensees.id[0])", "/imports",
            "/admin/users", "/admin/audit", "/cases", "/cases/\(c.id)", "/watches", "/alerts",
            "/network/identities", "/traces?q=zzz", "/flows?years=1990", "/no-such-page", "/account/password",
            "/violence/events/\(d.events.id[0])", "/flows?years=abc",
        ]
        // Capitalised words of the names in the data (the string pool and the US states' names).
        var words = Set<String>()
        for name in d.strings.strings + USState.all.map(\.name) {
            // Capitalised words, and the small words inside names ("of" in Military Forces of Mexico).
            for w in name.split(whereSeparator: { !$0.isLetter }) { words.insert(String(w)) }
        }
        let dataWords = words
        try await f.app.test(.router) { client in
            let s = Session(client)
            s.language = "es-MX,es;q=0.9"
            // The sign-in page, before signing in.
            let login = try await s.get("/login")
            #expect(login.status == .ok)
            let onLogin = SpanishCompletenessTests.english(
                in: SpanishCompletenessTests.visibleText(login.body),
                dataWords: dataWords
            )
            #expect(onLogin.isEmpty, "/login: \(onLogin.joined(separator: "; "))")
            #expect(try await s.logIn("ana").status == .seeOther)
            for path in pages {
                let page = try await s.get(path)
                let found = SpanishCompletenessTests.english(
                    in: SpanishCompletenessTests.visibleText(page.body),
                    dataWords: dataWords
                )
                #expect(
                    found.isEmpty,
                    "\(path) (\(page.status)): \(found.count) English words: \(found.prefix(40).joined(separator: "; "))"
                )
            }
        }
        // The administrator's pages, and a viewer's (masked) view of a trace and the network.
        for (user, paths) in [
            (
                "ada",
                ["/imports", "/imports/\(try #require(try f.store.ledger().first).id)", "/admin/users", "/admin/audit"]
            ),
            ("vic", ["/", "/traces/\(trace)", "/flows"]),
        ] {
            try await f.app.test(.router) { client in
                let s = Session(client)
                #expect(try await s.logIn(user).status == .seeOther)
                s.language = "es-MX,es;q=0.9"
                for path in paths {
                    let page = try await s.get(path)
                    #expect(page.status == .ok, "\(user) \(path)")
                    let found = SpanishCompletenessTests.english(
                        in: SpanishCompletenessTests.visibleText(page.body),
                        dataWords: dataWords
                    )
                    #expect(found.isEmpty, "\(user) \(path): \(found.prefix(40).joined(separator: "; "))")
                }
            }
        }
    }

    /// The check itself finds English where there is some, and leaves code and names alone.
    @Test func theCheckFindsEnglishInterfaceText() {
        let html = """
            <p>Rastreos recuperados</p><button title="Search">Buscar</button><p>Next page</p>
            <code>irontrace trace --requests</code><p>columnas: request_id,serial</p><td>New York</td>
            """
        let found = SpanishCompletenessTests.english(
            in: SpanishCompletenessTests.visibleText(html),
            dataWords: ["New", "York"]
        )
        #expect(found.map { $0.split(separator: "'")[0] } == ["Search", "Next", "page"])
    }
}
