import Foundation
import IronTraceAnalytics
import IronTraceDataset
import IronTraceNetwork
import IronTraceStore
import IronTraceTracing
import Logging
import Synchronization

/// Everything the pages and the API read, built from the store: the columnar snapshot and the
/// engines over it (reports, trace index, link graph and leads), with the page cache of this
/// version. Requests never run SQL for reports; the ``SnapshotService`` swaps in new versions.
public final class Snapshot: Sendable {
    public let dataset: Dataset
    public let analytics: Analytics
    public let engine: TraceEngine
    public let graph: LinkGraph
    public let leads: [Lead]
    public let dealerIndicators: DealerIndicators
    /// What the NIBIN leads tie together and which of their guns were not traced in time.
    public let nibin: NIBINReview
    public let isSynthetic: Bool
    /// Counts up with every version the server swaps in (0 for the first).
    public let version: Int
    /// False while the link graph, the leads and the dealer indicators are those of an earlier
    /// version (after a delta, until the service has rebuilt them): they then lack only the rows
    /// appended since, whose rows come after every row they refer to.
    public let networkIsCurrent: Bool
    /// Trace row by trace id.
    let traceRow: [Int64: Int]
    /// Licensee row by id.
    let licenseeRow: [Int64: Int]
    /// Rendered pages and API answers of this version; a new version starts empty.
    let cache = PageCache()
    let selections = SelectionCache()

    /// A full build over `d`: every engine from scratch.
    public convenience init(_ d: Dataset, version: Int = 0) {
        let network = Network(d)
        var t: [Int64: Int] = [:]
        t.reserveCapacity(d.traces.count)
        for (i, id) in d.traces.id.enumerated() { t[id] = i }
        var l: [Int64: Int] = [:]
        for (i, id) in d.licensees.id.enumerated() { l[id] = i }
        self.init(
            analytics: Analytics(d),
            engine: TraceEngine(dataset: d),
            network: network,
            networkIsCurrent: true,
            traceRow: t,
            licenseeRow: l,
            version: version
        )
    }

    init(
        analytics: Analytics,
        engine: TraceEngine,
        network: Network,
        networkIsCurrent: Bool,
        traceRow: [Int64: Int],
        licenseeRow: [Int64: Int],
        version: Int
    ) {
        dataset = analytics.dataset
        self.analytics = analytics
        self.engine = engine
        graph = network.graph
        leads = network.leads
        dealerIndicators = network.dealerIndicators
        nibin = network.nibin
        isSynthetic = analytics.isSynthetic
        self.networkIsCurrent = networkIsCurrent
        self.traceRow = traceRow
        self.licenseeRow = licenseeRow
        self.version = version
    }

    /// The link graph, the leads and the dealer indicators: rebuilt together (the graph has no
    /// incremental path: its node numbering and adjacency arrays are dense over all rows).
    struct Network: Sendable {
        let graph: LinkGraph
        let leads: [Lead]
        let dealerIndicators: DealerIndicators
        let nibin: NIBINReview

        init(_ d: Dataset) {
            graph = LinkGraph(d)
            leads = LeadDetector().leads(d, graph)
            dealerIndicators = DealerIndicators(d)
            nibin = NIBINReview(d, graph)
        }

        init(of s: Snapshot) {
            graph = s.graph
            leads = s.leads
            dealerIndicators = s.dealerIndicators
            nibin = s.nibin
        }
    }

    /// The next version after trace submissions appended recoveries and traces to this one's dataset
    /// (`d` holds this version's rows first, in the same order, then the new ones). Cheap parts only:
    /// the trace facts are joined again (one pass over the traces), the trace-row index is extended,
    /// the trace engine keeps its serial indexes and takes the new traces into the records its scores
    /// read (as a fresh build would), the measure index is shared; the network stays this version's
    /// until ``withNetwork(_:)``.
    func appending(_ d: Dataset) -> Snapshot {
        var t = traceRow
        let old = dataset.traces.count
        if d.traces.count > old {
            t.reserveCapacity(d.traces.count)
            for i in old..<d.traces.count { t[d.traces.id[i]] = i }
        }
        return Snapshot(
            analytics: Analytics(d, tracesAppendedTo: analytics),
            engine: engine.appending(tracesOf: d),
            network: Network(of: self),
            networkIsCurrent: networkIsCurrent && d.traces.count == dataset.traces.count
                && d.recoveries.count == dataset.recoveries.count,
            traceRow: t,
            licenseeRow: licenseeRow,
            version: version + 1
        )
    }

    /// The same engines as version `version` (with an empty page cache).
    func renumbered(_ version: Int) -> Snapshot {
        Snapshot(
            analytics: analytics,
            engine: engine,
            network: Network(of: self),
            networkIsCurrent: networkIsCurrent,
            traceRow: traceRow,
            licenseeRow: licenseeRow,
            version: version
        )
    }

