import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceFormats

/// Imports with their ledger and rejections: every row read is stored or rejected, each file once.
public protocol ImportStore: Sendable {
    /// Imports a native CSV file of the given kind (`progress` gets the rows read, every 100,000).
    func importNative(
        kind: NativeKind,
        path file: String,
        dryRun: Bool,
        progress: (@Sendable (Int) -> Void)?
    ) throws -> ImportSummary
    /// Imports an official file through its reader; `dryRun` rolls back after counting.
    func importOfficial(
        _ format: OfficialFormat,
        path file: String,
        dryRun: Bool,
        progress: (@Sendable (Int) -> Void)?
    ) throws -> ImportSummary
    /// The import ledger, oldest first.
    func ledger() throws -> [ImportLedgerEntry]
    /// Row counts per table.
    func counts() throws -> [(table: String, rows: Int)]
    func rejectionCount(importID: Int64) throws -> Int
    /// The rejections of one import in file order, `limit` from `offset` (a negative limit: all).
    func rejections(importID: Int64, limit: Int, offset: Int) throws -> [Rejection]
    /// Every pair of imports that disagree about aggregates.
    func conflictGroups(largest: Int) throws -> [ConflictGroup]
}

extension ImportStore {
    public func importNative(
        kind: NativeKind,
        path file: String,
        dryRun: Bool = false,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        try importNative(kind: kind, path: file, dryRun: dryRun, progress: progress)
    }
    public func importOfficial(
        _ format: OfficialFormat,
        path file: String,
        dryRun: Bool = false,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        try importOfficial(format, path: file, dryRun: dryRun, progress: progress)
    }
    public func rejections(importID: Int64, limit: Int = 1000, offset: Int = 0) throws -> [Rejection] {
        try rejections(importID: importID, limit: limit, offset: offset)
    }
    public func conflictGroups(largest: Int = 3) throws -> [ConflictGroup] { try conflictGroups(largest: largest) }
}

/// Native CSV exports of what is stored.
public protocol ExportStore: Sendable {
    /// Writes one kind as a native CSV file (persons masked unless `includePII`); returns the rows written.
    @discardableResult
    func export(kind: NativeKind, to file: String, includePII: Bool) throws -> Int
}

extension ExportStore {
    @discardableResult
    public func export(kind: NativeKind, to file: String, includePII: Bool = false) throws -> Int {
        try export(kind: kind, to: file, includePII: includePII)
    }
}

/// The columnar snapshot the engines read, the notes about the data, and the aggregate checks.
public protocol DatasetStore: Sendable {
    /// The snapshot; where imports disagree about an aggregate, `precedence` picks the value.
    func loadDataset(precedence: SourcePrecedence) throws -> Dataset
    /// What `precedence` decides for the stored conflicts.
    func precedenceDecisions(_ precedence: SourcePrecedence) throws -> [PrecedenceDecision]
    /// The rows behind a measure, area and period (LIKE patterns) with import, file and line.
    func measureProvenance(like measure: String, area: String, period: String, limit: Int) throws
        -> [MeasureProvenance]
    /// The flows from a source area in a year (LIKE patterns) with import, file and line.
    func flowProvenance(sourceArea: String, year: String, limit: Int) throws -> [MeasureProvenance]
    func setMetadata(_ key: String, _ value: String) throws
    func metadata() throws -> [(key: String, value: String)]
    func measureTotals(like measure: String, area: String, period: String) throws
        -> [(source: String, rows: Int, value: Double)]
    func flowTotals() throws -> [(year: Int, source: String, rows: Int, count: Int)]
    func sumOfMeasure(like measure: String, source: String, area: String, period: String) throws -> Double
    func sumOfFlows(year: Int, source: String) throws -> Int
    /// The ledger's last entry and the highest recovery and trace ids, in one read (cheap: three
    /// primary-key lookups), polled by servers to see other processes' writes.
    func changeMark() throws -> StoreChangeMark
    /// Appends to `dataset` the recoveries and traces that trace submissions stored after it was
    /// loaded (ids above its last ones), in one consistent read, and returns the new mark; nil, with
    /// `dataset` untouched, when the ledger after `mark` holds anything but trace submissions (an
    /// import), which only a full ``loadDataset(precedence:)`` answers correctly.
    func appendSubmittedTraces(to dataset: inout Dataset, since mark: StoreChangeMark) throws -> StoreChangeMark?
}

extension DatasetStore {
    public func loadDataset() throws -> Dataset { try loadDataset(precedence: .default) }
    public func precedenceDecisions() throws -> [PrecedenceDecision] { try precedenceDecisions(.default) }
    public func measureTotals(like measure: String, area: String = "%", period: String = "%") throws
        -> [(source: String, rows: Int, value: Double)]
    {
        try measureTotals(like: measure, area: area, period: period)
    }
    public func sumOfMeasure(like measure: String, source: String, area: String = "%", period: String = "%") throws
        -> Double
    {
        try sumOfMeasure(like: measure, source: source, area: area, period: period)
    }
}

