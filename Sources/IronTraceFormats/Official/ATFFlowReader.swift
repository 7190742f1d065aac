import IronTraceCore

/// Reads ATF's "Firearms Trace Data: Source and Recovery by State" in its tidy CSV forms
/// (`Year, Source_State, Recovery_State, Guns_Recovered`, or `SourceState, Year, RecoveryState, Guns`
/// with an unnamed row-number column) into flows between US states, source `ATF`. The `Total`
/// pseudo-state rows are rejected with their reason, so sums over the stored flows stay true.
public final class ATFFlowReader: Sequence, IteratorProtocol {
    public let csv: CSVReader
    private let col: (year: Int, source: Int, recovery: Int, count: Int)
    private let header: [String]
    /// Data rows read after the header; each yields exactly one record or rejection.
    public private(set) var rowsRead = 0
    /// Rows read that yield nothing (always 0: every row is a flow or a rejection).
    public var rowsSkipped: Int { 0 }

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path)
        guard let header = csv.next()?.fields.map({ AreaName.key($0).replacingOccurrences(of: " ", with: "") }) else {
            throw FormatError(file: path, reason: "empty file")
        }
        self.header = header
        func find(_ names: String...) throws(FormatError) -> Int {
            for n in names { if let i = header.firstIndex(of: n) { return i } }
            throw FormatError(file: path, line: 1, reason: "not an ATF source/recovery table: no column \(names[0])")
        }
        col = (
            try find("year"), try find("sourcestate", "source"), try find("recoverystate", "recovery"),
            try find("gunsrecovered", "guns", "count")
        )
    }

    public func next() -> RowResult<Flow>? {
        guard let r = csv.next() else { return nil }
        rowsRead += 1
        let f = r.fields
        /// `c` is the 0-based field index; the rejection's column is 1-based.
        func reject(_ c: Int, _ field: String, _ reason: String) -> RowResult<Flow> {
            .rejected(
                Rejection(
                    file: csv.fileName,
                    line: r.line,
                    column: c + 1,
                    field: field,
                    value: f.indices.contains(c) ? f[c] : "",
                    reason: reason
                )
            )
        }
        if let damage = r.damage(file: csv.fileName, header: header) { return .rejected(damage) }
        let needed = Swift.max(col.year, col.source, col.recovery, col.count) + 1
        guard f.count >= needed else {
            // Column 0: the problem is the row as a whole.
            return .rejected(
                Rejection(
                    file: csv.fileName,
                    line: r.line,
                    column: 0,
                    field: "",
                    value: "",
                    reason: "expected at least \(needed) fields, found \(f.count)"
                )
            )
        }
        guard let year = Int(f[col.year].trimmingASCIISpaces()), (1990...2100).contains(year) else {
            return reject(col.year, "year", "not a year")
        }
        for (c, field) in [(col.source, "source state"), (col.recovery, "recovery state")]
        where f[c].trimmingASCIISpaces().lowercased() == "total" {
            return reject(c, field, "a total row, not a flow between states (left out so sums stay true)")
        }
        guard let source = USState.lookup(f[col.source]) else {
            return reject(col.source, "source state", "unknown US state")
        }
        guard let recovery = USState.lookup(f[col.recovery]) else {
            return reject(col.recovery, "recovery state", "unknown US state")
        }
        let t = f[col.count].trimmingASCIISpaces()
        let count: Int
        switch NumberField.count(t.isEmpty ? "0" : t, what: "guns recovered") {
        case .success(let v): count = v
        case .failure(let p): return reject(col.count, "guns", "not a count: \(p.reason)")
        }
        return .record(
            Flow(
                sourceArea: .usState(source),
                recoveryArea: .usState(recovery),
                year: year,
                count: count,
                source: "ATF"
            ),
            line: r.line
        )
    }
}
