/// SplitMix64: small, fast, and seeded, so iteration `n` of reader `r` under seed `s` is the same
/// input on every machine (a crash is replayed with `--seed s --start n`).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The generator for one iteration: independent of every other iteration.
    static func forIteration(seed: UInt64, reader: String, iteration: Int) -> SplitMix64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in reader.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        var g = SplitMix64(seed: seed ^ h ^ (UInt64(truncatingIfNeeded: iteration) &* 0xD6E8_FEB8_6659_FD93))
        _ = g.next()
        return g
    }
}

/// Byte-level mutations aimed at what the readers parse: numbers, quotes, delimiters, line ends,
/// encodings and sizes.
struct Mutator {
    /// Tokens that broke or could break readers: non-finite and huge numbers, negative ids, quotes,
    /// NUL, line ends, invalid UTF-8 and Latin-1 bytes, XML cell references and indexes.
    static let tokens: [[UInt8]] = {
        var t: [[UInt8]] = [
            "1e309", "-1e309", "-1", "0", "inf", "-inf", "nan", "NaN", "Infinity", "9999999999999999999999",
            "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1e20", "1e9", "1000000001",
            "0x1p3", "1.5", "-0", "+5", ".", "1,2", "2015", "1900", "99999", "00", "32", "33", " 14 001 ",
            " 99 9999999999 ",
            "=CONCATENAR(0,99)", "Total", "TOTAL", "FUENTE", "Texas", "\"", "\"\"", "\",\"", ",", ";", "\t", "|",
            "\r\n", "\r", "\n", "\n\n", "XFD99999999999", "A0", "ZZZZZZZZZZZZ1", "t=\"s\"", "<v>-1</v>",
            "<c r=\"A1\" t=\"s\"><v>-1</v></c>", "<c r=\"XFD1048577\"><v>1</v></c>", "<v>1e309</v>", "&amp;", "&#0;",
            "<![CDATA[x]]>", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>", "&a;", "</row>", "<row r=\"99999999999\">",
            "2017-02-30", "0000-00-00", "9999-12-31", "MX-99", "MX-14999", "US-ZZ", "5-74-123-01-2K-12345",
        ].map { Array($0.utf8) }
        t += [[0], [0xFF], [0xC3, 0x28], [0xE9], [0xF1], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0xC3, 0xB1]]
        return t
    }()

    var rng: SplitMix64

    mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }

    /// One to four stacked mutations of `input` (or a splice with `other`).
    mutating func mutate(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0..<(1 + int(4)) { b = mutateOnce(b, other: other) }
        return b
    }

    private mutating func lineRanges(_ b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, c) in b.enumerated() where c == 10 {
            out.append(start..<(i + 1))
            start = i + 1
        }
        if start < b.count { out.append(start..<b.count) }
        return out
    }

    private func delimiter(_ b: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        for c in b.prefix(4096) where c == 44 || c == 59 || c == 9 || c == 124 { counts[c, default: 0] += 1 }
        return counts.max { $0.value < $1.value }?.key ?? 44
    }

    private mutating func mutateOnce(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var b = input
        let token = Mutator.tokens[int(Mutator.tokens.count)]
        switch int(16) {
        case 0:  // flip a bit
            if !b.isEmpty { b[int(b.count)] ^= UInt8(1 << int(8)) }
        case 1:  // a random byte
            if !b.isEmpty { b[int(b.count)] = UInt8(truncatingIfNeeded: rng.next()) }
        case 2, 3:  // insert a token anywhere
            b.insert(contentsOf: token, at: int(b.count + 1))
        case 4, 5, 6:  // replace one field of one line with a token (reaches the number parsers)
            let lines = lineRanges(b)
            guard !lines.isEmpty else { break }
            let line = lines[int(lines.count)]
            let d = delimiter(b)
            var fields: [Range<Int>] = []
            var s = line.lowerBound
            for i in line where b[i] == d || b[i] == 10 || b[i] == 13 {
                fields.append(s..<i)
                s = i + 1
            }
            if s < line.upperBound { fields.append(s..<line.upperBound) }
            guard !fields.isEmpty else { break }
            b.replaceSubrange(fields[int(fields.count)], with: token)
        case 7:  // truncate
            b.removeSubrange(int(b.count + 1)..<b.count)
        case 8:  // duplicate a line
            let lines = lineRanges(b)
            if let l = lines.isEmpty ? nil : lines[int(lines.count)] {
                let copy = Array(b[l])
                b.insert(contentsOf: copy, at: lines[int(lines.count)].lowerBound)
            }
        case 9:  // delete a line
            let lines = lineRanges(b)
            if !lines.isEmpty { b.removeSubrange(lines[int(lines.count)]) }
        case 10:  // add a field (a delimiter) or remove one
            let d = delimiter(b)
            if chance(50) {
                b.insert(d, at: int(b.count + 1))
            } else if let i = b.indices.filter({ b[$0] == d }).randomElement(using: &rng) {
                b.remove(at: i)
            }
        case 11:  // line ends: LF → CRLF or CR
            let cr: [UInt8] = chance(50) ? [13, 10] : [13]
            var out: [UInt8] = []
            out.reserveCapacity(b.count + b.count / 20)
            for c in b { if c == 10 { out += cr } else { out.append(c) } }
            b = out
        case 12:  // a long field (rarely past the 1 MiB limit: that costs time)
            let n = chance(3) ? (1 << 20) + 10 + int(1000) : 1000 + int(70_000)
            b.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "7"), count: n), at: int(b.count + 1))
        case 13:  // encoding damage: invalid UTF-8, Latin-1, NUL
            let bytes: [[UInt8]] = [[0], [0xFF, 0xFE], [0xC3], [0xE9], [0xF1], [0x80], [0xF4, 0x90, 0x80, 0x80]]
            b.insert(contentsOf: bytes[int(bytes.count)], at: int(b.count + 1))
        case 14:  // splice with another seed
            let cut = int(b.count + 1)
            let from = int(other.count + 1)
            b = Array(b[..<cut]) + Array(other[from...])
        default:  // an unbalanced quote
            b.insert(UInt8(ascii: "\""), at: int(b.count + 1))
        }
        // Keep inputs small enough to run thousands per second (long fields excepted).
        if b.count > 4 << 20 { b.removeSubrange((4 << 20)..<b.count) }
        return b
    }
}
