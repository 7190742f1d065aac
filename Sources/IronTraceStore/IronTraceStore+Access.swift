import Crypto
import Foundation
import GRDB
import IronTraceCore

/// Accounts, sessions, API tokens and the audit log: the server's access control, kept in the same
/// file as the data it guards. Secrets never reach this layer in clear: passwords arrive already
/// hashed (bcrypt, by the server), session and API tokens are stored as SHA-256 digests.
public struct UserAccount: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
        /// Aggregates only; people appear masked.
        case viewer
        /// Traces, leads, personal data on request (audited).
        case analyst
        /// Everything an analyst can do, plus users, imports and the audit log.
        case admin

        private var rank: Int { Role.allCases.firstIndex(of: self)! }
        public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
    }

    public var id: Int64
    public var name: String
    public var role: Role
    public var passwordHash: String
    public var mustChangePassword: Bool
    public var createdAt: String
}

/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var at: String
    public var user: String
    /// `login`, `login-failed`, `trace-lookup`, `pii-view`, `export`, `trace-submit`, `user-add`, ...
    public var action: String
    public var target: String
    public var detail: String
}

/// What `users tokens` shows of an API token: never the token, only a short id (the first 12 hex
/// digits of its SHA-256 digest, which says nothing about the token), its label and its age.
public struct APITokenInfo: Sendable, Hashable {
    public var id: String
    public var label: String
    public var createdAt: String
}

/// Which of a user's API tokens to revoke.
public enum APITokenSelection: Sendable, Hashable {
    /// The token with this ``APITokenInfo/id``.
    case id(String)
    /// Every token with this label.
    case label(String)
    case all
}

/// A session found from its cookie token.
public struct SessionRecord: Sendable, Hashable {
    public var user: UserAccount
    public var csrf: String
    public var expiresAt: Date
}

