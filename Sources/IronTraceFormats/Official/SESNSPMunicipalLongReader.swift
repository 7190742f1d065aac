import IronTraceCore

/// Reads a tidied ("long") copy of SESNSP's municipal incidence table, one row per municipality,
/// subtype, month and (unnamed) modality: `Año, Entidad, Municipio, Tipo de delito, Subtipo de
/// delito, Mes, Casos`, as in `homicidios_gto_2020_2025_long.csv`
/// (github.com/MauricioAguilarOrta/sesnsp-guanajuato-homicidios).
///
/// The modality column of the published table was dropped in the tidying, so the rows of one
/// municipality, subtype and month are the modalities of that cell and are added up: measure
/// `carpetas_total:<subtipo>` of `MX-SSMMM` (INEGI code looked up by name within the state) for
/// `YYYY-MM`, source `SESNSP`. The raw municipal table (``SESNSPIncidenceReader``) gives the same
/// totals, so importing both shows where the copies agree and where they conflict. A blank
/// `Casos` (a month not yet published) is skipped, not read as zero.
/// Rows read = rows counted + rows rejected + rows skipped (see ``AggregatedRows``).
public enum SESNSPMunicipalLongReader {
    /// A municipality of `state` by name: the catalogue's exact name (accents and case ignored), else
    /// the one municipality of the state whose catalogue name starts the given name or is started by
    /// it, word for word (SESNSP writes "Dolores Hidalgo Cuna de la Independencia Nacional" where the
    /// catalogue has "Dolores Hidalgo"). `nil` when unknown or when that fallback is not unique.
    public static func municipality(named name: String, in state: MexicanState) -> MexicanMunicipality? {
        if let exact = MexicanMunicipality.lookup(name: name, state: state) { return exact }
        let k = AreaName.key(name)
        guard !k.isEmpty else { return nil }
        let candidates = MexicanMunicipality.all.filter { m in
            guard m.code / 1000 == state.code else { return false }
            let c = AreaName.key(m.name)
            return k.hasPrefix(c + " ") || c.hasPrefix(k + " ")
        }
        return candidates.count == 1 ? candidates[0] : nil
    }

    static let required = ["Año", "Entidad", "Municipio", "Subtipo de delito", "Mes", "Casos"]

    public static func read(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = AggregatedRows()
        return try read(path: path, counts: &counts)
    }

    public static func read(
        path: String,
        counts: inout AggregatedRows
    ) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path)
        let cols = try NamedColumns(csv, required: required, format: "a SESNSP municipal long table")
        let name = csv.fileName
        var sums = AggregateSums()
        var out: [RowResult<AreaMeasure>] = []
        var places: [String: MexicanMunicipality?] = [:]
        // Lookups by the text as written, once per distinct text.
        var states: [String: MexicanState] = [:]
        var monthNumbers: [String: Int] = [:]
        while let record = csv.next() {
            counts.rowsRead += 1
            let row = cols.row(record, file: name)
            func reject(_ r: RowResult<AreaMeasure>) {
                out.append(r)
                counts.rowsRejected += 1
            }
            if let bad: RowResult<AreaMeasure> = row.fieldCountProblem() {
                reject(bad)
                continue
            }
            guard let year = Int(row.text("Año")), (1990...2100).contains(year) else {
                reject(row.reject("Año", "not a year"))
                continue
            }
            let stateText = row.text("Entidad")
            let knownState = states[stateText] ?? MexicanState.lookup(stateText)
            states[stateText] = knownState
            guard let state = knownState else {
                reject(row.reject("Entidad", "not a Mexican state"))
                continue
            }
            let placeKey = "\(state.code)|\(row.text("Municipio"))"
            let place: MexicanMunicipality?
            if let known = places[placeKey] {
                place = known
            } else {
                place = SESNSPMunicipalLongReader.municipality(named: row.text("Municipio"), in: state)
                places[placeKey] = place
            }
            guard let place else {
                reject(row.reject("Municipio", "not a municipality of \(state.name) in the INEGI catalogue"))
                continue
            }
            let monthText = row.text("Mes")
            let knownMonth = monthNumbers[monthText] ?? SpanishCalendar.month(monthText)
            monthNumbers[monthText] = knownMonth
            guard let month = knownMonth else {
                reject(row.reject("Mes", "not a Spanish month name"))
                continue
            }
            let subtype = row.text("Subtipo de delito")
            guard !subtype.isEmpty else {
                reject(row.reject("Subtipo de delito", "blank"))
                continue
            }
            let casesText = row.text("Casos")
            if casesText.isEmpty {
                counts.rowsSkipped += 1
                continue
            }
            let cases: Int
            switch NumberField.count(casesText, what: "investigation files") {
            case .success(let n): cases = n
            case .failure(let p):
                reject(row.reject("Casos", "not a count: \(p.reason)"))
                continue
            }
            counts.rowsCounted += 1
            sums.add(
                .mexicanMunicipality(place.code),
                SpanishCalendar.period(year: year, month: month),
                "carpetas_total:\(subtype)",
                Double(cases),
                line: record.line
            )
        }
        return out + sums.records(source: "SESNSP")
    }
}
