import Foundation
import IronTraceAnalytics
import IronTraceCore
import IronTraceFormats
import IronTraceNetwork

/// Server-rendered HTML: escaping, the page frame (navigation, language switch, synthetic banner),
/// report tables with their CSV links, forms. Pages work without JavaScript; `/static/app.js` only
/// adds upload progress and the table sorter.
enum HTML {
    /// Escaped text with its `backtick` spans (commands, options) shown as code.
    static func codeSpans(_ escaped: String) -> String {
        let parts = escaped.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return escaped }
        var out = ""
        for (k, p) in parts.enumerated() {
            if k % 2 == 0 {
                out += p
            } else if k < parts.count - 1 {
                out += "<code>\(p)</code>"
            } else {
                out += "`" + p
            }
        }
        return out
    }

    static func esc(_ s: String) -> String { MarkupText.xml(s) }

    /// `?a=1&b=2` from pairs, percent-encoded; empty string when there are none.
    static func query(_ pairs: [(String, String)]) -> String {
        let kept = pairs.filter { !$0.1.isEmpty }
        guard !kept.isEmpty else { return "" }
        return "?" + kept.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// Everything a page frame needs about the request.
    struct Frame {
        var language: Language
        var user: String?
        var role: String?
        var csrf: String?
        var synthetic: Bool
        /// The current path and query, for the language switch to come back to.
        var path: String
        var section: String
        /// Alerts nobody has marked seen yet (analysts and admins; 0 for viewers).
        var unseenAlerts = 0
    }

    static func page(_ f: Frame, title: String, body: String) -> String {
        let l = f.language
        var nav = ""
        if let role = f.role {
            var items: [(String, String, UIText)] = [
                ("overview", "/", .overview), ("traces", "/traces", .traces), ("flows", "/flows", .flows),
                ("dealers", "/dealers", .dealers), ("network", "/network", .network),
                ("violence", "/violence", .violence),
            ]
            if role == "viewer" {
                items.removeAll { $0.0 == "network" }
            } else {
                items += [("cases", "/cases", .cases), ("alerts", "/alerts", .alerts)]
            }
            if role == "admin" {
                items += [
                    ("imports", "/imports", .imports), ("users", "/admin/users", .users),
                    ("audit", "/admin/audit", .audit),
                ]
            }
            nav = items.map { id, href, text in
                let badge =
                    id == "alerts" && f.unseenAlerts > 0
                    ? " <span class=\"badge\" id=\"unseen-alerts\" title=\"\(l.integer(f.unseenAlerts)) \(esc(l.t(.unseenAlerts)))\">\(l.integer(f.unseenAlerts))</span>"
                    : ""
                return
                    "<a href=\"\(href)\"\(id == f.section ? " aria-current=\"page\"" : "")>\(esc(l.t(text)))\(badge)</a>"
            }.joined()
        }
        let other: Language = l == .en ? .es : .en
        let switcher =
            "<a class=\"lang\" hreflang=\"\(other.rawValue)\" href=\"/lang/\(other.rawValue)?back=\(encode(f.path))\">\(esc(l.t(.language)))</a>"
        var account = ""
        if let user = f.user, let csrf = f.csrf {
            account =
                "<span class=\"who\">\(esc(user)) · \(esc(l.roleName(f.role ?? "")))</span>"
                + "<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"\(esc(csrf))\">"
                + "<button type=\"submit\" id=\"logout\">\(esc(l.t(.logOut)))</button></form>"
        }
        let banner = f.synthetic ? "<p class=\"synthetic\" role=\"note\">\(esc(l.t(.synthetic)))</p>" : ""
        return """
            <!doctype html>
            <html lang="\(l.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title)) · IronTrace</title>
            <link rel="stylesheet" href="/static/app.css">
            <script src="/static/app.js" defer></script>
            </head><body>
            <header><a class="brand" href="/">IronTrace</a><input type="checkbox" id="menu-toggle" class="menu-toggle" aria-label="\(esc(l.t(.menu)))"><label for="menu-toggle" class="menu-button" aria-hidden="true">\(esc(l.t(.menu)))</label><nav id="site-nav">\(nav)</nav><div class="account">\(switcher)\(account)</div></header>
            \(banner)<main><h1>\(esc(title))</h1>
            \(body)
            </main><footer>IronTrace · \(esc(l == .en ? "crime-gun intelligence" : "inteligencia sobre armas del delito"))</footer></body></html>
            """
    }

    /// A report table with translated headers, formatted numbers and a CSV link.
    static func table(_ t: ReportTable, _ l: Language, csvLink: String?, limit: Int = 50) -> String {
        var s = "<section class=\"table\" id=\"t-\(esc(t.id))\"><h3>\(esc(l.report(t.title)))"
        if let csvLink {
            s += " <a class=\"dl\" href=\"\(esc(csvLink))\">\(esc(l.t(.downloadCSV)))</a>"
            // The same table with its column names and words in Spanish (the plain CSV keeps the
            // stable English column names scripts rely on).
            if l == .es {
                s += " <a class=\"dl\" href=\"\(esc(csvLink + "&headers=es"))\">\(esc(l.t(.downloadCSVSpanish)))</a>"
            }
        }
        s += "</h3><table class=\"sortable\"><thead><tr>"
        for c in t.columns {
            let unit = c.unit.isEmpty || c.unit == "%" ? "" : " <small>(\(esc(l.report(c.unit))))</small>"
            s += "<th>\(esc(l.report(c.name)))\(unit)</th>"
        }
        s += "</tr></thead><tbody>"
        for row in t.rows.prefix(limit) {
            s += "<tr>"
            for (i, cell) in row.enumerated() {
                let unit = i < t.columns.count ? t.columns[i].unit : ""
                s += cellHTML(cell, unit: unit, l)
            }
            s += "</tr>"
        }
        s += "</tbody></table>"
        if t.rows.count > limit {
            s +=
                "<p class=\"more\">\(l.integer(limit)) \(esc(l.t(.of))) \(l.integer(t.rows.count)); CSV \(l == .en ? "has all rows" : "tiene todas las filas").</p>"
        }
        s += "<p class=\"source\">\(esc(l.t(.source))): \(esc(l.report(t.source)))</p></section>"
        return s
    }

    static func cellHTML(_ cell: Cell, unit: String, _ l: Language) -> String {
        switch cell {
        case .text(let v): "<td>\(esc(l.report(v)))</td>"
        case .count(let n): "<td class=\"n\" data-v=\"\(n)\">\(l.integer(n))</td>"
        case .number(let v, let d): "<td class=\"n\" data-v=\"\(v)\">\(l.decimal(v, digits: d))</td>"
        case .share(let v): "<td class=\"n\" data-v=\"\(v)\">\(l.percent(v))</td>"
        case .empty: "<td class=\"n\">–</td>"
        }
    }

    /// A chart embedded inline with its SVG download link.
    static func chart(_ svg: String, downloadLink: String, _ l: Language) -> String {
        "<figure class=\"chart\">\(svg)<figcaption><a class=\"dl\" href=\"\(esc(downloadLink))\">\(esc(l.t(.downloadSVG)))</a></figcaption></figure>"
    }

    /// A link chart: the static SVG (what prints, and what shows without scripts) and what the
    /// interactive chart needs: its JSON (`graph`, labels in the page's language) and its words.
    static func linkChart(_ svg: String, downloadLink: String?, graph: String, _ l: Language) -> String {
        var kinds: [String: String] = [:]
        for k in LinkGraph.NodeKind.allCases { kinds[k.name] = l.kindName(k) }
        var links: [String: String] = [:]
        for k in LinkGraph.EdgeKind.allCases { links[k.name] = l.linkName(k) }
        let es = l == .es
        let words: [String: Any] = [
            "kinds": es ? "Mostrar" : "Show", "time": es ? "Vínculos fechados" : "Links dated",
            "from": es ? "desde" : "from", "to": es ? "hasta" : "to",
            "exportSVG": es ? "Exportar SVG" : "Export SVG", "exportPNG": es ? "Exportar PNG" : "Export PNG",
            "expand": es ? "Ampliar vecinos" : "Expand neighbours", "open": es ? "Abrir ficha" : "Open page",
            "path": l.t(.pathFromHere), "added": es ? "agregadas" : "added",
            "undated": es ? "sin vínculos fechados" : "no dated links", "kindNames": kinds, "linkNames": links,
        ]
        let json =
            (try? JSONSerialization.data(withJSONObject: words, options: [.sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let graphURL = graph + (graph.contains("?") ? "&" : "?") + "lang=\(l.rawValue)"
        return
            "<figure class=\"chart link-chart\" data-graph=\"\(esc(graphURL))\" data-lang=\"\(l.rawValue)\" data-words=\"\(esc(json))\">"
            + svg
            + (downloadLink.map {
                "<figcaption><a class=\"dl\" href=\"\(esc($0))\">\(esc(l.t(.downloadSVG)))</a></figcaption>"
            } ?? "")
            + "<script src=\"/static/linkchart.js\" defer></script></figure>"
    }

    static func input(
        _ name: String,
        label: String,
        value: String,
        error: String? = nil,
        type: String = "text",
        required: Bool = false,
        suggestions: String? = nil
    ) -> String {
        let id = "f-\(name)"
        return """
            <div class="field\(error == nil ? "" : " invalid")"><label for="\(id)">\(esc(label))</label>\
            <input id="\(id)" name="\(esc(name))" type="\(type)" value="\(esc(value))"\(required ? " required" : "")\
            \(suggestions.map { " list=\"\(esc($0))\" autocomplete=\"off\"" } ?? "")\
            \(error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"")>\
            \(error.map { "<span class=\"error\" id=\"\(id)-error\">\(esc($0))</span>" } ?? "")</div>
            """
    }

    /// Rejected rows with line, column, field, value and reason.
    static func rejections(_ rows: some Sequence<Rejection>, id: String) -> String {
        var s =
            "<table id=\"\(id)\"><thead><tr><th>line</th><th>column</th><th>field</th><th>value</th><th>reason</th></tr></thead><tbody>"
        for j in rows {
            s +=
                "<tr><td>\(j.line)</td><td>\(j.column)</td><td>\(esc(j.field))</td><td>\(esc(j.value))</td><td>\(esc(j.reason))</td></tr>"
        }
        return s + "</tbody></table>"
    }

    static func csrfField(_ token: String?) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(token ?? ""))\">"
    }

    /// Previous / next links and numbered pages (the first, the last and two either side of the
    /// current one, gaps shown as …), keeping the other query parameters.
    static func pager(path: String, params: [(String, String)], page: Int, pages: Int, _ l: Language) -> String {
        guard pages > 1 else { return "" }
        func href(_ p: Int) -> String { esc(path + query(params.filter { $0.0 != "page" } + [("page", String(p))])) }
        func link(_ p: Int, _ text: UIText, rel: String) -> String {
            "<a rel=\"\(rel)\" href=\"\(href(p))\">\(esc(l.t(text)))</a>"
        }
        var s = "<nav class=\"pager\" aria-label=\"\(l == .en ? "Pages" : "Páginas")\">"
        if page > 1 { s += link(page - 1, .previous, rel: "prev") }
        let shown = Set([1, pages] + Array(max(1, page - 2)...min(pages, max(1, page + 2)))).sorted()
        var last = 0
        s += "<span class=\"pages\">"
        for p in shown {
            if p > last + 1 { s += "<span class=\"gap\">…</span>" }
            s +=
                p == page
                ? "<a aria-current=\"page\" href=\"\(href(p))\">\(l.integer(p))</a>"
                : "<a href=\"\(href(p))\">\(l.integer(p))</a>"
            last = p
        }
        s += "</span>"
        s += " <span class=\"of\">\(esc(l.t(.page))) \(l.integer(page)) \(esc(l.t(.of))) \(l.integer(pages))</span> "
        if page < pages { s += link(page + 1, .next, rel: "next") }
        return s + "</nav>"
    }
}
