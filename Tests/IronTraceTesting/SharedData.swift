import Foundation

/// Where the real public data for tests lives: `$IRONTRACE_SHARED_DATA`, or `../shared/data` beside
/// the repository. Tests that need it skip with a message when it is absent.
public enum SharedData {
    public static let directory: URL? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["IRONTRACE_SHARED_DATA"], fm.fileExists(atPath: env) {
            return URL(fileURLWithPath: env)
        }
        // Walk up from this source file to the repository root, then to ../shared/data.
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("../shared/data").standardizedFileURL
            if fm.fileExists(atPath: candidate.appendingPathComponent("SOURCES.md").path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    public static var isAvailable: Bool { directory != nil }

    /// The path of a file under the shared data directory, or `nil` when the data is absent.
    public static func path(_ relative: String) -> String? {
        guard let d = directory else { return nil }
        let p = d.appendingPathComponent(relative).path
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    public static let marylandSales = "md_regulated_firearm_sales_2017/gun_sale_database.csv"
}

/// A fresh temporary directory inside the test process's scratch directory. `cleanup()` removes it
/// early; whatever is left is removed with the scratch directory when the process exits.
public struct TemporaryDirectory: Sendable {
    public let url: URL
    public init(_ prefix: String = "irontrace-test") throws {
        url = try TestScratch.root().appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    public func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// One scratch directory per test process (`$TMPDIR/irontrace-tests-PID`), removed at exit; those
/// of earlier runs whose process is gone (a crash, a kill) are removed when the next run starts.
public enum TestScratch {
    private static let made: Result<URL, any Error> = Result {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory
        let prefix = "irontrace-tests-"
        for name in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0 && errno == ESRCH {
                try? fm.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
        let root = tmp.appendingPathComponent(prefix + String(getpid()))
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { TestScratch.removeAtExit() }
        return root
    }

    public static func root() throws -> URL { try made.get() }

    private static func removeAtExit() {
        if case .success(let root) = made { try? FileManager.default.removeItem(at: root) }
    }
}
