import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceNetwork
import IronTraceStore
import Logging
import ServiceLifecycle
import Synchronization

/// Owns the server's ``Snapshot`` and keeps it up to date with the store, run in the server's
/// service group beside the HTTP server.
///
/// - A trace submitted through this server is applied as a delta inside the request: the new
///   recoveries and traces are read back (ids above the snapshot's last ones) and appended to the
///   dataset, the trace facts are joined again and the trace-row index extended; the trace engine
///   and the measure index are shared. The new version is swapped in with an empty page cache, so
///   the next request sees the trace in reports and the trace list.
/// - The link graph, the leads and the dealer indicators have no incremental path; the service
///   rebuilds them in the background after a delta and swaps them in (until then they are those of
///   the previous version, missing only the new rows).
/// - Every ``pollInterval`` it reads the store's ``StoreChangeMark`` (three primary-key lookups):
///   trace submissions by other processes become deltas; an import (any other ledger entry) and
///   every ``compactAfter`` deltas a full rebuild, done on the service's own thread while requests
///   keep the current version.
public final class SnapshotService: Service, Sendable {
    /// What one catch-up found.
    enum Outcome: Equatable { case unchanged, delta, needsRebuild }

    struct Current {
        var snapshot: Snapshot
        var mark: StoreChangeMark
        var deltasSinceRebuild = 0
        var running = false
    }

    let store: any IronTraceDatabase
    public let pollInterval: Duration
    public let compactAfter: Int
    let logger: Logger
    private let current: Mutex<Current>
    /// Held while a catch-up reads the store and swaps (never while engines are built from scratch),
    /// so two writers' deltas are applied one after the other.
    private let applying = Mutex(())
    private let queue = DispatchQueue(label: "irontrace.snapshot")
    private let networkQueue = DispatchQueue(label: "irontrace.snapshot.network")
    private let networkQueued = Atomic<Bool>(false)
    /// When the last network rebuild ended and how long it took (uptime nanoseconds).
    private let networkPace = Mutex<(end: UInt64, took: UInt64)>((0, 0))

    /// Loads the first snapshot (a full build).
    public init(
        store: any IronTraceDatabase,
        pollInterval: Duration = .milliseconds(250),
        compactAfter: Int = 500,
        logger: Logger
    ) throws {
        self.store = store
        self.pollInterval = pollInterval
        self.compactAfter = max(1, compactAfter)
        self.logger = logger
        // The mark is read first: anything stored while the dataset loads is either in it (and then
        // skipped by the next delta, which starts after the dataset's last ids) or read by that delta.
        let mark = try store.changeMark()
        let s = Snapshot(try store.loadDataset())
        current = Mutex(Current(snapshot: s, mark: mark))
        scanAlerts()
    }

    /// The version requests read now.
    public var snapshot: Snapshot { current.withLock { $0.snapshot } }

    /// Where the store stood when the current version was made.
    public var mark: StoreChangeMark { current.withLock { $0.mark } }

    /// Deltas applied since the last full build.
    public var deltasSinceRebuild: Int { current.withLock { $0.deltasSinceRebuild } }

    /// True while ``run()`` is running (the network is then rebuilt in the background).
    public var isRunning: Bool { current.withLock { $0.running } }

