import Foundation
import IronTraceAnalytics
import IronTraceDataset
import IronTraceNetwork
import IronTraceStore
import IronTraceTracing
import Synchronization

/// Everything the pages and the API read, built once from the store: the columnar snapshot and the
/// engines over it (reports, trace index, link graph and leads). Requests never run SQL for reports;
/// a write (a submitted trace) builds a new snapshot and swaps it in.
public final class Snapshot: Sendable {
    public let dataset: Dataset
    public let analytics: Analytics
    public let engine: TraceEngine
    public let graph: LinkGraph
    public let leads: [Lead]
    public let dealerIndicators: DealerIndicators
    public let isSynthetic: Bool
    /// Trace row by trace id.
    let traceRow: [Int64: Int]
    /// Licensee row by id.
    let licenseeRow: [Int64: Int]

    public init(_ d: Dataset) {
        dataset = d
        analytics = Analytics(d)
        engine = TraceEngine(dataset: d)
        graph = LinkGraph(d)
        leads = LeadDetector().leads(d, graph)
        dealerIndicators = DealerIndicators(d)
        isSynthetic = analytics.isSynthetic
        var t: [Int64: Int] = [:]
        t.reserveCapacity(d.traces.count)
        for (i, id) in d.traces.id.enumerated() { t[id] = i }
        traceRow = t
        var l: [Int64: Int] = [:]
        for (i, id) in d.licensees.id.enumerated() { l[id] = i }
        licenseeRow = l
    }
}

/// The server's shared state: the store, the current snapshot, the page cache and the login limiter.
public final class ServerState: Sendable {
    public let store: any IronTraceDatabase
    public let configuration: ServerConfiguration
    private let current: Mutex<Snapshot>
    let cache = PageCache()
    let limiter: LoginLimiter
    let sessions = SessionLookup()
    /// A hash of a random password, verified against when the name is unknown so that a login
    /// costs the same bcrypt work whether or not the account exists.
    let decoyPasswordHash: String

    public init(store: any IronTraceDatabase, configuration: ServerConfiguration) throws {
        self.store = store
        self.configuration = configuration
        decoyPasswordHash = Passwords.hash(Passwords.generate(), cost: configuration.bcryptCost)
        limiter = LoginLimiter(policy: configuration.loginPolicy)
        current = Mutex(Snapshot(try store.loadDataset()))
    }

    public var snapshot: Snapshot { current.withLock { $0 } }

    /// Rebuilds the snapshot from the store (after a write) and drops cached pages.
    public func reload() throws {
        let fresh = Snapshot(try store.loadDataset())
        current.withLock { $0 = fresh }
        cache.clear()
    }
}

/// Rendered page bodies and API answers by request key (path, query, language, role): aggregate
/// views are the same for everyone with one role and language, so they are drawn once per snapshot.
final class PageCache: Sendable {
    private let entries = Mutex<[String: String]>([:])
    private let limit = 2_000

    func value(_ key: String, _ make: () throws -> String) rethrows -> String {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let v = try make()
        entries.withLock {
            if $0.count >= limit { $0.removeAll(keepingCapacity: true) }
            $0[key] = v
        }
        return v
    }

    func clear() { entries.withLock { $0.removeAll() } }
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

    public init() {}
}
