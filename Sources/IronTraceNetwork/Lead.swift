import IronTraceCore

/// A candidate trafficking scheme: the people, guns, dealers, recoveries and events it is made of,
/// its score, and the indicators behind the score.
public struct Lead: Sendable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// Two or more purchasers tied by an address, a phone or a gun found with one of them.
        case strawRing = "straw-ring"
        /// One purchaser buying many guns, often at several dealers, that turn up in crimes.
        case unlicensedDealing = "unlicensed-dealing"
        /// Guns traced to one dealer with no record of their sale, recovered close together in time.
        case dealerTheft = "theft-from-dealer"

        public var title: String {
            switch self {
            case .strawRing: "straw-purchase ring"
            case .unlicensedDealing: "unlicensed dealing"
            case .dealerTheft: "theft or missing inventory at a dealer"
            }
        }
    }

    /// One indicator's part in the score.
    public struct Reason: Sendable {
        public var indicator: Indicator
        public var count: Int
        public var points: Double
        /// What was counted, in English ("3 of 5 recovered guns, median time-to-crime 120 days");
        /// the fields below carry its numbers for other languages.
        public var detail: String
        /// What the count is out of: the lead's recovered guns, or its guns for purchase patterns
        /// (and for `many-guns`, the guns bought).
        public var of: Int = 0
        /// Median days from sale to recovery of the lead's recovered guns (time-to-crime reasons).
        public var medianDays: Int?
        /// Days from sale to recovery of the quickest recovered multiple-sale gun.
        public var soonestDays: Int?
    }

    /// 1 for the highest score.
    public var rank: Int
    public var kind: Kind
    public var score: Double
    /// Largest contribution first.
    public var reasons: [Reason]
    /// Rows in the dataset's person, sale, recovery, licensee and event columns.
    public var persons: [Int]
    public var firearms: [Int]
    public var recoveries: [Int]
    public var dealers: [Int]
    public var events: [Int]
    /// First purchase (or recovery) and last recovery (or purchase), day numbers.
    public var firstDay: Int32
    public var lastDay: Int32

    public func has(_ indicator: Indicator) -> Bool { reasons.contains { $0.indicator == indicator } }
    public var firstDate: CivilDate { CivilDate(dayNumber: firstDay) }
    public var lastDate: CivilDate { CivilDate(dayNumber: lastDay) }
}
