import Foundation
import IronTraceCore
import IronTraceTesting
import Testing
import ZIPFoundation

@testable import IronTraceFormats

/// Regression tests for the defects an attack test found (issue 12): non-finite and absurd figures
/// stored, traps on huge counts, short rows, shared-string indexes and cell references, NUL bytes past
/// the first chunk, and an XLSX that inflates to gigabytes. Each fails (or crashes) on the readers
/// as they were before the fix.
@Suite struct HostileInputTests {
    static let victimsHeader =
        "date_year_month,n_year,n_month,cve_ent,nombre_estado,bien_juridico_afectado,tipo_de_delito,subtipo_de_delito,modalidad,genero,rango_de_edad,n_victimas"

    /// Writes `text` (or bytes) into a fresh temporary directory and runs `body` on the path.
    func withFile<T>(_ name: String, _ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    func rejections<T>(_ results: [RowResult<T>]) -> [Rejection] {
        results.compactMap {
            if case .rejected(let r) = $0 { return r }
            return nil
        }
    }

    func records<T>(_ results: [RowResult<T>]) -> [T] {
        results.compactMap {
            if case .record(let v, _) = $0 { return v }
            return nil
        }
    }

    // MARK: 1. non-finite and absurd numbers

    @Test func numberFieldRejectsNonFiniteNegativeAndAbsurdFigures() throws {
        for bad in [
            "1e309", "inf", "-inf", "nan", "infinity", "0x1p3", "1e20", "-1", "9999999999999999999999", "", "x",
        ] {
            guard case .failure = NumberField.count(bad) else {
                Issue.record("\(bad) accepted as a count")
                continue
            }
        }
        #expect(try NumberField.count("1,234").get() == 1234)
        #expect(try NumberField.count("12.0").get() == 12)
        #expect(try NumberField.count(String(NumberField.maxCount)).get() == NumberField.maxCount)
        #expect(throws: NumberField.Problem.self) { try NumberField.count("1.5").get() }
        #expect(throws: NumberField.Problem.self) { try NumberField.population("1e11").get() }
        #expect(NumberField.range(forMeasure: "homicide_rate").upperBound == NumberField.maxRate)
    }

    @Test func nativeAreaMeasuresRejectNonFiniteAndAbsurdValues() throws {
        let text =
            NativeKind.areaMeasures.header.joined(separator: ",") + "\n"
            + "MX-14,2017,homicides,1e20,INEGI\n"  // line 2: absurd count
            + "MX-14,2018,homicides,inf,INEGI\n"  // line 3
            + "MX-14,2019,homicides,nan,INEGI\n"  // line 4
            + "MX-14,2020,population,1e309,CONAPO\n"  // line 5
            + "MX-14,2021,homicides,1200,INEGI\n"  // line 6: good
            + "MX-14,2021,population,8400000,CONAPO\n"  // line 7: good
            + "MX-14,2021,homicide_rate,5e6,INEGI\n"  // line 8: a rate above its bound
        let results = Array(try NativeReader<AreaMeasureCodec>(bytes: Array(text.utf8), name: "m.csv"))
        #expect(records(results).map(\.value) == [1200, 8_400_000])
        let rej = rejections(results)
        #expect(rej.map(\.line) == [2, 3, 4, 5, 8])
        #expect(rej.allSatisfy { $0.file == "m.csv" && $0.column == 4 && $0.field == "value" })
        #expect(rej[0].reason.contains("outside"))
        #expect(rej[1].reason.contains("not a number"))
        #expect(rej[3].reason.contains("finite"))
    }

    @Test func nativeCountsHaveAnUpperBound() throws {
        let text =
            NativeKind.flows.header.joined(separator: ",")
            + "\nUS-TX,MX-14,2017,5000000000,ATF\nUS-TX,MX-14,2017,5,ATF\n"
        let results = Array(try NativeReader<FlowCodec>(bytes: Array(text.utf8), name: "f.csv"))
        let rej = rejections(results)
        #expect(rej.count == 1)
        #expect(rej.first?.line == 2 && rej.first?.column == 4 && rej.first?.reason.contains("limit") == true)
    }

    @Test func sesnspVictimsRejectNonFiniteAndAbsurdCounts() throws {
        let rows = ["1e309", "1e20", "inf", "-3", "2.5", "7"].map {
            "2020-01,2020,1,14,Jalisco,La vida,Homicidio,Homicidio doloso,Con arma de fuego,Hombre,Adultos,\($0)"
        }
        let text = Self.victimsHeader + "\n" + rows.joined(separator: "\n") + "\n"
        let (results, counts) = try withFile("victims.csv", Array(text.utf8)) { path in
            let reader = try SESNSPVictimsReader(path: path)
            let all = Array(reader)
            return (all, (reader.rowsRead, reader.rowsSkipped))
        }
        #expect(records(results).map(\.value) == [7])
        let rej = rejections(results)
        #expect(rej.map(\.line) == [2, 3, 4, 5, 6])
        #expect(rej.allSatisfy { $0.column == 12 && $0.field == "n_victimas" && $0.file.hasSuffix("victims.csv") })
        #expect(rej[0].reason.contains("finite"))
        #expect(rej[1].reason.contains("outside"))
        #expect(rej[3].reason.contains("negative"))
        #expect(rej[4].reason.contains("whole"))
        #expect(counts.0 == 6 && counts.1 == 0)
    }

    // MARK: 2. reader crashes

    @Test func atfFlowCSVRejectsHugeAndNonFiniteCountsWithoutTrapping() throws {
        let text =
            "Year,Source_State,Recovery_State,Guns_Recovered\n2015,Texas,Arizona,1e20\n2015,Texas,Arizona,inf\n"
            + "2015,Texas,Arizona,9999999999999999999999\n2015,Texas,Arizona,12\n"
        let results = try withFile("atf.csv", Array(text.utf8)) { path in Array(try ATFFlowReader(path: path)) }
        #expect(records(results).map(\.count) == [12])
        let rej = rejections(results)
        #expect(rej.map(\.line) == [2, 3, 4])
        #expect(rej.allSatisfy { $0.column == 4 && $0.field == "guns" && $0.reason.hasPrefix("not a count") })
    }

    @Test func atfFlowCSVShortRowIsAWholeRowRejection() throws {
        let text = "Year,Source_State,Recovery_State,Guns_Recovered\n2015,Texas\n"
        let results = try withFile("atf.csv", Array(text.utf8)) { path in Array(try ATFFlowReader(path: path)) }
        let rej = rejections(results)
        #expect(rej.count == 1)
        #expect(rej.first?.column == 0 && rej.first?.line == 2)
        #expect(rej.first?.reason == "expected at least 4 fields, found 2")
        #expect(rej.first?.value == "")
    }

    /// A minimal workbook: `sheet1.xml` as given, optional shared strings.
    static func workbook(sheet: String, strings: [String] = []) -> [(String, Data)] {
        let sst =
            "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + strings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        return [
            (
                "xl/workbook.xml",
                Data("<?xml version=\"1.0\"?><workbook><sheets><sheet name=\"Sheet1\"/></sheets></workbook>".utf8)
            ),
            ("xl/sharedStrings.xml", Data(sst.utf8)),
            (
                "xl/worksheets/sheet1.xml",
                Data(("<?xml version=\"1.0\"?><worksheet><sheetData>" + sheet + "</sheetData></worksheet>").utf8)
            ),
        ]
    }

