import Foundation
import Hummingbird
import IronTraceAnalytics
import IronTraceCore
import IronTraceFormats
import IronTraceNetwork
import IronTracePresentation
import IronTraceStore
import NIOCore

/// The aggregate pages (overview, flows, dealers, violence) and the chart downloads: every figure
/// comes from the report engine over the snapshot; bodies are cached per URL, language and role.
extension Pages {
    static func addReportRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        let area = router.group().add(middleware: RequireRole(.viewer))
        area.get("/") { request, context in
            try await reportPage(
                request,
                context,
                state,
                section: "overview",
                title: .overview,
                reports: { q in
                    let f = try filter(q)
                    return state.snapshot.analytics.traceReports(filter: f) + [
                        state.snapshot.analytics.report(.violence, filter: f)
                    ]
                }
            ) { q, l in
                let a = state.snapshot.analytics
                let f = try filter(q)
                let reports = a.traceReports(filter: f)
                let by = Dictionary(uniqueKeysWithValues: reports.map { ($0.name, $0) })
                var view = overview(by, a.report(.violence, filter: f), q, l, country: f.recoveryCountry)
                view.slider = traceYearSlider(path: "/", q, a, l)
                return Templates.render(.overview, view)
            }
        }
        area.get("/flows") { request, context in
            try await reportPage(
                request,
                context,
                state,
                section: "flows",
                title: .flows,
                reports: { q in
                    let f = try filter(q)
                    return [
                        state.snapshot.analytics.report(.flows, filter: f),
                        state.snapshot.analytics.report(.sources, filter: f),
                    ]
                }
            ) { q, l in
                let a = state.snapshot.analytics
                let f = try filter(q)
                return Templates.render(
                    .reports,
                    Views.Reports(
                        export: exportLink(path: "/flows", q, l),
                        filterForm: filterView(action: "/flows", q, l),
                        slider: traceYearSlider(path: "/flows", q, a, l),
                        sections: [
                            reportSectionView(a.report(.flows, filter: f), path: "/flows", q: q, l),
                            reportSectionView(a.report(.sources, filter: f), path: "/flows", q: q, l),
                        ]
                    )
                )
            }
        }
        area.get("/dealers") { request, context in
            try await reportPage(
                request,
                context,
                state,
                section: "dealers",
                title: .dealers,
                reports: { q in
                    let f = try filter(q)
                    return [
                        state.snapshot.analytics.report(.dealers, filter: f),
                        state.snapshot.analytics.report(.multipleSales, filter: f),
                    ]
                }
            ) { q, l in
                let a = state.snapshot.analytics
                let f = try filter(q)
                let r = a.report(.dealers, filter: f)
                return Templates.render(
                    .reports,
                    Views.Reports(
                        export: exportLink(path: "/dealers", q, l),
                        filterForm: filterView(action: "/dealers", q, l),
                        dealerLinks: dealerLinks(r, l),
                        sections: [
                            reportSectionView(r, path: "/dealers", q: q, l),
                            reportSectionView(a.report(.multipleSales, filter: f), path: "/dealers", q: q, l),
                        ]
                    )
                )
            }
        }
        area.get("/dealers/:licence") { request, context in
            let licence = context.parameter("licence") ?? ""
            let s = state.snapshot
            guard let row = TraceAggregates.dealerRow(licence, in: s.dataset) else {
                throw AppError.notFound("no dealer with licence or id '\(licence)'")
            }
            let d = s.dataset
            let name = d.strings[d.licensees.name[row]]
            let dealerLicence = d.strings[d.licensees.licence[row]]
            return try await reportPage(
                request,
                context,
                state,
                section: "dealers",
                title: .dealerPage,
                heading: name,
                reports: { q in
                    var q = q
                    q["dealer"] = dealerLicence
                    let f = try filter(q)
                    return [Analytics.Name.summary, .timeToCrime, .flows, .firearms].map {
                        s.analytics.report($0, filter: f)
                    }
                }
            ) { q, l in
                var q = q
                let licence = d.strings[d.licensees.licence[row]]
                q["dealer"] = licence
                let f = try filter(q)
                let path = "/dealers/\(HTML.encode(licence))"
                let view = Views.Dealer(
                    export: exportLink(path: path, [:], l),
                    facts: [
                        .init(term: l.t(.dealer), detail: licence),
                        .init(
                            term: l.report("City"),
                            detail: "\(d.strings[d.licensees.city[row]]), \(d.strings[d.licensees.state[row]])"
                        ),
                        .init(term: l.t(.indicators), detail: l.dealerSummary(s.dealerIndicators, row)),
                    ],
                    tracesLink: "/traces" + HTML.query([("dealer", licence)]),
                    tracesLabel: l.t(.traces),
                    sections: [Analytics.Name.summary, .timeToCrime, .flows, .firearms].map {
                        reportSectionView(s.analytics.report($0, filter: f), path: path, q: q, l)
                    }
                )
                return Templates.render(.dealer, view)
            }
        }
        area.get("/violence") { request, context in
            try await reportPage(
                request,
                context,
                state,
                section: "violence",
                title: .violence,
                reports: { q in
                    let f = try filter(q)
                    return [Analytics.Name.violence, .events, .provenance].map {
                        state.snapshot.analytics.report($0, filter: f)
                    }
                }
            ) { q, l in
                let a = state.snapshot.analytics
                let f = try filter(q)
                let events = a.report(.events, filter: f)
                let provenance = a.report(.provenance, filter: f)
                let violence = a.report(.violence, filter: f)
                let years = violence.table("trend")?.rows.compactMap { Int($0[0].text) } ?? []
                let slider = years.min().map { first in
                    Views.YearSlider(
                        path: "/violence",
                        keep: filterPairs(q),
                        years: first...(years.max() ?? first),
                        selected: f.years?.upperBound,
                        l
                    )
                }
                return Templates.render(
                    .reports,
                    Views.Reports(
                        export: exportLink(path: "/violence", q, l),
                        filterForm: filterView(action: "/violence", q, l, keys: ["country", "area", "years"]),
                        slider: slider,
                        sections: [
                            reportSectionView(violence, path: "/violence", q: q, l),
                            reportSectionView(events, path: "/violence", q: q, l),
                            reportSectionView(
                                provenance,
                                path: "/violence",
                                q: q,
                                l,
                                tables: ["dealers", "source_states"]
                            ),
                        ],
                        eventLinks: eventLinks(provenance, l)
                    )
                )
            }
        }
        area.get("/violence/events/:id") { request, context in
            guard let id = context.parameter("id").flatMap(Int64.init),
                state.snapshot.dataset.events.id.contains(id)
            else { throw AppError.notFound("no event with id '\(context.parameter("id") ?? "")'") }
            return try await reportPage(
                request,
                context,
                state,
                section: "violence",
                title: .provenance,
                heading: "\(context.language.t(.provenance)) · \(id)",
                reports: { q in
                    var q = q
                    q["event"] = String(id)
                    return [state.snapshot.analytics.report(.provenance, filter: try filter(q))]
                }
            ) { q, l in
                var q = q
                q["event"] = String(id)
                let r = state.snapshot.analytics.report(.provenance, filter: try filter(q))
                return Templates.render(
                    .reports,
                    Views.Reports(
                        export: exportLink(path: "/violence/events/\(id)", [:], l),
                        sections: [reportSectionView(r, path: "/violence/events/\(id)", q: q, l)]
                    )
                )
            }
        }
        area.get("/charts/:report/:chart") { request, context in
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
        reports: ([String: String]) throws -> [Report],
        body: ([String: String], Language) throws -> RenderedHTML
    ) async throws -> Response {
        let user = try context.require(.viewer)
        let q = query(request)
        if let csv = try await csvDownload(q, context, state) { return csv }
        let l = context.language
        if q["download"] == "zip" {
            return try await viewExport(
                request,
                reports: try reports(q),
                title: heading ?? l.t(title),
                user: user,
                l,
                state
            )
        }
        let content = try state.cache.value(cacheKey(request, context)) { try body(q, l) }
        return html(
            HTML.page(frame(request, context, state, section: section), title: heading ?? l.t(title), body: content)
        )
    }

