/// Where a database stood when it was read: the last import ledger entry and the highest recovery
/// and trace ids. A server compares marks to see writes by other processes (another server, a CLI
/// import) without reading any table; two marks differ exactly when something was stored between.
public struct StoreChangeMark: Sendable, Hashable, CustomStringConvertible {
    /// The last row of the import ledger (`imports.id`), 0 when empty.
    public var lastImport: Int64
    /// The highest recovery id, 0 when there are none.
    public var lastRecovery: Int64
    /// The highest trace id, 0 when there are none.
    public var lastTrace: Int64

    public init(lastImport: Int64 = 0, lastRecovery: Int64 = 0, lastTrace: Int64 = 0) {
        self.lastImport = lastImport
        self.lastRecovery = lastRecovery
        self.lastTrace = lastTrace
    }

    /// The ledger format of the entries trace submissions write (the engine's results); any other
    /// format after a mark is an import, which a server answers with a full rebuild.
    public static let traceSubmissionFormat = "engine:traces"

    public var description: String { "import #\(lastImport), recovery \(lastRecovery), trace \(lastTrace)" }
}
