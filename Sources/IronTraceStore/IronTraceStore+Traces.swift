import Foundation
import GRDB
import IronTraceCore
import IronTraceFormats

extension IronTraceStore {
    /// Stores the results of the trace engine: the recoveries the requests described (when they were
    /// not already stored) and the traces, in one transaction with a ledger entry, so reports see
    /// them. Returns the ledger id.
    @discardableResult
    public func recordTraces(
        recoveries: [Recovery],
        traces: [Trace],
        source: String,
        sha256: String,
        rejections: [Rejection] = []
    ) throws -> Int64 {
        try recordTraces(source: source, sha256: sha256, rejections: rejections) { _, _ in (recoveries, traces) }
            .ledgerID
    }

    /// The same, with ids allocated inside the write transaction: `build` receives the next free
    /// recovery and trace ids and returns the records, so two writers (threads or processes) can
    /// never pick the same ids.
    public func recordTraces(
        source: String,
        sha256: String,
        rejections: [Rejection] = [],
        requestIDs: [String] = [],
        submittedBy: String = "",
        build: (_ nextRecovery: Int64, _ nextTrace: Int64) -> (recoveries: [Recovery], traces: [Trace])
    ) throws -> (ledgerID: Int64, recoveries: [Recovery], traces: [Trace]) {
        let started = IronTraceStore.now()
        return try writing("record traces") { db in
            let nextRecovery = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM recoveries")) ?? 1
            let nextTrace = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM traces")) ?? 1
            let (recoveries, traces) = build(nextRecovery, nextTrace)
            try db.execute(
                sql: """
                    INSERT INTO imports (file, format, sha256, rows_read, rows_stored, rows_rejected, started_at, finished_at)
                    VALUES (?, 'engine:traces', ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    source, sha256, traces.count + rejections.count, traces.count, rejections.count, started,
                    IronTraceStore.now(),
                ]
            )
            let importID = db.lastInsertedRowID
            for j in rejections {
                try db.execute(
                    sql:
                        "INSERT INTO rejections (import_id, line, column_number, field, value, reason) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [importID, j.line, j.column, j.field, j.value, j.reason]
                )
            }
            func insert<K: StoredKind>(_ kind: K.Type, _ values: [K.Codec.Value]) throws {
                let cols = K.columns + ["import_id"]
                let statement = try db.makeStatement(
                    sql:
                        "INSERT INTO \(K.table) (\(cols.joined(separator: ", "))) VALUES (\(cols.map { _ in "?" }.joined(separator: ", ")))"
                )
                for v in values {
                    var b = RowBinder(statement.sqliteStatement)
                    K.bind(v, &b)
                    b.add(importID)
                    _ = try b.step(db)
                }
            }
            try insert(StoredRecoveries.self, recoveries)
            try insert(StoredTraces.self, traces)
            if !requestIDs.isEmpty || !submittedBy.isEmpty {
                let tag = try db.makeStatement(sql: "UPDATE traces SET request_id = ?, submitted_by = ? WHERE id = ?")
                for (k, t) in traces.enumerated() {
                    try tag.execute(arguments: [k < requestIDs.count ? requestIDs[k] : "", submittedBy, t.id])
                }
            }
            return (importID, recoveries, traces)
        }
    }
}
