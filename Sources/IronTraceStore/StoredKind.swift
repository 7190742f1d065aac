import GRDB
import IronTraceCore
import IronTraceFormats

/// How each native kind is written into and read out of its table.
protocol StoredKind {
    associatedtype Codec: NativeTableCodec
    static var table: String { get }
    /// Column list for INSERT, in binding order (without import_id, which is appended).
    static var columns: [String] { get }
    static func bind(_ v: Codec.Value, _ b: inout RowBinder)
    /// A SELECT that yields the native CSV columns, in order.
    static var exportSQL: String { get }
    /// For aggregates: the columns of the primary key and the value column, as named in `columns`
    /// (and in the same positions in the native encoding), so a row another import already stored
    /// can be compared with it. `nil` for records with ids.
    static var aggregateKey: (key: [Int], value: Int)? { get }
}

extension StoredKind {
    static var aggregateKey: (key: [Int], value: Int)? { nil }
}

private func day(_ d: CivilDate?) -> String? { d?.description }

enum StoredLicensees: StoredKind {
    typealias Codec = LicenseeCodec
    static let table = "licensees"
    static let columns = ["id", "licence", "licence_type", "name", "business_name", "street", "city", "state", "zip"]
    static func bind(_ v: Licensee, _ b: inout RowBinder) {
        b.add(v.id)
        b.add(v.licence.description)
        b.add(v.licence.type.rawValue)
        b.add(v.name)
        b.add(v.businessName)
        b.add(v.street)
        b.add(v.city)
        b.add(v.state)
        b.add(v.zip)
    }
    static let exportSQL =
        "SELECT id, licence, name, business_name, street, city, state, zip FROM licensees ORDER BY id"
}

enum StoredPersons: StoredKind {
    typealias Codec = PersonCodec
    static let table = "persons"
    static let columns = [
        "id", "pseudonym", "last_name", "first_name", "birth_date", "street", "city", "state", "zip", "phone",
    ]
    static func bind(_ v: Person, _ b: inout RowBinder) {
        let p = v.pii
        b.add(v.id)
        b.add(v.pseudonym)
        b.add(p.lastName)
        b.add(p.firstName)
        b.add(day(p.birthDate))
        b.add(p.street)
        b.add(p.city)
        b.add(p.state)
        b.add(p.zip)
        b.add(p.phone)
    }
    static let exportSQL = """
        SELECT id, pseudonym, last_name, first_name, birth_date, street, city, state, zip, phone FROM persons ORDER BY id
        """
    /// Persons with PII masked: pseudonym kept, names, birth date, street and phone blanked.
    static let maskedExportSQL = """
        SELECT id, pseudonym, '', '', NULL, '', city, state, substr(zip, 1, 3), '' FROM persons ORDER BY id
        """
}

enum StoredSales: StoredKind {
    typealias Codec = SaleCodec
    static let table = "sales"
    static let columns = [
        "id", "firearm_id", "licensee_id", "purchaser_id", "sale_date", "multiple_sale_id", "make", "manufacturer",
        "model", "caliber", "type", "serial", "serial_normal", "country_of_manufacture", "importer",
    ]
    static func bind(_ v: SaleRow, _ b: inout RowBinder) {
        let s = v.sale
        let f = v.firearm
        b.add(s.id)
        b.add(s.firearmID)
        b.add(s.licenseeID)
        b.add(s.purchaserID)
        b.add(s.date.description)
        b.add(s.multipleSaleID)
        b.addFirearm(f)
        b.add(f.countryOfManufacture)
        b.add(f.importer)
    }
    static let exportSQL = """
        SELECT id, firearm_id, licensee_id, purchaser_id, sale_date, multiple_sale_id, make, manufacturer, model,
        caliber, type, serial, country_of_manufacture, importer FROM sales ORDER BY id
        """
}

enum StoredRecoveries: StoredKind {
    typealias Codec = RecoveryCodec
    static let table = "recoveries"
    static let columns = [
        "id", "recovery_date", "country", "area", "latitude", "longitude", "make", "manufacturer", "model", "caliber",
        "type", "serial", "serial_normal", "serial_obliterated", "possessor_id", "crime_category", "event_id", "agency",
        "case_number",
    ]
    static func bind(_ v: Recovery, _ b: inout RowBinder) {
        let f = v.firearm
        b.add(v.id)
        b.add(v.date.description)
        b.add(v.country)
        b.add(v.area?.description)
        b.add(v.latitude)
        b.add(v.longitude)
        b.addFirearm(f)
        b.add(v.serialObliterated ? 1 : 0)
        b.add(v.possessorID)
        b.add(v.crimeCategory.rawValue)
        b.add(v.eventID)
        b.add(v.agency)
        b.add(v.caseNumber)
    }
    static let exportSQL = """
        SELECT id, recovery_date, country, area, latitude, longitude, make, manufacturer, model, caliber, type, serial,
        CASE serial_obliterated WHEN 1 THEN 'true' ELSE 'false' END, possessor_id, crime_category, event_id, agency,
        case_number FROM recoveries ORDER BY id
        """
}

