/// Time-to-crime: days from a firearm's last retail sale to its recovery by law enforcement.
///
/// ATF reads a short time-to-crime (under three years, and especially under one) as an indicator
/// of trafficking. The buckets are the ones ATF's annual trace reports use.
public struct TimeToCrime: Hashable, Comparable, Sendable {
    public var days: Int

    /// `nil` when the sale comes after the recovery, which no real trace can show.
    public init?(sale: CivilDate, recovery: CivilDate) {
        let d = recovery.days(since: sale)
        guard d >= 0 else { return nil }
        self.days = d
    }

    public init(days: Int) { self.days = max(0, days) }

    public static func < (lhs: TimeToCrime, rhs: TimeToCrime) -> Bool { lhs.days < rhs.days }

    public var years: Double { Double(days) / 365.25 }
    public var bucket: Bucket { Bucket(days: days) }
    public var isUnderOneYear: Bool { days < TimeToCrime.oneYearDays }
    public var isWithinThreeYears: Bool { days <= TimeToCrime.threeYearsDays }

    /// "Under one year": fewer days than this.
    public static let oneYearDays = 365
    /// "Three years or less": at most this many days (three years with a leap day).
    public static let threeYearsDays = 3 * 365 + 1

    /// ATF's Demand Letter 2 threshold: 25 or more traces with a time-to-crime of three years or less
    /// in a calendar year (27 CFR 478.126a program; ATF, "Demand Letter 2 Program" fact sheet).
    public static let demandLetter2Threshold = 25

    /// ATF's time-to-crime ranges. Month boundaries are taken as 30.44 days (365.25 / 12).
    public enum Bucket: Int, CaseIterable, Sendable, Comparable, CustomStringConvertible {
        case under3Months = 0, from3To7Months, from7MonthsTo1Year, from1To2Years, from2To3Years, over3Years

        public init(days: Int) {
            switch Double(days) {
            case ..<(3 * 30.44): self = .under3Months
            case ..<(7 * 30.44): self = .from3To7Months
            case ..<365.25: self = .from7MonthsTo1Year
            case ..<(2 * 365.25): self = .from1To2Years
            case ..<(3 * 365.25): self = .from2To3Years
            default: self = .over3Years
            }
        }

        public static func < (lhs: Bucket, rhs: Bucket) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .under3Months: "< 3 months"
            case .from3To7Months: "3-7 months"
            case .from7MonthsTo1Year: "7 months-1 year"
            case .from1To2Years: "1-2 years"
            case .from2To3Years: "2-3 years"
            case .over3Years: "3+ years"
            }
        }
    }
}
