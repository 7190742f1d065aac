import Foundation
import IronTraceCore
import IronTraceFormats

/// What one trace submission stored: its ledger entry, the traces' ids (in the order given) and how
/// many recoveries were new.
public struct RecordedTraces: Sendable, Hashable {
    public var ledgerID: Int64
    public var traceIDs: [Int64]
    public var newRecoveries: Int
}

extension TraceRecordStore {
    /// Stores trace results (each a trace and its recovery, stored or new) in one write transaction
    /// with a ledger entry; rejected rows of the same submission go to the rejections table under that
    /// entry. Ids are allocated inside the transaction: the placeholders in `writes` are replaced, a
    /// new recovery's firearm taking the recovery's id.
    public func record(
        _ writes: [TraceWrite],
        rejections: [Rejection] = [],
        source: String,
        sha256: String = UUID().uuidString,
        submittedBy: String = ""
    ) throws -> RecordedTraces {
        let stored = try recordTraces(
            source: source,
            sha256: sha256,
            rejections: rejections,
            requestIDs: writes.map(\.requestID),
            submittedBy: submittedBy
        ) { firstRecovery, firstTrace in
            var nextRecovery = firstRecovery
            var nextTrace = firstTrace
            var recoveries: [Recovery] = []
            var traces: [Trace] = []
            for w in writes {
                var trace = w.trace
                switch w.recovery {
                case .stored(let id):
                    trace.recoveryID = id
                case .new(var recovery):
                    recovery.id = nextRecovery
                    recovery.firearm.id = nextRecovery
                    recoveries.append(recovery)
                    trace.recoveryID = nextRecovery
                    nextRecovery += 1
                }
                trace.id = nextTrace
                nextTrace += 1
                traces.append(trace)
            }
            return (recoveries, traces)
        }
        return RecordedTraces(
            ledgerID: stored.ledgerID,
            traceIDs: stored.traces.map(\.id),
            newRecoveries: stored.recoveries.count
        )
    }
}
