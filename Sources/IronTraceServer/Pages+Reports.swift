import Foundation
import Hummingbird
import IronTraceAnalytics
import IronTraceCore
import IronTraceNetwork

/// The aggregate pages (overview, flows, dealers, violence) and the chart downloads: every figure
/// comes from the report engine over the snapshot; bodies are cached per URL, language and role.
extension Pages {
    static func addReportRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        router.get("/") { request, context in
            try reportPage(request, context, state, section: "overview", title: .overview) { q, l in
                let a = state.snapshot.analytics
                let f = try filter(q)
                let reports = a.traceReports(filter: f)
                let by = Dictionary(uniqueKeysWithValues: reports.map { ($0.name, $0) })
                return filterForm(action: "/", q, l) + headline(by, l, country: f.recoveryCountry)
                    + overviewCharts(by, a.report(.violence, filter: f), q, l)
            }
        }
        router.get("/flows") { request, context in
            try reportPage(request, context, state, section: "flows", title: .flows) { q, l in
                let a = state.snapshot.analytics
                let f = try filter(q)
                return filterForm(action: "/flows", q, l)
                    + reportSection(a.report(.flows, filter: f), path: "/flows", q: q, l)
                    + reportSection(a.report(.sources, filter: f), path: "/flows", q: q, l)
            }
        }
        router.get("/dealers") { request, context in
            try reportPage(request, context, state, section: "dealers", title: .dealers) { q, l in
                let a = state.snapshot.analytics
                let f = try filter(q)
                let r = a.report(.dealers, filter: f)
                return filterForm(action: "/dealers", q, l) + dealerLinks(r, l)
                    + reportSection(r, path: "/dealers", q: q, l)
                    + reportSection(a.report(.multipleSales, filter: f), path: "/dealers", q: q, l)
            }
        }
        router.get("/dealers/:licence") { request, context in
            let licence = context.parameter("licence") ?? ""
            let s = state.snapshot
            guard let row = TraceAggregates.dealerRow(licence, in: s.dataset) else {
                throw AppError.notFound("no dealer with licence or id '\(licence)'")
            }
            let d = s.dataset
            let name = d.strings[d.licensees.name[row]]
            return try reportPage(request, context, state, section: "dealers", title: .dealerPage, heading: name) {
                q,
                l in
                var q = q
                q["dealer"] = d.strings[d.licensees.licence[row]]
                let f = try filter(q)
                let path = "/dealers/\(HTML.encode(licence))"
                var body = "<dl class=\"facts\"><dt>\(HTML.esc(l.t(.dealer)))</dt><dd>\(HTML.esc(q["dealer"]!))</dd>"
                body +=
                    "<dt>\(HTML.esc(l.report("City")))</dt><dd>\(HTML.esc(d.strings[d.licensees.city[row]])), \(HTML.esc(d.strings[d.licensees.state[row]]))</dd>"
                body +=
                    "<dt>\(HTML.esc(l.t(.indicators)))</dt><dd>\(HTML.esc(l.dealerSummary(s.dealerIndicators, row)))</dd></dl>"
                body +=
                    "<p><a href=\"/traces\(HTML.query([("dealer", q["dealer"]!)]))\">\(HTML.esc(l.t(.traces)))</a></p>"
                for name in [Analytics.Name.summary, .timeToCrime, .flows, .firearms] {
                    body += reportSection(s.analytics.report(name, filter: f), path: path, q: q, l)
                }
                return body
            }
        }
        router.get("/violence") { request, context in
            try reportPage(request, context, state, section: "violence", title: .violence) { q, l in
                let a = state.snapshot.analytics
                let f = try filter(q)
                let events = a.report(.events, filter: f)
                let provenance = a.report(.provenance, filter: f)
                let violence = a.report(.violence, filter: f)
                let years = violence.table("trend")?.rows.compactMap { Int($0[0].text) } ?? []
                let slider =
                    years.min().map { first in
                        ReportCharts.yearSlider(
                            path: "/violence",
                            keep: filterPairs(q),
                            years: first...(years.max() ?? first),
                            selected: f.years?.upperBound,
                            language: l
                        )
                    } ?? ""
                return filterForm(action: "/violence", q, l, keys: ["country", "area", "years"]) + slider
                    + reportSection(violence, path: "/violence", q: q, l)
                    + reportSection(events, path: "/violence", q: q, l)
                    + reportSection(
                        provenance,
                        path: "/violence",
                        q: q,
                        l,
                        tables: ["dealers", "source_states"]
                    )
                    + eventLinks(provenance, l)
            }
        }
        router.get("/violence/events/:id") { request, context in
            guard let id = context.parameter("id").flatMap(Int64.init),
                state.snapshot.dataset.events.id.contains(id)
            else { throw AppError.notFound("no event with id '\(context.parameter("id") ?? "")'") }
            return try reportPage(
                request,
                context,
                state,
                section: "violence",
                title: .provenance,
                heading: "\(context.language.t(.provenance)) · \(id)"
            ) { q, l in
                var q = q
                q["event"] = String(id)
                let r = state.snapshot.analytics.report(.provenance, filter: try filter(q))
                return reportSection(r, path: "/violence/events/\(id)", q: q, l)
            }
        }
        router.get("/charts/:report/:chart") { request, context in
            let q = query(request)
            guard let name = context.parameter("report").flatMap(Analytics.Name.init(rawValue:)) else {
                throw AppError.notFound("unknown report")
            }
            let id = (context.parameter("chart") ?? "").replacingOccurrences(of: ".svg", with: "")
            let l = q["lang"].flatMap(Language.init(rawValue:)) ?? context.language
            let r = state.snapshot.analytics.report(name, filter: try filter(q))
            guard let c = ReportCharts.charts(for: r, language: l).first(where: { $0.id == id }) else {
                throw AppError.notFound("report \(name.rawValue) has no chart '\(id)' for this filter")
            }
            return download(c.svg, contentType: "image/svg+xml; charset=utf-8", filename: "\(id).svg")
        }
    }

    /// A cached report page: the body is drawn once per URL, language and role.
    static func reportPage(
        _ request: Request,
        _ context: IronTraceContext,
        _ state: ServerState,
        section: String,
        title: UIText,
        heading: String? = nil,
        body: ([String: String], Language) throws -> String
    ) throws -> Response {
        try context.require(.viewer)
        let q = query(request)
        if let csv = try csvDownload(q, context, state) { return csv }
        let l = context.language
        let content = try state.cache.value(cacheKey(request, context)) { try body(q, l) }
        return html(
            HTML.page(frame(request, context, state, section: section), title: heading ?? l.t(title), body: content)
        )
    }

    /// The overview's headline figures.
    static func headline(_ by: [String: Report], _ l: Language, country: String? = nil) -> String {
        let total = by["summary"]?.table("outcomes")?.column("Traces").compactMap(\.number).reduce(0, +) ?? 0
        let us = by["summary"]?.table("source_class")?.value("US-sourced", "Share")
        let median = by["time-to-crime"]?.table("by_type")?.row("All types")?[2].number
        let states = by["sources"]?.table("source_states")?.rows.prefix(5).map { $0[1].text } ?? []
        func figure(_ id: String, _ label: UIText, _ value: String) -> String {
            "<div class=\"figure\" id=\"\(id)\"><span class=\"value\">\(HTML.esc(value))</span><span class=\"label\">\(HTML.esc(l.t(label)))</span></div>"
        }
        return "<section class=\"headline\">"
            + figure("fig-traces", .tracesTotal, l.integer(Int(total)))
            + figure("fig-us-share", .usShare, us.map(l.percent) ?? "–")
            + "<p class=\"scope\" id=\"fig-us-share-scope\">\(HTML.esc(ReportCharts.shareScope(country: country, l)))</p>"
            + figure("fig-median-ttc", .medianTTC, median.map { l.days(Int($0)) } ?? "–")
            + figure("fig-top-states", .topStates, states.isEmpty ? "–" : states.joined(separator: ", "))
            + "</section>"
    }

    static func overviewCharts(_ by: [String: Report], _ violence: Report, _ q: [String: String], _ l: Language)
        -> String
    {
        let filterPairs = filterPairs(q)
        var s = "<div class=\"charts\">"
        let wanted: [(String, String)] = [
            ("summary", "summary-by_year"), ("flows", "flows-mexico-map"), ("sources", "sources-source_states-map"),
            ("flows", "flows-corridors"), ("time-to-crime", "time-to-crime-buckets"), ("violence", "violence-trend"),
        ]
        // Each report's charts are drawn once, then picked from.
        var reports = by
        reports["violence"] = violence
        var drawn: [String: [(id: String, svg: String)]] = [:]
        for (report, id) in wanted {
            guard let r = reports[report] else { continue }
            if drawn[report] == nil {
                drawn[report] = ReportCharts.charts(for: r, language: l, links: .init(path: "/", keep: filterPairs))
            }
            guard let c = drawn[report]!.first(where: { $0.id == id }) else { continue }
            s += HTML.chart(
                c.svg,
                downloadLink: "/charts/\(report)/\(id).svg" + HTML.query(filterPairs + [("lang", l.rawValue)]),
                l
            )
        }
        s += "</div>"
        if let r = by["summary"] {
            for id in ["outcomes", "source_class"] {
                if let t = r.table(id) {
                    s += HTML.table(
                        t,
                        l,
                        csvLink: "/"
                            + HTML.query(filterPairs + [("download", "csv"), ("report", "summary"), ("table", id)])
                    )
                }
            }
        }
        return s
    }

    static func dealerLinks(_ r: Report, _ l: Language) -> String {
        guard let t = r.table("ranked"), !t.rows.isEmpty else { return "" }
        var s = "<nav class=\"dealer-links\"><h3>\(HTML.esc(l.report("Dealers ranked by traces (top 25)")))</h3><ol>"
        for row in t.rows.prefix(25) {
            s +=
                "<li><a href=\"/dealers/\(HTML.encode(row[1].text))\">\(HTML.esc(row[2].text))</a> (\(HTML.esc(row[4].text)))</li>"
        }
        return s + "</ol></nav>"
    }

    static func eventLinks(_ r: Report, _ l: Language) -> String {
        guard let t = r.table("guns"), !t.rows.isEmpty else { return "" }
        var seen = Set<String>()
        var s = "<section><h3>\(HTML.esc(l.report("Recovered guns linked to the events")))</h3><ul class=\"events\">"
        for row in t.rows.reversed() where seen.insert(row[0].text).inserted {
            if seen.count > 30 { break }
            s +=
                "<li><a href=\"/violence/events/\(HTML.esc(row[0].plain))\">\(HTML.esc(row[1].text)) · \(HTML.esc(row[2].text)) · \(HTML.esc(l.report(row[3].text)))</a></li>"
        }
        return s + "</ul></section>"
    }
}
