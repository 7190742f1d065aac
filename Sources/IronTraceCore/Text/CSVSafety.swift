/// What CSV meant for people (opened in Excel, LibreOffice, Google Sheets) needs besides RFC 4180.
public enum CSVSafety {
    /// A value a spreadsheet would run as a formula (first character `=`, `+`, `-`, `@`, tab or CR)
    /// prefixed with a single quote, as the OWASP CSV-injection guidance says; a plain number
    /// ("-12", "+3.5", "-1e-3") is left as it is so that negative figures stay numbers.
    public static func neutralized(_ s: String) -> String {
        guard let first = s.utf8.first, triggers.contains(first) else { return s }
        if isPlainNumber(s) { return s }
        return "'" + s
    }

    static let triggers: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13,
    ]

    /// An optional sign, digits with at most one decimal point, and an optional exponent.
    public static func isPlainNumber(_ s: String) -> Bool {
        var bytes = Array(s.utf8)[...]
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0
        var dot = false
        while let b = bytes.first {
            if b >= 48 && b <= 57 {
                digits += 1
            } else if b == UInt8(ascii: "."), !dot {
                dot = true
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard digits > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
            return true
        }
        return bytes.isEmpty
    }

    /// Header names made unique: a repeated name gets " (2)", " (3)", ...
    public static func unique(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        var used = Set(names)
        var out: [String] = []
        for n in names {
            let count = (seen[n] ?? 0) + 1
            seen[n] = count
            if count == 1 {
                out.append(n)
                continue
            }
            var k = count
            var candidate = "\(n) (\(k))"
            while used.contains(candidate) {
                k += 1
                candidate = "\(n) (\(k))"
            }
            used.insert(candidate)
            out.append(candidate)
        }
        return out
    }
}
