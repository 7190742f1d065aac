import Foundation
import IronTraceCore
import IronTraceStore
import PostgresNIO

/// Cases, watch lists and alerts, as in the SQLite store: the same checks (``CaseworkInput``), an
/// audit row in the same transaction as every change, an alert once per watch and trace whichever
/// server process finds it first (ON CONFLICT DO NOTHING on the unique index).
extension PostgresStore {
    private static let caseColumns =
        "cases.id, cases.title, cases.status, cases.referred_to, cases.restricted, cases.owner, cases.opened_at, cases.updated_at, cases.origin"
    private static let watchColumns = "w.id, w.kind, w.value, w.note, w.owner, w.created_at, w.since_trace, w.active"

    private static func caseFile(_ r: PostgresRow) throws -> CaseFile {
        let v = try r.decode((Int64, String, String, String, Int64, String, String, String, String).self)
        return CaseFile(
            id: v.0,
            title: v.1,
            status: CaseFile.Status(rawValue: v.2) ?? .open,
            referredTo: v.3,
            restricted: v.4 != 0,
            owner: v.5,
            openedAt: v.6,
            updatedAt: v.7,
            origin: v.8
        )
    }

    private static func watch(_ r: PostgresRandomAccessRow, from i: Int) throws -> Watch {
        Watch(
            id: try r[i].decode(Int64.self),
            kind: Watch.Kind(rawValue: try r[i + 1].decode(String.self)) ?? .dealer,
            value: try r[i + 2].decode(String.self),
            note: try r[i + 3].decode(String.self),
            owner: try r[i + 4].decode(String.self),
            createdAt: try r[i + 5].decode(String.self),
            sinceTrace: try r[i + 6].decode(Int64.self),
            active: try r[i + 7].decode(Int64.self) != 0
        )
    }

    private func audit(_ s: PGSession, _ user: String, _ action: String, _ target: String, _ detail: String) throws {
        let row = CaseworkInput.auditRow(user: user, action: action, target: target, detail: detail)
        try s.execute(
            "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES ($1, $2, $3, $4, $5)",
            [.text(Self.now()), .text(row[0]), .text(row[1]), .text(row[2]), .text(row[3])]
        )
    }

    private func insertItems(_ s: PGSession, caseID: Int64, refs: [String], user: String, at: String) throws
        -> [String]
    {
        var added: [String] = []
        for r in refs {
            let n = try s.execute(
                """
                INSERT INTO case_items (case_id, ref, added_by, added_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (case_id, ref) DO NOTHING
                """,
                [.int(caseID), .text(r), .text(user), .text(at)]
            )
            if n > 0 { added.append(r) }
        }
        let total = try s.scalar(Int64.self, "SELECT count(*) FROM case_items WHERE case_id = $1", [.int(caseID)])
        if (total ?? 0) > Int64(Casework.maxItemsPerCase) {
            throw StoreError(path: location, reason: "a case holds at most \(Casework.maxItemsPerCase) entities")
        }
        return added
    }

    private func requireCase(_ s: PGSession, _ id: Int64, lock: Bool = true) throws -> CaseFile {
        guard
            let c = try s.rows(
                "SELECT \(Self.caseColumns) FROM cases WHERE id = $1\(lock ? " FOR UPDATE" : "")",
                [.int(id)]
            ).first.map(Self.caseFile)
        else { throw StoreError(path: location, reason: "there is no case \(id)") }
        return c
    }

