import Foundation
import IronTraceCore
import IronTraceFormats
import IronTracePostgres
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import Testing

/// The store's behaviour on both backends: every test body runs on SQLite and, when a PostgreSQL
/// server is configured (`IRONTRACE_TEST_POSTGRES_URL`, which `.ci/run` sets), on PostgreSQL; the
/// two must store, reject, export and load the same things.
@Suite struct BackendTests {
    static func sqlite(_ dir: TemporaryDirectory) throws -> any IronTraceDatabase {
        try IronTraceStore(path: dir.path("db.sqlite"))
    }
    static func postgresStore() throws -> any IronTraceDatabase {
        try PostgresStore(url: try PostgresScratch.freshDatabase())
    }

    // MARK: Imports

    static func importsTheWorld(_ store: any IronTraceDatabase, _ dir: TemporaryDirectory) throws -> [String: String] {
        let world = WorldGenerator.generate(scale: .tiny, seed: 7)
        let files = try world.writeFiles(to: dir.path("world"))
        for f in files {
            let s = try store.importNative(kind: f.kind, path: f.path)
            #expect(s.rowsRejected == 0, "\(f.kind): \(s.sampleRejections.prefix(3))")
            #expect(s.isBalanced)
        }
        let counts = Dictionary(uniqueKeysWithValues: try store.counts().map { ($0.table, $0.rows) })
        #expect(counts["sales"] == world.saleCount)
        #expect(counts["traces"] == world.traces.count)
        #expect(counts["persons"] == world.personCount)
        #expect(try store.ledger().count == files.count)
        let again = try store.importNative(kind: .sales, path: files.first { $0.kind == .sales }!.path)
        #expect(again.previousImportID != nil && again.rowsStored == 0)
        #expect(try store.ledger().count == files.count)
        let d = try store.loadDataset()
        #expect(d.sales.count == world.saleCount && d.traces.count == world.traces.count)
        // Every kind exported: the backends must write the same bytes.
        var exports: [String: String] = [:]
        for kind in NativeKind.allCases {
            let out = dir.path("export-\(kind.rawValue).csv")
            try store.export(kind: kind, to: out)
            exports[kind.rawValue] = try String(contentsOfFile: out, encoding: .utf8)
        }
        return exports
    }

