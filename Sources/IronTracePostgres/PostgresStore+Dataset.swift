import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceStore
import NIOCore
import PostgresNIO

/// The snapshot the engines read, one streamed pass over each table, and the notes and checks.
extension PostgresStore {
    public func loadDataset(precedence: SourcePrecedence) throws -> Dataset {
        try attempt("load dataset") {
            try pool.withSession { s in
                let refs = try Self.importRefs(s)
                let (overrides, decisions) = precedence.decide(refs: refs, conflicts: try Self.storedConflicts(s))
                let used = try s.rows(SourcePrecedence.aggregateImportsSQL).map { try $0.decode(Int64.self) }
                guard let buffer = try s.scalar(ByteBuffer.self, "SELECT value FROM secrets WHERE name = 'link-key'"),
                    case let key = Array(buffer.readableBytesView), key.count >= 16
                else { throw StoreError(path: location, reason: "the database has no link key (secrets table)") }
                let d = Carried(Dataset(linkSecret: LinkSecret(bytes: key)))
                d.value.aggregateSources = precedence.aggregateSources(refs: refs, used: used, decisions: decisions)
                try s.forEach("SELECT id, licence, business_name, city, state FROM licensees ORDER BY id") { r in
                    let v = try r.decode((Int64, String, String, String, String).self)
                    d.value.appendLicensee(id: v.0, licence: v.1, name: v.2, city: v.3, state: v.4)
                }
                try s.forEach("SELECT id, pseudonym, street, city, state, zip, phone FROM persons ORDER BY id") { r in
                    let v = try r.decode((Int64, String, String, String, String, String, String).self)
                    d.value.appendPerson(
                        id: v.0,
                        pseudonym: v.1,
                        street: v.2,
                        city: v.3,
                        state: v.4,
                        zip: v.5,
                        phone: v.6
                    )
                }
                try s.forEach(
                    """
                    SELECT id, licensee_id, purchaser_id, sale_date, multiple_sale_id, manufacturer, model, caliber, type,
                    serial_normal FROM sales ORDER BY id
                    """
                ) { r in
                    let v = try r.decode(
                        (Int64, Int64, Int64?, String, Int64?, String, String, String, String, String).self
                    )
                    d.value.appendSale(
                        id: v.0,
                        licensee: v.1,
                        purchaser: v.2,
                        date: Self.day(v.3),
                        multipleSale: v.4,
                        manufacturer: v.5,
                        model: v.6,
                        caliber: v.7,
                        type: FirearmType(rawValue: v.8) ?? .unknown,
                        serialNormal: v.9
                    )
                }
                try Self.appendRecoveries(s, to: d)
                try Self.appendTraces(s, to: d)
                try s.forEach(
                    """
                    SELECT id, event_date, event_type, sub_event_type, actor1, coalesce(area, ''), fatalities,
                    source_dataset, location, provenance, date_precision, end_date FROM events ORDER BY id
                    """
                ) { r in
                    let v = try r.decode(
                        (Int64, String, String, String, String, String, Int, String, String, String, String, String?)
                            .self
                    )
                    d.value.appendEvent(
                        id: v.0,
                        date: Self.day(v.1),
                        type: v.2,
                        subType: v.3,
                        actor1: v.4,
                        area: v.5,
                        fatalities: v.6,
                        sourceDataset: v.7,
                        location: v.8,
                        provenance: v.9,
                        precision: v.10,
                        endDate: v.11.flatMap { CivilDate(parsing: $0) }
                    )
                }
                let measureOverrides = overrides["area_measures"].flatMap { $0.isEmpty ? nil : $0 }
                let flowOverrides = overrides["flows"].flatMap { $0.isEmpty ? nil : $0 }
                // In primary-key order, as SQLite's table scan returns them (the key is the table's order there).
                try s.forEach(
                    "SELECT area, period, measure, value, source FROM area_measures ORDER BY area, period, measure, source"
                ) { r in
                    let v = try r.decode((String, String, String, Double, String).self)
                    var value = v.3
                    if let o = measureOverrides, let w = o["\(v.0) | \(v.1) | \(v.2) | \(v.4)"] { value = w }
                    d.value.appendMeasure(area: v.0, period: v.1, measure: v.2, value: value, source: v.4)
                }
                try s.forEach(
                    """
                    SELECT source_area, recovery_area, year, count, source FROM flows
                    ORDER BY source_area, recovery_area, year, source
                    """
                ) { r in
                    let v = try r.decode((String, String, Int, Int, String).self)
                    var count = v.3
                    if let o = flowOverrides, let w = o["\(v.0) | \(v.1) | \(v.2) | \(v.4)"], w.isFinite, abs(w) < 1e15
                    {
                        count = Int(w)
                    }
                    d.value.appendFlow(sourceArea: v.0, recoveryArea: v.1, year: v.2, count: count, source: v.4)
                }
                try s.forEach(
                    """
                    SELECT lead_id, lead_date, exhibit_a, kind_a, recovery_a, event_a, agency_a, exhibit_b, kind_b,
                    recovery_b, event_b, agency_b FROM nibin_leads ORDER BY lead_date, lead_id
                    """
                ) { r in
                    let v = r.makeRandomAccess()
                    func side(_ i: Int) throws -> NIBINLead.Exhibit {
                        NIBINLead.Exhibit(
                            id: try v[i].decode(String.self),
                            kind: NIBINLead.ExhibitKind(rawValue: try v[i + 1].decode(String.self)) ?? .cartridgeCase,
                            recoveryID: try v[i + 2].decode(Int64?.self),
                            eventID: try v[i + 3].decode(Int64?.self),
                            agency: try v[i + 4].decode(String.self)
                        )
                    }
                    d.value.appendNIBINLead(
                        NIBINLead(
                            id: try v[0].decode(String.self),
                            date: Self.day(try v[1].decode(String.self)),
                            a: try side(2),
                            b: try side(7)
                        )
                    )
                }
                // Entity resolution: merged person records read as their entity.
                var entities: [Int64: Int64] = [:]
                for r in try s.rows("SELECT person_id, entity_id FROM person_entities") {
                    let v = try r.decode((Int64, Int64).self)
                    entities[v.0] = v.1
                }
                var businesses: [Int64: Int64] = [:]
                for r in try s.rows("SELECT licensee_id, entity_id FROM licensee_entities") {
                    let v = try r.decode((Int64, Int64).self)
                    businesses[v.0] = v.1
                }
                return d.value.mergingPersons(entities).mergingLicensees(businesses)
            }
        }
    }

