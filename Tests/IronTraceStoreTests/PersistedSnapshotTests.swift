import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceFormats
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import Testing

/// The persisted snapshot beside a SQLite database: the same snapshot as the tables give, every
/// column included; never used when the data changed, or when the file is stale, cut short or
/// damaged.
@Suite struct PersistedSnapshotTests {
    /// Every array in a value, by its path of labels (the string pool's dictionary is left out: it is
    /// rebuilt from the strings, which are compared).
    static func columns(_ value: Any, _ path: String = "", into out: inout [String: String]) {
        let m = Mirror(reflecting: value)
        if m.displayStyle == .collection {
            out[path] = String(describing: value)
            return
        }
        if m.displayStyle == .dictionary || m.children.isEmpty { return }
        for c in m.children {
            columns(c.value, path + "." + (c.label ?? "?"), into: &out)
        }
    }

    static func world(_ dir: TemporaryDirectory) throws -> IronTraceStore {
        let store = try IronTraceStore(path: dir.path("db.sqlite"))
        for f in try WorldGenerator.generate(scale: .tiny, seed: 7).writeFiles(to: dir.path("world")) {
            _ = try store.importNative(kind: f.kind, path: f.path)
        }
        return store
    }

    @Test func theSnapshotFromDiskIsTheSnapshotFromTheTables() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let store = try Self.world(dir)
        #expect(!FileManager.default.fileExists(atPath: store.snapshotPath))
        let fromTables = try store.loadDataset()
        #expect(FileManager.default.fileExists(atPath: store.snapshotPath))
        let attributes = try FileManager.default.attributesOfItem(atPath: store.snapshotPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let fromDisk = try store.loadDataset()
        var a: [String: String] = [:]
        var b: [String: String] = [:]
        Self.columns(fromTables, into: &a)
        Self.columns(fromDisk, into: &b)
        // Every column of every table (a column added to Dataset and not persisted fails here).
        #expect(a.count >= 70, "\(a.keys.sorted())")
        for key in a.keys.sorted() { #expect(a[key] == b[key], "\(key)") }
        #expect(fromDisk.sales.count > 0 && fromDisk.traces.count > 0)
        #expect(fromDisk.strings.lookup(fromDisk.strings[3]) == 3)
    }

    @Test func aChangeInTheDataOrAStaleOrDamagedFileIsNeverUsed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let store = try Self.world(dir)
        let before = try store.loadDataset()
        let secret = LinkSecret(bytes: try store.linkSecretBytes())
        // Another fingerprint (the data changed): not read.
        #expect(Dataset.read(from: store.snapshotPath, fingerprint: "another", linkSecret: secret) == nil)
        // A new import changes the fingerprint: the next load reads the tables and sees the rows.
        let header = NativeKind.flows.header.joined(separator: ",")
        try (header + "\nUS-TX,MX-14,2031,5,ATF\n").write(toFile: dir.path("f.csv"), atomically: true, encoding: .utf8)
        _ = try store.importNative(kind: .flows, path: dir.path("f.csv"))
        let after = try store.loadDataset()
        #expect(after.flows.count == before.flows.count + 1)
        // Cut short, or a string code past the pool: not used, and the load still answers from the tables.
        let full = try Data(contentsOf: URL(fileURLWithPath: store.snapshotPath))
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: store.snapshotPath))
        #expect(try store.loadDataset().flows.count == after.flows.count)
        var damaged = try [UInt8](Data(contentsOf: URL(fileURLWithPath: store.snapshotPath)))
        let label = Array("sales.model".utf8)
        let at = try #require(
            (0..<(damaged.count - label.count)).first { damaged[$0..<$0 + label.count].elementsEqual(label) }
        )
        // Past the label, its element size (1 byte) and count (8 bytes): the first code, made huge.
        let first = at + label.count + 1 + 8
        for i in first..<first + 4 { damaged[i] = 0x7F }
        try Data(damaged).write(to: URL(fileURLWithPath: store.snapshotPath))
        let fingerprintMatches = try String(decoding: damaged.prefix(4096), as: UTF8.self).contains("ledger")
        #expect(fingerprintMatches)
        let reread = try store.loadDataset()
        #expect(reread.sales.model.allSatisfy { Int($0) < reread.strings.count })
    }
}
