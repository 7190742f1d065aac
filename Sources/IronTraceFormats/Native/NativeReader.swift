import IronTraceCore

/// One outcome of reading a row: a record, or a rejection saying where and why.
public enum RowResult<Value: Sendable>: Sendable {
    case record(Value, line: Int)
    case rejected(Rejection)
}

/// How many data rows a reader that returns all its results at once went through: `rowsRead`
/// rows below the header, of which `rowsSkipped` (blank rows, notes, footers) yield nothing; each
/// other row yields at least one record or rejection. Streaming readers expose the same two counts
/// as properties, so a caller (the fuzz harness) can check that no row is lost.
public struct RowCounts: Sendable, Equatable {
    public var rowsRead = 0
    public var rowsSkipped = 0
    public init() {}
}

/// Reads a native CSV file of one kind: checks the header, then yields a record or a rejection per
/// row. A file that is not CSV or has another header is a ``FormatError`` at `open`.
public final class NativeReader<Codec: NativeCodec>: Sequence, IteratorProtocol {
    public let csv: CSVReader
    private let header: [String]
    private let cache = DecodingCache()
    /// Data rows read after the header; every one yields exactly one record or rejection.
    public private(set) var rowsRead = 0
    /// Rows read that yield nothing (always 0 here: native files have no notes or footers).
    public var rowsSkipped: Int { 0 }

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path, options: .init(delimiter: UInt8(ascii: ","), mojibake: .off))
        header = Codec.header
        try checkHeader()
    }

    public init(bytes: [UInt8], name: String) throws(FormatError) {
        csv = try CSVReader(bytes: bytes, name: name, options: .init(delimiter: UInt8(ascii: ","), mojibake: .off))
        header = Codec.header
        try checkHeader()
    }

    private func checkHeader() throws(FormatError) {
        guard let first = csv.next() else {
            throw FormatError(file: csv.fileName, reason: "empty file: expected the \(Codec.name) header")
        }
        let found = first.fields.map { $0.trimmingASCIISpaces().lowercased() }
        guard found == header else {
            let missing = header.filter { !found.contains($0) }
            var reason = "not a native \(Codec.name) file: header does not match"
            if !missing.isEmpty { reason += "; missing columns: \(missing.joined(separator: ", "))" }
            if let firstDiff = zip(found, header).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                reason +=
                    "; column \(firstDiff.offset + 1) is '\(firstDiff.element.0)', expected '\(firstDiff.element.1)'"
                throw FormatError(file: csv.fileName, line: first.line, column: firstDiff.offset + 1, reason: reason)
            }
            reason += "; expected \(header.count) columns, found \(found.count)"
            throw FormatError(file: csv.fileName, line: first.line, reason: reason)
        }
    }

    public func next() -> RowResult<Codec.Value>? {
        guard let rec = csv.next() else { return nil }
        rowsRead += 1
        let file = csv.fileName
        if let damage = rec.damage(file: file, header: header) { return .rejected(damage) }
        guard rec.fields.count == header.count else {
            return .rejected(
                Rejection(
                    file: file,
                    line: rec.line,
                    column: 0,
                    field: "",
                    value: rec.fields.prefix(3).joined(separator: ","),
                    reason: "expected \(header.count) fields, found \(rec.fields.count)"
                )
            )
        }
        do {
            return .record(try Codec.decode(FieldCursor(rec.fields), cache: cache), line: rec.line)
        } catch {
            return .rejected(
                Rejection(
                    file: file,
                    line: rec.line,
                    column: error.column,
                    field: error.column >= 1 && error.column <= header.count ? header[error.column - 1] : "",
                    value: error.value,
                    reason: error.reason
                )
            )
        }
    }
}

/// Writes records of one kind to a native CSV file.
public struct NativeWriter<Codec: NativeCodec> {
    private let writer: CSVWriter
    public init(path: String) throws(FormatError) { writer = try CSVWriter(path: path, header: Codec.header) }
    public func write(_ value: Codec.Value) { writer.write(Codec.encode(value)) }
    public var rowsWritten: Int { writer.rowsWritten }
    public func close() { writer.close() }
}