    public func openCase(title: String, restricted: Bool, origin: String, refs: [String], by user: String) throws
        -> CaseFile
    {
        let title = try CaseworkInput.title(title, at: location)
        let refs = try CaseworkInput.refs(refs, at: location)
        let origin = String(origin.prefix(Casework.maxRef))
        let now = Self.now()
        return try attempt("open case") {
            try pool.transaction { s in
                let id =
                    try s.scalar(
                        Int64.self,
                        """
                        INSERT INTO cases (title, status, referred_to, restricted, owner, opened_at, updated_at, origin)
                        VALUES ($1, 'open', '', $2, $3, $4, $4, $5) RETURNING id
                        """,
                        [.text(title), .int(restricted ? 1 : 0), .text(user), .text(now), .text(origin)]
                    ) ?? 0
                _ = try insertItems(s, caseID: id, refs: refs, user: user, at: now)
                try audit(
                    s,
                    user,
                    "case-open",
                    "case:\(id)",
                    "\(title) · \(refs.count) entities\(origin.isEmpty ? "" : " from \(origin)")\(restricted ? " · restricted" : "")"
                )
                return CaseFile(
                    id: id,
                    title: title,
                    status: .open,
                    referredTo: "",
                    restricted: restricted,
                    owner: user,
                    openedAt: now,
                    updatedAt: now,
                    origin: origin
                )
            }
        }
    }

    public func cases(visibleTo user: String, isAdmin: Bool, status: CaseFile.Status?) throws -> [CaseFile] {
        try attempt("cases") {
            try pool.withSession { s in
                try s.rows(
                    """
                    SELECT \(Self.caseColumns) FROM cases
                    WHERE (restricted = 0 OR $1 = 1 OR owner = $2) AND ($3::text IS NULL OR status = $3)
                    ORDER BY updated_at DESC, id DESC
                    """,
                    [.int(isAdmin ? 1 : 0), .text(user), PGValue(status?.rawValue)]
                ).map(Self.caseFile)
            }
        }
    }

    public func caseFile(id: Int64) throws -> CaseFile? {
        try attempt("case") {
            try pool.withSession { s in
                try s.rows("SELECT \(Self.caseColumns) FROM cases WHERE id = $1", [.int(id)]).first.map(Self.caseFile)
            }
        }
    }

    public func caseItems(caseID: Int64) throws -> [CaseItem] {
        try attempt("case items") {
            try pool.withSession { s in
                try s.rows(
                    "SELECT case_id, ref, added_by, added_at FROM case_items WHERE case_id = $1 ORDER BY added_at, ctid",
                    [.int(caseID)]
                ).map { r in
                    let v = try r.decode((Int64, String, String, String).self)
                    return CaseItem(caseID: v.0, ref: v.1, addedBy: v.2, addedAt: v.3)
                }
            }
        }
    }

    public func caseNotes(caseID: Int64) throws -> [CaseNote] {
        try attempt("case notes") {
            try pool.withSession { s in
                try s.rows(
                    "SELECT id, case_id, author, at, text FROM case_notes WHERE case_id = $1 ORDER BY id",
                    [.int(caseID)]
                ).map { r in
                    let v = try r.decode((Int64, Int64, String, String, String).self)
                    return CaseNote(id: v.0, caseID: v.1, author: v.2, at: v.3, text: v.4)
                }
            }
        }
    }

    public func cases(holding ref: String) throws -> [CaseFile] {
        try attempt("cases holding") {
            try pool.withSession { s in
                try s.rows(
                    """
                    SELECT \(Self.caseColumns) FROM cases JOIN case_items ON case_items.case_id = cases.id
                    WHERE case_items.ref = $1 AND cases.status != 'closed' ORDER BY cases.id
                    """,
                    [.text(ref)]
                ).map(Self.caseFile)
            }
        }
    }

    @discardableResult
    public func addToCase(id: Int64, refs: [String], by user: String) throws -> Int {
        let refs = try CaseworkInput.refs(refs, at: location)
        let now = Self.now()
        return try attempt("add to case") {
            try pool.transaction { s in
                _ = try requireCase(s, id)
                let added = try insertItems(s, caseID: id, refs: refs, user: user, at: now)
                guard !added.isEmpty else { return 0 }
                try s.execute("UPDATE cases SET updated_at = $1 WHERE id = $2", [.text(now), .int(id)])
                try audit(s, user, "case-add", "case:\(id)", added.joined(separator: ", "))
                return added.count
            }
        }
    }

