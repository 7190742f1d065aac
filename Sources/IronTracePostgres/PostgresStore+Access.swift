import Foundation
import IronTraceStore
import PostgresNIO

/// Accounts, sessions, API tokens and the audit log, as in the SQLite store: secrets only as
/// hashes, sessions and tokens read on every request so that a change made by any process holds
/// from the next one.
extension PostgresStore {
    private static let userColumns =
        "users.id, users.name, users.role, users.password_hash, users.must_change_password, users.created_at"

    private static func user(_ r: PostgresRow) throws -> UserAccount {
        let v = r.makeRandomAccess()
        return UserAccount.make(
            id: try v[0].decode(Int64.self),
            name: try v[1].decode(String.self),
            role: UserAccount.Role(rawValue: try v[2].decode(String.self)) ?? .viewer,
            passwordHash: try v[3].decode(String.self),
            mustChangePassword: try v[4].decode(Int64.self) != 0,
            createdAt: try v[5].decode(String.self)
        )
    }

    @discardableResult
    public func addUser(name: String, role: UserAccount.Role, passwordHash: String, mustChangePassword: Bool) throws
        -> UserAccount
    {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, !trimmed.contains(where: { $0.isWhitespace || $0 == ":" }) else {
            throw StoreError(
                path: location,
                reason: "user name '\(name)' must be 1–64 characters without spaces or ':'"
            )
        }
        let created = Self.now()
        return try attempt("add user") {
            try pool.transaction { s in
                if try s.scalar(Int64.self, "SELECT 1 FROM users WHERE name = $1", [.text(trimmed)]) != nil {
                    throw StoreError(path: location, reason: "user '\(trimmed)' already exists")
                }
                let id = try s.scalar(
                    Int64.self,
                    """
                    INSERT INTO users (name, role, password_hash, must_change_password, created_at)
                    VALUES ($1, $2, $3, $4, $5) RETURNING id
                    """,
                    [
                        .text(trimmed), .text(role.rawValue), .text(passwordHash), .int(mustChangePassword ? 1 : 0),
                        .text(created),
                    ]
                )
                return UserAccount.make(
                    id: id ?? 0,
                    name: trimmed,
                    role: role,
                    passwordHash: passwordHash,
                    mustChangePassword: mustChangePassword,
                    createdAt: created
                )
            }
        }
    }

    public func users() throws -> [UserAccount] {
        try attempt("users") {
            try pool.withSession { s in
                try s.rows("SELECT \(Self.userColumns) FROM users ORDER BY name").map(Self.user)
            }
        }
    }

    public func user(named name: String) throws -> UserAccount? {
        try attempt("user lookup") {
            try pool.withSession { s in
                try s.rows("SELECT \(Self.userColumns) FROM users WHERE name = $1", [.text(name)]).first.map(Self.user)
            }
        }
    }

    @discardableResult
    public func removeUser(named name: String) throws -> Bool {
        try attempt("remove user") {
            try pool.withSession { s in try s.execute("DELETE FROM users WHERE name = $1", [.text(name)]) > 0 }
        }
    }

    public func setPassword(userID: Int64, passwordHash: String, keepSession: String?) throws {
        try attempt("set password") {
            try pool.transaction { s in
                try s.execute(
                    "UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2",
                    [.text(passwordHash), .int(userID)]
                )
                try s.execute(
                    "DELETE FROM sessions WHERE user_id = $1 AND token_hash != $2",
                    [.int(userID), .text(keepSession.map(IronTraceStore.tokenDigest) ?? "")]
                )
                try s.execute("DELETE FROM api_tokens WHERE user_id = $1", [.int(userID)])
            }
        }
    }

    public func startSession(userID: Int64, lifetime: TimeInterval) throws -> (token: String, csrf: String) {
        let token = IronTraceStore.newToken()
        let csrf = IronTraceStore.newToken()
        let now = Date()
        let iso = ISO8601DateFormatter()
        try attempt("start session") {
            try pool.transaction { s in
                try s.execute("DELETE FROM sessions WHERE expires_at < $1", [.text(iso.string(from: now))])
                try s.execute(
                    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                    [
                        .text(IronTraceStore.tokenDigest(token)), .int(userID), .text(csrf),
                        .text(iso.string(from: now)),
                        .text(iso.string(from: now + lifetime)),
                    ]
                )
            }
        }
        return (token, csrf)
    }

    public func session(token: String) throws -> SessionRecord? {
        let now = Date()
        let digest = IronTraceStore.tokenDigest(token)
        return try attempt("session lookup") {
            try pool.withSession { s -> SessionRecord? in
                guard
                    let r = try s.rows(
                        """
                        SELECT \(Self.userColumns), sessions.csrf, sessions.expires_at FROM sessions
                        JOIN users ON users.id = sessions.user_id WHERE sessions.token_hash = $1
                        """,
                        [.text(digest)]
                    ).first
                else { return nil }
                let v = r.makeRandomAccess()
                guard let expires = try? Date(try v[7].decode(String.self), strategy: .iso8601), expires > now else {
                    return nil
                }
                return SessionRecord.make(
                    user: try Self.user(r),
                    csrf: try v[6].decode(String.self),
                    expiresAt: expires
                )
            }
        }
    }