    @Test func importsTheWorldOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        _ = try Self.importsTheWorld(try Self.sqlite(dir), dir)
    }

    @Test(.postgresServer) func importsTheWorldOnPostgresAsOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let pg = try Self.importsTheWorld(try Self.postgresStore(), dir)
        let lite = try Self.importsTheWorld(try Self.sqlite(dir), dir)
        for (kind, text) in lite {
            #expect(pg[kind] == text, "export of \(kind) differs between PostgreSQL and SQLite")
        }
    }

    static func rejectsDuplicatesAndKeepsConflicts(_ store: any IronTraceDatabase, _ dir: TemporaryDirectory) throws
        -> [String]
    {
        let header = NativeKind.flows.header.joined(separator: ",")
        try (header + "\nUS-TX,MX-14,2017,5,ATF\nUS-AZ,MX-26,2017,3,ATF\n").write(
            toFile: dir.path("a.csv"),
            atomically: true,
            encoding: .utf8
        )
        // Line 2 disagrees with a, line 3 agrees, line 4 repeats line 5's... key within the file, line 6 is bad.
        try
            (header
            + "\nUS-TX,MX-14,2017,6,ATF\nUS-AZ,MX-26,2017,3,ATF\nUS-CA,MX-02,2017,1,ATF\nUS-CA,MX-02,2017,1,ATF\nUS-CA,MX-02,x,1,ATF\n")
            .write(toFile: dir.path("b.csv"), atomically: true, encoding: .utf8)
        let a = try store.importNative(kind: .flows, path: dir.path("a.csv"))
        #expect(a.rowsStored == 2 && a.isBalanced)
        let b = try store.importNative(kind: .flows, path: dir.path("b.csv"))
        #expect(b.rowsRead == 5 && b.rowsStored == 1 && b.rowsRejected == 4 && b.isBalanced)
        #expect(b.conflicts == 1 && b.agreeingDuplicates == 1)
        #expect(b.largestConflicts.first?.storedValue == 5 && b.largestConflicts.first?.newValue == 6)
        let stored = try store.rejections(importID: b.importID!, limit: -1, offset: 0)
        #expect(stored.count == 4 && stored.map(\.line) == stored.map(\.line).sorted())
        #expect(try store.rejectionCount(importID: b.importID!) == 4)
        let groups = try store.conflictGroups()
        #expect(groups.count == 1 && groups.first?.count == 1)
        // A dry run says the same and keeps nothing.
        try (header + "\nUS-NM,MX-08,2018,2,ATF\n").write(toFile: dir.path("c.csv"), atomically: true, encoding: .utf8)
        let dry = try store.importNative(kind: .flows, path: dir.path("c.csv"), dryRun: true, progress: nil)
        #expect(dry.rowsStored == 1 && dry.importID == nil)
        #expect(try store.counts().first { $0.table == "flows" }?.rows == 3)
        #expect(try store.flowTotals().map(\.count).reduce(0, +) == 5 + 3 + 1)
        return stored.map { "\($0.line) \($0.column) \($0.field) \($0.value): \($0.reason)" }
    }

    @Test func rejectsDuplicatesAndKeepsConflictsOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        _ = try Self.rejectsDuplicatesAndKeepsConflicts(try Self.sqlite(dir), dir)
    }

    @Test(.postgresServer) func rejectsDuplicatesAndKeepsConflictsOnPostgresAsOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let pg = try Self.rejectsDuplicatesAndKeepsConflicts(try Self.postgresStore(), dir)
        let lite = try Self.rejectsDuplicatesAndKeepsConflicts(try Self.sqlite(dir), dir)
        #expect(pg == lite)
    }

    /// Records into an empty table (PostgreSQL's direct COPY, its key built afterwards): a key the file
    /// repeats sends the load down the careful path, which keeps the first row and says why of the
    /// second; a bad row is rejected with its line; the key holds for the next import.
    static func repeatedKeyInAFirstLoad(_ store: any IronTraceDatabase, _ dir: TemporaryDirectory) throws -> [String] {
        let header = NativeKind.licensees.header.joined(separator: ",")
        let rows = [
            "1,4-27-075-01-4L-10007,\"CLARK, RICARDO\",Clark's Firearms,8251 Oak St,Springfield,MN,50449",
            "2,6-36-093-01-4B-10009,\"JONES, JORGE\",Jones's Sporting Goods,8979 Park Blvd,Rochester,NY,10744",
            "1,4-27-075-01-4L-10099,\"OTHER, NAME\",Other Guns,1 Elm St,Duluth,MN,55801",
            "x,6-36-093-01-4B-10010,\"BAD, ID\",Bad Id,2 Elm St,Albany,NY,12201",
        ]
        try (header + "\n" + rows.joined(separator: "\n") + "\n").write(
            toFile: dir.path("l.csv"),
            atomically: true,
            encoding: .utf8
        )
        let first = try store.importNative(kind: .licensees, path: dir.path("l.csv"))
        #expect(first.rowsRead == 4 && first.rowsStored == 2 && first.rowsRejected == 2 && first.isBalanced)
        let stored = try store.rejections(importID: first.importID!, limit: -1, offset: 0)
        #expect(stored.map(\.line) == [4, 5])
        // A clean first load goes in whole, and its key refuses a repeat by the next file.
        try (header + "\n" + rows[0] + "\n").write(toFile: dir.path("m.csv"), atomically: true, encoding: .utf8)
        let again = try store.importNative(kind: .licensees, path: dir.path("m.csv"))
        #expect(again.rowsStored == 0 && again.rowsRejected == 1)
        #expect(try store.counts().first { $0.table == "licensees" }?.rows == 2)
        return stored.map { "\($0.line) \($0.column) \($0.field) \($0.value): \($0.reason)" }
    }

    @Test(.postgresServer) func aRepeatedKeyInAFirstLoadIsRejectedOnPostgresAsOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let pg = try Self.repeatedKeyInAFirstLoad(try Self.postgresStore(), dir)
        let lite = try Self.repeatedKeyInAFirstLoad(try Self.sqlite(dir), dir)
        #expect(pg == lite)
        #expect(pg.first?.contains("already stored") == true, "\(pg)")
    }

    // MARK: Access and audit

    static func accountsSessionsTokensAndAudit(_ store: any IronTraceDatabase) throws {
        let u = try store.addUser(name: "ada", role: .admin, passwordHash: "$2b$hash", mustChangePassword: true)
        #expect(throws: StoreError.self) { try store.addUser(name: "ada", role: .viewer, passwordHash: "x") }
        #expect(try store.user(named: "ada")?.mustChangePassword == true)
        let (token, csrf) = try store.startSession(userID: u.id, lifetime: 3600)
        #expect(try store.session(token: token)?.csrf == csrf)
        let api = try store.createAPIToken(userName: "ada", label: "ci")
        #expect(try store.user(apiToken: api)?.name == "ada")
        #expect(try store.apiTokens(userName: "ada").map(\.label) == ["ci"])
        try store.setPassword(userID: u.id, passwordHash: "$2b$new", keepSession: token)
        #expect(try store.user(apiToken: api) == nil)
        #expect(try store.session(token: token) != nil)
        #expect(try store.user(named: "ada")?.mustChangePassword == false)
        let second = try store.createAPIToken(userName: "ada", label: "other")
        #expect(try store.revokeAPITokens(userName: "ada", .label("other")) == 1)
        #expect(try store.user(apiToken: second) == nil)
        try store.endSession(token: token)
        #expect(try store.session(token: token) == nil)
        try store.audit(user: "ada", action: "login", target: "session")
        try store.audit(user: "ana", action: "trace-lookup", target: "trace:1", detail: "x")
        #expect(try store.auditLog().total == 2)
        #expect(try store.auditLog(user: "ana").entries.map(\.action) == ["trace-lookup"])
        #expect(try store.removeUser(named: "ada"))
        #expect(try store.users().isEmpty)
    }

    @Test func accountsSessionsTokensAndAuditOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try Self.accountsSessionsTokensAndAudit(try Self.sqlite(dir))
    }

    @Test(.postgresServer) func accountsSessionsTokensAndAuditOnPostgres() throws {
        try Self.accountsSessionsTokensAndAudit(try Self.postgresStore())
    }

    // MARK: Cases, watches, alerts

    static func casesWatchesAndAlerts(_ store: any IronTraceDatabase) throws {
        let c = try store.openCase(
            title: "  Straw ring  ",
            restricted: false,
            origin: "lead:1",
            refs: ["person:1", "dealer:2", "person:1"],
            by: "ana"
        )
        #expect(c.title == "Straw ring")
        #expect(try store.caseItems(caseID: c.id).map(\.ref) == ["person:1", "dealer:2"])
        #expect(try store.addToCase(id: c.id, refs: ["firearm:9", "dealer:2"], by: "ana") == 1)
        #expect(try store.removeFromCase(id: c.id, ref: "dealer:2", by: "ana"))
        #expect(try !store.removeFromCase(id: c.id, ref: "dealer:2", by: "ana"))
        try store.addCaseNote(caseID: c.id, text: "first", by: "ana")
        try store.addCaseNote(caseID: c.id, text: "second", by: "bea")
        #expect(try store.caseNotes(caseID: c.id).map(\.text) == ["first", "second"])
        #expect(throws: StoreError.self) {
            try store.setCaseStatus(id: c.id, status: .referred, referredTo: " ", by: "ana")
        }
        let referred = try store.setCaseStatus(id: c.id, status: .referred, referredTo: "FGR", by: "ana")
        #expect(referred.status == .referred && referred.referredTo == "FGR")
        let closed = try store.setCaseStatus(id: c.id, status: .closed, referredTo: "", by: "ana")
        #expect(closed.referredTo == "FGR", "closing keeps where it was referred")
        #expect(try store.cases(holding: "person:1").isEmpty, "a closed case is not offered")
        let secret = try store.openCase(title: "Informant", restricted: true, origin: "", refs: [], by: "ana")
        #expect(try store.cases(visibleTo: "bea", isAdmin: false, status: nil).map(\.id) == [c.id])
        #expect(Set(try store.cases(visibleTo: "ana", isAdmin: false, status: nil).map(\.id)) == [c.id, secret.id])
        #expect(try store.cases(visibleTo: "ada", isAdmin: true, status: .open).map(\.id) == [secret.id])
        // Refused before anything is written.
        #expect(throws: StoreError.self) {
            try store.openCase(title: " ", restricted: false, origin: "", refs: [], by: "ana")
        }
        #expect(throws: StoreError.self) {
            try store.openCase(title: "x", restricted: false, origin: "", refs: ["address:ff"], by: "ana")
        }
        #expect(throws: StoreError.self) { try store.addCaseNote(caseID: 999, text: "x", by: "ana") }
        #expect(throws: StoreError.self) {
            try store.addCaseNote(caseID: c.id, text: String(repeating: "x", count: Casework.maxNote + 1), by: "ana")
        }
        #expect(try store.auditLog(action: "case-open").total == 2)
        #expect(try store.auditLog(action: "case-note").total == 2)
        #expect(try store.auditLog(action: "case-status").total == 2)

        // Watches start after the last stored trace; alerts once per watch and trace.
        let w = try store.addWatch(kind: .serial, value: "ab-12*", note: "", by: "ana")
        #expect(w.value == "AB12*")
        #expect(throws: StoreError.self) { try store.addWatch(kind: .serial, value: "*", note: "", by: "ana") }
        #expect(throws: StoreError.self) { try store.addWatch(kind: .dealer, value: "nope", note: "", by: "ana") }
        #expect(throws: StoreError.self) { try store.addWatch(kind: .person, value: "Ana", note: "", by: "ana") }
        let p = try store.addWatch(kind: .person, value: "12", note: "brother", by: "ana")
        #expect(try store.raiseAlerts([(w.id, 100, .serial), (p.id, 100, .purchaser)], scannedThrough: 100) == 2)
        #expect(try store.raiseAlerts([(w.id, 100, .serial), (p.id, 101, .possessor)], scannedThrough: 90) == 1)
        #expect(try store.alertScanMark() == 100, "the mark only moves up")
        let (total, alerts) = try store.alerts(unacknowledgedOnly: true, limit: 10, offset: 0)
        #expect(total == 3)
        #expect(alerts.map(\.traceID) == [101, 100, 100])
        #expect(alerts.first?.watch?.note == "brother")
        #expect(try store.acknowledgeAlert(id: alerts[0].id, by: "bea"))
        #expect(try !store.acknowledgeAlert(id: alerts[0].id, by: "bea"), "seen once")
        #expect(try store.alerts(unacknowledgedOnly: true, limit: 10, offset: 0).total == 2)
        #expect(try store.alerts(unacknowledgedOnly: false, limit: 1, offset: 2).alerts.count == 1)
        #expect(try store.endWatch(id: w.id, by: "ana"))
        #expect(try store.watches(includeEnded: false).map(\.id) == [p.id])
        #expect(try store.watches(includeEnded: true).count == 2)
        #expect(try store.auditLog(action: "alert-ack").total == 1)
        #expect(try store.auditLog(action: "watch-end").total == 1)
    }

    @Test func casesWatchesAndAlertsOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try Self.casesWatchesAndAlerts(try Self.sqlite(dir))
    }

    @Test(.postgresServer) func casesWatchesAndAlertsOnPostgres() throws {
        try Self.casesWatchesAndAlerts(try Self.postgresStore())
    }

    // MARK: Entity resolution

    static func resolutionIsStoredAppliedAndRuled(_ store: any IronTraceDatabase, _ dir: TemporaryDirectory) throws {
        _ = try importsTheWorld(store, dir)
        let people = try store.personRecords()
        #expect(people.count == (try store.counts().first { $0.table == "persons" }?.rows ?? -1))
        #expect(people.contains { !$0.pii.lastName.isEmpty }, "personal data read for the resolver")
        let before = try store.loadDataset()
        let (a, b, c) = (people[0].id, people[1].id, people[2].id)
        try store.saveResolution(
            entities: [(person: b, entity: a)],
            licensees: [],
            review: [
                ResolutionReviewItem(a: a, b: c, score: 0.75, explanation: "same name; blank; same address; blank")
            ],
            summary: "test",
            by: "ana"
        )
        #expect(try store.personEntities() == [b: a])
        let merged = try store.loadDataset()
        #expect(merged.persons.count == before.persons.count - 1)
        #expect(!merged.sales.purchaser.contains(b), "record \(b)'s purchases are read as \(a)'s")
        #expect(
            merged.sales.purchaser.filter { $0 == a }.count
                == before.sales.purchaser.filter { $0 == a || $0 == b }.count
        )
        #expect(try store.resolutionReview(limit: 10, offset: 0).total == 1)
        try store.decideResolution(a: c, b: a, same: true, by: "ana")
        #expect(try store.personEntities() == [b: a, c: a])
        #expect(try store.resolutionReview(limit: 10, offset: 0).total == 0)
        try store.decideResolution(a: a, b: b, same: false, by: "bea")
        #expect(try store.personEntities() == [c: a])
        #expect(try store.resolutionDecisions().count == 2)
        #expect(try store.auditLog(action: "resolve").total == 1)
        #expect(try store.auditLog(action: "resolve-same").total == 1)
        #expect(try store.auditLog(action: "resolve-different").total == 1)
        // Every change is a ledger entry, so servers and the persisted snapshot see it.
        #expect(try store.ledger().filter { $0.format == "engine:resolution" }.count == 3)
        // Licensees: a second record read as the business.
        let dealers = try store.licenseeRecords()
        let (d1, d2) = (dealers[0].id, dealers[1].id)
        try store.saveResolution(
            entities: [],
            licensees: [(licensee: d2, entity: d1)],
            review: [],
            summary: "t",
            by: "ana"
        )
        #expect(try store.licenseeEntities() == [d2: d1])
        let businesses = try store.loadDataset()
        #expect(businesses.licensees.count == before.licensees.count - 1)
        #expect(!businesses.sales.licensee.contains(d2))
        #expect(try store.personEntities().isEmpty, "a new resolution replaces the old one")
    }

    @Test func resolutionIsStoredAppliedAndRuledOnSQLite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try Self.resolutionIsStoredAppliedAndRuled(try Self.sqlite(dir), dir)
    }

    @Test(.postgresServer) func resolutionIsStoredAppliedAndRuledOnPostgres() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try Self.resolutionIsStoredAppliedAndRuled(try Self.postgresStore(), dir)
    }

    // MARK: Concurrent writers

    /// 50 writers at once through the store's write path, each allocating its ids inside its own
    /// write transaction: odd writers describe a new recovery, even ones trace a recovery already
    /// stored (the first writer's). The placeholder ids they pass (0) are never stored.
    static func concurrentTraceWritersNeverCollide(_ store: any IronTraceDatabase) async throws {
        func recovery(_ i: Int) -> Recovery {
            Recovery(
                id: 0,
                firearm: Firearm(
                    id: 0,
                    manufacturer: "Glock",
                    makeRaw: "GLOCK",
                    model: "19",
                    caliber: "9mm",
                    type: .pistol,
                    serial: SerialNumber("CW\(i)"),
                    countryOfManufacture: "AT",
                    importer: ""
                ),
                date: CivilDate(year: 2024, month: 1, day: 2)!,
                country: "MX",
                area: nil,
                latitude: nil,
                longitude: nil,
                possessorID: nil,
                crimeCategory: .weaponOffense,
                eventID: nil,
                serialObliterated: false,
                agency: "",
                caseNumber: "c\(i)"
            )
        }
        let trace = Trace(
            id: 0,
            recoveryID: 0,
            requestDate: CivilDate(year: 2024, month: 1, day: 3)!,
            outcome: .notTraced,
            notTracedReason: nil,
            saleID: nil,
            licenseeID: nil,
            purchaserID: nil,
            timeToCrimeDays: nil,
            sourceClass: .undetermined,
            sourceCountry: "",
            sourceState: ""
        )
        let before = try store.counts().first { $0.table == "traces" }?.rows ?? 0
        let recoveriesBefore = try store.counts().first { $0.table == "recoveries" }?.rows ?? 0
        let first = try store.record(
            [TraceWrite(recovery: .new(recovery(0)), trace: trace, requestID: "R-0")],
            source: "writer 0",
            sha256: "w0"
        )
        #expect(first.newRecoveries == 1 && first.traceIDs.count == 1)
        let loaded = try store.loadDataset()
        let row = try #require(loaded.traces.id.firstIndex(of: first.traceIDs[0]))
        let firstRecovery = loaded.traces.recovery[row]
        #expect(firstRecovery != 0)
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 1..<50 {
                group.addTask {
                    let target: TraceWrite.RecoveryTarget =
                        i.isMultiple(of: 2) ? .stored(id: firstRecovery) : .new(recovery(i))
                    let stored = try store.record(
                        [TraceWrite(recovery: target, trace: trace, requestID: "R-\(i)")],
                        source: "writer \(i)",
                        sha256: "w\(i)",
                        submittedBy: "ana"
                    )
                    return stored.traceIDs[0]
                }
            }
            var all: [Int64] = first.traceIDs
            for try await id in group { all.append(id) }
            return all
        }
        #expect(Set(ids).count == 50)
        #expect(!ids.contains(0))
        #expect(try store.counts().first { $0.table == "traces" }?.rows == before + 50)
        #expect(try store.counts().first { $0.table == "recoveries" }?.rows == recoveriesBefore + 1 + 25)
        let d = try store.loadDataset()
        #expect(d.traces.count == before + 50)
        let onFirst = d.traces.recovery.filter { $0 == firstRecovery }.count
        #expect(onFirst == 1 + 24, "the first writer's trace and the 24 even writers' traces share its recovery")
    }

    @Test func concurrentTraceWritersNeverCollideOnSQLite() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        try await Self.concurrentTraceWritersNeverCollide(try Self.sqlite(dir))
    }

    @Test(.postgresServer) func concurrentTraceWritersNeverCollideOnPostgres() async throws {
        try await Self.concurrentTraceWritersNeverCollide(try Self.postgresStore())
    }

    // MARK: PostgreSQL only

    /// The audit log refuses changes by trigger, and the server's role has no right to try.
    @Test(.postgresServer) func postgresAuditLogIsAppendOnlyAndTheServerRoleCannotChangeIt() throws {
        let url = try PostgresScratch.freshDatabase()
        let store = try PostgresStore(url: url)
        try store.audit(user: "ada", action: "login", target: "session")
        #expect(throws: StoreError.self) { try store.execute("UPDATE audit_log SET user_name = 'eve'") }
        #expect(throws: StoreError.self) { try store.execute("DELETE FROM audit_log") }
        #expect(throws: StoreError.self) { try store.execute("TRUNCATE audit_log") }
        #expect(try store.auditLog().entries.map(\.user) == ["ada"])
        let privileges = try store.privileges(of: "irontrace_server", on: "audit_log")
        #expect(privileges == ["INSERT", "SELECT"], "\(privileges)")
    }

    /// A URL the store cannot use is an error naming the server, never a crash or a hang.
    @Test func badPostgresURLsAreClearErrors() throws {
        for url in ["postgres://", "postgres://u@127.0.0.1:99999/x", "postgres://u:secret@127.0.0.1:1/x"] {
            do {
                _ = try PostgresStore(url: url)
                Issue.record("\(url) opened")
            } catch {
                #expect(!error.description.contains("secret"), "\(error)")
            }
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// PostgreSQL tests run only against a real server: `.ci/run` starts one and sets
    /// IRONTRACE_TEST_POSTGRES_URL; without it they are skipped with this message.
    static var postgresServer: Self {
        .enabled(
            if: PostgresScratch.serverURL != nil,
            "no PostgreSQL server: set IRONTRACE_TEST_POSTGRES_URL (.ci/run starts one)"
        )
    }
}