    /// Polls the store until the service group shuts down. The polls run on the service's own
    /// queue from a timer, not on Swift's cooperative pool: requests block its few threads (two on a
    /// 2-core machine) with store calls, and a poll waiting for one could be late by seconds.
    public func run() async throws {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let interval = DispatchTimeInterval.nanoseconds(
            Int(pollInterval.components.seconds) * 1_000_000_000
                + Int(pollInterval.components.attoseconds / 1_000_000_000)
        )
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(10))
        timer.setEventHandler { [self] in
            do { try poll() } catch {
                logger.error("snapshot refresh failed", metadata: ["error": "\(error)"])
            }
        }
        current.withLock { $0.running = true }
        timer.resume()
        defer {
            timer.cancel()
            current.withLock { $0.running = false }
        }
        logger.debug("snapshot service polling", metadata: ["interval": "\(pollInterval)"])
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
        }
    }

    /// One poll: deltas, a rebuild when an import arrived or after ``compactAfter`` deltas, then
    /// the network when it is behind.
    func poll() throws {
        let outcome = try catchUp()
        if outcome == .needsRebuild || current.withLock({ $0.deltasSinceRebuild }) >= compactAfter {
            try rebuild()
        }
        if outcome != .unchanged { scanAlerts() }
        if isRunning { scheduleNetworkRebuild() } else { try rebuildNetwork() }
    }

    /// Everything now, in the caller's thread: what the running service would do over its next polls.
    public func settle() throws {
        try poll()
        try rebuildNetwork()
    }

    /// After this process stored trace results: the delta now, so the response's next request sees
    /// them; the network is rebuilt by the running service (or here, when it is not running).
    func submitted() throws {
        let outcome = try catchUp()
        defer { scanAlerts() }
        if isRunning {
            scheduleNetworkRebuild()
        } else {
            if outcome == .needsRebuild { try rebuild() }
            try rebuildNetwork()
        }
    }

    /// Queues one network rebuild on its own queue (so polls go on meanwhile) unless one is queued
    /// already; deltas that arrive while it builds queue the next. Rebuilds are paced: the next
    /// starts no sooner than the last one's duration after it ended, so under a stream of
    /// submissions the graph and leads take at most about half of one core and requests keep the
    /// rest (a profile of the medium world had them at 45% of the server's CPU, back to back).
    func scheduleNetworkRebuild() {
        guard !snapshot.networkIsCurrent else { return }
        guard networkQueued.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        let (end, took) = networkPace.withLock { $0 }
        let now = DispatchTime.now().uptimeNanoseconds
        let earliest = end &+ took
        let delay = earliest > now ? min(earliest - now, 30_000_000_000) : 0
        networkQueue.asyncAfter(deadline: .now() + .nanoseconds(Int(delay))) { [self] in
            networkQueued.store(false, ordering: .releasing)
            let start = DispatchTime.now().uptimeNanoseconds
            do { try rebuildNetwork() } catch {
                logger.error("network rebuild failed", metadata: ["error": "\(error)"])
            }
            let stop = DispatchTime.now().uptimeNanoseconds
            networkPace.withLock { $0 = (stop, stop &- start) }
        }
    }

    /// Applies the trace submissions stored since the current version, if that is all that was
    /// stored; `needsRebuild` when an import came in.
    @discardableResult
    func catchUp() throws -> Outcome {
        try applying.withLock { _ throws -> Outcome in
            let (s, mark) = current.withLock { ($0.snapshot, $0.mark) }
            let clock = ContinuousClock.now
            let now = try store.changeMark()
            guard now != mark else { return .unchanged }
            var d = s.dataset
            guard let next = try store.appendSubmittedTraces(to: &d, since: mark) else { return .needsRebuild }
            let read = ContinuousClock.now - clock
            let fresh = s.appending(d)
            current.withLock {
                $0.snapshot = fresh
                $0.mark = next
                $0.deltasSinceRebuild += 1
            }
            logger.debug(
                "snapshot delta applied",
                metadata: [
                    "version": "\(fresh.version)", "traces": "\(d.traces.count - s.dataset.traces.count)",
                    "recoveries": "\(d.recoveries.count - s.dataset.recoveries.count)", "read": "\(read)",
                    "total": "\(ContinuousClock.now - clock)", "mark": "\(next)",
                ]
            )
            return .delta
        }
    }

    /// A full rebuild from the store (a compaction): loaded and built without holding up requests
    /// or deltas, then brought up to date with what was submitted meanwhile and swapped in.
    func rebuild() throws {
        let clock = ContinuousClock.now
        var mark = StoreChangeMark()
        for attempt in 1...3 {
            mark = try store.changeMark()
            let built = Snapshot(try store.loadDataset())
            let swapped = try applying.withLock { _ throws -> Bool in
                var d = built.dataset
                guard let next = try store.appendSubmittedTraces(to: &d, since: mark) else {
                    // Another import finished while this one loaded: load again (the third time,
                    // swap anyway; the next poll sees the newer import).
                    if attempt < 3 { return false }
                    install(built, mark: mark)
                    return true
                }
                install(built.appending(d), mark: next)
                return true
            }
            if swapped { break }
        }
        logger.info(
            "snapshot rebuilt from the store",
            metadata: ["seconds": "\(ContinuousClock.now - clock)", "mark": "\(mark)"]
        )
    }

    private func install(_ s: Snapshot, mark: StoreChangeMark) {
        current.withLock {
            let version = $0.snapshot.version + 1
            $0.snapshot = s.renumbered(version)
            $0.mark = mark
            $0.deltasSinceRebuild = 0
        }
    }

    /// Matches the watch lists against the traces no scan has seen yet (in this process or
    /// another) and raises their alerts through the store, which keeps each one once. A failure is
    /// logged, never thrown: an alert scan must not stop a submission or a refresh.
    func scanAlerts() {
        do {
            let watches = try store.watches(includeEnded: false)
            guard !watches.isEmpty else { return }
            let after = try store.alertScanMark()
            let d = snapshot.dataset
            let (found, through) = WatchMatcher.matches(watches, in: d, after: after)
            guard through > after || !found.isEmpty else { return }
            let raised = try store.raiseAlerts(
                found.map { ($0.watchID, $0.traceID, $0.match) },
                scannedThrough: through
            )
            if raised > 0 {
                logger.notice("watch-list alerts raised", metadata: ["alerts": "\(raised)", "through": "\(through)"])
            }
        } catch {
            logger.error("alert scan failed", metadata: ["error": "\(error)"])
        }
    }

    /// Rebuilds the link graph, the leads and the dealer indicators over the current dataset when
    /// they are behind it, outside the apply lock, then swaps them into the version current then.
    func rebuildNetwork() throws {
        let s = snapshot
        guard !s.networkIsCurrent else { return }
        let clock = ContinuousClock.now
        let network = Snapshot.Network(s.dataset)
        let built = ContinuousClock.now - clock
        applying.withLock { _ in
            current.withLock {
                let now = $0.snapshot
                // A rebuild swapped in meanwhile has its own, newer network.
                guard !now.networkIsCurrent else { return }
                let same =
                    now.dataset.traces.count == s.dataset.traces.count
                    && now.dataset.recoveries.count == s.dataset.recoveries.count
                $0.snapshot = now.withNetwork(network, current: same)
            }
        }
        logger.debug("snapshot network rebuilt", metadata: ["seconds": "\(built)", "version": "\(s.version)"])
    }
}
