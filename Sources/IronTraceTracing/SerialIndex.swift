import IronTraceCore
import IronTraceDataset

/// Hashed bucket indexes over the serial numbers of a sales registry, in compact integer form
/// (4-byte sale indices, one bucket per two sales), so a lookup never scans the registry. Keys fold
/// the characters readers confuse (0/O/Q/D, 1/I/L, 5/S, 8/B, 2/Z, 6/G) and carry the length.
///
/// A serial of length n is cut into quarters q1 q2 | q3 q4 (halves h1 = q1q2, h2 = q3q4).
/// - Four *edit keys* cover three quarters each: h1+q3, h1+q4, h2+q1, h2+q2. One edit (substitution,
///   insertion, deletion) lies in one quarter, so one key stays intact; parts of h2 and q2 are read
///   from the end of the serial and parts of h1 and q3 from the start, so an insertion or deletion
///   elsewhere does not shift them. Every key holds three quarters of the characters, so makers'
///   constant prefixes ("38SS", "M92PV") never make a key unselective.
/// - Three *pattern keys* for partly obliterated serials: the positions i with i mod 3 = 0, 1, 2.
///   Two unknown positions fall in at most two of the classes, so one is always readable, and
///   interleaving mixes a maker's constant characters with variable ones.
///
/// Buckets may hold other serials (hash collisions); candidates are always verified.
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

    /// A part of a key: a range of positions, read from the start or from the end of the serial.
    struct Part {
        var range: Range<Int>
        var fromEnd: Bool
    }

    enum Key: UInt64, CaseIterable {
        case h1q3 = 1, h1q4, h2q1, h2q2, residue0, residue1, residue2

        /// The key's parts in a serial of length n, or nil when the key is not defined for n.
        func parts(_ n: Int) -> [Part]? {
            guard n >= 3 else { return nil }
            let h = n / 2
            let q1 = 0..<(h / 2)
            let q2 = (h / 2)..<h
            let q3 = h..<(h + (n - h) / 2)
            let q4 = (h + (n - h) / 2)..<n
            switch self {
            case .h1q3: return [Part(range: 0..<h, fromEnd: false), Part(range: q3, fromEnd: false)]
            case .h1q4: return [Part(range: 0..<h, fromEnd: false), Part(range: q4, fromEnd: true)]
            case .h2q1: return [Part(range: h..<n, fromEnd: true), Part(range: q1, fromEnd: false)]
            case .h2q2: return [Part(range: h..<n, fromEnd: true), Part(range: q2, fromEnd: true)]
            case .residue0, .residue1, .residue2:
                let r = Int(rawValue - Key.residue0.rawValue)
                let positions = stride(from: r, to: n, by: 3).map { Part(range: $0..<($0 + 1), fromEnd: false) }
                return positions.count >= 2 ? positions : nil
            }
        }
    }

    let tables: [Table]
    public let count: Int

    /// Memory held by the index, in bytes.
    public var bytes: Int { tables.reduce(0) { $0 + $1.bytes } }

    public init(serials: SerialStore) {
        count = serials.count
        let buckets = max(serials.count / 2, 1)
        var built: [Table] = []
        var hashes = [UInt64](repeating: 0, count: serials.count)
        var present = [Bool](repeating: false, count: serials.count)
        for key in Key.allCases {
            var counts = [UInt32](repeating: 0, count: buckets + 1)
            for i in 0..<serials.count {
                let s = serials[i]
                present[i] = false
                guard let parts = key.parts(s.count),
                    let h = SerialIndex.hash(s, parts, key: key, length: s.count, shift: 0)
                else { continue }
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

    /// FNV-1a over the parts' bytes, folded to confusable classes, mixed with the key and the
    /// length it was cut for. `shift` moves end-anchored parts (request length minus registry
    /// length). Nil when a part falls outside the bytes or holds an unknown position.
    @inline(__always)
    static func hash(_ s: ArraySlice<UInt8>, _ parts: [Part], key: Key, length: Int, shift: Int) -> UInt64? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ ((key.rawValue | UInt64(length) << 8) &* 0x9E37_79B9_7F4A_7C15)
        let base = s.startIndex
        for p in parts {
            let lo = p.range.lowerBound + (p.fromEnd ? shift : 0)
            let hi = p.range.upperBound + (p.fromEnd ? shift : 0)
            guard lo >= 0, hi <= s.count else { return nil }
            for k in lo..<hi {
                let b = s[base + k]
                if b == UInt8(ascii: "?") { return nil }
                h ^= UInt64(SerialNumber.confusableClass(b))
                h &*= 0x100_0000_01b3
            }
            h ^= 0xFF
            h &*= 0x100_0000_01b3
        }
        h ^= h >> 29
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    func probe(_ key: Key, _ q: ArraySlice<UInt8>, registryLength len: Int, into out: inout [UInt32]) -> Bool {
        guard let parts = key.parts(len),
            let h = SerialIndex.hash(q, parts, key: key, length: len, shift: q.count - len)
        else { return false }
        out.append(contentsOf: tables[Int(key.rawValue - 1)].bucket(h))
        return true
    }

    /// Candidate sale indices for a serial in normal form (`?` marks unknown positions).
    /// With `sameLengthOnly`, one probe finds exact and confusable matches; otherwise every edit key
    /// at lengths within one edit (and the smallest readable key for patterns).
    public func candidates(for serial: [UInt8], sameLengthOnly: Bool, into out: inout [UInt32]) {
        let q = serial[...]
        let n = serial.count
        if serial.contains(UInt8(ascii: "?")) {

            // The right serial matches every readable position, so any readable key finds it: scan
            // only the smallest of the readable keys' buckets (bucket sizes cost nothing to read).
            var best: ArraySlice<UInt32>?
            for key in Key.allCases {
                guard let parts = key.parts(n), let h = SerialIndex.hash(q, parts, key: key, length: n, shift: 0) else {
                    continue
                }
                let bucket = tables[Int(key.rawValue - 1)].bucket(h)
                if best == nil || bucket.count < best!.count { best = bucket }
            }
            if let best { out.append(contentsOf: best) }
            return
        }
        if sameLengthOnly {
            _ = probe(.h1q3, q, registryLength: n, into: &out)
            return
        }
        for len in [n, n - 1, n + 1] where len >= 3 {
            for key in [Key.h1q3, .h1q4, .h2q1, .h2q2] { _ = probe(key, q, registryLength: len, into: &out) }
        }
        // A swap inside one quarter leaves a three-quarter key intact; one across a quarter boundary
        // breaks them all, so the three boundary swaps are looked up as written (a serial of three
        // characters has two boundaries, and no key survives either swap).
        guard n >= 3 else { return }
        let h = n / 2
        var swapped = serial
        for b in [h / 2, h, h + (n - h) / 2] where b >= 1 && b < n && serial[b - 1] != serial[b] {
            swapped.swapAt(b - 1, b)
            _ = probe(.h1q3, swapped[...], registryLength: n, into: &out)
            swapped.swapAt(b - 1, b)
        }
    }
}
