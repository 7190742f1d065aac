import CInflate
import Foundation

/// Writes a ZIP archive in memory (deflated entries, CRC-32 from zlib), for exports: a view's CSV
/// tables and SVG charts in one download. Names are kept to printable ASCII paths; sizes are
/// bounded (no ZIP64: at most 65,535 entries and 4 GiB in all, far above any view).
public struct ZIPWriter: Sendable {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case badName(String)
        case tooLarge
        case duplicate(String)

        public var description: String {
            switch self {
            case .badName(let n): "zip: entry name '\(n.prefix(80))' is not a relative path of printable ASCII"
            case .tooLarge: "zip: the archive would pass 4 GiB or 65,535 entries"
            case .duplicate(let n): "zip: entry '\(n.prefix(80))' is written twice"
            }
        }
    }

    private var body: [UInt8] = []
    private var central: [UInt8] = []
    private var names = Set<String>()
    private var count = 0
    /// The entries' time stamp (MS-DOS format, 2 s resolution).
    private let dosTime: UInt16
    private let dosDate: UInt16

    public init(date: Date = Date()) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        let year = min(max((c.year ?? 1980) - 1980, 0), 127)
        dosDate = UInt16(year << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        dosTime = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
    }

    /// Adds one file.
    public mutating func add(_ name: String, _ data: [UInt8]) throws(Problem) {
        guard !name.isEmpty, name.utf8.count <= 255, !name.hasPrefix("/"), !name.contains(".."),
            name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F && $0 != "\\" })
        else { throw .badName(name) }
        guard names.insert(name).inserted else { throw .duplicate(name) }
        let crc = data.withUnsafeBufferPointer { p in
            UInt32(truncatingIfNeeded: crc32(0, p.baseAddress, UInt32(p.count)))
        }
        // Stored when deflating does not help (tiny or already compressed data).
        var method: UInt16 = 0
        var stored = data
        if let packed = Self.deflate(data), packed.count < data.count {
            method = 8
            stored = packed
        }
        guard count < 0xFFFF, data.count < 0xFFFF_FFFF, body.count + stored.count + 1024 < 0xFFFF_FFFF else {
            throw .tooLarge
        }
        let offset = UInt32(body.count)
        let nameBytes = Array(name.utf8)
        // Local file header.
        Self.put32(&body, 0x0403_4B50)
        Self.put16(&body, 20)
        Self.put16(&body, 0)
        Self.put16(&body, method)
        Self.put16(&body, dosTime)
        Self.put16(&body, dosDate)
        Self.put32(&body, crc)
        Self.put32(&body, UInt32(stored.count))
        Self.put32(&body, UInt32(data.count))
        Self.put16(&body, UInt16(nameBytes.count))
        Self.put16(&body, 0)
        body += nameBytes
        body += stored
        // Central directory entry.
        Self.put32(&central, 0x0201_4B50)
        Self.put16(&central, 20)
        Self.put16(&central, 20)
        Self.put16(&central, 0)
        Self.put16(&central, method)
        Self.put16(&central, dosTime)
        Self.put16(&central, dosDate)
        Self.put32(&central, crc)
        Self.put32(&central, UInt32(stored.count))
        Self.put32(&central, UInt32(data.count))
        Self.put16(&central, UInt16(nameBytes.count))
        Self.put16(&central, 0)
        Self.put16(&central, 0)
        Self.put16(&central, 0)
        Self.put16(&central, 0)
        Self.put32(&central, 0o100644 << 16)
        Self.put32(&central, offset)
        central += nameBytes
        count += 1
    }

    /// Adds one text file (UTF-8).
    public mutating func add(_ name: String, text: String) throws(Problem) { try add(name, Array(text.utf8)) }

    /// The archive's bytes.
    public func finished() -> [UInt8] {
        var out = body
        out += central
        Self.put32(&out, 0x0605_4B50)
        Self.put16(&out, 0)
        Self.put16(&out, 0)
        Self.put16(&out, UInt16(count))
        Self.put16(&out, UInt16(count))
        Self.put32(&out, UInt32(central.count))
        Self.put32(&out, UInt32(body.count))
        Self.put16(&out, 0)
        return out
    }

    /// Raw deflate (no zlib header), or nil when zlib refuses.
    static func deflate(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream,
                Z_DEFAULT_COMPRESSION,
                Z_DEFLATED,
                -MAX_WBITS,
                8,
                Z_DEFAULT_STRATEGY,
                ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)
            ) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        var out = [UInt8](repeating: 0, count: bound)
        var input = input
        let status = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = o.baseAddress
                stream.avail_out = UInt32(o.count)
                return CInflate.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(out.prefix(Int(stream.total_out)))
    }

    static func put16(_ b: inout [UInt8], _ v: UInt16) {
        b.append(UInt8(v & 0xFF))
        b.append(UInt8(v >> 8))
    }

    static func put32(_ b: inout [UInt8], _ v: UInt32) {
        put16(&b, UInt16(v & 0xFFFF))
        put16(&b, UInt16(v >> 16))
    }
}