    /// Parses the ISO dates the store writes; they were validated on import.
    static func day(_ s: String) -> CivilDate { CivilDate(parsing: s) ?? CivilDate(dayNumber: 0) }

    public func setMetadata(_ key: String, _ value: String) throws {
        try attempt("set metadata") {
            try pool.withSession { s in
                try s.execute(
                    "INSERT INTO metadata (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [.text(key), .text(value)]
                )
            }
        }
    }

    public func metadata() throws -> [(key: String, value: String)] {
        try attempt("metadata") {
            try pool.withSession { s in
                try s.rows("SELECT key, value FROM metadata ORDER BY key").map { r in
                    let v = try r.decode((String, String).self)
                    return (key: v.0, value: v.1)
                }
            }
        }
    }

    public func measureTotals(like measure: String, area: String, period: String) throws
        -> [(source: String, rows: Int, value: Double)]
    {
        try attempt("measure totals") {
            try pool.withSession { s in
                try s.rows(
                    """
                    SELECT source, count(*), coalesce(sum(value), 0)::double precision FROM area_measures
                    WHERE measure LIKE $1 AND area LIKE $2 AND period LIKE $3 GROUP BY source ORDER BY source
                    """,
                    [.text(measure), .text(area), .text(period)]
                ).map { r in
                    let v = try r.decode((String, Int, Double).self)
                    return (source: v.0, rows: v.1, value: v.2)
                }
            }
        }
    }

    public func flowTotals() throws -> [(year: Int, source: String, rows: Int, count: Int)] {
        try attempt("flow totals") {
            try pool.withSession { s in
                try s.rows(
                    "SELECT year, source, count(*), sum(count)::bigint FROM flows GROUP BY year, source ORDER BY year, source"
                ).map { r in
                    let v = try r.decode((Int, String, Int, Int).self)
                    return (year: v.0, source: v.1, rows: v.2, count: v.3)
                }
            }
        }
    }

    public func sumOfMeasure(like measure: String, source: String, area: String, period: String) throws -> Double {
        try attempt("sum of measure") {
            try pool.withSession { s in
                try s.scalar(
                    Double.self,
                    """
                    SELECT coalesce(sum(value), 0)::double precision FROM area_measures
                    WHERE measure LIKE $1 AND source = $2 AND area LIKE $3 AND period LIKE $4
                    """,
                    [.text(measure), .text(source), .text(area), .text(period)]
                ) ?? 0
            }
        }
    }

    public func sumOfFlows(year: Int, source: String) throws -> Int {
        try attempt("sum of flows") {
            try pool.withSession { s in
                try s.scalar(
                    Int.self,
                    "SELECT coalesce(sum(count), 0)::bigint FROM flows WHERE year = $1 AND source = $2",
                    [.int(Int64(year)), .text(source)]
                ) ?? 0
            }
        }
    }

    static func importRefs(_ s: PGSession) throws -> [Int64: ImportRef] {
        var out: [Int64: ImportRef] = [:]
        for r in try s.rows("SELECT id, file, sha256, format, origin FROM imports") {
            let v = try r.decode((Int64, String, String, String, String).self)
            out[v.0] = ImportRef(
                id: v.0,
                file: v.1,
                sha256: v.2,
                format: v.3,
                origin: ImportOrigin(rawValue: v.4) ?? .publisher
            )
        }
        return out
    }

