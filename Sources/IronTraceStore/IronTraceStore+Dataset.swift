import Crypto
import Foundation
import GRDB
import IronTraceCore
import IronTraceDataset

extension IronTraceStore {
    /// Loads the columnar snapshot the engines read, one pass over each table.
    public func loadDataset() throws -> Dataset { try loadDataset(precedence: .default) }

    /// Loads the snapshot; where imports disagree about an aggregate, `precedence` picks the value
    /// (the snapshot's `aggregateSources` say which imports were used and what was decided).
    ///
    /// A persisted snapshot beside the database (``snapshotPath``) answers instead when its
    /// fingerprint matches the data (``snapshotFingerprint(_:precedence:)``); otherwise the tables are
    /// read and the snapshot written for the next process. `IRONTRACE_SNAPSHOT=off` turns it off.
    public func loadDataset(precedence: SourcePrecedence) throws -> Dataset {
        // Only beside a database file (not `:memory:` or a temporary database).
        let usePersisted =
            ProcessInfo.processInfo.environment["IRONTRACE_SNAPSHOT"] != "off" && !path.isEmpty
            && !path.hasPrefix(":") && FileManager.default.fileExists(atPath: path)
        let (fingerprint, secret) = try reading("load dataset") { db in
            (try Self.snapshotFingerprint(db, precedence: precedence), try Self.linkSecretBytes(db, path: path))
        }
        if usePersisted,
            var d = Dataset.read(from: snapshotPath, fingerprint: fingerprint, linkSecret: LinkSecret(bytes: secret))
        {
            // Merged already; the maps are for rows appended later.
            d.personEntity = try personEntities()
            d.licenseeEntity = try licenseeEntities()
            return d
        }
        let d = try loadDatasetFromTables(precedence: precedence)
        // Written for the next process; a directory we may not write to only costs the next one time.
        if usePersisted { try? d.write(to: snapshotPath, fingerprint: fingerprint) }
        return d
    }

    /// Where the persisted snapshot of this database lives (beside it, as SQLite's own `-wal`).
    public var snapshotPath: String { path + "-snapshot" }

    /// What a persisted snapshot must have been built from to be used: the snapshot format, the
    /// migrations, the link secret (by digest), the precedence, every import in the ledger (id,
    /// digest, rows stored, finish time) and the rows and largest ids of the tables written outside
    /// the ledger (recoveries and traces recorded by trace requests).
    static func snapshotFingerprint(_ db: Database, precedence: SourcePrecedence) throws -> String {
        var parts = ["format \(Dataset.persistedFormatVersion)"]
        parts.append(
            "migrations "
                + (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"))
                .joined(separator: ",")
        )
        let secret = try linkSecretBytes(db, path: "")
        parts.append("secret " + SHA256.hash(data: secret).map { String(format: "%02x", $0) }.joined())
        parts.append("precedence " + precedence.preferred.joined(separator: ","))
        var ledger = SHA256()
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT id, sha256, rows_stored, finished_at, format FROM imports ORDER BY id"
        )
        while let r = try rows.next() {
            let line: String =
                "\(r[0] as Int64) \(r[1] as String) \(r[2] as Int64) \(r[3] as String) \(r[4] as String)\n"
            ledger.update(data: Array(line.utf8))
        }
        parts.append("ledger " + ledger.finalize().map { String(format: "%02x", $0) }.joined())
        for table in ["recoveries", "traces"] {
            let r = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(max(id), 0) FROM \(table)")
            parts.append("\(table) \(r?[0] as Int64? ?? 0) \(r?[1] as Int64? ?? 0)")
        }
        return parts.joined(separator: "; ")
    }