    @discardableResult
    public func removeFromCase(id: Int64, ref: String, by user: String) throws -> Bool {
        let now = Self.now()
        return try attempt("remove from case") {
            try pool.transaction { s in
                _ = try requireCase(s, id)
                let n = try s.execute("DELETE FROM case_items WHERE case_id = $1 AND ref = $2", [.int(id), .text(ref)])
                guard n > 0 else { return false }
                try s.execute("UPDATE cases SET updated_at = $1 WHERE id = $2", [.text(now), .int(id)])
                try audit(s, user, "case-remove", "case:\(id)", ref)
                return true
            }
        }
    }

    @discardableResult
    public func addCaseNote(caseID: Int64, text: String, by user: String) throws -> CaseNote {
        let text = try CaseworkInput.note(text, at: location)
        let now = Self.now()
        return try attempt("add case note") {
            try pool.transaction { s in
                _ = try requireCase(s, caseID)
                let id =
                    try s.scalar(
                        Int64.self,
                        "INSERT INTO case_notes (case_id, author, at, text) VALUES ($1, $2, $3, $4) RETURNING id",
                        [.int(caseID), .text(user), .text(now), .text(text)]
                    ) ?? 0
                try s.execute("UPDATE cases SET updated_at = $1 WHERE id = $2", [.text(now), .int(caseID)])
                try audit(s, user, "case-note", "case:\(caseID)", "note \(id): \(text.prefix(120))")
                return CaseNote(id: id, caseID: caseID, author: user, at: now, text: text)
            }
        }
    }

    @discardableResult
    public func setCaseStatus(id: Int64, status: CaseFile.Status, referredTo: String, by user: String) throws
        -> CaseFile
    {
        let agency = try CaseworkInput.agency(referredTo, status: status, at: location)
        let now = Self.now()
        return try attempt("set case status") {
            try pool.transaction { s in
                var c = try requireCase(s, id)
                let before = c.status
                c.status = status
                if status == .referred || !agency.isEmpty { c.referredTo = agency }
                c.updatedAt = now
                try s.execute(
                    "UPDATE cases SET status = $1, referred_to = $2, updated_at = $3 WHERE id = $4",
                    [.text(status.rawValue), .text(c.referredTo), .text(now), .int(id)]
                )
                try audit(
                    s,
                    user,
                    "case-status",
                    "case:\(id)",
                    "\(before.rawValue) → \(status.rawValue)\(status == .referred ? " to \(agency)" : "")"
                )
                return c
            }
        }
    }

    @discardableResult
    public func addWatch(kind: Watch.Kind, value: String, note: String, by user: String) throws -> Watch {
        let value = try CaseworkInput.watchValue(kind, value, at: location)
        let note = try CaseworkInput.watchNote(note, at: location)
        let now = Self.now()
        return try attempt("add watch") {
            try pool.transaction { s in
                let since = try s.scalar(Int64.self, "SELECT coalesce(max(id), 0)::bigint FROM traces") ?? 0
                let id =
                    try s.scalar(
                        Int64.self,
                        """
                        INSERT INTO watches (kind, value, note, owner, created_at, since_trace, active)
                        VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id
                        """,
                        [.text(kind.rawValue), .text(value), .text(note), .text(user), .text(now), .int(since)]
                    ) ?? 0
                try audit(
                    s,
                    user,
                    "watch-add",
                    "watch:\(id)",
                    "\(kind.rawValue) \(value)\(note.isEmpty ? "" : " · \(note)")"
                )
                return Watch(
                    id: id,
                    kind: kind,
                    value: value,
                    note: note,
                    owner: user,
                    createdAt: now,
                    sinceTrace: since,
                    active: true
                )
            }
        }
    }

