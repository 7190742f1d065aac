/// Where US-sourced guns recovered in Mexico were first sold: the source states of Mexican traces
/// with a purchase found, 2015-2022 records. Texas over 40%, then Arizona, California and New Mexico
/// (ATF Mexico trace data as summarised by GAO-21-322 and ATF's Mexico country reports); the other
/// states share the remaining 24%.
public enum MexicoSourceStates {
    public static let shares: [(usps: String, share: Double)] = [
        ("TX", 0.42), ("AZ", 0.17), ("CA", 0.12), ("NM", 0.05),
    ]
    /// The share left to every other state together.
    public static var remainder: Double { 1 - shares.reduce(0) { $0 + $1.share } }
}
