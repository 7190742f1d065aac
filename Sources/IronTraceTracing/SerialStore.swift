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
