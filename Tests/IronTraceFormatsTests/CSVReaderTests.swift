import Foundation
import IronTraceFormats
import IronTraceTesting
import Testing

@Suite struct CSVReaderTests {
    func records(_ text: String, _ options: CSVReader.Options = .init()) throws -> [CSVRecord] {
        Array(try CSVReader(bytes: Array(text.utf8), name: "t.csv", options: options))
    }

    @Test func quotedFieldsWithDelimitersQuotesAndNewlines() throws {
        let r = try records("a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n\"multi\nline\",z\n")
        #expect(r.count == 3)
        #expect(r[1].fields == ["x, y", "he said \"hi\""])
        #expect(r[2].fields == ["multi\nline", "z"])
        #expect(r[2].line == 3)
    }

    @Test func bomCRLFAndBlankLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n\r\n3,4".utf8)
        let r = Array(try CSVReader(bytes: bytes))
        #expect(r.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r[2].line == 4)
    }

    @Test func latin1FallsBackPerField() throws {
        let bytes: [UInt8] = Array("estado,n\n".utf8) + [0x4D, 0xE9, 0x78, 0x69, 0x63, 0x6F] + Array(",1\n".utf8)
        let r = Array(try CSVReader(bytes: bytes))
        #expect(r[1].fields[0] == "México")
    }

    @Test func sniffsDelimiters() throws {
        let reader = try CSVReader(bytes: Array("a|b|c\n1|2|3\n".utf8))
        #expect(reader.delimiter == UInt8(ascii: "|"))
        #expect(Array(reader).last?.fields == ["1", "2", "3"])
        let tabs = try CSVReader(bytes: Array("a\tb\n1\t2\n".utf8))
        #expect(tabs.delimiter == 9)
    }

    @Test func repairsMacRomanMojibake() {
        #expect(TextRepair.repairMacRomanMojibake("AÒo") == "Año")
        #expect(TextRepair.repairMacRomanMojibake("Michoac·n") == "Michoacán")
        #expect(TextRepair.repairMacRomanMojibake("Bien jurÌdico") == "Bien jurídico")
        #expect(TextRepair.macRomanTableSize == 128)
        #expect(TextRepair.looksLikeMacRomanMojibake("AÒo,Bien jurÌdico afectado"))
        #expect(!TextRepair.looksLikeMacRomanMojibake("Año,Bien jurídico afectado"))
    }

    @Test(.enabled(if: SharedData.path("sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv") != nil, "needs ../shared/data"))
    func readsTheRealSESNSPFileWithItsMojibakeRepaired() throws {
        let reader = try CSVReader(path: try #require(SharedData.path("sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv")))
        #expect(reader.repairsMojibake)
        let header = try #require(reader.next()).fields
        #expect(header[0] == "Año")
        #expect(header[3] == "Bien jurídico afectado")
        var states = Set<String>()
        var rows = 0
        while let r = reader.next() {
            rows += 1
            #expect(r.fields.count == header.count)
            states.insert(r.fields[2])
        }
        #expect(states.contains("Michoacán de Ocampo"))
        #expect(states.contains("Nuevo León"))
        #expect(rows > 20_000)
    }

    @Test(
        .enabled(
            if: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2010.csv") != nil,
            "needs ../shared/data"
        )
    )
    func readsTheRealLatin1INEGIExport() throws {
        let reader = try CSVReader(
            path: try #require(SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2010.csv"))
        )
        let all = Array(reader)
        #expect(all[1].fields[0] == "Año de registro : 2010")
        #expect(all.contains { $0.fields.count > 2 && $0.fields[1] == "Total" && $0.fields[2] == "25,757" })
    }

    @Test func unterminatedQuoteIsFlaggedNotLost() throws {
        let r = try records("a,b\n1,2\n3,\"never closed\n4,5\n")
        #expect(r.count == 3)
        #expect(r[2].unterminatedQuote)
        #expect(r[2].line == 3)
    }

    @Test func oversizedFieldsAreCutAndFlagged() throws {
        let big = String(repeating: "x", count: 10 * 1024 * 1024)
        let r = try records("a,b\n1,\(big)\n2,3\n")
        #expect(r.count == 3)
        #expect(r[1].oversizedColumn == 2)
        #expect(r[1].fields[1].utf8.count == 1 << 20)
        #expect(r[2].fields == ["2", "3"])
    }

    @Test func binaryFilesAreOneClearError() {
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 13, 0xFF, 0]
        let error = #expect(throws: FormatError.self) { try CSVReader(bytes: bytes, name: "logo.png") }
        #expect(error?.description.contains("logo.png") == true)
        #expect(error?.reason.contains("not a text file") == true)
    }

    @Test func missingFilesAreOneClearError() {
        #expect(throws: FormatError.self) { try CSVReader(path: "/nonexistent/x.csv") }
    }

    @Test func largeFilesStreamInChunks() throws {
        // 40 MB of rows through a 1 MiB buffer: the reader must cross chunk boundaries inside quoted
        // fields and CRLF pairs without losing or splitting a row.
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path("big.csv")
        FileManager.default.createFile(atPath: path, contents: nil)
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.write(Data("id,text,n\r\n".utf8))
        var chunk = ""
        for i in 0..<400_000 {
            chunk += "\(i),\"quoted, \"\"field\"\" \(i)\",\(i * 7)\r\n"
            if chunk.utf8.count > 1_000_000 {
                h.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        h.write(Data(chunk.utf8))
        try h.close()
        let reader = try CSVReader(path: path)
        _ = reader.next()
        var n = 0
        while let r = reader.next() {
            #expect(r.fields.count == 3)
            if r.fields[0] != String(n) || r.fields[2] != String(n * 7) || r.fields[1] != "quoted, \"field\" \(n)" {
                Issue.record("row \(n) wrong: \(r.fields)")
                break
            }
            n += 1
        }
        #expect(n == 400_000)
    }
}
