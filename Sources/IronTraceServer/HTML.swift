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

    /// A page around a body already drawn (`layout.mustache`).
    static func page(_ f: Frame, title: String, body: RenderedHTML) -> String {
        Templates.render(.layout, Views.Shell(frame: Views.Layout(f, title: title), body: body)).html
    }

    /// A report table with translated headers, formatted numbers and a CSV link.
    static func table(_ t: ReportTable, _ l: Language, csvLink: String?, limit: Int = 50) -> RenderedHTML {
        Templates.render(.reportTable, Views.ReportTable(t, l, csvLink: csvLink, limit: limit))
    }

    /// A chart embedded inline with its SVG download link.
    static func chart(_ svg: String, downloadLink: String, _ l: Language) -> RenderedHTML {
        Templates.render(.chart, Views.Chart(svg: svg, download: downloadLink, l))
    }

    static func input(
        _ name: String,
        label: String,
        value: String,
        error: String? = nil,
        type: String = "text",
        required: Bool = false,
        suggestions: String? = nil
    ) -> RenderedHTML {
        Templates.render(
            .field,
            Views.Field(
                name: name,
                label: label,
                value: value,
                inputType: type,
                required: required,
                suggestions: suggestions,
                fieldError: error
            )
        )
    }

    /// Rejected rows with line, column, field, value and reason.
    static func rejections(_ rows: some Sequence<Rejection>, id: String) -> RenderedHTML {
        Templates.render(.rejections, Pages.rejectionsView(rows, id: id))
    }

    static func csrfField(_ token: String?) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(esc(token ?? ""))\">"
    }

    /// Previous / next links and numbered pages (the first, the last and two either side of the
    /// current one, gaps shown as …), keeping the other query parameters; nothing for one page.
    static func pager(path: String, params: [(String, String)], page: Int, pages: Int, _ l: Language) -> RenderedHTML {
        guard let v = Views.Pager(path: path, params: params, page: page, pages: pages, l) else { return .empty }
        return Templates.render(.pager, v)
    }
}
