import IronTraceCore

/// A report as data: titled tables of typed cells, each table with the source of its figures, plus
/// notes (the filter applied, caveats, whether the data is synthetic). Renderers turn it into a
/// terminal table, CSV, JSON or Markdown; charts read the same tables.
public struct Report: Sendable {
    /// The report's command name (`summary`, `sources`, ...).
    public var name: String
    public var title: String
    public var tables: [ReportTable]
    public var notes: [String]
    /// Commands that show more than the report (a figure's rows with their files and lines): the
    /// CLI's terminal and Markdown renderings and the JSON print them, the dashboard does not (its
    /// readers have no shell on the server).
    public var commands: [String] = []
    /// True when any figure comes from synthetic records; every rendering shows it.
    public var isSynthetic: Bool
    /// The words and number format of the terminal and Markdown renderings (CSV and JSON stay plain).
    public var wording = ReportWording.english

    public init(name: String, title: String, tables: [ReportTable] = [], notes: [String] = [], isSynthetic: Bool) {
        self.name = name
        self.title = title
        self.tables = tables
        self.notes = notes
        self.isSynthetic = isSynthetic
    }

    /// The table with this identifier.
    public func table(_ id: String) -> ReportTable? { tables.first { $0.id == id } }
}

/// What a report's terminal and Markdown renderings write besides its own words: the source and
/// synthetic labels, the empty and cut-table lines, and how figures are grouped. A translated report
/// (`irontrace report --language es`) carries the Spanish ones, so no English is left around the
/// translated tables and its figures read as the dashboard's do.
public struct ReportWording: Sendable, Equatable {
    public var source: String
    public var syntheticMark: String
    public var noData: String
    /// "{n} more rows (all rows: --table {id}, or --format csv)".
    public var moreRows: String
    public var groupSeparator: String
    /// After a share's digits: "%" in English, a no-break space and "%" in Spanish.
    public var percentSuffix: String

    public init(
        source: String,
        syntheticMark: String,
        noData: String,
        moreRows: String,
        groupSeparator: String,
        percentSuffix: String
    ) {
        self.source = source
        self.syntheticMark = syntheticMark
        self.noData = noData
        self.moreRows = moreRows
        self.groupSeparator = groupSeparator
        self.percentSuffix = percentSuffix
    }

    public static let english = ReportWording(
        source: "Source",
        syntheticMark: "SYNTHETIC DATA: generated for demonstration, not real cases",
        noData: "(no data for this filter)",
        moreRows: "… {n} more rows (all rows: --table {id}, or --format csv)",
        groupSeparator: ",",
        percentSuffix: "%"
    )

    /// A cell as this wording shows it: grouped figures and shares with the language's signs.
    public func text(_ cell: Cell) -> String {
        let shown = cell.text
        switch cell {
        case .text, .empty: return shown
        case .count, .number:
            return groupSeparator == "," ? shown : shown.replacingOccurrences(of: ",", with: groupSeparator)
        case .share:
            let digits = String(shown.dropLast())
            return (groupSeparator == "," ? digits : digits.replacingOccurrences(of: ",", with: groupSeparator))
                + percentSuffix
        }
    }
}

/// One table of a report.
public struct ReportTable: Sendable {
    /// A short identifier, stable across versions (`outcomes`, `by_year`, ...), for `--table` and the API.
    public var id: String
    public var title: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Where the figures come from ("IronTrace trace records", "INEGI, defunciones por homicidio", ...).
    public var source: String

    public init(id: String, title: String, columns: [Column], rows: [[Cell]] = [], source: String) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.source = source
    }

    public struct Column: Sendable {
        public var name: String
        /// The unit of the figures ("traces", "%", "days", "per 100,000"), empty for labels.
        public var unit: String
        public init(_ name: String, unit: String = "") {
            self.name = name
            self.unit = unit
        }
    }

    /// The cells of one column.
    public func column(_ name: String) -> [Cell] {
        guard let i = columns.firstIndex(where: { $0.name == name }) else { return [] }
        return rows.map { $0[i] }
    }

    /// The row whose first cell shows this text.
    public func row(_ label: String) -> [Cell]? { rows.first { $0.first?.text == label } }

    /// The value in the row labelled `label` and the column `name`.
    public func value(_ label: String, _ name: String) -> Double? {
        guard let i = columns.firstIndex(where: { $0.name == name }), let r = row(label) else { return nil }
        return r[i].number
    }
}

/// A typed cell: text, a count, a decimal number with its digits, or a share shown as a percentage.
public enum Cell: Sendable, Equatable {
    case text(String)
    case count(Int)
    case number(Double, digits: Int)
    /// A fraction in [0, 1], shown as a percentage.
    case share(Double)
    case empty

    /// A measured value rounded to a whole count; non-finite or absurd values (beyond ±2^53, where
    /// readers should have rejected them) are shown as a number instead of trapping on `Int(_:)`.
    public static func whole(_ x: Double) -> Cell {
        guard x.isFinite, x.magnitude < 9.0e15 else { return .number(x, digits: 0) }
        return .count(Int(x.rounded()))
    }

    /// The number the cell holds (a share as its fraction), or nil for text and empty cells.
    public var isNumeric: Bool {
        switch self {
        case .count, .number, .share: true
        case .text, .empty: false
        }
    }

    public var number: Double? {
        switch self {
        case .count(let n): Double(n)
        case .number(let v, _): v
        case .share(let v): v
        case .text, .empty: nil
        }
    }

    /// The cell as shown in tables: counts with thousands separators, shares as percentages.
    public var text: String {
        switch self {
        case .text(let s): s
        case .count(let n): NumberText.grouped(n)
        case .number(let v, let d): NumberText.fixed(v, digits: d)
        case .share(let v): NumberText.fixed(v * 100, digits: 1) + "%"
        case .empty: ""
        }
    }

    /// The cell as written to CSV: plain numbers with no thousands separators, shares as percent
    /// values (the CSV header says "(%)").
    public var plain: String {
        switch self {
        case .text(let s): s
        case .count(let n): String(n)
        case .number(let v, let d): NumberText.plain(v, digits: d)
        case .share(let v): NumberText.plain(v * 100, digits: 2)
        case .empty: ""
        }
    }
}
