import Foundation

/// A plain-text table for the terminal: columns padded, numbers right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: String...) { self.header = header }

    mutating func add(_ cells: String...) { rows.append(cells) }
    mutating func add(_ cells: [String]) { rows.append(cells) }

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0.count > c ? $0[c].count : 0 }.max() ?? 0 }
        func numeric(_ s: String) -> Bool {
            !s.isEmpty && s.allSatisfy { $0.isNumber || $0 == "," || $0 == "." || $0 == "%" || $0 == "-" }
        }
        var out = ""
        for (i, row) in all.enumerated() {
            let line = row.indices.map { c -> String in
                let s = row[c]
                let pad = String(repeating: " ", count: max(0, widths[c] - s.count))
                return numeric(s) && i > 0 ? pad + s : s + pad
            }.joined(separator: "  ")
            out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            if i == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }
}

extension Int {
    /// Thousands separated: 25,757.
    var grouped: String {
        let s = String(abs(self))
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + String(out.reversed())
    }
}

extension Double {
    var percent: String { String(format: "%.1f%%", self * 100) }
}
