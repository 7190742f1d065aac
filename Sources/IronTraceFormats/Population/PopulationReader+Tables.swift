import IronTraceCore

extension PopulationReader {
    /// A national population series written wide: a header of years and one row of figures, as
    /// `conapo-pop.csv` of the "Assault-Weapons" study (github.com/diegovalle/Assault-Weapons:
    /// CONAPO mid-year estimates of Mexico's population 1998–2008, the edition not named). Stored
    /// as `population` of `MX` per year with source `CONAPO (Assault-Weapons copy)`: a separate
    /// source, so these older projections neither replace nor conflict with the CONAPO 2020–2070
    /// projections (source `CONAPO`) that rates prefer. Each figure is one record.
    public static func nationalWide(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = RowCounts()
        return try nationalWide(path: path, counts: &counts)
    }

    /// The source ``nationalWide(path:)`` stores.
    public static let nationalWideSource = "CONAPO (Assault-Weapons copy)"

    /// ``nationalWide(path:)``, counting the rows read and skipped (blank rows).
    public static func nationalWide(
        path: String,
        counts: inout RowCounts
    ) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path)
        guard let header = csv.next()?.fields else { throw FormatError(file: path, reason: "empty file") }
        var years: [Int] = []
        for (i, h) in header.enumerated() {
            guard let y = Int(h.trimmingASCIISpaces()), (1900...2100).contains(y) else {
                throw FormatError(
                    file: path,
                    line: 1,
                    column: i + 1,
                    reason: "not a wide population table: header field \(i + 1) '\(h.prefix(40))' is not a year"
                )
            }
            years.append(y)
        }
        var out: [RowResult<AreaMeasure>] = []
        while let r = csv.next() {
            counts.rowsRead += 1
            if r.fields.allSatisfy({ $0.trimmingASCIISpaces().isEmpty }) {
                counts.rowsSkipped += 1
                continue
            }
            if let damage = r.damage(file: csv.fileName, header: header) {
                out.append(.rejected(damage))
                continue
            }
            guard r.fields.count == years.count else {
                out.append(
                    .rejected(
                        Rejection(
                            file: csv.fileName,
                            line: r.line,
                            column: 0,
                            field: "",
                            value: "",
                            reason:
                                "expected \(years.count) figures, one per year of the header, found \(r.fields.count)"
                        )
                    )
                )
                continue
            }
            for (i, text) in r.fields.enumerated() {
                switch NumberField.population(text) {
                case .success(let v):
                    out.append(
                        .record(
                            AreaMeasure(
                                area: .country("MX"),
                                period: String(years[i]),
                                measure: "population",
                                value: v,
                                source: nationalWideSource
                            ),
                            line: r.line
                        )
                    )
                case .failure(let p):
                    out.append(
                        .rejected(
                            Rejection(
                                file: csv.fileName,
                                line: r.line,
                                column: i + 1,
                                field: header[i],
                                value: text,
                                reason: "not a population: \(p.reason)"
                            )
                        )
                    )
                }
            }
        }
        return out
    }

    /// Municipal populations named but not coded, `Municipio, Poblacion`, as
    /// `poblacion_municipal_gto.csv` (github.com/MauricioAguilarOrta/sesnsp-guanajuato-homicidios).
    /// The file names neither its state nor its year: the state is the one state of the INEGI
    /// catalogue that has every name in the file (Guanajuato for that file; a file whose names fit
    /// no single state is refused), and the year is `year` (the figures of that file are the
    /// Censo 2020 totals of all 46 municipalities of Guanajuato, checked against the INEGI census
    /// export, so they are stored as `population` 2020, source `INEGI census`: the same key as
    /// the census, which then reports them as agreeing).
    public static func municipalNamed(
        path: String,
        year: Int = 2020,
        counts: inout RowCounts
    ) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path)
        let cols = try NamedColumns(csv, required: ["Municipio", "Poblacion"], format: "a municipal population table")
        var records: [CSVRecord] = []
        while let r = csv.next() { records.append(r) }
        // The state: the one whose catalogue has every name (names no state has are rejected below).
        var candidates: Set<Int>?
        for r in records {
            let states = Set(
                MexicanMunicipality.named(cols.row(r, file: csv.fileName).text("Municipio")).map(\.state.code)
            )
            if states.isEmpty { continue }
            candidates = candidates.map { $0.intersection(states) } ?? states
        }
        guard let c = candidates, c.count == 1, let state = MexicanState.code(c.first!) else {
            throw FormatError(
                file: path,
                reason:
                    "cannot tell the state: the municipality names fit \(candidates?.count ?? 0) states of the INEGI catalogue, not one"
            )
        }
        var out: [RowResult<AreaMeasure>] = []
        for record in records {
            counts.rowsRead += 1
            let row = cols.row(record, file: csv.fileName)
            if record.fields.allSatisfy({ $0.trimmingASCIISpaces().isEmpty }) {
                counts.rowsSkipped += 1
                continue
            }
            if let bad: RowResult<AreaMeasure> = row.fieldCountProblem() {
                out.append(bad)
                continue
            }
            guard let place = SESNSPMunicipalLongReader.municipality(named: row.text("Municipio"), in: state) else {
                out.append(row.reject("Municipio", "not a municipality of \(state.name) in the INEGI catalogue"))
                continue
            }
            switch NumberField.population(row.text("Poblacion")) {
            case .success(let v):
                out.append(
                    .record(
                        AreaMeasure(
                            area: .mexicanMunicipality(place.code),
                            period: String(year),
                            measure: "population",
                            value: v,
                            source: "INEGI census"
                        ),
                        line: record.line
                    )
                )
            case .failure(let p):
                out.append(row.reject("Poblacion", "not a population: \(p.reason)"))
            }
        }
        return out
    }

    /// ``municipalNamed(path:year:counts:)`` for the 2020 figures.
    public static func municipalNamed(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = RowCounts()
        return try municipalNamed(path: path, counts: &counts)
    }
}
