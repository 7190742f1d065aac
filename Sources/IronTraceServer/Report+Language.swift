import IronTraceAnalytics

extension Report {
    /// The report with its words in a language: title, notes, table titles, column names, units and
    /// text cells through the report glossary (names of places, dealers and actors stay as they are).
    /// Figures are unchanged. `irontrace report --language es` prints this.
    public func translated(_ l: Language) -> Report {
        guard l != .en else { return self }
        var r = self
        r.title = l.report(Analytics.Name(rawValue: name)?.title ?? title)
        r.notes = notes.map(l.report)
        r.tables = tables.map { t in
            var t = t
            t.title = l.report(t.title)
            t.columns = t.columns.map { ReportTable.Column(l.report($0.name), unit: l.report($0.unit)) }
            t.rows = t.rows.map { row in
                row.map { cell in
                    if case .text(let s) = cell { return .text(l.report(s)) }
                    return cell
                }
            }
            return t
        }
        return r
    }
}
