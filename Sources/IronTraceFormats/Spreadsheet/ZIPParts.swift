import CInflate
import Foundation

/// The named parts of a ZIP archive (an `.xlsx` workbook), read without trusting any of its bytes.
///
/// Written for the workbook reader after the fuzz harness found ZIPFoundation 0.9.20 looping for
/// ever on a deflate stream that never ends (its inflate loop reads past the end of the file and
/// asks again). Here every offset and size is checked against the file before it is used, the
/// inflater gets exactly the entry's compressed bytes, and its output is capped: every step either
/// consumes input, produces bounded output, or stops with a reason.
///
/// Reads the classic ZIP layout (end of central directory, central directory, local headers),
/// stored and deflated entries; ZIP64 and other methods are refused with a reason.
struct ZIPParts {
    /// Why a part could not be read; the workbook reader turns it into a ``FormatError``.
    enum Problem: Error, Equatable, CustomStringConvertible {
        /// Not a ZIP archive at all, or its directory is damaged.
        case notAnArchive(String)
        /// The part exists but its bytes cannot be read.
        case damaged(String)
        /// The part expands past the limit it was given.
        case tooLarge

        var description: String {
            switch self {
            case .notAnArchive(let why), .damaged(let why): why
            case .tooLarge: "expands past the limit"
            }
        }
    }

    struct Entry {
        let method: Int
        let compressedSize: Int
        let uncompressedSize: Int
        let crc: UInt32
        let localHeader: Int
    }

    /// The archive's bytes (the file is read whole: workbooks are small, and the size is bounded).
    private let bytes: [UInt8]
    /// Entries by name; the first of two with one name wins.
    private let entries: [String: Entry]

    /// Reads the archive at `path`, refusing a file larger than `maxFileBytes`.
    init(path: String, maxFileBytes: Int) throws(Problem) {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw .notAnArchive("cannot open it")
        }
        if size > maxFileBytes { throw .notAnArchive("the file is larger than \(maxFileBytes >> 20) MiB") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .notAnArchive("cannot read it") }
        try self.init(bytes: [UInt8](data))
    }

    init(bytes: [UInt8]) throws(Problem) {
        self.bytes = bytes
        // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535, at the end.
        let n = bytes.count
        guard n >= 22 else { throw .notAnArchive("too short for a ZIP archive") }
        var eocd = -1
        var i = n - 22
        let lowest = Swift.max(0, n - 22 - 0xFFFF)
        while i >= lowest {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw .notAnArchive("no end-of-central-directory record") }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let count = u16(eocd + 10)
        let directorySize = u32(eocd + 12)
        let directoryStart = u32(eocd + 16)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF {
            throw .notAnArchive("a ZIP64 archive (not read here)")
        }
        guard directoryStart <= eocd, directorySize <= eocd - directoryStart else {
            throw .notAnArchive("its central directory lies outside the file")
        }
        var entries: [String: Entry] = [:]
        var at = directoryStart
        let end = directoryStart + directorySize
        var seen = 0
        while seen < count {
            guard at + 46 <= end, bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x01, bytes[at + 3] == 0x02
            else { throw .notAnArchive("damaged central directory (entry \(seen + 1) of \(count))") }
            let nameLength = u16(at + 28)
            let next = at + 46 + nameLength + u16(at + 30) + u16(at + 32)
            guard next <= end else { throw .notAnArchive("damaged central directory (entry \(seen + 1) of \(count))") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(
                method: u16(at + 10),
                compressedSize: u32(at + 20),
                uncompressedSize: u32(at + 24),
                crc: UInt32(u32(at + 16)),
                localHeader: u32(at + 42)
            )
            if entries[name] == nil { entries[name] = entry }
            at = next
            seen += 1
        }
        self.entries = entries
    }

    /// The size the directory declares for `name` (a lie is caught while inflating), or nil.
    func declaredSize(_ name: String) -> Int? { entries[name]?.uncompressedSize }

    /// The bytes of the part `name`, or nil when the archive has none; at most `limit` bytes.
    func extract(_ name: String, limit: Int) throws(Problem) -> [UInt8]? {
        guard let e = entries[name] else { return nil }
        if e.compressedSize == 0xFFFF_FFFF || e.uncompressedSize == 0xFFFF_FFFF || e.localHeader == 0xFFFF_FFFF {
            throw .damaged("ZIP64 sizes (not read here)")
        }
        let h = e.localHeader
        guard h <= bytes.count - 30, bytes[h] == 0x50, bytes[h + 1] == 0x4B, bytes[h + 2] == 0x03, bytes[h + 3] == 0x04
        else { throw .damaged("its local header is missing") }
        let start =
            h + 30 + (Int(bytes[h + 26]) | Int(bytes[h + 27]) << 8) + (Int(bytes[h + 28]) | Int(bytes[h + 29]) << 8)
        guard start <= bytes.count, e.compressedSize <= bytes.count - start else {
            throw .damaged("its data runs past the end of the file")
        }
        let stored = bytes[start..<(start + e.compressedSize)]
        let out: [UInt8]
        switch e.method {
        case 0:
            if stored.count > limit { throw .tooLarge }
            out = Array(stored)
        case 8:
            out = try Self.inflate(stored, limit: limit)
        default:
            throw .damaged("compression method \(e.method) (only stored and deflate are read)")
        }
        let crc = out.withUnsafeBufferPointer { p in
            UInt32(truncatingIfNeeded: crc32(0, p.baseAddress, UInt32(p.count)))
        }
        if crc != e.crc { throw .damaged("its checksum does not match (CRC-32)") }
        return out
    }

    /// Raw deflate (no zlib header), output capped at `limit` bytes. Terminates: each call of
    /// `inflate` either makes progress (input consumed or output produced, both bounded) or
    /// returns an error, and a stream that has not ended when the input is used up is truncated.
    static func inflate(_ input: ArraySlice<UInt8>, limit: Int) throws(Problem) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged("cannot start inflating")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = Array(input)
        var status = Z_OK
        var problem: Problem?
        input.withUnsafeMutableBufferPointer { inp in
            stream.next_in = inp.baseAddress
            stream.avail_in = UInt32(inp.count)
            while true {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { o in
                    stream.next_out = o.baseAddress
                    stream.avail_out = UInt32(o.count)
                    status = CInflate.inflate(&stream, Z_NO_FLUSH)
                    return o.count - Int(stream.avail_out)
                }
                if produced > 0 {
                    if out.count + produced > limit {
                        problem = .tooLarge
                        return
                    }
                    out.append(contentsOf: chunk[..<produced])
                }
                if status == Z_STREAM_END { return }
                if status != Z_OK && status != Z_BUF_ERROR {
                    problem = .damaged("its compressed data is not a valid deflate stream")
                    return
                }
                // All input used and room left for output, yet no end: the input ended first.
                if stream.avail_in == 0 && produced < chunk.count {
                    problem = .damaged("its compressed data ends before the deflate stream does (truncated)")
                    return
                }
                if status == Z_BUF_ERROR && produced == 0 {
                    problem = .damaged("its compressed data is not a valid deflate stream")
                    return
                }
            }
        }
        if let problem { throw problem }
        return out
    }
}
