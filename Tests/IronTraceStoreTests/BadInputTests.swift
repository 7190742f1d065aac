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
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let store = try IronTraceStore(path: ":memory:")
        let summary = try store.importNative(kind: kind, path: path)
        #expect(summary.rowsRead == summary.rowsStored + summary.rowsRejected, "rows read = stored + rejected")
        let stored = try #require(try store.counts().first { $0.table == Self.table(kind) }).rows
        #expect(stored == summary.rowsStored)
        let rejections = try store.rejections(importID: try #require(summary.importID))
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
        let e = #expect(throws: FormatError.self, "binary garbage must not import") {
            try importBytes(.licensees, bytes, file: "garbage.bin")
        }
        #expect(e?.file.hasSuffix("garbage.bin") == true)
        #expect(e?.reason.contains("not a text file") == true)
    }

    @Test func emptyFileAndWrongHeaderAreOneErrorEach() throws {
        let empty = #expect(throws: FormatError.self) { try importText(.licensees, "", file: "empty.csv") }
        #expect(empty?.file.hasSuffix("empty.csv") == true)
        #expect(empty?.reason.contains("empty file") == true)
        // Before, this was a do/catch that passed when nothing was thrown.
        let other = #expect(throws: FormatError.self) {
            try importText(.licensees, "id,name\n1,x\n", file: "other.csv")
        }
        #expect(other?.description.contains("other.csv") == true)
        #expect(other?.reason.contains("header") == true)
        #expect(other?.line == 1 && other?.column == 1)
    }

    // MARK: issue 12: hostile numbers and NUL bytes reach the store as rejections, never as rows

    @Test func absurdAndNonFiniteMeasuresAreRejectedNotStored() throws {
        let header = NativeKind.areaMeasures.header.joined(separator: ",")
        let (s, rej) = try importText(
            .areaMeasures,
            header
                + "\nMX-14,2017,homicides,1e20,INEGI\nMX-14,2018,homicides,1e309,INEGI\nMX-14,2019,homicides,-1,INEGI\nMX-14,2020,homicides,12,INEGI\n"
        )
        #expect(s.rowsRead == 4 && s.rowsStored == 1 && s.rowsRejected == 3)
        #expect(rej.map(\.line) == [2, 3, 4])
        #expect(rej.allSatisfy { $0.column == 4 && $0.field == "value" && $0.file.hasSuffix("input.csv") })
        #expect(rej[0].reason == "homicides 1e20 is outside 0...1000000000")
        #expect(rej[1].reason == "homicides is not a finite number")
        #expect(rej[2].reason == "measures cannot be negative")
    }

    @Test func nulPastTheFirstMebibyteIsARejectionNotStoredText() throws {
        var bytes = Array((Self.flowHeader + "\n").utf8)
        var rows = 0
        while bytes.count < (1 << 20) + 4096 {
            bytes += Array("US-TX,MX-14,2017,5,S\(rows)\n".utf8)
            rows += 1
        }
        bytes += Array("US-AZ,MX-26,2017,3,A".utf8) + [0] + Array("TF\n".utf8)
        let (s, rej) = try importBytes(.flows, bytes, file: "late-nul.csv")
        #expect(s.rowsRead == rows + 1 && s.rowsStored == rows && s.rowsRejected == 1)
        #expect(rej.count == 1)
        #expect(rej.first?.line == rows + 2 && rej.first?.column == 5 && rej.first?.field == "source")
        #expect(rej.first?.reason == "contains a NUL byte")
        #expect(rej.first?.file.hasSuffix("late-nul.csv") == true)
    }

    @Test func sesnspVictimsImportRejectsInfiniteCounts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path("victims.csv")
        let row = "2020-01,2020,1,14,Jalisco,La vida,Homicidio,Homicidio doloso,Con arma de fuego,Hombre,Adultos,"
        let text =
            "date_year_month,n_year,n_month,cve_ent,nombre_estado,bien_juridico_afectado,tipo_de_delito,subtipo_de_delito,modalidad,genero,rango_de_edad,n_victimas\n"
            + row + "1e309\n" + row.replacingOccurrences(of: "Hombre", with: "Mujer") + "4\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(.sesnspVictims, path: path)
        #expect(s.rowsRead == 2 && s.rowsStored == 1 && s.rowsRejected == 1)
        let rej = try store.rejections(importID: try #require(s.importID))
        #expect(rej.count == 1)
        #expect(rej.first?.line == 2 && rej.first?.column == 12 && rej.first?.field == "n_victimas")
        #expect(rej.first?.reason == "not a count: victims is not a finite number")
        #expect(try store.sumOfMeasure(like: "victimas:%", source: "SESNSP", area: "MX-14", period: "2020-01") == 4)
    }

    @Test func headerAloneImportsNothing() throws {
        let (s, rej) = try importText(.licensees, Self.licenseeHeader + "\n")
        #expect(s.rowsRead == 0 && s.rowsStored == 0 && rej.isEmpty)
    }
}
