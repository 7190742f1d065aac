import Foundation
import IronTraceCore
import IronTraceStore
import PostgresNIO

/// Entity resolution on PostgreSQL, as on SQLite (see ``ResolutionStore``).
extension PostgresStore {
    public func personRecords() throws -> [Person] {
        try attempt("person records") {
            try pool.withSession { s in
                try s.rows(
                    """
                    SELECT id, pseudonym, last_name, first_name, birth_date, street, city, state, zip, phone
                    FROM persons ORDER BY id
                    """
                ).map { r in
                    let v = try r.decode(
                        (Int64, String, String, String, String?, String, String, String, String, String).self
                    )
                    return Person(
                        id: v.0,
                        pseudonym: v.1,
                        pii: PersonPII(
                            lastName: v.2,
                            firstName: v.3,
                            birthDate: v.4.flatMap { CivilDate(parsing: $0) },
                            street: v.5,
                            city: v.6,
                            state: v.7,
                            zip: v.8,
                            phone: v.9
                        )
                    )
                }
            }
        }
    }

    private func ledgerAndAudit(
        _ s: PGSession,
        rows: Int,
        summary: String,
        user: String,
        action: String,
        target: String,
        detail: String
    ) throws {
        let now = Self.now()
        try s.execute(
            """
            INSERT INTO imports (file, format, sha256, rows_read, rows_stored, rows_rejected, started_at, finished_at, origin)
            VALUES ($1, 'engine:resolution', $2, $3, $3, 0, $4, $4, 'native')
            """,
            [.text(String(summary.prefix(200))), .text(UUID().uuidString), .int(Int64(rows)), .text(now)]
        )
        let row = CaseworkInput.auditRow(user: user, action: action, target: target, detail: detail)
        try s.execute(
            "INSERT INTO audit_log (at, user_name, action, target, detail) VALUES ($1, $2, $3, $4, $5)",
            [.text(now), .text(row[0]), .text(row[1]), .text(row[2]), .text(row[3])]
        )
    }

    public func saveResolution(
        entities: [(person: Int64, entity: Int64)],
        licensees: [(licensee: Int64, entity: Int64)],
        review: [ResolutionReviewItem],
        summary: String,
        by user: String
    ) throws {
        try attempt("save resolution") {
            try pool.transaction { s in
                try s.execute("DELETE FROM person_entities")
                try s.execute("DELETE FROM licensee_entities")
                for e in licensees where e.licensee != e.entity {
                    try s.execute(
                        "INSERT INTO licensee_entities (licensee_id, entity_id) VALUES ($1, $2)",
                        [.int(e.licensee), .int(e.entity)]
                    )
                }
                try s.execute("DELETE FROM resolution_review")
                for e in entities where e.person != e.entity {
                    try s.execute(
                        "INSERT INTO person_entities (person_id, entity_id) VALUES ($1, $2)",
                        [.int(e.person), .int(e.entity)]
                    )
                }
                for r in review {
                    try s.execute(
                        """
                        INSERT INTO resolution_review (a, b, score, explanation) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (a, b) DO UPDATE SET score = excluded.score, explanation = excluded.explanation
                        """,
                        [.int(r.a), .int(r.b), .double(r.score), .text(r.explanation)]
                    )
                }
                try ledgerAndAudit(
                    s,
                    rows: entities.count,
                    summary: summary,
                    user: user,
                    action: "resolve",
                    target: "persons",
                    detail: summary
                )
            }
        }
    }

    public func licenseeEntities() throws -> [Int64: Int64] {
        try attempt("licensee entities") {
            try pool.withSession { s in
                var out: [Int64: Int64] = [:]
                for r in try s.rows("SELECT licensee_id, entity_id FROM licensee_entities") {
                    let v = try r.decode((Int64, Int64).self)
                    out[v.0] = v.1
                }
                return out
            }
        }
    }

