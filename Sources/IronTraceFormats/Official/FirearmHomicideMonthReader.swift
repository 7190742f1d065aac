import IronTraceCore

/// Reads the monthly firearm and total homicide tables of D. Valle-Jones' "Assault-Weapons" study
/// (SINAIS/DGIS, Secretaría de Salud death records 1998–2008; github.com/diegovalle/Assault-Weapons,
/// `data/guns-month.csv` and `data/frontier.csv`):
///
/// - `guns-month.csv`: `State, Year, Month, Murders.with.Firearm, Murders`, one row per state and
///   month with Spanish month names. A blank State or Year continues the row above; each year ends
///   with a `No Especificado` (month not recorded) row and each state with a `<State> Total` row.
///   Months become `firearm_homicides` and `homicides` of `MX-SS` for `YYYY-MM`; the month-unknown
///   row becomes `firearm_homicides_month_unspecified` and `homicides_month_unspecified` for `YYYY`
///   (a year is its twelve months plus that row). The `Total` row is checked against the sum of the
///   state's rows: equal, it is skipped; different, it is rejected with both figures.
/// - `frontier.csv`: `Year, Month, Firearm.Homicide, Homicide`, the same counts for "Mexican
///   municipalities near the US border" (the study's own words; it does not list them). They are
///   stored as `firearm_homicides_us_border_municipalities` and `homicides_us_border_municipalities`
///   of `MX` (the country they are in), not as a national figure.
///
/// Source `SINAIS`. Every data row yields its records or a rejection.
public enum FirearmHomicideMonthReader {
    /// The source the measures carry.
    public static let source = "SINAIS"

    public static func read(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = RowCounts()
        return try read(path: path, counts: &counts)
    }

    /// ``read(path:)``, counting the rows read and skipped (verified `Total` rows).
    public static func read(path: String, counts: inout RowCounts) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path)
        guard let rawHeader = csv.next()?.fields else { throw FormatError(file: path, reason: "empty file") }
        let header = rawHeader.map { AreaName.key($0) }
        func column(_ names: String...) -> Int? {
            for n in names { if let i = header.firstIndex(of: AreaName.key(n)) { return i } }
            return nil
        }
        guard let yearColumn = column("Year"), let monthColumn = column("Month"),
            let firearmColumn = column("Murders.with.Firearm", "Firearm.Homicide"),
            let allColumn = column("Murders", "Homicide")
        else {
            throw FormatError(
                file: path,
                line: 1,
                reason: "not a monthly firearm homicide table: expected Year, Month, Murders.with.Firearm "
                    + "(or Firearm.Homicide) and Murders (or Homicide)"
            )
        }
        let stateColumn = column("State")
        let border = stateColumn == nil
        let firearmMeasure = border ? "firearm_homicides_us_border_municipalities" : "firearm_homicides"
        let allMeasure = border ? "homicides_us_border_municipalities" : "homicides"
        let needed = [yearColumn, monthColumn, firearmColumn, allColumn, stateColumn ?? 0].max()! + 1
        var out: [RowResult<AreaMeasure>] = []
        var state: MexicanState?
        var stateText = ""
        var year: Int?
        // The running sums of the current state, checked against its Total row.
        var sums = (firearm: 0.0, all: 0.0)
        while let r = csv.next() {
            counts.rowsRead += 1
            let f = r.fields
            func reject(_ c: Int, _ reason: String) {
                out.append(
                    .rejected(Rejection(file: csv.fileName, record: r, header: rawHeader, column: c, reason: reason))
                )
            }
            if let damage = r.damage(file: csv.fileName, header: rawHeader) {
                out.append(.rejected(damage))
                continue
            }
            guard f.count >= needed else {
                reject(-1, "expected at least \(needed) fields, found \(f.count)")
                continue
            }
            func count(_ c: Int) -> Double? {
                switch NumberField.count(f[c], what: "homicides") {
                case .success(let n): return Double(n)
                case .failure(let p):
                    reject(c, "not a count: \(p.reason)")
                    return nil
                }
            }
            if let sc = stateColumn {
                let text = f[sc].trimmingASCIISpaces()
                if text.hasSuffix(" Total") {
                    let name = String(text.dropLast(" Total".count))
                    guard let firearm = count(firearmColumn), let all = count(allColumn) else { continue }
                    if AreaName.key(name) != AreaName.key(stateText) {
                        reject(
                            sc,
                            "a Total row for \(name) inside the rows of \(stateText.isEmpty ? "no state" : stateText)"
                        )
                    } else if firearm != sums.firearm || all != sums.all {
                        reject(
                            firearmColumn,
                            "the \(text) row (\(firearm.figure) firearm, \(all.figure) all) differs from the sum of "
                                + "its rows (\(sums.firearm.figure), \(sums.all.figure))"
                        )
                    } else {
                        counts.rowsSkipped += 1
                    }
                    state = nil
                    stateText = ""
                    year = nil
                    continue
                }
                if !text.isEmpty {
                    guard let s = MexicanState.lookup(text) else {
                        state = nil
                        stateText = text
                        reject(sc, "not a Mexican state")
                        continue
                    }
                    state = s
                    stateText = text
                    year = nil
                    sums = (0, 0)
                }
            }
            let yearText = f[yearColumn].trimmingASCIISpaces()
            if !yearText.isEmpty {
                guard let y = Int(yearText), (1900...2100).contains(y) else {
                    year = nil
                    reject(yearColumn, "not a year")
                    continue
                }
                year = y
            }
            guard let y = year else {
                reject(yearColumn, "no year on this row or the rows above it")
                continue
            }
            let area: AreaCode
            if stateColumn != nil {
                guard let s = state else {
                    reject(stateColumn!, "no state on this row or the rows above it")
                    continue
                }
                area = .mexicanState(s)
            } else {
                area = .country("MX")
            }
            let monthText = f[monthColumn].trimmingASCIISpaces()
            let period: String
            let suffix: String
            if let m = SpanishCalendar.month(monthText) {
                period = SpanishCalendar.period(year: y, month: m)
                suffix = ""
            } else if AreaName.key(monthText) == "no especificado" {
                period = String(y)
                suffix = "_month_unspecified"
            } else {
                reject(monthColumn, "not a Spanish month name (Enero..Diciembre or No Especificado)")
                continue
            }
            guard let firearm = count(firearmColumn), let all = count(allColumn) else { continue }
            guard firearm <= all else {
                reject(firearmColumn, "more firearm homicides (\(firearm.figure)) than homicides (\(all.figure))")
                continue
            }
            sums.firearm += firearm
            sums.all += all
            out.append(
                .record(
                    AreaMeasure(
                        area: area,
                        period: period,
                        measure: firearmMeasure + suffix,
                        value: firearm,
                        source: source
                    ),
                    line: r.line
                )
            )
            out.append(
                .record(
                    AreaMeasure(area: area, period: period, measure: allMeasure + suffix, value: all, source: source),
                    line: r.line
                )
            )
        }
        return out
    }
}
