/// Dictionary encoding of a string column: each distinct string once, rows hold integer codes.
public struct StringPool: Sendable {
    public private(set) var strings: [String] = []
    private var codes: [String: Int32] = [:]

    public init() {}

    /// A pool of these strings in this order (a persisted snapshot's); nil when one repeats.
    public init?(strings: [String]) {
        var codes: [String: Int32] = [:]
        codes.reserveCapacity(strings.count)
        for (i, s) in strings.enumerated() {
            guard codes.updateValue(Int32(i), forKey: s) == nil else { return nil }
        }
        self.strings = strings
        self.codes = codes
    }

    /// The code of a string, adding it when new.
    public mutating func code(_ s: String) -> Int32 {
        if let c = codes[s] { return c }
        let c = Int32(strings.count)
        strings.append(s)
        codes[s] = c
        return c
    }

    /// The code of a string already in the pool.
    public func lookup(_ s: String) -> Int32? { codes[s] }

    public subscript(code: Int32) -> String { strings[Int(code)] }
    public var count: Int { strings.count }
}
