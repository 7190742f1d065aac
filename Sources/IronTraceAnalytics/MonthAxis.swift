/// Month tables to scale: every month between the first and the last, a month without figures shown
/// as a row of zeros rather than left out (a chart of the table then spaces the months evenly).
enum MonthAxis {
    /// `rows` labelled `YYYY-MM` in their first cell, sorted, with a row for each missing month whose
    /// other cells are `filler` (e.g. zero events, a zero share, zero fatalities). A missing month that
    /// `covered` (given the month as year × 12 + month − 1) says no source covers is a row of empty
    /// cells instead: no figures, drawn as a gap, not as zero.
    static func toScale(_ rows: [[Cell]], filler: [Cell], covered: ((Int) -> Bool)? = nil) -> [[Cell]] {
        func month(_ row: [Cell]) -> Int? {
            let parts = row.first?.text.split(separator: "-") ?? []
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m),
                (1000...9999).contains(y)
            else { return nil }
            return y * 12 + m - 1
        }
        let keyed = rows.compactMap { r in month(r).map { ($0, r) } }
        guard keyed.count == rows.count, let first = keyed.map(\.0).min(), let last = keyed.map(\.0).max(),
            last - first < 12 * 200
        else { return rows }
        let byMonth = Dictionary(keyed, uniquingKeysWith: { a, _ in a })
        return (first...last).map { k in
            byMonth[k]
                ?? [.text(SpanishMonth.period(k / 12, k % 12 + 1))]
                + (covered?(k) == false ? Array(repeating: Cell.empty, count: filler.count) : filler)
        }
    }
}
