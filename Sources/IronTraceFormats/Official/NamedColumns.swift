/// Columns found by header name in an external file, and one row read through them: the shared
/// part of readers whose files are keyed by column names (UCDP GED, ACLED).
struct NamedColumns {
    let header: [String]
    private let index: [String: Int]

    /// Reads the header from the reader; every required column must be present.
    init(_ csv: CSVReader, required: [String], format: String) throws(FormatError) {
        guard let h = csv.next()?.fields.map({ $0.trimmingASCIISpaces() }) else {
            throw FormatError(file: csv.fileName, reason: "empty file")
        }
        header = h
        var c: [String: Int] = [:]
        for (i, name) in h.enumerated() { c[name] = i }
        index = c
        for name in required where c[name] == nil {
            throw FormatError(file: csv.fileName, line: 1, reason: "not \(format): no column \(name)")
        }
    }

    /// One record seen through the columns.
    struct Row {
        let columns: NamedColumns
        let record: CSVRecord
        let file: String

        func text(_ name: String) -> String {
            guard let i = columns.index[name], i < record.fields.count else { return "" }
            return record.fields[i].trimmingASCIISpaces()
        }

        func reject<T>(_ name: String, _ reason: String) -> RowResult<T> {
            .rejected(
                Rejection(
                    file: file,
                    line: record.line,
                    column: (columns.index[name] ?? -1) + 1,
                    field: name,
                    value: text(name),
                    reason: reason
                )
            )
        }

        /// A rejection when the record is damaged (a NUL byte, a cut field, an unclosed quote) or
        /// does not have one field per header column.
        func fieldCountProblem<T>() -> RowResult<T>? {
            if let damage = record.damage(file: file, header: columns.header) { return .rejected(damage) }
            guard record.fields.count != columns.header.count else { return nil }
            return .rejected(
                Rejection(
                    file: file,
                    line: record.line,
                    column: 0,
                    field: "",
                    value: "",
                    reason: "expected \(columns.header.count) fields, found \(record.fields.count)"
                )
            )
        }
    }

    func row(_ record: CSVRecord, file: String) -> Row { Row(columns: self, record: record, file: file) }
}
