import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceFormats
import IronTraceStore
import Logging
import NIOCore
import PostgresNIO

/// IronTrace's PostgreSQL store: the same tables, migrations, ledger, rejections, accounts and
/// append-only audit log as the SQLite store, for a team whose servers and importers write at the
/// same time. Bulk imports stream the file through COPY into a staging table and store it with one
/// INSERT ... SELECT, in one transaction with the ledger entry and the rejections.
public final class PostgresStore: IronTraceDatabase {
    /// The URL without its password.
    public let location: String
    let pool: PostgresPool
    let logger: Logger

    /// Connects to the server named by a `postgres://user:password@host:port/database` URL and
    /// applies the migrations not yet applied.
    public init(url: String, logger: Logger = Logger(label: "irontrace.postgres"), connections: Int = 8)
        throws(StoreError)
    {
        let parsed: PostgresURL
        do { parsed = try PostgresURL(url) } catch {
            throw StoreError(path: url.split(separator: "@").last.map(String.init) ?? "", reason: error.reason)
        }
        location = parsed.redacted
        self.logger = logger
        pool = PostgresPool(configuration: parsed.configuration, size: max(1, connections), logger: logger)
        do { try PostgresSchema.migrate(pool) } catch {
            throw StoreError(
                path: location,
                operation: "open (connect and migrate)",
                underlying: error,
                described: Self.describe(error)
            )
        }
    }

    /// Wraps database errors with the operation; errors that are already a ``StoreError`` pass.
    @discardableResult
    func attempt<R>(_ operation: String, _ body: () throws -> R) throws(StoreError) -> R {
        do { return try body() } catch let e as StoreError { throw e } catch {
            logger.error(
                "store operation failed",
                metadata: ["operation": "\(operation)", "error": "\(String(reflecting: error))"]
            )
            throw StoreError(path: location, operation: operation, underlying: error, described: Self.describe(error))
        }
    }

