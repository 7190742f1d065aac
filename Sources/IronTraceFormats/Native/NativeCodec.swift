import IronTraceCore

/// Turns one native CSV row into a record and back. One codec per ``NativeKind``.
public protocol NativeCodec {
    associatedtype Value: Sendable
    /// The exact header of the file.
    static var header: [String] { get }
    /// What the file holds, for messages ("sales", "trace requests").
    static var name: String { get }
    static func decode(_ row: FieldCursor, cache: DecodingCache) throws(FieldError) -> Value
    static func encode(_ value: Value) -> [String]
}

/// Codecs of the kinds the store imports.
public protocol NativeTableCodec: NativeCodec {
    static var kind: NativeKind { get }
}

extension NativeTableCodec {
    public static var header: [String] { kind.header }
    public static var name: String { kind.rawValue }
}

/// Shared reading of the firearm columns that sales and recoveries both carry.
enum FirearmColumns {
    /// Reads make, manufacturer, model, caliber, type, serial starting at `first` (make).
    static func decode(
        _ row: FieldCursor,
        first: Int,
        id: Int64,
        country: Int?,
        importer: Int?,
        requireIdentifiers: Bool,
        cache: DecodingCache
    ) throws(FieldError) -> Firearm {
        let make = row.text(first)
        let given = row.text(first + 1)
        let model = row.text(first + 2)
        let caliberRaw = row.text(first + 3)
        let typeRaw = row.text(first + 4)
        let serialRaw = row.text(first + 5)
        if requireIdentifiers {
            if make.isEmpty && given.isEmpty {
                throw FieldError(column: first + 1, value: "", reason: "make or manufacturer is required")
            }
            if serialRaw.isEmpty { throw FieldError(column: first + 6, value: "", reason: "serial is required") }
        }
        let maker = cache.manufacturer(make: make, given: given, model: model)
        var manufacturer = maker.name
        var importerName = importer.map { row.text($0) } ?? ""
        if importerName.isEmpty { importerName = maker.importer }
        var countryCode = country.map { row.text($0).uppercased() } ?? ""
        if countryCode.isEmpty { countryCode = maker.country }
        if manufacturer.isEmpty { manufacturer = given }
        if !countryCode.isEmpty, !isCountryCode(countryCode) {
            throw FieldError(
                column: (country ?? 0) + 1,
                value: countryCode,
                reason: "expected an ISO 3166-1 alpha-2 country code"
            )
        }
        var type = FirearmType.unknown
        if !typeRaw.isEmpty {
            guard let t = cache.type(typeRaw) else {
                throw FieldError(column: first + 5, value: typeRaw, reason: "unknown firearm type")
            }
            type = t
        }
        let caliber =
            caliberRaw.isEmpty ? "" : cache.caliber(caliberRaw, model: model, manufacturer: manufacturer, type: type)
        return Firearm(
            id: id,
            manufacturer: manufacturer,
            makeRaw: make.isEmpty ? given : make,
            model: model,
            caliber: caliber,
            type: type,
            serial: SerialNumber(serialRaw),
            countryOfManufacture: countryCode,
            importer: importerName
        )
    }

    static func encode(_ f: Firearm) -> [String] {
        [f.makeRaw, f.manufacturer, f.model, f.caliber, f.type == .unknown ? "" : f.type.rawValue, f.serial.raw]
    }
}

public enum LicenseeCodec: NativeTableCodec {
    public static let kind = NativeKind.licensees
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> Licensee {
        let id = try r.id(0)
        let licenceText = try r.required(1)
        let licence: LicenceNumber
        do {
            licence = try LicenceNumber(parsing: licenceText)
        } catch {
            throw FieldError(column: 2, value: licenceText, reason: error.reason)
        }
        return Licensee(
            id: id,
            licence: licence,
            name: try r.required(2),
            businessName: r.text(3),
            street: r.text(4),
            city: r.text(5),
            state: try r.usState(6, allowEmpty: false),
            zip: r.text(7)
        )
    }
    public static func encode(_ v: Licensee) -> [String] {
        [String(v.id), v.licence.description, v.name, v.businessName, v.street, v.city, v.state, v.zip]
    }
}

