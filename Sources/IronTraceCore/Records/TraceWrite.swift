/// One trace result as the store's write path takes it: the trace, and the recovery it belongs to,
/// either one already stored or a new one the request described. Ids are placeholders until the
/// store allocates them inside its write transaction (``Trace/id``, ``Trace/recoveryID`` and a new
/// recovery's ``Recovery/id`` are replaced there), so concurrent writers never collide.
public struct TraceWrite: Sendable, Hashable {
    /// What the trace hangs on: a recovery already stored, or a new one to store with the trace.
    public enum RecoveryTarget: Sendable, Hashable {
        case stored(id: Int64)
        case new(Recovery)
    }

    public var recovery: RecoveryTarget
    public var trace: Trace
    /// The requester's own reference (kept with the trace so an analyst finds the request again).
    public var requestID: String

    public init(recovery: RecoveryTarget, trace: Trace, requestID: String) {
        self.recovery = recovery
        self.trace = trace
        self.requestID = requestID
    }
}
