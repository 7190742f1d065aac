import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// A value bound to a query parameter.
enum PGValue: Sendable {
    case int(Int64)
    case double(Double)
    case text(String)
    case bytes([UInt8])
    case null

    init(_ v: Int64?) { self = v.map { .int($0) } ?? .null }
    init(_ v: String?) { self = v.map { .text($0) } ?? .null }
}

/// One checked-out connection: queries run on its event loop and the calling thread waits for
/// them. Store operations are synchronous like the engines that call them; the thread that waits
/// is never one of NIO's event loop threads.
struct PGSession {
    let connection: PostgresConnection
    let logger: Logger

    static func query(_ sql: String, _ binds: [PGValue]) -> PostgresQuery {
        var b = PostgresBindings(capacity: binds.count)
        for v in binds {
            switch v {
            case .int(let n): b.append(n)
            case .double(let d): b.append(d)
            case .text(let s): b.append(s)
            case .bytes(let bytes): b.append(ByteBuffer(bytes: bytes))
            case .null: b.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: b)
    }

    /// Runs a statement and returns every row.
    @discardableResult
    func rows(_ sql: String, _ binds: [PGValue] = []) throws -> [PostgresRow] {
        Array(try connection.query(Self.query(sql, binds), logger: logger).wait().rows)
    }

    /// Runs a statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ binds: [PGValue] = []) throws -> Int {
        try connection.query(Self.query(sql, binds), logger: logger).wait().metadata.rows ?? 0
    }

    /// Runs a query, handing each row to `onRow` as it arrives (no result set held in memory).
    func forEach(_ sql: String, _ binds: [PGValue] = [], _ onRow: @escaping @Sendable (PostgresRow) throws -> Void)
        throws
    {
        _ = try connection.query(Self.query(sql, binds), logger: logger, onRow).wait()
    }

    /// The first column of the first row.
    func scalar<T: PostgresDecodable>(_ type: T.Type, _ sql: String, _ binds: [PGValue] = []) throws -> T? {
        guard let r = try rows(sql, binds).first else { return nil }
        let cell = r.makeRandomAccess()[0]
        return cell.bytes == nil ? nil : try cell.decode(T.self)
    }
}

/// A small pool of connections for synchronous callers: at most `size` operations at once, each
/// on its own connection; a connection the server closed is replaced on next use.
final class PostgresPool: Sendable {
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    private let idle = Mutex<[PostgresConnection]>([])
    private let slots: DispatchSemaphore
    private let nextID = Atomic<Int>(1)

    init(configuration: PostgresConnection.Configuration, size: Int, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        slots = DispatchSemaphore(value: size)
    }

    deinit {
        for c in idle.withLock({ $0 }) { _ = try? c.close().wait() }
    }

    @discardableResult
    func withSession<R>(_ body: (PGSession) throws -> R) throws -> R {
        slots.wait()
        defer { slots.signal() }
        var connection = idle.withLock { $0.popLast() }
        if connection?.isClosed ?? true {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(),
                configuration: configuration,
                id: nextID.add(1, ordering: .relaxed).oldValue,
                logger: logger
            ).wait()
        }
        guard let connection else { throw CancellationError() }
        defer { if !connection.isClosed { idle.withLock { $0.append(connection) } } }
        return try body(PGSession(connection: connection, logger: logger))
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws or
    /// when `commit` is false (dry runs).
    @discardableResult
    func transaction<R>(commit: Bool = true, _ body: (PGSession) throws -> R) throws -> R {
        try withSession { s in
            try s.execute("BEGIN")
            do {
                let r = try body(s)
                try s.execute(commit ? "COMMIT" : "ROLLBACK")
                return r
            } catch {
                _ = try? s.execute("ROLLBACK")
                throw error
            }
        }
    }
}

/// Runs async work (COPY, which PostgresNIO offers only as async) from a synchronous caller and
/// waits for it. The work runs on its own serial queue, not on Swift's cooperative pool: the caller
/// may itself be blocking one of the pool's few threads (two on a 2-core machine), and two imports
/// waiting for pool threads they hold would never finish.
func waitFor<R: Sendable>(_ work: @escaping @Sendable () async throws -> R) throws -> R {
    let done = DispatchSemaphore(value: 0)
    // Written by the task before it signals, read after the wait: the semaphore orders the two.
    let result = Carried<Result<R, any Error>?>(nil)
    Task(executorPreference: QueueExecutor()) {
        do { result.value = .success(try await work()) } catch { result.value = .failure(error) }
        done.signal()
    }
    done.wait()
    return try result.value!.get()
}

/// A task executor on a serial dispatch queue (which gets a thread of its own when the cooperative
/// pool's threads are all busy or blocked).
final class QueueExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "irontrace.postgres.copy")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A value moved across a concurrency boundary by a caller that waits for the receiver to finish.
final class Carried<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