public enum PersonCodec: NativeTableCodec {
    public static let kind = NativeKind.persons
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> Person {
        let id = try r.id(0)
        let pseudonym = r.text(1).isEmpty ? Person.pseudonym(for: id) : r.text(1)
        return Person(
            id: id,
            pseudonym: pseudonym,
            pii: PersonPII(
                lastName: r.text(2),
                firstName: r.text(3),
                birthDate: try r.optionalDate(4),
                street: r.text(5),
                city: r.text(6),
                state: try r.usState(7),
                zip: r.text(8),
                phone: r.text(9)
            )
        )
    }
    public static func encode(_ v: Person) -> [String] {
        let p = v.pii
        return [
            String(v.id), v.pseudonym, p.lastName, p.firstName, p.birthDate.csv, p.street, p.city, p.state, p.zip,
            p.phone,
        ]
    }
}

/// A sale row: the sale and the firearm it sold.
public struct SaleRow: Sendable, Hashable {
    public var sale: Sale
    public var firearm: Firearm
    public init(sale: Sale, firearm: Firearm) {
        self.sale = sale
        self.firearm = firearm
    }
}

public enum SaleCodec: NativeTableCodec {
    public static let kind = NativeKind.sales
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> SaleRow {
        let id = try r.id(0)
        let firearmID = r.text(1).isEmpty ? id : try r.id(1)
        let sale = Sale(
            id: id,
            firearmID: firearmID,
            licenseeID: try r.id(2),
            purchaserID: try r.optionalID(3),
            date: try r.date(4),
            multipleSaleID: try r.optionalID(5)
        )
        let firearm = try FirearmColumns.decode(
            r,
            first: 6,
            id: firearmID,
            country: 12,
            importer: 13,
            requireIdentifiers: true,
            cache: cache
        )
        return SaleRow(sale: sale, firearm: firearm)
    }
    public static func encode(_ v: SaleRow) -> [String] {
        let s = v.sale
        return [
            String(s.id), String(s.firearmID), String(s.licenseeID), s.purchaserID.csv, s.date.description,
            s.multipleSaleID.csv,
        ] + FirearmColumns.encode(v.firearm) + [v.firearm.countryOfManufacture, v.firearm.importer]
    }
}

public enum RecoveryCodec: NativeTableCodec {
    public static let kind = NativeKind.recoveries
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> Recovery {
        let id = try r.id(0)
        let date = try r.date(1)
        let country = try r.country(2)
        let area = try r.optionalArea(3)
        if let area, area.country != country {
            throw FieldError(column: 4, value: area.description, reason: "area is not in country \(country)")
        }
        let firearm = try FirearmColumns.decode(
            r,
            first: 6,
            id: id,
            country: nil,
            importer: nil,
            requireIdentifiers: false,
            cache: cache
        )
        return Recovery(
            id: id,
            firearm: firearm,
            date: date,
            country: country,
            area: area,
            latitude: try r.optionalDouble(4, range: -90...90),
            longitude: try r.optionalDouble(5, range: -180...180),
            possessorID: try r.optionalID(13),
            crimeCategory: r.text(14).isEmpty ? .other : try r.enumValue(14, CrimeCategory.self),
            eventID: try r.optionalID(15),
            serialObliterated: try r.bool(12),
            agency: r.text(16),
            caseNumber: r.text(17)
        )
    }
    public static func encode(_ v: Recovery) -> [String] {
        [String(v.id), v.date.description, v.country, v.area?.description ?? "", v.latitude.csv, v.longitude.csv]
            + FirearmColumns.encode(v.firearm)
            + [
                v.serialObliterated ? "true" : "false", v.possessorID.csv, v.crimeCategory.rawValue, v.eventID.csv,
                v.agency, v.caseNumber,
            ]
    }
}

public enum TraceCodec: NativeTableCodec {
    public static let kind = NativeKind.traces
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> Trace {
        let outcome = try r.enumValue(3, TraceOutcome.self)
        let reason: NotTracedReason? = r.text(4).isEmpty ? nil : try r.enumValue(4, NotTracedReason.self)
        if outcome == .notTraced && reason == nil {
            throw FieldError(column: 5, value: "", reason: "a not-traced outcome needs a reason")
        }
        if outcome != .notTraced && reason != nil {
            throw FieldError(column: 5, value: r.text(4), reason: "a completed trace has no not-traced reason")
        }
        let saleID = try r.optionalID(5)
        let licenseeID = try r.optionalID(6)
        if outcome.isCompleted && licenseeID == nil {
            throw FieldError(column: 7, value: "", reason: "a completed trace names the dealer")
        }
        return Trace(
            id: try r.id(0),
            recoveryID: try r.id(1),
            requestDate: try r.date(2),
            outcome: outcome,
            notTracedReason: reason,
            saleID: saleID,
            licenseeID: licenseeID,
            purchaserID: try r.optionalID(7),
            timeToCrimeDays: try r.optionalCount(8),
            sourceClass: try r.enumValue(9, SourceCountryClass.self),
            sourceCountry: try r.optionalCountry(10),
            sourceState: try r.usState(11)
        )
    }
    public static func encode(_ v: Trace) -> [String] {
        [
            String(v.id), String(v.recoveryID), v.requestDate.description, v.outcome.rawValue,
            v.notTracedReason?.rawValue ?? "", v.saleID.csv, v.licenseeID.csv, v.purchaserID.csv, v.timeToCrimeDays.csv,
            v.sourceClass.rawValue, v.sourceCountry, v.sourceState,
        ]
    }
}

