import IronTraceCore
import IronTraceDataset

/// The registry's serial numbers in normal form, packed into one byte buffer with offsets: about
/// 12 bytes per sale instead of a heap object each.
public struct SerialStore: Sendable {
    var bytes: [UInt8]
    var offsets: [UInt32]

    public init(_ serials: some Sequence<String>) {
        bytes = []
        offsets = [0]
        for s in serials {
            bytes.append(contentsOf: s.utf8)
            offsets.append(UInt32(bytes.count))
        }
    }

    /// The serials of the sales in a dataset, in sale order.
    public init(dataset d: Dataset) {
        bytes = []
        bytes.reserveCapacity(d.sales.count * 9)
        offsets = [0]
        offsets.reserveCapacity(d.sales.count + 1)
        for code in d.sales.serial {
            bytes.append(contentsOf: d.strings[code].utf8)
            offsets.append(UInt32(bytes.count))
        }
    }

    public var count: Int { offsets.count - 1 }
    public var byteSize: Int { bytes.count + offsets.count * 4 }

    public subscript(i: Int) -> ArraySlice<UInt8> { bytes[Int(offsets[i])..<Int(offsets[i + 1])] }
}

extension SerialStore {
    /// Keeps the ids whose serial has the pattern's length and equals it at every readable position
    /// (`?` matches anything). One pass over raw buffers: the hot loop of obliterated-serial lookups.
    func filter(_ ids: inout [UInt32], pattern: [UInt8]) {
        let n = pattern.count
        let unknown = UInt8(ascii: "?")
        bytes.withUnsafeBufferPointer { b in
            offsets.withUnsafeBufferPointer { o in
                pattern.withUnsafeBufferPointer { p in
                    var kept = 0
                    for k in 0..<ids.count {
                        let i = Int(ids[k])
                        let start = Int(o[i])
                        guard Int(o[i + 1]) - start == n else { continue }
                        var ok = true
                        for j in 0..<n where p[j] != unknown && p[j] != b[start + j] {
                            ok = false
                            break
                        }
                        if ok {
                            ids[kept] = ids[k]
                            kept += 1
                        }
                    }
                    ids.removeLast(ids.count - kept)
                }
            }
        }
    }
}
