import Foundation

/// Where a `next=` or `back=` parameter may send the browser: a path on this site and nothing else.
/// Browsers treat `\` as `/` and drop tabs and newlines from URLs, so `/\evil.example` and
/// `/<TAB>/evil.example` leave the site just as `//evil.example` does; percent-encoding can hide any
/// of them. A target is accepted only when every decoding of it (up to three levels deep) is a
/// plain absolute path: it starts with one `/`, has no `\`, no control characters or spaces, and
/// parses as a URL with neither scheme nor host.
enum LocalRedirect {
    static let maximumLength = 2_048

    static func target(_ raw: String?, fallback: String = "/") -> String {
        guard let raw, isLocal(raw) else { return fallback }
        return raw
    }

    static func isLocal(_ raw: String) -> Bool {
        guard !raw.isEmpty, raw.utf8.count <= maximumLength else { return false }
        var level = raw
        for _ in 0..<3 {
            guard isPlainPath(level) else { return false }
            guard let decoded = level.removingPercentEncoding, decoded != level else { return true }
            level = decoded
        }
        return isPlainPath(level)
    }

    private static func isPlainPath(_ s: String) -> Bool {
        let all = Array(s.utf8)
        // Control characters nowhere (browsers drop tabs and newlines; CR/LF would split headers).
        for c in all where c < 0x20 || c == 0x7F { return false }
        // The path (before any query or fragment) decides where the browser goes: one leading `/`,
        // then no `/` or `\` right after it, no `\`, no spaces anywhere in it.
        let end = all.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? all.count
        let path = all[..<end]
        guard path.first == UInt8(ascii: "/") else { return false }
        if path.count > 1 {
            let second = path[path.startIndex + 1]
            if second == UInt8(ascii: "/") || second == UInt8(ascii: "\\") { return false }
        }
        for c in path where c == 0x20 || c == UInt8(ascii: "\\") { return false }
        // Unicode spaces, controls and invisible format characters, which some browsers strip too.
        let pathText = String(decoding: path, as: UTF8.self)
        for scalar in pathText.unicodeScalars where scalar.value > 0x7F {
            let category = scalar.properties.generalCategory
            if scalar.properties.isWhitespace || category == .control || category == .format { return false }
        }
        // Whatever URL parsing makes of it, it must have neither scheme nor host.
        if let url = URLComponents(string: s), url.scheme != nil || url.host != nil { return false }
        return true
    }
}
