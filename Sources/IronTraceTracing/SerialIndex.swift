import IronTraceCore
import IronTraceDataset

/// Hashed bucket indexes over the serial numbers of a sales registry, in compact integer form
/// (bucket offsets and sale indices, 4 bytes each), so a lookup never scans the registry.
///
/// - the confusable key (each character folded to its class: 0/O/Q/D, 1/I/L, ...): finds exact
///   serials and misread confusable characters;
/// - the prefix, middle and suffix thirds of the serial, keyed with the serial's length: one edit
///   (substitution, insertion, deletion) leaves the prefix or the suffix intact, and two unknown
///   positions leave at least one third fully readable.
///
/// Buckets may hold other serials (hash collisions); candidates are always verified.
public struct SerialIndex: Sendable {
    struct Table: Sendable {
        var start: [UInt32]
        var entries: [UInt32]
        var mask: UInt64

        func bucket(_ h: UInt64) -> ArraySlice<UInt32> {
            let b = Int(h & mask)
            return entries[Int(start[b])..<Int(start[b + 1])]
        }

        var bytes: Int { start.count * 4 + entries.count * 4 }
    }

    let confusable: Table
    let prefix: Table
    let middle: Table
    let suffix: Table
    public let count: Int

    /// Memory held by the index, in bytes.
    public var bytes: Int { confusable.bytes + prefix.bytes + middle.bytes + suffix.bytes }

    /// The segment boundaries of a serial of length n: [0, a) prefix, [a, b) middle, [b, n) suffix.
    @inline(__always)
    static func cuts(_ n: Int) -> (Int, Int) { (n / 3, n - n / 3) }

    public init(serials: SerialStore) {
        count = serials.count
        var size = 1
        while size < max(serials.count, 1) { size <<= 1 }
        let mask = UInt64(size - 1)
        func build(_ key: (ArraySlice<UInt8>) -> UInt64?) -> Table {
            var hashes = [UInt64](repeating: 0, count: serials.count)
            var counts = [UInt32](repeating: 0, count: size + 1)
            var present = [Bool](repeating: false, count: serials.count)
            for i in 0..<serials.count {
                guard let h = key(serials[i]) else { continue }
                hashes[i] = h
                present[i] = true
                counts[Int(h & mask) + 1] += 1
            }
            for b in 0..<size { counts[b + 1] += counts[b] }
            var fill = counts
            var entries = [UInt32](repeating: 0, count: Int(counts[size]))
            for i in 0..<serials.count where present[i] {
                let b = Int(hashes[i] & mask)
                entries[Int(fill[b])] = UInt32(i)
                fill[b] += 1
            }
            return Table(start: counts, entries: entries, mask: mask)
        }
        confusable = build { s in s.isEmpty ? nil : SerialIndex.hash(s, tag: 1, folded: true) }
        prefix = build { s in
            let (a, _) = SerialIndex.cuts(s.count)
            let lo = s.startIndex
            return a < 2 ? nil : SerialIndex.hash(s[lo..<(lo + a)], tag: 2 &+ UInt64(s.count) << 8, folded: true)
        }
        middle = build { s in
            let (a, b) = SerialIndex.cuts(s.count)
            let lo = s.startIndex
            return b - a < 2
                ? nil : SerialIndex.hash(s[(lo + a)..<(lo + b)], tag: 3 &+ UInt64(s.count) << 8, folded: true)
        }
        suffix = build { s in
            let (_, b) = SerialIndex.cuts(s.count)
            let lo = s.startIndex
            return s.count - b < 2
                ? nil : SerialIndex.hash(s[(lo + b)...], tag: 4 &+ UInt64(s.count) << 8, folded: true)
        }
    }

    /// FNV-1a over the bytes (folded to confusable classes), mixed with a tag.
    @inline(__always)
    static func hash(_ bytes: ArraySlice<UInt8>, tag: UInt64, folded: Bool) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ (tag &* 0x9E37_79B9_7F4A_7C15)
        for b in bytes {
            h ^= UInt64(folded ? SerialNumber.confusableClass(b) : b)
            h &*= 0x100_0000_01b3
        }
        h ^= h >> 29
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    /// Candidate sale indices for a serial in normal form (`?` marks unknown positions), without
    /// duplicates. Probes the confusable key, and the segments of every length within one edit.
    public func candidates(
        for serial: [UInt8],
        exactOnly: Bool = false,
        into out: inout [UInt32],
        seen: inout Set<UInt32>
    ) {
        let unknown = serial.contains(UInt8(ascii: "?"))
        func add(_ slice: ArraySlice<UInt32>) {
            for i in slice where seen.insert(i).inserted { out.append(i) }
        }
        if !unknown {
            add(confusable.bucket(SerialIndex.hash(serial[...], tag: 1, folded: true)))
        }
        if exactOnly && !unknown { return }
        let n = serial.count
        let lengths = unknown ? [n] : [n - 1, n, n + 1]
        for len in lengths where len >= 3 {
            let (a, b) = SerialIndex.cuts(len)
            // Prefix: the first a characters of the request, if all known.
            if a >= 2, a <= n, !serial[0..<a].contains(UInt8(ascii: "?")) {
                add(prefix.bucket(SerialIndex.hash(serial[0..<a], tag: 2 &+ UInt64(len) << 8, folded: true)))
            }
            // Suffix: the last (len - b) characters.
            let sl = len - b
            if sl >= 2, sl <= n, !serial[(n - sl)...].contains(UInt8(ascii: "?")) {
                add(suffix.bucket(SerialIndex.hash(serial[(n - sl)...], tag: 4 &+ UInt64(len) << 8, folded: true)))
            }
            // Middle: only where positions line up (same length).
            if len == n, b - a >= 2, !serial[a..<b].contains(UInt8(ascii: "?")) {
                add(middle.bucket(SerialIndex.hash(serial[a..<b], tag: 3 &+ UInt64(len) << 8, folded: true)))
            }
        }
    }
}
