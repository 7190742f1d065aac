import Crypto
import Foundation
import GRDB
import IronTraceCore
import IronTraceFormats
import Logging

/// IronTrace's SQLite store: one file holding licensees, persons, sales, recoveries, traces,
/// events, area measures, flows, the import ledger and every rejection.
///
/// Imports are atomic: each file loads in one transaction together with its ledger entry, so a
/// process killed mid-import leaves the database as it was, and running the import again
/// completes it. Re-importing a file with the same content (SHA-256) adds nothing.
public final class IronTraceStore: Sendable {
    public let path: String
    let writer: any DatabaseWriter
    /// Audit rows from many threads at once, written a batch per transaction.
    let auditCommits: AuditGroupCommit
    /// Where failed operations (with what the store was doing) and finished imports are reported.
    let logger: Logger

    /// Opens (creating if needed) a store; `:memory:` for an in-memory store.
    public init(path: String, logger: Logger = IronTraceStore.errorsOnlyLogger) throws(StoreError) {
        self.path = path
        self.logger = logger
        do {
            var config = Configuration()
            // Another process writing (a CLI import into a served database, a second server) makes
            // writers wait up to 10 s instead of failing at once with SQLITE_BUSY.
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            if path == ":memory:" {
                writer = try DatabaseQueue(configuration: config)
            } else {
                writer = try DatabasePool(path: path, configuration: config)
            }
            try Schema.migrator.migrate(writer)
        } catch {
            logger.error(
                "cannot open database",
                metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"]
            )
            throw StoreError(path: path, reason: "cannot open database: \(error)")
        }
        let writer = self.writer
        auditCommits = AuditGroupCommit { (batch: [AuditGroupCommit.Entry]) throws in
            try IronTraceStore.writeAudit(batch, to: writer)
        }
    }

    /// Without a logger of the caller's: failures only (notice and above), to standard error.
    public static var errorsOnlyLogger: Logger {
        var l = Logger(label: "irontrace.sqlite")
        l.logLevel = .notice
        return l
    }

    // MARK: Import

    /// Imports a native CSV file of the given kind.
    /// - Parameter progress: called with the number of rows read so far, every 100,000 rows.
    public func importNative(
        kind: NativeKind,
        path file: String,
        dryRun: Bool = false,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        func load<K: StoredKind>(_ k: K.Type, file: String, progress: (@Sendable (Int) -> Void)?) throws
            -> ImportSummary
        {
            try self.load(k, file: file, dryRun: dryRun, progress: progress)
        }
        return switch kind {
        case .licensees: try load(StoredLicensees.self, file: file, progress: progress)
        case .persons: try load(StoredPersons.self, file: file, progress: progress)
        case .sales: try load(StoredSales.self, file: file, progress: progress)
        case .recoveries: try load(StoredRecoveries.self, file: file, progress: progress)
        case .traces: try load(StoredTraces.self, file: file, progress: progress)
        case .events: try load(StoredEvents.self, file: file, progress: progress)
        case .areaMeasures: try load(StoredAreaMeasures.self, file: file, progress: progress)
        case .flows: try load(StoredFlows.self, file: file, progress: progress)
        case .nibinLeads: try load(StoredNIBINLeads.self, file: file, progress: progress)
        }
    }

    /// SHA-256 of a file's bytes, read in 1 MiB chunks.
    public static func sha256(ofFile path: String) throws(FormatError) -> String {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw FormatError(file: path, reason: "file not found")
        }
        defer { try? h.close() }
        var hasher = SHA256()
        while let chunk = try? h.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func now() -> String { iso(Date()) }

    private func load<K: StoredKind>(
        _ kind: K.Type,
        file: String,
        dryRun: Bool,
        progress: (@Sendable (Int) -> Void)?
    ) throws -> ImportSummary {
        try load(kind, file: file, format: "native:" + K.Codec.kind.rawValue, dryRun: dryRun, progress: progress) {
            () throws(FormatError) in
            try NativeReader<K.Codec>(path: file)
        }
    }