    /// The overview: filter, headline figures (the US share with its scope), main charts, tables.
    static func overview(
        _ by: [String: Report],
        _ violence: Report,
        _ q: [String: String],
        _ l: Language,
        country: String?
    ) -> Views.Overview {
        let total = by["summary"]?.table("outcomes")?.column("Traces").compactMap(\.number).reduce(0, +) ?? 0
        let us = by["summary"]?.table("source_class")?.value("US-sourced", "Share")
        let median = by["time-to-crime"]?.table("by_type")?.row("All types")?[2].number
        let states = by["sources"]?.table("source_states")?.rows.prefix(5).map { $0[1].text } ?? []
        let outside = by["summary"]?.notes.first { $0.hasPrefix("No trace record falls in the years asked for") }
        let headline = Views.Headline(
            figures: [
                .init(id: "fig-traces", value: l.integer(Int(total)), label: l.t(.tracesTotal)),
                .init(
                    id: "fig-us-share",
                    value: us.map(l.percent) ?? "–",
                    label: l.t(.usShare),
                    scope: ReportCharts.shareScope(country: country, l)
                ),
                .init(id: "fig-median-ttc", value: median.map { l.days(Int($0)) } ?? "–", label: l.t(.medianTTC)),
                .init(
                    id: "fig-top-states",
                    value: states.isEmpty ? "–" : states.joined(separator: ", "),
                    label: l.t(.topStates)
                ),
            ],
            notice: outside.map(l.report)
        )
        let filterPairs = filterPairs(q)
        let wanted: [(String, String)] = [
            ("summary", "summary-by_year"), ("flows", "flows-mexico-map"), ("sources", "sources-source_states-map"),
            ("flows", "flows-corridors"), ("time-to-crime", "time-to-crime-buckets"), ("violence", "violence-trend"),
        ]
        // Each report's charts are drawn once, then picked from.
        var reports = by
        reports["violence"] = violence
        var drawn: [String: [(id: String, svg: String)]] = [:]
        var charts: [Views.Chart] = []
        for (report, id) in wanted {
            guard let r = reports[report] else { continue }
            if drawn[report] == nil {
                drawn[report] = ReportCharts.charts(for: r, language: l, links: .init(path: "/", keep: filterPairs))
            }
            guard let c = drawn[report]!.first(where: { $0.id == id }) else { continue }
            charts.append(
                Views.Chart(
                    svg: c.svg,
                    download: "/charts/\(report)/\(id).svg" + HTML.query(filterPairs + [("lang", l.rawValue)]),
                    l
                )
            )
        }
        let tables = ["outcomes", "source_class"].compactMap { id in
            by["summary"]?.table(id).map { t in
                Views.ReportTable(
                    t,
                    l,
                    csvLink: "/"
                        + HTML.query(filterPairs + [("download", "csv"), ("report", "summary"), ("table", id)])
                )
            }
        }
        return Views.Overview(
            export: exportLink(path: "/", q, l),
            filterForm: filterView(action: "/", q, l),
            headline: headline,
            charts: charts,
            tables: tables
        )
    }

