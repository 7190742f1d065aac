import IronTraceCore

/// Reads SESNSP "Víctimas del fuero común, estatal" in its long layout (one row per state, month,
/// crime subtype, modality, sex and age group: `date_year_month, n_year, n_month, cve_ent,
/// nombre_estado, bien_juridico_afectado, tipo_de_delito, subtipo_de_delito, modalidad, genero,
/// rango_de_edad, n_victimas`), plain or `.bz2` as published. Each row is one area measure
/// `victimas:SUBTYPE:MODALITY:SEX:AGE` for the state and month `YYYY-MM`, source `SESNSP`.
public final class SESNSPVictimsReader: Sequence, IteratorProtocol {
    public let csv: CSVReader
    private let columns: NamedColumns
    private var reportedDamage = false
    /// Data rows read after the header; each yields exactly one record or rejection, except the
    /// `rowsSkipped` ones (blank rows), which yield nothing.
    public private(set) var rowsRead = 0
    public private(set) var rowsSkipped = 0
    /// 1 when a damaged compressed file ended the rows with one rejection saying so (not a row).
    public private(set) var damageRejections = 0

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path, options: .init(delimiter: UInt8(ascii: ",")))
        columns = try NamedColumns(
            csv,
            required: [
                "n_year", "n_month", "cve_ent", "subtipo_de_delito", "modalidad", "genero", "rango_de_edad",
                "n_victimas",
            ],
            format: "a SESNSP victims file (long layout)"
        )
    }

    public func next() -> RowResult<AreaMeasure>? {
        // A loop, not recursion: a file of a million blank rows must not exhaust the stack.
        var next: CSVRecord?
        while let r = csv.next() {
            rowsRead += 1
            if r.fields.count == 1 && r.fields[0].isEmpty {
                rowsSkipped += 1
                continue
            }
            next = r
            break
        }
        guard let record = next else {
            // A damaged compressed file ends the rows with one rejection saying so.
            if let damage = csv.damage, !reportedDamage {
                reportedDamage = true
                damageRejections = 1
                return .rejected(
                    Rejection(
                        file: csv.fileName,
                        line: csv.linesRead,
                        column: 0,
                        field: "",
                        value: "",
                        reason: damage.reason
                    )
                )
            }
            return nil
        }
        let row = columns.row(record, file: csv.fileName)
        if let bad: RowResult<AreaMeasure> = row.fieldCountProblem() { return bad }
        guard let year = Int(row.text("n_year")), (1990...2100).contains(year) else {
            return row.reject("n_year", "not a year")
        }
        guard let month = Int(row.text("n_month")), (1...12).contains(month) else {
            return row.reject("n_month", "not a month (1-12)")
        }
        guard let code = Int(row.text("cve_ent")), let state = MexicanState.code(code) else {
            return row.reject("cve_ent", "INEGI state codes are 01-32")
        }
        let text = row.text("n_victimas")
        // A blank count is a month the state has not reported yet: rejected, not zero.
        guard !text.isEmpty else { return row.reject("n_victimas", "no figure (not reported)") }
        let victims: Double
        switch NumberField.count(text, what: "victims") {
        case .success(let v): victims = Double(v)
        case .failure(let p): return row.reject("n_victimas", "not a count: \(p.reason)")
        }
        let measure = [
            "victimas", row.text("subtipo_de_delito"), row.text("modalidad"), row.text("genero"),
            row.text("rango_de_edad"),
        ].joined(separator: ":")
        return .record(
            AreaMeasure(
                area: .mexicanState(state),
                period: SpanishCalendar.period(year: year, month: month),
                measure: measure,
                value: victims,
                source: "SESNSP"
            ),
            line: record.line
        )
    }
}