public enum EventCodec: NativeTableCodec {
    public static let kind = NativeKind.events
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> ArmedEvent {
        let type = try r.enumValue(3, EventType.self)
        let sub = r.text(4)
        if !sub.isEmpty, !type.subTypes.contains(where: { $0.lowercased() == sub.lowercased() }) {
            throw FieldError(column: 5, value: sub, reason: "not a sub-event type of \(type.rawValue)")
        }
        let country = try r.country(7)
        let area = try r.optionalArea(8)
        if let area, area.country != country {
            throw FieldError(column: 9, value: area.description, reason: "area is not in country \(country)")
        }
        return ArmedEvent(
            id: try r.id(0),
            date: try r.date(1),
            precision: r.text(2).isEmpty ? .day : try r.enumValue(2, DatePrecision.self),
            type: type,
            subType: sub,
            actor1: r.text(5),
            actor2: r.text(6),
            country: country,
            area: area,
            location: r.text(9),
            latitude: try r.optionalDouble(10, range: -90...90),
            longitude: try r.optionalDouble(11, range: -180...180),
            fatalities: try r.count(12),
            sourceDataset: try r.required(13),
            sourceID: r.text(14),
            notes: r.text(15),
            provenance: r.text(16)
        )
    }
    public static func encode(_ v: ArmedEvent) -> [String] {
        [
            String(v.id), v.date.description, v.precision.rawValue, v.type.rawValue, v.subType, v.actor1, v.actor2,
            v.country, v.area?.description ?? "", v.location, v.latitude.csv, v.longitude.csv, String(v.fatalities),
            v.sourceDataset, v.sourceID, v.notes, v.provenance,
        ]
    }
}

public enum AreaMeasureCodec: NativeTableCodec {
    public static let kind = NativeKind.areaMeasures
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> AreaMeasure {
        let period = try r.required(1)
        let parts = period.split(separator: "-")
        guard (parts.count == 1 || parts.count == 2), let y = Int(parts[0]), (1800...2200).contains(y),
            parts.count == 1 || (Int(parts[1]).map { (1...12).contains($0) } ?? false)
        else {
            throw FieldError(column: 2, value: period, reason: "period must be YYYY or YYYY-MM")
        }
        let measure = try r.required(2)
        let value: Double
        switch NumberField.number(r.text(3), in: NumberField.range(forMeasure: measure), what: measure) {
        case .success(let v): value = v
        case .failure(let p):
            throw FieldError(
                column: 4,
                value: r.text(3),
                reason: p.reason.contains("negative") ? "measures cannot be negative" : p.reason
            )
        }
        return AreaMeasure(
            area: try r.area(0),
            period: period,
            measure: measure,
            value: value,
            source: try r.required(4)
        )
    }
    public static func encode(_ v: AreaMeasure) -> [String] {
        let value = v.value == v.value.rounded() && abs(v.value) < 1e15 ? String(Int64(v.value)) : String(v.value)
        return [v.area.description, v.period, v.measure, value, v.source]
    }
}

public enum FlowCodec: NativeTableCodec {
    public static let kind = NativeKind.flows
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> Flow {
        let year = try r.count(2)
        if !(1900...2200).contains(year) { throw FieldError(column: 3, value: r.text(2), reason: "year out of range") }
        return Flow(
            sourceArea: try r.area(0),
            recoveryArea: try r.area(1),
            year: year,
            count: try r.count(3),
            source: try r.required(4)
        )
    }
    public static func encode(_ v: Flow) -> [String] {
        [v.sourceArea.description, v.recoveryArea.description, String(v.year), String(v.count), v.source]
    }
}

/// A code ISO 3166-1 assigns (``Country``), as the filters and the trace intake check it.
func isCountryCode(_ s: String) -> Bool { Country.named(code: s) != nil }