    public func licenseeRecords() throws -> [(id: Int64, licence: String, name: String, street: String, zip: String)] {
        try attempt("licensee records") {
            try pool.withSession { s in
                try s.rows(
                    "SELECT id, licence, CASE WHEN business_name = '' THEN name ELSE business_name END, street, zip FROM licensees ORDER BY id"
                ).map { r in
                    let v = try r.decode((Int64, String, String, String, String).self)
                    return (id: v.0, licence: v.1, name: v.2, street: v.3, zip: v.4)
                }
            }
        }
    }

    public func personEntities() throws -> [Int64: Int64] {
        try attempt("person entities") {
            try pool.withSession { s in
                var out: [Int64: Int64] = [:]
                for r in try s.rows("SELECT person_id, entity_id FROM person_entities") {
                    let v = try r.decode((Int64, Int64).self)
                    out[v.0] = v.1
                }
                return out
            }
        }
    }

    public func resolutionReview(limit: Int, offset: Int) throws -> (total: Int, items: [ResolutionReviewItem]) {
        try attempt("resolution review") {
            try pool.withSession { s in
                let total = try s.scalar(Int.self, "SELECT count(*) FROM resolution_review") ?? 0
                let items = try s.rows(
                    "SELECT a, b, score, explanation FROM resolution_review ORDER BY score DESC, a, b LIMIT $1 OFFSET $2",
                    [.int(Int64(max(0, limit))), .int(Int64(max(0, offset)))]
                ).map { r in
                    let v = try r.decode((Int64, Int64, Double, String).self)
                    return ResolutionReviewItem(a: v.0, b: v.1, score: v.2, explanation: v.3)
                }
                return (total, items)
            }
        }
    }

    public func resolutionDecisions() throws -> [(a: Int64, b: Int64, same: Bool)] {
        try attempt("resolution decisions") {
            try pool.withSession { s in
                try s.rows("SELECT a, b, same FROM resolution_decisions ORDER BY decided_at").map { r in
                    let v = try r.decode((Int64, Int64, Int64).self)
                    return (a: v.0, b: v.1, same: v.2 != 0)
                }
            }
        }
    }

    public func decideResolution(a: Int64, b: Int64, same: Bool, by user: String) throws {
        let (x, y) = (min(a, b), max(a, b))
        try attempt("decide resolution") {
            try pool.transaction { s in
                try s.execute(
                    """
                    INSERT INTO resolution_decisions (a, b, same, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (a, b) DO UPDATE SET same = excluded.same, decided_by = excluded.decided_by,
                    decided_at = excluded.decided_at
                    """,
                    [.int(x), .int(y), .int(same ? 1 : 0), .text(user), .text(Self.now())]
                )
                try s.execute("DELETE FROM resolution_review WHERE a = $1 AND b = $2", [.int(x), .int(y)])
                func entity(_ id: Int64) throws -> Int64 {
                    try s.scalar(Int64.self, "SELECT entity_id FROM person_entities WHERE person_id = $1", [.int(id)])
                        ?? id
                }
                let (ex, ey) = (try entity(x), try entity(y))
                if !same {
                    if ex == ey { try s.execute("DELETE FROM person_entities WHERE person_id = $1", [.int(y)]) }
                }
                if same {
                    let (keep, drop) = (min(ex, ey), max(ex, ey))
                    if keep != drop {
                        try s.execute(
                            "UPDATE person_entities SET entity_id = $1 WHERE entity_id = $2",
                            [.int(keep), .int(drop)]
                        )
                        try s.execute(
                            """
                            INSERT INTO person_entities (person_id, entity_id) VALUES ($1, $2)
                            ON CONFLICT (person_id) DO UPDATE SET entity_id = excluded.entity_id
                            """,
                            [.int(drop), .int(keep)]
                        )
                    }
                }
                try ledgerAndAudit(
                    s,
                    rows: 1,
                    summary: "analyst ruling on person:\(x) and person:\(y)",
                    user: user,
                    action: same ? "resolve-same" : "resolve-different",
                    target: "person:\(x)",
                    detail: "person:\(y)"
                )
            }
        }
    }
}
