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

/// A fresh temporary directory, removed by the caller with `cleanup()`.
public struct TemporaryDirectory: Sendable {
    public let url: URL
    public init(_ prefix: String = "irontrace-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    public func cleanup() { try? FileManager.default.removeItem(at: url) }
}
