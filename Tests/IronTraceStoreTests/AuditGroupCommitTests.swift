import Foundation
import Testing

@testable import IronTraceStore

/// Audit rows appended by many threads at once are written a batch per transaction, each caller
/// returning only once its own row is stored, or with the error that stopped its batch.
@Suite struct AuditGroupCommitTests {
    final class Log: @unchecked Sendable {
        let lock = NSLock()
        var batches: [[String]] = []
        var commits: AuditGroupCommit?
        func add(_ b: [String]) {
            lock.lock()
            batches.append(b)
            lock.unlock()
        }
    }

    @Test func rowsArrivingDuringAWriteGoTogetherInTheNext() throws {
        let log = Log()
        let threads = 16
        log.commits = AuditGroupCommit { batch in
            // Hold the first batch until every other caller is waiting behind it.
            if batch.count == 1 && log.batches.isEmpty {
                let deadline = Date().addingTimeInterval(20)
                while (log.commits?.waiting ?? 0) < threads - 1 && Date() < deadline { usleep(1_000) }
            }
            log.add(batch.map { $0.fields[3] })
        }
        let commits = try #require(log.commits)
        // Threads of their own: a Dispatch pool would run only as many at once as there are cores.
        let finished = DispatchGroup()
        for i in 0..<threads {
            finished.enter()
            Thread.detachNewThread {
                try? commits.append(at: "2026-12-07T00:00:00Z", fields: ["u", "view", "t", "row \(i)"])
                finished.leave()
            }
        }
        finished.wait()
        #expect(log.batches.count == 2, "\(log.batches.map(\.count))")
        #expect(log.batches.flatMap { $0 }.sorted() == (0..<threads).map { "row \($0)" }.sorted())
    }

    struct DiskFull: Error {}

    @Test func aFailedBatchFailsEveryCallerInIt() {
        let commits = AuditGroupCommit { _ in throw DiskFull() }
        #expect(throws: DiskFull.self) { try commits.append(at: "2026-12-07T00:00:00Z", fields: ["u", "a", "t", "d"]) }
        #expect(commits.waiting == 0)
    }

    @Test func everyConcurrentAuditIsStored() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try IronTraceStore(path: dir.appendingPathComponent("a.sqlite").path)
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            try? store.audit(user: "ana", action: "trace-lookup", target: "trace:\(i)", detail: "load")
        }
        let (total, entries) = try store.auditLog(limit: 1_000)
        #expect(total == 400)
        #expect(Set(entries.map(\.target)).count == 400)
    }
}
