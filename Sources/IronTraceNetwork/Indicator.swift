/// The trafficking indicators a lead's score is made of. Each has a name used in filters
/// (`--indicator short-ttc`), an explanation shown beside it, a weight per occurrence and a cap on
/// the occurrences that count, so no single indicator can make a lead on its own.
///
/// The indicators are the ones ATF names in its National Firearms Commerce and Trafficking
/// Assessment (NFCTA vol. II, 2023, crime guns: short time-to-crime, purchaser not the possessor,
/// multiple sales, recoveries across state lines and borders, obliterated serials; vol. III, 2024,
/// trafficking investigations: straw purchasing, unlicensed dealing, theft from dealers). The
/// weights are ours, set on the small demo world with seed 2015 and checked on other seeds and sizes.
public enum Indicator: String, CaseIterable, Sendable, Codable {
    case shortTimeToCrime = "short-ttc"
    case timeToCrimeUnderThreeYears = "ttc-3y"
    case crossBorder = "cross-border"
    case interstate
    case possessorNotPurchaser = "possessor-not-purchaser"
    case possessorUnknown = "possessor-unknown"
    case multipleSaleRecovered = "multiple-sale-recovered"
    case severalRecovered = "several-recovered"
    case purchaseBurst = "burst"
    case dealerHopping = "dealer-hopping"
    case manyGuns = "many-guns"
    case obliteratedSerial = "obliterated"
    case sharedAddress = "shared-address"
    case sharedPhone = "shared-phone"
    case flaggedDealer = "flagged-dealer"
    case noSaleRecord = "no-sale-record"

    public var explanation: String {
        switch self {
        case .shortTimeToCrime: "a gun recovered in a crime less than one year after its retail sale"
        case .timeToCrimeUnderThreeYears: "a gun recovered one to three years after its sale"
        case .crossBorder: "a gun recovered outside the United States (Mexico, mostly)"
        case .interstate: "a gun recovered in a US state other than the dealer's"
        case .possessorNotPurchaser: "the person found with the gun is not the person who bought it"
        case .possessorUnknown: "the gun was recovered with no known possessor"
        case .multipleSaleRecovered: "a gun from a multiple-sale report (two or more handguns in five days) recovered"
        case .severalRecovered: "a purchaser with two or more of their guns recovered"
        case .purchaseBurst: "three or more guns bought within seven days"
        case .dealerHopping: "the same purchaser at two different dealers within thirty days"
        case .manyGuns: "guns bought beyond the fourth"
        case .obliteratedSerial: "a recovered gun with its serial number obliterated"
        case .sharedAddress: "purchasers linked by a shared street address"
        case .sharedPhone: "purchasers linked by a shared phone number"
        case .flaggedDealer:
            "bought at a dealer over ATF's Demand Letter 2 threshold (25 or more traces with a time-to-crime of three years or less in one year) or with most traces in Mexico"
        case .noSaleRecord: "a gun traced to a dealer that has no record of selling it (theft or missing inventory)"
        }
    }

    /// Points per occurrence.
    public var weight: Double {
        switch self {
        case .shortTimeToCrime: 3
        case .timeToCrimeUnderThreeYears: 1.5
        case .crossBorder: 2
        case .interstate: 1
        case .possessorNotPurchaser: 2
        case .possessorUnknown: 0.5
        case .multipleSaleRecovered: 2
        case .severalRecovered: 2
        case .purchaseBurst: 1.5
        case .dealerHopping: 1.5
        case .manyGuns: 0.25
        case .obliteratedSerial: 2
        case .sharedAddress: 1
        case .sharedPhone: 1
        case .flaggedDealer: 0.5
        case .noSaleRecord: 3
        }
    }

    /// Occurrences beyond this add nothing.
    public var cap: Int {
        switch self {
        case .manyGuns: 40
        case .severalRecovered, .sharedAddress, .sharedPhone, .dealerHopping: 3
        case .flaggedDealer: 2
        case .noSaleRecord: 10
        default: 5
        }
    }

    public func points(_ count: Int) -> Double { weight * Double(min(count, cap)) }

    /// Position in `allCases` without building the array (the detector counts in hot loops).
    var ordinal: Int {
        switch self {
        case .shortTimeToCrime: 0
        case .timeToCrimeUnderThreeYears: 1
        case .crossBorder: 2
        case .interstate: 3
        case .possessorNotPurchaser: 4
        case .possessorUnknown: 5
        case .multipleSaleRecovered: 6
        case .severalRecovered: 7
        case .purchaseBurst: 8
        case .dealerHopping: 9
        case .manyGuns: 10
        case .obliteratedSerial: 11
        case .sharedAddress: 12
        case .sharedPhone: 13
        case .flaggedDealer: 14
        case .noSaleRecord: 15
        }
    }

    static let ordered = allCases

    /// Whether the indicator is about how guns were acquired and passed on (the pattern of a
    /// scheme) rather than about where and when they were recovered (the outcome). A lead needs
    /// some of both: a buyer whose two guns both turned up in crimes, bought a year apart at one
    /// dealer, shows an outcome but no scheme.
    public var isPattern: Bool {
        switch self {
        case .purchaseBurst, .dealerHopping, .manyGuns, .sharedAddress, .sharedPhone, .possessorNotPurchaser,
            .multipleSaleRecovered, .noSaleRecord, .obliteratedSerial:
            true
        default: false
        }
    }
}
