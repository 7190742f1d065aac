import Foundation
import GRDB
import IronTraceCore
import IronTraceDataset

/// What a server polls to see other processes' writes, and the delta it applies for trace
/// submissions: the rows after the snapshot's last ids, read in one transaction.
extension IronTraceStore {
    public func changeMark() throws -> StoreChangeMark {
        try attempt("read change mark") { try writer.read { db in try Self.changeMark(db) } }
    }

    public func appendSubmittedTraces(to dataset: inout Dataset, since mark: StoreChangeMark) throws
        -> StoreChangeMark?
    {
        let before = (recoveries: dataset.recoveries.id.last ?? 0, traces: dataset.traces.id.last ?? 0)
        let delta = try attempt("read submitted traces") {
            try writer.read { db -> (StoreChangeMark, Dataset)? in
                let now = try Self.changeMark(db)
                let imports =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT count(*) FROM imports WHERE id > ? AND format <> ?",
                        arguments: [mark.lastImport, StoreChangeMark.traceSubmissionFormat]
                    ) ?? 0
                guard imports == 0 else { return nil }
                var d = dataset
                try Self.appendRecoveries(db, to: &d, after: before.recoveries, through: now.lastRecovery)
                try Self.appendTraces(db, to: &d, after: before.traces, through: now.lastTrace)
                return (now, d)
            }
        }
        guard let delta else { return nil }
        dataset = delta.1
        return delta.0
    }

    static func changeMark(_ db: GRDB.Database) throws -> StoreChangeMark {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT coalesce(max(id), 0) FROM imports), (SELECT coalesce(max(id), 0) FROM recoveries),
                (SELECT coalesce(max(id), 0) FROM traces)
                """
        )
        return StoreChangeMark(lastImport: row?[0] ?? 0, lastRecovery: row?[1] ?? 0, lastTrace: row?[2] ?? 0)
    }

    /// Recoveries in id order, all of them or those with ids in `after+1...through`.
    static func appendRecoveries(
        _ db: GRDB.Database,
        to d: inout Dataset,
        after: Int64 = Int64.min,
        through: Int64 = Int64.max
    ) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, recovery_date, country, coalesce(area, ''), manufacturer, caliber, type, serial_normal,
                serial_obliterated, crime_category, event_id, possessor_id, agency, case_number, model
                FROM recoveries WHERE id > ? AND id <= ? ORDER BY id
                """,
            arguments: [after, through]
        )
        while let r = try rows.next() {
            d.appendRecovery(
                id: r[0],
                date: IronTraceStore.day(r[1]),
                country: r[2],
                area: r[3],
                manufacturer: r[4],
                caliber: r[5],
                type: FirearmType(rawValue: r[6]) ?? .unknown,
                serialNormal: r[7],
                obliterated: r[8] as Int64 != 0,
                crimeCategory: r[9],
                event: r[10],
                possessor: r[11],
                agency: r[12],
                caseNumber: r[13],
                model: r[14]
            )
        }
    }

    /// Traces in id order, all of them or those with ids in `after+1...through`.
    static func appendTraces(
        _ db: GRDB.Database,
        to d: inout Dataset,
        after: Int64 = Int64.min,
        through: Int64 = Int64.max
    ) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, recovery_id, outcome, coalesce(not_traced_reason, ''), sale_id, licensee_id, purchaser_id,
                time_to_crime_days, source_class, source_country, source_state, request_id, submitted_by, request_date
                FROM traces WHERE id > ? AND id <= ? ORDER BY id
                """,
            arguments: [after, through]
        )
        while let r = try rows.next() {
            d.appendTrace(
                id: r[0],
                recovery: r[1],
                outcome: TraceOutcome(rawValue: r[2]) ?? .notTraced,
                reason: r[3],
                sale: r[4],
                licensee: r[5],
                purchaser: r[6],
                timeToCrime: r[7],
                sourceClass: SourceCountryClass(rawValue: r[8]) ?? .undetermined,
                sourceCountry: r[9],
                sourceState: r[10],
                requestID: r[11],
                submittedBy: r[12],
                requestDate: (r[13] as String?).flatMap { CivilDate(parsing: $0) }
            )
        }
    }
}

extension IronTraceStore {
    /// Wraps SQLite's errors with the operation, and logs them with it; errors that are already a
    /// ``StoreError`` (a refusal the store itself decided, such as an unknown user) pass as they are.
    func attempt<R>(_ operation: String, _ body: () throws -> R) throws(StoreError) -> R {
        do { return try body() } catch let e as StoreError { throw e } catch {
            logger.error(
                "store operation failed",
                metadata: ["operation": "\(operation)", "path": "\(path)", "error": "\(String(reflecting: error))"]
            )
            throw StoreError(path: path, operation: operation, underlying: error)
        }
    }

    /// A read in one transaction, its errors carrying `operation`.
    func reading<R>(_ operation: String, _ body: (Database) throws -> R) throws(StoreError) -> R {
        try attempt(operation) { try writer.read(body) }
    }

    /// A single-statement read without a transaction around it (GRDB `unsafeRead`), its errors
    /// carrying `operation`.
    func readingUnsafely<R>(_ operation: String, _ body: (Database) throws -> R) throws(StoreError) -> R {
        try attempt(operation) { try writer.unsafeRead(body) }
    }

    /// A write in one transaction, its errors carrying `operation`.
    func writing<R>(_ operation: String, _ body: (Database) throws -> R) throws(StoreError) -> R {
        try attempt(operation) { try writer.write(body) }
    }
}
