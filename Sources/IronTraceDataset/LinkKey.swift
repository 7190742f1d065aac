/// Keys that say two people share an address or a phone number without keeping the text: a 64-bit
/// FNV-1a hash of a normalised form (letters and digits upper-cased, runs of anything else folded to
/// one space; phones reduced to their last ten digits). Equal keys mean equal normalised text up to a
/// collision chance of about n²/2⁶⁵ (10⁻⁶ for ten million people). 0 means "none".
public enum LinkKey {
    public static func address(street: String, city: String, state: String, zip: String) -> UInt64 {
        var h = FNV()
        guard h.addNormalised(street) else { return 0 }
        h.add(UInt8(ascii: "|"))
        h.addNormalised(city)
        h.add(UInt8(ascii: "|"))
        h.addNormalised(state)
        h.add(UInt8(ascii: "|"))
        var digits = 0
        for b in zip.utf8 where b >= 0x30 && b <= 0x39 && digits < 5 {
            h.add(b)
            digits += 1
        }
        return h.value
    }

    public static func phone(_ text: String) -> UInt64 {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        for b in text.utf8 where b >= 0x30 && b <= 0x39 { digits.append(b) }
        guard digits.count >= 7 else { return 0 }
        var h = FNV()
        for b in digits.suffix(10) { h.add(b) }
        return h.value
    }

    /// FNV-1a over the bytes of the normalised text.
    struct FNV {
        private var h: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ b: UInt8) {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }

        var value: UInt64 { h == 0 ? 1 : h }

        /// Adds the normalised form of `text`: ASCII letters and digits upper-cased, other letters
        /// and digits upper-cased through Unicode, anything else folded into single spaces. Returns
        /// whether it held any letter or digit.
        @discardableResult
        mutating func addNormalised(_ text: String) -> Bool {
            var wrote = false
            var pendingSpace = false
            func emit(_ bytes: some Sequence<UInt8>) {
                if pendingSpace && wrote { add(UInt8(ascii: " ")) }
                pendingSpace = false
                wrote = true
                for b in bytes { add(b) }
            }
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                for b in text.utf8 {
                    switch b {
                    case 0x30...0x39, 0x41...0x5A: emit(CollectionOfOne(b))
                    case 0x61...0x7A: emit(CollectionOfOne(b - 0x20))
                    default: pendingSpace = true
                    }
                }
            } else {
                for u in text.unicodeScalars {
                    if u.properties.isAlphabetic || u.properties.numericType != nil {
                        emit(String(u).uppercased().utf8)
                    } else {
                        pendingSpace = true
                    }
                }
            }
            return wrote
        }
    }
}
