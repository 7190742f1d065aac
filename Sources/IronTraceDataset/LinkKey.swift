/// Keys that say two people share an address or a phone number without keeping the text: a 64-bit
/// FNV-1a hash of a normalised form (letters and digits upper-cased, runs of anything else folded to
/// one space; phones reduced to their last ten digits). Equal keys mean equal normalised text up to a
/// collision chance of about n²/2⁶⁵ (10⁻⁶ for ten million people). 0 means "none".
public enum LinkKey {
    public static func address(street: String, city: String, state: String, zip: String) -> UInt64 {
        let streetPart = normalised(street)
        guard !streetPart.isEmpty else { return 0 }
        let zip5 = String(normalised(zip).prefix(5))
        return hash(streetPart + "|" + normalised(city) + "|" + normalised(state) + "|" + zip5)
    }

    public static func phone(_ text: String) -> UInt64 {
        let digits = text.unicodeScalars.filter { $0.properties.numericType == .decimal && $0.isASCII }
        guard digits.count >= 7 else { return 0 }
        return hash(String(String.UnicodeScalarView(digits.suffix(10))))
    }

    /// Upper-cased letters and digits; any run of other characters becomes a single space.
    static func normalised(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for u in text.unicodeScalars {
            if u.properties.isAlphabetic || u.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(contentsOf: String(u).uppercased().unicodeScalars)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        return h == 0 ? 1 : h
    }
}
