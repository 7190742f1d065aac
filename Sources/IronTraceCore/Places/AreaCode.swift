/// An area that figures can be attached to: a country, a US state, a Mexican state or a Mexican
/// municipality. Its canonical text form is the key stored everywhere:
/// `US`, `MX`, `US-TX`, `MX-14` (INEGI state code), `MX-14039` (INEGI municipality code), or an
/// ISO 3166-1 alpha-2 country code for other countries.
public enum AreaCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    case country(String)
    case usState(USState)
    case mexicanState(MexicanState)
    /// INEGI five-digit municipality code (state code × 1000 + municipality number).
    case mexicanMunicipality(Int)

    public var description: String {
        switch self {
        case .country(let c): c
        case .usState(let s): "US-\(s.usps)"
        case .mexicanState(let s): "MX-\(s.codeString)"
        case .mexicanMunicipality(let m): "MX-\(m < 10000 ? "0" : "")\(m)"
        }
    }

    public static func < (a: AreaCode, b: AreaCode) -> Bool { a.description < b.description }

    /// The country the area is in (`US`, `MX`, or the code itself).
    public var country: String {
        switch self {
        case .country(let c): c
        case .usState: "US"
        case .mexicanState, .mexicanMunicipality: "MX"
        }
    }

    /// The Mexican state a municipality belongs to; the state itself for a state.
    public var mexicanState: MexicanState? {
        switch self {
        case .mexicanState(let s): s
        case .mexicanMunicipality(let m): MexicanState.code(m / 1000)
        default: nil
        }
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let value: String
        public let reason: String
        public var description: String { "invalid area code '\(value)': \(reason)" }
    }

    /// Parses the canonical form.
    public init(parsing text: String) throws(ParseError) {
        let t = text.trimmingASCIISpaces().uppercased()
        if t.hasPrefix("US-") {
            guard let s = USState.lookup(t.dropFirst(3)) else {
                throw ParseError(value: text, reason: "unknown US state code")
            }
            self = .usState(s)
        } else if t.hasPrefix("MX-") {
            let rest = t.dropFirst(3)
            guard rest.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(rest) else {
                if let s = MexicanState.lookup(rest) {
                    self = .mexicanState(s)
                    return
                }
                throw ParseError(value: text, reason: "unknown Mexican state")
            }
            if rest.count <= 2 {
                guard let s = MexicanState.code(n) else {
                    throw ParseError(value: text, reason: "INEGI state code must be 01-32")
                }
                self = .mexicanState(s)
            } else if rest.count == 5 {
                guard (1...32).contains(n / 1000), n % 1000 > 0 else {
                    throw ParseError(value: text, reason: "INEGI municipality code must be SSMMM with state 01-32")
                }
                self = .mexicanMunicipality(n)
            } else {
                throw ParseError(value: text, reason: "expected MX-SS (state) or MX-SSMMM (municipality)")
            }
        } else if t.count == 2, t.allSatisfy({ $0.isASCII && $0.isLetter }) {
            guard Country.named(code: t) != nil else {
                throw ParseError(value: text, reason: "not an ISO 3166-1 country code")
            }
            self = .country(t)
        } else {
            throw ParseError(value: text, reason: "expected US, MX, US-XX, MX-SS, MX-SSMMM or a 2-letter country code")
        }
    }
}

extension AreaCode {
    /// The name people use: `Jalisco`, `Texas`, `Guadalajara, Jalisco`, `Mexico`, `United States`.
    public var displayName: String {
        switch self {
        case .usState(let s): s.name
        case .mexicanState(let s): s.name
        case .mexicanMunicipality(let m): MexicanMunicipality.lookup(code: description)?.description ?? String(m)
        case .country(let c): Country.named(code: c)?.english ?? c
        }
    }

    /// The display name of an area key as stored (`MX-14` → `Jalisco`); the key itself when it is
    /// not an area code, `(unknown)` when empty.
    public static func displayName(of key: String) -> String {
        if key.isEmpty { return "(unknown)" }
        return (try? AreaCode(parsing: key))?.displayName ?? key
    }
}
