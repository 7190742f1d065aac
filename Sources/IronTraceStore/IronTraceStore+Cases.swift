import Foundation
import GRDB
import IronTraceCore

/// The checks both backends apply before a case, note or watch is written (``Casework``'s limits),
/// as store errors naming the database.
public enum CaseworkInput {
    public static func title(_ title: String, at location: String) throws -> String {
        if let p = Casework.problem(title: title) { throw StoreError(path: location, reason: p) }
        return title.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func note(_ text: String, at location: String) throws -> String {
        if let p = Casework.problem(note: text) { throw StoreError(path: location, reason: p) }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func refs(_ refs: [String], at location: String) throws -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for r in refs {
            if let p = Casework.problem(ref: r) { throw StoreError(path: location, reason: p) }
            if seen.insert(r).inserted { out.append(r) }
        }
        guard out.count <= Casework.maxItemsPerCase else {
            throw StoreError(path: location, reason: "a case holds at most \(Casework.maxItemsPerCase) entities")
        }
        return out
    }

    public static func agency(_ agency: String, status: CaseFile.Status, at location: String) throws -> String {
        if let p = Casework.problem(agency: agency, status: status) { throw StoreError(path: location, reason: p) }
        return agency.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A watch's value in the form it is stored and matched in.
    public static func watchValue(_ kind: Watch.Kind, _ value: String, at location: String) throws -> String {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .dealer:
            guard v.count <= 40, let licence = try? LicenceNumber(parsing: v) else {
                throw StoreError(
                    path: location,
                    reason: "'\(v.prefix(40))' is not a licence number (1-23-456-01-2A-12345)"
                )
            }
            return licence.description
        case .person:
            guard !v.isEmpty, v.count <= 18, v.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw StoreError(path: location, reason: "a person is watched by record number, not '\(v.prefix(40))'")
            }
            return v
        case .serial:
            do { return try SerialPattern(v).text } catch {
                throw StoreError(path: location, reason: error.description)
            }
        }
    }

    public static func watchNote(_ note: String, at location: String) throws -> String {
        let t = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.count <= Casework.maxAgency else {
            throw StoreError(path: location, reason: "a watch's note is at most \(Casework.maxAgency) characters")
        }
        return t
    }

    /// The audit row of a casework change, clipped like every audit row.
    public static func auditRow(user: String, action: String, target: String, detail: String) -> [String] {
        [
            AuditText.clip(user, to: AuditText.userBytes), AuditText.clip(action, to: AuditText.actionBytes),
            AuditText.clip(target, to: AuditText.targetBytes), AuditText.clip(detail, to: AuditText.detailBytes),
        ]
    }
}

extension IronTraceStore {
    private static func caseFile(_ r: Row) -> CaseFile {
        CaseFile(
            id: r["id"],
            title: r["title"],
            status: CaseFile.Status(rawValue: r["status"]) ?? .open,
            referredTo: r["referred_to"],
            restricted: (r["restricted"] as Int64) != 0,
            owner: r["owner"],
            openedAt: r["opened_at"],
            updatedAt: r["updated_at"],
            origin: r["origin"]
        )
    }

    private static func watch(_ r: Row, prefix: String = "") -> Watch {
        Watch(
            id: r[prefix + "id"],
            kind: Watch.Kind(rawValue: r[prefix + "kind"]) ?? .dealer,
            value: r[prefix + "value"],
            note: r[prefix + "note"],
            owner: r[prefix + "owner"],
            createdAt: r[prefix + "created_at"],
            sinceTrace: r[prefix + "since_trace"],
            active: (r[prefix + "active"] as Int64) != 0
        )
    }

    private func audit(_ db: Database, _ user: String, _ action: String, _ target: String, _ detail: String) throws {
        let row = CaseworkInput.auditRow(user: user, action: action, target: target, detail: detail)
        try db.execute(
            sql: "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [IronTraceStore.now(), row[0], row[1], row[2], row[3]]
        )
    }

    private func insertItems(_ db: Database, caseID: Int64, refs: [String], user: String, at: String) throws -> [String]
    {
        var added: [String] = []
        for r in refs {
            try db.execute(
                sql: "INSERT OR IGNORE INTO case_items (case_id, ref, added_by, added_at) VALUES (?, ?, ?, ?)",
                arguments: [caseID, r, user, at]
            )
            if db.changesCount > 0 { added.append(r) }
        }
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM case_items WHERE case_id = ?", arguments: [caseID])
        if (total ?? 0) > Casework.maxItemsPerCase {
            throw StoreError(path: path, reason: "a case holds at most \(Casework.maxItemsPerCase) entities")
        }
        return added
    }

