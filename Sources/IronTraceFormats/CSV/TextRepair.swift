/// Repairs of text decoding accidents found in real public files.
public enum TextRepair {
    /// Mac OS Roman code points for bytes 0x80-0xFF.
    static let macRoman: [UInt32] = [
        0xC4, 0xC5, 0xC7, 0xC9, 0xD1, 0xD6, 0xDC, 0xE1, 0xE0, 0xE2, 0xE4, 0xE3, 0xE5, 0xE7, 0xE9, 0xE8,
        0xEA, 0xEB, 0xED, 0xEC, 0xEE, 0xEF, 0xF1, 0xF3, 0xF2, 0xF4, 0xF6, 0xF5, 0xFA, 0xF9, 0xFB, 0xFC,
        0x2020, 0xB0, 0xA2, 0xA3, 0xA7, 0x2022, 0xB6, 0xDF, 0xAE, 0xA9, 0x2122, 0xB4, 0xA8, 0x2260, 0xC6, 0xD8,
        0x221E, 0xB1, 0x2264, 0x2265, 0xA5, 0xB5, 0x2202, 0x2211, 0x220F, 0x3C0, 0x222B, 0xAA, 0xBA, 0x3A9, 0xE6,
        0xF8,
        0xBF, 0xA1, 0xAC, 0x221A, 0x192, 0x2248, 0x2206, 0xAB, 0xBB, 0x2026, 0xA0, 0xC0, 0xC3, 0xD5, 0x152, 0x153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0xF7, 0x25CA, 0xFF, 0x178, 0x2044, 0x20AC, 0x2039, 0x203A,
        0xFB01, 0xFB02,
        0x2021, 0xB7, 0x201A, 0x201E, 0x2030, 0xC2, 0xCA, 0xC1, 0xCB, 0xC8, 0xCD, 0xCE, 0xCF, 0xCC, 0xD3, 0xD4,
        0xF8FF, 0xD2, 0xDA, 0xDB, 0xD9, 0x131, 0x2C6, 0x2DC, 0xAF, 0x2D8, 0x2D9, 0x2DA, 0xB8, 0x2DD, 0x2DB, 0x2C7,
    ]

    /// The number of entries in the Mac Roman table (128: bytes 0x80-0xFF).
    public static var macRomanTableSize: Int { macRoman.count }

    static let macRomanInverse: [UInt32: UInt8] = {
        var d: [UInt32: UInt8] = [:]
        for (i, cp) in macRoman.enumerated() { d[cp] = UInt8(0x80 + i) }
        return d
    }()

    /// Undoes Latin-1 text that was read as Mac OS Roman and saved as UTF-8 (SESNSP's `AÒo` for
    /// `Año`, `Michoac·n` for `Michoacán`): each character goes back to its Mac Roman byte, read as
    /// Latin-1. Characters with no Mac Roman byte are kept.
    public static func repairMacRomanMojibake(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x80 }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar.value >= 0x80, let b = macRomanInverse[scalar.value] {
                out.append(Unicode.Scalar(b))
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a sample of text looks like Mac Roman mojibake of Spanish: mojibake characters
    /// between lower-case letters ("AÒo", "jurÌdico") and no correctly accented Spanish letters.
    public static func looksLikeMacRomanMojibake(_ sample: String) -> Bool {
        let suspects: Set<Character> = ["Ò", "·", "Ì", "Û", "˙", "È", "‡", "Ó"]
        let proper: Set<Character> = ["á", "é", "í", "ó", "ú", "ñ"]
        var hits = 0
        let chars = Array(sample.prefix(200_000))
        for i in 1..<max(1, chars.count - 1) {
            if proper.contains(chars[i]) { return false }
            if suspects.contains(chars[i]), chars[i - 1].isLetter, chars[i + 1].isLetter, chars[i + 1].isLowercase {
                hits += 1
            }
        }
        return hits >= 2
    }
}
