/// Street addresses as people type them: the USPS standard abbreviations of street types and
/// directions (Publication 28, appendix C), so "123 North Main Street" and "123 N Main St" read
/// alike. Used by the keys that link people sharing an address and by entity resolution.
public enum StreetAddress {
    /// Spelled-out word → its standard abbreviation (both upper case).
    public static let standardWords: [String: String] = [
        "STREET": "ST", "AVENUE": "AVE", "AV": "AVE", "ROAD": "RD", "DRIVE": "DR", "BOULEVARD": "BLVD", "LANE": "LN",
        "COURT": "CT", "PLACE": "PL", "CIRCLE": "CIR", "HIGHWAY": "HWY", "PARKWAY": "PKWY", "TRAIL": "TRL",
        "TERRACE": "TER", "NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W", "NORTHEAST": "NE", "NORTHWEST": "NW",
        "SOUTHEAST": "SE", "SOUTHWEST": "SW", "APARTMENT": "APT", "SUITE": "STE",
    ]

    /// Upper-case words of letters and digits (anything else separates), each standardised.
    public static func standardized(_ street: String) -> String {
        var words: [String] = []
        var current = ""
        for ch in street.uppercased() {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { standardWords[$0] ?? $0 }.joined(separator: " ")
    }
}
