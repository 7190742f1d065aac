import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceStore
import NIOCore
import PostgresNIO

/// The snapshot the engines read, one streamed pass over each table, and the notes and checks.
extension PostgresStore {
    public func loadDataset() throws -> Dataset {
        try attempt("load dataset") {
            try pool.withSession { s in
                guard let buffer = try s.scalar(ByteBuffer.self, "SELECT value FROM secrets WHERE name = 'link-key'"),
                    case let key = Array(buffer.readableBytesView), key.count >= 16
                else { throw StoreError(path: location, reason: "the database has no link key (secrets table)") }
                let d = Carried(Dataset(linkSecret: LinkSecret(bytes: key)))
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
                try s.forEach(
                    """
                    SELECT id, recovery_date, country, coalesce(area, ''), manufacturer, caliber, type, serial_normal,
                    serial_obliterated, crime_category, event_id, possessor_id FROM recoveries ORDER BY id
                    """
                ) { r in
                    let v = try r.decode(
                        (Int64, String, String, String, String, String, String, String, Int64, String, Int64?, Int64?)
                            .self
                    )
                    d.value.appendRecovery(
                        id: v.0,
                        date: Self.day(v.1),
                        country: v.2,
                        area: v.3,
                        manufacturer: v.4,
                        caliber: v.5,
                        type: FirearmType(rawValue: v.6) ?? .unknown,
                        serialNormal: v.7,
                        obliterated: v.8 != 0,
                        crimeCategory: v.9,
                        event: v.10,
                        possessor: v.11
                    )
                }
                try s.forEach(
                    """
                    SELECT id, recovery_id, outcome, coalesce(not_traced_reason, ''), sale_id, licensee_id, purchaser_id,
                    time_to_crime_days, source_class, source_country, source_state FROM traces ORDER BY id
                    """
                ) { r in
                    let v = try r.decode(
                        (Int64, Int64, String, String, Int64?, Int64?, Int64?, Int?, String, String, String).self
                    )
                    d.value.appendTrace(
                        id: v.0,
                        recovery: v.1,
                        outcome: TraceOutcome(rawValue: v.2) ?? .notTraced,
                        reason: v.3,
                        sale: v.4,
                        licensee: v.5,
                        purchaser: v.6,
                        timeToCrime: v.7,
                        sourceClass: SourceCountryClass(rawValue: v.8) ?? .undetermined,
                        sourceCountry: v.9,
                        sourceState: v.10
                    )
                }
                try s.forEach(
                    """
                    SELECT id, event_date, event_type, sub_event_type, actor1, coalesce(area, ''), fatalities,
                    source_dataset, location, provenance FROM events ORDER BY id
                    """
                ) { r in
                    let v = try r.decode(
                        (Int64, String, String, String, String, String, Int, String, String, String).self
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
                        provenance: v.9
                    )
                }
                // In primary-key order, as SQLite's table scan returns them (the key is the table's order there).
                try s.forEach(
                    "SELECT area, period, measure, value, source FROM area_measures ORDER BY area, period, measure, source"
                ) { r in
                    let v = try r.decode((String, String, String, Double, String).self)
                    d.value.appendMeasure(area: v.0, period: v.1, measure: v.2, value: v.3, source: v.4)
                }
                try s.forEach(
                    """
                    SELECT source_area, recovery_area, year, count, source FROM flows
                    ORDER BY source_area, recovery_area, year, source
                    """
                ) { r in
                    let v = try r.decode((String, String, Int, Int, String).self)
                    d.value.appendFlow(sourceArea: v.0, recoveryArea: v.1, year: v.2, count: v.3, source: v.4)
                }
                return d.value
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
}
