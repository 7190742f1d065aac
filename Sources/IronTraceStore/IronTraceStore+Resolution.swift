import Foundation
import GRDB
import IronTraceCore

/// Entity resolution on SQLite (see ``ResolutionStore``).
extension IronTraceStore {
    public func personRecords() throws -> [Person] {
        try reading("person records") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, pseudonym, last_name, first_name, birth_date, street, city, state, zip, phone
                    FROM persons ORDER BY id
                    """
            ).map { r in
                Person(
                    id: r[0],
                    pseudonym: r[1],
                    pii: PersonPII(
                        lastName: r[2],
                        firstName: r[3],
                        birthDate: (r[4] as String?).flatMap { CivilDate(parsing: $0) },
                        street: r[5],
                        city: r[6],
                        state: r[7],
                        zip: r[8],
                        phone: r[9]
                    )
                )
            }
        }
    }

    /// A ledger entry saying the persons were resolved again (every snapshot rebuilds).
    static func resolutionLedgerEntry(_ db: Database, rows: Int, summary: String) throws {
        let now = IronTraceStore.now()
        try db.execute(
            sql: """
                INSERT INTO imports (file, format, sha256, rows_read, rows_stored, rows_rejected, started_at, finished_at, origin)
                VALUES (?, 'engine:resolution', ?, ?, ?, 0, ?, ?, 'native')
                """,
            arguments: [String(summary.prefix(200)), UUID().uuidString, rows, rows, now, now]
        )
    }

    private func auditRow(_ db: Database, _ user: String, _ action: String, _ target: String, _ detail: String) throws {
        let row = CaseworkInput.auditRow(user: user, action: action, target: target, detail: detail)
        try db.execute(
            sql: "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [IronTraceStore.now(), row[0], row[1], row[2], row[3]]
        )
    }

    public func saveResolution(
        entities: [(person: Int64, entity: Int64)],
        licensees: [(licensee: Int64, entity: Int64)],
        review: [ResolutionReviewItem],
        summary: String,
        by user: String
    ) throws {
        try writing("save resolution") { db in
            try db.execute(sql: "DELETE FROM person_entities")
            try db.execute(sql: "DELETE FROM licensee_entities")
            let business = try db.makeStatement(
                sql: "INSERT INTO licensee_entities (licensee_id, entity_id) VALUES (?, ?)"
            )
            for e in licensees where e.licensee != e.entity { try business.execute(arguments: [e.licensee, e.entity]) }
            try db.execute(sql: "DELETE FROM resolution_review")
            let insert = try db.makeStatement(sql: "INSERT INTO person_entities (person_id, entity_id) VALUES (?, ?)")
            for e in entities where e.person != e.entity { try insert.execute(arguments: [e.person, e.entity]) }
            let queue = try db.makeStatement(
                sql: "INSERT OR REPLACE INTO resolution_review (a, b, score, explanation) VALUES (?, ?, ?, ?)"
            )
            for r in review { try queue.execute(arguments: [r.a, r.b, r.score, r.explanation]) }
            try Self.resolutionLedgerEntry(db, rows: entities.count, summary: summary)
            try auditRow(db, user, "resolve", "persons", summary)
        }
    }

    public func licenseeEntities() throws -> [Int64: Int64] {
        try reading("licensee entities") { db in
            var out: [Int64: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT licensee_id, entity_id FROM licensee_entities")
            while let r = try rows.next() { out[r[0]] = r[1] }
            return out
        }
    }

    public func licenseeRecords() throws -> [(id: Int64, licence: String, name: String, street: String, zip: String)] {
        try reading("licensee records") { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT id, licence, CASE WHEN business_name = '' THEN name ELSE business_name END, street, zip FROM licensees ORDER BY id"
            ).map { (id: $0[0], licence: $0[1], name: $0[2], street: $0[3], zip: $0[4]) }
        }
    }

    public func personEntities() throws -> [Int64: Int64] {
        try reading("person entities") { db in
            var out: [Int64: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT person_id, entity_id FROM person_entities")
            while let r = try rows.next() { out[r[0]] = r[1] }
            return out
        }
    }

    public func resolutionReview(limit: Int, offset: Int) throws -> (total: Int, items: [ResolutionReviewItem]) {
        try reading("resolution review") { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM resolution_review") ?? 0
            let items = try Row.fetchAll(
                db,
                sql:
                    "SELECT a, b, score, explanation FROM resolution_review ORDER BY score DESC, a, b LIMIT ? OFFSET ?",
                arguments: [max(0, limit), max(0, offset)]
            ).map { ResolutionReviewItem(a: $0[0], b: $0[1], score: $0[2], explanation: $0[3]) }
            return (total, items)
        }
    }

    public func resolutionDecisions() throws -> [(a: Int64, b: Int64, same: Bool)] {
        try reading("resolution decisions") { db in
            try Row.fetchAll(db, sql: "SELECT a, b, same FROM resolution_decisions ORDER BY decided_at").map {
                (a: $0[0], b: $0[1], same: ($0[2] as Int64) != 0)
            }
        }
    }

    public func decideResolution(a: Int64, b: Int64, same: Bool, by user: String) throws {
        let (x, y) = (min(a, b), max(a, b))
        try writing("decide resolution") { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO resolution_decisions (a, b, same, decided_by, decided_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [x, y, same ? 1 : 0, user, IronTraceStore.now()]
            )
            try db.execute(sql: "DELETE FROM resolution_review WHERE a = ? AND b = ?", arguments: [x, y])
            func entity(_ id: Int64) throws -> Int64 {
                try Int64.fetchOne(
                    db,
                    sql: "SELECT entity_id FROM person_entities WHERE person_id = ?",
                    arguments: [id]
                )
                    ?? id
            }
            let (ex, ey) = (try entity(x), try entity(y))
            if !same {
                // Split: y leaves the entity it shares with x (the entity is never y: it is the
                // smallest id of its records, and x is smaller).
                if ex == ey { try db.execute(sql: "DELETE FROM person_entities WHERE person_id = ?", arguments: [y]) }
            }
            if same {
                // The two entities become one: the smaller entity id names it.
                let (keep, drop) = (min(ex, ey), max(ex, ey))
                if keep != drop {
                    try db.execute(
                        sql: "UPDATE person_entities SET entity_id = ? WHERE entity_id = ?",
                        arguments: [keep, drop]
                    )
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO person_entities (person_id, entity_id) VALUES (?, ?)",
                        arguments: [drop, keep]
                    )
                }
            }
            try Self.resolutionLedgerEntry(db, rows: 1, summary: "analyst ruling on person:\(x) and person:\(y)")
            try auditRow(
                db,
                user,
                same ? "resolve-same" : "resolve-different",
                "person:\(x)",
                "person:\(y)"
            )
        }
    }
}