    /// Loads the snapshot from the tables, one pass over each.
    func loadDatasetFromTables(precedence: SourcePrecedence) throws -> Dataset {
        try reading("load dataset from tables") { db in
            var d = Dataset(linkSecret: LinkSecret(bytes: try Self.linkSecretBytes(db, path: path)))
            let (overrides, decisions) = try Self.precedenceOverrides(db, precedence)
            d.aggregateSources = try Self.aggregateSources(db, precedence: precedence, decisions: decisions)
            var rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, licence, business_name, city, state FROM licensees ORDER BY id"
            )
            while let r = try rows.next() {
                d.appendLicensee(id: r[0], licence: r[1], name: r[2], city: r[3], state: r[4])
            }
            rows = try Row.fetchCursor(
                db,
                sql: "SELECT id, pseudonym, street, city, state, zip, phone FROM persons ORDER BY id"
            )
            while let r = try rows.next() {
                d.appendPerson(id: r[0], pseudonym: r[1], street: r[2], city: r[3], state: r[4], zip: r[5], phone: r[6])
            }
            rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, licensee_id, purchaser_id, sale_date, multiple_sale_id, manufacturer, model, caliber, type,
                    serial_normal FROM sales ORDER BY id
                    """
            )
            while let r = try rows.next() {
                d.appendSale(
                    id: r[0],
                    licensee: r[1],
                    purchaser: r[2],
                    date: IronTraceStore.day(r[3]),
                    multipleSale: r[4],
                    manufacturer: r[5],
                    model: r[6],
                    caliber: r[7],
                    type: FirearmType(rawValue: r[8]) ?? .unknown,
                    serialNormal: r[9]
                )
            }
            try Self.appendRecoveries(db, to: &d)
            try Self.appendTraces(db, to: &d)
            rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, event_date, event_type, sub_event_type, actor1, coalesce(area, ''), fatalities,
                    source_dataset, location, provenance, date_precision, end_date FROM events ORDER BY id
                    """
            )
            while let r = try rows.next() {
                d.appendEvent(
                    id: r[0],
                    date: IronTraceStore.day(r[1]),
                    type: r[2],
                    subType: r[3],
                    actor1: r[4],
                    area: r[5],
                    fatalities: r[6],
                    sourceDataset: r[7],
                    location: r[8],
                    provenance: r[9],
                    precision: r[10],
                    endDate: (r[11] as String?).flatMap { CivilDate(parsing: $0) }
                )
            }
            rows = try Row.fetchCursor(db, sql: "SELECT area, period, measure, value, source FROM area_measures")
            let measureOverrides = overrides["area_measures"] ?? [:]
            while let r = try rows.next() {
                var value: Double = r[3]
                if !measureOverrides.isEmpty {
                    let key = "\(r[0] as String) | \(r[1] as String) | \(r[2] as String) | \(r[4] as String)"
                    if let v = measureOverrides[key] { value = v }
                }
                d.appendMeasure(area: r[0], period: r[1], measure: r[2], value: value, source: r[4])
            }
            rows = try Row.fetchCursor(db, sql: "SELECT source_area, recovery_area, year, count, source FROM flows")
            let flowOverrides = overrides["flows"] ?? [:]
            while let r = try rows.next() {
                var count: Int = r[3]
                if !flowOverrides.isEmpty {
                    let key = "\(r[0] as String) | \(r[1] as String) | \(r[2] as Int) | \(r[4] as String)"
                    if let v = flowOverrides[key], v.isFinite, abs(v) < 1e15 { count = Int(v) }
                }
                d.appendFlow(sourceArea: r[0], recoveryArea: r[1], year: r[2], count: count, source: r[4])
            }
            rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT lead_id, lead_date, exhibit_a, kind_a, recovery_a, event_a, agency_a, exhibit_b, kind_b,
                    recovery_b, event_b, agency_b FROM nibin_leads ORDER BY lead_date, lead_id
                    """
            )
            while let r = try rows.next() {
                guard let date = CivilDate(parsing: r[1] as String) else { continue }
                d.appendNIBINLead(
                    NIBINLead(
                        id: r[0],
                        date: date,
                        a: .init(
                            id: r[2],
                            kind: .init(rawValue: r[3]) ?? .cartridgeCase,
                            recoveryID: r[4],
                            eventID: r[5],
                            agency: r[6]
                        ),
                        b: .init(
                            id: r[7],
                            kind: .init(rawValue: r[8]) ?? .cartridgeCase,
                            recoveryID: r[9],
                            eventID: r[10],
                            agency: r[11]
                        )
                    )
                )
            }
            // Entity resolution: merged person records read as their entity.
            var entities: [Int64: Int64] = [:]
            let merged = try Row.fetchCursor(db, sql: "SELECT person_id, entity_id FROM person_entities")
            while let r = try merged.next() { entities[r[0]] = r[1] }
            var businesses: [Int64: Int64] = [:]
            let dealers = try Row.fetchCursor(db, sql: "SELECT licensee_id, entity_id FROM licensee_entities")
            while let r = try dealers.next() { businesses[r[0]] = r[1] }
            return d.mergingPersons(entities).mergingLicensees(businesses)
        }
    }

    /// The imports whose aggregates (area measures, flows) the snapshot holds, and what precedence
    /// decided where they disagree.
    static func aggregateSources(
        _ db: GRDB.Database,
        precedence: SourcePrecedence,
        decisions: [PrecedenceDecision]
    ) throws -> Dataset.AggregateSources {
        precedence.aggregateSources(
            refs: try importRefs(db),
            used: try Int64.fetchAll(db, sql: SourcePrecedence.aggregateImportsSQL),
            decisions: decisions
        )
    }

    /// The secret that keys this database's link keys (tests check that it stays out of exports).
    package func linkSecretBytes() throws -> [UInt8] {
        try reading("link secret bytes") { db in try Self.linkSecretBytes(db, path: path) }
    }

    static func linkSecretBytes(_ db: GRDB.Database, path: String) throws -> [UInt8] {
        guard let data = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = 'link-key'"),
            data.count >= 16
        else { throw StoreError(path: path, reason: "the database has no link key (secrets table)") }
        return Array(data)
    }

    /// Parses the ISO dates the store writes; they were validated on import.
    static func day(_ s: String) -> CivilDate { CivilDate(parsing: s) ?? CivilDate(dayNumber: 0) }

    /// Notes about the data (for example that it is a synthetic demo world), shown by `info` and the dashboard.
    public func setMetadata(_ key: String, _ value: String) throws {
        try writing("set metadata") { db in
            try db.execute(
                sql:
                    "INSERT INTO metadata (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, value]
            )
        }
    }

    public func metadata() throws -> [(key: String, value: String)] {
        try reading("metadata") { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM metadata ORDER BY key").map { ($0[0], $0[1]) }
        }
    }
}

extension IronTraceStore {
    /// The sum of a measure over areas and periods matching SQL LIKE patterns (for checks and reports).
    public func sumOfMeasure(like measure: String, source: String, area: String = "%", period: String = "%") throws
        -> Double
    {
        try reading("sum of measure") { db in
            try Double.fetchOne(
                db,
                sql:
                    "SELECT coalesce(sum(value), 0) FROM area_measures WHERE measure LIKE ? AND source = ? AND area LIKE ? AND period LIKE ?",
                arguments: [measure, source, area, period]
            ) ?? 0
        }
    }
}

extension IronTraceStore {
    /// The sum of published flows for a year and source (for checks and reports).
    public func sumOfFlows(year: Int, source: String) throws -> Int {
        try reading("sum of flows") { db in
            try Int.fetchOne(
                db,
                sql: "SELECT coalesce(sum(count), 0) FROM flows WHERE year = ? AND source = ?",
                arguments: [year, source]
            ) ?? 0
        }
    }
}

extension IronTraceStore {
    /// Area measures summed per source, for a measure, area and period (SQL LIKE patterns: `_` and
    /// `%`), so a user can check a published figure: `population`, `US-TX`, `2016`.
    public func measureTotals(like measure: String, area: String = "%", period: String = "%") throws
        -> [(source: String, rows: Int, value: Double)]
    {
        try reading("measure totals") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT source, count(*), coalesce(sum(value), 0) FROM area_measures
                    WHERE measure LIKE ? AND area LIKE ? AND period LIKE ? GROUP BY source ORDER BY source
                    """,
                arguments: [measure, area, period]
            ).map { (source: $0[0], rows: $0[1], value: $0[2]) }
        }
    }

    /// Flows summed per year and source: the per-year totals ATF publishes.
    public func flowTotals() throws -> [(year: Int, source: String, rows: Int, count: Int)] {
        try reading("flow totals") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT year, source, count(*), sum(count) FROM flows GROUP BY year, source ORDER BY year, source"
            ).map { (year: $0[0], source: $0[1], rows: $0[2], count: $0[3]) }
        }
    }
}
