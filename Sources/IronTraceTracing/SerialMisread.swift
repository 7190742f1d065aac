import IronTraceCore

/// How people misread and mistype serial numbers, as a comparison of a request's serial (normal
/// form, `?` for unknown positions) with a registry serial: which misread turns one into the other,
/// and how many points the serial relation is worth.
///
/// The kinds, from most to least likely to be the right sale once the serial differs:
/// confusable characters (0/O, 1/I, 5/S, ...), two adjacent characters swapped, a doubled
/// character or one lost from a pair, a character added or lost at either end, any other single
/// substitution, insertion or deletion, then two edits. Separators and case never count: the
/// normal form removes them.
enum SerialMisread {
    static let exactPoints = 60
    static let transpositionPoints = 44
    static let repeatPoints = 40
    static let endPoints = 38
    static let substitutionPoints = 36
    static let indelPoints = 34
    static let twoEditPoints = 12

    /// The serial points at or above which a relation is a single misread (not two edits).
    static let singleMisreadPoints = 30

    /// The match kind and its points, or nil beyond two edits.
    @inline(__always)
    static func compare(_ q: [UInt8], _ c: ArraySlice<UInt8>) -> (SerialMatch, Int)? {
        let unknown = UInt8(ascii: "?")
        let n = q.count
        let m = c.count
        if abs(n - m) > 2 { return nil }
        let base = c.startIndex
        if n == m {
            var diff = 0
            var confusable = 0
            var unknowns = 0
            var first = -1
            var second = -1
            for k in 0..<n {
                let a = q[k]
                let b = c[base + k]
                if a == b { continue }
                if a == unknown {
                    unknowns += 1
                    continue
                }
                diff += 1
                if diff > 2 { return nil }
                if diff == 1 { first = k } else { second = k }
                if SerialNumber.areConfusable(a, b) { confusable += 1 }
            }
            if unknowns > 0 { return diff == 0 ? (.pattern, 48 - 4 * unknowns) : nil }
            if diff == 0 { return (.exact, exactPoints) }
            if diff == confusable { return (.confusable, 50 - 2 * diff) }
            if diff == 2, second == first + 1, q[first] == c[base + second], q[second] == c[base + first] {
                return (.transposition, transpositionPoints)
            }
            return diff == 1 ? (.oneEdit, substitutionPoints) : (.twoEdits, twoEditPoints)
        }
        if q.contains(unknown) { return nil }
        if abs(n - m) == 1 {
            if let kind = indel(q, c) {
                switch kind {
                case .doubled, .lost: return (kind, repeatPoints)
                case .endChange: return (kind, endPoints)
                default: return (kind, indelPoints)
                }
            }
        }
        let d = TraceEngine.boundedDistance(q, c, limit: 2)
        if d == 1 { return (.oneEdit, indelPoints) }
        if d == 2 { return (.twoEdits, twoEditPoints) }
        return nil
    }

    /// When the two serials differ by exactly one inserted or deleted character: `.doubled` when the
    /// request has an extra copy of a neighbouring character, `.lost` when it lost one of a pair,
    /// `.endChange` when the character was added or lost at the first or last position, otherwise
    /// `.oneEdit`. Nil when they differ otherwise.
    @inline(__always)
    static func indel(_ q: [UInt8], _ c: ArraySlice<UInt8>) -> SerialMatch? {
        let requestLonger = q.count > c.count
        let base = c.startIndex
        let longCount = max(q.count, c.count)
        let shortCount = min(q.count, c.count)
        @inline(__always) func long(_ k: Int) -> UInt8 { requestLonger ? q[k] : c[base + k] }
        @inline(__always) func short(_ k: Int) -> UInt8 { requestLonger ? c[base + k] : q[k] }
        var i = 0
        while i < shortCount && long(i) == short(i) { i += 1 }
        var k = i
        while k < shortCount && long(k + 1) == short(k) { k += 1 }
        guard k == shortCount else { return nil }
        let ch = long(i)
        let repeated = (i > 0 && long(i - 1) == ch) || (i + 1 < longCount && long(i + 1) == ch)
        if repeated { return requestLonger ? .doubled : .lost }
        // The extra or missing character at the first or last position.
        if i == 0 || i == longCount - 1 { return .endChange }
        return .oneEdit
    }

    /// The misread in words, for the score explanation.
    static func reason(_ m: SerialMatch, _ q: [UInt8], _ c: ArraySlice<UInt8>) -> String {
        let cs = Array(c)
        func ch(_ b: UInt8) -> String { String(UnicodeScalar(b)) }
        switch m {
        case .exact: return "exact serial"
        case .confusable:
            let pairs = zip(q, cs).filter { $0 != $1 }.map { "\(ch($0.0)) read for \(ch($0.1))" }
            return "\(pairs.count) confusable character\(pairs.count > 1 ? "s" : ""): \(pairs.joined(separator: ", "))"
        case .transposition:
            let k = (0..<min(q.count, cs.count - 1)).first { q[$0] != cs[$0] } ?? 0
            return
                "two adjacent characters swapped at positions \(k + 1)-\(k + 2) (\(ch(cs[k]))\(ch(cs[k + 1])) read as \(ch(q[k]))\(ch(q[k + 1])))"
        case .doubled: return "a character doubled (one extra copy of a neighbour)"
        case .lost: return "one of a doubled pair of characters lost"
        case .endChange:
            return q.count > cs.count ? "a character added at one end" : "a character lost at one end"
        case .oneEdit:
            return q.count == cs.count
                ? "one character differs" : (q.count < cs.count ? "one character missing" : "one extra character")
        case .twoEdits: return "two characters differ"
        case .pattern:
            let u = q.filter { $0 == UInt8(ascii: "?") }.count
            return "matches all \(q.count - u) readable characters, \(u) unknown"
        }
    }
}