    /// The year slider of a view of traces (overview, flows): every year with traces under the other
    /// filters, so that choosing a year does not shrink the slider to that year.
    static func traceYearSlider(path: String, _ q: [String: String], _ a: Analytics, _ l: Language)
        -> Views.YearSlider?
    {
        var rest = q
        rest["years"] = nil
        guard let f = try? filter(rest) else { return nil }
        let years = a.report(.summary, filter: f).table("by_year")?.rows.compactMap { Int($0[0].text) } ?? []
        guard let first = years.min(), let last = years.max(), first < last else { return nil }
        let selected = (try? filter(q))?.years?.upperBound
        return Views.YearSlider(path: path, keep: filterPairs(q), years: first...last, selected: selected, l)
    }

    static func dealerLinks(_ r: Report, _ l: Language) -> Views.Reports.DealerLinks? {
        // Columns: rank, licence, dealer, city, state. Each dealer with its city and state, and its
        // licence too when another dealer in the list has the same name in the same place.
        guard let t = r.table("ranked"), !t.rows.isEmpty, t.columns.count >= 5 else { return nil }
        let rows = t.rows.prefix(25).filter { $0.count >= 5 }
        func place(_ row: [Cell]) -> String {
            [row[3].text, row[4].text].filter { !$0.isEmpty }.joined(separator: ", ")
        }
        var seen: [String: Int] = [:]
        for row in rows { seen["\(row[2].text)|\(place(row))", default: 0] += 1 }
        return .init(
            heading: l.report("Dealers ranked by traces (top 25)"),
            dealers: rows.map { row in
                let shared = seen["\(row[2].text)|\(place(row))", default: 0] > 1
                return .init(
                    href: "/dealers/\(HTML.encode(row[1].text))",
                    name: row[2].text,
                    where: shared ? "\(place(row)) · \(row[1].text)" : place(row)
                )
            }
        )
    }

    static func eventLinks(_ r: Report, _ l: Language) -> Views.Reports.EventLinks? {
        guard let t = r.table("guns"), !t.rows.isEmpty else { return nil }
        var seen = Set<String>()
        var events: [Views.Reports.EventLinks.Event] = []
        for row in t.rows.reversed() where seen.insert(row[0].text).inserted {
            if seen.count > 30 { break }
            events.append(
                .init(
                    href: "/violence/events/\(row[0].plain)",
                    text: "\(row[1].text) · \(row[2].text) · \(l.report(row[3].text))"
                )
            )
        }
        return .init(heading: l.report("Recovered guns linked to the events"), events: events)
    }

