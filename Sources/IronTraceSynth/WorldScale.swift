/// The sizes of demo world.
public enum WorldScale: String, CaseIterable, Sendable {
    /// For tests: about 20,000 sales.
    case tiny
    /// The default demo: about 200,000 sales and 25,000 recoveries, generated in seconds.
    case small
    /// About 2 million sales.
    case medium
    /// About 10 million sales, for benchmarks.
    case large

    public var sales: Int {
        switch self {
        case .tiny: 20_000
        case .small: 200_000
        case .medium: 2_000_000
        case .large: 10_000_000
        }
    }

    public var recoveries: Int { sales / 8 }

    public var dealers: Int {
        switch self {
        case .tiny: 400
        case .small: 3_000
        case .medium: 15_000
        case .large: 50_000
        }
    }

    /// Trafficking schemes planted.
    public var schemes: Int { max(12, sales / 1_300) }
}
