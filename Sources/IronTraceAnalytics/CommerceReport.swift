import IronTraceCore
import IronTraceDataset

/// The ATF "Firearms Commerce in the United States" exhibits as published context (source
/// `ATF commerce`, read by `atf-commerce`): national figures by year side by side, the
/// manufacturing table by firearm type, and every stored figure (state and country tables
/// included) in one long table.
extension Analytics {
    /// The national columns of the `by_year` table: measure and heading.
    static let commerceColumns: [(measure: String, title: String)] = [
        ("firearms_manufactured_total", "Manufactured"), ("firearms_exported_total", "Exported"),
        ("firearms_imported_total", "Imported"), ("import_applications_total", "Import applications"),
        ("nfa_forms_processed_total", "NFA forms processed"), ("ffl_count_total", "FFLs (fiscal year)"),
        ("ffl_inspections", "FFL inspections (fiscal year)"),
    ]

    static let manufacturingColumns: [(measure: String, title: String)] = [
        ("firearms_manufactured_pistols", "Pistols"), ("firearms_manufactured_revolvers", "Revolvers"),
        ("firearms_manufactured_rifles", "Rifles"), ("firearms_manufactured_shotguns", "Shotguns"),
        ("firearms_manufactured_misc", "Misc. firearms"), ("firearms_manufactured_total", "Total"),
    ]

    func commerceReport(_ filter: ReportFilter) -> Report {
        var r = newReport(.commerce, filter)
        let d = dataset
        let m = d.measures
        guard let source = d.strings.lookup(ATFCommerce.source) else {
            r.notes.append(
                "No ATF commerce figures loaded: import the exhibits (`irontrace import atf_commerce_report/`)."
            )
            return r
        }
        // (measure, area, period) → value, for the figures of the filter's years.
        struct Key: Hashable {
            var measure: String
            var area: String
            var period: String
        }
        var figures: [Key: Double] = [:]
        for i in 0..<m.count where m.source[i] == source {
            let period = d.strings[m.period[i]]
            if let y = filter.years, let year = Int(period.prefix(4)), !y.contains(year) { continue }
            figures[Key(measure: d.strings[m.measure[i]], area: d.strings[m.area[i]], period: period)] = m.value[i]
        }
        r.notes.append(
            "ATF, Firearms Commerce in the United States, Annual Statistical Update 2016 (exhibits 1–10 and 13). "
                + "Manufacturing counts exclude guns made for the US military; FFL counts and inspections are by fiscal year."
        )
        let years = Set(figures.keys.filter { $0.area == "US" }.compactMap { Int($0.period) }).sorted()
        func table(_ id: String, _ title: String, _ columns: [(measure: String, title: String)]) -> ReportTable {
            var t = ReportTable(
                id: id,
                title: title,
                columns: [.init("Year")] + columns.map { .init($0.title, unit: "count") },
                source: "ATF, Firearms Commerce in the United States 2016"
            )
            for y in years {
                let cells = columns.map { c in
                    figures[Key(measure: c.measure, area: "US", period: String(y))].map { Cell.whole($0) } ?? .empty
                }
                if cells.allSatisfy({ $0 == .empty }) { continue }
                t.rows.append([.text(String(y))] + cells)
            }
            return t
        }
        r.tables.append(table("by_year", "US firearms commerce by year", Analytics.commerceColumns))
        r.tables.append(
            table("manufacturing", "Firearms manufactured in the US by type", Analytics.manufacturingColumns)
        )
        var all = ReportTable(
            id: "figures",
            title: "Every ATF commerce figure stored",
            columns: [.init("Measure"), .init("Area"), .init("Period"), .init("Value", unit: "as published")],
            source: "ATF, Firearms Commerce in the United States 2016"
        )
        for (k, v) in figures.sorted(by: {
            ($0.key.measure, $0.key.area, $0.key.period) < ($1.key.measure, $1.key.area, $1.key.period)
        }) {
            all.rows.append([
                .text(k.measure), .text(k.area), .text(k.period), .number(v, digits: v == v.rounded() ? 0 : 1),
            ])
        }
        r.tables.append(all)
        return r
    }
}

/// The source name the commerce exhibits are stored under (as `ATFCommerceReader.source`).
enum ATFCommerce {
    static let source = "ATF commerce"
}
