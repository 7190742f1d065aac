import IronTraceAnalytics

extension Report {
    /// The report with its words in a language: title, notes, table titles, column names, units and
    /// text cells through the report glossary (names of places, dealers and actors stay as they are).
    /// Figures are unchanged. `irontrace report --language es` prints this.
    public func translated(_ l: Language) -> Report {
        guard l != .en else { return self }
        var r = self
        r.wording = Report.spanishWording
        r.title = l.report(Analytics.Name(rawValue: name)?.title ?? title)
        r.notes = notes.map(l.report)
        r.commands = commands.map(l.report)
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
            t.source = l.report(t.source)
            return t
        }
        return r
    }

    /// Spanish around the tables, figures grouped as the dashboard groups them (narrow space, point).
    static let spanishWording = ReportWording(
        source: "Fuente",
        syntheticMark: "DATOS SINTÉTICOS: generados para demostración, no son casos reales",
        noData: "(sin datos para este filtro)",
        moreRows: "… {n} filas más (todas: --table {id}, o --format csv)",
        groupSeparator: "\u{202F}",
        percentSuffix: "\u{00A0}%"
    )
}
