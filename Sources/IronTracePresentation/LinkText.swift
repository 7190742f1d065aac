/// Text for links the charts and pages draw: query keys and values percent-encoded.
public enum LinkText {
    /// Percent-encoding of a query key or value: the unreserved characters of RFC 3986 (ASCII
    /// letters, digits, `-._~`) as they are, every other byte of the UTF-8 text as `%XX`. Every link
    /// of a paged list goes through this, so it builds no `CharacterSet` and stays off Foundation.
    public static func encode(_ s: String) -> String {
        func unreserved(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                return true
            default: return false
            }
        }
        let utf8 = s.utf8
        guard !utf8.allSatisfy(unreserved) else { return s }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count * 3)
        for b in utf8 {
            if unreserved(b) {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