    public func watches(includeEnded: Bool) throws -> [Watch] {
        try attempt("watches") {
            try pool.withSession { s in
                try s.rows(
                    "SELECT \(Self.watchColumns) FROM watches w WHERE w.active = 1 OR $1 = 1 ORDER BY w.id",
                    [.int(includeEnded ? 1 : 0)]
                ).map { try Self.watch($0.makeRandomAccess(), from: 0) }
            }
        }
    }

    @discardableResult
    public func endWatch(id: Int64, by user: String) throws -> Bool {
        try attempt("end watch") {
            try pool.transaction { s in
                let n = try s.execute("UPDATE watches SET active = 0 WHERE id = $1 AND active = 1", [.int(id)])
                guard n > 0 else { return false }
                try audit(s, user, "watch-end", "watch:\(id)", "")
                return true
            }
        }
    }

    public func alertScanMark() throws -> Int64 {
        try attempt("alert scan mark") {
            try pool.withSession { s in try s.scalar(Int64.self, "SELECT through FROM watch_scan WHERE id = 1") ?? 0 }
        }
    }

    @discardableResult
    public func raiseAlerts(_ found: [(watchID: Int64, traceID: Int64, match: WatchAlert.Match)], scannedThrough: Int64)
        throws -> Int
    {
        let now = Self.now()
        return try attempt("raise alerts") {
            try pool.transaction { s in
                var new = 0
                for f in found {
                    new += try s.execute(
                        """
                        INSERT INTO watch_alerts (watch_id, trace_id, match, raised_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (watch_id, trace_id) DO NOTHING
                        """,
                        [.int(f.watchID), .int(f.traceID), .text(f.match.rawValue), .text(now)]
                    )
                }
                try s.execute(
                    "UPDATE watch_scan SET through = greatest(through, $1) WHERE id = 1",
                    [.int(scannedThrough)]
                )
                return new
            }
        }
    }

    public func alerts(unacknowledgedOnly: Bool, limit: Int, offset: Int) throws -> (total: Int, alerts: [WatchAlert]) {
        try attempt("alerts") {
            try pool.withSession { s in
                let filter = unacknowledgedOnly ? "WHERE a.acknowledged_by = ''" : ""
                let total = try s.scalar(Int.self, "SELECT count(*) FROM watch_alerts a \(filter)") ?? 0
                let rows = try s.rows(
                    """
                    SELECT a.id, a.watch_id, a.trace_id, a.match, a.raised_at, a.acknowledged_by, a.acknowledged_at,
                        \(Self.watchColumns)
                    FROM watch_alerts a JOIN watches w ON w.id = a.watch_id \(filter)
                    ORDER BY a.id DESC LIMIT $1 OFFSET $2
                    """,
                    [.int(Int64(max(0, limit))), .int(Int64(max(0, offset)))]
                )
                return (
                    total,
                    try rows.map { r in
                        let v = r.makeRandomAccess()
                        return WatchAlert(
                            id: try v[0].decode(Int64.self),
                            watchID: try v[1].decode(Int64.self),
                            traceID: try v[2].decode(Int64.self),
                            match: WatchAlert.Match(rawValue: try v[3].decode(String.self)) ?? .dealer,
                            raisedAt: try v[4].decode(String.self),
                            acknowledgedBy: try v[5].decode(String.self),
                            acknowledgedAt: try v[6].decode(String.self),
                            watch: try Self.watch(v, from: 7)
                        )
                    }
                )
            }
        }
    }

    @discardableResult
    public func acknowledgeAlert(id: Int64, by user: String) throws -> Bool {
        try attempt("acknowledge alert") {
            try pool.transaction { s in
                let n = try s.execute(
                    "UPDATE watch_alerts SET acknowledged_by = $1, acknowledged_at = $2 WHERE id = $3 AND acknowledged_by = ''",
                    [.text(user), .text(Self.now()), .int(id)]
                )
                guard n > 0 else { return false }
                try audit(s, user, "alert-ack", "alert:\(id)", "")
                return true
            }
        }
    }
}