extension IronTraceStore {
    /// SHA-256 of a token, hex: what sessions and API tokens are stored as.
    public static func tokenDigest(_ token: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in SHA256.hash(data: Array(token.utf8)) {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A random token of 32 bytes, URL-safe base64 without padding.
    public static func newToken() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func user(_ r: Row) -> UserAccount {
        UserAccount(
            id: r["id"],
            name: r["name"],
            role: UserAccount.Role(rawValue: r["role"]) ?? .viewer,
            passwordHash: r["password_hash"],
            mustChangePassword: (r["must_change_password"] as Int) != 0,
            createdAt: r["created_at"]
        )
    }

    // MARK: Users

    /// Adds a user; the name must be new.
    @discardableResult
    public func addUser(
        name: String,
        role: UserAccount.Role,
        passwordHash: String,
        mustChangePassword: Bool = false
    ) throws -> UserAccount {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, !trimmed.contains(where: { $0.isWhitespace || $0 == ":" }) else {
            throw StoreError(path: path, reason: "user name '\(name)' must be 1–64 characters without spaces or ':'")
        }
        return try writing("add user") { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [trimmed]) != nil {
                throw StoreError(path: path, reason: "user '\(trimmed)' already exists")
            }
            try db.execute(
                sql:
                    "INSERT INTO users (name, role, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [trimmed, role.rawValue, passwordHash, mustChangePassword ? 1 : 0, IronTraceStore.now()]
            )
            return UserAccount(
                id: db.lastInsertedRowID,
                name: trimmed,
                role: role,
                passwordHash: passwordHash,
                mustChangePassword: mustChangePassword,
                createdAt: IronTraceStore.now()
            )
        }
    }

    public func users() throws -> [UserAccount] {
        try reading("users") { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").map(Self.user) }
    }

    public func user(named name: String) throws -> UserAccount? {
        try reading("user by name") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]).map(Self.user)
        }
    }

    /// Removes a user with their sessions and tokens. Returns false when there was no such user.
    @discardableResult
    public func removeUser(named name: String) throws -> Bool {
        try writing("remove user") { db in
            try db.execute(sql: "DELETE FROM users WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// Replaces a password hash and clears the must-change flag; ends the user's API tokens and
    /// sessions (all but `keepSession`, the one the user changed it from), in the same transaction.
    public func setPassword(userID: Int64, passwordHash: String, keepSession: String? = nil) throws {
        try writing("set password") { db in
            try db.execute(
                sql: "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?",
                arguments: [passwordHash, userID]
            )
            try db.execute(
                sql: "DELETE FROM sessions WHERE user_id = ? AND token_hash != ?",
                arguments: [userID, keepSession.map(Self.tokenDigest) ?? ""]
            )
            try db.execute(sql: "DELETE FROM api_tokens WHERE user_id = ?", arguments: [userID])
        }
    }

    // MARK: Sessions

    /// Starts a session; returns the cookie token and the CSRF token (stored as is: it is not a
    /// credential on its own, only proof that a form came from our page).
    public func startSession(userID: Int64, lifetime: TimeInterval) throws -> (token: String, csrf: String) {
        let token = Self.newToken()
        let csrf = Self.newToken()
        let now = Date()
        try writing("start session") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [Self.iso(now)])
            try db.execute(
                sql: "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [Self.tokenDigest(token), userID, csrf, Self.iso(now), Self.iso(now + lifetime)]
            )
        }
        return (token, csrf)
    }

    /// The live session for a cookie token, or nil when unknown or expired. One indexed read
    /// (the digest is the primary key): the server calls it on every request, so that a logout,
    /// password change or removal made by any process holds from the next request.
    public func session(token: String) throws -> SessionRecord? {
        let now = Date()
        let digest = Self.tokenDigest(token)
        // Every request reads this: one SELECT, consistent on its own, so no BEGIN and COMMIT
        // around it (`unsafeRead`: no transaction; about a third of the statements per request).
        return try readingUnsafely("session by token") { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT users.*, sessions.csrf, sessions.expires_at FROM sessions
                    JOIN users ON users.id = sessions.user_id WHERE sessions.token_hash = ?
                    """
            )
            guard let r = try Row.fetchOne(statement, arguments: [digest]),
                let expires = try? Date(r["expires_at"] as String, strategy: .iso8601), expires > now
            else { return nil }
            return SessionRecord(user: Self.user(r), csrf: r["csrf"], expiresAt: expires)
        }
    }

    public func endSession(token: String) throws {
        try writing("end session") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [Self.tokenDigest(token)])
        }
    }

    // MARK: API tokens

    /// Creates an API token for a user; the token is returned once and stored only as a digest.
    public func createAPIToken(userName: String, label: String) throws -> String {
        guard let u = try user(named: userName) else {
            throw StoreError(path: path, reason: "no user named '\(userName)'")
        }
        let token = "it_" + Self.newToken()
        try writing("create API token") { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)",
                arguments: [Self.tokenDigest(token), u.id, label, IronTraceStore.now()]
            )
        }
        return token
    }

    /// A user's API tokens, oldest first (never the tokens: they are stored only as digests).
    public func apiTokens(userName: String) throws -> [APITokenInfo] {
        guard let u = try user(named: userName) else {
            throw StoreError(path: path, reason: "no user named '\(userName)'")
        }
        return try reading("list API tokens") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT substr(token_hash, 1, 12) AS id, label, created_at FROM api_tokens
                    WHERE user_id = ? ORDER BY created_at, token_hash
                    """,
                arguments: [u.id]
            ).map { APITokenInfo(id: $0["id"], label: $0["label"], createdAt: $0["created_at"]) }
        }
    }

    /// Deletes some or all of a user's API tokens; returns how many. Every server refuses them from
    /// its next request (tokens are looked up per request, not cached).
    @discardableResult
    public func revokeAPITokens(userName: String, _ which: APITokenSelection) throws -> Int {
        guard let u = try user(named: userName) else {
            throw StoreError(path: path, reason: "no user named '\(userName)'")
        }
        return try writing("revoke API tokens") { db in
            switch which {
            case .id(let id):
                guard id.count == 12, id.allSatisfy(\.isHexDigit) else {
                    throw StoreError(path: path, reason: "token id '\(id)' is not 12 hex digits (see `users tokens`)")
                }
                try db.execute(
                    sql: "DELETE FROM api_tokens WHERE user_id = ? AND substr(token_hash, 1, 12) = ?",
                    arguments: [u.id, id.lowercased()]
                )
            case .label(let label):
                try db.execute(
                    sql: "DELETE FROM api_tokens WHERE user_id = ? AND label = ?",
                    arguments: [u.id, label]
                )
            case .all:
                try db.execute(sql: "DELETE FROM api_tokens WHERE user_id = ?", arguments: [u.id])
            }
            return db.changesCount
        }
    }

    /// The user of an API token, or nil when it is unknown or revoked (one indexed read, per request).
    public func user(apiToken token: String) throws -> UserAccount? {
        let digest = Self.tokenDigest(token)
        // As for sessions: one SELECT per API request, needing no transaction around it.
        return try readingUnsafely("user by API token") { db in
            let statement = try db.cachedStatement(
                sql: "SELECT users.* FROM api_tokens JOIN users ON users.id = api_tokens.user_id WHERE token_hash = ?"
            )
            return try Row.fetchOne(statement, arguments: [digest]).map(Self.user)
        }
    }

    // MARK: Audit

    /// Appends one entry to the audit log.
    public func audit(user: String, action: String, target: String, detail: String = "") throws {
        // Bounded before anything is stored: whatever a request carries, an audit row stays small.
        let row = [
            AuditText.clip(user, to: AuditText.userBytes), AuditText.clip(action, to: AuditText.actionBytes),
            AuditText.clip(target, to: AuditText.targetBytes), AuditText.clip(detail, to: AuditText.detailBytes),
        ]
        try auditCommits.append(at: IronTraceStore.now(), fields: row)
    }

    /// Writes a batch of audit rows in one transaction (``AuditGroupCommit``).
    static func writeAudit(_ batch: [AuditGroupCommit.Entry], to writer: any DatabaseWriter) throws {
        try writer.write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES (?, ?, ?, ?, ?)"
            )
            for e in batch {
                try insert.execute(arguments: [e.at, e.fields[0], e.fields[1], e.fields[2], e.fields[3]])
            }
        }
    }

    /// The newest audit entries first, optionally of one user or one action.
    public func auditLog(user: String? = nil, action: String? = nil, limit: Int = 200, offset: Int = 0) throws
        -> (total: Int, entries: [AuditEntry])
    {
        try reading("audit log") { db in
            var clauses: [String] = []
            var args: [any DatabaseValueConvertible] = []
            if let user { clauses.append("user_name = ?"); args.append(user) }
            if let action { clauses.append("action = ?"); args.append(action) }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let total =
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM audit_log \(whereSQL)",
                    arguments: StatementArguments(args)
                )
                ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM audit_log \(whereSQL) ORDER BY id DESC LIMIT ? OFFSET ?",
                arguments: StatementArguments(args + [limit, offset])
            )
            return (
                total,
                rows.map {
                    AuditEntry(
                        id: $0["id"],
                        at: $0["at"],
                        user: $0["user_name"],
                        action: $0["action"],
                        target: $0["target"],
                        detail: $0["detail"]
                    )
                }
            )
        }
    }

    // MARK: Personal data

    /// A person's full record (PII): for analysts who asked for it, after the server audited it.
    public func personRecord(id: Int64) throws -> [String: String]? {
        try reading("person record") { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM persons WHERE id = ?", arguments: [id]) else {
                return nil
            }
            var out: [String: String] = [:]
            for c in ["pseudonym", "last_name", "first_name", "birth_date", "street", "city", "state", "zip", "phone"] {
                out[c] = (r[c] as String?) ?? ""
            }
            return out
        }
    }

    /// The instant in UTC as ISO 8601 to the second ("2026-12-07T06:23:29Z", what
    /// `ISO8601DateFormatter` writes), without building a formatter on every audit row.
    static func iso(_ d: Date) -> String {
        let t = d.timeIntervalSince1970
        guard t.isFinite, t >= 0, t < 2.5e11 else { return ISO8601DateFormatter().string(from: d) }
        let seconds = Int(t.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let date = CivilDate(dayNumber: Int32(days))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(date)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}

/// Length bounds of the audit log's fields, in UTF-8 bytes, and the clipping that applies them.
public enum AuditText {
    public static let userBytes = 128
    public static let actionBytes = 64
    public static let targetBytes = 256
    public static let detailBytes = 1_024

    /// `text` cut to at most `maxBytes` UTF-8 bytes on a character boundary, with "…" when cut;
    /// control characters (NUL, CR, LF, ...) become spaces so a row always reads as one line.
    public static func clip(_ text: String, to maxBytes: Int) -> String {
        var out = ""
        var bytes = 0
        for ch in text {
            let c: Character = ch.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : ch
            let n = c.utf8.count
            if bytes + n > maxBytes - 3 && text.utf8.count > maxBytes {
                out += "…"
                return out
            }
            out.append(c)
            bytes += n
        }
        return out
    }
}