    /// Imports an official file (INEGI, SESNSP, ATF, ...) through its reader, into the table of the
    /// records it yields (area measures, flows, events or licensees).
    /// - Parameter dryRun: read, validate and compare with what is stored, then roll back: the
    ///   summary says what the import would store, reject and contradict; nothing is kept.
    public func importOfficial(
        _ format: OfficialFormat,
        path file: String,
        dryRun: Bool = false,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        func rows<T>(_ s: some Sequence<RowResult<T>>) -> AnySequence<RowResult<T>> { AnySequence(s) }
        switch format {
        case .inegiHomicides, .sesnspIncidence, .sesnspVictims, .conapoPopulation, .inegiCensus, .censusPopulation,
            .firearmHomicidesMonth, .nationalPopulationWide, .municipalPopulationNamed, .atfCommerce:
            return try load(
                StoredAreaMeasures.self,
                file: file,
                format: format.rawValue,
                dryRun: dryRun,
                progress: progress
            ) {
                () throws(FormatError) in
                switch format {
                case .inegiHomicides: rows(try INEGIHomicideReader(path: file))
                case .sesnspIncidence: rows(try SESNSPIncidenceReader(path: file))
                case .sesnspVictims: rows(try SESNSPVictimsReader(path: file))
                case .conapoPopulation: rows(try PopulationReader.conapo(path: file))
                case .inegiCensus: rows(try PopulationReader.inegiCensus(path: file))
                case .firearmHomicidesMonth: rows(try FirearmHomicideMonthReader.read(path: file))
                case .nationalPopulationWide: rows(try PopulationReader.nationalWide(path: file))
                case .municipalPopulationNamed: rows(try PopulationReader.municipalNamed(path: file))
                case .atfCommerce: rows(try ATFCommerceReader.read(path: file))
                default: rows(try PopulationReader.usCensus(path: file))
                }
            }
        case .inegiDeathRecords, .sesnspMunicipalLong:
            var counts = AggregatedRows()
            var summary = try load(
                StoredAreaMeasures.self,
                file: file,
                format: format.rawValue,
                dryRun: dryRun,
                progress: progress
            ) {
                () throws(FormatError) in
                if format == .inegiDeathRecords {
                    return try INEGIDeathRecordReader.read(path: file, counts: &counts)
                }
                return try SESNSPMunicipalLongReader.read(path: file, counts: &counts)
            }
            if summary.previousImportID == nil { summary.sourceRows = counts }
            return summary
        case .atfFlows, .atfWorkbook:
            return try load(StoredFlows.self, file: file, format: format.rawValue, dryRun: dryRun, progress: progress) {
                () throws(FormatError) in
                format == .atfFlows
                    ? rows(try ATFFlowReader(path: file)) : rows(try ATFFlowWorkbookReader.read(path: file))
            }
        case .acled, .ucdpGED:
            return try load(StoredEvents.self, file: file, format: format.rawValue, dryRun: dryRun, progress: progress)
            {
                () throws(FormatError) in
                format == .acled ? rows(try ACLEDEventReader(path: file)) : rows(try UCDPEventReader(path: file))
            }
        case .fflListing:
            return try load(
                StoredLicensees.self,
                file: file,
                format: format.rawValue,
                dryRun: dryRun,
                progress: progress
            ) {
                () throws(FormatError) in
                try FFLListingReader(path: file)
            }
        }
    }