/// The write path of the trace engine: results stored with a ledger entry, ids allocated inside the
/// write transaction so that concurrent writers (requests, server processes, the CLI) never collide.
public protocol TraceRecordStore: Sendable {
    /// `requestIDs` (by trace, in order) and `submittedBy` are kept with the traces so an analyst
    /// finds a request again.
    func recordTraces(
        source: String,
        sha256: String,
        rejections: [Rejection],
        requestIDs: [String],
        submittedBy: String,
        build: (_ nextRecovery: Int64, _ nextTrace: Int64) -> (recoveries: [Recovery], traces: [Trace])
    ) throws -> (ledgerID: Int64, recoveries: [Recovery], traces: [Trace])
}

extension TraceRecordStore {
    public func recordTraces(
        source: String,
        sha256: String,
        rejections: [Rejection] = [],
        build: (_ nextRecovery: Int64, _ nextTrace: Int64) -> (recoveries: [Recovery], traces: [Trace])
    ) throws -> (ledgerID: Int64, recoveries: [Recovery], traces: [Trace]) {
        try recordTraces(
            source: source,
            sha256: sha256,
            rejections: rejections,
            requestIDs: [],
            submittedBy: "",
            build: build
        )
    }
}

/// Accounts, sessions and API tokens (secrets only as hashes), and personal records on request.
public protocol AccessStore: Sendable {
    @discardableResult
    func addUser(name: String, role: UserAccount.Role, passwordHash: String, mustChangePassword: Bool) throws
        -> UserAccount
    func users() throws -> [UserAccount]
    func user(named name: String) throws -> UserAccount?
    @discardableResult
    func removeUser(named name: String) throws -> Bool
    func setPassword(userID: Int64, passwordHash: String, keepSession: String?) throws
    func startSession(userID: Int64, lifetime: TimeInterval) throws -> (token: String, csrf: String)
    func session(token: String) throws -> SessionRecord?
    func endSession(token: String) throws
    func createAPIToken(userName: String, label: String) throws -> String
    func apiTokens(userName: String) throws -> [APITokenInfo]
    @discardableResult
    func revokeAPITokens(userName: String, _ which: APITokenSelection) throws -> Int
    func user(apiToken token: String) throws -> UserAccount?
    func personRecord(id: Int64) throws -> [String: String]?
}

extension AccessStore {
    @discardableResult
    public func addUser(
        name: String,
        role: UserAccount.Role,
        passwordHash: String,
        mustChangePassword: Bool = false
    ) throws -> UserAccount {
        try addUser(name: name, role: role, passwordHash: passwordHash, mustChangePassword: mustChangePassword)
    }
    public func setPassword(userID: Int64, passwordHash: String, keepSession: String? = nil) throws {
        try setPassword(userID: userID, passwordHash: passwordHash, keepSession: keepSession)
    }
}

/// The append-only audit log.
public protocol AuditStore: Sendable {
    func audit(user: String, action: String, target: String, detail: String) throws
    func auditLog(user: String?, action: String?, limit: Int, offset: Int) throws
        -> (total: Int, entries: [AuditEntry])
}

extension AuditStore {
    public func audit(user: String, action: String, target: String, detail: String = "") throws {
        try audit(user: user, action: action, target: target, detail: detail)
    }
    public func auditLog(user: String? = nil, action: String? = nil, limit: Int = 200, offset: Int = 0) throws
        -> (total: Int, entries: [AuditEntry])
    {
        try auditLog(user: user, action: action, limit: limit, offset: offset)
    }
}

/// Cases, watch lists and alerts: the analysts' own records. Every change writes its audit row in
/// the same transaction (actions `case-open`, `case-add`, `case-remove`, `case-note`, `case-status`,
/// `watch-add`, `watch-end`, `alert-ack`), so nothing changes unaudited. Inputs are checked against
/// ``Casework``'s limits here too: a caller that forgot gets a ``StoreError``, not a stored oddity.
public protocol CaseStore: Sendable {
    /// Opens a case holding `refs` (entity references, see ``Casework/problem(ref:)``).
    func openCase(title: String, restricted: Bool, origin: String, refs: [String], by user: String) throws
        -> CaseFile
    /// The cases `user` may see, most recently changed first; `status` nil for all.
    func cases(visibleTo user: String, isAdmin: Bool, status: CaseFile.Status?) throws -> [CaseFile]
    func caseFile(id: Int64) throws -> CaseFile?
    func caseItems(caseID: Int64) throws -> [CaseItem]
    /// Oldest first.
    func caseNotes(caseID: Int64) throws -> [CaseNote]
    /// The open or referred cases that hold `ref`.
    func cases(holding ref: String) throws -> [CaseFile]
    /// Adds entities, skipping those already in the case; returns how many were new.
    @discardableResult
    func addToCase(id: Int64, refs: [String], by user: String) throws -> Int
    @discardableResult
    func removeFromCase(id: Int64, ref: String, by user: String) throws -> Bool
    @discardableResult
    func addCaseNote(caseID: Int64, text: String, by user: String) throws -> CaseNote
    /// Moves a case to `status`; `referredTo` names the agency when referring (kept when closing).
    @discardableResult
    func setCaseStatus(id: Int64, status: CaseFile.Status, referredTo: String, by user: String) throws -> CaseFile

