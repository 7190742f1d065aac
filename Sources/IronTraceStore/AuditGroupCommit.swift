import Foundation

/// Group commit for audit rows: a server audits every view of personal data, so under load many
/// threads append at once. The first caller becomes the leader and writes every row waiting at that
/// moment in one transaction; the others wait for it (each call returns only once its own row is
/// stored, or throws its error). When rows arrived during the write, the leader hands over to the
/// first of them. One commit (and a share of one WAL checkpoint) per batch instead of per row.
final class AuditGroupCommit: @unchecked Sendable {
    /// One row waiting to be written, and how its writing ended.
    final class Entry: @unchecked Sendable {
        let at: String
        let fields: [String]
        var error: (any Error)?
        /// Set (under the lock) when this caller is to lead the next batch.
        var promoted = false
        let done = DispatchSemaphore(value: 0)
        init(at: String, fields: [String]) {
            self.at = at
            self.fields = fields
        }
    }

    private let lock = NSLock()
    private var pending: [Entry] = []
    private var leading = false
    /// Writes a batch in one transaction (throws on failure: every row in it fails).
    private let write: @Sendable ([Entry]) throws -> Void

    init(write: @escaping @Sendable ([Entry]) throws -> Void) { self.write = write }

    /// Rows waiting for the next batch (tests watch a batch form).
    var waiting: Int {
        lock.lock()
        defer { lock.unlock() }
        return pending.count
    }

    func append(at: String, fields: [String]) throws {
        let entry = Entry(at: at, fields: fields)
        lock.lock()
        pending.append(entry)
        let lead = !leading
        if lead { leading = true }
        lock.unlock()
        if !lead {
            entry.done.wait()
            if !entry.promoted {
                if let error = entry.error { throw error }
                return
            }
        }
        lock.lock()
        let batch = pending
        pending = []
        lock.unlock()
        var failure: (any Error)?
        do { try write(batch) } catch { failure = error }
        for e in batch { e.error = failure }
        lock.lock()
        let next = pending.first
        if let next { next.promoted = true } else { leading = false }
        lock.unlock()
        next?.done.signal()
        for e in batch where e !== entry { e.done.signal() }
        if let failure { throw failure }
    }
}
