/// A country by its ISO 3166-1 alpha-2 code, with its short name in English and Spanish. Recovery
/// countries, countries of manufacture and the `country=` filter are checked against this list, so a
/// typo such as `ZZ` is an error rather than an empty result. Table: `Country+Table.swift`.
public struct Country: Hashable, Sendable {
    public let code: String
    public let english: String
    public let spanish: String

    /// Why a code is refused, in every intake and filter.
    public static let codeProblem = "not an ISO 3166-1 two-letter country code (MX, US, GT)"

    public static let all: [Country] = table.map { Country(code: $0.0, english: $0.1, spanish: $0.2) }

    private static let byCode: [String: Country] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// The country with this code (any case, surrounding spaces ignored); nil for a code ISO 3166-1
    /// does not assign.
    public static func named(code: some StringProtocol) -> Country? {
        let trimmed = code.trimmingASCIISpaces()
        guard trimmed.utf8.count == 2 else { return nil }
        return byCode[trimmed.uppercased()]
    }

    /// `AT / IT` (a maker's countries as the catalogue writes them) as names, each code that is not a
    /// country left as written.
    public static func names(of codes: String, spanish: Bool) -> String {
        codes.split(separator: "/").map { part -> String in
            guard let c = named(code: part) else { return part.trimmingASCIISpaces() }
            return spanish ? c.spanish : c.english
        }.joined(separator: " / ")
    }
}