    /// The whole view as one download: every table of its reports as CSV (in Spanish too on a
    /// Spanish page), every chart as SVG in the page's language, and a README saying what view,
    /// which filter, when, and from which sources. Audited as an export.
    static func viewExport(
        _ request: Request,
        reports: [Report],
        title: String,
        user: UserAccount,
        _ l: Language,
        _ state: ServerState
    ) async throws -> Response {
        var files: [ExportFile] = []
        var sources: [String] = []
        for r in reports {
            for t in r.tables where !t.rows.isEmpty {
                files.append(.init(name: "\(r.name)-\(t.id).csv", text: r.rendered(as: .csv, tableID: t.id)))
                if l == .es {
                    files.append(
                        .init(
                            name: "\(r.name)-\(t.id)-es.csv",
                            text: r.translated(.es).rendered(as: .csv, tableID: t.id)
                        )
                    )
                }
                if !sources.contains(t.source) { sources.append(t.source) }
            }
            for c in ReportCharts.charts(for: r, language: l) {
                files.append(.init(name: "\(r.name)-\(c.id).svg", text: c.svg))
            }
        }
        return try await zipExport(
            request,
            files: files,
            sources: sources.map { l.report($0) },
            title: title,
            user: user,
            l,
            state,
            target: "view:\(request.uri.path)"
        )
    }

    /// One file of a view's export.
    struct ExportFile {
        var name: String
        var text: String
    }

    /// A view's files as one ZIP with a README saying what view, which filter, when, by whom and
    /// from which sources; audited as an export of `target`.
    static func zipExport(
        _ request: Request,
        files given: [ExportFile],
        sources: [String],
        title: String,
        user: UserAccount,
        _ l: Language,
        _ state: ServerState,
        target: String
    ) async throws -> Response {
        let q = query(request)
        // The report filter, then the view's own search keys (a trace list's serial, a lead kind).
        let own = q.filter { !ReportFilter.keys.contains($0.key) && !["download", "lang", "headers"].contains($0.key) }
        let pairs = filterPairs(q) + own.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let path = request.uri.path
        var zip = ZIPWriter()
        var files: [String] = []
        func add(_ name: String, _ text: String) throws {
            do { try zip.add(name, text: text) } catch { throw AppError.badRequest("\(error)") }
            files.append(name)
        }
        for f in given { try add(f.name, f.text) }
        let view = path + HTML.query(pairs)
        let synthetic = state.snapshot.isSynthetic
        let when = ISO8601DateFormatter().string(from: Date())
        let filter = pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
        var readme = "IronTrace: \(title)\n\n"
        readme +=
            l == .en
            ? "View: \(view)\nFilter: \(pairs.isEmpty ? "none" : filter)\nExported: \(when) by \(user.name)\n"
            : "Vista: \(view)\nFiltro: \(pairs.isEmpty ? "ninguno" : filter)\nExportada: \(when) por \(user.name)\n"
        if synthetic { readme += "\n" + l.t(.synthetic) + "\n" }
        if !sources.isEmpty {
            readme += l == .en ? "\nSources:\n" : "\nFuentes:\n"
            for s in sources { readme += "- \(s)\n" }
        }
        readme +=
            l == .en
            ? "\nFiles (CSV tables keep the stable English column names; charts are SVG):\n"
            : "\nArchivos (las tablas CSV conservan los nombres de columna en inglés; las -es.csv los traen en español; los gráficos son SVG):\n"
        for f in files { readme += "- \(f)\n" }
        try add("README.txt", readme)
        try await state.audit(
            user: user.name,
            action: "export",
            target: target,
            detail: "zip \(files.count - 1) files"
                + (pairs.isEmpty ? "" : " " + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
        )
        let name = path == "/" ? "overview" : path.split(separator: "/").joined(separator: "-")
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip",
                .contentDisposition: "attachment; filename=\"irontrace-\(name).zip\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: zip.finished()))
        )
    }

    /// The link to the view's export, keeping its filter.
    static func exportLink(path: String, _ q: [String: String], _ l: Language, charts: Bool = true)
        -> Views.ExportLink
    {
        Views.ExportLink(
            exportHref: path + HTML.query(filterPairs(q) + [("download", "zip")]),
            exportLabel: charts
                ? (l == .en
                    ? "Export this view (ZIP: CSV tables, SVG charts)"
                    : "Exportar esta vista (ZIP: tablas CSV, gráficos SVG)")
                : (l == .en ? "Export this view (ZIP: CSV tables)" : "Exportar esta vista (ZIP: tablas CSV)"),
            printHint: l == .en
                ? "printing the page leaves out menus and forms" : "al imprimir la página se omiten menús y formularios"
        )
    }
}
