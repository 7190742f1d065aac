import IronTraceCore

/// Reads INEGI homicide death records, one row per death, as recoded in
/// `homicidios_2024_clean.csv` (github.com/SebastianLc07/analisis_homicidios_inegi_2024, from
/// INEGI "Defunciones registradas 2024", ICD-10 X85–Y09, deaths occurred in 2024): columns
/// `entidad_ocurrencia, sexo_cat, edad_anios, grupo_edad, conindig_cat, afromex_cat,
/// nacionalidad_cat, lugar_ocurrencia, area_ur_cat`.
///
/// The deaths are counted into area measures of the year in the file name (the file has no date
/// column), source `INEGI`, for each state of occurrence (`MX-SS`) and for the nation (`MX`, which
/// also counts the deaths whose state is "No especificada", as `homicides_state_unspecified`):
/// `homicides`; `homicides_men`, `homicides_women`, `homicides_sex_unspecified`;
/// `homicides:age:<grupo_edad>`; `homicides:place:<lugar_ocurrencia>`;
/// `homicides:locality:<area_ur_cat>` (Urbana, Rural, No especificada).
///
/// What the file does not carry is not invented: it has no municipality, no month or date and no
/// cause or means (the ICD-10 code that would say "firearm", X93–X95, was dropped in the recoding),
/// so it gives no counts by municipality or month and no firearm share.
/// Rows read = rows counted + rows rejected (see ``AggregatedRows``).
public enum INEGIDeathRecordReader {
    static let required = ["entidad_ocurrencia", "sexo_cat", "grupo_edad", "lugar_ocurrencia", "area_ur_cat"]

    public static func read(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = AggregatedRows()
        return try read(path: path, counts: &counts)
    }

    public static func read(
        path: String,
        counts: inout AggregatedRows
    ) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path)
        let cols = try NamedColumns(csv, required: required, format: "INEGI homicide death records")
        let name = csv.fileName
        guard let year = yearInName(baseName(path)) else {
            throw FormatError(
                file: path,
                reason: "the records carry no date: the year of death must be in the file name (homicidios_2024_...)"
            )
        }
        let period = String(year)
        var sums = AggregateSums()
        var out: [RowResult<AreaMeasure>] = []
        var states: [String: MexicanState?] = [:]
        var sexes: [String: String] = [:]
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
            let stateText = row.text("entidad_ocurrencia")
            // Resolved once per distinct text: .some(nil) is "No especificada".
            let resolved: MexicanState??
            if let known = states[stateText] {
                resolved = known
            } else {
                resolved =
                    AreaName.key(stateText).hasPrefix("no especificad")
                    ? .some(nil) : MexicanState.lookup(stateText).map { .some($0) }
                if let resolved { states[stateText] = resolved }
            }
            guard let state = resolved else {
                reject(row.reject("entidad_ocurrencia", "not a Mexican state (nor No especificada)"))
                continue
            }
            let sexText = row.text("sexo_cat")
            let knownSex = sexes[sexText] ?? sexMeasure(sexText)
            sexes[sexText] = knownSex
            guard let sex = knownSex else {
                reject(row.reject("sexo_cat", "expected Hombre, Mujer or No especificado"))
                continue
            }
            var labels: [String] = []
            var blank: String?
            for (column, prefix) in [
                ("grupo_edad", "homicides:age:"), ("lugar_ocurrencia", "homicides:place:"),
                ("area_ur_cat", "homicides:locality:"),
            ] {
                let t = row.text(column)
                if t.isEmpty {
                    blank = column
                    break
                }
                labels.append(prefix + t)
            }
            if let blank {
                reject(row.reject(blank, "blank: every record states it (No especificada when unknown)"))
                continue
            }
            counts.rowsCounted += 1
            let measures = ["homicides", sex] + labels
            var areas: [AreaCode] = [.country("MX")]
            if let state { areas.append(.mexicanState(state)) }
            for area in areas {
                for m in measures { sums.add(area, period, m, 1, line: record.line) }
            }
            if state == nil { sums.add(.country("MX"), period, "homicides_state_unspecified", 1, line: record.line) }
        }
        return out + sums.records(source: "INEGI")
    }

    /// The measure of a `sexo_cat` label.
    static func sexMeasure(_ label: String) -> String? {
        switch AreaName.key(label) {
        case "hombre": "homicides_men"
        case "mujer": "homicides_women"
        case "no especificado", "no especificada": "homicides_sex_unspecified"
        default: nil
        }
    }

    /// The last component of a path.
    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The first run of four digits in a file name that reads as a year 1900-2100.
    static func yearInName(_ name: String) -> Int? {
        let chars = Array(name)
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            if j - i == 4, let y = Int(String(chars[i..<j])), (1900...2100).contains(y) { return y }
            i = j
        }
        return nil
    }
}
