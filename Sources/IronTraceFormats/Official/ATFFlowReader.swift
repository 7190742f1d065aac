import IronTraceCore

/// Reads ATF's "Firearms Trace Data: Source and Recovery by State" in its tidy CSV forms
/// (`Year, Source_State, Recovery_State, Guns_Recovered`, or `SourceState, Year, RecoveryState, Guns`
/// with an unnamed row-number column) into flows between US states, source `ATF`. The `Total`
/// pseudo-state rows are rejected with their reason, so sums over the stored flows stay true.
public final class ATFFlowReader: Sequence, IteratorProtocol {
    public let csv: CSVReader
    private let col: (year: Int, source: Int, recovery: Int, count: Int)

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path)
        guard let header = csv.next()?.fields.map({ AreaName.key($0).replacingOccurrences(of: " ", with: "") }) else {
            throw FormatError(file: path, reason: "empty file")
        }
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
        let f = r.fields
        func reject(_ c: Int, _ field: String, _ reason: String) -> RowResult<Flow> {
            .rejected(
                Rejection(
                    file: csv.fileName,
                    line: r.line,
                    column: c + 1,
                    field: field,
                    value: c < f.count ? f[c] : "",
                    reason: reason
                )
            )
        }
        guard f.count > Swift.max(col.year, col.source, col.recovery, col.count) else {
            return reject(
                -1,
                "",
                "expected at least \(Swift.max(col.year, col.source, col.recovery, col.count) + 1) fields, found \(f.count)"
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
        let t = f[col.count].trimmingASCIISpaces().replacingOccurrences(of: ",", with: "")
        guard let v = Double(t.isEmpty ? "0" : t), v >= 0, v == v.rounded() else {
            return reject(col.count, "guns", "not a count")
        }
        return .record(
            Flow(
                sourceArea: .usState(source),
                recoveryArea: .usState(recovery),
                year: year,
                count: Int(v),
                source: "ATF"
            ),
            line: r.line
        )
    }
}
