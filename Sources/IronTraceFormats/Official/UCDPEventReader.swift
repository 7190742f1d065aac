import IronTraceCore

/// Reads the Uppsala Conflict Data Program's Georeferenced Event Dataset (GED) CSV into armed events,
/// mapped to ACLED's taxonomy: state-based and non-state conflict (types 1 and 2) are Battles / Armed
/// clash, one-sided violence (type 3) is Violence against civilians / Attack. UCDP's date precision
/// 1-3 (within a week) is recorded as day, 4 as month, 5 as year. Fatalities are UCDP's best estimate.
/// Event ids are UCDP's id plus ``idOffset`` so they never meet the ids of other sources.
public final class UCDPEventReader: Sequence, IteratorProtocol {
    public static let idOffset: Int64 = 1_000_000_000
    public let csv: CSVReader
    private let columns: NamedColumns
    /// Data rows read after the header; each yields exactly one record or rejection, except the
    /// `rowsSkipped` ones (blank rows), which yield nothing.
    public private(set) var rowsRead = 0
    public private(set) var rowsSkipped = 0

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path)
        columns = try NamedColumns(
            csv,
            required: [
                "id", "type_of_violence", "side_a", "side_b", "country", "date_start", "date_prec", "best", "adm_1",
            ],
            format: "a UCDP GED file"
        )
    }

    public func next() -> RowResult<ArmedEvent>? {
        guard let r = csv.next() else { return nil }
        rowsRead += 1
        let row = columns.row(r, file: csv.fileName)
        func text(_ name: String) -> String { row.text(name) }
        func reject(_ name: String, _ reason: String) -> RowResult<ArmedEvent> { row.reject(name, reason) }
        if let problem: RowResult<ArmedEvent> = row.fieldCountProblem() { return problem }
        // Below ACLED's id block, so offset ids never meet ACLED's (and the sum cannot overflow).
        guard let id = Int64(text("id")), id > 0, id < ACLEDEventReader.idOffset - UCDPEventReader.idOffset else {
            return reject("id", "not a positive id below \(ACLEDEventReader.idOffset - UCDPEventReader.idOffset)")
        }
        guard let date = CivilDate(parsing: text("date_start")) else { return reject("date_start", "not a date") }
        // The range's end, kept when it leaves the start month (an event dated within a year or a
        // quarter is spread over its months by the reports, not piled into the first).
        var endDate: CivilDate?
        let endText = text("date_end")
        if !endText.isEmpty {
            guard let end = CivilDate(parsing: endText) else { return reject("date_end", "not a date") }
            guard end >= date else { return reject("date_end", "before date_start (\(date))") }
            guard end.dayNumber - date.dayNumber <= 3_660 else {
                return reject("date_end", "more than ten years after date_start")
            }
            if (end.year, end.month) != (date.year, date.month) { endDate = end }
        }
        let type: EventType
        let sub: String
        switch text("type_of_violence") {
        case "1", "2":
            type = .battles
            sub = "Armed clash"
        case "3":
            type = .violenceAgainstCivilians
            sub = "Attack"
        default: return reject("type_of_violence", "expected 1, 2 or 3")
        }
        let precision: DatePrecision
        switch text("date_prec") {
        case "1", "2", "3": precision = .day
        case "4": precision = .month
        case "5": precision = .year
        default: return reject("date_prec", "expected 1-5")
        }
        let best: Int
        switch NumberField.count(text("best"), what: "best estimate") {
        case .success(let v): best = v
        case .failure(let p): return reject("best", "not a count: \(p.reason)")
        }
        let countryName = text("country")
        let country = countryName == "Mexico" ? "MX" : (countryName == "United States of America" ? "US" : "")
        guard !country.isEmpty else { return reject("country", "only Mexico and the United States are mapped") }
        var area: AreaCode?
        let adm1 = text("adm_1")
        if !adm1.isEmpty, country == "MX" {
            let name = adm1.hasSuffix(" state") ? String(adm1.dropLast(" state".count)) : adm1
            guard let st = MexicanState.lookup(name) else { return reject("adm_1", "unknown Mexican state") }
            area = .mexicanState(st)
        }
        let lat = Double(text("latitude"))
        let lon = Double(text("longitude"))
        let location = [text("where_description"), text("adm_2")].filter { !$0.isEmpty }.joined(separator: ", ")
        return .record(
            ArmedEvent(
                id: id + UCDPEventReader.idOffset,
                date: date,
                precision: precision,
                type: type,
                subType: sub,
                actor1: text("side_a"),
                actor2: text("side_b"),
                country: country,
                area: area,
                location: location,
                latitude: lat.flatMap { (-90...90).contains($0) ? $0 : nil },
                longitude: lon.flatMap { (-180...180).contains($0) ? $0 : nil },
                fatalities: best,
                sourceDataset: "UCDP",
                sourceID: text("relid").isEmpty ? String(id) : text("relid"),
                notes: text("dyad_name"),
                provenance: String(text("source_article").prefix(500)),
                endDate: endDate
            ),
            line: r.line
        )
    }
}
