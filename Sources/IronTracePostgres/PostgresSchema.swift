import IronTraceDataset

/// The PostgreSQL schema: the SQLite store's migrations under the same names and with the same
/// tables and columns, in PostgreSQL's types (BIGINT for INTEGER, DOUBLE PRECISION for REAL,
/// BYTEA for BLOB, identity columns for SQLite's row ids). A migration is never edited once
/// shipped: add a new one, here and in the SQLite schema, with the same name.
enum PostgresSchema {
    /// Each migration's statements (PostgreSQL's extended protocol takes one statement at a time).
    static let migrations: [(name: String, statements: [String])] = [
        ("2026-11-21-v1-core-tables", v1 + secondaryIndexes.map { "CREATE INDEX \($0.0) ON \($0.1)" }),
        ("2026-11-21-v2-metadata", ["CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)"]),
        ("2026-11-21-v3-access", v3),
        (
            "2026-12-01-v4-secrets",
            [
                "CREATE TABLE secrets (name TEXT PRIMARY KEY, value BYTEA NOT NULL)",
                // The link key: gen_random_bytes needs pgcrypto; the key comes from the client instead (see open).
                "GRANT SELECT ON secrets TO irontrace_server",
            ]
        ),
        (
            "2026-12-10-v5-conflicts",
            [
                """
                CREATE TABLE conflicts (
                    import_id BIGINT NOT NULL,
                    line BIGINT NOT NULL,
                    table_name TEXT NOT NULL,
                    key TEXT NOT NULL,
                    new_value DOUBLE PRECISION NOT NULL,
                    stored_value DOUBLE PRECISION NOT NULL,
                    stored_import_id BIGINT NOT NULL
                )
                """,
                "CREATE INDEX conflicts_by_import ON conflicts(import_id)",
                "GRANT SELECT, INSERT ON conflicts TO irontrace_server",
            ]
        ),
        (
            "2026-12-12-v6-provenance",
            [
                "ALTER TABLE area_measures ADD COLUMN line BIGINT",
                "ALTER TABLE flows ADD COLUMN line BIGINT",
                "ALTER TABLE events ADD COLUMN end_date TEXT",
                "ALTER TABLE imports ADD COLUMN origin TEXT NOT NULL DEFAULT 'publisher'",
                "UPDATE imports SET origin = 'native' WHERE format LIKE 'native:%'",
                "UPDATE imports SET origin = 'tidied' WHERE format = 'atf-flows'",
            ]
        ),
        (
            "2026-12-13-v7-trace-requests",
            [
                "ALTER TABLE traces ADD COLUMN request_id TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE traces ADD COLUMN submitted_by TEXT NOT NULL DEFAULT ''",
                "CREATE INDEX traces_by_submitter ON traces(submitted_by)",
            ]
        ),
        ("2026-12-20-v8-casework", v8),
        (
            "2026-12-20-v9-nibin-leads",
            [
                """
                CREATE TABLE nibin_leads (
                    lead_id TEXT PRIMARY KEY,
                    lead_date TEXT NOT NULL,
                    exhibit_a TEXT NOT NULL,
                    kind_a TEXT NOT NULL,
                    recovery_a BIGINT,
                    event_a BIGINT,
                    agency_a TEXT NOT NULL,
                    exhibit_b TEXT NOT NULL,
                    kind_b TEXT NOT NULL,
                    recovery_b BIGINT,
                    event_b BIGINT,
                    agency_b TEXT NOT NULL,
                    import_id BIGINT NOT NULL
                )
                """,
                "GRANT SELECT ON nibin_leads TO irontrace_server",
            ]
        ),
        (
            "2026-12-20-v10-resolution",
            [
                "CREATE TABLE person_entities (person_id BIGINT PRIMARY KEY, entity_id BIGINT NOT NULL)",
                "CREATE TABLE licensee_entities (licensee_id BIGINT PRIMARY KEY, entity_id BIGINT NOT NULL)",
                "GRANT SELECT ON licensee_entities TO irontrace_server",
                """
                CREATE TABLE resolution_review (
                    a BIGINT NOT NULL, b BIGINT NOT NULL, score DOUBLE PRECISION NOT NULL, explanation TEXT NOT NULL,
                    PRIMARY KEY (a, b)
                )
                """,
                """
                CREATE TABLE resolution_decisions (
                    a BIGINT NOT NULL, b BIGINT NOT NULL, same BIGINT NOT NULL, decided_by TEXT NOT NULL,
                    decided_at TEXT NOT NULL, PRIMARY KEY (a, b)
                )
                """,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON person_entities TO irontrace_server",
                "GRANT SELECT, INSERT, UPDATE ON resolution_decisions TO irontrace_server",
                "GRANT SELECT, DELETE ON resolution_review TO irontrace_server",
            ]
        ),
    ]