    static func writeZip(_ path: String, _ parts: [(String, Data)]) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(
                with: name,
                type: .file,
                uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static func inlineCell(_ ref: String, _ text: String) -> String {
        "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }

    @Test func atfWorkbookRejectsHugeCountsWithoutTrapping() throws {
        let states = USState.all.prefix(25)
        func letters(_ n: Int) -> String {
            var n = n
            var s = ""
            while n > 0 {
                let r = (n - 1) % 26
                s = String(UnicodeScalar(UInt8(65 + r))) + s
                n = (n - 1) / 26
            }
            return s
        }
        var header = "<row r=\"1\">"
        for (i, s) in states.enumerated() { header += Self.inlineCell("\(letters(i + 2))1", s.name) }
        header += "</row>"
        let row2 =
            "<row r=\"2\">" + Self.inlineCell("A2", "Texas") + "<c r=\"B2\"><v>1e20</v></c><c r=\"C2\"><v>inf</v></c>"
            + "<c r=\"D2\"><v>42</v></c></row>"
        let results = try withFile("trace_2015.xlsx", []) { path in
            try FileManager.default.removeItem(atPath: path)
            try Self.writeZip(path, Self.workbook(sheet: header + row2))
            return try ATFFlowWorkbookReader.read(path: path)
        }
        let rej = rejections(results)
        #expect(rej.count == 2)
        #expect(rej.map(\.column) == [2, 3])
        #expect(rej.allSatisfy { $0.line == 2 && $0.reason.hasPrefix("not a count") })
        #expect(records(results).contains { $0.count == 42 })
    }

    @Test func xlsxSharedStringIndexOutOfRangeIsNoText() throws {
        let sheet =
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>-1</v></c><c r=\"B1\" t=\"s\"><v>7</v></c>"
            + "<c r=\"C1\" t=\"s\"><v>0</v></c><c r=\"D1\" t=\"s\"><v>99999999999999999999</v></c></row>"
        let xlsx = try withFile("s.xlsx", []) { path in
            try FileManager.default.removeItem(atPath: path)
            try Self.writeZip(path, Self.workbook(sheet: sheet, strings: ["only"]))
            return try XLSXSheet(path: path)
        }
        #expect(xlsx.cell(1, 1) == nil)
        #expect(xlsx.cell(1, 2) == nil)
        #expect(xlsx.cell(1, 3) == "only")
        #expect(xlsx.cell(1, 4) == nil)
    }

    @Test func xlsxCellReferencesBeyondTheGridAreIgnored() throws {
        let sheet =
            "<row r=\"1\">"
            + ["XFD99999999999", "ZZZZZZZZZZZZZZZZZZZZ1", "A99999999999999999999999", "XFE1", "A1048577", "1A", "A0"]
            .map { "<c r=\"\($0)\"><v>1</v></c>" }.joined() + "<c r=\"XFD1048576\"><v>2</v></c></row>"
        let xlsx = try withFile("g.xlsx", []) { path in
            try FileManager.default.removeItem(atPath: path)
            try Self.writeZip(path, Self.workbook(sheet: sheet))
            return try XLSXSheet(path: path)
        }
        #expect(xlsx.cells.count == 1)
        #expect(xlsx.cell(XLSXSheet.maxRow, XLSXSheet.maxColumn) == "2")
    }

    /// A ZIP whose sheet inflates to 300 MB: a provider streams the repeated cells, so neither the
    /// test nor the reader holds them; the reader refuses on the declared size at once.
    static func writeBomb(_ path: String, bytes total: Int) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in workbook(sheet: "").prefix(2) {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count)) { p, s in
                data.subdata(in: Int(p)..<Int(p) + s)
            }
        }
        let cell = Data(String(repeating: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", count: 2000).utf8)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml",
            type: .file,
            uncompressedSize: Int64(total),
            compressionMethod: .deflate,
            bufferSize: cell.count
        ) { position, size in
            let offset = Int(position) % cell.count
            if offset + size <= cell.count { return cell.subdata(in: offset..<offset + size) }
            var d = Data(capacity: size)
            while d.count < size {
                let o = (offset + d.count) % cell.count
                d.append(cell.subdata(in: o..<Swift.min(cell.count, o + size - d.count)))
            }
            return d
        }
    }