/// Trace requests (ATF Form 3312.1 fields), read by `irontrace trace --requests FILE`.
public enum TraceRequestCodec: NativeCodec {
    public static let name = "trace requests"
    public static let header = [
        "request_id", "request_date", "priority", "ncic_code", "agency_ori", "case_number", "serial",
        "serial_obliterated", "manufacturer", "type", "caliber", "model", "country_of_origin", "importer",
        "other_markings", "possessor", "recovery_date", "recovery_country", "recovery_area", "recovery_id",
    ]

    /// Reads a row through ``TraceRequestForm``, the rules every intake applies. A row that cannot
    /// become a request is rejected at its first bad column with every problem of the row in the
    /// reason; problems that leave a request (no manufacturer, say) are the trace's to report.
    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> TraceRequest {
        var fields: [String: String] = [:]
        for (i, key) in header.enumerated() { fields[key] = r.text(i) }
        let reading = TraceRequestForm(fields: fields).read()
        if let request = reading.request { return request }
        let first = reading.blocking.first
        let column = first.flatMap { p in header.firstIndex(of: p.field) }.map { $0 + 1 } ?? 1
        throw FieldError(
            column: column,
            value: first?.value ?? "",
            reason: reading.problems.count == 1
                ? (first?.reason ?? "unreadable")
                : "\(reading.problems.count) problems: " + reading.problems.map(\.description).joined(separator: "; ")
        )
    }

    public static func encode(_ v: TraceRequest) -> [String] {
        [
            v.requestID, v.requestDate.description, v.priority.rawValue, v.ncicCode, v.agencyORI, v.caseNumber,
            v.serial,
            v.serialObliterated ? "true" : "false", v.manufacturer, v.type, v.caliber, v.model, v.countryOfOrigin,
            v.importer, v.otherMarkings, v.possessor, v.recoveryDate.description, v.recoveryCountry, v.recoveryArea,
            v.recoveryID.csv,
        ]
    }
}

/// NIBIN correlation leads: one row per lead, two exhibits, each tied to a recovery (the crime
/// gun), a shooting event, or both.
public enum NIBINLeadCodec: NativeTableCodec {
    public static let kind = NativeKind.nibinLeads
    /// Lead and exhibit numbers and agencies are free text of at most this many characters.
    static let maxText = 64

    static func bounded(_ r: FieldCursor, _ i: Int, required: Bool) throws(FieldError) -> String {
        let t = required ? try r.required(i) : r.text(i)
        if t.count > maxText {
            throw FieldError(
                column: i + 1,
                value: String(t.prefix(maxText)) + "…",
                reason: "longer than \(maxText) characters"
            )
        }
        return t
    }

    static func exhibit(_ r: FieldCursor, from i: Int) throws(FieldError) -> NIBINLead.Exhibit {
        let e = NIBINLead.Exhibit(
            id: try bounded(r, i, required: true),
            kind: try r.enumValue(i + 1, NIBINLead.ExhibitKind.self),
            recoveryID: try r.optionalID(i + 2),
            eventID: try r.optionalID(i + 3),
            agency: try bounded(r, i + 4, required: false)
        )
        if e.recoveryID == nil && e.eventID == nil {
            throw FieldError(
                column: i + 3,
                value: "",
                reason: "an exhibit names its recovery, its shooting event, or both"
            )
        }
        if e.kind == .firearm && e.recoveryID == nil {
            throw FieldError(column: i + 3, value: "", reason: "a firearm exhibit names the recovery of the gun")
        }
        return e
    }

    public static func decode(_ r: FieldCursor, cache: DecodingCache) throws(FieldError) -> NIBINLead {
        let lead = NIBINLead(
            id: try bounded(r, 0, required: true),
            date: try r.date(1),
            a: try exhibit(r, from: 2),
            b: try exhibit(r, from: 7)
        )
        if lead.a.recoveryID != nil && lead.a.recoveryID == lead.b.recoveryID && lead.a.eventID == lead.b.eventID {
            throw FieldError(column: 10, value: lead.b.recoveryID.csv, reason: "both exhibits are the same recovery")
        }
        if lead.a.recoveryID == nil && lead.b.recoveryID == nil && lead.a.eventID == lead.b.eventID {
            throw FieldError(column: 11, value: lead.b.eventID.csv, reason: "both exhibits are the same event")
        }
        return lead
    }

    public static func encode(_ v: NIBINLead) -> [String] {
        func side(_ e: NIBINLead.Exhibit) -> [String] {
            [e.id, e.kind.rawValue, e.recoveryID.csv, e.eventID.csv, e.agency]
        }
        return [v.id, v.date.description] + side(v.a) + side(v.b)
    }
}
