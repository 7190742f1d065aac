import Foundation
import IronTraceFormats
import IronTraceStore
import IronTraceTesting
import Testing

/// Malformed files: each gets one clear error naming the file, or rejection rows naming line,
/// column and reason; nothing crashes, and rows read = rows stored + rows rejected.
@Suite struct BadInputTests {
    static let licenseeHeader = NativeKind.licensees.header.joined(separator: ",")
    static let flowHeader = NativeKind.flows.header.joined(separator: ",")
    static let saleHeader = NativeKind.sales.header.joined(separator: ",")

    func importText(_ kind: NativeKind, _ text: String, file: String = "input.csv") throws -> (
        ImportSummary, [Rejection]
    ) {
        try importBytes(kind, Array(text.utf8), file: file)
    }

    func importBytes(_ kind: NativeKind, _ bytes: [UInt8], file: String) throws -> (ImportSummary, [Rejection]) {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path(file)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let store = try IronTraceStore(path: ":memory:")
        let summary = try store.importNative(kind: kind, path: path)
        #expect(summary.rowsRead == summary.rowsStored + summary.rowsRejected, "rows read = stored + rejected")
        let stored = try store.counts().first { $0.table == Self.table(kind) }!.rows
        #expect(stored == summary.rowsStored)
        let rejections = try store.rejections(importID: summary.importID!)
        #expect(rejections.count == summary.rowsRejected)
        return (summary, rejections)
    }

    static func table(_ kind: NativeKind) -> String { kind.rawValue }

    @Test func unterminatedQuote() throws {
        let (s, rej) = try importText(
            .licensees,
            Self.licenseeHeader
                + "\n1,5-74-123-01-2K-12345,A,B,1 Main St,Houston,TX,77001\n2,5-74-123-01-2K-12346,\"Broken,B,x,y,TX,1\n3,x\n"
        )
        #expect(s.rowsStored == 1)
        #expect(s.rowsRejected == 1)
        #expect(rej[0].line == 3)
        #expect(rej[0].reason.contains("unterminated"))
    }

    @Test func wrongColumnCounts() throws {
        let (s, rej) = try importText(
            .flows,
            Self.flowHeader + "\nUS-TX,MX-14,2017,5,ATF\nUS-TX,MX-14,2018\nUS-AZ,MX-26,2017,3,ATF,extra\n"
        )
        #expect(s.rowsStored == 1)
        #expect(rej.map(\.line) == [3, 4])
        #expect(rej.allSatisfy { $0.reason.contains("expected 5 fields") })
    }

    @Test func badDatesUnknownStatesNegativeCountsAndInvalidLicences() throws {
        let (s, rej) = try importText(
            .licensees,
            Self.licenseeHeader
                + "\n1,5-74-123-01-2K-12345,A,B,1 Main St,Houston,TX,77001\n2,5-74-123-01-2K-1234,A,B,s,c,TX,1\n3,5-74-123-01-2K-12347,A,B,s,c,ZZ,1\n"
        )
        #expect(s.rowsStored == 1)
        #expect(rej.count == 2)
        #expect(rej[0].column == 2 && rej[0].field == "licence_number" && rej[0].reason.contains("sequence"))
        #expect(rej[1].column == 7 && rej[1].field == "state" && rej[1].reason.contains("unknown US state"))

        let (f, frej) = try importText(.flows, Self.flowHeader + "\nUS-TX,MX-14,2017,-5,ATF\nUS-TX,MX-99,2017,5,ATF\n")
        #expect(f.rowsStored == 0)
        #expect(frej[0].column == 4 && frej[0].reason.contains("negative"))
        #expect(frej[1].column == 2 && frej[1].reason.contains("01-32"))

        let sale = "1,1,1,,2017-02-30,,Glock,,G19,9mm,pistol,ABC123,,"
        let (ss, srej) = try importText(.sales, Self.saleHeader + "\n" + sale + "\n")
        #expect(ss.rowsStored == 0)
        #expect(srej[0].field == "sale_date" && srej[0].value == "2017-02-30")
    }

    @Test func tenMegabyteField() throws {
        let big = String(repeating: "A", count: 10 * 1024 * 1024)
        let (s, rej) = try importText(
            .licensees,
            Self.licenseeHeader + "\n1,5-74-123-01-2K-12345,\(big),B,s,c,TX,1\n2,5-74-123-01-2K-12346,A,B,s,c,TX,1\n"
        )
        #expect(s.rowsStored == 1)
        #expect(rej[0].line == 2 && rej[0].column == 3 && rej[0].reason.contains("1 MiB"))
    }

    @Test func binaryGarbageIsOneError() throws {
        var bytes: [UInt8] = []
        var x: UInt32 = 12345
        for _ in 0..<5000 {
            x = x &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: x >> 16))
        }
        bytes[10] = 0
        do {
            _ = try importBytes(.licensees, bytes, file: "garbage.bin")
            Issue.record("binary garbage must not import")
        } catch let e as FormatError {
            #expect(e.file.hasSuffix("garbage.bin"))
            #expect(e.reason.contains("not a text file"))
        }
    }

    @Test func emptyFileAndWrongHeaderAreOneErrorEach() throws {
        #expect(throws: FormatError.self) { try importText(.licensees, "", file: "empty.csv") }
        do {
            _ = try importText(.licensees, "id,name\n1,x\n", file: "other.csv")
        } catch let e as FormatError {
            #expect(e.description.contains("other.csv"))
            #expect(e.reason.contains("header"))
        }
    }

    @Test func headerAloneImportsNothing() throws {
        let (s, rej) = try importText(.licensees, Self.licenseeHeader + "\n")
        #expect(s.rowsRead == 0 && s.rowsStored == 0 && rej.isEmpty)
    }
}
