import IronTraceCore

/// Readers for the population files rates are computed from, as published: CONAPO state
/// projections, INEGI census exports by municipality, and US Census state estimates. Each file is
/// small (under a megabyte), so a reader returns all its rows at once: a record or a rejection for
/// every figure the file carries, measures `population`, `population_men` and `population_women`.
public enum PopulationReader {
    /// CONAPO "Proyecciones de la población ... de las entidades federativas" in long layout:
    /// `n_year, nombre_estado, cve_ent, genero, pob_start_year, pob_mid_year`. The mid-year figure is
    /// stored (it is what rates per year divide by); state `00` is the national total.
    public static func conapo(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = RowCounts()
        return try conapo(path: path, counts: &counts)
    }

    /// ``conapo(path:)``, counting the data rows read and skipped (see ``RowCounts``).
    public static func conapo(path: String, counts: inout RowCounts) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path, options: .init(delimiter: UInt8(ascii: ",")))
        let cols = try NamedColumns(
            csv,
            required: ["n_year", "cve_ent", "genero", "pob_mid_year"],
            format: "a CONAPO state projection file"
        )
        var out: [RowResult<AreaMeasure>] = []
        while let record = csv.next() {
            counts.rowsRead += 1
            if record.fields.count == 1 && record.fields[0].isEmpty {
                counts.rowsSkipped += 1
                continue
            }
            let row = cols.row(record, file: csv.fileName)
            if let bad: RowResult<AreaMeasure> = row.fieldCountProblem() {
                out.append(bad)
                continue
            }
            guard let year = Int(row.text("n_year")), (1900...2100).contains(year) else {
                out.append(row.reject("n_year", "not a year"))
                continue
            }
            guard let code = Int(row.text("cve_ent")) else {
                out.append(row.reject("cve_ent", "not an INEGI state code"))
                continue
            }
            let area: AreaCode
            if code == 0 {
                area = .country("MX")
            } else if let s = MexicanState.code(code) {
                area = .mexicanState(s)
            } else {
                out.append(row.reject("cve_ent", "INEGI state codes are 01-32 (00 for the nation)"))
                continue
            }
            guard let measure = sexMeasure(row.text("genero")) else {
                out.append(row.reject("genero", "expected Total, Hombres or Mujeres"))
                continue
            }
            let value: Double
            switch NumberField.population(row.text("pob_mid_year")) {
            case .success(let v): value = v
            case .failure(let p):
                out.append(row.reject("pob_mid_year", "not a population count: \(p.reason)"))
                continue
            }
            out.append(
                .record(
                    AreaMeasure(area: area, period: String(year), measure: measure, value: value, source: "CONAPO"),
                    line: record.line
                )
            )
        }
        return out
    }

    /// The measure for a sex label in Mexican files (`Total`, `Hombres`/`Hombre`, `Mujeres`/`Mujer`).
    static func sexMeasure(_ label: String) -> String? {
        switch AreaName.key(label) {
        case "total": "population"
        case "hombres", "hombre": "population_men"
        case "mujeres", "mujer": "population_women"
        default: nil
        }
    }

    /// INEGI census "Consulta interactiva" exports by state and municipality (Latin-1, CRLF, title
    /// block, `=CONCATENAR(0,01)` state keys, ` 01 001 ` municipal keys, thousands separators,
    /// "FUENTE:" footer). Two layouts are read: one census with `Total, Hombres, Mujeres` columns
    /// (the census year is taken from the FUENTE line, e.g. "Censo de Población y Vivienda 2020"),
    /// and several censuses as year columns with a sex column (`Total`/`Hombre`/`Mujer` rows).
    public static func inegiCensus(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = RowCounts()
        return try inegiCensus(path: path, counts: &counts)
    }

    /// ``inegiCensus(path:)``, counting the body rows read and skipped (see ``RowCounts``).
    public static func inegiCensus(
        path: String,
        counts: inout RowCounts
    ) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path, options: .init(delimiter: UInt8(ascii: ","), mojibake: .off))
        var records: [CSVRecord] = []
        while let r = csv.next() { records.append(r) }
        let source = "INEGI census"
        // Layout 1: a header with year columns.
        if let h = records.firstIndex(where: { r in
            r.fields.count > 3
                && r.fields.contains { Int($0.trimmingASCIISpaces()).map { (1890...2100).contains($0) } ?? false }
                && r.fields[0].trimmingASCIISpaces().isEmpty
        }) {
            let header = records[h].fields
            let yearColumns = header.enumerated().compactMap { i, f in
                Int(f.trimmingASCIISpaces()).flatMap { (1890...2100).contains($0) ? (i, $0) : nil }
            }
            let body = records[(h + 1)...]
            // Key, name and sex come first: a row needs them and every year column.
            let needed = Swift.max(3, (yearColumns.map(\.0).max() ?? 0) + 1)
            return censusBody(
                csv.fileName,
                body,
                fields: needed,
                headerFields: header.count,
                source: source,
                counts: &counts
            ) { f in
                let measure = sexMeasure(f[2].trimmingASCIISpaces())
                return yearColumns.map { ($0.0, measure, String($0.1)) }
            }
        }
        // Layout 2: Total, Hombres, Mujeres for one census named in the footer.
        guard
            let h = records.firstIndex(where: { r in
                r.fields.count >= 5 && r.fields[2].trimmingASCIISpaces() == "Total"
                    && r.fields[3].trimmingASCIISpaces() == "Hombres"
            })
        else {
            throw FormatError(
                file: csv.fileName,
                reason: "not an INEGI census export: no header with census years or with Total, Hombres, Mujeres"
            )
        }
        let footer = records.first { $0.fields.first?.trimmingASCIISpaces().hasPrefix("FUENTE") ?? false }
        guard let footer, let year = lastYear(in: footer.fields[0]) else {
            throw FormatError(
                file: csv.fileName,
                reason:
                    "no census year: the FUENTE line should name the census (\"Censo de Población y Vivienda 2020\")"
            )
        }
        let columns = [(2, "population"), (3, "population_men"), (4, "population_women")]
        return censusBody(csv.fileName, records[(h + 1)...], fields: 5, source: source, counts: &counts) { _ in
            columns.map { ($0.0, $0.1, String(year)) }
        }
    }

    /// The rows of a census table's body: footers and blank rows skipped, short rows rejected whole,
    /// then one figure (or rejection) per column the layout names for the row.
    static func censusBody(
        _ file: String,
        _ rows: ArraySlice<CSVRecord>,
        fields: Int,
        headerFields: Int? = nil,
        source: String,
        counts: inout RowCounts,
        columns: ([String]) -> [(column: Int, measure: String?, period: String)]
    ) -> [RowResult<AreaMeasure>] {
        var out: [RowResult<AreaMeasure>] = []
        for r in rows {
            counts.rowsRead += 1
            let f = r.fields
            if skippable(f) {
                counts.rowsSkipped += 1
                continue
            }
            if let damage = r.damage(file: file) {
                out.append(.rejected(damage))
                continue
            }
            guard f.count >= fields else {
                out.append(wholeRow(file, r, "expected \(headerFields ?? fields) fields, found \(f.count)"))
                continue
            }
            let area = censusArea(f[0], name: f[1])
            let figures = columns(f)
            if figures.isEmpty { counts.rowsSkipped += 1 }
            for c in figures {
                out.append(
                    figure(file, r, column: c.column, area: area, measure: c.measure, period: c.period, source: source)
                )
            }
        }
        return out
    }

    static func skippable(_ f: [String]) -> Bool {
        let first = f.first?.trimmingASCIISpaces() ?? ""
        return f.count <= 1 || first.hasPrefix("FUENTE") || (first.isEmpty && f.dropFirst().allSatisfy { $0.isEmpty })
            || f.dropFirst().first?.trimmingASCIISpaces().hasPrefix("INEGI") == true
    }

    static func lastYear(in text: String) -> Int? {
        let words = text.split { !$0.isNumber }
        return words.compactMap { Int($0) }.filter { (1890...2100).contains($0) }.last
    }

    static func censusArea(_ key: String, name: String) -> Result<AreaCode, INEGIHomicideReader.AreaProblem> {
        // The national row is keyed blank with "Total" in the name column.
        if key.trimmingASCIISpaces().isEmpty { return .success(.country("MX")) }
        return INEGIHomicideReader.area(key, name: name)
    }

    static func wholeRow(_ file: String, _ r: CSVRecord, _ reason: String) -> RowResult<AreaMeasure> {
        .rejected(Rejection(file: file, line: r.line, column: 0, field: "", value: "", reason: reason))
    }

    static func figure(
        _ file: String,
        _ r: CSVRecord,
        column c: Int,
        area: Result<AreaCode, INEGIHomicideReader.AreaProblem>,
        measure: String?,
        period: String,
        source: String
    ) -> RowResult<AreaMeasure> {
        let f = r.fields
        switch area {
        case .failure(let p):
            return .rejected(
                Rejection(file: file, line: r.line, column: 1, field: "area", value: f[0], reason: p.reason)
            )
        case .success(let a):
            guard let measure else {
                return .rejected(
                    Rejection(
                        file: file,
                        line: r.line,
                        column: 3,
                        field: "sex",
                        value: f[2],
                        reason: "expected Total, Hombre or Mujer"
                    )
                )
            }
            let text = f[c].trimmingASCIISpaces().replacingOccurrences(of: ",", with: "")
            // A blank cell is a municipality that did not exist in that census, not a zero.
            if text.isEmpty || text == "-" {
                return .rejected(
                    Rejection(
                        file: file,
                        line: r.line,
                        column: c + 1,
                        field: period,
                        value: f[c],
                        reason: "no figure for this census (the municipality did not exist yet)"
                    )
                )
            }
            let v: Double
            switch NumberField.population(text) {
            case .success(let n): v = n
            case .failure(let p):
                return .rejected(
                    Rejection(
                        file: file,
                        line: r.line,
                        column: c + 1,
                        field: period,
                        value: f[c],
                        reason: "not a population count: \(p.reason)"
                    )
                )
            }
            return .record(
                AreaMeasure(area: a, period: period, measure: measure, value: v, source: source),
                line: r.line
            )
        }
    }

    /// US Census Bureau state population estimates, in either of two layouts: the Bureau's
    /// `nst-est20YY-alldata` file (SUMLEV, STATE FIPS, NAME, POPESTIMATE2010...; regions are skipped
    /// as aggregates, the nation is kept as `US`), or a wide table `State, 2010, 2011, ...` keyed by
    /// state name.
    public static func usCensus(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = RowCounts()
        return try usCensus(path: path, counts: &counts)
    }

    /// ``usCensus(path:)``, counting the data rows read and skipped (see ``RowCounts``).
    public static func usCensus(path: String, counts: inout RowCounts) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path, options: .init(delimiter: UInt8(ascii: ",")))
        guard let headerRecord = csv.next() else { throw FormatError(file: csv.fileName, reason: "empty file") }
        let header = headerRecord.fields.map { $0.trimmingASCIISpaces() }
        var out: [RowResult<AreaMeasure>] = []
        let source = "Census"
        if let sumlev = header.firstIndex(of: "SUMLEV"), let stateColumn = header.firstIndex(of: "STATE") {
            let yearColumns = header.enumerated().compactMap { i, name -> (Int, Int)? in
                guard name.hasPrefix("POPESTIMATE"), let y = Int(name.dropFirst("POPESTIMATE".count)),
                    (1790...2100).contains(y)
                else {
                    return nil
                }
                return (i, y)
            }
            guard !yearColumns.isEmpty else {
                throw FormatError(file: csv.fileName, line: 1, reason: "no POPESTIMATEyyyy columns")
            }
            while let r = csv.next() {
                counts.rowsRead += 1
                let f = r.fields
                if f.count == 1 && f[0].isEmpty {
                    counts.rowsSkipped += 1
                    continue
                }
                if let damage = r.damage(file: csv.fileName, header: header) {
                    out.append(.rejected(damage))
                    continue
                }
                guard f.count == header.count else {
                    out.append(wholeRow(csv.fileName, r, "expected \(header.count) fields, found \(f.count)"))
                    continue
                }
                let level = f[sumlev].trimmingASCIISpaces()
                let area: AreaCode
                if level == "010" {
                    area = .country("US")
                } else if level == "040", let fips = Int(f[stateColumn]), let s = USState.fips(fips) {
                    area = .usState(s)
                } else {
                    // Census regions (020) and divisions (030) are sums of states: one rejection per figure.
                    let reason =
                        level == "020" || level == "030"
                        ? "a Census region or division, not a state (the sum of its states)"
                        : "unknown summary level or state FIPS code"
                    for (c, _) in yearColumns {
                        out.append(
                            .rejected(
                                Rejection(
                                    file: csv.fileName,
                                    line: r.line,
                                    column: c + 1,
                                    field: header[c],
                                    value: f[stateColumn],
                                    reason: reason
                                )
                            )
                        )
                    }
                    continue
                }
                for (c, y) in yearColumns {
                    out.append(count(csv.fileName, r, c, header[c], area: area, year: y, source: source))
                }
            }
            return out
        }
        guard let nameColumn = header.firstIndex(where: { $0.lowercased() == "state" || $0.lowercased() == "name" })
        else {
            throw FormatError(
                file: csv.fileName,
                line: 1,
                reason: "not a Census state file: expected SUMLEV/STATE/POPESTIMATEyyyy or State, yyyy, ... columns"
            )
        }
        let yearColumns = header.enumerated().compactMap { i, name in
            Int(name).flatMap { (1790...2100).contains($0) ? (i, $0) : nil }
        }
        guard !yearColumns.isEmpty else {
            throw FormatError(file: csv.fileName, line: 1, reason: "no year columns")
        }
        while let r = csv.next() {
            counts.rowsRead += 1
            let f = r.fields
            if f.count == 1 && f[0].isEmpty {
                counts.rowsSkipped += 1
                continue
            }
            if let damage = r.damage(file: csv.fileName, header: header) {
                out.append(.rejected(damage))
                continue
            }
            guard f.count == header.count else {
                out.append(wholeRow(csv.fileName, r, "expected \(header.count) fields, found \(f.count)"))
                continue
            }
            let name = f[nameColumn].trimmingASCIISpaces()
            let area: AreaCode
            if let s = USState.lookup(name) {
                area = .usState(s)
            } else if ["united states", "us", "usa"].contains(name.lowercased()) {
                area = .country("US")
            } else {
                for _ in yearColumns {
                    out.append(
                        .rejected(
                            Rejection(
                                file: csv.fileName,
                                line: r.line,
                                column: nameColumn + 1,
                                field: header[nameColumn],
                                value: name,
                                reason: "not a US state or the United States"
                            )
                        )
                    )
                }
                continue
            }
            for (c, y) in yearColumns {
                out.append(count(csv.fileName, r, c, header[c], area: area, year: y, source: source))
            }
        }
        return out
    }

    static func count(
        _ file: String,
        _ r: CSVRecord,
        _ c: Int,
        _ field: String,
        area: AreaCode,
        year: Int,
        source: String
    ) -> RowResult<AreaMeasure> {
        let v: Double
        switch NumberField.population(r.fields[c]) {
        case .success(let n): v = n
        case .failure(let p):
            return .rejected(
                Rejection(
                    file: file,
                    line: r.line,
                    column: c + 1,
                    field: field,
                    value: r.fields[c],
                    reason: "not a population count: \(p.reason)"
                )
            )
        }
        return .record(
            AreaMeasure(area: area, period: String(year), measure: "population", value: v, source: source),
            line: r.line
        )
    }
}
