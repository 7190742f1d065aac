/// A Mexican municipality by its five-digit INEGI code (state code × 1000 + municipality number).
public struct MexicanMunicipality: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let code: Int
    public let name: String

    public var state: MexicanState { MexicanState.code(code / 1000)! }
    public var codeString: String { code < 10_000 ? "0\(code)" : String(code) }
    public var description: String { "\(name), \(state.name)" }
    public static func < (a: MexicanMunicipality, b: MexicanMunicipality) -> Bool { a.code < b.code }

    /// All municipalities of the INEGI list embedded with the project.
    public static let all: [MexicanMunicipality] = table.split(separator: "\n").compactMap { line in
        let parts = line.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let code = Int(parts[0].trimmingASCIISpaces()) else { return nil }
        return MexicanMunicipality(code: code, name: parts[1].trimmingASCIISpaces())
    }

    private static let byCode: [Int: MexicanMunicipality] = Dictionary(
        all.map { ($0.code, $0) },
        uniquingKeysWith: { a, _ in a }
    )
    private static let byName: [String: [MexicanMunicipality]] = Dictionary(
        grouping: all,
        by: { AreaName.key($0.name) }
    )

    /// Looks a municipality up by its code: `14039`, `"14039"`, `"14 039"` (INEGI's own exports pad
    /// with spaces), or `"MX-14039"`.
    public static func lookup(code text: String) -> MexicanMunicipality? {
        var t = text.trimmingASCIISpaces().uppercased()
        if t.hasPrefix("MX-") { t.removeFirst(3) }
        let digits = t.filter { $0 != " " }
        guard digits.count >= 4, digits.count <= 5, let n = Int(digits) else { return nil }
        return byCode[n]
    }

    /// Looks a municipality up by name (accents and case ignored), within a state when the name is
    /// shared by several ("Benito Juárez" exists in eight states). `nil` when unknown or ambiguous.
    public static func lookup(name: String, state: MexicanState? = nil) -> MexicanMunicipality? {
        let matches = byName[AreaName.key(name)] ?? []
        let filtered = state.map { s in matches.filter { $0.code / 1000 == s.code } } ?? matches
        return filtered.count == 1 ? filtered[0] : nil
    }

    /// All municipalities with a name (accents and case ignored).
    public static func named(_ name: String) -> [MexicanMunicipality] { byName[AreaName.key(name)] ?? [] }
}
