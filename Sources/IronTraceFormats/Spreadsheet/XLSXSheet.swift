import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The first worksheet of an Excel `.xlsx` workbook as a grid of cell texts: shared strings and
/// inline strings resolved, numbers as written in the file. Enough to read published statistical
/// tables; formulas are read by their cached values, styles are ignored.
public struct XLSXSheet: Sendable {
    public let file: String
    public let sheetName: String
    /// Cells by (1-based row, 1-based column).
    public let cells: [Int: [Int: String]]

    public var rowNumbers: [Int] { cells.keys.sorted() }

    public func cell(_ row: Int, _ column: Int) -> String? { cells[row]?[column] }

    /// How much a workbook may expand to: a few kilobytes of ZIP can inflate to gigabytes of XML,
    /// so reading stops as soon as a limit is passed, with a ``FormatError`` naming it.
    public struct Limits: Sendable {
        /// The decompressed bytes of all the parts read together (workbook, shared strings, sheet).
        public var totalBytes: Int
        /// Cells in the sheet (and strings in the shared-string table).
        public var cells: Int
        public init(totalBytes: Int = 256 << 20, cells: Int = 5_000_000) {
            self.totalBytes = totalBytes
            self.cells = cells
        }
    }

    /// Excel's own grid: 1,048,576 rows by 16,384 columns (`XFD`).
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    public init(path: String, limits: Limits = Limits()) throws(FormatError) {
        file = path
        let archive: ZIPParts
        do {
            // The archive itself is bounded like what it expands to.
            archive = try ZIPParts(path: path, maxFileBytes: limits.totalBytes)
        } catch {
            throw FormatError(file: path, reason: "not an .xlsx workbook (cannot open it as a ZIP archive: \(error))")
        }
        var total = 0
        func tooLarge(_ name: String) -> FormatError {
            FormatError(
                file: path,
                reason:
                    "workbook too large: \(name) expands past the limit of \(limits.totalBytes >> 20) MiB of XML (a ZIP bomb?)"
            )
        }
        func read(_ name: String) throws(FormatError) -> Data? {
            // The declared size is checked first (cheap), the real size while inflating (headers lie).
            guard let declared = archive.declaredSize(name) else { return nil }
            let room = Swift.max(0, limits.totalBytes - total)
            if declared > room { throw tooLarge(name) }
            let bytes: [UInt8]
            do {
                guard let b = try archive.extract(name, limit: room) else { return nil }
                bytes = b
            } catch .tooLarge {
                throw tooLarge(name)
            } catch {
                throw FormatError(file: path, reason: "damaged workbook: cannot read \(name) (\(error))")
            }
            total += bytes.count
            // Workbook parts are UTF-8. Foundation's XMLParser on Linux traps on an element or
            // attribute that is not (found by the fuzz harness), so invalid bytes stop here.
            let invalid = transcode(
                bytes.makeIterator(),
                from: UTF8.self,
                to: UTF32.self,
                stoppingOnError: true,
                into: { _ in }
            )
            if invalid { throw FormatError(file: path, reason: "damaged workbook: \(name) is not valid UTF-8") }
            return Data(bytes)
        }
        let workbook = try read("xl/workbook.xml")
        let names = workbook.map { XMLCollector.sheetNames($0) } ?? []
        sheetName = names.first ?? "Sheet1"
        var strings: [String] = []
        if let data = try read("xl/sharedStrings.xml") {
            let c = XMLCollector(.strings, limit: limits.cells)
            XMLCollector.run(data, c)
            if c.overLimit {
                throw FormatError(
                    file: path,
                    reason: "workbook too large: more than \(limits.cells) shared strings (the limit)"
                )
            }
            strings = c.sharedStrings
        }
        guard let sheet = try read("xl/worksheets/sheet1.xml") else {
            throw FormatError(file: path, reason: "workbook has no first worksheet (xl/worksheets/sheet1.xml)")
        }
        let c = XMLCollector(.cells, lookup: strings, limit: limits.cells)
        XMLCollector.run(sheet, c)
        if c.overLimit {
            throw FormatError(file: path, reason: "workbook too large: more than \(limits.cells) cells (the limit)")
        }
        cells = c.cells
    }

    /// `AB12` → (12, 28): letters then digits, within Excel's grid (``maxRow`` × ``maxColumn``);
    /// anything else (`XFD99999999999`, `1A`, `A0`) is `nil`, never an overflow.
    static func position(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var digits = false
        for u in reference.utf8 {
            switch u {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if digits { return nil }
                column = column * 26 + Int(u - UInt8(ascii: "A")) + 1
                if column > maxColumn { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits = true
                row = row * 10 + Int(u - UInt8(ascii: "0"))
                if row > maxRow { return nil }
            default: return nil
            }
        }
        return row > 0 && column > 0 ? (row, column) : nil
    }
}

/// SAX-style collectors for the three workbook parts.
final class XMLCollector: NSObject, XMLParserDelegate {
    enum Mode { case sheets, strings, cells }
    let mode: Mode
    var sharedStrings: [String] = []
    var names: [String] = []
    var cells: [Int: [Int: String]] = [:]
    private var text = ""
    private var inText = false
    private var item = ""
    private var reference: String?
    private var type: String?
    private var value: String?
    private let lookup: [String]
    private let limit: Int
    private var count = 0
    /// Set when the part holds more cells (or strings) than the limit; parsing stopped there.
    private(set) var overLimit = false
    private weak var parser: XMLParser?

    init(_ mode: Mode, lookup: [String] = [], limit: Int = Int.max) {
        self.mode = mode
        self.lookup = lookup
        self.limit = limit
    }

    private func counted() {
        count += 1
        if count > limit {
            overLimit = true
            parser?.abortParsing()
        }
    }

    static func run(_ data: Data, _ c: XMLCollector) {
        let parser = XMLParser(data: data)
        parser.delegate = c
        c.parser = parser
        _ = parser.parse()
    }

    static func sheetNames(_ data: Data) -> [String] {
        let c = XMLCollector(.sheets)
        run(data, c)
        return c.names
    }

    func parser(
        _ parser: XMLParser,
        didStartElement name: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch (mode, name) {
        case (.sheets, "sheet"): if let n = attributes["name"] { names.append(n) }
        case (.strings, "si"): item = ""
        case (.cells, "c"):
            reference = attributes["r"]
            type = attributes["t"]
            value = nil
            item = ""
        case (_, "t"), (_, "v"):
            inText = true
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // A cell's text is capped like a CSV field (1 MiB), so one huge <v> cannot take gigabytes.
        if inText && text.utf8.count < 1 << 20 { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch (mode, name) {
        case (_, "t"):
            inText = false
            if item.utf8.count < 1 << 20 { item += text }
        case (.cells, "v"):
            inText = false
            value = text
        case (.strings, "si"):
            if overLimit { return }
            sharedStrings.append(item)
            counted()
        case (.cells, "c"):
            if overLimit { return }
            counted()
            var v: String?
            switch type {
            // A shared-string index outside the table (-1, or past its end) is no text, not a trap.
            case "s": v = value.flatMap { Int($0) }.flatMap { lookup.indices.contains($0) ? lookup[$0] : nil }
            case "inlineStr": v = item
            default: v = value
            }
            if let v, let ref = reference, let p = XLSXSheet.position(ref) { cells[p.row, default: [:]][p.column] = v }
        default: break
        }
    }
}