    static func storedConflicts(_ s: PGSession) throws -> [StoredConflict] {
        try s.rows("SELECT table_name, key, import_id, new_value, stored_import_id, stored_value FROM conflicts").map {
            let v = try $0.decode((String, String, Int64, Double, Int64, Double).self)
            return StoredConflict(
                table: v.0,
                key: v.1,
                importID: v.2,
                newValue: v.3,
                storedImportID: v.4,
                storedValue: v.5
            )
        }
    }

    public func precedenceDecisions(_ precedence: SourcePrecedence) throws -> [PrecedenceDecision] {
        try attempt("precedence decisions") {
            try pool.withSession { s in
                precedence.decide(refs: try Self.importRefs(s), conflicts: try Self.storedConflicts(s)).decisions
            }
        }
    }

    public func measureProvenance(like measure: String, area: String, period: String, limit: Int) throws
        -> [MeasureProvenance]
    {
        try attempt("measure provenance") {
            try pool.withSession { s in
                var out = try s.rows(
                    """
                    SELECT m.area, m.period, m.measure, m.source, m.value, m.import_id, i.file, i.sha256, m.line
                    FROM area_measures m JOIN imports i ON i.id = m.import_id
                    WHERE m.measure LIKE $1 AND m.area LIKE $2 AND m.period LIKE $3
                    ORDER BY m.area, m.period, m.measure, m.source LIMIT $4
                    """,
                    [.text(measure), .text(area), .text(period), .int(Int64(limit))]
                ).map { r in
                    let v = try r.decode((String, String, String, String, Double, Int64, String, String, Int64?).self)
                    return MeasureProvenance(
                        area: v.0,
                        period: v.1,
                        measure: v.2,
                        source: v.3,
                        value: v.4,
                        importID: v.5,
                        file: v.6,
                        sha256: v.7,
                        line: v.8.map { Int($0) },
                        role: "stored"
                    )
                }
                let wanted = Set(out.map { "\($0.area) | \($0.period) | \($0.measure) | \($0.source)" })
                out += MeasureProvenance.disputed(try Self.conflictRows(s, table: "area_measures"), wanted: wanted) {
                    ($0[0], $0[1], $0[2], $0[3])
                }
                return out.sorted {
                    ($0.area, $0.period, $0.measure, $0.role == "stored" ? 0 : 1, $0.importID)
                        < ($1.area, $1.period, $1.measure, $1.role == "stored" ? 0 : 1, $1.importID)
                }
            }
        }
    }

    public func flowProvenance(sourceArea: String, year: String, limit: Int) throws -> [MeasureProvenance] {
        try attempt("flow provenance") {
            try pool.withSession { s in
                let stored = try s.rows(
                    """
                    SELECT f.source_area, f.recovery_area, f.year, f.source, f.count, f.import_id, i.file, i.sha256, f.line
                    FROM flows f JOIN imports i ON i.id = f.import_id
                    WHERE f.source_area LIKE $1 AND CAST(f.year AS TEXT) LIKE $2
                    ORDER BY f.year, f.source_area, f.recovery_area LIMIT $3
                    """,
                    [.text(sourceArea), .text(year), .int(Int64(limit))]
                ).map { r in
                    try r.decode((String, String, Int, String, Int, Int64, String, String, Int64?).self)
                }
                var out = stored.map { v in
                    MeasureProvenance(
                        area: "\(v.0) → \(v.1)",
                        period: String(v.2),
                        measure: "flow",
                        source: v.3,
                        value: Double(v.4),
                        importID: v.5,
                        file: v.6,
                        sha256: v.7,
                        line: v.8.map { Int($0) },
                        role: "stored"
                    )
                }
                let wanted = Set(stored.map { "\($0.0) | \($0.1) | \($0.2) | \($0.3)" })
                out += MeasureProvenance.disputed(try Self.conflictRows(s, table: "flows"), wanted: wanted) {
                    ("\($0[0]) → \($0[1])", $0[2], "flow", $0[3])
                }
                return out.sorted {
                    ($0.period, $0.area, $0.role == "stored" ? 0 : 1, $0.importID)
                        < ($1.period, $1.area, $1.role == "stored" ? 0 : 1, $1.importID)
                }
            }
        }
    }

    /// The values other imports gave for a table's aggregates.
    static func conflictRows(_ s: PGSession, table: String) throws -> [DisputedValue] {
        try s.rows(MeasureProvenance.disputedSQL(parameter: "$1"), [.text(table)]).map { r in
            let v = try r.decode((String, Double, Int64, String, String, Int64).self)
            return (key: v.0, value: v.1, importID: v.2, file: v.3, sha256: v.4, line: Int(v.5))
        }
    }
}
