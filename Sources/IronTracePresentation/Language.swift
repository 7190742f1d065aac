import Foundation
import IronTraceCore

/// The dashboard's two languages, their number and date formats, and the choice between them: a
/// `lang` cookie set by the switcher wins, else the browser's Accept-Language, else English.
public enum Language: String, Sendable, CaseIterable {
    case en, es

    /// The first supported language in an Accept-Language header, by quality weight.
    public static func preferred(acceptLanguage: String?) -> Language {
        guard let header = acceptLanguage else { return .en }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            var q = 1.0
            for p in pieces.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let l = Language(rawValue: primary), q > 0 else { continue }
            if best == nil || q > best!.1 { best = (l, q) }
        }
        return best?.0 ?? .en
    }

    /// A report string (title, column, unit, label, note) in this language; unknown strings stay as
    /// they are (names of places, dealers and actors are not translated).
    public func report(_ s: String) -> String {
        guard self == .es else { return s }
        if let v = Glossary.spanish[s] { return v }
        return Glossary.translatePattern(s)
    }

    // MARK: Numbers and dates

    /// Whole numbers with grouping: 12,345 (en) and 12 345 (es, the SI/RAE thin-space grouping).
    public func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += self == .en ? "," : "\u{202F}" }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A decimal number: 1,234.5 (en) and 1 234.5 (es). Mexico writes the decimal sign as a point, as
    /// INEGI's releases do and as the charts draw it (``ChartText/spanish``), with the thin space as
    /// the group separator; a comma here had made a page's tables disagree with its own charts.
    public func decimal(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "–" }
        // Past 2^53 a Double has no fractional digits and past Int.max it has no Int: say it in
        // scientific notation rather than trap on the conversion below.
        guard x.magnitude < 1e15 else { return String(format: "%.3e", x) }
        let rounded = (x * pow(10, Double(digits))).rounded() / pow(10, Double(digits))
        let whole = Int(rounded.magnitude.rounded(.towardZero))
        var s = (rounded < 0 ? "-" : "") + integer(whole)
        if digits > 0 {
            let frac = String(format: "%.\(digits)f", rounded.magnitude).split(separator: ".").last ?? ""
            s += "." + frac
        }
        return s
    }

    /// A share in percent: 80.7% (en) and 80.7 % (es).
    public func percent(_ share: Double) -> String {
        decimal(share * 100, digits: 1) + (self == .en ? "%" : "\u{00A0}%")
    }

    static let monthsEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthsES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]

    /// A date: Mar 5, 2021 (en) and 5 mar 2021 (es).
    public func date(_ d: CivilDate) -> String {
        self == .en
            ? "\(Language.monthsEN[d.month - 1]) \(d.day), \(d.year)"
            : "\(d.day) \(Language.monthsES[d.month - 1]) \(d.year)"
    }

    /// Days of time-to-crime: "412 days" / "412 días".
    public func days(_ n: Int) -> String { integer(n) + (self == .en ? " days" : " días") }
}