    private func load<K: StoredKind, Source: Sequence>(
        _ kind: K.Type,
        file: String,
        format: String,
        dryRun: Bool,
        progress: (@Sendable (Int) -> Void)?,
        open: () throws(FormatError) -> Source
    ) throws -> ImportSummary where Source.Element == RowResult<K.Codec.Value> {
        let clock = ContinuousClock.now
        let digest = try IronTraceStore.sha256(ofFile: file)
        let reader = try open()
        let started = IronTraceStore.now()
        let previous = try writer.read { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT id FROM imports WHERE format = ? AND sha256 = ?",
                arguments: [format, digest]
            )
        }
        if let previous {
            logger.info(
                "import skipped: the same content was imported before",
                metadata: ["file": "\(file)", "format": "\(format)", "previous_import": "\(previous)"]
            )
            return ImportSummary(
                file: file,
                format: format,
                sha256: digest,
                rowsRead: 0,
                rowsStored: 0,
                rowsRejected: 0,
                sampleRejections: [],
                previousImportID: previous,
                importID: nil,
                seconds: (ContinuousClock.now - clock).seconds
            )
        }
        let displayName = URL(fileURLWithPath: file).lastPathComponent
        var summary = ImportSummary(
            file: file,
            format: format,
            sha256: digest,
            rowsRead: 0,
            rowsStored: 0,
            rowsRejected: 0,
            sampleRejections: [],
            previousImportID: nil,
            importID: nil,
            seconds: 0,
            dryRun: dryRun
        )
        do {
            // The rows, their rejections and the ledger entry in one transaction (rolled back for a dry run).
            try writer.writeWithoutTransaction { db in
                try db.inTransaction { () throws -> Database.TransactionCompletion in
                    // The ledger row comes first so rows and rejections can point at it; all in one transaction.
                    try db.execute(
                        sql: """
                            INSERT INTO imports (file, format, sha256, rows_read, rows_stored, rows_rejected, started_at, finished_at)
                            VALUES (?, ?, ?, 0, 0, 0, ?, ?)
                            """,
                        arguments: [file, format, digest, started, started]
                    )
                    let importID = db.lastInsertedRowID
                    summary.importID = importID
                    let origin = ImportOrigin.classify(format: format, path: file)
                    if origin != .publisher {
                        try db.execute(
                            sql: "UPDATE imports SET origin = ? WHERE id = ?",
                            arguments: [origin.rawValue, importID]
                        )
                    }
                    let wasEmpty =
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(K.table) LIMIT 1)") == 0
                    let indexes = wasEmpty ? Schema.indexes(of: K.table) : []
                    for (name, _) in indexes { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
                    // Aggregates keep the line each value came from (provenance of report figures).
                    let keepsLine = K.aggregateKey != nil
                    let cols = K.columns + ["import_id"] + (keepsLine ? ["line"] : [])
                    let insert = try db.makeStatement(
                        sql:
                            "INSERT INTO \(K.table) (\(cols.joined(separator: ", "))) VALUES (\(cols.map { _ in "?" }.joined(separator: ", "))) ON CONFLICT DO NOTHING"
                    )
                    let reject = try db.makeStatement(
                        sql:
                            "INSERT INTO rejections (import_id, line, column_number, field, value, reason) VALUES (?, ?, ?, ?, ?, ?)"
                    )
                    // Aggregates: a row whose key is stored already is compared with the stored value.
                    let existing = try K.aggregateKey.map { a in
                        try db.makeStatement(
                            sql:
                                "SELECT \(K.columns[a.value]), import_id FROM \(K.table) WHERE \(a.key.map { "\(K.columns[$0]) = ?" }.joined(separator: " AND "))"
                        )
                    }
                    let conflict = try db.makeStatement(
                        sql: """
                            INSERT INTO conflicts (import_id, line, table_name, key, new_value, stored_value, stored_import_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """
                    )
                    /// The reason a row that was not inserted gives: the same value, or a conflict (recorded).
                    func duplicateReason(_ value: K.Codec.Value, line: Int) throws -> String {
                        guard let a = K.aggregateKey, let existing else {
                            return "a record with this key is already stored"
                        }
                        let fields = K.Codec.encode(value)
                        let key = a.key.map { fields[$0] }
                        guard let row = try Row.fetchOne(existing, arguments: StatementArguments(key)) else {
                            return "a record with this key is already stored"
                        }
                        let stored: Double = row[0]
                        let storedImport: Int64 = row[1]
                        let new = Double(fields[a.value]) ?? .nan
                        if storedImport == importID {
                            return "a record with this key is already stored (earlier in this file)"
                        } else if new == stored {
                            summary.agreeingDuplicates += 1
                            return "already stored with the same value by import #\(storedImport)"
                        }
                        summary.conflicts += 1
                        try conflict.execute(arguments: [
                            importID, line, K.table, key.joined(separator: " | "), new, stored, storedImport,
                        ])
                        return
                            "already stored with another value by import #\(storedImport): stored \(stored.clean), this file \(new.clean) (conflict kept; irontrace info lists them)"
                    }
                    func record(_ r: Rejection) throws {
                        summary.rowsRejected += 1
                        if summary.sampleRejections.count < 100 { summary.sampleRejections.append(r) }
                        try reject.execute(arguments: [importID, r.line, r.column, r.field, r.value, r.reason])
                    }
                    // Parse on a second thread while this one inserts; batches keep the rows in file order.
                    let pipe = BatchPipe<RowResult<K.Codec.Value>>(capacity: 8)
                    let source = Handoff(AnyIterator(reader.makeIterator()))
                    let producer = Thread {
                        var batch: [RowResult<K.Codec.Value>] = []
                        batch.reserveCapacity(4096)
                        while let result = source.value.next() {
                            batch.append(result)
                            if batch.count == 4096 {
                                guard pipe.put(batch) else { return }
                                batch = []
                                batch.reserveCapacity(4096)
                            }
                        }
                        pipe.put(batch)
                        pipe.finish()
                    }
                    producer.stackSize = 8 << 20
                    producer.start()
                    defer { pipe.cancel() }
                    while let batch = pipe.take() {
                        for result in batch {
                            summary.rowsRead += 1
                            if let progress, summary.rowsRead % 100_000 == 0 { progress(summary.rowsRead) }
                            switch result {
                            case .record(let value, let line):
                                var binder = RowBinder(insert.sqliteStatement)
                                K.bind(value, &binder)
                                binder.add(importID)
                                if keepsLine { binder.add(line) }
                                if try binder.step(db) == 1 {
                                    summary.rowsStored += 1
                                } else {
                                    try record(
                                        Rejection(
                                            file: displayName,
                                            line: line,
                                            column: 1,
                                            field: K.Codec.kind.header[0],
                                            value: K.Codec.encode(value).first ?? "",
                                            reason: try duplicateReason(value, line: line)
                                        )
                                    )
                                }
                            case .rejected(let r):
                                try record(
                                    Rejection(
                                        file: displayName,
                                        line: r.line,
                                        column: r.column,
                                        field: r.field,
                                        value: r.value,
                                        reason: r.reason
                                    )
                                )
                            }
                        }
                    }
                    for (name, sql) in indexes { try db.execute(sql: "CREATE INDEX \(name) ON \(sql)") }
                    try db.execute(
                        sql:
                            "UPDATE imports SET rows_read = ?, rows_stored = ?, rows_rejected = ?, finished_at = ? WHERE id = ?",
                        arguments: [
                            summary.rowsRead, summary.rowsStored, summary.rowsRejected, IronTraceStore.now(), importID,
                        ]
                    )
                    if summary.conflicts > 0 {
                        summary.largestConflicts = try IronTraceStore.conflicts(db, importID: importID, limit: 5)
                    }
                    return dryRun ? .rollback : .commit
                }
            }
        } catch {
            logger.error(
                "import failed; nothing of it is stored",
                metadata: ["file": "\(file)", "format": "\(format)", "error": "\(String(reflecting: error))"]
            )
            throw error
        }
        summary.seconds = (ContinuousClock.now - clock).seconds
        if dryRun { summary.importID = nil }
        logger.info(
            "import finished",
            metadata: [
                "file": "\(file)", "format": "\(format)", "import": "\(summary.importID.map(String.init) ?? "dry run")",
                "rows_read": "\(summary.rowsRead)", "rows_stored": "\(summary.rowsStored)",
                "rows_rejected": "\(summary.rowsRejected)", "conflicts": "\(summary.conflicts)",
                "seconds": "\(summary.seconds)",
            ]
        )
        return summary
    }

    // MARK: Reading

    /// Row counts per table.
    public func counts() throws -> [(table: String, rows: Int)] {
        try reading("counts") { db in
            try (Schema.tables + ["imports", "rejections"]).map { t in
                (t, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t)") ?? 0)
            }
        }
    }

    /// The import ledger, oldest first.
    public func ledger() throws -> [ImportLedgerEntry] {
        try reading("ledger") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM imports ORDER BY id").map { r in
                ImportLedgerEntry(
                    id: r["id"],
                    file: r["file"],
                    format: r["format"],
                    sha256: r["sha256"],
                    rowsRead: r["rows_read"],
                    rowsStored: r["rows_stored"],
                    rowsRejected: r["rows_rejected"],
                    startedAt: r["started_at"],
                    finishedAt: r["finished_at"]
                )
            }
        }
    }

    /// How many rejections one import recorded.
    public func rejectionCount(importID: Int64) throws -> Int {
        try reading("rejection count") { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM rejections WHERE import_id = ?", arguments: [importID]) ?? 0
        }
    }

    /// The rejections of one import, in file order, `limit` of them from `offset` (a negative limit: all).
    public func rejections(importID: Int64, limit: Int = 1000, offset: Int = 0) throws -> [Rejection] {
        try reading("rejections") { db in
            let file =
                try String.fetchOne(db, sql: "SELECT file FROM imports WHERE id = ?", arguments: [importID]) ?? ""
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM rejections WHERE import_id = ? ORDER BY rowid LIMIT ? OFFSET ?",
                arguments: [importID, limit, max(0, offset)]
            ).map { r in
                Rejection(
                    file: URL(fileURLWithPath: file).lastPathComponent,
                    line: r["line"],
                    column: r["column_number"],
                    field: r["field"],
                    value: r["value"],
                    reason: r["reason"]
                )
            }
        }
    }

    // MARK: Export

    /// Writes one kind as a native CSV file. Persons are exported with PII masked (pseudonym,
    /// city, state and 3-digit ZIP only) unless `includePII` is set.
    @discardableResult
    public func export(kind: NativeKind, to file: String, includePII: Bool = false) throws -> Int {
        let sql: String
        switch kind {
        case .licensees: sql = StoredLicensees.exportSQL
        case .persons: sql = includePII ? StoredPersons.exportSQL : StoredPersons.maskedExportSQL
        case .sales: sql = StoredSales.exportSQL
        case .recoveries: sql = StoredRecoveries.exportSQL
        case .traces: sql = StoredTraces.exportSQL
        case .events: sql = StoredEvents.exportSQL
        case .areaMeasures: sql = StoredAreaMeasures.exportSQL
        case .flows: sql = StoredFlows.exportSQL
        case .nibinLeads: sql = StoredNIBINLeads.exportSQL
        }
        let out = try CSVWriter(path: file, header: kind.header)
        defer { out.close() }
        try reading("export") { db in
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let row = try cursor.next() {
                var fields: [String] = []
                fields.reserveCapacity(row.count)
                for i in 0..<row.count {
                    let v: DatabaseValue = row[i]
                    switch v.storage {
                    case .null: fields.append("")
                    case .int64(let n): fields.append(String(n))
                    case .double(let d): fields.append(String(d))
                    case .string(let s): fields.append(s)
                    case .blob: fields.append("")
                    }
                }
                out.write(fields)
            }
        }
        return out.rowsWritten
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

// MARK: Conflicts

/// Two imports that disagree about the same aggregates: how many values, and the largest differences.
public struct ConflictGroup: Sendable, Hashable, Codable {
    public var table: String
    public var importID: Int64
    public var file: String
    public var storedImportID: Int64
    public var storedFile: String
    public var count: Int
    /// The largest differences, largest (in absolute value) first.
    public var largest: [ImportConflict]
}

extension IronTraceStore {
    static func conflicts(_ db: Database, importID: Int64?, limit: Int) throws -> [ImportConflict] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.import_id, n.file, c.line, c.table_name, c.key, c.new_value, c.stored_value,
                       c.stored_import_id, coalesce(s.file, '')
                FROM conflicts c JOIN imports n ON n.id = c.import_id LEFT JOIN imports s ON s.id = c.stored_import_id
                WHERE ? IS NULL OR c.import_id = ?
                ORDER BY abs(c.new_value - c.stored_value) DESC, c.line LIMIT ?
                """,
            arguments: [importID, importID, limit]
        )
        return rows.map {
            ImportConflict(
                importID: $0[0],
                file: $0[1],
                line: $0[2],
                table: $0[3],
                key: $0[4],
                newValue: $0[5],
                storedValue: $0[6],
                storedImportID: $0[7],
                storedFile: $0[8]
            )
        }
    }

    /// Every pair of imports that disagree, with how many values and the largest differences.
    public func conflictGroups(largest: Int = 3) throws -> [ConflictGroup] {
        try reading("conflict groups") { db in
            let pairs = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.table_name, c.import_id, n.file, c.stored_import_id, coalesce(s.file, ''), count(*)
                    FROM conflicts c JOIN imports n ON n.id = c.import_id LEFT JOIN imports s ON s.id = c.stored_import_id
                    GROUP BY c.table_name, c.import_id, c.stored_import_id ORDER BY c.import_id, c.stored_import_id
                    """
            )
            return try pairs.map { p in
                let top = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT line, key, new_value, stored_value FROM conflicts
                        WHERE import_id = ? AND stored_import_id = ? AND table_name = ?
                        ORDER BY abs(new_value - stored_value) DESC, line LIMIT ?
                        """,
                    arguments: [p[1], p[3], p[0], largest]
                )
                return ConflictGroup(
                    table: p[0],
                    importID: p[1],
                    file: p[2],
                    storedImportID: p[3],
                    storedFile: p[4],
                    count: p[5],
                    largest: top.map {
                        ImportConflict(
                            importID: p[1],
                            file: p[2],
                            line: $0[0],
                            table: p[0],
                            key: $0[1],
                            newValue: $0[2],
                            storedValue: $0[3],
                            storedImportID: p[3],
                            storedFile: p[4]
                        )
                    }
                )
            }
        }
    }
}

extension Double {
    /// Whole numbers without a decimal point, others with up to 4 digits.
    public var clean: String {
        if self == rounded() && abs(self) < 1e15 { return String(Int64(self)) }
        return String(format: "%.4g", self)
    }
}
