/// A whole file that cannot be read: not found, not text, not CSV, or a header that is not the
/// expected one. Row-level problems are ``Rejection``s instead.
public struct FormatError: Error, Sendable, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let reason: String

    public init(file: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s + ": " + reason
    }
}

/// A row a reader could not turn into a record, with where and why.
public struct Rejection: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// 1-based column (field) number; 0 when the problem is the row as a whole.
    public let column: Int
    /// The column's header name, when known.
    public let field: String
    public let value: String
    public let reason: String

    public init(file: String, line: Int, column: Int, field: String, value: String, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.value = value.count > 200 ? String(value.prefix(200)) + "…" : value
        self.reason = reason
    }

    public var description: String {
        "\(file):\(line):\(column): \(field.isEmpty ? "" : field + ": ")\(reason)\(value.isEmpty ? "" : " ('\(value)')")"
    }
}

extension Rejection {
    /// A rejection of one cell of a record: column `c` (0-based; its header name and value when it
    /// exists, empty otherwise) with the reason.
    public init(file: String, record r: CSVRecord, header: [String], column c: Int, reason: String) {
        self.init(
            file: file,
            line: r.line,
            column: c + 1,
            field: c >= 0 && c < header.count ? header[c] : "",
            value: c >= 0 && c < r.fields.count ? r.fields[c] : "",
            reason: reason
        )
    }
}
