/// A store operation that failed, with the database path and the reason; when it came from the
/// database (SQLite or PostgreSQL), the operation and the underlying error.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// What the store was doing (`import`, `record traces`, `session lookup`, ...), when known.
    public let operation: String?
    /// The database's own error, when there was one.
    public let underlying: (any Error & Sendable)?

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
        operation = nil
        underlying = nil
    }

    /// `described` is the underlying error as a reader should see it (a backend's server message);
    /// without it the error's own reflection.
    public init(path: String, operation: String, underlying: any Error & Sendable, described: String? = nil) {
        self.path = path
        self.operation = operation
        self.underlying = underlying
        reason = "\(operation) failed: \(described ?? String(reflecting: underlying))"
    }

    public var description: String { "\(path): \(reason)" }
}
