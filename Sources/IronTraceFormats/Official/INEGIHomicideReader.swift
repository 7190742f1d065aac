import IronTraceCore

/// Reads INEGI's "Defunciones por homicidio" cube exports as published (Latin-1, CRLF, a title
/// block, the year in "Año de registro : YYYY", a national "Total" row, state rows keyed
/// `=CONCATENAR(0,01)`, municipal rows keyed ` 01 001 `, thousands separators, blank cells for zero,
/// a "FUENTE:" footer) into area measures: `homicides` per area for the year and for each month,
/// source `INEGI`. Each figure (a year total or a month cell) is one record; rows for deaths that
/// occurred abroad (INEGI codes 33-35) are rejected with their reason, never dropped silently.
public final class INEGIHomicideReader: Sequence, IteratorProtocol {
    public let csv: CSVReader
    public let year: Int
    private var pending: [RowResult<AreaMeasure>] = []
    private let monthColumns: [Int]
    private let totalColumn: Int
    /// The fields a data row needs (the last month column + 1).
    private let neededFields: Int
    /// Data rows read after the header. Each yields one record or rejection per figure (total and
    /// twelve months), one rejection when the row is damaged, or nothing when it is one of the
    /// `rowsSkipped` (the FUENTE footer, blank and short note rows).
    public private(set) var rowsRead = 0
    public private(set) var rowsSkipped = 0

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path, options: .init(delimiter: UInt8(ascii: ","), mojibake: .off))
        var foundYear: Int?
        var header: [String]?
        while let r = csv.next() {
            let first = r.fields.first?.trimmingASCIISpaces() ?? ""
            if first.hasPrefix("Año de registro"),
                let y = Int(first.split(separator: ":").last?.trimmingASCIISpaces() ?? ""), (1900...2100).contains(y)
            {
                foundYear = y
            }
            if r.fields.count > 3, r.fields[2].trimmingASCIISpaces() == "Total",
                r.fields[3].trimmingASCIISpaces() == "Enero"
            {
                header = r.fields
                break
            }
        }
        guard let header else {
            throw FormatError(
                file: path,
                reason: "not an INEGI homicide cube export: no header row with Total, Enero, ..."
            )
        }
        guard let foundYear else {
            throw FormatError(file: path, reason: "no 'Año de registro : YYYY' line before the header")
        }
        year = foundYear
        totalColumn = 2
        let months = SpanishCalendar.months
        var cols: [Int] = []
        for m in months {
            guard let i = header.firstIndex(where: { $0.trimmingASCIISpaces() == m }) else {
                throw FormatError(file: path, line: 1, reason: "month column \(m) missing")
            }
            cols.append(i)
        }
        monthColumns = cols
        neededFields = (cols + [totalColumn]).reduce(0) { Swift.max($0, $1) } + 1
    }

    /// Why a row's area cannot be stored.
    struct AreaProblem: Error {
        var reason: String
    }

    /// INEGI's area key of a row: national, state or municipality, or why the row is rejected.
    static func area(_ key: String, name: String) -> Result<AreaCode, AreaProblem> {
        let k = key.trimmingASCIISpaces()
        if k.isEmpty && name.trimmingASCIISpaces() == "Total" { return .success(.country("MX")) }
        if k.hasPrefix("=CONCATENAR(") {
            let inner = k.dropFirst("=CONCATENAR(".count).prefix { $0 != ")" }
            let code = inner.split(separator: ",").last.map { String($0).trimmingASCIISpaces() } ?? ""
            guard let n = Int(code) else { return .failure(AreaProblem(reason: "unreadable state key")) }
            guard let s = MexicanState.code(n) else {
                return .failure(AreaProblem(reason: "INEGI code \(code): deaths registered outside the 32 states"))
            }
            return .success(.mexicanState(s))
        }
        let parts = k.split(separator: " ")
        if parts.count == 2, let st = Int(parts[0]), let mun = Int(parts[1]) {
            guard (1...32).contains(st) else {
                return .failure(
                    AreaProblem(reason: "INEGI code \(parts[0]): death occurred abroad or place unspecified")
                )
            }
            guard (1...999).contains(mun) else {
                return .failure(AreaProblem(reason: "INEGI municipality code \(parts[1]) is not 001-999"))
            }
            return .success(.mexicanMunicipality(st * 1000 + mun))
        }
        return .failure(AreaProblem(reason: "unrecognised area key"))
    }

    /// A homicide count: blank is zero (INEGI leaves zero cells blank), otherwise a whole number
    /// within ``NumberField/maxCount``.
    static func number(_ s: String) -> Result<Double, NumberField.Problem> {
        let t = s.trimmingASCIISpaces()
        if t.isEmpty { return .success(0) }
        return NumberField.count(t, what: "homicides").map { Double($0) }
    }

    public func next() -> RowResult<AreaMeasure>? {
        while pending.isEmpty {
            guard let r = csv.next() else { return nil }
            rowsRead += 1
            let f = r.fields
            let first = f.first?.trimmingASCIISpaces() ?? ""
            if first.hasPrefix("FUENTE") || f.count < neededFields {  // footer and blank lines
                rowsSkipped += 1
                continue
            }
            if let damage = r.damage(file: csv.fileName) {
                pending.append(.rejected(damage))
                continue
            }
            let name = f.count > 1 ? f[1] : ""
            switch INEGIHomicideReader.area(f[0], name: name) {
            case .failure(let problem):
                let reason = problem.reason
                // One rejection per figure the row carries, so records read = stored + rejected.
                for c in [totalColumn] + monthColumns {
                    pending.append(
                        .rejected(
                            Rejection(
                                file: csv.fileName,
                                line: r.line,
                                column: c + 1,
                                field: c == totalColumn ? "Total" : "month",
                                value: "\(f[0].trimmingASCIISpaces()) \(name)",
                                reason: reason
                            )
                        )
                    )
                }
            case .success(let area):
                for (k, c) in ([totalColumn] + monthColumns).enumerated() {
                    let v: Double
                    switch INEGIHomicideReader.number(f[c]) {
                    case .success(let n): v = n
                    case .failure(let p):
                        pending.append(
                            .rejected(
                                Rejection(
                                    file: csv.fileName,
                                    line: r.line,
                                    column: c + 1,
                                    field: "count",
                                    value: f[c],
                                    reason: "not a count: \(p.reason)"
                                )
                            )
                        )
                        continue
                    }
                    let period = k == 0 ? String(year) : SpanishCalendar.period(year: year, month: k)
                    pending.append(
                        .record(
                            AreaMeasure(area: area, period: period, measure: "homicides", value: v, source: "INEGI"),
                            line: r.line
                        )
                    )
                }
            }
        }
        return pending.removeFirst()
    }
}
