import Foundation
import IronTraceCore

/// The output formats of `irontrace report` and the API.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown
}

extension Report {
    /// The report rendered in a format; `tableID` keeps one table (CSV of several tables writes each
    /// under a title line, separated by a blank line).
    /// `excel` starts CSV with a UTF-8 byte-order mark, which Excel needs to read UTF-8.
    public func rendered(as format: ReportFormat, tableID: String? = nil, excel: Bool = false) -> String {
        let chosen = tableID.map { id in tables.filter { $0.id == id } } ?? tables
        switch format {
        case .table: return terminalText(chosen, maxRows: tableID == nil ? 40 : Int.max)
        case .csv: return (excel ? "\u{FEFF}" : "") + csvText(chosen, titled: chosen.count > 1)
        case .json: return jsonText(chosen)
        case .markdown: return markdownText(chosen)
        }
    }

    /// Units a header need not repeat on screen (CSV and JSON keep them all), in English and as the
    /// Spanish report glossary writes them.
    static let plainUnits: Set<String> = [
        "", "%", "traces", "count", "guns", "events", "deaths", "residents",
        "rastreos", "número", "armas", "eventos", "muertes", "habitantes",
    ]

    static func header(_ c: ReportTable.Column) -> String {
        plainUnits.contains(c.unit) ? c.name : "\(c.name) (\(c.unit))"
    }

    var syntheticMark: String { wording.syntheticMark }

    /// Terminal text; tables longer than `maxRows` are cut with a line saying how to see them whole.
    func terminalText(_ tables: [ReportTable], maxRows: Int = Int.max) -> String {
        var out = title + "\n" + String(repeating: "=", count: title.count) + "\n"
        if isSynthetic { out += "[\(syntheticMark)]\n" }
        for n in notes { out += n + "\n" }
        for c in commands { out += c + "\n" }
        for t in tables {
            out += "\n" + t.title + "\n"
            let header = t.columns.map(Report.header)
            let body = t.rows.prefix(maxRows).map { $0.map(wording.text) }
            var widths = header.map(\.count)
            for r in body {
                for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) }
            }
            func line(_ cells: [String], numeric: [Bool]) -> String {
                cells.enumerated().map { i, c in
                    let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                    return numeric[i] ? pad + c : c + pad
                }.joined(separator: "  ")
            }
            let numeric = t.columns.indices.map { i in t.rows.contains { $0[i].number != nil } }
            out += line(header, numeric: numeric) + "\n"
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for r in body { out += line(r, numeric: numeric) + "\n" }
            if t.rows.isEmpty { out += wording.noData + "\n" }
            if t.rows.count > maxRows {
                out +=
                    wording.moreRows.replacingOccurrences(of: "{n}", with: wording.text(.count(t.rows.count - maxRows)))
                    .replacingOccurrences(of: "{id}", with: t.id) + "\n"
            }
            out += "\(wording.source): \(t.source)\n"
        }
        return out
    }

    /// CSV for machines and spreadsheets: numbers plain (no thousands separators, shares as percent
    /// values under a "(%)" header), headers made unique, and text cells that a spreadsheet would run
    /// as a formula (`=`, `+`, `-`, `@`, tab, CR first) prefixed with `'` (OWASP CSV injection);
    /// numeric cells, negative ones included, are written as they are.
    func csvText(_ tables: [ReportTable], titled: Bool) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func text(_ s: String) -> String { field(CSVSafety.neutralized(s)) }
        var out = ""
        for (k, t) in tables.enumerated() {
            if k > 0 { out += "\n" }
            if titled { out += text("# \(t.title) (source: \(t.source))\(isSynthetic ? " [synthetic]" : "")") + "\n" }
            let names = CSVSafety.unique(t.columns.map { $0.unit.isEmpty ? $0.name : "\($0.name) (\($0.unit))" })
            out += names.map(text).joined(separator: ",")
            out += "\n"
            for r in t.rows {
                out += r.map { $0.isNumeric ? field($0.plain) : text($0.plain) }.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    func markdownText(_ tables: [ReportTable]) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "# \(title)\n\n"
        if isSynthetic { out += "> **\(syntheticMark)**\n\n" }
        for n in notes + commands { out += "- \(cell(n))\n" }
        for t in tables {
            out += "\n## \(t.title)\n\n"
            let numeric = t.columns.indices.map { i in t.rows.contains { $0[i].number != nil } }
            out +=
                "| "
                + t.columns.map { cell(Report.header($0)) }
                .joined(separator: " | ") + " |\n"
            out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
            for r in t.rows { out += "| " + r.map { cell(wording.text($0)) }.joined(separator: " | ") + " |\n" }
            out += "\n\(wording.source): \(t.source)\n"
        }
        return out
    }

    /// JSON: the report, its notes, and each table as columns plus rows of plain values (counts as
    /// integers, shares as fractions, empty cells as null).
    public func jsonObject(_ tables: [ReportTable]? = nil) -> [String: Any] {
        func value(_ c: Cell) -> Any {
            switch c {
            case .text(let s): s
            case .count(let n): n
            case .number(let v, _): v.isFinite ? v : NSNull()
            case .share(let v): v.isFinite ? v : NSNull()
            case .empty: NSNull()
            }
        }
        return [
            "report": name,
            "title": title,
            "synthetic": isSynthetic,
            "notes": notes,
            "commands": commands,
            "tables": (tables ?? self.tables).map { t in
                [
                    "id": t.id,
                    "title": t.title,
                    "source": t.source,
                    "columns": t.columns.map { ["name": $0.name, "unit": $0.unit] },
                    "rows": t.rows.map { $0.map(value) },
                ] as [String: Any]
            },
        ]
    }

    /// Several reports as one JSON array.
    public static func json(_ reports: [Report]) -> String {
        let data =
            (try? JSONSerialization.data(
                withJSONObject: reports.map { $0.jsonObject() },
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func jsonText(_ tables: [ReportTable]) -> String {
        let data =
            (try? JSONSerialization.data(
                withJSONObject: jsonObject(tables),
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