    public func openCase(title: String, restricted: Bool, origin: String, refs: [String], by user: String) throws
        -> CaseFile
    {
        let title = try CaseworkInput.title(title, at: path)
        let refs = try CaseworkInput.refs(refs, at: path)
        let origin = String(origin.prefix(Casework.maxRef))
        let now = IronTraceStore.now()
        return try writing("open case") { db in
            try db.execute(
                sql: """
                    INSERT INTO cases (title, status, referred_to, restricted, owner, opened_at, updated_at, origin)
                    VALUES (?, 'open', '', ?, ?, ?, ?, ?)
                    """,
                arguments: [title, restricted ? 1 : 0, user, now, now, origin]
            )
            let id = db.lastInsertedRowID
            _ = try insertItems(db, caseID: id, refs: refs, user: user, at: now)
            try audit(
                db,
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

    public func cases(visibleTo user: String, isAdmin: Bool, status: CaseFile.Status?) throws -> [CaseFile] {
        try reading("cases") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM cases WHERE (restricted = 0 OR ? OR owner = ?) AND (? IS NULL OR status = ?)
                    ORDER BY updated_at DESC, id DESC
                    """,
                arguments: [isAdmin ? 1 : 0, user, status?.rawValue, status?.rawValue]
            ).map(Self.caseFile)
        }
    }

    public func caseFile(id: Int64) throws -> CaseFile? {
        try reading("case file") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [id]).map(Self.caseFile)
        }
    }

    public func caseItems(caseID: Int64) throws -> [CaseItem] {
        try reading("case items") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM case_items WHERE case_id = ? ORDER BY added_at, rowid",
                arguments: [caseID]
            ).map { CaseItem(caseID: $0["case_id"], ref: $0["ref"], addedBy: $0["added_by"], addedAt: $0["added_at"]) }
        }
    }

    public func caseNotes(caseID: Int64) throws -> [CaseNote] {
        try reading("case notes") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM case_notes WHERE case_id = ? ORDER BY id", arguments: [caseID]).map
            {
                CaseNote(id: $0["id"], caseID: $0["case_id"], author: $0["author"], at: $0["at"], text: $0["text"])
            }
        }
    }

    public func cases(holding ref: String) throws -> [CaseFile] {
        try reading("cases") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT cases.* FROM cases JOIN case_items ON case_items.case_id = cases.id
                    WHERE case_items.ref = ? AND cases.status != 'closed' ORDER BY cases.id
                    """,
                arguments: [ref]
            ).map(Self.caseFile)
        }
    }

    private func requireCase(_ db: Database, _ id: Int64) throws -> CaseFile {
        guard let c = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [id]).map(Self.caseFile)
        else { throw StoreError(path: path, reason: "there is no case \(id)") }
        return c
    }

    @discardableResult
    public func addToCase(id: Int64, refs: [String], by user: String) throws -> Int {
        let refs = try CaseworkInput.refs(refs, at: path)
        let now = IronTraceStore.now()
        return try writing("add to case") { db in
            _ = try requireCase(db, id)
            let added = try insertItems(db, caseID: id, refs: refs, user: user, at: now)
            guard !added.isEmpty else { return 0 }
            try db.execute(sql: "UPDATE cases SET updated_at = ? WHERE id = ?", arguments: [now, id])
            try audit(db, user, "case-add", "case:\(id)", added.joined(separator: ", "))
            return added.count
        }
    }

