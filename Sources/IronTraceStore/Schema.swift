import Foundation
import GRDB
import IronTraceDataset

/// The SQLite schema as named migrations. A migration is never edited once shipped: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("2026-11-21-v1-core-tables") { db in
            try db.execute(
                sql: """
                    CREATE TABLE imports (
                        id INTEGER PRIMARY KEY,
                        file TEXT NOT NULL,
                        format TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        rows_read INTEGER NOT NULL,
                        rows_stored INTEGER NOT NULL,
                        rows_rejected INTEGER NOT NULL,
                        started_at TEXT NOT NULL,
                        finished_at TEXT NOT NULL
                    ) STRICT;
                    CREATE UNIQUE INDEX imports_by_content ON imports(format, sha256);

                    CREATE TABLE rejections (
                        import_id INTEGER NOT NULL REFERENCES imports(id),
                        line INTEGER NOT NULL,
                        column_number INTEGER NOT NULL,
                        field TEXT NOT NULL,
                        value TEXT NOT NULL,
                        reason TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX rejections_by_import ON rejections(import_id);

                    CREATE TABLE licensees (
                        id INTEGER PRIMARY KEY,
                        licence TEXT NOT NULL,
                        licence_type INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        business_name TEXT NOT NULL,
                        street TEXT NOT NULL,
                        city TEXT NOT NULL,
                        state TEXT NOT NULL,
                        zip TEXT NOT NULL,
                        import_id INTEGER NOT NULL
                    ) STRICT;

                    CREATE TABLE persons (
                        id INTEGER PRIMARY KEY,
                        pseudonym TEXT NOT NULL,
                        last_name TEXT NOT NULL,
                        first_name TEXT NOT NULL,
                        birth_date TEXT,
                        street TEXT NOT NULL,
                        city TEXT NOT NULL,
                        state TEXT NOT NULL,
                        zip TEXT NOT NULL,
                        phone TEXT NOT NULL,
                        import_id INTEGER NOT NULL
                    ) STRICT;

                    CREATE TABLE sales (
                        id INTEGER PRIMARY KEY,
                        firearm_id INTEGER NOT NULL,
                        licensee_id INTEGER NOT NULL,
                        purchaser_id INTEGER,
                        sale_date TEXT NOT NULL,
                        multiple_sale_id INTEGER,
                        make TEXT NOT NULL,
                        manufacturer TEXT NOT NULL,
                        model TEXT NOT NULL,
                        caliber TEXT NOT NULL,
                        type TEXT NOT NULL,
                        serial TEXT NOT NULL,
                        serial_normal TEXT NOT NULL,
                        country_of_manufacture TEXT NOT NULL,
                        importer TEXT NOT NULL,
                        import_id INTEGER NOT NULL
                    ) STRICT;

                    CREATE TABLE recoveries (
                        id INTEGER PRIMARY KEY,
                        recovery_date TEXT NOT NULL,
                        country TEXT NOT NULL,
                        area TEXT,
                        latitude REAL,
                        longitude REAL,
                        make TEXT NOT NULL,
                        manufacturer TEXT NOT NULL,
                        model TEXT NOT NULL,
                        caliber TEXT NOT NULL,
                        type TEXT NOT NULL,
                        serial TEXT NOT NULL,
                        serial_normal TEXT NOT NULL,
                        serial_obliterated INTEGER NOT NULL,
                        possessor_id INTEGER,
                        crime_category TEXT NOT NULL,
                        event_id INTEGER,
                        agency TEXT NOT NULL,
                        case_number TEXT NOT NULL,
                        import_id INTEGER NOT NULL
                    ) STRICT;

                    CREATE TABLE traces (
                        id INTEGER PRIMARY KEY,
                        recovery_id INTEGER NOT NULL,
                        request_date TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        not_traced_reason TEXT,
                        sale_id INTEGER,
                        licensee_id INTEGER,
                        purchaser_id INTEGER,
                        time_to_crime_days INTEGER,
                        source_class TEXT NOT NULL,
                        source_country TEXT NOT NULL,
                        source_state TEXT NOT NULL,
                        import_id INTEGER NOT NULL
                    ) STRICT;

                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY,
                        event_date TEXT NOT NULL,
                        date_precision TEXT NOT NULL,
                        event_type TEXT NOT NULL,
                        sub_event_type TEXT NOT NULL,
                        actor1 TEXT NOT NULL,
                        actor2 TEXT NOT NULL,
                        country TEXT NOT NULL,
                        area TEXT,
                        location TEXT NOT NULL,
                        latitude REAL,
                        longitude REAL,
                        fatalities INTEGER NOT NULL,
                        source_dataset TEXT NOT NULL,
                        source_id TEXT NOT NULL,
                        notes TEXT NOT NULL,
                        provenance TEXT NOT NULL,
                        import_id INTEGER NOT NULL
                    ) STRICT;

                    CREATE TABLE area_measures (
                        area TEXT NOT NULL,
                        period TEXT NOT NULL,
                        measure TEXT NOT NULL,
                        value REAL NOT NULL,
                        source TEXT NOT NULL,
                        import_id INTEGER NOT NULL,
                        PRIMARY KEY (area, period, measure, source)
                    ) STRICT;

                    CREATE TABLE flows (
                        source_area TEXT NOT NULL,
                        recovery_area TEXT NOT NULL,
                        year INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        source TEXT NOT NULL,
                        import_id INTEGER NOT NULL,
                        PRIMARY KEY (source_area, recovery_area, year, source)
                    ) STRICT;
                    """
            )
            for (name, sql) in secondaryIndexes { try db.execute(sql: "CREATE INDEX \(name) ON \(sql)") }
        }
        m.registerMigration("2026-11-21-v2-metadata") { db in
            try db.execute(sql: "CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
        }
        m.registerMigration("2026-11-21-v3-access") { db in
            // Users, sessions and API tokens for the server; secrets are stored as hashes only
            // (bcrypt for passwords, SHA-256 for session and API tokens). The audit log refuses
            // updates and deletes: it is append-only by construction, not by convention.
            try db.execute(
                sql: """
                    CREATE TABLE users (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
                        password_hash TEXT NOT NULL,
                        must_change_password INTEGER NOT NULL DEFAULT 0,
                        created_at TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE sessions (
                        token_hash TEXT PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE api_tokens (
                        token_hash TEXT PRIMARY KEY,
                        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                        label TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE audit_log (
                        id INTEGER PRIMARY KEY,
                        at TEXT NOT NULL,
                        user_name TEXT NOT NULL,
                        action TEXT NOT NULL,
                        target TEXT NOT NULL,
                        detail TEXT NOT NULL
                    ) STRICT;
                    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """
            )
        }
        m.registerMigration("2026-12-01-v4-secrets") { db in
            // Secrets of this database, made once when it is created (or first opened by this version):
            // `link-key` keys the hashes that name shared phones and addresses (LinkKey), so their ids
            // cannot be reversed by hashing candidates. Not a native kind: no export reads this table,
            // `info` does not list it, and nothing shows it.
            try db.execute(sql: "CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT")
            try db.execute(
                sql: "INSERT INTO secrets (name, value) VALUES ('link-key', ?)",
                arguments: [Data(LinkSecret.randomBytes())]
            )
        }
        m.registerMigration("2026-12-10-v5-conflicts") { db in
            // Aggregates (area measures, flows) that a later import gave a different value for the
            // same key than the one stored: both values kept, with both imports, so nothing a
            // second publication says is dropped without a word. The stored value stays the one
            // reports read; `irontrace info` lists these.
            try db.execute(
                sql: """
                    CREATE TABLE conflicts (
                        import_id INTEGER NOT NULL,
                        line INTEGER NOT NULL,
                        table_name TEXT NOT NULL,
                        key TEXT NOT NULL,
                        new_value REAL NOT NULL,
                        stored_value REAL NOT NULL,
                        stored_import_id INTEGER NOT NULL
                    ) STRICT;
                    CREATE INDEX conflicts_by_import ON conflicts(import_id);
                    """
            )
        }
        m.registerMigration("2026-12-12-v6-provenance") { db in
            // Provenance of aggregates: the line of its file each area measure and flow came from,
            // and whether an import is the publisher's own file or a tidied copy (precedence when
            // imports disagree; see SourcePrecedence). Rows stored before keep a NULL line. Events
            // keep the end of a date range that leaves its start month (UCDP's date_end).
            try db.execute(
                sql: """
                    ALTER TABLE area_measures ADD COLUMN line INTEGER;
                    ALTER TABLE flows ADD COLUMN line INTEGER;
                    ALTER TABLE events ADD COLUMN end_date TEXT;
                    ALTER TABLE imports ADD COLUMN origin TEXT NOT NULL DEFAULT 'publisher';
                    UPDATE imports SET origin = 'native' WHERE format LIKE 'native:%';
                    UPDATE imports SET origin = 'tidied' WHERE format = 'atf-flows';
                    """
            )
        }
        m.registerMigration("2026-12-13-v7-trace-requests") { db in
            // The request id an agency gave a trace and the account that submitted it, so an analyst
            // finds a request again ("my requests", search by request id). Imported traces have "".
            try db.execute(
                sql: """
                    ALTER TABLE traces ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
                    ALTER TABLE traces ADD COLUMN submitted_by TEXT NOT NULL DEFAULT '';
                    CREATE INDEX traces_by_submitter ON traces(submitted_by);
                    """
            )
        }
        m.registerMigration("2026-12-20-v8-casework") { db in
            // Cases (opened from a lead or an entity, worked by analysts, referred to an agency),
            // their entities and notes, watch lists and the alerts they raised. Every change is
            // audited by the store in the same transaction. An alert is raised once per watch and
            // trace (the unique index); `watch_scan` keeps the highest trace id already matched.
            try db.execute(
                sql: """
                    CREATE TABLE cases (
                        id INTEGER PRIMARY KEY,
                        title TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('open', 'referred', 'closed')),
                        referred_to TEXT NOT NULL DEFAULT '',
                        restricted INTEGER NOT NULL DEFAULT 0,
                        owner TEXT NOT NULL,
                        opened_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        origin TEXT NOT NULL DEFAULT ''
                    ) STRICT;
                    CREATE TABLE case_items (
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        ref TEXT NOT NULL,
                        added_by TEXT NOT NULL,
                        added_at TEXT NOT NULL,
                        PRIMARY KEY (case_id, ref)
                    ) STRICT;
                    CREATE INDEX case_items_by_ref ON case_items(ref);
                    CREATE TABLE case_notes (
                        id INTEGER PRIMARY KEY,
                        case_id INTEGER NOT NULL REFERENCES cases(id),
                        author TEXT NOT NULL,
                        at TEXT NOT NULL,
                        text TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX case_notes_by_case ON case_notes(case_id);
                    CREATE TABLE watches (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('dealer', 'person', 'serial')),
                        value TEXT NOT NULL,
                        note TEXT NOT NULL,
                        owner TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        since_trace INTEGER NOT NULL,
                        active INTEGER NOT NULL DEFAULT 1
                    ) STRICT;
                    CREATE TABLE watch_alerts (
                        id INTEGER PRIMARY KEY,
                        watch_id INTEGER NOT NULL REFERENCES watches(id),
                        trace_id INTEGER NOT NULL,
                        match TEXT NOT NULL,
                        raised_at TEXT NOT NULL,
                        acknowledged_by TEXT NOT NULL DEFAULT '',
                        acknowledged_at TEXT NOT NULL DEFAULT ''
                    ) STRICT;
                    CREATE UNIQUE INDEX watch_alerts_once ON watch_alerts(watch_id, trace_id);
                    CREATE TABLE watch_scan (id INTEGER PRIMARY KEY CHECK (id = 1), through INTEGER NOT NULL) STRICT;
                    INSERT INTO watch_scan (id, through) VALUES (1, 0);
                    """
            )
        }
        m.registerMigration("2026-12-20-v9-nibin-leads") { db in
            // NIBIN correlation leads (native kind nibin_leads): two exhibits fired by one gun,
            // each tied to a recovery, a shooting event or both. The lead number is the key.
            try db.execute(
                sql: """
                    CREATE TABLE nibin_leads (
                        lead_id TEXT PRIMARY KEY,
                        lead_date TEXT NOT NULL,
                        exhibit_a TEXT NOT NULL,
                        kind_a TEXT NOT NULL,
                        recovery_a INTEGER,
                        event_a INTEGER,
                        agency_a TEXT NOT NULL,
                        exhibit_b TEXT NOT NULL,
                        kind_b TEXT NOT NULL,
                        recovery_b INTEGER,
                        event_b INTEGER,
                        agency_b TEXT NOT NULL,
                        import_id INTEGER NOT NULL
                    ) STRICT;
                    """
            )
        }
        m.registerMigration("2026-12-20-v10-resolution") { db in
            // Entity resolution: which person records are one person (merged records only), the
            // pairs left for an analyst, and the analysts' rulings. The person records stay as typed.
            try db.execute(
                sql: """
                    CREATE TABLE person_entities (
                        person_id INTEGER PRIMARY KEY,
                        entity_id INTEGER NOT NULL
                    ) STRICT;
                    CREATE TABLE licensee_entities (
                        licensee_id INTEGER PRIMARY KEY,
                        entity_id INTEGER NOT NULL
                    ) STRICT;
                    CREATE TABLE resolution_review (
                        a INTEGER NOT NULL,
                        b INTEGER NOT NULL,
                        score REAL NOT NULL,
                        explanation TEXT NOT NULL,
                        PRIMARY KEY (a, b)
                    ) STRICT;
                    CREATE TABLE resolution_decisions (
                        a INTEGER NOT NULL,
                        b INTEGER NOT NULL,
                        same INTEGER NOT NULL,
                        decided_by TEXT NOT NULL,
                        decided_at TEXT NOT NULL,
                        PRIMARY KEY (a, b)
                    ) STRICT;
                    """
            )
        }
        return m
    }

    /// Secondary indexes, by table: dropped before a bulk load into an empty table and rebuilt after.
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

    /// The table each native kind loads into.
    static let tables = [
        "licensees", "persons", "sales", "recoveries", "traces", "events", "area_measures", "flows", "nibin_leads",
    ]
}
