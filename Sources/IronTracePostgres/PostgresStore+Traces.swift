import Foundation
import IronTraceCore
import IronTraceFormats
import IronTraceStore

/// The trace engine's write path: ids allocated inside the write transaction, under a lock that
/// every writer of recoveries and traces takes, so concurrent submissions from any number of
/// requests and processes never pick the same ids.
extension PostgresStore {
    public func recordTraces(
        source: String,
        sha256: String,
        rejections: [Rejection],
        requestIDs: [String],
        submittedBy: String,
        build: (_ nextRecovery: Int64, _ nextTrace: Int64) -> (recoveries: [Recovery], traces: [Trace])
    ) throws -> (ledgerID: Int64, recoveries: [Recovery], traces: [Trace]) {
        let started = Self.now()
        return try attempt("record traces") {
            try pool.transaction { s in
                // Held to the end of the transaction: the next writer reads the ids this one stored.
                try s.execute("LOCK TABLE recoveries, traces IN SHARE ROW EXCLUSIVE MODE")
                let nextRecovery = try s.scalar(Int64.self, "SELECT coalesce(max(id), 0) + 1 FROM recoveries") ?? 1
                let nextTrace = try s.scalar(Int64.self, "SELECT coalesce(max(id), 0) + 1 FROM traces") ?? 1
                let (recoveries, traces) = build(nextRecovery, nextTrace)
                guard
                    let importID = try s.scalar(
                        Int64.self,
                        """
                        INSERT INTO imports (file, format, sha256, rows_read, rows_stored, rows_rejected, started_at,
                        finished_at) VALUES ($1, 'engine:traces', $2, $3, $4, $5, $6, $7) RETURNING id
                        """,
                        [
                            .text(source), .text(sha256), .int(Int64(traces.count + rejections.count)),
                            .int(Int64(traces.count)), .int(Int64(rejections.count)), .text(started), .text(Self.now()),
                        ]
                    )
                else { throw StoreError(path: location, reason: "record traces: the ledger gave no id") }
                for r in rejections {
                    try s.execute(
                        "INSERT INTO rejections (import_id, line, column_number, field, value, reason) VALUES ($1, $2, $3, $4, $5, $6)",
                        [
                            .int(importID), .int(Int64(r.line)), .int(Int64(r.column)), .text(r.field), .text(r.value),
                            .text(r.reason),
                        ]
                    )
                }
                func insert(_ table: String, _ columns: [String], _ rows: [[String?]]) throws {
                    guard !rows.isEmpty else { return }
                    // One statement per batch: the values as text, cast by the table's column types.
                    let width = columns.count + 1
                    for chunk in stride(from: 0, to: rows.count, by: 500) {
                        let part = rows[chunk..<min(rows.count, chunk + 500)]
                        var binds: [PGValue] = []
                        var tuples: [String] = []
                        for (i, row) in part.enumerated() {
                            tuples.append(
                                "(" + (1...width).map { "$\(i * width + $0)" }.joined(separator: ", ") + ")"
                            )
                            binds += row.map(PGValue.init) + [.text(String(importID))]
                        }
                        let types = try s.rows(
                            """
                            SELECT column_name, data_type FROM information_schema.columns
                            WHERE table_schema = current_schema() AND table_name = $1
                            """,
                            [.text(table)]
                        ).map { try $0.decode((String, String).self) }
                        let typeOf = Dictionary(types, uniquingKeysWith: { a, _ in a })
                        let cols = columns + ["import_id"]
                        try s.execute(
                            """
                            INSERT INTO \(table) (\(cols.joined(separator: ", ")))
                            SELECT \(cols.map { "v.\($0)::\(typeOf[$0] ?? "text")" }.joined(separator: ", "))
                            FROM (VALUES \(tuples.joined(separator: ", "))) AS v(\(cols.joined(separator: ", ")))
                            """,
                            binds
                        )
                    }
                }
                try insert("recoveries", ImportSource.recoveryColumns, recoveries.map(ImportSource.recoveryValues))
                try insert("traces", ImportSource.traceColumns, traces.map(ImportSource.traceValues))
                if !requestIDs.isEmpty || !submittedBy.isEmpty {
                    for (k, t) in traces.enumerated() {
                        try s.execute(
                            "UPDATE traces SET request_id = $1, submitted_by = $2 WHERE id = $3",
                            [.text(k < requestIDs.count ? requestIDs[k] : ""), .text(submittedBy), .int(t.id)]
                        )
                    }
                }
                return (importID, recoveries, traces)
            }
        }
    }
}