    /// Cases, their entities and notes, watch lists and alerts (see the SQLite migration of the
    /// same name). The server's role may add and update, never delete a case or a note.
    static let v8 = [
        """
        CREATE TABLE cases (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            title TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'referred', 'closed')),
            referred_to TEXT NOT NULL DEFAULT '',
            restricted BIGINT NOT NULL DEFAULT 0,
            owner TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT ''
        )
        """,
        """
        CREATE TABLE case_items (
            case_id BIGINT NOT NULL REFERENCES cases(id),
            ref TEXT NOT NULL,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (case_id, ref)
        )
        """,
        "CREATE INDEX case_items_by_ref ON case_items(ref)",
        """
        CREATE TABLE case_notes (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            case_id BIGINT NOT NULL REFERENCES cases(id),
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            text TEXT NOT NULL
        )
        """,
        "CREATE INDEX case_notes_by_case ON case_notes(case_id)",
        """
        CREATE TABLE watches (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('dealer', 'person', 'serial')),
            value TEXT NOT NULL,
            note TEXT NOT NULL,
            owner TEXT NOT NULL,
            created_at TEXT NOT NULL,
            since_trace BIGINT NOT NULL,
            active BIGINT NOT NULL DEFAULT 1
        )
        """,
        """
        CREATE TABLE watch_alerts (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            watch_id BIGINT NOT NULL REFERENCES watches(id),
            trace_id BIGINT NOT NULL,
            match TEXT NOT NULL,
            raised_at TEXT NOT NULL,
            acknowledged_by TEXT NOT NULL DEFAULT '',
            acknowledged_at TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE UNIQUE INDEX watch_alerts_once ON watch_alerts(watch_id, trace_id)",
        "CREATE TABLE watch_scan (id BIGINT PRIMARY KEY CHECK (id = 1), through BIGINT NOT NULL)",
        "INSERT INTO watch_scan (id, through) VALUES (1, 0)",
        "GRANT SELECT, INSERT, UPDATE ON cases, watches, watch_alerts, watch_scan TO irontrace_server",
        "GRANT SELECT, INSERT, DELETE ON case_items TO irontrace_server",
        "GRANT SELECT, INSERT ON case_notes TO irontrace_server",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO irontrace_server",
    ]

    static let v1 = [
        """
        CREATE TABLE imports (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            file TEXT NOT NULL,
            format TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            rows_read BIGINT NOT NULL,
            rows_stored BIGINT NOT NULL,
            rows_rejected BIGINT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX imports_by_content ON imports(format, sha256)",
        """
        CREATE TABLE rejections (
            import_id BIGINT NOT NULL REFERENCES imports(id),
            line BIGINT NOT NULL,
            column_number BIGINT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            reason TEXT NOT NULL
        )
        """,
        "CREATE INDEX rejections_by_import ON rejections(import_id)",
        """
        CREATE TABLE licensees (
            id BIGINT PRIMARY KEY, licence TEXT NOT NULL, licence_type BIGINT NOT NULL, name TEXT NOT NULL,
            business_name TEXT NOT NULL, street TEXT NOT NULL, city TEXT NOT NULL, state TEXT NOT NULL,
            zip TEXT NOT NULL, import_id BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE persons (
            id BIGINT PRIMARY KEY, pseudonym TEXT NOT NULL, last_name TEXT NOT NULL, first_name TEXT NOT NULL,
            birth_date TEXT, street TEXT NOT NULL, city TEXT NOT NULL, state TEXT NOT NULL, zip TEXT NOT NULL,
            phone TEXT NOT NULL, import_id BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE sales (
            id BIGINT PRIMARY KEY, firearm_id BIGINT NOT NULL, licensee_id BIGINT NOT NULL, purchaser_id BIGINT,
            sale_date TEXT NOT NULL, multiple_sale_id BIGINT, make TEXT NOT NULL, manufacturer TEXT NOT NULL,
            model TEXT NOT NULL, caliber TEXT NOT NULL, type TEXT NOT NULL, serial TEXT NOT NULL,
            serial_normal TEXT NOT NULL, country_of_manufacture TEXT NOT NULL, importer TEXT NOT NULL,
            import_id BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE recoveries (
            id BIGINT PRIMARY KEY, recovery_date TEXT NOT NULL, country TEXT NOT NULL, area TEXT,
            latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, make TEXT NOT NULL, manufacturer TEXT NOT NULL,
            model TEXT NOT NULL, caliber TEXT NOT NULL, type TEXT NOT NULL, serial TEXT NOT NULL,
            serial_normal TEXT NOT NULL, serial_obliterated BIGINT NOT NULL, possessor_id BIGINT,
            crime_category TEXT NOT NULL, event_id BIGINT, agency TEXT NOT NULL, case_number TEXT NOT NULL,
            import_id BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE traces (
            id BIGINT PRIMARY KEY, recovery_id BIGINT NOT NULL, request_date TEXT NOT NULL, outcome TEXT NOT NULL,
            not_traced_reason TEXT, sale_id BIGINT, licensee_id BIGINT, purchaser_id BIGINT,
            time_to_crime_days BIGINT, source_class TEXT NOT NULL, source_country TEXT NOT NULL,
            source_state TEXT NOT NULL, import_id BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE events (
            id BIGINT PRIMARY KEY, event_date TEXT NOT NULL, date_precision TEXT NOT NULL, event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL, actor1 TEXT NOT NULL, actor2 TEXT NOT NULL, country TEXT NOT NULL,
            area TEXT, location TEXT NOT NULL, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
            fatalities BIGINT NOT NULL, source_dataset TEXT NOT NULL, source_id TEXT NOT NULL, notes TEXT NOT NULL,
            provenance TEXT NOT NULL, import_id BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE area_measures (
            area TEXT NOT NULL, period TEXT NOT NULL, measure TEXT NOT NULL, value DOUBLE PRECISION NOT NULL,
            source TEXT NOT NULL, import_id BIGINT NOT NULL, PRIMARY KEY (area, period, measure, source)
        )
        """,
        """
        CREATE TABLE flows (
            source_area TEXT NOT NULL, recovery_area TEXT NOT NULL, year BIGINT NOT NULL, count BIGINT NOT NULL,
            source TEXT NOT NULL, import_id BIGINT NOT NULL, PRIMARY KEY (source_area, recovery_area, year, source)
        )
        """,
    ]

    /// Users, sessions, API tokens, the audit log (a trigger refuses UPDATE, DELETE and TRUNCATE)
    /// and `irontrace_server`, the role a server logs in with: it may read everything, submit
    /// traces, manage accounts and sessions and append to the audit log, but never change or
    /// delete an audit entry.
    static let v3 = [
        """
        CREATE TABLE users (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
            password_hash TEXT NOT NULL,
            must_change_password BIGINT NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE api_tokens (
            token_hash TEXT PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE audit_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at TEXT NOT NULL,
            user_name TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT NOT NULL
        )
        """,
        """
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
        """,
        """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
        """,
        """
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
        """,
        """
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
        """,
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'irontrace_server') THEN
                CREATE ROLE irontrace_server NOLOGIN;
            END IF;
        END $$
        """,
        """
        GRANT SELECT ON imports, rejections, licensees, persons, sales, recoveries, traces, events, area_measures,
        flows, metadata TO irontrace_server
        """,
        "GRANT INSERT ON imports, rejections, recoveries, traces TO irontrace_server",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, api_tokens TO irontrace_server",
        "GRANT SELECT, INSERT ON audit_log TO irontrace_server",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO irontrace_server",
        "GRANT SELECT ON grdb_migrations TO irontrace_server",
    ]

    /// Secondary indexes, by table (the SQLite store's, same names): dropped before a bulk load
    /// into an empty table and rebuilt after.
    static let secondaryIndexes: [(String, String)] = [
        ("sales_by_serial", "sales(serial_normal)"),
        ("sales_by_licensee", "sales(licensee_id)"),
        ("sales_by_purchaser", "sales(purchaser_id)"),
        ("recoveries_by_date", "recoveries(recovery_date)"),
        ("traces_by_recovery", "traces(recovery_id)"),
        ("traces_by_licensee", "traces(licensee_id)"),
        ("events_by_date", "events(event_date)"),
    ]

    static func indexes(of table: String) -> [(String, String)] {
        secondaryIndexes.filter { $0.1.hasPrefix(table + "(") }
    }

    /// Applies the migrations not yet applied, under an advisory lock so that two processes
    /// opening a new database at once do not both migrate it. A server logging in as
    /// `irontrace_server` (no DDL rights) opens a database that is up to date without taking it.
    static func migrate(_ pool: PostgresPool) throws {
        let applied = try pool.withSession { s in try appliedMigrations(s) }
        guard migrations.contains(where: { !applied.contains($0.name) }) else { return }
        // The server's role belongs to the cluster, not to one database, and the advisory lock
        // below only to one database: two new databases migrated at once (tests, two deployments
        // on one cluster) could both create it, and one failed. Created here first, a concurrent
        // creator tolerated; the migration then finds it.
        if !applied.contains("2026-11-21-v3-access") {
            try pool.withSession { s in
                try s.execute(
                    """
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'irontrace_server') THEN
                            CREATE ROLE irontrace_server NOLOGIN;
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                    END $$
                    """
                )
            }
        }
        try pool.transaction { s in
            try s.execute("SELECT pg_advisory_xact_lock(7470011401)")
            try s.execute("CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let done = try appliedMigrations(s)
            for m in migrations where !done.contains(m.name) {
                for statement in m.statements { try s.execute(statement) }
                if m.name == "2026-12-01-v4-secrets" {
                    try s.execute(
                        "INSERT INTO secrets (name, value) VALUES ('link-key', $1)",
                        [.bytes(LinkSecret.randomBytes())]
                    )
                }
                try s.execute("INSERT INTO grdb_migrations (identifier) VALUES ($1)", [.text(m.name)])
            }
        }
    }

    /// The names of the migrations applied (the table has GRDB's name, as in the SQLite file).
    static func appliedMigrations(_ s: PGSession) throws -> Set<String> {
        guard try s.scalar(String.self, "SELECT to_regclass('grdb_migrations')::text") != nil else { return [] }
        return Set(try s.rows("SELECT identifier FROM grdb_migrations").map { try $0.decode(String.self) })
    }

    /// The tables of native kinds.
    static let tables = [
        "licensees", "persons", "sales", "recoveries", "traces", "events", "area_measures", "flows", "nibin_leads",
    ]
}
