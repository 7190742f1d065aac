import Crypto
import IronTraceCore

/// Keys that say two people share an address or a phone number without keeping the text: a keyed
/// hash (HMAC-SHA256 under the database's ``LinkSecret``, first 64 bits) of a normalised form
/// (letters and digits upper-cased, runs of anything else folded to one space; phones reduced to
/// their last ten digits). Equal keys mean equal normalised text up to a collision chance of about
/// n²/2⁶⁵ (10⁻⁶ for ten million people). 0 means "none".
///
/// The hash is keyed so that a key (or the short id a link chart shows, `phone:<hex>`) cannot be
/// turned back into the phone number or address by hashing candidates: the phone numbers of one
/// area code are only ten million, and an unkeyed hash of them is searched in seconds. Without the
/// secret, which stays in the database and is never exported or shown, the search has nothing to
/// compare with; two databases give the same phone different keys.
public enum LinkKey {
    public static func address(street: String, city: String, state: String, zip: String, secret: LinkSecret)
        -> UInt64
    {
        var n = NormalisedText()
        n.bytes.append(contentsOf: "address:".utf8)
        // Street types and directions standardised ("North Main Street" is "N MAIN ST").
        guard n.addNormalised(StreetAddress.standardized(street)) else { return 0 }
        n.bytes.append(UInt8(ascii: "|"))
        n.addNormalised(city)
        n.bytes.append(UInt8(ascii: "|"))
        n.addNormalised(state)
        n.bytes.append(UInt8(ascii: "|"))
        var digits = 0
        for b in zip.utf8 where b >= 0x30 && b <= 0x39 && digits < 5 {
            n.bytes.append(b)
            digits += 1
        }
        return secret.key(n.bytes)
    }

    public static func phone(_ text: String, secret: LinkSecret) -> UInt64 {
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        for b in text.utf8 where b >= 0x30 && b <= 0x39 { digits.append(b) }
        guard digits.count >= 7 else { return 0 }
        var n = NormalisedText()
        n.bytes.append(contentsOf: "phone:".utf8)
        n.bytes.append(contentsOf: digits.suffix(10))
        return secret.key(n.bytes)
    }

    /// The bytes of the normalised text that are hashed.
    struct NormalisedText {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(96) }

        /// Adds the normalised form of `text`: ASCII letters and digits upper-cased, other letters
        /// and digits upper-cased through Unicode, anything else folded into single spaces. Returns
        /// whether it held any letter or digit.
        @discardableResult
        mutating func addNormalised(_ text: String) -> Bool {
            var wrote = false
            var pendingSpace = false
            func emit(_ more: some Sequence<UInt8>) {
                if pendingSpace && wrote { bytes.append(UInt8(ascii: " ")) }
                pendingSpace = false
                wrote = true
                bytes.append(contentsOf: more)
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

/// The secret that keys a database's ``LinkKey`` hashes: 32 random bytes made when the database is
/// created, kept in it (never in an export) and handed to the ``Dataset`` built from it. Tests and
/// benchmarks that build a snapshot without a store make one with ``random()`` or from fixed bytes.
public struct LinkSecret: Sendable {
    /// The key XOR-ed with HMAC's inner and outer pads (RFC 2104; the key is at most one 64-byte
    /// SHA-256 block), kept so that each hash does no key set-up: plain bytes, so `Sendable`.
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]

    /// A secret from its bytes (16 to 64).
    public init(bytes: some Sequence<UInt8>) {
        var key = Array(bytes.prefix(64))
        key += [UInt8](repeating: 0, count: 64 - key.count)
        innerPad = key.map { $0 ^ 0x36 }
        outerPad = key.map { $0 ^ 0x5c }
    }

    /// 32 fresh random bytes from the system's generator.
    public static func random() -> LinkSecret { LinkSecret(bytes: randomBytes()) }

    /// 32 random bytes from the system's generator (what a new database stores).
    public static func randomBytes() -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    /// The first 64 bits of HMAC-SHA256 of `text`; never 0 (0 means "none").
    func key(_ text: [UInt8]) -> UInt64 {
        var inner = SHA256()
        inner.update(data: innerPad)
        inner.update(data: text)
        var outer = SHA256()
        outer.update(data: outerPad)
        outer.update(data: Array(inner.finalize()))
        let k = outer.finalize().withUnsafeBytes { UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)) }
        return k == 0 ? 1 : k
    }
}
