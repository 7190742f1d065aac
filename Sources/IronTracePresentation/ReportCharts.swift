import Foundation
import IronTraceAnalytics
import IronTraceCharts

/// The charts drawn for each report: which tables become which charts. Thin glue between the report
/// tables (IronTraceAnalytics) and the SVG functions (IronTraceCharts); `report --charts DIR` writes them.
public enum ReportCharts {
    /// Where a chart's areas and entities link: the page they are drawn on and the filters to keep.
    /// A map's area links to `path` with the kept filters and `area=` the area; a dealer to its page.
    public struct Links: Sendable {
        public var path: String
        public var keep: [(String, String)]
        public init(path: String, keep: [(String, String)] = []) {
            self.path = path
            self.keep = keep.filter { $0.0 != "area" && $0.0 != "page" }
        }

        /// The link template for an area (`{area}` is filled in by the map).
        var area: String {
            let pairs = keep.map { "\(LinkText.encode($0.0))=\(LinkText.encode($0.1))" } + ["area={area}"]
            return path + "?" + pairs.joined(separator: "&")
        }
    }

    /// The charts of a report with a caller's translation of titles and labels, the chart's own
    /// words in English (kept for callers that translate themselves).
    public static func charts(
        for r: Report,
        translate tr: (String) -> String
    ) -> [(id: String, svg: String)] {
        charts(for: r, text: .english, links: nil, translate: tr)
    }

    /// The charts of a report in a language: titles, axes, legends, sources, "no data", the
    /// synthetic mark, month names and numbers. With `links`, map areas and dealers are links.
    public static func charts(
        for r: Report,
        language: Language = .en,
        links: Links? = nil
    ) -> [(id: String, svg: String)] {
        charts(
            for: r,
            text: language == .es ? .spanish : .english,
            links: links,
            translate: { s in language == .es ? (spanish[s] ?? language.report(s)) : s }
        )
    }

    /// Chart titles and labels the report glossary does not hold.
    static let spanish: [String: String] = [
        "Traced guns by year of recovery and source country":
            "Armas rastreadas por año de recuperación y país de origen",
        "Source country of the recovered and traced guns": "País de origen de las armas recuperadas y rastreadas",
        "Traced guns by US source state (US-sourced guns only)":
            "Armas rastreadas por estado de origen en EE. UU. (solo armas de origen estadounidense)",
        "Crime-gun exports per 100,000 residents, by US source state":
            "Armas del crimen exportadas por 100 000 habitantes, por estado de origen en EE. UU.",
        "Traced guns by source state": "Armas rastreadas por estado de origen",
        "traces recovered outside the state per 100,000 residents":
            "rastreos recuperados fuera del estado por 100 000 habitantes",
        "The largest corridors of traced guns across a state line or the border":
            "Los mayores corredores de armas rastreadas que cruzan una frontera estatal o la internacional",
        "Traced guns recovered in Mexico, by state of recovery":
            "Armas rastreadas recuperadas en México, por estado de recuperación",
        "Traced guns recovered in the United States, by state of recovery":
            "Armas rastreadas recuperadas en Estados Unidos, por estado de recuperación",
        "Traced guns by firearm type": "Armas rastreadas por tipo de arma",
        "Traced guns by caliber": "Armas rastreadas por calibre",
        "Traced guns by manufacturer": "Armas rastreadas por fabricante",
        "Traced guns by time from retail sale to recovery":
            "Armas rastreadas por tiempo entre la venta al menudeo y la recuperación",
        "Traced guns by crime category of the recovery": "Armas rastreadas por categoría de delito de la recuperación",
        "US dealers ranked by traced guns sold": "Armerías de EE. UU. por armas rastreadas vendidas",
        "Traced multiple-sale guns by time-to-crime": "Armas rastreadas de venta múltiple por tiempo hasta el delito",
        "Homicide rate by municipality": "Tasa de homicidios por municipio",
        "Homicides by year": "Homicidios por año",
        "Armed-violence events by month": "Eventos de violencia armada por mes",
        "Dealers whose guns were recovered at the events": "Armerías cuyas armas se recuperaron en los eventos",
        "Where the guns recovered at the events came from": "De dónde vinieron las armas recuperadas en los eventos",
        "Armed-violence events by type": "Eventos de violencia armada por tipo",
        "Armed-violence events by actor": "Eventos de violencia armada por actor",
        "Homicides (count)": "Homicidios (número)",
        "per 100,000 per year": "por 100 000 al año",
        "Break": "Corte",
        "IronTrace trace records": "registros de rastreo de IronTrace",
    ]

