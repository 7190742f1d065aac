/// Numbers as people read them in tables and charts, without Foundation's locale: thousands
/// separators, fixed decimals rounded half away from zero.
public enum NumberText {
    /// `1234567` → `1,234,567`.
    public static func grouped(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// `1234.567`, 1 digit → `1,234.6`; empty for infinities and NaN.
    public static func fixed(_ v: Double, digits: Int) -> String {
        guard v.isFinite else { return "" }
        // Beyond 2^53 there are no fractional digits to show, and beyond Int.max no Int: fall back to
        // scientific notation instead of trapping on the conversions below.
        guard abs(v) < 1e15 else { return "\(v)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        let whole = Int(scaled / scale)
        let frac = Int(scaled - Double(whole) * scale)
        var s = grouped(whole)
        if digits > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return v < 0 && scaled > 0 ? "-" + s : s
    }

    /// `1234.567`, 1 digit → `1234.6`: the machine-readable form (no thousands separators, `.` as
    /// decimal point, `-` for negatives); empty for infinities and NaN.
    public static func plain(_ v: Double, digits: Int) -> String {
        String(fixed(v, digits: digits).filter { $0 != "," })
    }
}
