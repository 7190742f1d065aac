/// A US state, the District of Columbia or a territory: FIPS code, USPS code and name.
public struct USState: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let fips: Int
    public let usps: String
    public let name: String

    public var description: String { usps }
    public static func < (a: USState, b: USState) -> Bool { a.usps < b.usps }

    /// All 50 states, DC, and the territories that appear in ATF tables (PR, GU, VI).
    public static let all: [USState] = [
        (1, "AL", "Alabama"), (2, "AK", "Alaska"), (4, "AZ", "Arizona"), (5, "AR", "Arkansas"),
        (6, "CA", "California"), (8, "CO", "Colorado"), (9, "CT", "Connecticut"), (10, "DE", "Delaware"),
        (11, "DC", "District of Columbia"), (12, "FL", "Florida"), (13, "GA", "Georgia"), (15, "HI", "Hawaii"),
        (16, "ID", "Idaho"), (17, "IL", "Illinois"), (18, "IN", "Indiana"), (19, "IA", "Iowa"),
        (20, "KS", "Kansas"), (21, "KY", "Kentucky"), (22, "LA", "Louisiana"), (23, "ME", "Maine"),
        (24, "MD", "Maryland"), (25, "MA", "Massachusetts"), (26, "MI", "Michigan"), (27, "MN", "Minnesota"),
        (28, "MS", "Mississippi"), (29, "MO", "Missouri"), (30, "MT", "Montana"), (31, "NE", "Nebraska"),
        (32, "NV", "Nevada"), (33, "NH", "New Hampshire"), (34, "NJ", "New Jersey"), (35, "NM", "New Mexico"),
        (36, "NY", "New York"), (37, "NC", "North Carolina"), (38, "ND", "North Dakota"), (39, "OH", "Ohio"),
        (40, "OK", "Oklahoma"), (41, "OR", "Oregon"), (42, "PA", "Pennsylvania"), (44, "RI", "Rhode Island"),
        (45, "SC", "South Carolina"), (46, "SD", "South Dakota"), (47, "TN", "Tennessee"), (48, "TX", "Texas"),
        (49, "UT", "Utah"), (50, "VT", "Vermont"), (51, "VA", "Virginia"), (53, "WA", "Washington"),
        (54, "WV", "West Virginia"), (55, "WI", "Wisconsin"), (56, "WY", "Wyoming"), (66, "GU", "Guam"),
        (72, "PR", "Puerto Rico"), (78, "VI", "U.S. Virgin Islands"),
    ].map { USState(fips: $0.0, usps: $0.1, name: $0.2) }

    private static let byKey: [String: USState] = {
        var d: [String: USState] = [:]
        for s in all {
            d[s.usps] = s
            d[AreaName.key(s.name)] = s
            d[String(s.fips)] = s
            d[s.fips < 10 ? "0\(s.fips)" : String(s.fips)] = s
        }
        d[AreaName.key("Washington DC")] = d["DC"]
        d[AreaName.key("Virgin Islands")] = d["VI"]
        d[AreaName.key("US Virgin Islands")] = d["VI"]
        // ATF's trace tables report Guam and the Northern Mariana Islands on one row in some years.
        d[AreaName.key("Guam & Northern Mariana Islands")] = d["GU"]
        d[AreaName.key("Guam and Northern Mariana Islands")] = d["GU"]
        return d
    }()

    /// Looks a state up by USPS code, FIPS code (with or without leading zero) or name, any case.
    public static func lookup(_ text: some StringProtocol) -> USState? {
        let t = text.trimmingASCIISpaces()
        if t.count == 2, let s = byKey[t.uppercased()] { return s }
        return byKey[AreaName.key(t)]
    }

    public static func fips(_ code: Int) -> USState? { all.first { $0.fips == code } }
}

/// Name keys for lookups: lower case, accents folded, punctuation dropped, spaces collapsed.
public enum AreaName {
    public static func key(_ text: some StringProtocol) -> String {
        var out = ""
        var lastSpace = true
        for ch in text.lowercased() {
            let folded = foldAccent(ch)
            if folded.isLetter || folded.isNumber {
                out.append(folded)
                lastSpace = false
            } else if !lastSpace {
                out.append(" ")
                lastSpace = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// Folds the Latin accented letters of Spanish, Portuguese, French and German to ASCII.
    public static func foldAccent(_ c: Character) -> Character {
        // Most text is ASCII: answer without comparing against every accented letter below.
        if c.isASCII { return c }
        return switch c {
        case "á", "à", "â", "ä", "ã", "å": "a"
        case "é", "è", "ê", "ë": "e"
        case "í", "ì", "î", "ï": "i"
        case "ó", "ò", "ô", "ö", "õ", "ø": "o"
        case "ú", "ù", "û", "ü": "u"
        case "ñ": "n"
        case "ç": "c"
        case "Á", "À", "Â", "Ä", "Ã": "A"
        case "É", "È", "Ê", "Ë": "E"
        case "Í", "Ì", "Î", "Ï": "I"
        case "Ó", "Ò", "Ô", "Ö", "Õ": "O"
        case "Ú", "Ù", "Û", "Ü": "U"
        case "Ñ": "N"
        default: c
        }
    }

    public static func foldAccents(_ s: some StringProtocol) -> String { String(s.map(foldAccent)) }
}
