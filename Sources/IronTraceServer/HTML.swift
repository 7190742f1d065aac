import Foundation
import IronTraceAnalytics
import IronTraceCore
import IronTraceFormats
import IronTraceNetwork
import IronTracePresentation

/// What the templates need besides themselves: escaping for the one message drawn without a
/// template, links (query strings, percent-encoding), the request's frame, and the frame around a
/// cached page body. Pages work without JavaScript; `/static/app.js` only adds upload progress and
/// the table sorter.
enum HTML {
    static func esc(_ s: String) -> String { MarkupText.xml(s) }

    /// `?a=1&b=2` from pairs, percent-encoded; empty string when there are none.
    static func query(_ pairs: [(String, String)]) -> String {
        let kept = pairs.filter { !$0.1.isEmpty }
        guard !kept.isEmpty else { return "" }
        return "?" + kept.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Percent-encoding of a query key or value (``LinkText/encode(_:)``).
    static func encode(_ s: String) -> String { LinkText.encode(s) }

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
}