    @discardableResult
    public func removeFromCase(id: Int64, ref: String, by user: String) throws -> Bool {
        let now = IronTraceStore.now()
        return try writing("remove from case") { db in
            _ = try requireCase(db, id)
            try db.execute(sql: "DELETE FROM case_items WHERE case_id = ? AND ref = ?", arguments: [id, ref])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "UPDATE cases SET updated_at = ? WHERE id = ?", arguments: [now, id])
            try audit(db, user, "case-remove", "case:\(id)", ref)
            return true
        }
    }

    @discardableResult
    public func addCaseNote(caseID: Int64, text: String, by user: String) throws -> CaseNote {
        let text = try CaseworkInput.note(text, at: path)
        let now = IronTraceStore.now()
        return try writing("add case note") { db in
            _ = try requireCase(db, caseID)
            try db.execute(
                sql: "INSERT INTO case_notes (case_id, author, at, text) VALUES (?, ?, ?, ?)",
                arguments: [caseID, user, now, text]
            )
            let id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE cases SET updated_at = ? WHERE id = ?", arguments: [now, caseID])
            try audit(db, user, "case-note", "case:\(caseID)", "note \(id): \(text.prefix(120))")
            return CaseNote(id: id, caseID: caseID, author: user, at: now, text: text)
        }
    }

    @discardableResult
    public func setCaseStatus(id: Int64, status: CaseFile.Status, referredTo: String, by user: String) throws
        -> CaseFile
    {
        let agency = try CaseworkInput.agency(referredTo, status: status, at: path)
        let now = IronTraceStore.now()
        return try writing("set case status") { db in
            var c = try requireCase(db, id)
            let before = c.status
            c.status = status
            if status == .referred || !agency.isEmpty { c.referredTo = agency }
            c.updatedAt = now
            try db.execute(
                sql: "UPDATE cases SET status = ?, referred_to = ?, updated_at = ? WHERE id = ?",
                arguments: [status.rawValue, c.referredTo, now, id]
            )
            try audit(
                db,
                user,
                "case-status",
                "case:\(id)",
                "\(before.rawValue) → \(status.rawValue)\(status == .referred ? " to \(agency)" : "")"
            )
            return c
        }
    }

    @discardableResult
    public func addWatch(kind: Watch.Kind, value: String, note: String, by user: String) throws -> Watch {
        let value = try CaseworkInput.watchValue(kind, value, at: path)
        let note = try CaseworkInput.watchNote(note, at: path)
        let now = IronTraceStore.now()
        return try writing("add watch") { db in
            let since = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM traces") ?? 0
            try db.execute(
                sql: """
                    INSERT INTO watches (kind, value, note, owner, created_at, since_trace, active)
                    VALUES (?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [kind.rawValue, value, note, user, now, since]
            )
            let id = db.lastInsertedRowID
            try audit(
                db,
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

    public func watches(includeEnded: Bool) throws -> [Watch] {
        try reading("watches") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM watches WHERE active = 1 OR ? ORDER BY id",
                arguments: [includeEnded ? 1 : 0]
            ).map { Self.watch($0) }
        }
    }

    @discardableResult
    public func endWatch(id: Int64, by user: String) throws -> Bool {
        try writing("end watch") { db in
            try db.execute(sql: "UPDATE watches SET active = 0 WHERE id = ? AND active = 1", arguments: [id])
            guard db.changesCount > 0 else { return false }
            try audit(db, user, "watch-end", "watch:\(id)", "")
            return true
        }
    }

    public func alertScanMark() throws -> Int64 {
        try reading("alert scan mark") { db in
            try Int64.fetchOne(db, sql: "SELECT through FROM watch_scan WHERE id = 1") ?? 0
        }
    }

    @discardableResult
    public func raiseAlerts(_ found: [(watchID: Int64, traceID: Int64, match: WatchAlert.Match)], scannedThrough: Int64)
        throws -> Int
    {
        let now = IronTraceStore.now()
        return try writing("raise alerts") { db in
            var new = 0
            for f in found {
                try db.execute(
                    sql:
                        "INSERT OR IGNORE INTO watch_alerts (watch_id, trace_id, match, raised_at) VALUES (?, ?, ?, ?)",
                    arguments: [f.watchID, f.traceID, f.match.rawValue, now]
                )
                new += db.changesCount
            }
            try db.execute(
                sql: "UPDATE watch_scan SET through = max(through, ?) WHERE id = 1",
                arguments: [scannedThrough]
            )
            return new
        }
    }

    public func alerts(unacknowledgedOnly: Bool, limit: Int, offset: Int) throws -> (total: Int, alerts: [WatchAlert]) {
        try reading("alerts") { db in
            let filter = unacknowledgedOnly ? "WHERE a.acknowledged_by = ''" : ""
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM watch_alerts a \(filter)") ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.*, w.id AS w_id, w.kind AS w_kind, w.value AS w_value, w.note AS w_note,
                        w.owner AS w_owner, w.created_at AS w_created_at, w.since_trace AS w_since_trace,
                        w.active AS w_active
                    FROM watch_alerts a JOIN watches w ON w.id = a.watch_id \(filter)
                    ORDER BY a.id DESC LIMIT ? OFFSET ?
                    """,
                arguments: [max(0, limit), max(0, offset)]
            )
            return (
                total,
                rows.map {
                    WatchAlert(
                        id: $0["id"],
                        watchID: $0["watch_id"],
                        traceID: $0["trace_id"],
                        match: WatchAlert.Match(rawValue: $0["match"]) ?? .dealer,
                        raisedAt: $0["raised_at"],
                        acknowledgedBy: $0["acknowledged_by"],
                        acknowledgedAt: $0["acknowledged_at"],
                        watch: Self.watch($0, prefix: "w_")
                    )
                }
            )
        }
    }

    @discardableResult
    public func acknowledgeAlert(id: Int64, by user: String) throws -> Bool {
        try writing("acknowledge alert") { db in
            try db.execute(
                sql:
                    "UPDATE watch_alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_by = ''",
                arguments: [user, IronTraceStore.now(), id]
            )
            guard db.changesCount > 0 else { return false }
            try audit(db, user, "alert-ack", "alert:\(id)", "")
            return true
        }
    }
}
