import Foundation

/// Population between published figures: censuses and conteos (1990, 1995, 2000, 2005, 2010, 2020 for
/// Mexican municipalities) or yearly projections (CONAPO, Census estimates). A year with a published
/// figure uses it; a year between two published years is interpolated geometrically (constant growth
/// rate between the two nearest figures, each taken as the year's figure); a year before the first or
/// after the last is extrapolated with the growth rate of the two nearest figures, and said so; with a
/// single figure it is held constant, and said so. Never the nearest census silently.
struct PopulationInterpolation: Sendable {
    /// How a year's population was obtained.
    enum Method: String, Sendable {
        case published
        case interpolated
        case extrapolated
        case heldConstant = "held constant"
    }

    struct Estimate: Sendable {
        var value: Double
        var method: Method
        /// The figures it comes from: `INEGI census 2000–2005`.
        var basis: String
    }

    /// Published figures by year.
    let figures: [Int: MeasureIndex.Figure]
    private let years: [Int]

    init(_ figures: [Int: MeasureIndex.Figure]) {
        self.figures = figures
        years = figures.keys.sorted()
    }

    /// The population for a year, nil when there is no figure at all.
    func estimate(_ year: Int) -> Estimate? {
        guard let first = years.first, let last = years.last else { return nil }
        if let f = figures[year] { return Estimate(value: f.value, method: .published, basis: "\(f.source) \(year)") }
        if years.count == 1 {
            let f = figures[first]!
            return Estimate(value: f.value, method: .heldConstant, basis: "\(f.source) \(first)")
        }
        let pair: (Int, Int)
        let method: Method
        if year < first {
            pair = (years[0], years[1])
            method = .extrapolated
        } else if year > last {
            pair = (years[years.count - 2], last)
            method = .extrapolated
        } else {
            let i = years.firstIndex { $0 > year }!
            pair = (years[i - 1], years[i])
            method = .interpolated
        }
        let (a, b) = pair
        let fa = figures[a]!
        let fb = figures[b]!
        let source = fa.source == fb.source ? fa.source : "\(fa.source)/\(fb.source)"
        let basis = "\(source) \(a)–\(b)"
        guard fa.value > 0, fb.value > 0 else {
            // Geometric growth needs two positive figures; fall back to a straight line.
            let v = fa.value + (fb.value - fa.value) * Double(year - a) / Double(b - a)
            return Estimate(value: max(0, v), method: method, basis: basis + " (linear)")
        }
        let growth = log(fb.value / fa.value) / Double(b - a)
        return Estimate(value: fa.value * exp(growth * Double(year - a)), method: method, basis: basis)
    }
}
