import Foundation
import IronTraceAnalytics
import IronTraceCore
import IronTraceFormats
import IronTraceNetwork

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

    /// Percent-encoding of a query key or value: the unreserved characters of RFC 3986 (ASCII
    /// letters, digits, `-._~`) as they are, every other byte of the UTF-8 text as `%XX`. Every link
    /// of a paged list goes through this, so it builds no `CharacterSet` and stays off Foundation.
    static func encode(_ s: String) -> String {
        func unreserved(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                return true
            default: return false
            }
        }
        let utf8 = s.utf8
        guard !utf8.allSatisfy(unreserved) else { return s }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count * 3)
        for b in utf8 {
            if unreserved(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
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
}
