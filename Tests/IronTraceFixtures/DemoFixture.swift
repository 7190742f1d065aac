import Foundation
import IronTraceDataset
import IronTraceFormats
import IronTraceStore
import IronTraceSynth
import IronTraceTesting

/// The demo world tests share, built once per test process: the tiny world (seed 2015), its native
/// files, one template SQLite database they were imported into, and the dataset loaded from it.
/// Tests that write get their own copy of the template (a file copy, not a fresh import). All of it
/// lives in the process's scratch directory, which is removed when the tests end.
public enum DemoFixture {
    public static let seed: UInt64 = 2015
    public static let world = WorldGenerator.generate(scale: .tiny, seed: seed)

    public struct Built: Sendable {
        public let files: [NativeFile]
        public let template: String
        public let dataset: Dataset
    }

    public struct NativeFile: Sendable {
        public let kind: NativeKind
        public let path: String
    }

    private static let built: Result<Built, any Error> = Result {
        let dir = try TemporaryDirectory("demo-fixture")
        let files = try world.writeFiles(to: dir.path("world")).map { NativeFile(kind: $0.kind, path: $0.path) }
        let template = dir.path("template.sqlite")
        do {
            let store = try IronTraceStore(path: template)
            try store.setMetadata("synthetic", "test world")
            for f in files { _ = try store.importNative(kind: f.kind, path: f.path) }
        }  // closed here: the WAL is checkpointed into the file
        let dataset = try IronTraceStore(path: template).loadDataset()
        return Built(files: files, template: template, dataset: dataset)
    }

    /// The world's native CSV files, one per kind.
    public static func files() throws -> [NativeFile] { try built.get().files }

    /// The world as the engines see it after an import through the store.
    public static func dataset() throws -> Dataset { try built.get().dataset }

    /// A copy of the template database in `dir`, ready to open and write.
    public static func database(in dir: TemporaryDirectory, name: String = "t.sqlite") throws -> String {
        let source = try built.get().template
        let target = dir.path(name)
        let fm = FileManager.default
        for suffix in ["", "-wal"] where fm.fileExists(atPath: source + suffix) {
            try? fm.removeItem(atPath: target + suffix)
            try fm.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
        return target
    }
}
