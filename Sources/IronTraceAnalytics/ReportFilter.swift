import IronTraceCore

/// What a report looks at. Every field is optional; an empty filter means everything. The same
/// filter drives the CLI options, the dashboard's URL query and the API.
public struct ReportFilter: Sendable, Equatable {
    /// Country where the guns were recovered (`MX`, `US`, ...).
    public var recoveryCountry: String?
    /// A US state, Mexican state or Mexican municipality of recovery; a state includes its municipalities.
    public var recoveryArea: AreaCode?
    /// Recovery years (for violence figures: the years of the figures).
    public var years: ClosedRange<Int>?
    /// Firearm types kept; empty keeps all.
    public var types: Set<FirearmType> = []
    /// USPS code of the US state the guns were bought in.
    public var sourceState: String?
    /// A dealer: licence number (`5-74-...` or the 15 characters) or IronTrace licensee id.
    public var dealer: String?
    /// An armed-violence event id (provenance report).
    public var event: Int64?

    public init() {}

    public var isEmpty: Bool { self == ReportFilter() }

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
                let c = value.uppercased()
                guard c.count == 2, c.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw Problem(key: key, value: value, reason: "expected a two-letter country code (MX, US)")
                }
                recoveryCountry = c
            case "area":
                if let a = try? AreaCode(parsing: value) {
                    recoveryArea = a
                } else if let s = MexicanState.lookup(value) {
                    recoveryArea = .mexicanState(s)
                } else if let s = USState.lookup(value) {
                    recoveryArea = .usState(s)
                } else {
                    throw Problem(
                        key: key,
                        value: value,
                        reason: "expected MX-SS, MX-SSMMM, US-XX or a state name"
                    )
                }
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
                    if let t = FirearmType(rawValue: w) {
                        types.insert(t)
                    } else if let c = FirearmType.WeaponClass(rawValue: w) {
                        types.formUnion(FirearmType.allCases.filter { $0.weaponClass == c })
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
                guard let s = USState.lookup(value) else {
                    throw Problem(key: key, value: value, reason: "not a US state (USPS code or name)")
                }
                sourceState = s.usps
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
        if let a = recoveryArea { p.append(("area", a.description)) }
        if let y = years {
            p.append(("years", y.lowerBound == y.upperBound ? "\(y.lowerBound)" : "\(y.lowerBound)-\(y.upperBound)"))
        }
        if !types.isEmpty { p.append(("type", types.map(\.rawValue).sorted().joined(separator: ","))) }
        if let s = sourceState { p.append(("source-state", s)) }
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
