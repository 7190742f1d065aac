/// A firm in the manufacturer catalog.
public struct Manufacturer: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Index in ``ManufacturerCatalog/all``.
    public let id: Int
    /// Canonical name ("Sturm, Ruger & Co.").
    public let name: String
    /// ISO 3166-1 alpha-2 code of the country where its guns are made.
    public let country: String
    /// Whether the firm makes firearms.
    public let makes: Bool
    /// Whether the firm imports firearms made by others.
    public let imports: Bool

    public var description: String { name }
    public static func < (a: Manufacturer, b: Manufacturer) -> Bool { a.name < b.name }
    public var isImporterOnly: Bool { imports && !makes }
}

/// The outcome of resolving a raw make string. The raw string is always kept.
public struct ManufacturerResolution: Hashable, Sendable {
    public enum Method: String, Sendable {
        /// The whole string is a catalog name or alias after normalisation.
        case alias
        /// One part of a combined string ("Sig Sauer/Sigarms Inc.", "BRNO or CZ") resolved.
        case combined
        /// A misspelling within a small edit distance of exactly one catalog firm.
        case spelling
        /// The leading words name exactly one catalog firm.
        case leadingWords = "leading_words"
        case unresolved
    }

    public let raw: String
    public let manufacturer: Manufacturer?
    /// The importer, when the string names one besides the maker ("Zastava Arms (C.A.I.)").
    public let importer: Manufacturer?
    public let method: Method

    public var isResolved: Bool { manufacturer != nil }
}
