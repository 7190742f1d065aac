import IronTraceCore

/// Reads ATF's yearly "Firearms Trace Data: Source and Recovery by State" workbooks as published
/// (`trace_2010.xlsx` ... `trace_2017.xlsx`): one sheet (named `Sheet1` or `SOURCE AND RECOVERY
/// STATES`), recovery states across, source states down, a `TOTAL` or `TOTALS` row and column,
/// sometimes footnotes below. Each state × state cell is a flow (source `ATF`); cells of the total
/// row and column are rejected as totals so sums over the stored flows stay true. The year is read
/// from the footnote ("between 1/1/2015 - 12/31/2015") or, when there is none, from the file name.
public enum ATFFlowWorkbookReader {
    public static func read(path: String) throws(FormatError) -> [RowResult<Flow>] {
        var counts = RowCounts()
        return try read(path: path, counts: &counts)
    }

    /// Reads the workbook and counts its rows below the header: `rowsRead` rows, of which
    /// `rowsSkipped` (blank rows, footnotes) yield nothing; every other row yields one result per
    /// recovery column.
    public static func read(path: String, counts: inout RowCounts) throws(FormatError) -> [RowResult<Flow>] {
        let sheet = try XLSXSheet(path: path)
        let fileName = "\(path.split(separator: "/").last.map(String.init) ?? path)!\(sheet.sheetName)"
        func isTotal(_ s: String) -> Bool { ["total", "totals"].contains(s.trimmingASCIISpaces().lowercased()) }
        // The header: the first row naming at least 20 states.
        guard
            let headerRow = sheet.rowNumbers.first(where: { r in
                (sheet.cells[r] ?? [:]).values.filter { USState.lookup($0) != nil }.count >= 20
            })
        else {
            throw FormatError(file: path, reason: "not an ATF source/recovery workbook: no row of state names across")
        }
        var recoveryColumns: [(column: Int, state: USState?)] = []
        for (c, v) in (sheet.cells[headerRow] ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let s = USState.lookup(v) {
                recoveryColumns.append((c, s))
            } else if isTotal(v) {
                recoveryColumns.append((c, nil))
            }
        }
        let firstDataColumn = recoveryColumns.map(\.column).min() ?? 1
        let footnote = sheet.rowNumbers.compactMap { r in
            (sheet.cells[r] ?? [:]).values.first { $0.contains("between 1/1/") }
        }.first
        guard let year = footnote.flatMap(yearInFootnote) ?? yearInFileName(path) else {
            throw FormatError(
                file: path,
                reason: "no year: neither a footnote ('between 1/1/YYYY') nor a year in the file name (trace_2017.xlsx)"
            )
        }
        var out: [RowResult<Flow>] = []
        for r in sheet.rowNumbers where r > headerRow {
            counts.rowsRead += 1
            let row = sheet.cells[r] ?? [:]
            // The row label: the text left of the first data column.
            guard let label = row.filter({ $0.key < firstDataColumn }).sorted(by: { $0.key < $1.key }).last?.value
            else {
                counts.rowsSkipped += 1
                continue
            }
            let source = USState.lookup(label)
            let totalRow = isTotal(label)
            if source == nil && !totalRow {
                // Footnotes and notes are not data rows; anything else with figures is rejected.
                if recoveryColumns.contains(where: { row[$0.column] != nil }) {
                    out.append(
                        .rejected(
                            Rejection(
                                file: fileName,
                                line: r,
                                column: 0,
                                field: "source state",
                                value: label,
                                reason: "unknown US state"
                            )
                        )
                    )
                } else {
                    counts.rowsSkipped += 1
                }
                continue
            }
            if recoveryColumns.isEmpty { counts.rowsSkipped += 1 }
            for (c, recovery) in recoveryColumns {
                let text = (row[c] ?? "").trimmingASCIISpaces().replacingOccurrences(of: ",", with: "")
                func reject(_ field: String, _ reason: String) {
                    out.append(
                        .rejected(
                            Rejection(
                                file: fileName,
                                line: r,
                                column: c,
                                field: field,
                                value: row[c] ?? "",
                                reason: reason
                            )
                        )
                    )
                }
                if totalRow || recovery == nil {
                    reject(
                        totalRow ? "source state" : "recovery state",
                        "a total, not a flow between states (left out so sums stay true)"
                    )
                    continue
                }
                guard let source, let recovery else { continue }
                let count: Int
                switch NumberField.count(text.isEmpty ? "0" : text, what: "guns recovered") {
                case .success(let v): count = v
                case .failure(let p):
                    reject("guns", "not a count: \(p.reason)")
                    continue
                }
                out.append(
                    .record(
                        Flow(
                            sourceArea: .usState(source),
                            recoveryArea: .usState(recovery),
                            year: year,
                            count: count,
                            source: "ATF"
                        ),
                        line: r
                    )
                )
            }
        }
        return out
    }

    static func yearInFootnote(_ s: String) -> Int? {
        guard let r = s.range(of: "between 1/1/") else { return nil }
        return Int(s[r.upperBound...].prefix(4)).flatMap { (1990...2100).contains($0) ? $0 : nil }
    }

    static func yearInFileName(_ path: String) -> Int? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let digits = name.split { !$0.isNumber }.compactMap { Int($0) }
        return digits.last { (1990...2100).contains($0) }
    }
}
