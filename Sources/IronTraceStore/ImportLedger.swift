import IronTraceFormats

/// One completed import in the ledger.
public struct ImportLedgerEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var file: String
    public var format: String
    public var sha256: String
    public var rowsRead: Int
    public var rowsStored: Int
    public var rowsRejected: Int
    public var startedAt: String
    public var finishedAt: String
}

/// What an import did.
public struct ImportSummary: Sendable {
    public var file: String
    public var format: String
    public var sha256: String
    public var rowsRead: Int
    public var rowsStored: Int
    public var rowsRejected: Int
    /// The first rejections (all of them are in the store's `rejections` table).
    public var sampleRejections: [Rejection]
    /// Set when the same content was imported before: nothing was added.
    public var previousImportID: Int64?
    public var importID: Int64?
    public var seconds: Double

    public var isBalanced: Bool { rowsRead == rowsStored + rowsRejected }
}

/// Official files the store reads as published.
public enum OfficialFormat: String, CaseIterable, Sendable {
    /// INEGI "Defunciones por homicidio" cube export (state and municipality by month).
    case inegiHomicides = "inegi-homicides"
    /// SESNSP "Incidencia delictiva del fuero común", state level, wide monthly layout.
    case sesnspIncidence = "sesnsp-incidence"
    /// SESNSP "Víctimas del fuero común", state level, long layout (plain or .bz2).
    case sesnspVictims = "sesnsp-victims"
    /// ATF "Source and Recovery by State", tidy CSV (flows between US states).
    case atfFlows = "atf-flows"
    /// ATF "Source and Recovery by State", the yearly XLSX workbook as published.
    case atfWorkbook = "atf-flows-xlsx"
    /// UCDP Georeferenced Event Dataset (GED), CSV.
    case ucdpGED = "ucdp-ged"
    /// ACLED event export (31 columns).
    case acled = "acled"
    /// ATF Federal Firearms Licensee listing (tab- or pipe-delimited).
    case fflListing = "ffl-listing"
    /// CONAPO state population projections (long layout, mid-year figures).
    case conapoPopulation = "conapo-population"
    /// INEGI census population export by state and municipality.
    case inegiCensus = "inegi-census"
    /// US Census Bureau state population estimates.
    case censusPopulation = "census-population"
}
