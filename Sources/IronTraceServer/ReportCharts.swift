import IronTraceAnalytics
import IronTraceCharts

/// The charts drawn for each report: which tables become which charts. Thin glue between the report
/// tables (IronTraceAnalytics) and the SVG functions (IronTraceCharts); `report --charts DIR` writes them.
public enum ReportCharts {
    /// The charts of a report; `translate` turns titles, axes and category labels into the reader's language.
    public static func charts(
        for r: Report,
        translate tr: (String) -> String = { $0 }
    ) -> [(id: String, svg: String)] {
        var out: [(String, String)] = []
        let subtitle = r.notes.first
        func frame(_ title: String, _ t: ReportTable, height: Double = 600) -> Charts.Frame {
            Charts.Frame(
                title: tr(title),
                subtitle: subtitle.map(tr),
                source: t.source,
                synthetic: r.isSynthetic,
                height: height
            )
        }
        func bars(
            _ id: String,
            _ title: String,
            label: String,
            value: String,
            unit: String,
            top: Int = 20,
            digits: Int = 0
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
                        labels: rows.map { tr($0[li].text) },
                        values: rows.map { $0[vi].number ?? 0 },
                        valueAxis: tr(unit),
                        categoryAxis: tr(label),
                        digits: digits
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
            digits: Int
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
                    Charts.choropleth(frame(title, t), map: kind, values: values, unit: unit, digits: digits)
                )
            )
        }
        switch r.name {
        case "summary":
            if let t = r.table("by_year"), !t.rows.isEmpty {
                let rows = t.rows.filter { $0[0].text != "(unknown)" }
                out.append(
                    (
                        "summary-by_year",
                        Charts.lines(
                            frame("Traces by year of recovery and source country", t),
                            x: rows.map { $0[0].text },
                            series: ["US-sourced", "Non-US-sourced", "Undetermined"].map { name in
                                let i = t.columns.firstIndex { $0.name == name }!
                                return (tr(name), rows.map { $0[i].number })
                            },
                            xAxis: tr("Year of recovery"),
                            yAxis: tr("Traces")
                        )
                    )
                )
            }
            bars(
                "source_class",
                "Source country of the traced guns",
                label: "Source",
                value: "Traces",
                unit: tr("Traces")
            )
        case "sources":
            bars(
                "source_states",
                "Source states of US-sourced traced guns",
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
                                        ? "Crime-gun exports per 100,000 residents" : "Traced guns by source state",
                                    t
                                ),
                                map: .usStates,
                                values: values,
                                unit: key == "Export rate"
                                    ? "traces recovered outside the state per 100,000 residents" : "traces",
                                digits: key == "Export rate" ? 2 : 0
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
                            frame("Where guns bought in one state were recovered", t),
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
                                frame("Traced guns recovered in Mexico, by state", t),
                                map: .mexicoStates,
                                values: Dictionary(uniqueKeysWithValues: mx.map { ($0[0].text, $0[3].number ?? 0) }),
                                unit: tr("traces"),
                                digits: 0
                            )
                        )
                    )
                }
                if !us.isEmpty {
                    out.append(
                        (
                            "flows-us-map",
                            Charts.choropleth(
                                frame("Traced guns recovered in the United States, by state", t),
                                map: .usStates,
                                values: Dictionary(uniqueKeysWithValues: us.map { ($0[0].text, $0[3].number ?? 0) }),
                                unit: tr("traces"),
                                digits: 0
                            )
                        )
                    )
                }
            }
        case "firearms":
            bars("types", "Firearm types", label: "Type", value: "Traces", unit: tr("Traces"))
            bars("calibers", "Calibers", label: "Caliber", value: "Traces", unit: tr("Traces"))
            bars("manufacturers", "Manufacturers", label: "Manufacturer", value: "Traces", unit: tr("Traces"))
        case "time-to-crime":
            bars(
                "buckets",
                "Time from retail sale to recovery",
                label: "Time from sale to recovery",
                value: "Traces",
                unit: tr("Traces")
            )
        case "crimes":
            bars(
                "categories",
                "Crime categories of the recoveries",
                label: "Category",
                value: "Traces",
                unit: tr("Traces")
            )
        case "dealers":
            bars("ranked", "Dealers ranked by traces", label: "Dealer", value: "Traces", unit: tr("Traces"), top: 25)
        case "multiple-sales":
            bars(
                "time_to_crime",
                "Multiple-sale guns by time-to-crime",
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
                                frame(rate.name, t),
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
                out.append(
                    (
                        "violence-trend",
                        Charts.lines(
                            frame(t.title, t),
                            // A partial year is labelled with its months, so a short year is not read as a fall.
                            x: t.rows.map { row in
                                let months = t.columns.firstIndex { $0.name == "Months with figures" }
                                    .flatMap { row[$0].number }
                                return months.map { $0 < 12 ? "\(row[0].text) (\(Int($0)) \(tr("mo.")))" : row[0].text }
                                    ?? row[0].text
                            },
                            series: series.map { (i, c) in (tr(c.name), t.rows.map { $0[i].number }) },
                            xAxis: tr("Year"),
                            yAxis: tr("Homicides")
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
                digits: 1
            )
        case "events":
            bars("by_type", "Armed-violence events by type", label: "Event type", value: "Events", unit: tr("Events"))
            bars("by_actor", "Armed-violence events by actor", label: "Actor", value: "Events", unit: tr("Events"))
            if let t = r.table("by_month"), !t.rows.isEmpty {
                out.append(
                    (
                        "events-by_month",
                        Charts.lines(
                            frame("Events and fatalities by month", t),
                            x: t.rows.map { $0[0].text },
                            series: [
                                (tr("Events"), t.rows.map { $0[1].number }),
                                (tr("Fatalities"), t.rows.map { $0[3].number }),
                            ],
                            xAxis: tr("Month"),
                            yAxis: tr("Events / deaths")
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
                unit: tr("Guns")
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
}
