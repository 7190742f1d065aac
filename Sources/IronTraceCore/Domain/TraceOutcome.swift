/// How a trace ended, in ATF's terms.
public enum TraceOutcome: String, CaseIterable, Sendable, Codable {
    /// The first retail purchaser was identified.
    case completedToPurchaser = "completed_purchaser"
    /// The dealer who made the first retail sale was identified, the purchaser not.
    case completedToDealer = "completed_dealer"
    /// No source could be identified; see ``NotTracedReason``.
    case notTraced = "not_traced"

    public var isCompleted: Bool { self != .notTraced }
}

/// Why a trace could not be completed.
public enum NotTracedReason: String, CaseIterable, Sendable, Codable {
    case noMatchingRecord = "no_matching_record"
    case ambiguous
    case obliterated
    case insufficientIdentifiers = "insufficient_identifiers"
    case foreignNotImported = "foreign_not_imported"
    case tooOld = "too_old"
    case dealerRecordsUnavailable = "dealer_records_unavailable"
}

/// Where a traced gun came from, in the three classes ATF reports for guns recovered abroad.
public enum SourceCountryClass: String, CaseIterable, Sendable, Codable {
    /// Made in or imported into the US and sold at retail there.
    case usSourced = "us_sourced"
    /// Traced to another country (made there and never legally imported into the US).
    case nonUS = "non_us"
    /// The trace could not say.
    case undetermined
}

/// ATF's crime-category groups for recovered firearms.
public enum CrimeCategory: String, CaseIterable, Sendable, Codable {
    case weaponOffense = "weapon_offense"
    case possessionOfWeapon = "possession_of_weapon"
    case drugs
    case homicide
    case aggravatedAssault = "aggravated_assault"
    case robbery
    case burglary
    case foundFirearm = "found_firearm"
    case suicide
    case organizedCrime = "organized_crime"
    case other
}