    static func charts(
        for r: Report,
        text: ChartText,
        links: Links?,
        translate tr: (String) -> String
    ) -> [(id: String, svg: String)] {
        var out: [(String, String)] = []
        let subtitle = r.notes.first
        func frame(_ title: String, _ t: ReportTable, height: Double = 420) -> Charts.Frame {
            Charts.Frame(
                title: tr(title),
                subtitle: subtitle.map(tr),
                source: tr(t.source),
                synthetic: r.isSynthetic,
                height: height,
                text: text
            )
        }
        func bars(
            _ id: String,
            _ title: String,
            label: String,
            value: String,
            unit: String,
            top: Int = 20,
            digits: Int = 0,
            dealer: Bool = false
        ) {
            guard let t = r.table(id), !t.rows.isEmpty else { return }
            let rows = Array(t.rows.prefix(top))
            let li = t.columns.firstIndex { $0.name == label } ?? 0
            guard let vi = t.columns.firstIndex(where: { $0.name == value }) else { return }
            out.append(
                (
                    "\(r.name)-\(id)",
                    Charts.bars(
                        frame(title, t),
                        labels: rows.map { row in dealer ? dealerLabel(t, row) : tr(row[li].text) },
                        values: rows.map { $0[vi].number ?? 0 },
                        valueAxis: tr(unit),
                        categoryAxis: tr(label),
                        digits: digits,
                        links: dealer ? rows.map { dealerLink(t, $0) } : []
                    )
                )
            )
        }
        func map(
            _ id: String,
            _ title: String,
            kind: Charts.MapKind,
            key: String,
            value: String,
            unit: String,
            digits: Int,
            focus: String? = nil
        ) {
            guard let t = r.table(id), let ki = t.columns.firstIndex(where: { $0.name == key }),
                let vi = t.columns.firstIndex(where: { $0.name == value })
            else { return }
            var values: [String: Double] = [:]
            for row in t.rows { if let v = row[vi].number { values[row[ki].text] = v } }
            guard !values.isEmpty else { return }
            out.append(
                (
                    "\(r.name)-\(id)-map",
                    Charts.choropleth(
                        frame(title, t),
                        map: kind,
                        values: values,
                        unit: unit,
                        digits: digits,
                        areaLink: links?.area,
                        focus: focus
                    )
                )
            )
        }
        switch r.name {
        case "summary":
            if let t = r.table("by_year"), !t.rows.isEmpty {
                let rows = t.rows.filter { $0[0].text != "(unknown)" }
                let (years, index) = yearSpan(rows.map { $0[0].text })
                out.append(
                    (
                        "summary-by_year",
                        Charts.lines(
                            frame("Traced guns by year of recovery and source country", t),
                            x: years,
                            series: ["US-sourced", "Non-US-sourced", "Undetermined"].compactMap { name in
                                guard let i = t.columns.firstIndex(where: { $0.name == name }) else { return nil }
                                return (tr(name), index.map { $0.map { rows[$0][i].number } ?? nil })
                            },
                            xAxis: tr("Year of recovery"),
                            yAxis: tr("Traces"),
                            integer: true
                        )
                    )
                )
            }
            bars(
                "source_class",
                "Source country of the recovered and traced guns",
                label: "Source",
                value: "Traces",
                unit: tr("Traces")
            )
        case "sources":
            bars(
                "source_states",
                "Traced guns by US source state (US-sourced guns only)",
                label: "State",
                value: "Traces",
                unit: tr("Traces")
            )
            if let t = r.table("source_states") {
                let key = t.column("Export rate").contains { $0.number != nil } ? "Export rate" : "Traces"
                var values: [String: Double] = [:]
                for row in t.rows {
                    if let s = Analytics.usStateCode(named: row[1].text),
                        let v = row[t.columns.firstIndex { $0.name == key }!].number
                    {
                        values["US-\(s)"] = v
                    }
                }
                if !values.isEmpty {
                    out.append(
                        (
                            "sources-source_states-map",
                            Charts.choropleth(
                                frame(
                                    key == "Export rate"
                                        ? "Crime-gun exports per 100,000 residents, by US source state"
                                        : "Traced guns by source state",
                                    t
                                ),
                                map: .usStates,
                                values: values,
                                unit: tr(
                                    key == "Export rate"
                                        ? "traces recovered outside the state per 100,000 residents" : "traces"
                                ),
                                digits: key == "Export rate" ? 2 : 0,
                                areaLink: nil
                            )
                        )
                    )
                }
            }
        case "flows":
            if let t = r.table("corridors") {
                out.append(
                    (
                        "flows-corridors",
                        Charts.flows(
                            // The diagram draws the corridors table, the largest 25 only: its total is
                            // theirs, and the title says so (it read as every trace's destination).
                            frame("The largest corridors of traced guns across a state line or the border", t),
                            flows: t.rows.map {
                                (source: $0[1].text, destination: $0[2].text, value: $0[4].number ?? 0)
                            },
                            sourceAxis: tr("Bought in"),
                            destinationAxis: tr("Recovered in"),
                            unit: tr("traces")
                        )
                    )
                )
            }
            if let t = r.table("by_recovery_area") {
                let mx = t.rows.filter { $0[2].text == "MX" }
                let us = t.rows.filter { $0[2].text == "US" }
                if !mx.isEmpty {
                    out.append(
                        (
                            "flows-mexico-map",
                            Charts.choropleth(
                                frame("Traced guns recovered in Mexico, by state of recovery", t),
                                map: .mexicoStates,
                                values: zeroFilled(.mexicoStates, mx.map { ($0[0].text, $0[3].number ?? 0) }),
                                unit: tr("traces"),
                                digits: 0,
                                areaLink: links?.area
                            )
                        )
                    )
                }
                if !us.isEmpty {
                    out.append(
                        (
                            "flows-us-map",
                            Charts.choropleth(
                                frame("Traced guns recovered in the United States, by state of recovery", t),
                                map: .usStates,
                                values: zeroFilled(.usStates, us.map { ($0[0].text, $0[3].number ?? 0) }),
                                unit: tr("traces"),
                                digits: 0,
                                areaLink: links?.area
                            )
                        )
                    )
                }
            }
        case "firearms":
            bars("types", "Traced guns by firearm type", label: "Type", value: "Traces", unit: tr("Traces"))
            bars("calibers", "Traced guns by caliber", label: "Caliber", value: "Traces", unit: tr("Traces"))
            bars(
                "manufacturers",
                "Traced guns by manufacturer",
                label: "Manufacturer",
                value: "Traces",
                unit: tr("Traces")
            )
        case "time-to-crime":
            bars(
                "buckets",
                "Traced guns by time from retail sale to recovery",
                label: "Time from sale to recovery",
                value: "Traces",
                unit: tr("Traces")
            )
        case "crimes":
            bars(
                "categories",
                "Traced guns by crime category of the recovery",
                label: "Category",
                value: "Traces",
                unit: tr("Traces")
            )
        case "dealers":
            bars(
                "ranked",
                "US dealers ranked by traced guns sold",
                label: "Dealer",
                value: "Traces",
                unit: tr("Traces"),
                top: 25,
                dealer: true
            )
        case "multiple-sales":
            bars(
                "time_to_crime",
                "Traced multiple-sale guns by time-to-crime",
                label: "Time from sale to recovery",
                value: "Multiple sale",
                unit: tr("Traces")
            )
        case "violence":
            if let t = r.table("by_state"), let rate = t.columns.first(where: { $0.name.contains("rate") }) {
                var values: [String: Double] = [:]
                let ri = t.columns.firstIndex { $0.name == rate.name }!
                for row in t.rows {
                    if let code = Analytics.mexicanStateCode(named: row[0].text), let v = row[ri].number {
                        values[code] = v
                    }
                }
                if !values.isEmpty {
                    out.append(
                        (
                            "violence-by_state-map",
                            Charts.choropleth(
                                frame(tr(rate.name), t),
                                map: .mexicoStates,
                                values: values,
                                unit: tr(rate.unit),
                                digits: 1
                            )
                        )
                    )
                }
            }
            if let t = r.table("trend"), !t.rows.isEmpty {
                let series = t.columns.enumerated().filter { $0.element.unit == "count" }
                let (years, index) = yearSpan(t.rows.map { $0[0].text })
                let monthsColumn = t.columns.firstIndex { $0.name == "Months with figures" }
                // A partial year is drawn hollow and labelled with its months, so it is not read as a fall.
                var partial: Set<Int> = []
                let x = years.enumerated().map { k, year -> String in
                    guard let i = index[k], let m = monthsColumn.flatMap({ t.rows[i][$0].number }), m < 12 else {
                        return year
                    }
                    partial.insert(k)
                    return "\(year) (\(Int(m)) \(tr("mo.")))"
                }
                out.append(
                    (
                        "violence-trend",
                        Charts.lines(
                            frame(tr(t.title) + " · " + tr("Homicides by year"), t),
                            x: x,
                            series: series.map { (i, c) in
                                (tr(c.name), index.map { $0.map { t.rows[$0][i].number } ?? nil })
                            },
                            xAxis: tr("Year"),
                            yAxis: tr("Homicides (count)"),
                            integer: true,
                            partial: partial
                        )
                    )
                )
            }
            map(
                "municipal_rates",
                "Homicide rate by municipality",
                kind: .mexicoMunicipalities,
                key: "Area code",
                value: "Rate",
                unit: tr("per 100,000 per year"),
                digits: 1,
                focus: municipalFocus(r)
            )
        case "events":
            bars("by_type", "Armed-violence events by type", label: "Event type", value: "Events", unit: tr("Events"))
            bars("by_actor", "Armed-violence events by actor", label: "Actor", value: "Events", unit: tr("Events"))
            if let t = r.table("by_month"), !t.rows.isEmpty {
                let (months, index) = monthSpan(t.rows.map { $0[0].text })
                out.append(
                    (
                        "events-by_month",
                        Charts.lines(
                            frame("Armed-violence events by month", t),
                            x: months,
                            series: [
                                (tr("Events"), index.map { $0.map { t.rows[$0][1].number } ?? 0 }),
                                (tr("Fatalities"), index.map { $0.map { t.rows[$0][3].number } ?? 0 }),
                            ],
                            xAxis: tr("Month"),
                            yAxis: tr("Events / deaths"),
                            integer: true
                        )
                    )
                )
            }
        case "did":
            // Both groups' rates by year, the break marked (a yearly figure drawn at mid-year).
            if let t = r.table("by_year"), t.rows.count > 1, t.columns.count > 7 {
                let x = t.rows.map { $0[0].text }
                var marker: (position: Double, label: String)?
                if let text = r.title.split(separator: " ").last {
                    let parts = text.split(separator: "-").compactMap { Int($0) }
                    if parts.count == 2, let k = x.firstIndex(of: String(parts[0])) {
                        marker = (Double(k) + Double(parts[1] - 1) / 12 - 0.5, tr("Break") + " \(text)")
                    }
                }
                out.append(
                    (
                        "did-rates",
                        Charts.lines(
                            frame(r.title, t),
                            x: x,
                            series: [
                                (t.columns[4].name, t.rows.map { $0[4].number }),
                                (t.columns[7].name, t.rows.map { $0[7].number }),
                            ],
                            xAxis: tr("Year"),
                            yAxis: tr("per 100,000"),
                            marker: marker
                        )
                    )
                )
            }
        case "provenance":
            bars(
                "dealers",
                "Dealers whose guns were recovered at the events",
                label: "Dealer",
                value: "Guns",
                unit: tr("Guns"),
                dealer: true
            )
            bars(
                "source_states",
                "Where the guns recovered at the events came from",
                label: "Source",
                value: "Guns",
                unit: tr("Guns")
            )
        default:
            break
        }
        return out
    }

