import Foundation

/// The words and number format a chart draws itself (its frame, legends, "no data", the synthetic
/// mark, month names), in the reader's language. Titles, axes and category labels come translated
/// from the caller; this type covers what the chart functions write on their own, so that no
/// English is left on a Spanish chart. The Charts module knows no server or language table: callers
/// pick ``english`` or ``spanish``.
public struct ChartText: Sendable, Equatable {
    /// "Source" in "Source: …".
    public var source: String
    /// The corner badge on synthetic data.
    public var syntheticBadge: String
    /// The footer sentence on synthetic data.
    public var syntheticFooter: String
    /// The legend and tooltip text for an area without figures.
    public var noData: String
    /// "{covered} of {total} areas with data".
    public var areasWithData: String
    /// "Band width: {unit} (total {total})" on flow diagrams.
    public var bandWidth: String
    /// The name of the grouped remainder in flow diagrams.
    public var other: String
    /// "Entities" and "{n} links" on link charts.
    public var entities: String
    public var links: String
    /// The note under a line chart whose hollow points are partial periods.
    public var partialPeriod: String
    /// "boundaries" in the map's source line.
    public var boundaries: String
    /// Short month names, January first.
    public var months: [String]
    /// The digit-group separator (thousands) and the decimal sign.
    public var groupSeparator: String
    public var decimalSeparator: String

    public static let english = ChartText(
        source: "Source",
        syntheticBadge: "SYNTHETIC",
        syntheticFooter: "SYNTHETIC DATA: generated for demonstration.",
        noData: "no data",
        areasWithData: "{covered} of {total} areas with data",
        bandWidth: "Band width: {unit} (total {total})",
        other: "Other",
        entities: "Entities",
        links: "{n} links",
        partialPeriod: "○ partial period (not all months have figures)",
        boundaries: "boundaries",
        months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        groupSeparator: ",",
        decimalSeparator: "."
    )

    /// Mexican Spanish. Numbers as INEGI writes them in its statistical releases: digits grouped by
    /// threes with a (narrow, non-breaking) space and a decimal point, "32 223" and "2.6 por cada 100 mil"
    /// (INEGI, Estadísticas de Defunciones Registradas, comunicados de prensa 2019–2023; NOM-008-SCFI-2002
    /// allows the point as the decimal sign and the space as the only group separator).
    public static let spanish = ChartText(
        source: "Fuente",
        syntheticBadge: "SINTÉTICO",
        syntheticFooter: "DATOS SINTÉTICOS: generados para demostración.",
        noData: "sin datos",
        areasWithData: "{covered} de {total} áreas con datos",
        bandWidth: "Ancho de banda: {unit} (total {total})",
        other: "Otros",
        entities: "Entidades",
        links: "{n} vínculos",
        partialPeriod: "○ periodo parcial (no todos los meses tienen cifras)",
        boundaries: "límites",
        months: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
        groupSeparator: "\u{202F}",
        decimalSeparator: "."
    )

    /// A number with `digits` decimals, grouped: 12,345.6 (English) or 12 345.6 (Spanish).
    public func number(_ v: Double, digits: Int = 0) -> String {
        guard v.isFinite else { return "–" }
        let d = max(0, min(digits, 6))
        // Past 2^53 there are no fractional digits and past Int.max no Int: scientific notation.
        guard v.magnitude < 1e15 else { return "\(v)" }
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let rounded = (v * scale).rounded() / scale
        let whole = Int(rounded.magnitude.rounded(.towardZero))
        let units = String(whole)
        var out = ""
        for (i, c) in units.enumerated() {
            if i > 0 && (units.count - i) % 3 == 0 { out += groupSeparator }
            out.append(c)
        }
        if d > 0 {
            let fraction = Int(((rounded.magnitude - Double(whole)) * scale).rounded())
            let text = String(fraction)
            out += decimalSeparator + String(repeating: "0", count: max(0, d - text.count)) + text
        }
        return (rounded < 0 ? "-" : "") + out
    }

    /// A month period "2021-03" as "Mar 2021" / "mar 2021"; other text unchanged.
    public func period(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m)
        else { return text }
        return "\(months[m - 1]) \(y)"
    }

    /// A template with `{name}` placeholders filled in.
    func fill(_ template: String, _ values: [String: String]) -> String {
        var s = template
        for (k, v) in values { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }
}
