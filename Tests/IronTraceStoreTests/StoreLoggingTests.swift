import Foundation
import GRDB
import IronTraceCore
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import Logging
import Synchronization
import Testing

/// What the SQLite store tells its `Logger`: a failed operation with what it was doing and SQLite's
/// own error (also carried by the thrown `StoreError`), and every finished or skipped import.
@Suite struct StoreLoggingTests {
    /// Log lines kept in memory.
    final class Lines: Sendable {
        let kept = Mutex<[(level: Logger.Level, message: String, metadata: [String: String])]>([])
    }

    struct Capture: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let m = (event.metadata ?? [:]).mapValues { "\($0)" }
            lines.kept.withLock { $0.append((event.level, "\(event.message)", m)) }
        }
    }

    @Test func aFailedOperationIsLoggedAndThrownWithWhatTheStoreWasDoing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let lines = Lines()
        let logger = Logger(label: "test") { _ in Capture(lines: lines) }
        let path = dir.path("db.sqlite")
        let store = try IronTraceStore(path: path, logger: logger)
        #expect(try store.watches(includeEnded: true).isEmpty)
        // Another program damages the database under the store.
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "DROP TABLE watch_alerts; DROP TABLE watches") }
        try other.close()
        do {
            _ = try store.watches(includeEnded: true)
            Issue.record("a read of a dropped table succeeded")
        } catch let e as StoreError {
            #expect(e.operation == "watches")
            #expect(e.underlying != nil)
            #expect(e.description.contains("watches failed"))
            #expect(e.description.contains("no such table: watches"))
        }
        let failures = lines.kept.withLock { $0.filter { $0.message == "store operation failed" } }
        #expect(failures.count == 1)
        #expect(failures.first?.level == .error)
        #expect(failures.first?.metadata["operation"] == "watches")
        #expect(failures.first?.metadata["error"]?.contains("no such table: watches") == true)
        // A refusal the store decides itself is not a failure: thrown as it is, not logged.
        #expect(throws: StoreError.self) { try store.createAPIToken(userName: "nobody", label: "x") }
        #expect(lines.kept.withLock { $0.filter { $0.message == "store operation failed" }.count } == 1)
    }

    @Test func importsAreLoggedWithTheirCounts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let lines = Lines()
        let store = try IronTraceStore(
            path: dir.path("db.sqlite"),
            logger: Logger(label: "test") { _ in Capture(lines: lines) }
        )
        let world = WorldGenerator.generate(scale: .tiny, seed: 7)
        let files = try world.writeFiles(to: dir.path("world"))
        let licensees = try #require(files.first { $0.kind == .licensees })
        let summary = try store.importNative(kind: .licensees, path: licensees.path)
        _ = try store.importNative(kind: .licensees, path: licensees.path)
        let kept = lines.kept.withLock { $0 }
        let finished = try #require(kept.first { $0.message == "import finished" })
        #expect(finished.level == .info)
        #expect(finished.metadata["rows_read"] == "\(summary.rowsRead)")
        #expect(finished.metadata["rows_stored"] == "\(summary.rowsStored)")
        #expect(finished.metadata["import"] == "\(summary.importID ?? -1)")
        let skipped = try #require(kept.first { $0.message.hasPrefix("import skipped") })
        #expect(skipped.metadata["previous_import"] == "\(summary.importID ?? -1)")
    }
}
