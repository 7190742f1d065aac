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
        /// The string, or a misspelling match, is contradicted by the model, type or country: several
        /// firms are possible and none is chosen (see ``ManufacturerResolution/candidates``).
        case ambiguous
        case unresolved
    }

    public let raw: String
    public let manufacturer: Manufacturer?
    /// The importer, when the string names one besides the maker ("Zastava Arms (C.A.I.)").
    public let importer: Manufacturer?
    public let method: Method
    /// The firms an ambiguous string could name (the misspelling match first); empty otherwise.
    public let candidates: [Manufacturer]
    /// Why the string is ambiguous, or how the model changed the reading ("model P-08 is a Luger design").
    public let note: String?

    public init(
        raw: String,
        manufacturer: Manufacturer?,
        importer: Manufacturer?,
        method: Method,
        candidates: [Manufacturer] = [],
        note: String? = nil
    ) {
        self.raw = raw
        self.manufacturer = manufacturer
        self.importer = importer
        self.method = method
        self.candidates = candidates
        self.note = note
    }

    public var isResolved: Bool { manufacturer != nil }
    /// True when the maker came from an edit-distance or leading-words match rather than an alias.
    public var isFuzzy: Bool { method == .spelling || method == .leadingWords }
}
