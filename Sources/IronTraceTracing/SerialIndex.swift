import IronTraceCore
import IronTraceDataset

/// Hashed bucket indexes over the serial numbers of a sales registry, in compact integer form
/// (bucket offsets and sale indices, 4 bytes each, one bucket per sale), so a lookup never scans
/// the registry. Keys fold characters readers confuse (0/O/Q/D, 1/I/L, 5/S, 8/B, 2/Z, 6/G) and
/// carry the serial's length.
///
/// - halves: the first and the last half of the serial. An exact serial, a confusable misread or
///   one edit (substitution, insertion, deletion) leaves at least one half intact.
/// - thirds: for partly obliterated serials with two unknown positions, at least one of the three
///   thirds is fully readable.
///
/// Buckets may hold other serials (hash collisions, shared segments); candidates are verified.
public struct SerialIndex: Sendable {
    struct Table: Sendable {
        var start: [UInt32]
        var entries: [UInt32]

        @inline(__always)
        func bucket(_ h: UInt64) -> ArraySlice<UInt32> {
            let b = Int(h.multipliedFullWidth(by: UInt64(start.count - 1)).high)
            return entries[Int(start[b])..<Int(start[b + 1])]
        }

        var bytes: Int { start.count * 4 + entries.count * 4 }
    }

    enum Segment: UInt64, CaseIterable {
        case firstHalf = 1, lastHalf, firstThird, middleThird, lastThird

        /// The segment's range within a serial of length n, or nil when it is shorter than 2.
        func range(_ n: Int) -> Range<Int>? {
            let r: Range<Int>
            switch self {
            case .firstHalf: r = 0..<(n / 2)
            case .lastHalf: r = (n / 2)..<n
            case .firstThird: r = 0..<(n / 3)
            case .middleThird: r = (n / 3)..<(n - n / 3)
            case .lastThird: r = (n - n / 3)..<n
            }
            return r.count >= 2 ? r : nil
        }
    }

    let tables: [Table]
    public let count: Int

    /// Memory held by the index, in bytes.
    public var bytes: Int { tables.reduce(0) { $0 + $1.bytes } }

    public init(serials: SerialStore) {
        count = serials.count
        let buckets = max(serials.count, 1)
        var built: [Table] = []
        for segment in Segment.allCases {
            var hashes = [UInt64](repeating: 0, count: serials.count)
            var counts = [UInt32](repeating: 0, count: buckets + 1)
            var present = [Bool](repeating: false, count: serials.count)
            for i in 0..<serials.count {
                let s = serials[i]
                guard let r = segment.range(s.count) else { continue }
                let h = SerialIndex.hash(s, r, segment: segment, length: s.count)
                hashes[i] = h
                present[i] = true
                counts[Int(h.multipliedFullWidth(by: UInt64(buckets)).high) + 1] += 1
            }
            for b in 0..<buckets { counts[b + 1] += counts[b] }
            var fill = counts
            var entries = [UInt32](repeating: 0, count: Int(counts[buckets]))
            for i in 0..<serials.count where present[i] {
                let b = Int(hashes[i].multipliedFullWidth(by: UInt64(buckets)).high)
                entries[Int(fill[b])] = UInt32(i)
                fill[b] += 1
            }
            built.append(Table(start: counts, entries: entries))
        }
        tables = built
    }

    /// FNV-1a over a segment's bytes folded to confusable classes, mixed with the segment and the
    /// serial's length.
    @inline(__always)
    static func hash(_ s: ArraySlice<UInt8>, _ r: Range<Int>, segment: Segment, length: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ ((segment.rawValue | UInt64(length) << 8) &* 0x9E37_79B9_7F4A_7C15)
        let base = s.startIndex
        for k in r {
            h ^= UInt64(SerialNumber.confusableClass(s[base + k]))
            h &*= 0x100_0000_01b3
        }
        h ^= h >> 29
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    /// Candidate sale indices for a serial in normal form (`?` marks unknown positions).
    /// With `sameLengthOnly`, only the halves of the serial's own length are probed (exact and
    /// confusable matches); otherwise lengths within one edit too, and the thirds for patterns.
    public func candidates(for serial: [UInt8], sameLengthOnly: Bool, into out: inout [UInt32]) {
        let unknown = UInt8(ascii: "?")
        let n = serial.count
        let q = serial[...]
        func probe(_ segment: Segment, length: Int, from offset: Int) {
            guard let r = segment.range(length) else { return }
            let shifted = (r.lowerBound + offset)..<(r.upperBound + offset)
            guard shifted.lowerBound >= 0, shifted.upperBound <= n else { return }
            for k in shifted where q[k] == unknown { return }
            // Hash the request's bytes at the shifted position as if they sat at r.
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ ((segment.rawValue | UInt64(length) << 8) &* 0x9E37_79B9_7F4A_7C15)
            for k in shifted {
                h ^= UInt64(SerialNumber.confusableClass(q[k]))
                h &*= 0x100_0000_01b3
            }
            h ^= h >> 29
            h &*= 0xBF58_476D_1CE4_E5B9
            h ^= h >> 32
            out.append(contentsOf: tables[Int(segment.rawValue - 1)].bucket(h))
        }
        let isPattern = serial.contains(unknown)
        if isPattern {
            // Same length only; halves first, thirds when both halves hold an unknown position.
            let before = out.count
            probe(.firstHalf, length: n, from: 0)
            probe(.lastHalf, length: n, from: 0)
            if out.count == before {
                probe(.firstThird, length: n, from: 0)
                probe(.middleThird, length: n, from: 0)
                probe(.lastThird, length: n, from: 0)
            }
            return
        }
        probe(.firstHalf, length: n, from: 0)
        probe(.lastHalf, length: n, from: 0)
        if sameLengthOnly { return }
        // A registry serial one longer (the request lost a character) or one shorter (it gained one):
        // its first half lines up at the start of the request, its last half at the end.
        for len in [n - 1, n + 1] where len >= 4 {
            probe(.firstHalf, length: len, from: 0)
            probe(.lastHalf, length: len, from: n - len)
        }
    }
}