enum StoredTraces: StoredKind {
    typealias Codec = TraceCodec
    static let table = "traces"
    static let columns = [
        "id", "recovery_id", "request_date", "outcome", "not_traced_reason", "sale_id", "licensee_id", "purchaser_id",
        "time_to_crime_days", "source_class", "source_country", "source_state",
    ]
    static func bind(_ v: Trace, _ b: inout RowBinder) {
        b.add(v.id)
        b.add(v.recoveryID)
        b.add(v.requestDate.description)
        b.add(v.outcome.rawValue)
        b.add(v.notTracedReason?.rawValue)
        b.add(v.saleID)
        b.add(v.licenseeID)
        b.add(v.purchaserID)
        b.add(v.timeToCrimeDays)
        b.add(v.sourceClass.rawValue)
        b.add(v.sourceCountry)
        b.add(v.sourceState)
    }
    static let exportSQL = """
        SELECT id, recovery_id, request_date, outcome, not_traced_reason, sale_id, licensee_id, purchaser_id,
        time_to_crime_days, source_class, source_country, source_state FROM traces ORDER BY id
        """
}

enum StoredEvents: StoredKind {
    typealias Codec = EventCodec
    static let table = "events"
    static let columns = [
        "id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2", "country", "area",
        "location", "latitude", "longitude", "fatalities", "source_dataset", "source_id", "notes", "provenance",
        "end_date",
    ]
    static func bind(_ v: ArmedEvent, _ b: inout RowBinder) {
        b.add(v.id)
        b.add(v.date.description)
        b.add(v.precision.rawValue)
        b.add(v.type.rawValue)
        b.add(v.subType)
        b.add(v.actor1)
        b.add(v.actor2)
        b.add(v.country)
        b.add(v.area?.description)
        b.add(v.location)
        b.add(v.latitude)
        b.add(v.longitude)
        b.add(v.fatalities)
        b.add(v.sourceDataset)
        b.add(v.sourceID)
        b.add(v.notes)
        b.add(v.provenance)
        b.add(v.endDate?.description)
    }
    // The native events file has no end date column: an exported range keeps its start and precision.
    static let exportSQL = """
        SELECT id, event_date, date_precision, event_type, sub_event_type, actor1, actor2, country, area, location,
        latitude, longitude, fatalities, source_dataset, source_id, notes, provenance FROM events ORDER BY id
        """
}

enum StoredAreaMeasures: StoredKind {
    typealias Codec = AreaMeasureCodec
    static let table = "area_measures"
    static let columns = ["area", "period", "measure", "value", "source"]
    static var aggregateKey: (key: [Int], value: Int)? { ([0, 1, 2, 4], 3) }
    static func bind(_ v: AreaMeasure, _ b: inout RowBinder) {
        b.add(v.area.description)
        b.add(v.period)
        b.add(v.measure)
        b.add(v.value)
        b.add(v.source)
    }
    static let exportSQL = """
        SELECT area, period, measure, CASE WHEN value = CAST(value AS INTEGER) THEN CAST(value AS INTEGER) ELSE value END,
        source FROM area_measures ORDER BY area, period, measure, source
        """
}

enum StoredFlows: StoredKind {
    typealias Codec = FlowCodec
    static let table = "flows"
    static let columns = ["source_area", "recovery_area", "year", "count", "source"]
    static var aggregateKey: (key: [Int], value: Int)? { ([0, 1, 2, 4], 3) }
    static func bind(_ v: Flow, _ b: inout RowBinder) {
        b.add(v.sourceArea.description)
        b.add(v.recoveryArea.description)
        b.add(v.year)
        b.add(v.count)
        b.add(v.source)
    }
    static let exportSQL = """
        SELECT source_area, recovery_area, year, count, source FROM flows ORDER BY year, source_area, recovery_area, source
        """
}

extension RowBinder {
    /// The firearm columns sales and recoveries share: make as written, manufacturer, model,
    /// caliber, type, serial as written and its normal form.
    mutating func addFirearm(_ f: Firearm) {
        add(f.makeRaw)
        add(f.manufacturer)
        add(f.model)
        add(f.caliber)
        add(f.type == .unknown ? "" : f.type.rawValue)
        add(f.serial.raw)
        add(f.serial.normalized)
    }
}

enum StoredNIBINLeads: StoredKind {
    typealias Codec = NIBINLeadCodec
    static let table = "nibin_leads"
    static let columns = [
        "lead_id", "lead_date", "exhibit_a", "kind_a", "recovery_a", "event_a", "agency_a", "exhibit_b", "kind_b",
        "recovery_b", "event_b", "agency_b",
    ]
    static func bind(_ v: NIBINLead, _ b: inout RowBinder) {
        b.add(v.id)
        b.add(v.date.description)
        for e in [v.a, v.b] {
            b.add(e.id)
            b.add(e.kind.rawValue)
            b.add(e.recoveryID)
            b.add(e.eventID)
            b.add(e.agency)
        }
    }
    static let exportSQL = """
        SELECT lead_id, lead_date, exhibit_a, kind_a, recovery_a, event_a, agency_a, exhibit_b, kind_b, recovery_b,
        event_b, agency_b FROM nibin_leads ORDER BY lead_id
        """
}