    /// Every year from the first to the last of `labels` (year texts), with each one's row or nil:
    /// a year without figures is a gap on the axis, not a skipped label.
    static func yearSpan(_ labels: [String]) -> ([String], [Int?]) {
        let years = labels.compactMap { Int($0.prefix(4)) }
        guard let first = years.min(), let last = years.max(), last - first < 200 else {
            return (labels, labels.indices.map { $0 })
        }
        var row: [Int: Int] = [:]
        for (i, l) in labels.enumerated() { if let y = Int(l.prefix(4)), row[y] == nil { row[y] = i } }
        return ((first...last).map(String.init), (first...last).map { row[$0] })
    }

    /// Every month `YYYY-MM` from the first to the last of `labels`, with each one's row or nil.
    static func monthSpan(_ labels: [String]) -> ([String], [Int?]) {
        func key(_ s: String) -> Int? {
            let p = s.split(separator: "-")
            guard p.count == 2, let y = Int(p[0]), let m = Int(p[1]), (1...12).contains(m) else { return nil }
            return y * 12 + m - 1
        }
        let keys = labels.compactMap(key)
        guard keys.count == labels.count, let first = keys.min(), let last = keys.max(), last - first < 1200 else {
            return (labels, labels.indices.map { $0 })
        }
        var row: [Int: Int] = [:]
        for (i, k) in keys.enumerated() where row[k] == nil { row[k] = i }
        let span = Array(first...last)
        return (
            span.map { "\($0 / 12)-\($0 % 12 + 1 < 10 ? "0" : "")\($0 % 12 + 1)" },
            span.map { row[$0] }
        )
    }

