import Foundation
import IronTraceStore
import IronTraceTesting
import Testing

/// `irontrace trace --store` keeps who submitted the requests: `--submitted-by`, else the
/// operating-system user, so "my requests" on the dashboard finds command-line traces too.
@Suite(.serialized) struct TraceSubmitterCLITests {
    @Test func storedTracesKeepTheirSubmitter() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        #expect(try CLI.run(["demo", "--scale", "tiny", "--keep-files", "w"], in: dir.url).status == 0)
        let lines = try String(contentsOfFile: dir.path("w/sales.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let (serialColumn, makeColumn) = try (
            #require(header.firstIndex(of: "serial")), #require(header.firstIndex(of: "make"))
        )
        let rows = lines.dropFirst(200).lazy.map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        .filter { !$0[makeColumn].isEmpty && !$0[serialColumn].isEmpty }
        let picked = Array(rows.prefix(2))
        try #require(picked.count == 2)
        let db = ["trace", "--database", "irontrace-demo.sqlite"]
        func trace(_ row: [String], _ extra: [String]) throws -> CLI.Result {
            try CLI.run(
                db + [
                    "--serial", row[serialColumn], "--manufacturer", row[makeColumn], "--recovery-date",
                    "2026-06-01", "--store",
                ] + extra,
                in: dir.url
            )
        }

        // Refused before anything is stored.
        let empty = try trace(picked[0], ["--submitted-by", "  "])
        #expect(empty.status == 64, "\(empty.stdout)\(empty.stderr)")
        #expect(empty.stderr.contains("--submitted-by '  ': empty"), "\(empty.stderr)")
        let long = try trace(picked[0], ["--submitted-by", String(repeating: "x", count: 101)])
        #expect(long.status == 64 && long.stderr.contains("too long: 101 characters, at most 100"), "\(long.stderr)")

        let named = try trace(picked[0], ["--submitted-by", " ana.perez "])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("stored 1 traces"), "\(named.stdout)")
        let implicit = try trace(picked[1], [])
        #expect(implicit.status == 0, "\(implicit.stderr)")
        #expect(implicit.stdout.contains("stored 1 traces"), "\(implicit.stdout)")

        let d = try IronTraceStore(path: dir.path("irontrace-demo.sqlite")).loadDataset()
        let submitters = d.traces.submittedBy.map { d.strings[$0] }
        #expect(submitters.filter { $0 == "ana.perez" }.count == 1, "\(Set(submitters))")
        let osUser = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
        #expect(!osUser.isEmpty)
        #expect(submitters.filter { $0 == osUser }.count == 1, "\(osUser): \(Set(submitters))")
    }
}
