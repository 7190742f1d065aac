import Foundation

/// One CSV record: its fields and the physical line it starts on.
public struct CSVRecord: Sendable {
    public var fields: [String]
    /// 1-based physical line where the record starts.
    public var line: Int
    /// 1-based column of a field that exceeded ``CSVReader/Options/maxFieldBytes`` (its text was cut).
    public var oversizedColumn: Int?
    /// The record runs to the end of the file inside an unclosed quote.
    public var unterminatedQuote: Bool
    /// 1-based column of the first field that contains a NUL byte (the field's text is not kept).
    public var nulColumn: Int? = nil
    /// 1-based number of the first field dropped beyond ``CSVReader/Options/maxFields``.
    public var fieldLimitColumn: Int? = nil

    /// Why the record cannot be read at all, as a rejection, or `nil` when it is sound: a field with
    /// a NUL byte, a field cut at the size limit, or a quote never closed. Every reader asks this
    /// first, so damaged text is never stored. `header` names the column when known.
    public func damage(file: String, header: [String] = []) -> Rejection? {
        func name(_ c: Int) -> String { c >= 1 && c <= header.count ? header[c - 1] : "" }
        if let c = nulColumn {
            return Rejection(
                file: file,
                line: line,
                column: c,
                field: name(c),
                value: "",
                reason: "contains a NUL byte"
            )
        }
        if unterminatedQuote {
            return Rejection(
                file: file,
                line: line,
                column: 0,
                field: "",
                value: fields.last ?? "",
                reason: "unterminated quoted field runs to the end of the file"
            )
        }
        if let c = fieldLimitColumn {
            return Rejection(
                file: file,
                line: line,
                column: 0,
                field: "",
                value: "",
                reason: "more than \(c - 1) fields (the limit)"
            )
        }
        if let c = oversizedColumn {
            return Rejection(
                file: file,
                line: line,
                column: c,
                field: name(c),
                value: "",
                reason: "field longer than the 1 MiB limit"
            )
        }
        return nil
    }
}

/// A streaming RFC 4180 CSV reader over bytes: quoted fields with embedded delimiters, quotes and
/// newlines; CRLF or LF; a UTF-8 BOM; UTF-8 with a per-field Latin-1 fallback; and repair of
/// Mac Roman mojibake. It reads the file in 1 MiB chunks, so memory stays flat on any file size.
public final class CSVReader {
    public struct Options: Sendable {
        public enum Mojibake: Sendable { case auto, repair, off }
        /// Field delimiter; `nil` sniffs `,`, `;`, tab or `|` from the first line.
        public var delimiter: UInt8?
        public var mojibake: Mojibake
        /// Longest field kept; longer fields are cut and the record is flagged.
        public var maxFieldBytes: Int
        /// Most fields kept in one record; further fields are dropped and the record is flagged, so
        /// a line of a hundred million commas cannot take gigabytes.
        public var maxFields: Int
        public init(
            delimiter: UInt8? = nil,
            mojibake: Mojibake = .auto,
            maxFieldBytes: Int = 1 << 20,
            maxFields: Int = 1 << 16
        ) {
            self.delimiter = delimiter
            self.mojibake = mojibake
            self.maxFieldBytes = maxFieldBytes
            self.maxFields = maxFields
        }
    }

    public let fileName: String
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    public private(set) var repairsMojibake = false
    /// Physical lines consumed so far.
    public private(set) var linesRead = 0

    private let handle: FileHandle?
    /// Set when the file is bzip2-compressed: chunks come decompressed from here.
    private let bzip2: BZip2Stream?
    private var buffer: [UInt8] = []
    /// A decompression failure met while reading: the records before it were returned.
    public private(set) var damage: FormatError?
    private var pos = 0
    private var eof = false
    private var line = 1
    private let options: Options
    private static let chunkSize = 1 << 20