    /// Starts watching; only traces stored after this moment can alert.
    @discardableResult
    func addWatch(kind: Watch.Kind, value: String, note: String, by user: String) throws -> Watch
    func watches(includeEnded: Bool) throws -> [Watch]
    @discardableResult
    func endWatch(id: Int64, by user: String) throws -> Bool
    /// The highest trace id already matched against the watches.
    func alertScanMark() throws -> Int64
    /// Stores the alerts not raised before (one per watch and trace, whichever process found it
    /// first) and moves the scan mark up to `scannedThrough`; returns how many were new.
    @discardableResult
    func raiseAlerts(_ found: [(watchID: Int64, traceID: Int64, match: WatchAlert.Match)], scannedThrough: Int64)
        throws -> Int
    /// Newest first, each with its watch.
    func alerts(unacknowledgedOnly: Bool, limit: Int, offset: Int) throws -> (total: Int, alerts: [WatchAlert])
    @discardableResult
    func acknowledgeAlert(id: Int64, by user: String) throws -> Bool
}

/// A pair of person records entity resolution was unsure of, for an analyst: the score and its
/// comparisons in words (no personal data in them).
public struct ResolutionReviewItem: Sendable, Hashable {
    public var a: Int64
    public var b: Int64
    public var score: Double
    public var explanation: String
    public init(a: Int64, b: Int64, score: Double, explanation: String) {
        self.a = a
        self.b = b
        self.score = score
        self.explanation = explanation
    }
}

/// Entity resolution's records: the person records with their personal data (for the resolver),
/// which records are one person, the pairs left for an analyst and the analysts' rulings. A saved
/// resolution or a ruling adds a ledger entry (`engine:resolution`), so every server and the
/// persisted snapshot rebuild with it; the raw person records are never changed.
public protocol ResolutionStore: Sendable {
    /// Every person record with its personal data (the caller audits the read).
    func personRecords() throws -> [Person]
    /// Replaces the stored resolution: `entities` names the entity of every merged record (records
    /// not named are their own), `review` the uncertain pairs. Audited as `resolve`.
    /// `licensees` likewise for licensee records resolved as one business.
    func saveResolution(
        entities: [(person: Int64, entity: Int64)],
        licensees: [(licensee: Int64, entity: Int64)],
        review: [ResolutionReviewItem],
        summary: String,
        by user: String
    ) throws
    /// Merged records → their entity (empty when nothing was resolved).
    func personEntities() throws -> [Int64: Int64]
    /// Merged licensee records → their business.
    func licenseeEntities() throws -> [Int64: Int64]
    /// Every licensee record, for the resolver.
    func licenseeRecords() throws -> [(id: Int64, licence: String, name: String, street: String, zip: String)]
    /// The pairs waiting for an analyst, highest score first.
    func resolutionReview(limit: Int, offset: Int) throws -> (total: Int, items: [ResolutionReviewItem])
    func resolutionDecisions() throws -> [(a: Int64, b: Int64, same: Bool)]
    /// An analyst's ruling on a pair, audited (`resolve-same` / `resolve-different`) and applied at
    /// once: the same person joins the two entities; different people only leaves the queue (the
    /// next resolution respects it).
    func decideResolution(a: Int64, b: Int64, same: Bool, by user: String) throws
}

/// One IronTrace database, whatever holds it (a SQLite file or a PostgreSQL server): what the
/// engines, the server and the CLI use, so none of them knows which backend it is.
public protocol IronTraceDatabase: ImportStore, ExportStore, DatasetStore, TraceRecordStore, AccessStore,
    AuditStore, CaseStore, ResolutionStore, AnyObject
{
    /// Where the data lives, for messages: a file path, or a `postgres://` URL without its password.
    var location: String { get }
}

extension IronTraceStore: IronTraceDatabase {
    public var location: String { path }
}

/// What `--database` names: a SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Hashable {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ argument: String) {
        let lower = argument.lowercased()
        self =
            lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
            ? .postgres(url: argument) : .sqlite(path: argument)
    }

    /// Whether the database exists already: the file is there, or (for a server) always assumed,
    /// the server answering is checked when it is opened.
    public var exists: Bool {
        switch self {
        case .sqlite(let path): path == ":memory:" || FileManager.default.fileExists(atPath: path)
        case .postgres: true
        }
    }
}
