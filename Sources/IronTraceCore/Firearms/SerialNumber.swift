/// A firearm serial number as written (raw) and in normal form.
///
/// Normal form: upper case, with spaces, dashes, dots, slashes and underscores removed. Two serials
/// that differ only in those are the same serial. Characters that readers of worn or stamped
/// markings confuse (0 O Q D, 1 I L, 5 S, 8 B, 2 Z, 6 G) fold to one class in the
/// ``confusableKey``, so an index keyed by it finds misreads without scanning.
public struct SerialNumber: Hashable, Sendable, CustomStringConvertible {
    public let raw: String
    /// Upper case, separators removed; `?` marks a position that could not be read.
    public let normalized: String

    public init(_ raw: String) {
        self.raw = raw
        self.normalized = SerialNumber.normalize(raw)
    }

    public var description: String { raw }
    public var isEmpty: Bool { normalized.isEmpty }

    /// Whether the serial has unreadable positions (`?`, `*`, `_` in the raw text become `?`).
    public var hasUnknownPositions: Bool { normalized.utf8.contains(UInt8(ascii: "?")) }

    /// The number of readable characters.
    public var knownCount: Int { normalized.utf8.count { $0 != UInt8(ascii: "?") } }

    /// The serial with each character replaced by its confusable class representative.
    public var confusableKey: String { SerialNumber.confusableKey(normalized) }

    /// The normal form. Characters that never occur on US serials (`Ñ`, `é`, Cyrillic, ...) are kept,
    /// upper-cased, never dropped or transliterated: a serial typed as `ÑÁ123é` is not `123`, and
    /// searching it finds only what holds those characters. Unicode spaces and dashes are separators.
    public static func normalize(_ raw: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in raw.utf8 { appendASCII(b, to: &out) }
            return String(decoding: out, as: UTF8.self)
        }
        for scalar in raw.unicodeScalars {
            if scalar.isASCII {
                appendASCII(UInt8(scalar.value), to: &out)
            } else if !isSeparator(scalar) {
                out.append(contentsOf: String(Character(scalar)).uppercased().utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func appendASCII(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(b - 32)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): out.append(b)
        case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "#"): out.append(UInt8(ascii: "?"))
        default: break  // spaces, dashes, dots, slashes and other ASCII punctuation
        }
    }

    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || s.properties.generalCategory == .dashPunctuation
            || s.properties.generalCategory == .format || s.properties.generalCategory == .control
    }

    /// The characters of the raw serial that do not occur on US serial numbers (anything beyond
    /// ASCII letters, digits and separators), in the order typed, each once.
    public var foreignCharacters: [Character] {
        var seen: [Character] = []
        for ch in raw where !ch.unicodeScalars.allSatisfy({ $0.isASCII || SerialNumber.isSeparator($0) }) {
            if !seen.contains(ch) { seen.append(ch) }
        }
        return seen
    }

    /// Representative of a character's confusable class (itself when it has none).
    @inline(__always)
    public static func confusableClass(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "O"), UInt8(ascii: "Q"), UInt8(ascii: "D"): UInt8(ascii: "0")
        case UInt8(ascii: "I"), UInt8(ascii: "L"): UInt8(ascii: "1")
        case UInt8(ascii: "S"): UInt8(ascii: "5")
        case UInt8(ascii: "B"): UInt8(ascii: "8")
        case UInt8(ascii: "Z"): UInt8(ascii: "2")
        case UInt8(ascii: "G"): UInt8(ascii: "6")
        default: b
        }
    }

    public static func confusableKey(_ normalized: String) -> String {
        String(decoding: normalized.utf8.map(confusableClass), as: UTF8.self)
    }

    /// Whether two normal-form characters could be read one for the other.
    public static func areConfusable(_ a: UInt8, _ b: UInt8) -> Bool { confusableClass(a) == confusableClass(b) }

    /// Whether this serial (a pattern when it has `?`) matches a fully known normal form.
    public func matches(_ candidate: String) -> Bool {
        let p = Array(normalized.utf8)
        let c = Array(candidate.utf8)
        guard p.count == c.count else { return false }
        for i in 0..<p.count where p[i] != UInt8(ascii: "?") && p[i] != c[i] { return false }
        return true
    }

    /// Edit distance between two normal forms, counting a confusable substitution as 1 like any other
    /// (the scorer weighs kinds). Bounded: returns `limit + 1` once the distance exceeds `limit`.
    public static func editDistance(_ a: String, _ b: String, limit: Int = 3) -> Int {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                rowMin = Swift.min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
