import IronTraceCore

/// What a report looks at. Every field is optional; an empty filter means everything. The same
/// filter drives the CLI options, the dashboard's URL query and the API.
public struct ReportFilter: Sendable, Equatable {
    /// Country where the guns were recovered (`MX`, `US`, ...).
    public var recoveryCountry: String?
    /// US states, Mexican states or Mexican municipalities of recovery (a state includes its
    /// municipalities); empty keeps every area. Groups and names are expanded to codes.
    public var areas: [AreaCode] = []
    /// The one area of recovery when the filter names exactly one (nil for none or several).
    public var recoveryArea: AreaCode? {
        get { areas.count == 1 ? areas[0] : nil }
        set { areas = newValue.map { [$0] } ?? [] }
    }
    /// The area list as the user wrote it (group and place names kept), for links and notes.
    public var areaText: String?
    /// Recovery years (for violence figures: the years of the figures).
    public var years: ClosedRange<Int>?
    /// Firearm types kept; empty keeps all.
    public var types: Set<FirearmType> = []
    /// USPS codes of the US states the guns were bought in; empty keeps all.
    public var sourceStates: [String] = []
    /// The one source state when the filter names exactly one (nil for none or several).
    public var sourceState: String? {
        get { sourceStates.count == 1 ? sourceStates[0] : nil }
        set { sourceStates = newValue.map { [$0] } ?? [] }
    }
    /// A dealer: licence number (`5-74-...` or the 15 characters) or IronTrace licensee id.
    public var dealer: String?
    /// An armed-violence event id (provenance report).
    public var event: Int64?

    public init() {}

    public var isEmpty: Bool { self == ReportFilter() }

    /// Whether a stored area key (`MX-14039`, `MX-14`, `US-TX`) lies in the filter's areas: equal to
    /// one, or inside one (a municipality in a state, a state in a country). True with no areas.
    public func containsArea(_ key: String) -> Bool {
        if areas.isEmpty { return true }
        return areas.contains { a in
            let code = a.description
            return key == code || (key.hasPrefix(code) && (code.count > 2 || key.dropFirst(2).first == "-"))
        }
    }

    /// The Mexican states the filter's areas lie in (a municipality gives its state); nil with no areas.
    public var mexicanStates: Set<MexicanState>? {
        areas.isEmpty ? nil : Set(areas.compactMap(\.mexicanState))
    }

    /// Keys accepted by ``init(parameters:)``, as in `--country MX` or `?country=MX`.
    public static let keys = ["country", "area", "years", "type", "source-state", "dealer", "event"]

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let key: String
        public let value: String
        public let reason: String
        public var description: String { "\(key)=\(value): \(reason)" }
    }

    /// A filter from textual parameters. `years` is `2019` or `2015-2020`; `type` is a firearm type or
    /// a class (`handgun`, `long_gun`), comma-separated; `area` is `MX-14`, `MX-14039`, `US-TX`, or a
    /// Mexican state or US state name.
    public init(parameters: [String: String]) throws(Problem) {
        for (key, raw) in parameters {
            let value = raw.trimmingASCIISpaces()
            if value.isEmpty { continue }
            switch key {
            case "country":
                guard let c = Country.named(code: value) else {
                    throw Problem(key: key, value: value, reason: Country.codeProblem)
                }
                recoveryCountry = c.code
            case "area":
                do {
                    areas = try AreaTerm.areas(value)
                } catch {
                    throw Problem(key: key, value: value, reason: error.reason)
                }
                areaText = value
            case "years":
                let parts = value.split(separator: "-", omittingEmptySubsequences: false).map {
                    Int($0.trimmingASCIISpaces())
                }
                guard parts.count <= 2, let a = parts.first ?? nil, let b = parts.last ?? nil, a <= b,
                    (1900...2100).contains(a), (1900...2100).contains(b)
                else {
                    throw Problem(key: key, value: value, reason: "expected a year (2019) or a range (2015-2020)")
                }
                years = a...b
            case "type":
                for word in value.split(separator: ",") {
                    let w = word.trimmingASCIISpaces().lowercased().replacingOccurrences(of: "-", with: "_")
                        .replacingOccurrences(of: " ", with: "_")
                    // Classes in English or Spanish (arma corta, arma larga), then any type name the
                    // trace intake reads (pistola, revólver, escopeta, ...).
                    let spanishClass = ["arma_corta": "handgun", "arma_larga": "long_gun"]
                    if let c = FirearmType.WeaponClass(rawValue: spanishClass[w] ?? w) {
                        types.formUnion(FirearmType.allCases.filter { $0.weaponClass == c })
                    } else if let t = FirearmType(rawValue: w) ?? FirearmType(parsing: word) {
                        types.insert(t)
                    } else {
                        throw Problem(
                            key: key,
                            value: value,
                            reason:
                                "unknown firearm type '\(w)' (types: \(FirearmType.allCases.map(\.rawValue).joined(separator: ", ")); classes: handgun, long_gun)"
                        )
                    }
                }
            case "source-state", "source_state":
                var states: [String] = []
                for term in value.split(separator: ",") {
                    let t = term.trimmingASCIISpaces()
                    if t.isEmpty { continue }
                    if let g = AreaGroup.named(t) {
                        let us = g.members.compactMap { a -> String? in
                            if case .usState(let s) = a { return s.usps }
                            return nil
                        }
                        guard !us.isEmpty else {
                            throw Problem(key: key, value: value, reason: "group '\(t)' has no US states")
                        }
                        states += us
                    } else if let s = USState.lookup(t.hasPrefix("US-") ? String(t.dropFirst(3)) : t) {
                        states.append(s.usps)
                    } else {
                        throw Problem(
                            key: key,
                            value: value,
                            reason: "'\(t)' is not a US state (USPS code, name or a group such as us-i95)"
                        )
                    }
                }
                var seen = Set<String>()
                sourceStates = states.filter { seen.insert($0).inserted }
            case "dealer":
                dealer = value
            case "event":
                guard let id = Int64(value), id > 0 else {
                    throw Problem(key: key, value: value, reason: "expected an event id (a positive integer)")
                }
                event = id
            default:
                throw Problem(
                    key: key,
                    value: value,
                    reason: "unknown filter (filters: \(ReportFilter.keys.joined(separator: ", ")))"
                )
            }
        }
    }

    /// The filter as parameters, the inverse of ``init(parameters:)`` (for links that keep a view).
    public var parameters: [(String, String)] {
        var p: [(String, String)] = []
        if let c = recoveryCountry { p.append(("country", c)) }
        if !areas.isEmpty { p.append(("area", areaText ?? areas.map(\.description).joined(separator: ","))) }
        if let y = years {
            p.append(("years", y.lowerBound == y.upperBound ? "\(y.lowerBound)" : "\(y.lowerBound)-\(y.upperBound)"))
        }
        if !types.isEmpty { p.append(("type", types.map(\.rawValue).sorted().joined(separator: ","))) }
        if !sourceStates.isEmpty { p.append(("source-state", sourceStates.joined(separator: ","))) }
        if let d = dealer { p.append(("dealer", d)) }
        if let e = event { p.append(("event", String(e))) }
        return p
    }

    /// One line for report notes.
    public var summary: String {
        isEmpty
            ? "Filter: none (all records)" : "Filter: " + parameters.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }
}
