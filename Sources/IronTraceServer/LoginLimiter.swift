import Foundation
import Synchronization

/// Failed logins, counted per account and per client address, checked and reserved in one step.
///
/// - Per account (the lower-cased name, whether or not such a user exists, so that a lock says
///   nothing about who has an account): the first ``Policy/accountFreeFailures`` failures cost
///   nothing; each failure after that locks the account for a delay that doubles from
///   ``Policy/baseDelay`` up to ``Policy/maximumDelay``. After the lock one attempt at a time is let
///   through. A correct password clears the account's record.
/// - Per address, at a much higher threshold (one TLS proxy can put a whole unit behind one
///   address): ``Policy/addressFailures`` failures within ``Policy/addressWindow`` block the address
///   until the oldest of them leaves the window.
///
/// ``begin(account:address:now:)`` decides and counts the attempt as in flight under one lock, so
/// concurrent guesses cannot all pass a check made before any of them failed. Blocked attempts are
/// reported for audit at most once a minute per key, with the number left out since.
public final class LoginLimiter: Sendable {
    public struct Policy: Sendable {
        public var accountFreeFailures = 5
        public var baseDelay: TimeInterval = 30
        public var maximumDelay: TimeInterval = 15 * 60
        /// An account's failures are forgotten after this long without one.
        public var accountMemory: TimeInterval = 24 * 3600
        public var addressFailures = 100
        public var addressWindow: TimeInterval = 10 * 60
        public var blockedAuditInterval: TimeInterval = 60
        /// Entries kept before stale ones are pruned (bounds memory under a flood of names).
        public var maximumEntries = 50_000

        public init() {}
    }

    struct Attempt: Sendable {
        let account: String
        let address: String
    }

    enum Decision: Sendable {
        case allowed(Attempt)
        /// `audit` is nil when this blocked attempt is folded into a later audit row; otherwise it
        /// holds how many blocked attempts of this key went unlogged before this one.
        case blocked(retryAfter: Int, key: String, audit: Int?)
    }

    private struct Account {
        var failures = 0
        var lockedUntil = Date.distantPast
        var lastFailure = Date.distantPast
        var inFlight = 0
        var blockedUnlogged = 0
        var lastBlockedAudit = Date.distantPast
    }

    private struct Address {
        var failures: [Date] = []
        var inFlight = 0
        var blockedUnlogged = 0
        var lastBlockedAudit = Date.distantPast
    }

    private struct Table {
        var accounts: [String: Account] = [:]
        var addresses: [String: Address] = [:]
    }

    let policy: Policy
    private let table = Mutex(Table())

    init(policy: Policy = Policy()) { self.policy = policy }

    func begin(account rawAccount: String, address: String, now: Date = Date()) -> Decision {
        let account = rawAccount.lowercased()
        let p = policy
        return table.withLock { t in
            prune(&t, now: now)
            var a = t.accounts[account] ?? Account()
            if now.timeIntervalSince(a.lastFailure) > p.accountMemory && a.inFlight == 0 { a = Account() }
            var x = t.addresses[address] ?? Address()
            x.failures.removeAll { now.timeIntervalSince($0) >= p.addressWindow }

            // The address first: a blocked address says nothing about any account.
            if x.failures.count + x.inFlight >= p.addressFailures {
                let until = (x.failures.first ?? now).addingTimeInterval(p.addressWindow)
                let audit = Self.foldBlocked(&x.blockedUnlogged, &x.lastBlockedAudit, now: now, every: p)
                t.addresses[address] = x
                t.accounts[account] = a
                return .blocked(retryAfter: Self.seconds(until, now), key: "ip:" + address, audit: audit)
            }
            let locked = now < a.lockedUntil
            let overQuota =
                a.failures < p.accountFreeFailures
                ? a.failures + a.inFlight >= p.accountFreeFailures
                : a.inFlight > 0
            if locked || overQuota {
                let until = locked ? a.lockedUntil : now.addingTimeInterval(1)
                let audit = Self.foldBlocked(&a.blockedUnlogged, &a.lastBlockedAudit, now: now, every: p)
                t.accounts[account] = a
                t.addresses[address] = x
                return .blocked(retryAfter: Self.seconds(until, now), key: "user:" + account, audit: audit)
            }
            a.inFlight += 1
            x.inFlight += 1
            t.accounts[account] = a
            t.addresses[address] = x
            return .allowed(Attempt(account: account, address: address))
        }
    }

    /// Ends an allowed attempt: a success clears the account's failures, a failure counts against
    /// both the account (with its next lock) and the address.
    func finish(_ attempt: Attempt, succeeded: Bool, now: Date = Date()) {
        let p = policy
        table.withLock { t in
            var a = t.accounts[attempt.account] ?? Account()
            var x = t.addresses[attempt.address] ?? Address()
            a.inFlight = max(0, a.inFlight - 1)
            x.inFlight = max(0, x.inFlight - 1)
            if succeeded {
                a = Account()
            } else {
                a.failures += 1
                a.lastFailure = now
                if a.failures >= p.accountFreeFailures {
                    let doublings = min(30, a.failures - p.accountFreeFailures)
                    let delay = min(p.maximumDelay, p.baseDelay * pow(2, Double(doublings)))
                    a.lockedUntil = now.addingTimeInterval(delay)
                }
                x.failures.append(now)
                if x.failures.count > p.addressFailures * 2 {
                    x.failures.removeFirst(x.failures.count - p.addressFailures * 2)
                }
            }
            t.accounts[attempt.account] = a.failures == 0 && a.inFlight == 0 ? nil : a
            t.addresses[attempt.address] = x.failures.isEmpty && x.inFlight == 0 ? nil : x
        }
    }

    private static func seconds(_ until: Date, _ now: Date) -> Int {
        max(1, Int(until.timeIntervalSince(now).rounded(.up)))
    }

    private static func foldBlocked(_ unlogged: inout Int, _ last: inout Date, now: Date, every p: Policy) -> Int? {
        if now.timeIntervalSince(last) >= p.blockedAuditInterval {
            let folded = unlogged
            unlogged = 0
            last = now
            return folded
        }
        unlogged += 1
        return nil
    }

    private func prune(_ t: inout Table, now: Date) {
        let p = policy
        if t.accounts.count > p.maximumEntries {
            t.accounts = t.accounts.filter { _, a in
                a.inFlight > 0 || now < a.lockedUntil || now.timeIntervalSince(a.lastFailure) < p.addressWindow
            }
        }
        if t.addresses.count > p.maximumEntries {
            t.addresses = t.addresses.filter { _, x in
                x.inFlight > 0 || x.failures.contains { now.timeIntervalSince($0) < p.addressWindow }
            }
        }
    }
}
