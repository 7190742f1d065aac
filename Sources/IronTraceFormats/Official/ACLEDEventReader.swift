import IronTraceCore

/// Reads ACLED's 31-column event export (event_id_cnty, event_date, ..., fatalities, tags, timestamp)
/// into armed events. ACLED's event and sub-event types are IronTrace's taxonomy; a sub-type that does
/// not belong to its type is rejected. `time_precision` 1-2 (day, within a week) is day, 3 is month.
/// Countries are mapped from ACLED's numeric ISO 3166 code for the Americas; other countries are
/// rejected with the reason. Event ids are derived from the numeric ISO code and the number in
/// event_id_cnty (`ARG10607` in Argentina, 32 → 2,032,000,010,607), stable across imports.
public final class ACLEDEventReader: Sequence, IteratorProtocol {
    public static let idOffset: Int64 = 2_000_000_000_000
    /// ISO 3166-1 numeric → alpha-2, for the countries of the Americas.
    static let americas: [Int: String] = [
        32: "AR", 84: "BZ", 68: "BO", 76: "BR", 124: "CA", 152: "CL", 170: "CO", 188: "CR", 192: "CU", 214: "DO",
        218: "EC", 222: "SV", 320: "GT", 332: "HT", 340: "HN", 388: "JM", 484: "MX", 558: "NI", 591: "PA", 600: "PY",
        604: "PE", 630: "PR", 840: "US", 858: "UY", 862: "VE",
    ]

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
                "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
                "iso", "admin1", "location", "latitude", "longitude", "source", "notes", "fatalities",
            ],
            format: "an ACLED export"
        )
    }

    public func next() -> RowResult<ArmedEvent>? {
        guard let r = csv.next() else { return nil }
        rowsRead += 1
        let row = columns.row(r, file: csv.fileName)
        func text(_ name: String) -> String { row.text(name) }
        func reject(_ name: String, _ reason: String) -> RowResult<ArmedEvent> { row.reject(name, reason) }
        if let problem: RowResult<ArmedEvent> = row.fieldCountProblem() { return problem }
        guard let iso = Int(text("iso")) else { return reject("iso", "not a numeric ISO 3166 code") }
        guard let country = ACLEDEventReader.americas[iso] else {
            return reject("iso", "country outside the Americas is not mapped")
        }
        let idText = text("event_id_cnty")
        // The number must fit below the country's block of ids (a billion per country).
        guard let number = Int64(String(idText.drop { !$0.isNumber })), number > 0, number < 1_000_000_000 else {
            return reject("event_id_cnty", "expected a country prefix and a number below 1,000,000,000")
        }
        guard let date = CivilDate(parsing: text("event_date")) else { return reject("event_date", "not a date") }
        guard let type = EventType(rawValue: text("event_type")) else {
            return reject("event_type", "not an ACLED event type")
        }
        let sub = text("sub_event_type")
        guard type.subTypes.contains(sub) else {
            return reject("sub_event_type", "not a sub-event type of \(type.rawValue)")
        }
        let precision: DatePrecision
        switch text("time_precision") {
        case "1", "2": precision = .day
        case "3": precision = .month
        default: return reject("time_precision", "expected 1, 2 or 3")
        }
        let fatalities: Int
        switch NumberField.count(text("fatalities"), what: "fatalities") {
        case .success(let v): fatalities = v
        case .failure(let p): return reject("fatalities", "not a count: \(p.reason)")
        }
        var area: AreaCode?
        if country == "MX", let st = MexicanState.lookup(text("admin1")) { area = .mexicanState(st) }
        if country == "US", let st = USState.lookup(text("admin1")) { area = .usState(st) }
        let place = [text("location"), text("admin2"), text("admin1")].filter { !$0.isEmpty }.joined(separator: ", ")
        let lat = Double(text("latitude"))
        let lon = Double(text("longitude"))
        return .record(
            ArmedEvent(
                id: ACLEDEventReader.idOffset + Int64(iso) * 1_000_000_000 + number,
                date: date,
                precision: precision,
                type: type,
                subType: sub,
                actor1: text("actor1"),
                actor2: text("actor2"),
                country: country,
                area: area,
                location: place,
                latitude: lat.flatMap { (-90...90).contains($0) ? $0 : nil },
                longitude: lon.flatMap { (-180...180).contains($0) ? $0 : nil },
                fatalities: fatalities,
                sourceDataset: "ACLED",
                sourceID: idText,
                notes: text("notes"),
                provenance: text("source")
            ),
            line: r.line
        )
    }
}
