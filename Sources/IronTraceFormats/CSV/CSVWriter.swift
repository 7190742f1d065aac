import Foundation
import IronTraceCore

/// Writes RFC 4180 CSV (LF line ends, UTF-8, quotes only where needed) to a file through a 1 MiB
/// buffer.
///
/// CSV for people (`spreadsheetSafe`) has its formula-like values neutralised (see
/// ``CSVSafety/neutralized(_:)``); data files meant to be read back (the native export) keep every
/// value as it is. `bom` starts the file with a UTF-8 byte-order mark for Excel.
public final class CSVWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    public let path: String
    public let spreadsheetSafe: Bool
    public private(set) var rowsWritten = 0

    public init(path: String, header: [String], spreadsheetSafe: Bool = false, bom: Bool = false) throws(FormatError) {
        self.path = path
        self.spreadsheetSafe = spreadsheetSafe
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let h = FileHandle(forWritingAtPath: path)
        else {
            throw FormatError(file: path, reason: "cannot create file")
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
        if bom { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        write(spreadsheetSafe ? CSVSafety.unique(header) : header)
        rowsWritten = 0
    }

    public func write(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            CSVWriter.appendField(spreadsheetSafe ? CSVSafety.neutralized(f) : f, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
        rowsWritten += 1
        if buffer.count >= 1 << 20 { flush() }
    }

    static func appendField(_ f: String, to buffer: inout [UInt8]) {
        var needsQuotes = false
        for b in f.utf8 where b == 44 || b == 34 || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            buffer.append(contentsOf: f.utf8)
            return
        }
        buffer.append(34)
        for b in f.utf8 {
            if b == 34 { buffer.append(34) }
            buffer.append(b)
        }
        buffer.append(34)
    }

    /// One CSV line for the given fields (with its newline), formula-like values neutralised unless
    /// `spreadsheetSafe` is false.
    public static func line(_ fields: [String], spreadsheetSafe: Bool = true) -> String {
        var b: [UInt8] = []
        for (i, f) in fields.enumerated() {
            if i > 0 { b.append(44) }
            appendField(spreadsheetSafe ? CSVSafety.neutralized(f) : f, to: &b)
        }
        b.append(10)
        return String(decoding: b, as: UTF8.self)
    }

    public func flush() {
        if !buffer.isEmpty {
            handle.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    public func close() {
        flush()
        try? handle.close()
    }
}