    public func endSession(token: String) throws {
        try attempt("end session") {
            try pool.withSession { s in
                try s.execute("DELETE FROM sessions WHERE token_hash = $1", [.text(IronTraceStore.tokenDigest(token))])
            }
        }
    }

    public func createAPIToken(userName: String, label: String) throws -> String {
        guard let u = try user(named: userName) else {
            throw StoreError(path: location, reason: "no user named '\(userName)'")
        }
        let token = "it_" + IronTraceStore.newToken()
        try attempt("create API token") {
            try pool.withSession { s in
                try s.execute(
                    "INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES ($1, $2, $3, $4)",
                    [.text(IronTraceStore.tokenDigest(token)), .int(u.id), .text(label), .text(Self.now())]
                )
            }
        }
        return token
    }

    public func apiTokens(userName: String) throws -> [APITokenInfo] {
        guard let u = try user(named: userName) else {
            throw StoreError(path: location, reason: "no user named '\(userName)'")
        }
        return try attempt("API tokens") {
            try pool.withSession { s in
                try s.rows(
                    """
                    SELECT substr(token_hash, 1, 12), label, created_at FROM api_tokens
                    WHERE user_id = $1 ORDER BY created_at, token_hash
                    """,
                    [.int(u.id)]
                ).map { r in
                    let v = try r.decode((String, String, String).self)
                    return APITokenInfo.make(id: v.0, label: v.1, createdAt: v.2)
                }
            }
        }
    }

    @discardableResult
    public func revokeAPITokens(userName: String, _ which: APITokenSelection) throws -> Int {
        guard let u = try user(named: userName) else {
            throw StoreError(path: location, reason: "no user named '\(userName)'")
        }
        if case .id(let id) = which, id.count != 12 || !id.allSatisfy(\.isHexDigit) {
            throw StoreError(path: location, reason: "token id '\(id)' is not 12 hex digits (see `users tokens`)")
        }
        return try attempt("revoke API tokens") {
            try pool.withSession { s in
                switch which {
                case .id(let id):
                    try s.execute(
                        "DELETE FROM api_tokens WHERE user_id = $1 AND substr(token_hash, 1, 12) = $2",
                        [.int(u.id), .text(id.lowercased())]
                    )
                case .label(let label):
                    try s.execute(
                        "DELETE FROM api_tokens WHERE user_id = $1 AND label = $2",
                        [.int(u.id), .text(label)]
                    )
                case .all:
                    try s.execute("DELETE FROM api_tokens WHERE user_id = $1", [.int(u.id)])
                }
            }
        }
    }

    public func user(apiToken token: String) throws -> UserAccount? {
        let digest = IronTraceStore.tokenDigest(token)
        return try attempt("API token lookup") {
            try pool.withSession { s in
                try s.rows(
                    "SELECT \(Self.userColumns) FROM api_tokens JOIN users ON users.id = api_tokens.user_id WHERE token_hash = $1",
                    [.text(digest)]
                ).first.map(Self.user)
            }
        }
    }

    // MARK: Audit

    public func audit(user: String, action: String, target: String, detail: String) throws {
        let row = [
            AuditText.clip(user, to: AuditText.userBytes), AuditText.clip(action, to: AuditText.actionBytes),
            AuditText.clip(target, to: AuditText.targetBytes), AuditText.clip(detail, to: AuditText.detailBytes),
        ]
        try attempt("audit") {
            try pool.withSession { s in
                try s.execute(
                    "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES ($1, $2, $3, $4, $5)",
                    [.text(Self.now()), .text(row[0]), .text(row[1]), .text(row[2]), .text(row[3])]
                )
            }
        }
    }

    public func auditLog(user: String?, action: String?, limit: Int, offset: Int) throws
        -> (total: Int, entries: [AuditEntry])
    {
        try attempt("audit log") {
            try pool.withSession { s in
                let whereSQL = "WHERE ($1::text IS NULL OR user_name = $1) AND ($2::text IS NULL OR action = $2)"
                let args = [PGValue(user), PGValue(action)]
                let total = try s.scalar(Int.self, "SELECT count(*) FROM audit_log \(whereSQL)", args) ?? 0
                let rows = try s.rows(
                    "SELECT id, at, user_name, action, target, detail FROM audit_log \(whereSQL) ORDER BY id DESC LIMIT $3 OFFSET $4",
                    args + [.int(Int64(limit)), .int(Int64(max(0, offset)))]
                )
                return (
                    total,
                    try rows.map { r in
                        let v = try r.decode((Int64, String, String, String, String, String).self)
                        return AuditEntry.make(id: v.0, at: v.1, user: v.2, action: v.3, target: v.4, detail: v.5)
                    }
                )
            }
        }
    }

    public func personRecord(id: Int64) throws -> [String: String]? {
        let columns = ["pseudonym", "last_name", "first_name", "birth_date", "street", "city", "state", "zip", "phone"]
        return try attempt("person record") {
            try pool.withSession { s in
                guard
                    let r = try s.rows(
                        "SELECT \(columns.joined(separator: ", ")) FROM persons WHERE id = $1",
                        [.int(id)]
                    )
                    .first
                else { return nil }
                let v = r.makeRandomAccess()
                var out: [String: String] = [:]
                for (i, c) in columns.enumerated() { out[c] = try v[i].decode(String?.self) ?? "" }
                return out
            }
        }
    }
}