    /// Rewrites the uncompressed size of every entry named `name` (local header and central
    /// directory) to `size`: a ZIP that lies about how far it expands.
    static func lieAboutSize(_ path: String, of name: String, size: UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let nameBytes = Array(name.utf8)
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func put32(_ i: Int, _ v: UInt32) { for k in 0..<4 { bytes[i + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) } }
        var i = 0
        while i + 46 < bytes.count {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x03, bytes[i + 3] == 0x04 {
                let n = le16(i + 26)
                if Array(bytes[(i + 30)..<(i + 30 + n)]) == nameBytes { put32(i + 22, size) }
            } else if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x01, bytes[i + 3] == 0x02 {
                let n = le16(i + 28)
                if Array(bytes[(i + 46)..<(i + 46 + n)]) == nameBytes { put32(i + 24, size) }
            }
            i += 1
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func xlsxBombIsRefusedEarlyOnItsDeclaredSize() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path("bomb.xlsx")
        try Self.writeBomb(path, bytes: 300_000_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size < 2_000_000, "the bomb is small on disk (\(size) bytes)")
        let error = #expect(throws: FormatError.self) { try XLSXSheet(path: path) }
        #expect(error?.file == path)
        #expect(error?.reason.contains("256 MiB") == true)
    }

    @Test func xlsxBombThatLiesAboutItsSizeStopsAtTheLimit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path("liar.xlsx")
        try Self.writeBomb(path, bytes: 300_000_000)
        try Self.lieAboutSize(path, of: "xl/worksheets/sheet1.xml", size: 1000)
        // Stopped at the limit while inflating (the error says so), not after expanding 300 MB:
        // no timing here, the machine is shared.
        let error = #expect(throws: FormatError.self) { try XLSXSheet(path: path) }
        #expect(error?.reason.contains("limit") == true, "\(String(describing: error))")
        // A small limit stops even sooner, naming it.
        let small = #expect(throws: FormatError.self) {
            try XLSXSheet(path: path, limits: .init(totalBytes: 1 << 20))
        }
        #expect(small?.reason.contains("1 MiB") == true)
    }

    /// A ZIP written byte by byte: each part with its method and payload as given (sizes and CRC
    /// as the caller says), so a test can hand the reader a stream no archiver would write.
    static func rawZip(_ parts: [(name: String, method: UInt16, payload: [UInt8], size: UInt32, crc: UInt32)])
        -> [UInt8]
    {
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for p in parts {
            let name = Array(p.name.utf8)
            let offset = UInt32(out.count)
            let sizes = le32(p.crc) + le32(UInt32(p.payload.count)) + le32(p.size) + le16(UInt16(name.count)) + le16(0)
            out += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(p.method) + le32(0) + sizes + name + p.payload
            directory += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(p.method) + le32(0) + sizes
            directory += le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let start = UInt32(out.count)
        out += directory
        out += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(UInt16(parts.count)) + le16(UInt16(parts.count))
        out += le32(UInt32(directory.count)) + le32(start) + le16(0)
        return out
    }

    /// The fuzz harness's hang (CI, stop 19): a deflate stream that never ends made ZIPFoundation
    /// read past the end of the file for ever. A stream cut short, a stream of nonsense, data that
    /// runs past the file and a wrong checksum are each a clear error naming the part.
    @Test func xlsxDamagedDeflateStreamsAreErrorsNotHangs() throws {
        let workbook = Array("<workbook><sheets><sheet name=\"S\"/></sheets></workbook>".utf8)
        // A stored block that is not the last one (BFINAL 0), then nothing: the stream never ends.
        let unfinished: [UInt8] = [0x00, 0x05, 0x00, 0xFA, 0xFF] + Array("<work".utf8)
        let cases: [(String, [UInt8], UInt32, String)] = [
            ("unfinished", unfinished, 5, "truncated"),
            ("nonsense", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 5, "not a valid deflate stream"),
        ]
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        for (label, payload, size, expected) in cases {
            let path = dir.path("\(label).xlsx")
            let zip = Self.rawZip([
                ("xl/workbook.xml", 8, payload, size, 0)
            ])
            try Data(zip).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: FormatError.self, "\(label)") { try XLSXSheet(path: path) }
            #expect(error?.reason.contains("xl/workbook.xml") == true, "\(label): \(String(describing: error))")
            #expect(error?.reason.contains(expected) == true, "\(label): \(String(describing: error))")
        }
        // A part whose compressed size (in the central directory) reaches past the end of the file.
        var cut = Self.rawZip([("xl/workbook.xml", 0, workbook, UInt32(workbook.count), 0)])
        let directorySize = 46 + "xl/workbook.xml".utf8.count
        let directoryStart = cut.count - 22 - directorySize
        for k in 0..<4 { cut[directoryStart + 20 + k] = 0xF0 }
        let pastEnd = dir.path("past-end.xlsx")
        try Data(cut).write(to: URL(fileURLWithPath: pastEnd))
        let past = #expect(throws: FormatError.self) { try XLSXSheet(path: pastEnd) }
        #expect(past?.reason.contains("past the end of the file") == true, "\(String(describing: past))")
        // Stored bytes whose CRC-32 is not the one the directory gives.
        let badCRC = dir.path("bad-crc.xlsx")
        try Data(Self.rawZip([("xl/workbook.xml", 0, workbook, UInt32(workbook.count), 12345)]))
            .write(to: URL(fileURLWithPath: badCRC))
        let crc = #expect(throws: FormatError.self) { try XLSXSheet(path: badCRC) }
        #expect(crc?.reason.contains("checksum") == true, "\(String(describing: crc))")
    }

    @Test func xlsxCellCountIsBounded() throws {
        let cells = (1...50).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
        let error = try withFile("many.xlsx", []) { path in
            try FileManager.default.removeItem(atPath: path)
            try Self.writeZip(path, Self.workbook(sheet: cells))
            #expect(try XLSXSheet(path: path).cells.count == 50)
            return #expect(throws: FormatError.self) { try XLSXSheet(path: path, limits: .init(cells: 10)) }
        }
        #expect(error?.reason.contains("more than 10 cells") == true)
    }

    @Test func inegiMunicipalityKeysCannotOverflow() {
        guard case .failure(let p) = INEGIHomicideReader.area(" 14 9223372036854775807 ", name: "x") else {
            Issue.record("accepted an absurd municipality")
            return
        }
        #expect(p.reason.contains("001-999"))
    }

    @Test func censusWithAYearInTheSecondColumnDoesNotTrap() throws {
        // Before: a header with its only year in column 2 let a 2-field row index field 3.
        let text = ",2010,a,b\n 14 001 ,x\n"
        let results = try withFile("census.csv", Array(text.utf8)) { path in
            try PopulationReader.inegiCensus(path: path)
        }
        #expect(rejections(results).first?.reason.contains("fields") == true)
    }

    @Test func usCensusRegionRowsInANarrowFileDoNotTrap() throws {
        let text = "SUMLEV,STATE,POPESTIMATE2015\n020,1,100\n040,48,27000000\n"
        let results = try withFile("us.csv", Array(text.utf8)) { path in try PopulationReader.usCensus(path: path) }
        #expect(rejections(results).count == 1)
        #expect(records(results).map(\.value) == [27_000_000])
    }

    // MARK: 3. NUL bytes past the first chunk

    @Test func nulPastTheFirstMebibyteRejectsTheRow() throws {
        var bytes = Array((NativeKind.flows.header.joined(separator: ",") + "\n").utf8)
        let good = Array("US-TX,MX-14,2017,5,ATF\n".utf8)
        while bytes.count < 2 << 20 { bytes += good }
        let goodRows =
            (bytes.count - Array((NativeKind.flows.header.joined(separator: ",") + "\n").utf8).count)
            / good.count
        bytes += Array("US-TX,MX-14,2017,5,AT".utf8) + [0] + Array("F\n".utf8)
        bytes += Array("US-AZ,MX-26,2017,3,ATF\n".utf8)
        let results = try withFile("nul.csv", bytes) { path in Array(try NativeReader<FlowCodec>(path: path)) }
        let rej = rejections(results)
        #expect(rej.count == 1)
        #expect(rej.first?.line == goodRows + 2)
        #expect(rej.first?.column == 5 && rej.first?.field == "source")
        #expect(rej.first?.reason == "contains a NUL byte")
        #expect(records(results).count == goodRows + 1)
        #expect(records(results).allSatisfy { !$0.source.contains("\0") })
    }

    /// A header and enough good rows to pass the 64 KiB binary sniff (a NUL there is a file error).
    static func padded(_ header: String, _ row: String) -> (text: String, rows: Int) {
        var text = header + "\n"
        var rows = 0
        while text.utf8.count < 100_000 {
            text += row + "\n"
            rows += 1
        }
        return (text, rows)
    }

    @Test func csvReaderFlagsNulInAnyField() throws {
        let (text, rows) = Self.padded("a,b", "1,2")
        let bytes = Array((text + "3,x").utf8) + [0] + Array("y\n4,5\n".utf8)
        let r = Array(try CSVReader(bytes: bytes, name: "n.csv"))
        #expect(r.count == rows + 3)
        #expect(r[rows].nulColumn == nil)
        #expect(r[rows + 1].nulColumn == 2)
        #expect(r[rows + 1].fields == ["3", ""])
        #expect(r[rows + 1].damage(file: "n.csv")?.reason == "contains a NUL byte")
        #expect(r[rows + 2].fields == ["4", "5"] && r[rows + 2].nulColumn == nil)
    }

    @Test func officialReadersRejectNulRows() throws {
        let good = "2020-01,2020,1,14,Jalisco,x,y,z,w,Hombre,Adultos,7"
        let (text, rows) = Self.padded(Self.victimsHeader, good)
        let bytes = Array((text + "2020-01,2020,1,14,Jal").utf8) + [0] + Array("isco,x,y,z,w,Hombre,Adultos,7\n".utf8)
        let results = try withFile("v.csv", bytes) { path in Array(try SESNSPVictimsReader(path: path)) }
        let rej = rejections(results)
        #expect(records(results).count == rows)
        #expect(rej.count == 1)
        #expect(rej.first?.line == rows + 2 && rej.first?.column == 5 && rej.first?.field == "nombre_estado")
        #expect(rej.first?.reason == "contains a NUL byte")
    }

    @Test func tooManyFieldsAreCappedAndRejected() throws {
        let text = "a,b\n" + String(repeating: ",", count: 200_000) + "\n1,2\n"
        let r = Array(try CSVReader(bytes: Array(text.utf8), name: "c.csv"))
        #expect(r.count == 3)
        #expect(r[1].fields.count == 1 << 16)
        #expect(r[1].damage(file: "c.csv")?.reason.contains("fields") == true)
        #expect(r[2].fields == ["1", "2"])
    }
}
