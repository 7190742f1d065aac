import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceStore
import PostgresNIO

/// What a server polls to see other processes' writes, and the delta it applies for trace
/// submissions: the rows after the snapshot's last ids, read in one repeatable-read transaction.
extension PostgresStore {
    public func changeMark() throws -> StoreChangeMark {
        try attempt("read change mark") { try pool.withSession { s in try Self.changeMark(s) } }
    }

    public func appendSubmittedTraces(to dataset: inout Dataset, since mark: StoreChangeMark) throws
        -> StoreChangeMark?
    {
        let before = (recoveries: dataset.recoveries.id.last ?? 0, traces: dataset.traces.id.last ?? 0)
        let d = Carried(dataset)
        let now = try attempt("read submitted traces") {
            try pool.withSession { s -> StoreChangeMark? in
                try s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                defer { _ = try? s.execute("COMMIT") }
                let now = try Self.changeMark(s)
                let imports =
                    try s.scalar(
                        Int64.self,
                        "SELECT count(*) FROM imports WHERE id > $1 AND format <> $2",
                        [.int(mark.lastImport), .text(StoreChangeMark.traceSubmissionFormat)]
                    ) ?? 0
                guard imports == 0 else { return nil }
                try Self.appendRecoveries(s, to: d, after: before.recoveries, through: now.lastRecovery)
                try Self.appendTraces(s, to: d, after: before.traces, through: now.lastTrace)
                return now
            }
        }
        guard let now else { return nil }
        dataset = d.value
        return now
    }

    static func changeMark(_ s: PGSession) throws -> StoreChangeMark {
        guard
            let r = try s.rows(
                """
                SELECT (SELECT coalesce(max(id), 0) FROM imports)::bigint,
                (SELECT coalesce(max(id), 0) FROM recoveries)::bigint, (SELECT coalesce(max(id), 0) FROM traces)::bigint
                """
            ).first
        else { return StoreChangeMark() }
        let v = try r.decode((Int64, Int64, Int64).self)
        return StoreChangeMark(lastImport: v.0, lastRecovery: v.1, lastTrace: v.2)
    }

    /// Recoveries in id order, all of them or those with ids in `after+1...through`.
    static func appendRecoveries(
        _ s: PGSession,
        to d: Carried<Dataset>,
        after: Int64 = Int64.min,
        through: Int64 = Int64.max
    ) throws {
        try s.forEach(
            """
            SELECT id, recovery_date, country, coalesce(area, ''), manufacturer, caliber, type, serial_normal,
            serial_obliterated, crime_category, event_id, possessor_id, agency, case_number, model
            FROM recoveries WHERE id > $1 AND id <= $2 ORDER BY id
            """,
            [.int(after), .int(through)]
        ) { r in
            let v = try r.decode(
                (
                    Int64, String, String, String, String, String, String, String, Int64, String, Int64?,
                    Int64?, String, String, String
                ).self
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
                possessor: v.11,
                agency: v.12,
                caseNumber: v.13,
                model: v.14
            )
        }
    }

    /// Traces in id order, all of them or those with ids in `after+1...through`.
    static func appendTraces(
        _ s: PGSession,
        to d: Carried<Dataset>,
        after: Int64 = Int64.min,
        through: Int64 = Int64.max
    ) throws {
        try s.forEach(
            """
            SELECT id, recovery_id, outcome, coalesce(not_traced_reason, ''), sale_id, licensee_id, purchaser_id,
            time_to_crime_days, source_class, source_country, source_state, request_id, submitted_by, request_date
            FROM traces WHERE id > $1 AND id <= $2 ORDER BY id
            """,
            [.int(after), .int(through)]
        ) { r in
            let v = try r.decode(
                (
                    Int64, Int64, String, String, Int64?, Int64?, Int64?, Int?, String, String, String, String,
                    String, String?
                )
                .self
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
                sourceState: v.10,
                requestID: v.11,
                submittedBy: v.12,
                requestDate: v.13.flatMap { CivilDate(parsing: $0) }
            )
        }
    }
}
