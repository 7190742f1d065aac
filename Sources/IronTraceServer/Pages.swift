import Foundation
import HTTPTypes
import Hummingbird
import IronTraceAnalytics
import IronTraceCore
import IronTraceFormats
import IronTracePresentation
import NIOCore

/// Shared pieces of the HTML pages: responses, frames, filters from the URL, report sections with
/// their CSV and SVG downloads, and the page cache key.
enum Pages {
    static func html(_ s: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: s))
        )
    }

    /// A full page drawn from its template (`{{<layout}}{{$content}}…`); the view carries the frame.
    static func page(_ template: Templates.Name, _ view: Any, status: HTTPResponse.Status = .ok) -> Response {
        html(Templates.render(template, view).html, status: status)
    }

    static func download(_ body: String, contentType: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "attachment; filename=\"\(filename)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }

    static func frame(_ request: Request, _ context: IronTraceContext, _ state: ServerState, section: String)
        -> HTML.Frame
    {
        HTML.Frame(
            language: context.language,
            user: context.identity?.user.name,
            role: context.identity?.user.role.rawValue,
            csrf: context.identity?.csrf,
            synthetic: state.snapshot.isSynthetic,
            path: request.uri.description,
            section: section,
            unseenAlerts: unseenAlerts(context, state)
        )
    }

    /// The number on the Alerts link: a count of one small table, for analysts and admins only (a
    /// failure shows no number rather than no page).
    static func unseenAlerts(_ context: IronTraceContext, _ state: ServerState) -> Int {
        guard let u = context.identity?.user, u.role >= .analyst else { return 0 }
        return (try? state.store.alerts(unacknowledgedOnly: true, limit: 0, offset: 0).total) ?? 0
    }

    /// The query parameters, decoded once as forms encode them (`+` is a space); last value wins.
    static func query(_ request: Request) -> [String: String] { FormBody(request.uri.query ?? "").fields }

    /// The report filter's parameters present in a query, in the filter's key order (for links).
    static func filterPairs(_ q: [String: String]) -> [(String, String)] {
        ReportFilter.keys.compactMap { k in q[k].map { (k, $0) } }
    }

    /// The report filter in the URL (only the filter keys; others are the page's own).
    /// `strict` (the API): a value with spaces around it is an error, not silently trimmed or
    /// dropped; an empty value still means "no filter".
    static func filter(_ q: [String: String], strict: Bool = false) throws -> ReportFilter {
        var p: [String: String] = [:]
        for k in ReportFilter.keys {
            guard let v = q[k] else { continue }
            let trimmed = v.trimmingCharacters(in: .whitespacesAndNewlines)
            // Free text (a dealer's name or licence) is trimmed; coded values must be exact.
            if strict && trimmed != v && k != "dealer" {
                throw AppError.invalidFilter("\(k): the value has spaces or line breaks around it")
            }
            if !trimmed.isEmpty { p[k] = v }
        }
        do { return try ReportFilter(parameters: p) } catch { throw AppError.invalidFilter(error.description) }
    }

    /// The filter form: every field keeps its value so the URL is the view.
    static func filterForm(action: String, _ q: [String: String], _ l: Language, keys: [String] = ReportFilter.keys)
        -> RenderedHTML
    {
        Templates.render(.filters, filterView(action: action, q, l, keys: keys))
    }

    static func filterView(action: String, _ q: [String: String], _ l: Language, keys: [String] = ReportFilter.keys)
        -> Views.Filters
    {
        let labels: [String: UIText] = [
            "country": .country, "area": .area, "years": .years, "type": .type, "source-state": .sourceState,
            "dealer": .dealer, "event": .events,
        ]
        var fields: [Views.Filters.Entry] = []
        for k in keys where k != "event" {
            if k == "type" {
                let types = ["handgun", "long_gun"] + FirearmType.allCases.map(\.rawValue)
                fields.append(
                    .init(
                        isType: true,
                        label: l.t(.type),
                        options: [.init(value: "", text: l.t(.any), selected: false)]
                            + types.map { t in
                                .init(
                                    value: t,
                                    text: l.report(t.replacingOccurrences(of: "_", with: " ")),
                                    selected: q["type"] == t
                                )
                            },
                        input: nil
                    )
                )
            } else {
                let label = l.t(labels[k] ?? .filters)
                fields.append(
                    .init(
                        isType: false,
                        label: label,
                        options: [],
                        input: .init(name: k, label: label, value: q[k] ?? "", inputType: "text", required: false)
                    )
                )
            }
        }
        return Views.Filters(
            action: action,
            legend: l.t(.filters),
            fields: fields,
            apply: l.t(.apply),
            clear: l.t(.clear)
        )
    }

    /// One report on a page: its tables (CSV links) and charts (inline, with SVG links).
    static func reportSection(
        _ r: Report,
        path: String,
        q: [String: String],
        _ l: Language,
        tables: [String]? = nil,
        charts: Bool = true
    ) -> RenderedHTML {
        Templates.render(.reportSection, reportSectionView(r, path: path, q: q, l, tables: tables, charts: charts))
    }

    static func reportSectionView(
        _ r: Report,
        path: String,
        q: [String: String],
        _ l: Language,
        tables: [String]? = nil,
        charts: Bool = true
    ) -> Views.ReportSection {
        let filterPairs = filterPairs(q)
        let drawn =
            charts
            ? ReportCharts.charts(for: r, language: l, links: .init(path: path, keep: filterPairs)).map { c in
                Views.Chart(
                    svg: c.svg,
                    download: "/charts/\(r.name)/\(c.id).svg" + HTML.query(filterPairs + [("lang", l.rawValue)]),
                    l
                )
            } : []
        let shown = r.tables.filter { t in (tables == nil || tables!.contains(t.id)) && !t.rows.isEmpty }
        return Views.ReportSection(
            name: r.name,
            title: l.report(Analytics.Name(rawValue: r.name)?.title ?? r.title),
            notes: r.notes.map { Views.Note(l.report($0)) },
            hasCharts: charts,
            charts: drawn,
            tables: shown.map { t in
                Views.ReportTable(
                    t,
                    l,
                    csvLink: path
                        + HTML.query(filterPairs + [("download", "csv"), ("report", r.name), ("table", t.id)])
                )
            }
        )
    }

    /// Answers `?download=csv&report=NAME&table=ID` for any report page (audited as an export).
    static func csvDownload(_ q: [String: String], _ context: IronTraceContext, _ state: ServerState) async throws
        -> Response?
    {
        guard q["download"] == "csv" else { return nil }
        guard let name = q["report"].flatMap(Analytics.Name.init(rawValue:)) else {
            throw AppError.badRequest("report=NAME is required with download=csv")
        }
        let f = try filter(q)
        let r = state.snapshot.analytics.report(name, filter: f)
        guard let tid = q["table"], r.table(tid) != nil else {
            throw AppError.notFound("report \(name.rawValue) has no table '\(q["table"] ?? "")'")
        }
        let user = try context.user()
        try await state.audit(
            user: user.name,
            action: "export",
            target: "report:\(name.rawValue)/\(tid)",
            detail: f.isEmpty ? "csv" : "csv " + f.parameters.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        )
        // headers=es: the column names and words in Spanish, figures unchanged.
        let table = q["headers"] == "es" ? r.translated(.es) : r
        return download(
            table.rendered(as: .csv, tableID: tid),
            contentType: "text/csv; charset=utf-8",
            filename: "\(name.rawValue)-\(tid).csv"
        )
    }

    /// Rejected rows with line, column, field, value and reason (`rejections.mustache`).
    static func rejectionsView(_ rows: some Sequence<Rejection>, id: String, _ l: Language) -> Views.Rejections {
        Views.Rejections(
            id: id,
            headers: [UIText.line, .column, .field, .value, .reason].map { l.t($0) },
            rows: rows.map {
                .init(line: $0.line, column: $0.column, field: $0.field, value: $0.value, reason: $0.reason)
            }
        )
    }

    /// Cache key for a page body: same path, query, language and role give the same HTML.
    static func cacheKey(_ request: Request, _ context: IronTraceContext) -> String {
        "\(request.uri.description)|\(context.language.rawValue)|\(context.identity?.user.role.rawValue ?? "-")"
    }
}
