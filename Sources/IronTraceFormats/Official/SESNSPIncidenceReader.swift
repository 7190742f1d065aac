import IronTraceCore

/// Reads SESNSP's "Incidencia delictiva del fuero común" state file in its wide layout (one column
/// per month; UTF-8 with a BOM and, in the March 2022 cut, Mac Roman mojibake that the CSV reader
/// repairs) into area measures: `carpetas:<subtipo>:<modalidad>` per state and month, source
/// `SESNSP` (investigation files opened). Each month cell is one record. The municipal layout (with
/// `Cve. Municipio` and `Municipio` columns) gives the same measures per municipality `MX-SSMMM`,
/// and, after the last row, `carpetas_total:<subtipo>` per municipality and month: the sum over the
/// modalities, the figure a tidied copy without the modality column carries
/// (``SESNSPMunicipalLongReader``), so the two copies can be compared. A total is left out when one
/// of its cells was rejected.
public final class SESNSPIncidenceReader: Sequence, IteratorProtocol {
    public let csv: CSVReader
    private var pending: [RowResult<AreaMeasure>] = []
    private let col: (year: Int, state: Int, subtype: Int, modality: Int, months: [Int])
    /// The municipality column of the municipal layout.
    private let municipalityColumn: Int?
    /// The fields a data row needs (the last month column + 1).
    private let neededFields: Int
    private let header: [String]
    /// Data rows read after the header. Each yields one record or rejection per month with a
    /// figure (blank months are not yet published), one rejection when the row is damaged or short,
    /// or nothing when it is one of the `rowsSkipped` (every month blank).
    public private(set) var rowsRead = 0
    public private(set) var rowsSkipped = 0
    /// Municipal layout: the sums over modalities, yielded after the last row.
    private var totals = AggregateSums()
    private var incompleteTotals: Set<AggregateSums.Key> = []
    private var totalsYielded = false

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path)
        guard let header = csv.next()?.fields.map({ AreaName.key($0) }) else {
            throw FormatError(file: path, reason: "empty file")
        }
        func find(_ names: String...) throws(FormatError) -> Int {
            for n in names { if let i = header.firstIndex(of: AreaName.key(n)) { return i } }
            throw FormatError(file: path, line: 1, reason: "not a SESNSP incidence file: no column \(names[0])")
        }
        let months = SpanishCalendar.months
        var m: [Int] = []
        for name in months { m.append(try find(name)) }
        col = (
            try find("Año", "Ano"), try find("Clave_Ent", "Cve. Entidad"), try find("Subtipo de delito"),
            try find("Modalidad"), m
        )
        municipalityColumn = header.firstIndex(of: AreaName.key("Cve. Municipio"))
        neededFields = m.reduce(0) { Swift.max($0, $1) } + 1
        self.header = header
    }

    public func next() -> RowResult<AreaMeasure>? {
        while pending.isEmpty {
            guard let r = csv.next() else {
                guard municipalityColumn != nil, !totalsYielded else { return nil }
                totalsYielded = true
                pending = totals.records(source: "SESNSP", leaving: incompleteTotals)
                continue
            }
            rowsRead += 1
            let f = r.fields
            if let damage = r.damage(file: csv.fileName, header: header) {
                pending.append(.rejected(damage))
                continue
            }
            guard f.count >= neededFields, f.count > Swift.max(col.year, col.state, col.subtype, col.modality) else {
                pending.append(
                    .rejected(
                        Rejection(
                            file: csv.fileName,
                            line: r.line,
                            column: 0,
                            field: "",
                            value: "",
                            reason: "expected at least \(neededFields) fields, found \(f.count)"
                        )
                    )
                )
                continue
            }
            guard let year = Int(f[col.year].trimmingASCIISpaces()), (1990...2100).contains(year) else {
                pending.append(
                    .rejected(
                        Rejection(
                            file: csv.fileName,
                            line: r.line,
                            column: col.year + 1,
                            field: "Año",
                            value: f[col.year],
                            reason: "not a year"
                        )
                    )
                )
                continue
            }
            guard let state = Int(f[col.state].trimmingASCIISpaces()).flatMap(MexicanState.code) else {
                pending.append(
                    .rejected(
                        Rejection(
                            file: csv.fileName,
                            line: r.line,
                            column: col.state + 1,
                            field: "Clave_Ent",
                            value: f[col.state],
                            reason: "not an INEGI state code 1-32"
                        )
                    )
                )
                continue
            }
            var area = AreaCode.mexicanState(state)
            if let mc = municipalityColumn {
                let text = mc < f.count ? f[mc].trimmingASCIISpaces() : ""
                guard let code = Int(text), code / 1000 == state.code, code % 1000 > 0 else {
                    pending.append(
                        .rejected(
                            Rejection(
                                file: csv.fileName,
                                line: r.line,
                                column: mc + 1,
                                field: "Cve. Municipio",
                                value: text,
                                reason: "not an INEGI municipality code of state \(state.codeString) (SSMMM)"
                            )
                        )
                    )
                    continue
                }
                area = .mexicanMunicipality(code)
            }
            let before = pending.count
            defer { if pending.count == before { rowsSkipped += 1 } }
            let measure = "carpetas:\(f[col.subtype].trimmingASCIISpaces()):\(f[col.modality].trimmingASCIISpaces())"
            let totalMeasure = "carpetas_total:\(f[col.subtype].trimmingASCIISpaces())"
            for (k, c) in col.months.enumerated() {
                let t = f[c].trimmingASCIISpaces().replacingOccurrences(of: ",", with: "")
                // Months not yet published are blank in the latest year: no figure, not a zero.
                if t.isEmpty { continue }
                let v: Double
                switch NumberField.count(t, what: "investigation files") {
                case .success(let n): v = Double(n)
                case .failure(let p):
                    if municipalityColumn != nil {
                        incompleteTotals.insert(
                            AggregateSums.Key(
                                area: area,
                                period: SpanishCalendar.period(year: year, month: k + 1),
                                measure: totalMeasure
                            )
                        )
                    }
                    pending.append(
                        .rejected(
                            Rejection(
                                file: csv.fileName,
                                line: r.line,
                                column: c + 1,
                                field: "month",
                                value: f[c],
                                reason: "not a count: \(p.reason)"
                            )
                        )
                    )
                    continue
                }
                let period = SpanishCalendar.period(year: year, month: k + 1)
                if municipalityColumn != nil { totals.add(area, period, totalMeasure, v, line: r.line) }
                pending.append(
                    .record(
                        AreaMeasure(
                            area: area,
                            period: period,
                            measure: measure,
                            value: v,
                            source: "SESNSP"
                        ),
                        line: r.line
                    )
                )
            }
        }
        return pending.removeFirst()
    }
}