    /// A server error as its message, detail and SQLSTATE ("cannot execute INSERT in a read-only
    /// transaction (SQLSTATE 25006: the database is a read-only replica...)"), not PostgresNIO's dump
    /// of the whole query; other errors as they reflect themselves.
    static func describe(_ error: any Error) -> String {
        guard let e = error as? PSQLError, let info = e.serverInfo, let message = info[.message] else {
            return String(reflecting: error)
        }
        let state = info[.sqlState] ?? "?"
        var text = "PostgreSQL: \(message) (SQLSTATE \(state))"
        if let detail = info[.detail] { text += "; \(detail)" }
        if state == "25006" { text += "; this server is read-only (a hot standby replica?): write to the primary" }
        return text
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    // MARK: Import

    public func importNative(
        kind: NativeKind,
        path file: String,
        dryRun: Bool,
        progress: (@Sendable (Int) -> Void)?
    ) throws -> ImportSummary {
        let digest = try IronTraceStore.sha256(ofFile: file)
        return try load(
            { try ImportSource.native(kind, path: file) },
            file: file,
            digest: digest,
            dryRun: dryRun,
            progress
        )
    }

    public func importOfficial(
        _ format: OfficialFormat,
        path file: String,
        dryRun: Bool,
        progress: (@Sendable (Int) -> Void)?
    ) throws -> ImportSummary {
        let digest = try IronTraceStore.sha256(ofFile: file)
        return try load(
            { try ImportSource.official(format, path: file) },
            file: file,
            digest: digest,
            dryRun: dryRun,
            progress
        )
    }

    /// One file: ledger row, COPY into a staging table, one INSERT ... SELECT of the rows whose key
    /// is new (the first of a key repeated in the file), then every other row a rejection saying
    /// why, aggregates that disagree with a stored value kept as conflicts.
    ///
    /// Into an empty table of records (the bulk load), the rows go by COPY straight into the table,
    /// inside a savepoint: when the file repeats a key, the savepoint is rolled back and the file read
    /// again through the staging table, which keeps the first row of each key and says why of the rest.
    func load(
        _ open: () throws -> ImportSource,
        file: String,
        digest: String,
        dryRun: Bool,
        _ progress: (@Sendable (Int) -> Void)?
    ) throws -> ImportSummary {
        let source = try open()
        let clock = ContinuousClock.now
        let started = Self.now()
        let format = source.format
        let previous = try attempt("import: ledger lookup") {
            try pool.withSession { s in
                try s.scalar(
                    Int64.self,
                    "SELECT id FROM imports WHERE format = $1 AND sha256 = $2",
                    [.text(format), .text(digest)]
                )
            }
        }
        var summary = ImportSummary.make(
            file: file,
            format: format,
            sha256: digest,
            rowsRead: 0,
            rowsStored: 0,
            rowsRejected: 0,
            sampleRejections: [],
            previousImportID: previous,
            importID: nil,
            seconds: 0,
            dryRun: previous == nil && dryRun
        )
        if previous != nil {
            summary.seconds = (ContinuousClock.now - clock).seconds
            return summary
        }
        let displayName = URL(fileURLWithPath: file).lastPathComponent
        let table = source.table
        let columns = source.columns
        let initial = summary
        summary = try attempt("import \(displayName) into \(table)") {
            try pool.transaction(commit: !dryRun) { s in
                // Imports of one table wait for each other: the keys they test must not change under them.
                try s.execute("LOCK TABLE \(table) IN SHARE ROW EXCLUSIVE MODE")
                guard
                    let importID = try s.scalar(
                        Int64.self,
                        """
                        INSERT INTO imports (file, format, sha256, rows_read, rows_stored, rows_rejected, started_at,
                        finished_at) VALUES ($1, $2, $3, 0, 0, 0, $4, $4) RETURNING id
                        """,
                        [.text(file), .text(format), .text(digest), .text(started)]
                    )
                else { throw StoreError(path: location, reason: "import: the ledger gave no id") }
                var summary = initial
                summary.importID = importID
                let origin = ImportOrigin.classify(format: format, path: file)
                if origin != .publisher {
                    _ = try s.execute(
                        "UPDATE imports SET origin = $1 WHERE id = $2",
                        [.text(origin.rawValue), .int(importID)]
                    )
                }
                let wasEmpty = try s.scalar(Int64.self, "SELECT count(*) FROM (SELECT 1 FROM \(table) LIMIT 1) t") == 0
                let indexes = wasEmpty ? PostgresSchema.indexes(of: table) : []
                for (name, _) in indexes { try s.execute("DROP INDEX IF EXISTS \(name)") }
                // Index builds sort the whole table: give them memory for it (this transaction only).
                if !indexes.isEmpty { try s.execute("SET LOCAL maintenance_work_mem = '512MB'") }
                let connection = s.connection
                let logger = self.logger
                if wasEmpty && source.aggregateKey == nil {
                    try s.execute("SAVEPOINT irontrace_direct")
                    do {
                        // The key too is built after the load, by one sort (the table's other indexes are
                        // already dropped): a key the file repeats fails here and the careful path runs.
                        try s.execute("ALTER TABLE \(table) DROP CONSTRAINT \(table)_pkey")
                        let (read, rejections) = try Self.stream(
                            source.rows,
                            into: table,
                            columns: columns + ["import_id"],
                            line: false,
                            suffix: String(importID),
                            file: displayName,
                            connection,
                            logger,
                            progress
                        )
                        try s.execute("ALTER TABLE \(table) ADD CONSTRAINT \(table)_pkey PRIMARY KEY (id)")
                        try s.execute("RELEASE SAVEPOINT irontrace_direct")
                        summary.rowsRead = read
                        summary.rowsStored = read - rejections.count
                        summary.rowsRejected = rejections.count
                        summary.sampleRejections = Array(rejections.prefix(100))
                        try Self.copyRejections(rejections, importID: importID, on: s)
                        for (name, sql) in indexes { try s.execute("CREATE INDEX \(name) ON \(sql)") }
                        try Self.finish(summary, importID: importID, on: s)
                        return summary
                    } catch {
                        // A key repeated in the file (or anything else): the careful path below says which.
                        logger.debug("direct COPY into \(table) refused, staging instead: \(String(reflecting: error))")
                        try s.execute("ROLLBACK TO SAVEPOINT irontrace_direct")
                    }
                }
                try s.execute(
                    """
                    CREATE TEMP TABLE irontrace_staging ON COMMIT DROP AS
                    SELECT 0::bigint AS line, \(columns.joined(separator: ", ")) FROM \(table) WITH NO DATA
                    """
                )
                // Stream the file: parse here, the server stores as it receives. After a refused direct
                // load the file is opened again (a reader reads once).
                let rows = wasEmpty && source.aggregateKey == nil ? try open().rows : source.rows
                let staging = try Self.stream(
                    rows,
                    into: "irontrace_staging",
                    columns: ["line"] + columns,
                    line: true,
                    suffix: nil,
                    file: displayName,
                    connection,
                    logger,
                    progress
                )
                let state = Carried((read: staging.read, rejections: staging.rejections))
                summary.rowsRead = state.value.read
                var rejections = state.value.rejections
                // One INSERT: the first row of each key not stored already goes in. The staging table
                // is a fresh heap filled by COPY, so its sequential scan returns the file's order and
                // the first of a key repeated in the file is the one kept, as on SQLite.
                let staged = state.value.read - state.value.rejections.count
                // Aggregates keep the line each value came from (provenance of report figures).
                let line = source.aggregateKey != nil ? ", line" : ""
                let stored = try s.execute(
                    """
                    INSERT INTO \(table) (\(columns.joined(separator: ", ")), import_id\(line))
                    SELECT \(columns.joined(separator: ", ")), $1\(line) FROM irontrace_staging ON CONFLICT DO NOTHING
                    """,
                    [.int(importID)]
                )
                summary.rowsStored = stored
                // The others (only when there are any), with the reason the SQLite store gives for each.
                let key = source.aggregateKey.map { a in a.key.map { columns[$0] } } ?? [columns[0]]
                let valueColumn = source.aggregateKey.map { columns[$0.value] }
                let others =
                    stored == staged
                    ? []
                    : try s.rows(
                        """
                        WITH firsts AS (
                            SELECT \(key.joined(separator: ", ")), min(line) AS first_line FROM irontrace_staging
                            GROUP BY \(key.joined(separator: ", "))
                        )
                        SELECT s.line, CASE WHEN t.import_id = $1 THEN NULL ELSE t.import_id END,
                        \(valueColumn.map { "t.\($0)::double precision" } ?? "NULL::double precision"),
                        \(valueColumn.map { "s.\($0)::double precision" } ?? "NULL::double precision"),
                        \(key.map { "s.\($0)::text" }.joined(separator: " || ' | ' || ")),
                        s.\(columns[0])::text
                        FROM irontrace_staging s
                        JOIN \(table) t ON \(key.map { "t.\($0) = s.\($0)" }.joined(separator: " AND "))
                        JOIN firsts f ON \(key.map { "f.\($0) = s.\($0)" }.joined(separator: " AND "))
                        WHERE NOT (t.import_id = $1 AND s.line = f.first_line)
                        ORDER BY s.line
                        """,
                        [.int(importID)]
                    )
                var conflicts: [(line: Int, key: String, new: Double, stored: Double, storedImport: Int64)] = []
                for r in others {
                    let (line, storedImport, storedValue, newValue, keyText, firstValue) = try r.decode(
                        (Int, Int64?, Double?, Double?, String, String?).self
                    )
                    let reason: String
                    if source.aggregateKey == nil {
                        reason = "a record with this key is already stored"
                    } else if let storedImport, let storedValue, let newValue {
                        if newValue == storedValue {
                            summary.agreeingDuplicates += 1
                            reason = "already stored with the same value by import #\(storedImport)"
                        } else {
                            summary.conflicts += 1
                            conflicts.append((line, keyText, newValue, storedValue, storedImport))
                            reason =
                                "already stored with another value by import #\(storedImport): stored \(storedValue.clean), this file \(newValue.clean) (conflict kept; irontrace info lists them)"
                        }
                    } else {
                        reason = "a record with this key is already stored (earlier in this file)"
                    }
                    rejections.append(
                        Rejection(
                            file: displayName,
                            line: line,
                            column: 1,
                            field: source.firstField,
                            value: firstValue ?? "",
                            reason: reason
                        )
                    )
                }
                rejections.sort { ($0.line, $0.column) < ($1.line, $1.column) }
                summary.rowsRejected = rejections.count
                summary.sampleRejections = Array(rejections.prefix(100))
                try Self.copyRejections(rejections, importID: importID, on: s)
                if !conflicts.isEmpty {
                    let rows = conflicts
                    try waitFor {
                        try await connection.copyFrom(
                            table: "conflicts",
                            columns: [
                                "import_id", "line", "table_name", "key", "new_value", "stored_value",
                                "stored_import_id",
                            ],
                            logger: logger
                        ) { writer in
                            var b = ByteBuffer()
                            for c in rows {
                                CopyText.append(
                                    [
                                        String(importID), String(c.line), table, c.key, String(c.new),
                                        String(c.stored), String(c.storedImport),
                                    ],
                                    to: &b
                                )
                            }
                            try await writer.write(b)
                        }
                    }
                    summary.largestConflicts = try self.conflicts(s, importID: importID, limit: 5)
                }
                for (name, sql) in indexes { try s.execute("CREATE INDEX \(name) ON \(sql)") }
                try Self.finish(summary, importID: importID, on: s)
                return summary
            }
        }
        summary.seconds = (ContinuousClock.now - clock).seconds
        if dryRun { summary.importID = nil }
        return summary
    }

    /// The ledger entry's counts and finish time.
    static func finish(_ summary: ImportSummary, importID: Int64, on s: PGSession) throws {
        try s.execute(
            "UPDATE imports SET rows_read = $1, rows_stored = $2, rows_rejected = $3, finished_at = $4 WHERE id = $5",
            [
                .int(Int64(summary.rowsRead)), .int(Int64(summary.rowsStored)),
                .int(Int64(summary.rowsRejected)), .text(now()), .int(importID),
            ]
        )
    }

    /// Streams a file's rows through COPY into `table`: each valid row as its values (after its file
    /// line when `line`, followed by `suffix` when given), each rejected row kept. Returns the rows
    /// read and the rejections.
    static func stream(
        _ rows: AnySequence<RowResult<ImportRow>>,
        into table: String,
        columns: [String],
        line: Bool,
        suffix: String?,
        file displayName: String,
        _ connection: PostgresConnection,
        _ logger: Logger,
        _ progress: (@Sendable (Int) -> Void)?
    ) throws -> (read: Int, rejections: [Rejection]) {
        let state = Carried((rows: rows.makeIterator(), read: 0, rejections: [Rejection]()))
        try waitFor {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var buffer = ByteBuffer()
                buffer.reserveCapacity(1 << 20)
                while let result = state.value.rows.next() {
                    state.value.read += 1
                    if let progress, state.value.read % 100_000 == 0 { progress(state.value.read) }
                    switch result {
                    case .record(let row, let n):
                        CopyText.append(line: line ? n : nil, row.values, suffix: suffix, to: &buffer)
                    case .rejected(let r):
                        state.value.rejections.append(
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
                    if buffer.readableBytes >= 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        }
        return (state.value.read, state.value.rejections)
    }

    /// Rejections through COPY, in the order given.
    static func copyRejections(_ rejections: [Rejection], importID: Int64, on s: PGSession) throws {
        guard !rejections.isEmpty else { return }
        let connection = s.connection
        let logger = s.logger
        try waitFor {
            try await connection.copyFrom(
                table: "rejections",
                columns: ["import_id", "line", "column_number", "field", "value", "reason"],
                logger: logger
            ) { writer in
                var b = ByteBuffer()
                for r in rejections {
                    CopyText.append(
                        [String(importID), String(r.line), String(r.column), r.field, r.value, r.reason],
                        to: &b
                    )
                    if b.readableBytes >= 1 << 20 {
                        try await writer.write(b)
                        b.clear()
                    }
                }
                if b.readableBytes > 0 { try await writer.write(b) }
            }
        }
    }

    // MARK: Ledger

    public func ledger() throws -> [ImportLedgerEntry] {
        try attempt("ledger") {
            try pool.withSession { s in
                try s.rows(
                    """
                    SELECT id, file, format, sha256, rows_read, rows_stored, rows_rejected, started_at, finished_at
                    FROM imports ORDER BY id
                    """
                ).map { r in
                    let v = try r.decode((Int64, String, String, String, Int, Int, Int, String, String).self)
                    return ImportLedgerEntry.make(
                        id: v.0,
                        file: v.1,
                        format: v.2,
                        sha256: v.3,
                        rowsRead: v.4,
                        rowsStored: v.5,
                        rowsRejected: v.6,
                        startedAt: v.7,
                        finishedAt: v.8
                    )
                }
            }
        }
    }

    public func counts() throws -> [(table: String, rows: Int)] {
        try attempt("counts") {
            try pool.withSession { s in
                try (PostgresSchema.tables + ["imports", "rejections"]).map { t in
                    (t, try s.scalar(Int.self, "SELECT count(*) FROM \(t)") ?? 0)
                }
            }
        }
    }

    public func rejectionCount(importID: Int64) throws -> Int {
        try attempt("rejection count") {
            try pool.withSession { s in
                try s.scalar(Int.self, "SELECT count(*) FROM rejections WHERE import_id = $1", [.int(importID)]) ?? 0
            }
        }
    }

    public func rejections(importID: Int64, limit: Int, offset: Int) throws -> [Rejection] {
        try attempt("rejections") {
            try pool.withSession { s in
                let file = try s.scalar(String.self, "SELECT file FROM imports WHERE id = $1", [.int(importID)]) ?? ""
                let name = URL(fileURLWithPath: file).lastPathComponent
                return try s.rows(
                    """
                    SELECT line, column_number, field, value, reason FROM rejections WHERE import_id = $1
                    ORDER BY line, column_number LIMIT $2 OFFSET $3
                    """,
                    [.int(importID), limit < 0 ? .null : .int(Int64(limit)), .int(Int64(max(0, offset)))]
                ).map { r in
                    let v = try r.decode((Int, Int, String, String, String).self)
                    return Rejection(file: name, line: v.0, column: v.1, field: v.2, value: v.3, reason: v.4)
                }
            }
        }
    }

    func conflicts(_ s: PGSession, importID: Int64?, limit: Int) throws -> [ImportConflict] {
        try s.rows(
            """
            SELECT c.import_id, n.file, c.line, c.table_name, c.key, c.new_value, c.stored_value,
                   c.stored_import_id, coalesce(s.file, '')
            FROM conflicts c JOIN imports n ON n.id = c.import_id LEFT JOIN imports s ON s.id = c.stored_import_id
            WHERE $1::bigint IS NULL OR c.import_id = $1::bigint
            ORDER BY abs(c.new_value - c.stored_value) DESC, c.line LIMIT $2
            """,
            [PGValue(importID), .int(Int64(limit))]
        ).map { r in
            let v = try r.decode((Int64, String, Int, String, String, Double, Double, Int64, String).self)
            return ImportConflict.make(
                importID: v.0,
                file: v.1,
                line: v.2,
                table: v.3,
                key: v.4,
                newValue: v.5,
                storedValue: v.6,
                storedImportID: v.7,
                storedFile: v.8
            )
        }
    }

    public func conflictGroups(largest: Int) throws -> [ConflictGroup] {
        try attempt("conflicts") {
            try pool.withSession { s in
                let pairs = try s.rows(
                    """
                    SELECT c.table_name, c.import_id, n.file, c.stored_import_id, coalesce(s.file, ''), count(*)
                    FROM conflicts c JOIN imports n ON n.id = c.import_id LEFT JOIN imports s ON s.id = c.stored_import_id
                    GROUP BY c.table_name, c.import_id, n.file, c.stored_import_id, s.file
                    ORDER BY c.import_id, c.stored_import_id
                    """
                )
                return try pairs.map { p in
                    let g = try p.decode((String, Int64, String, Int64, String, Int).self)
                    let top = try s.rows(
                        """
                        SELECT line, key, new_value, stored_value FROM conflicts
                        WHERE import_id = $1 AND stored_import_id = $2 AND table_name = $3
                        ORDER BY abs(new_value - stored_value) DESC, line LIMIT $4
                        """,
                        [.int(g.1), .int(g.3), .text(g.0), .int(Int64(largest))]
                    )
                    return ConflictGroup.make(
                        table: g.0,
                        importID: g.1,
                        file: g.2,
                        storedImportID: g.3,
                        storedFile: g.4,
                        count: g.5,
                        largest: try top.map { t in
                            let v = try t.decode((Int, String, Double, Double).self)
                            return ImportConflict.make(
                                importID: g.1,
                                file: g.2,
                                line: v.0,
                                table: g.0,
                                key: v.1,
                                newValue: v.2,
                                storedValue: v.3,
                                storedImportID: g.3,
                                storedFile: g.4
                            )
                        }
                    )
                }
            }
        }
    }

    // MARK: Export

    @discardableResult
    public func export(kind: NativeKind, to file: String, includePII: Bool) throws -> Int {
        let sql = ImportSource.exportSQL(kind, includePII: includePII)
        let out = try CSVWriter(path: file, header: kind.header)
        defer { out.close() }
        // Rows arrive one by one on the connection's event loop while this thread waits.
        let sink = Carried(out)
        let wholeNumbers = kind == .areaMeasures ? 3 : -1
        try attempt("export \(kind.rawValue)") {
            try pool.withSession { s in
                try s.forEach(sql) { row in
                    var fields: [String] = []
                    fields.reserveCapacity(row.count)
                    for (i, cell) in row.enumerated() {
                        fields.append(try CopyText.text(of: cell, wholeNumber: i == wholeNumbers))
                    }
                    sink.value.write(fields)
                }
            }
        }
        return out.rowsWritten
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