    /// Opens a file. Throws a ``FormatError`` when it does not exist, is not readable, or is
    /// binary (NUL bytes in its first chunk).
    public init(path: String, options: Options = Options()) throws(FormatError) {
        self.fileName = path
        self.options = options
        guard let h = FileHandle(forReadingAtPath: path) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            throw FormatError(
                file: path,
                reason: exists ? (isDir.boolValue ? "is a directory" : "cannot be read") : "file not found"
            )
        }
        self.handle = h
        // Compressed files (`.bz2`, or the BZh magic) are decompressed as they are read.
        let magic = (try? h.read(upToCount: 3)).map { [UInt8]($0) } ?? []
        try? h.seek(toOffset: 0)
        if magic == [0x42, 0x5A, 0x68] {
            self.bzip2 = try BZip2Stream(path: path, handle: h)
        } else {
            self.bzip2 = nil
        }
        try start()
    }

    /// Reads from bytes in memory (tests, uploads).
    public init(bytes: [UInt8], name: String = "<memory>", options: Options = Options()) throws(FormatError) {
        self.fileName = name
        self.options = options
        self.handle = nil
        self.bzip2 = nil
        self.buffer = bytes
        self.eof = true
        try start()
    }

    deinit { try? handle?.close() }

    private func start() throws(FormatError) {
        fill()
        // BOM
        if buffer.count - pos >= 3, buffer[pos] == 0xEF, buffer[pos + 1] == 0xBB, buffer[pos + 2] == 0xBF { pos += 3 }
        let sample = buffer[pos..<Swift.min(buffer.count, pos + 65536)]
        if let nul = sample.firstIndex(of: 0) {
            throw FormatError(
                file: fileName,
                reason: "not a text file (NUL byte at offset \(nul)); is it binary or UTF-16?"
            )
        }
        if let d = options.delimiter {
            delimiter = d
        } else {
            // Count candidate delimiters outside quotes on the first line.
            var counts: [UInt8: Int] = [:]
            var inQuotes = false
            for b in sample {
                if b == UInt8(ascii: "\"") { inQuotes.toggle() }
                if !inQuotes && b == UInt8(ascii: "\n") { break }
                if !inQuotes, b == 44 || b == 59 || b == 9 || b == 124 { counts[b, default: 0] += 1 }
            }
            delimiter = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != 44) }?.key ?? 44
        }
        switch options.mojibake {
        case .repair: repairsMojibake = true
        case .off: repairsMojibake = false
        case .auto:
            let text = String(decoding: sample, as: UTF8.self)
            repairsMojibake = TextRepair.looksLikeMacRomanMojibake(text)
        }
    }

    private func fill() {
        guard !eof, let handle else { return }
        if pos > 0 {
            buffer.removeSubrange(0..<pos)
            pos = 0
        }
        if let bzip2 {
            do {
                if let chunk = try bzip2.next(upTo: CSVReader.chunkSize) {
                    buffer.append(contentsOf: chunk)
                } else {
                    eof = true
                }
            } catch {
                damage = error
                eof = true
            }
            return
        }
        let data = (try? handle.read(upToCount: CSVReader.chunkSize)) ?? nil
        if let data, !data.isEmpty {
            buffer.append(contentsOf: data)
        } else {
            eof = true
        }
    }

    /// The next record, or `nil` at the end of the file.
    public func next() -> CSVRecord? {
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var inQuotes = false
        var quotedField = false
        var startLine = line
        var oversized: Int?
        var nul: Int?
        var tooMany: Int?
        var sawAnything = false
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let delim = delimiter
        let maxField = options.maxFieldBytes
        let maxFields = options.maxFields

        func endField() {
            if fields.count >= maxFields {
                // More fields than any table has: the rest are dropped and the record is flagged.
                if tooMany == nil { tooMany = fields.count + 1 }
                field.removeAll(keepingCapacity: true)
                quotedField = false
                return
            }
            if field.contains(0) {
                // A NUL anywhere in a field (not only in the sniffed first chunk) spoils the row.
                if nul == nil { nul = fields.count + 1 }
                fields.append("")
                field.removeAll(keepingCapacity: true)
                quotedField = false
                return
            }
            fields.append(decode(field))
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }

        while true {
            if pos >= buffer.count {
                if eof { break }
                fill()
                if pos >= buffer.count && eof { break }
                continue
            }
            // Scan a run of ordinary bytes in one tight loop, then copy it at once.
            let start = pos
            let scanned = buffer.withUnsafeBufferPointer { p -> (end: Int, newlines: Int) in
                var i = start
                var newlines = 0
                if inQuotes {
                    while i < p.count {
                        let c = p[i]
                        if c == quote { break }
                        if c == lf { newlines += 1 }
                        i += 1
                    }
                } else {
                    while i < p.count {
                        let c = p[i]
                        if c == delim || c == quote || c == lf || c == cr { break }
                        i += 1
                    }
                }
                return (i, newlines)
            }
            if scanned.end > start {
                if !inQuotes { sawAnything = true }
                line += scanned.newlines
                let room = maxField - field.count
                if room >= scanned.end - start {
                    field.append(contentsOf: buffer[start..<scanned.end])
                } else {
                    if room > 0 { field.append(contentsOf: buffer[start..<(start + room)]) }
                    if oversized == nil { oversized = fields.count + 1 }
                }
                pos = scanned.end
                continue
            }
            let b = buffer[pos]
            if inQuotes {
                // b is a quote: an escaped quote or the closing one.
                if pos + 1 >= buffer.count && !eof {
                    fill()
                    continue
                }
                if pos + 1 < buffer.count && buffer[pos + 1] == quote {
                    if field.count < maxField { field.append(quote) }
                    pos += 2
                } else {
                    inQuotes = false
                    pos += 1
                }
                continue
            }
            sawAnything = true
            if b == delim {
                endField()
                pos += 1
            } else if b == lf || b == cr {
                pos += 1
                if b == cr {
                    if pos >= buffer.count && !eof { fill() }
                    if pos < buffer.count && buffer[pos] == lf { pos += 1 }
                }
                line += 1
                if fields.isEmpty && field.isEmpty && !quotedField {
                    // Blank line: skip it.
                    startLine = line
                    sawAnything = false
                    continue
                }
                endField()
                linesRead = line - 1
                return CSVRecord(
                    fields: fields,
                    line: startLine,
                    oversizedColumn: oversized,
                    unterminatedQuote: false,
                    nulColumn: nul,
                    fieldLimitColumn: tooMany
                )
            } else if b == quote && field.isEmpty && !quotedField {
                inQuotes = true
                quotedField = true
                pos += 1
            } else {
                // A quote inside an unquoted field: keep it as text.
                if field.count < maxField { field.append(b) } else if oversized == nil { oversized = fields.count + 1 }
                pos += 1
            }
        }
        linesRead = line
        if inQuotes {
            endField()
            return CSVRecord(
                fields: fields,
                line: startLine,
                oversizedColumn: oversized,
                unterminatedQuote: true,
                nulColumn: nul,
                fieldLimitColumn: tooMany
            )
        }
        if !sawAnything && fields.isEmpty && field.isEmpty && !quotedField { return nil }
        endField()
        return CSVRecord(
            fields: fields,
            line: startLine,
            oversizedColumn: oversized,
            unterminatedQuote: false,
            nulColumn: nul,
            fieldLimitColumn: tooMany
        )
    }

    private func decode(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "" }
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        let s: String
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            s = utf8
        } else {
            // Latin-1: every byte is its own code point.
            var v = String.UnicodeScalarView()
            for b in bytes { v.append(Unicode.Scalar(b)) }
            s = String(v)
        }
        return repairsMojibake ? TextRepair.repairMacRomanMojibake(s) : s
    }
}

extension CSVReader: Sequence, IteratorProtocol {
    public typealias Element = CSVRecord
}