    /// This version's engines with `network` (built over this dataset, or an earlier one whose rows
    /// this dataset starts with).
    func withNetwork(_ network: Network, current: Bool) -> Snapshot {
        Snapshot(
            analytics: analytics,
            engine: engine,
            network: network,
            networkIsCurrent: current,
            traceRow: traceRow,
            licenseeRow: licenseeRow,
            version: version + 1
        )
    }
}

/// The server's shared state: the store, the snapshot service, the login limiter and sessions.
public final class ServerState: Sendable {
    public let store: any IronTraceDatabase
    public let configuration: ServerConfiguration
    /// Owns the snapshot: applies trace submissions as deltas, sees other processes' writes.
    public let live: SnapshotService
    let limiter: LoginLimiter
    let sessions = SessionLookup()
    /// A hash of a random password, verified against when the name is unknown so that a login
    /// costs the same bcrypt work whether or not the account exists.
    let decoyPasswordHash: String

    public init(store: any IronTraceDatabase, configuration: ServerConfiguration, logger: Logger? = nil) throws {
        self.store = store
        self.configuration = configuration
        decoyPasswordHash = Passwords.hash(Passwords.generate(), cost: configuration.bcryptCost)
        limiter = LoginLimiter(policy: configuration.loginPolicy)
        live = try SnapshotService(
            store: store,
            pollInterval: configuration.pollInterval,
            compactAfter: configuration.compactAfterDeltas,
            logger: logger ?? Self.quietLogger
        )
    }

    public var snapshot: Snapshot { live.snapshot }

    /// Appends to the audit log from a Dispatch thread: the store's write blocks its thread (the
    /// writer lock, a WAL checkpoint, rows batched with other requests'), and Swift's cooperative
    /// pool has only as many threads as cores, so a blocked write there would stall every request.
    /// Returns once the row is stored (a view is not served unaudited).
    func audit(user: String, action: String, target: String, detail: String = "") async throws {
        let store = self.store
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    try store.audit(user: user, action: action, target: target, detail: detail)
                    c.resume()
                } catch {
                    c.resume(throwing: error)
                }
            }
        }
    }

    /// Notices and errors only (the default for embedding and tests).
    static var quietLogger: Logger {
        var l = Logger(label: "irontrace.snapshot")
        l.logLevel = .notice
        return l
    }

    /// The page cache of the current snapshot (a new version starts with an empty one).
    var cache: PageCache { live.snapshot.cache }

    /// Brings the snapshot up to date with the store now (a delta, or a full rebuild after an
    /// import) and rebuilds the network; what a server does in the background, for tests and tools.
    public func reload() throws { try live.settle() }
}

/// Rendered page bodies and API answers by request key (path, query, language, role): aggregate
/// views are the same for everyone with one role and language, so they are drawn once per snapshot.
final class PageCache: Sendable {
    private let entries = Mutex<[String: any Sendable]>([:])
    private let limit = 2_000

    /// The value drawn for `key`, drawing it on a miss (keys name what they hold: a page body or an
    /// API answer, so one key always holds one type).
    func value<Value: Sendable>(_ key: String, _ make: () throws -> Value) rethrows -> Value {
        if let hit = entries.withLock({ $0[key] }) as? Value { return hit }
        let v = try make()
        entries.withLock {
            if $0.count >= limit { $0.removeAll(keepingCapacity: true) }
            $0[key] = v
        }
        return v
    }

    /// The value held for `key`, without drawing one.
    func hit<Value: Sendable>(_ key: String) -> Value? {
        entries.withLock { $0[key] } as? Value
    }

    func clear() { entries.withLock { $0.removeAll() } }
}

/// The trace rows recent filters selected (newest recovery first), kept while they hold at most
/// `limit` rows in all: every page of a trace list and its CSV share one selection instead of
/// filtering every trace again. Lives in one snapshot, so a new version starts empty.
final class SelectionCache: Sendable {
    private let entries = Mutex<(rows: [String: [Int]], held: Int)>(([:], 0))
    private let limit = 2_000_000

    func rows(_ filter: ReportFilter, _ make: () -> [Int]) -> [Int] {
        let key = filter.parameters.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        if let hit = entries.withLock({ $0.rows[key] }) { return hit }
        let rows = make()
        guard rows.count <= limit / 4 else { return rows }
        entries.withLock {
            if $0.held + rows.count > limit { $0 = ([:], 0) }
            if $0.rows[key] == nil {
                $0.rows[key] = rows
                $0.held += rows.count
            }
        }
        return rows
    }
}

/// How the server runs.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Mark cookies Secure (set when served over TLS or behind a TLS proxy).
    public var secureCookies = false
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// bcrypt cost for new passwords (12 by default; tests lower it).
    public var bcryptCost: UInt8 = 12
    /// Log each request.
    public var logRequests = false
    /// Login lockouts (per account and per address).
    public var loginPolicy = LoginLimiter.Policy()
    /// How often the snapshot service asks the store whether another process wrote.
    public var pollInterval: Duration = .milliseconds(250)
    /// After this many deltas the service rebuilds everything from the store in the background.
    public var compactAfterDeltas = 500

    public init() {}
}
