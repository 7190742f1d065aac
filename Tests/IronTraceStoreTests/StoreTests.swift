import Foundation
import IronTraceCore
import IronTraceFormats
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import Testing

@Suite struct StoreTests {
    @Test func importsTheDemoWorldWithALedgerAndNoDuplicates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let world = WorldGenerator.generate(scale: .tiny, seed: 7)
        let files = try world.writeFiles(to: dir.path("world"))
        let store = try IronTraceStore(path: dir.path("db.sqlite"))
        for f in files {
            let s = try store.importNative(kind: f.kind, path: f.path)
            #expect(s.rowsRejected == 0, "\(f.kind): \(s.sampleRejections.prefix(3))")
            #expect(s.isBalanced)
        }
        let counts = Dictionary(uniqueKeysWithValues: try store.counts().map { ($0.table, $0.rows) })
        #expect(counts["sales"] == world.saleCount)
        #expect(counts["recoveries"] == world.recoveries.count)
        #expect(counts["traces"] == world.traces.count)
        #expect(counts["persons"] == world.personCount)
        #expect(try store.ledger().count == files.count)

        // The same content again: recognised by SHA-256, nothing added.
        let again = try store.importNative(kind: .sales, path: files.first { $0.kind == .sales }!.path)
        #expect(again.previousImportID != nil)
        #expect(again.rowsStored == 0)
        #expect(try store.counts().first { $0.table == "sales" }!.rows == world.saleCount)
        #expect(try store.ledger().count == files.count)

        // The ledger records what happened.
        let sales = try store.ledger().first { $0.format == "native:sales" }!
        #expect(sales.rowsRead == world.saleCount && sales.rowsStored == world.saleCount && sales.rowsRejected == 0)
        #expect(sales.sha256.count == 64)
    }

    @Test func rowsWithKeysAlreadyStoredAreRejectedNotLost() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let header = NativeKind.flows.header.joined(separator: ",")
        try (header + "\nUS-TX,MX-14,2017,5,ATF\n").write(toFile: dir.path("a.csv"), atomically: true, encoding: .utf8)
        try (header + "\nUS-TX,MX-14,2017,6,ATF\nUS-AZ,MX-26,2017,3,ATF\n").write(
            toFile: dir.path("b.csv"),
            atomically: true,
            encoding: .utf8
        )
        let store = try IronTraceStore(path: ":memory:")
        _ = try store.importNative(kind: .flows, path: dir.path("a.csv"))
        let b = try store.importNative(kind: .flows, path: dir.path("b.csv"))
        #expect(b.rowsRead == 2 && b.rowsStored == 1 && b.rowsRejected == 1)
        #expect(b.sampleRejections[0].reason.contains("already stored"))
    }

    @Test func exportRoundTripsAndMasksPII() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let world = WorldGenerator.generate(scale: .tiny, seed: 3)
        let files = try world.writeFiles(to: dir.path("w"))
        let store = try IronTraceStore(path: dir.path("db.sqlite"))
        for f in files { _ = try store.importNative(kind: f.kind, path: f.path) }
        for kind in [NativeKind.sales, .recoveries, .traces, .events, .licensees, .areaMeasures] {
            let out = dir.path("export-\(kind.rawValue).csv")
            try store.export(kind: kind, to: out)
            let original = try String(contentsOfFile: files.first { $0.kind == kind }!.path, encoding: .utf8)
            let exported = try String(contentsOfFile: out, encoding: .utf8)
            #expect(exported == original, "\(kind) export differs from the file imported")
        }
        let masked = dir.path("persons.csv")
        try store.export(kind: .persons, to: masked)
        let text = try String(contentsOfFile: masked, encoding: .utf8)
        let first = world.person(at: 0)
        #expect(!text.contains(first.pii.phone))
        #expect(text.contains(first.pseudonym))
        let full = dir.path("persons-full.csv")
        try store.export(kind: .persons, to: full, includePII: true)
        #expect(try String(contentsOfFile: full, encoding: .utf8).contains(first.pii.phone))
    }

    @Test func datasetLoadsEveryRecord() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let world = WorldGenerator.generate(scale: .tiny, seed: 11)
        let store = try IronTraceStore(path: dir.path("db.sqlite"))
        for f in try world.writeFiles(to: dir.path("w")) { _ = try store.importNative(kind: f.kind, path: f.path) }
        let d = try store.loadDataset()
        #expect(d.sales.count == world.saleCount)
        #expect(d.recoveries.count == world.recoveries.count)
        #expect(d.traces.count == world.traces.count)
        #expect(d.licensees.count == world.licensees.count)
        #expect(d.events.count == world.events.count)
        let s = world.sale(at: 10)
        #expect(d.strings[d.sales.serial[10]] == s.firearm.serial.normalized)
        #expect(d.sales.date[10] == s.sale.date.dayNumber)
    }
}
