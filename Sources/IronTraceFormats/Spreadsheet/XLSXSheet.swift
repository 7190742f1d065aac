import Foundation
import ZIPFoundation

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

    public init(path: String) throws(FormatError) {
        file = path
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw FormatError(file: path, reason: "not an .xlsx workbook (cannot open it as a ZIP archive)")
        }
        func read(_ name: String) throws(FormatError) -> Data? {
            guard let entry = archive[name] else { return nil }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                throw FormatError(file: path, reason: "damaged workbook: cannot read \(name)")
            }
            return data
        }
        let workbook = try read("xl/workbook.xml")
        let names = workbook.map { XMLCollector.sheetNames($0) } ?? []
        sheetName = names.first ?? "Sheet1"
        let strings = try read("xl/sharedStrings.xml").map { XMLCollector.sharedStrings($0) } ?? []
        guard let sheet = try read("xl/worksheets/sheet1.xml") else {
            throw FormatError(file: path, reason: "workbook has no first worksheet (xl/worksheets/sheet1.xml)")
        }
        cells = XMLCollector.cells(sheet, sharedStrings: strings)
    }

    /// `AB12` → (12, 28).
    static func position(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        for u in reference.utf8 {
            switch u {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(u - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): row = row * 10 + Int(u - UInt8(ascii: "0"))
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

    init(_ mode: Mode, lookup: [String] = []) {
        self.mode = mode
        self.lookup = lookup
    }

    static func run(_ data: Data, _ c: XMLCollector) {
        let parser = XMLParser(data: data)
        parser.delegate = c
        _ = parser.parse()
    }

    static func sheetNames(_ data: Data) -> [String] {
        let c = XMLCollector(.sheets)
        run(data, c)
        return c.names
    }

    static func sharedStrings(_ data: Data) -> [String] {
        let c = XMLCollector(.strings)
        run(data, c)
        return c.sharedStrings
    }

    static func cells(_ data: Data, sharedStrings: [String]) -> [Int: [Int: String]] {
        let c = XMLCollector(.cells, lookup: sharedStrings)
        run(data, c)
        return c.cells
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

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch (mode, name) {
        case (_, "t"):
            inText = false
            item += text
        case (.cells, "v"):
            inText = false
            value = text
        case (.strings, "si"): sharedStrings.append(item)
        case (.cells, "c"):
            var v: String?
            switch type {
            case "s": v = value.flatMap { Int($0) }.flatMap { $0 < lookup.count ? lookup[$0] : nil }
            case "inlineStr": v = item
            default: v = value
            }
            if let v, let ref = reference, let p = XLSXSheet.position(ref) { cells[p.row, default: [:]][p.column] = v }
        default: break
        }
    }
}
