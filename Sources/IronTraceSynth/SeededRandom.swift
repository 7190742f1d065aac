/// SplitMix64: a small, fast, seedable generator. The same seed gives the same sequence on every
/// platform, which is what makes the demo world byte-for-byte reproducible.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform integer in `0..<n`.
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    public mutating func between(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An exponential variate with the given mean.
    public mutating func exponential(mean: Double) -> Double { -mean * log1p(-unit()) }

    /// A log-normal variate: exp(N(mu, sigma)) by Box-Muller.
    public mutating func logNormal(mu: Double, sigma: Double) -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        let n = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return exp(mu + sigma * n)
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Weighted choice over a fixed set of weights by binary search on the cumulative sums.
struct WeightedChoice: Sendable {
    private let cumulative: [Double]
    var isEmpty: Bool { cumulative.last ?? 0 <= 0 }

    init(_ weights: [Double]) {
        var c: [Double] = []
        c.reserveCapacity(weights.count)
        var s = 0.0
        for w in weights {
            s += max(0, w)
            c.append(s)
        }
        cumulative = c
    }

    func pick(_ rng: inout SeededRandom) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let x = rng.unit() * total
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
