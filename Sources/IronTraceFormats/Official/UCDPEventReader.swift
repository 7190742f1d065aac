import IronTraceCore

/// Reads the Uppsala Conflict Data Program's Georeferenced Event Dataset (GED) CSV into armed events,
/// mapped to ACLED's taxonomy: state-based and non-state conflict (types 1 and 2) are Battles / Armed
/// clash, one-sided violence (type 3) is Violence against civilians / Attack. UCDP's date precision
/// 1-3 (within a week) is recorded as day, 4 as month, 5 as year. Fatalities are UCDP's best estimate.
/// Event ids are UCDP's id plus ``idOffset`` so they never meet the ids of other sources.
public final class UCDPEventReader: Sequence, IteratorProtocol {
    public static let idOffset: Int64 = 1_000_000_000
    public let csv: CSVReader
    private let header: [String]
    private let col: [String: Int]

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path)
        guard let h = csv.next()?.fields.map({ $0.trimmingASCIISpaces() }) else {
            throw FormatError(file: path, reason: "empty file")
        }
        header = h
        var c: [String: Int] = [:]
        for (i, name) in h.enumerated() { c[name] = i }
        for required in [
            "id", "type_of_violence", "side_a", "side_b", "country", "date_start", "date_prec", "best", "adm_1",
        ]
        where c[required] == nil {
            throw FormatError(file: path, line: 1, reason: "not a UCDP GED file: no column \(required)")
        }
        col = c
    }

    public func next() -> RowResult<ArmedEvent>? {
        guard let r = csv.next() else { return nil }
        let f = r.fields
        func text(_ name: String) -> String {
            col[name].flatMap { $0 < f.count ? f[$0].trimmingASCIISpaces() : nil } ?? ""
        }
        func reject(_ name: String, _ reason: String) -> RowResult<ArmedEvent> {
            .rejected(
                Rejection(
                    file: csv.fileName,
                    line: r.line,
                    column: (col[name] ?? -1) + 1,
                    field: name,
                    value: text(name),
                    reason: reason
                )
            )
        }
        guard f.count == header.count else {
            return .rejected(
                Rejection(
                    file: csv.fileName,
                    line: r.line,
                    column: 0,
                    field: "",
                    value: "",
                    reason: "expected \(header.count) fields, found \(f.count)"
                )
            )
        }
        guard let id = Int64(text("id")), id > 0 else { return reject("id", "not a positive id") }
        guard let date = CivilDate(parsing: text("date_start")) else { return reject("date_start", "not a date") }
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
        guard let best = Int(text("best")), best >= 0 else { return reject("best", "not a count") }
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
                provenance: String(text("source_article").prefix(500))
            ),
            line: r.line
        )
    }
}
