/// The one place where figures read from files are checked: every reader turns a count, a
/// population or a rate into a number through here, so non-finite values (`inf`, `nan`, `1e309`),
/// negative values and values no real file carries are rejected with the same reasons everywhere,
/// and nothing downstream converts an unchecked `Double` to an `Int`.
public enum NumberField {
    /// The largest count any reader stores (guns, victims, homicides, investigation files,
    /// fatalities, days): one billion. No published table of these comes near it.
    public static let maxCount = 1_000_000_000
    /// The largest population stored: ten billion (more than the world's).
    public static let maxPopulation = 10_000_000_000
    /// The largest rate stored (per 100,000 or per 1,000,000 people, shares in percent): one million.
    public static let maxRate = 1_000_000.0

    /// Why a field is not an acceptable figure.
    public struct Problem: Error, Sendable, Equatable {
        public let reason: String
    }

    /// A finite number in `range`, written with optional thousands separators (`25,757`).
    public static func number(_ text: String, in range: ClosedRange<Double>, what: String = "value") -> Result<
        Double, Problem
    > {
        let t = text.trimmingASCIISpaces().replacingOccurrences(of: ",", with: "")
        guard !t.isEmpty else { return .failure(Problem(reason: "\(what) is blank")) }
        // Double(...) also accepts "inf", "nan" and hexadecimal floats; only plain decimals are figures.
        guard t.utf8.allSatisfy(isDecimalByte), let v = Double(t) else {
            return .failure(Problem(reason: "\(what) is not a number"))
        }
        guard v.isFinite else { return .failure(Problem(reason: "\(what) is not a finite number")) }
        if v < 0 && range.lowerBound >= 0 { return .failure(Problem(reason: "\(what) cannot be negative")) }
        guard range.contains(v) else {
            return .failure(
                Problem(reason: "\(what) \(t) is outside \(describe(range.lowerBound))...\(describe(range.upperBound))")
            )
        }
        return .success(v)
    }

    /// A whole number 0...`max` (written `12`, `12.0` or `1,234`).
    public static func count(_ text: String, max: Int = maxCount, what: String = "count") -> Result<Int, Problem> {
        switch number(text, in: 0...Double(max), what: what) {
        case .failure(let p): return .failure(p)
        case .success(let v):
            guard v == v.rounded() else { return .failure(Problem(reason: "\(what) is not a whole number")) }
            // In range and whole, so the conversion is exact and cannot trap.
            return .success(Int(v))
        }
    }

    /// A population: a number 0...``maxPopulation`` (projections may carry fractions).
    public static func population(_ text: String) -> Result<Double, Problem> {
        number(text, in: 0...Double(maxPopulation), what: "population")
    }

    /// The range a native `area_measures` value must lie in, by its measure name: populations
    /// (`population...`) up to ``maxPopulation``, rates and shares (`...rate...`, `...share...`,
    /// `...per_...`) up to ``maxRate``, every other measure (counts) up to ``maxCount``.
    public static func range(forMeasure measure: String) -> ClosedRange<Double> {
        let m = measure.lowercased()
        if m.hasPrefix("population") { return 0...Double(maxPopulation) }
        if m.contains("rate") || m.contains("share") || m.contains("per_") { return 0...maxRate }
        return 0...Double(maxCount)
    }

    private static func isDecimalByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }

    private static func describe(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e18 ? String(Int64(v)) : String(v)
    }
}