    /// Counts by area with every area of the map present: an area of the map without a row has 0
    /// traced guns (the table lists every area with one), which is a figure, not "no data".
    static func zeroFilled(_ map: Charts.MapKind, _ pairs: [(String, Double)]) -> [String: Double] {
        var values = Dictionary(pairs, uniquingKeysWith: +)
        for area in Charts.areas(of: map) where values[area] == nil { values[area] = 0 }
        return values
    }

    /// The state whose municipalities the municipal map shows: the one state of the filter, from
    /// the rows of the municipal table.
    static func municipalFocus(_ r: Report) -> String? {
        guard let t = r.table("municipal_rates"), let i = t.columns.firstIndex(where: { $0.name == "Area code" }) else {
            return nil
        }
        let states = Set(t.rows.map { String($0[i].text.prefix(5)) })
        return states.count == 1 ? states.first : nil
    }

    /// A dealer as a chart label: the name with what tells namesakes apart (city and state; the
    /// licence is in the link to the dealer's page).
    static func dealerLabel(_ t: ReportTable, _ row: [Cell]) -> String {
        func cell(_ name: String) -> String? {
            t.columns.firstIndex { $0.name == name }.map { row[$0].text }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let place = [cell("City"), cell("State")].compactMap { $0 }.joined(separator: ", ")
        return (cell("Dealer") ?? "") + (place.isEmpty ? "" : " (\(place))")
    }

    /// A dealer's page.
    static func dealerLink(_ t: ReportTable, _ row: [Cell]) -> String? {
        guard let i = t.columns.firstIndex(where: { $0.name == "Licence" }), !row[i].text.isEmpty else { return nil }
        return "/dealers/" + LinkText.encode(row[i].text)
    }

    /// What a headline share is a share of: "of guns recovered in Mexico and traced".
    public static func shareScope(country: String?, _ l: Language) -> String {
        switch (country, l) {
        case ("MX", .es): "de las armas recuperadas en México y rastreadas"
        case ("MX", _): "of guns recovered in Mexico and traced"
        case ("US", .es): "de las armas recuperadas en Estados Unidos y rastreadas"
        case ("US", _): "of guns recovered in the United States and traced"
        case (_, .es): "de las armas recuperadas y rastreadas (todos los países)"
        default: "of guns recovered and traced (all countries)"
        }
    }
}
