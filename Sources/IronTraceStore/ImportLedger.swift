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
    /// Rows whose key (area, period, measure, source or source, recovery, year, source) was already
    /// stored by another import with a different value; each is also a rejection, and is kept in
    /// the `conflicts` table with both values.
    public var conflicts: Int = 0
    /// Rows whose key was already stored with the same value (the two files agree).
    public var agreeingDuplicates: Int = 0
    /// The largest differences among `conflicts`, largest first.
    public var largestConflicts: [ImportConflict] = []
    /// True when the import was rolled back (`--dry-run`): the counts are what it would store.
    public var dryRun: Bool = false
    /// For readers that add rows up into figures (death records, tidied tables): the file's own
    /// rows, where `rowsRead` counts the figures and rejections yielded.
    public var sourceRows: AggregatedRows?

    public var isBalanced: Bool { rowsRead == rowsStored + rowsRejected }
}

/// One value an import disagrees with: the key, the value in the file, the stored one and where it came from.
public struct ImportConflict: Sendable, Hashable, Codable {
    public var importID: Int64
    public var file: String
    public var line: Int
    public var table: String
    public var key: String
    public var newValue: Double
    public var storedValue: Double
    public var storedImportID: Int64
    public var storedFile: String

    public var difference: Double { newValue - storedValue }
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
    /// Monthly firearm and total homicides by state (or for the border municipalities), SINAIS
    /// death records 1998–2008 as in the "Assault-Weapons" study's `guns-month.csv`, `frontier.csv`.
    case firearmHomicidesMonth = "firearm-homicides-month"
    /// A national population series, wide: a header of years and one row of figures (`conapo-pop.csv`).
    case nationalPopulationWide = "population-national-wide"
    /// INEGI homicide death records, one row per death (`homicidios_2024_clean.csv`), counted.
    case inegiDeathRecords = "inegi-death-records"
    /// A tidied (long) SESNSP municipal table without the modality column, added up per month.
    case sesnspMunicipalLong = "sesnsp-municipal-long"
    /// Municipal populations by name (`Municipio, Poblacion`), state found from the names.
    case municipalPopulationNamed = "population-municipal-named"
    /// ATF "Firearms Commerce in the United States" exhibits (CSV).
    case atfCommerce = "atf-commerce"
}
