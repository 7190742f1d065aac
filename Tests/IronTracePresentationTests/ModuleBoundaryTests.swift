import Foundation
import Testing

/// The module map of docs/architecture.md, checked on the sources: driver modules stay in their
/// backend, Hummingbird and Mustache in the server, and the CLI imports the server only to serve
/// (`serve`, `demo --serve`); everything else it shows comes from IronTracePresentation.
@Suite struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// `target/file.swift` → its imported modules.
    static func imports() throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        let fm = FileManager.default
        let enumerator = try #require(fm.enumerator(atPath: sources.path))
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            var modules = Set<String>()
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if let i = words.firstIndex(of: "import"), i + 1 < words.count,
                    words[..<i].allSatisfy({ $0.hasPrefix("@") || ["package", "public", "internal"].contains($0) })
                {
                    modules.insert(String(words[i + 1]))
                }
            }
            out[path] = modules
        }
        return out
    }

    @Test func driversAndTheWebStackStayInTheirTargets() throws {
        let all = try Self.imports()
        #expect(all.count > 100, "found the sources at \(Self.sources.path)")
        let allowed: [String: String] = [
            "GRDB": "IronTraceStore/", "GRDBSQLite": "IronTraceStore/", "PostgresNIO": "IronTracePostgres/",
            "Hummingbird": "IronTraceServer/", "HummingbirdBcrypt": "IronTraceServer/", "Mustache": "IronTraceServer/",
        ]
        for (file, modules) in all.sorted(by: { $0.key < $1.key }) {
            for m in modules {
                if let home = allowed[m] {
                    #expect(file.hasPrefix(home), "\(file) imports \(m), which belongs to \(home)")
                }
            }
        }
    }

    @Test func theCLIImportsTheServerOnlyToServe() throws {
        let importers = try Self.imports().filter {
            $0.key.hasPrefix("irontrace/") && $0.value.contains("IronTraceServer")
        }
        #expect(Set(importers.keys) == ["irontrace/ServeCommands.swift", "irontrace/DemoCommands.swift"])
        let presentation = try Self.imports().filter { $0.key.hasPrefix("IronTracePresentation/") }
        #expect(!presentation.isEmpty)
        for (file, modules) in presentation {
            #expect(modules.isDisjoint(with: ["IronTraceServer", "IronTraceStore", "Hummingbird", "GRDB"]), "\(file)")
        }
    }
}
