/// A named group of areas (`us-i95`, `mx-border-tx`, ...) that filters and comparisons take by name.
/// Groups are data: their members, definition and source are the tables in `AreaGroup+Table.swift`,
/// documented in docs/area-groups.md.
public struct AreaGroup: Sendable, Hashable {
    /// The name filters take (`--area mx-border-tx`).
    public let id: String
    public let title: String
    /// How the members were chosen and from which source.
    public let definition: String
    /// The member areas, in code order.
    public let members: [AreaCode]

    /// Every built-in group.
    public static let all: [AreaGroup] = groupTable.split(separator: "\n").compactMap { line in
        let f = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingASCIISpaces() }
        guard f.count == 4 else { return nil }
        var members: [AreaCode] = []
        for token in f[3].split(separator: " ") {
            if token.hasPrefix("border:") {
                let state = String(token.dropFirst(7))
                members += borderMunicipalities.filter { $0.neighbour == state }.map(\.area)
            } else if let a = try? AreaCode(parsing: String(token)) {
                members.append(a)
            }
        }
        return AreaGroup(id: f[0], title: f[1], definition: f[2], members: Array(Set(members)).sorted())
    }

    /// The group with this name (case ignored).
    public static func named(_ name: some StringProtocol) -> AreaGroup? {
        let key = name.trimmingASCIISpaces().lowercased()
        return all.first { $0.id == key }
    }

    /// A Mexican municipality on the US border and the US state it faces.
    public struct BorderMunicipality: Sendable, Hashable {
        public let area: AreaCode
        /// USPS code of the US state with the longest stretch of its boundary within 5 km.
        public let neighbour: String
        /// The measurement: per US state within 5 km, nearest distance and boundary length within 5 km.
        public let measured: String
    }

    /// The 39 border municipalities (``borderTable``).
    public static let borderMunicipalities: [BorderMunicipality] = borderTable.split(separator: "\n").compactMap {
        line in
        let f = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingASCIISpaces() }
        guard f.count == 4, let a = try? AreaCode(parsing: f[0]) else { return nil }
        return BorderMunicipality(area: a, neighbour: f[1], measured: f[3])
    }

    /// Other names of places (``aliasTable``), by name key.
    static let aliases: [String: AreaCode] = {
        var d: [String: AreaCode] = [:]
        for line in aliasTable.split(separator: "\n") {
            let f = line.split(separator: "|").map { $0.trimmingASCIISpaces() }
            if f.count == 2, let a = try? AreaCode(parsing: f[1]) { d[AreaName.key(f[0])] = a }
        }
        return d
    }()
}

/// Areas as people write them: codes (`MX-14`, `US-TX`, `MX-08037`), group names (`mx-border-tx`),
/// state names (`Jalisco`, `Texas`) and municipality names (`Ciudad Juárez`, `Guadalajara`), accents
/// and case ignored. A municipality name shared by several states is an error listing them; write
/// `Name (State)` or the code. A state name wins over a municipality of the same name (`Chihuahua` is the
/// state; the city is `Chihuahua (Chihuahua)` or `MX-08019`).
public enum AreaTerm {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let term: String
        public let reason: String
        public var description: String { "'\(term)': \(reason)" }
    }

    /// The areas of a comma-separated list (a group expands to its members), in the order given,
    /// without repeats.
    public static func areas(_ list: String) throws(Problem) -> [AreaCode] {
        var out: [AreaCode] = []
        var seen = Set<AreaCode>()
        for term in list.split(separator: ",") {
            let t = term.trimmingASCIISpaces()
            if t.isEmpty { continue }
            for a in try areas(term: t) where seen.insert(a).inserted { out.append(a) }
        }
        return out
    }

    /// The areas one term names.
    public static func areas(term t: String) throws(Problem) -> [AreaCode] {
        if let g = AreaGroup.named(t) { return g.members }
        if t.uppercased() == t, let a = try? AreaCode(parsing: t) { return [a] }
        if t.count >= 3, t.uppercased().hasPrefix("MX-") || t.uppercased().hasPrefix("US-") {
            do { return [try AreaCode(parsing: t)] } catch { throw Problem(term: t, reason: error.reason) }
        }
        if let s = MexicanState.lookup(t) { return [.mexicanState(s)] }
        if let s = USState.lookup(t), t.count > 2 { return [.usState(s)] }
        if let a = AreaGroup.aliases[AreaName.key(t)] { return [a] }
        // `Name (State)`.
        var name = t
        var state: MexicanState?
        if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
            guard let s = MexicanState.lookup(inner) else {
                throw Problem(term: t, reason: "'\(inner)' is not a Mexican state")
            }
            state = s
            name = String(t[..<open]).trimmingASCIISpaces()
        }
        var matches = MexicanMunicipality.named(name)
        if let state { matches = matches.filter { $0.state == state } }
        if matches.count == 1 { return [.mexicanMunicipality(matches[0].code)] }
        if matches.count > 1 {
            let candidates = matches.map { "MX-\($0.codeString) \($0.name) (\($0.state.name))" }
            throw Problem(
                term: t,
                reason:
                    "ambiguous: \(matches.count) municipalities have this name: \(candidates.joined(separator: "; "))"
            )
        }
        if let a = try? AreaCode(parsing: t) { return [a] }
        throw Problem(
            term: t,
            reason:
                "not an area: expected MX-SS, MX-SSMMM, US-XX, a state or municipality name, or a group (\(AreaGroup.all.map(\.id).joined(separator: ", ")))"
        )
    }
}
