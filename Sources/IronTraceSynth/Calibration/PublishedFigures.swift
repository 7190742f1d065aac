import IronTraceCore

/// The published figures the demo world is calibrated to. Each carries its source; the generator
/// reads them from here and tests check the generated world against them.
public enum PublishedFigures {
    /// Share of firearms recovered in Mexico and traced that were US-sourced.
    /// ATF, Mexico trace data 2007-2011: 68,161 of 99,691 (68.4%); GAO-16-223 (2016): 70% of 104,850
    /// traced 2009-2014; ATF 2024: 70.5% of 25,884.
    public static let mexicoUSSourcedShare = 0.70
    /// Share traced to other countries (GAO-16-223: about 17% of 2009-2014 traces).
    public static let mexicoNonUSShare = 0.17
    /// The rest could not be determined (100% - 70% - 17%).
    public static var mexicoUndeterminedShare: Double { 1 - mexicoUSSourcedShare - mexicoNonUSShare }

    /// Source states of US-sourced Mexican traces with a purchase found, 2015-2022 records:
    /// Texas over 40%, then Arizona, California and New Mexico (ATF Mexico trace data as summarised
    /// by GAO-21-322 and ATF's Mexico country reports). Remaining states share the rest by population.
    public static let mexicoSourceStates = MexicoSourceStates.shares
    /// Top source cities for guns recovered in Mexico, same records: Houston, Tucson, Phoenix,
    /// El Paso, San Antonio. Used as the weights of dealers' cities in those states.
    public static let topMexicoSourceCities = ["Houston", "Tucson", "Phoenix", "El Paso", "San Antonio"]

    /// Share of US-origin guns recovered in Mexico with no purchaser identified: about 50% in 2019,
    /// 36% in 2024 (ATF Mexico trace data as reported for those years). Interpolated in between.
    public static func mexicoNoPurchaserShare(year: Int) -> Double {
        if year <= 2019 { return 0.50 }
        if year >= 2024 { return 0.36 }
        return 0.50 - Double(year - 2019) * (0.14 / 5)
    }

    /// Handguns about 63% and long guns about 35% of firearms traced from Mexico, 2017-2022
    /// (ATF Mexico trace data, type breakdown).
    public static let mexicoHandgunShare = 0.63
    public static let mexicoLongGunShare = 0.35

    /// US crime guns: about 25% recovered within one year of retail sale and 46% within three years
    /// (ATF, National Firearms Commerce and Trafficking Assessment, vol. II, 2023, data 2017-2021).
    public static let usTimeToCrimeUnderOneYear = 0.25
    public static let usTimeToCrimeWithinThreeYears = 0.46
    /// Pistols are about three quarters of US traces (NFCTA vol. II, 2017-2021).
    public static let usPistolShare = 0.75

    /// Dealer concentration: 1.2% of dealers accounted for 57.4% of traces, and about 85% of dealers
    /// had no trace (ATF, "Commerce in Firearms in the United States", February 2000).
    public static let topDealerShareOfDealers = 0.012
    public static let topDealerShareOfTraces = 0.574
    public static let dealersWithoutTraces = 0.85

    /// Trafficking investigations by scheme (NFCTA vol. III, 2024, cases 2017-2021): straw purchasing
    /// 39.5%, unlicensed dealing 40.7%, theft from dealers 17.3%; on average about 11, 20 and 16
    /// firearms per case. The remaining 2.5% (other schemes) are folded into straw purchasing here.
    public static let schemes: [(scheme: SchemeType, share: Double, gunsPerCase: Double)] = [
        (.strawPurchase, 0.395 + 0.025, 11), (.unlicensedDealing, 0.407, 20), (.theftFromDealer, 0.173, 16),
    ]
}

/// The trafficking schemes the generator plants.
public enum SchemeType: String, Sendable, CaseIterable {
    case strawPurchase = "straw_purchase"
    case unlicensedDealing = "unlicensed_dealing"
    case theftFromDealer = "theft_from_dealer"
}
