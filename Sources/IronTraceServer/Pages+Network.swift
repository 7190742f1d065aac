import Foundation
import Hummingbird
import IronTraceAnalytics
import IronTraceCore
import IronTraceDataset
import IronTraceFormats
import IronTraceNetwork
import IronTracePresentation

/// The network pages (analysts and admins): ranked leads with reasons, one lead's link chart and
/// timeline, an entity's neighbours and the path finder. People appear by pseudonym only.
extension Pages {
    /// The ranked leads as a table: pseudonyms only, as on the page.
    static func leadsCSV(_ leads: [Lead], _ s: Snapshot, _ l: Language) -> String {
        let header =
            l == .en
            ? ["rank", "kind", "score", "members", "guns", "dealers", "first_date", "last_date", "reasons"]
            : [
                "rango", "tipo", "puntuacion", "miembros", "armas", "armerias", "primera_fecha", "ultima_fecha",
                "razones",
            ]
        var out = CSVWriter.line(header)
        for lead in leads {
            out += CSVWriter.line([
                String(lead.rank), lead.kind.rawValue, String(format: "%.1f", lead.score),
                lead.persons.map { s.dataset.pseudonym(ofPersonAt: $0) }.joined(separator: "; "),
                String(lead.firearms.count),
                lead.dealers.map { s.dataset.strings[s.dataset.licensees.licence[$0]] }.joined(separator: "; "),
                "\(lead.firstDate)", "\(lead.lastDate)",
                lead.reasons.map { "\($0.indicator.rawValue) x\($0.count)" }.joined(separator: "; "),
            ])
        }
        return out
    }
    /// One lead's page as files: its reasons and timeline as CSV (English column names, and
    /// Spanish ones beside them on a Spanish page), its link chart and timeline as SVG in the
    /// page's language, and its graph as JSON.
    static func leadFiles(_ lead: Lead, _ s: Snapshot, _ l: Language) -> [ExportFile] {
        let name = "lead-\(lead.rank)"
        let entries = lead.timeline(s.dataset, s.graph)
        func reasons(_ header: [String]) -> String {
            var out = CSVWriter.line(header)
            for r in lead.reasons {
                out += CSVWriter.line([
                    r.indicator.rawValue, l.explanation(r.indicator), l.detail(r), String(r.count),
                    String(format: "%.2f", r.indicator.weight), String(min(r.count, r.indicator.cap)),
                    String(format: "%.1f", r.points),
                ])
            }
            return out
        }
        func timeline(_ header: [String]) -> String {
            var out = CSVWriter.line(header)
            for e in entries { out += CSVWriter.line(["\(e.date)", e.kind.rawValue, l.timelineText(e)]) }
            return out
        }
        let title = "\(l.t(.lead)) \(lead.rank): \(l.report(lead.kind.rawValue))"
        var files: [ExportFile] = [
            .init(
                name: "\(name)-reasons.csv",
                text: reasons(["indicator", "explanation", "detail", "count", "points_each", "counted", "points"])
            ),
            .init(name: "\(name)-timeline.csv", text: timeline(["date", "kind", "event"])),
        ]
        if l == .es {
            files += [
                .init(
                    name: "\(name)-reasons-es.csv",
                    text: reasons(["indicador", "explicacion", "detalle", "n", "puntos_cada_uno", "contados", "puntos"])
                ),
                .init(name: "\(name)-timeline-es.csv", text: timeline(["fecha", "tipo", "evento"])),
            ]
        }
        files += [
            .init(name: "\(name)-chart.svg", text: leadChartSVG(lead, s, l)),
            .init(
                name: "\(name)-timeline.svg",
                text: l.timelineChart(lead, entries, synthetic: s.isSynthetic)
            ),
            .init(
                name: "\(name)-graph.json",
                text: s.graph.subgraph(of: lead).export(
                    .json,
                    graph: s.graph,
                    dataset: s.dataset,
                    title: title,
                    label: { l.entityLabel(s.graph, $0, s.dataset) }
                )
            ),
        ]
        return files
    }

    /// A lead's link chart as its download and its export draw it.
    static func leadChartSVG(_ lead: Lead, _ s: Snapshot, _ l: Language) -> String {
        LinkChartDrawing.svg(
            s.graph.subgraph(of: lead),
            graph: s.graph,
            dataset: s.dataset,
            title: l == .en
                ? "Lead \(lead.rank): \(lead.kind.title)"
                : "\(l.t(.lead)) \(lead.rank): \(l.report(lead.kind.rawValue))",
            language: l
        )
    }

    static func addNetworkRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        let area = router.group().add(middleware: RequireRole(.analyst))
        area.get("/network") { request, context in
            try context.require(.analyst)
            let q = query(request)
            let l = context.language
            let s = state.snapshot
            var leads = s.leads
            if let k = q["kind"], !k.isEmpty {
                guard let kind = Lead.Kind(rawValue: k) else { throw AppError.badRequest("unknown lead kind '\(k)'") }
                leads = leads.filter { $0.kind == kind }
            }
            if q["download"] == "zip" {
                let user = try context.require(.analyst)
                var files = [ExportFile(name: "leads.csv", text: leadsCSV(leads, s, .en))]
                if l == .es { files.append(.init(name: "leads-es.csv", text: leadsCSV(leads, s, .es))) }
                return try await zipExport(
                    request,
                    files: files,
                    sources: [l.report(Analytics.traceSource)],
                    title: l.t(.leads),
                    user: user,
                    l,
                    state,
                    target: "leads"
                )
            }
            let paging = try Paging(q, defaultPerPage: 50, perPageAllowed: false)
            let waiting = (try? state.store.resolutionReview(limit: 0, offset: 0).total) ?? 0
            let waitingText =
                l == .en
                ? (waiting == 1 ? "pair waiting for a ruling" : "pairs waiting for a ruling")
                : (waiting == 1 ? "par espera una decisión" : "pares esperan una decisión")
            var export = exportLink(path: "/network", q, l, charts: false)
            export.exportHref =
                "/network" + HTML.query((q["kind"].map { [("kind", $0)] } ?? []) + [("download", "zip")])
            let view = Views.NetworkPage(
                frame: Views.Layout(frame(request, context, state, section: "network"), title: l.t(.network)),
                export: export,
                kindLabel: l.t(.kind),
                anyKind: l.t(.any),
                kinds: Lead.Kind.allCases.map {
                    .init(value: $0.rawValue, text: l.report($0.rawValue), selected: q["kind"] == $0.rawValue)
                },
                apply: l.t(.apply),
                pathForm: pathForm(q, l, s),
                identitiesLabel: l.t(.identities),
                waiting: "\(l.integer(waiting)) \(waitingText)",
                leadsHeading: "\(l.t(.leads)) (\(l.integer(leads.count)))",
                headers: ["#", l.t(.kind), l.t(.score), l.t(.members), l.t(.guns), l.t(.reasons)],
                leads: paging.slice(leads).map { lead in
                    .init(
                        rank: lead.rank,
                        kind: l.report(lead.kind.rawValue),
                        score: l.decimal(lead.score, digits: 1),
                        people: lead.persons.prefix(4).map { p in
                            .init(
                                entityHref: "/network/entity/person:\(s.dataset.persons.id[p])",
                                entityLabel: s.dataset.pseudonym(ofPersonAt: p)
                            )
                        },
                        morePeople: lead.persons.count > 4 ? "+\(lead.persons.count - 4)" : nil,
                        guns: l.integer(lead.firearms.count),
                        why: lead.reasons.prefix(3).map { "\(l.indicatorName($0.indicator)) ×\($0.count)" }
                            .joined(separator: ", ")
                    )
                },
                pager: Views.Pager(
                    path: "/network",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: leads.count),
                    l
                ),
                nibin: paging.page == 1 ? nibinView(s, l) : nil
            )
            return page(.network, view)
        }
        area.get("/network/leads/:rank") { request, context in
            let user = try context.require(.analyst)
            let s = state.snapshot
            let lead = try lead(context.parameter("rank"), s)
            let l = context.language
            if query(request)["download"] == "zip" {
                return try await zipExport(
                    request,
                    files: leadFiles(lead, s, l),
                    sources: [l.report(Analytics.traceSource)],
                    title: "\(l.t(.lead)) \(lead.rank): \(l.report(lead.kind.rawValue))",
                    user: user,
                    l,
                    state,
                    target: "lead:\(lead.rank)"
                )
            }
            try await state.audit(user: user.name, action: "lead-view", target: "lead:\(lead.rank)")
            let d = s.dataset
            let g = s.graph
            let scores = s.leads.map(\.score).sorted()
            let entries = lead.timeline(d, g)
            let view = Views.LeadPage(
                frame: Views.Layout(
                    frame(request, context, state, section: "network"),
                    title: "\(l.t(.lead)) \(lead.rank)"
                ),
                export: {
                    var e = exportLink(path: "/network/leads/\(lead.rank)", [:], l)
                    e.exportLabel =
                        l == .en
                        ? "Export this lead (ZIP: reasons and timeline as CSV, link chart and timeline as SVG, graph as JSON)"
                        : "Exportar esta pista (ZIP: razones y cronología en CSV, gráfico de vínculos y cronología en SVG, grafo en JSON)"
                    return e
                }(),
                facts: [
                    .init(
                        term: l.t(.kind),
                        detail: l.report(lead.kind.rawValue) + (l == .en ? " · " + lead.kind.title : "")
                    ),
                    .init(term: l.t(.score), detail: l.decimal(lead.score, digits: 1)),
                    .init(term: l.t(.date), detail: "\(l.date(lead.firstDate)) – \(l.date(lead.lastDate))"),
                ],
                membersLabel: l.t(.members),
                people: lead.persons.map { p in
                    .init(
                        entityHref: "/network/entity/person:\(d.persons.id[p])",
                        entityLabel: d.pseudonym(ofPersonAt: p)
                    )
                },
                dealersLabel: l.t(.dealers),
                sellers: lead.dealers.map { r in
                    .init(
                        entityHref: "/dealers/\(HTML.encode(d.strings[d.licensees.licence[r]]))",
                        entityLabel: g.label(g.node(.dealer, r), in: d),
                        licence: d.strings[d.licensees.licence[r]],
                        summary: l.dealerSummary(s.dealerIndicators, r)
                    )
                },
                caseForm: caseFormView(
                    from: "lead:\(lead.rank)",
                    title: "\(l.t(.lead)) \(lead.rank): \(l.report(lead.kind.rawValue))",
                    context,
                    legend: l.t(.openCaseFromLead)
                ),
                reasonsHeading: l.t(.reasons),
                scale: Views.Note(
                    l.scoreScale(
                        rank: lead.rank,
                        of: s.leads.count,
                        top: scores.last ?? 0,
                        median: scores.isEmpty ? 0 : scores[scores.count / 2]
                    )
                ),
                reasonHeaders: [l.t(.indicators), l.t(.detail), "n", l.t(.pointsEach), l.t(.score)],
                reasons: lead.reasons.map { r in
                    let counted = min(r.count, r.indicator.cap)
                    return .init(
                        explanation: l.explanation(r.indicator),
                        indicator: r.indicator.rawValue,
                        detail: l.detail(r),
                        count: l.integer(r.count),
                        each: "\(l.decimal(r.indicator.weight, digits: 2)) × \(l.integer(counted))"
                            + (r.count > r.indicator.cap ? " (\(l.t(.cappedAt)) \(l.integer(r.indicator.cap)))" : ""),
                        points: l.decimal(r.points, digits: 1)
                    )
                },
                chartHeading: l.t(.linkChart),
                linkChart: linkChartView(
                    LinkChartDrawing.svg(
                        g.subgraph(of: lead),
                        graph: g,
                        dataset: d,
                        title: "\(l.t(.lead)) \(lead.rank): \(l.report(lead.kind.rawValue))",
                        language: l
                    ),
                    downloadLink: "/network/leads/\(lead.rank)/chart.svg",
                    graph: "/api/v1/leads/\(lead.rank)/graph",
                    l
                ),
                graphJSON: "/api/v1/leads/\(lead.rank)/graph",
                timelineHeading: l.t(.timeline),
                timelineChart: Views.Chart(
                    svg: l.timelineChart(lead, entries, synthetic: s.isSynthetic),
                    download: "/network/leads/\(lead.rank)/timeline.svg",
                    l
                ),
                entries: entries.prefix(300).map { e in
                    .init(
                        entryKind: e.kind.rawValue,
                        datetime: "\(e.date)",
                        when: l.date(e.date),
                        what: l.timelineText(e),
                        // The gun, person, dealer, recovery or event the entry names, each to its page.
                        links: e.references.compactMap { ref in
                            guard let n = try? g.node(for: ref, in: d) else { return nil }
                            return .init(
                                entityHref: "/network/entity/\(HTML.encode(g.reference(n, in: d)))",
                                entityLabel: l.entityLabel(g, n, d)
                            )
                        }
                    )
                }
            )
            return page(.lead, view)
        }
        // A lead's drawings as downloads for analysts, each audited as an export.
        func leadDrawing(
            _ name: String,
            detail: String,
            filename: String,
            _ draw: @escaping @Sendable (Lead, Snapshot, Language) -> String
        ) {
            area.get("/network/leads/:rank/\(name)") { request, context in
                let user = try context.require(.analyst)
                let s = state.snapshot
                let lead = try lead(context.parameter("rank"), s)
                try await state.audit(user: user.name, action: "export", target: "lead:\(lead.rank)", detail: detail)
                return download(
                    draw(lead, s, context.language),
                    contentType: "image/svg+xml; charset=utf-8",
                    filename: "lead-\(lead.rank)\(filename).svg"
                )
            }
        }
        leadDrawing("timeline.svg", detail: "svg timeline", filename: "-timeline") { lead, s, l in
            l.timelineChart(lead, lead.timeline(s.dataset, s.graph), synthetic: s.isSynthetic)
        }
        leadDrawing("chart.svg", detail: "svg link chart", filename: "") { lead, s, l in
            leadChartSVG(lead, s, l)
        }
        area.get("/network/entity/:ref/chart.svg") { request, context in
            let user = try context.require(.analyst)
            let s = state.snapshot
            let node: Int32
            do { node = try s.graph.node(for: context.parameter("ref") ?? "", in: s.dataset) } catch {
                throw AppError.notFound("\(error)")
            }
            let target = s.graph.reference(node, in: s.dataset)
            try await state.audit(user: user.name, action: "export", target: target, detail: "svg link chart")
            let l = context.language
            let svg = LinkChartDrawing.svg(
                s.graph.neighbours(of: node, depth: 1, limit: 80),
                graph: s.graph,
                dataset: s.dataset,
                title: l.entityLabel(s.graph, node, s.dataset),
                language: l
            )
            let name = target.replacingOccurrences(of: ":", with: "-")
            return download(svg, contentType: "image/svg+xml; charset=utf-8", filename: "\(name).svg")
        }
        area.get("/network/entity/:ref") { request, context in
            let user = try context.require(.analyst)
            let s = state.snapshot
            let l = context.language
            let ref = context.parameter("ref") ?? ""
            let node: Int32
            do { node = try s.graph.node(for: ref, in: s.dataset) } catch { throw AppError.notFound("\(error)") }
            let target = s.graph.reference(node, in: s.dataset)
            try await state.audit(user: user.name, action: "entity-view", target: target, detail: "page")
            let sub = s.graph.neighbours(of: node, depth: 1, limit: 80)
            let kind = s.graph.nodeKind(node)
            // The store is read here, in the handler (cases holding the entity, open cases).
            let casework =
                [.person, .dealer, .firearm, .recovery, .event].contains(kind)
                ? try caseworkView(target, context, state, user) : nil
            let view = Views.EntityPage(
                frame: Views.Layout(
                    frame(request, context, state, section: "network"),
                    title: l.entityLabel(s.graph, node, s.dataset)
                ),
                neighbours: sub.nodes.filter { $0 != node }.map { n in
                    .init(
                        kindName: l.kindName(s.graph.nodeKind(n)),
                        entityHref: "/network/entity/\(HTML.encode(s.graph.reference(n, in: s.dataset)))",
                        entityLabel: l.entityLabel(s.graph, n, s.dataset)
                    )
                },
                pathLegend: l.t(.pathFromHere),
                reference: target,
                toField: .init(name: "to", label: l.t(.to), value: "", inputType: "text", required: false),
                find: l.t(.find),
                linkChart: linkChartView(
                    LinkChartDrawing.svg(
                        sub,
                        graph: s.graph,
                        dataset: s.dataset,
                        title: l.entityLabel(s.graph, node, s.dataset),
                        language: l
                    ),
                    downloadLink: "/network/entity/\(HTML.encode(target))/chart.svg",
                    graph: "/api/v1/entities/\(HTML.encode(target))/neighbours",
                    l
                ),
                graphJSON: "/api/v1/entities/\(HTML.encode(target))/neighbours",
                casework: casework,
                merged: kind == .person ? mergedView(s.dataset.persons.id[s.graph.row(node)], context, state) : nil
            )
            return page(.entity, view)
        }
        area.get("/network/path") { request, context in
            let user = try context.require(.analyst)
            let q = query(request)
            let l = context.language
            let s = state.snapshot
            var view = Views.PathPage(
                frame: Views.Layout(frame(request, context, state, section: "network"), title: l.t(.pathFinder)),
                pathForm: pathForm(q, l, s)
            )
            let from = q["from"] ?? ""
            let to = q["to"] ?? ""
            // Nothing asked yet: the form alone.
            if from.isEmpty && to.isEmpty { return page(.path, view) }
            let a: Int32
            let b: Int32
            do {
                a = try s.graph.node(for: from, in: s.dataset)
                b = try s.graph.node(for: to, in: s.dataset)
            } catch {
                view.pathError = "\(error)"
                return page(.path, view, status: .badRequest)
            }
            try await state.audit(
                user: user.name,
                action: "path-view",
                target: s.graph.reference(a, in: s.dataset),
                detail: "to " + s.graph.reference(b, in: s.dataset)
            )
            if let edges = s.graph.path(from: a, to: b, hubLimit: 200) {
                view.steps = .init(
                    start: l.entityLabel(s.graph, a, s.dataset),
                    links: edges.map { e in
                        let n = s.graph.neighbour[e]
                        return .init(
                            link: l.linkName(s.graph.edgeKind(e)),
                            entityHref: "/network/entity/\(HTML.encode(s.graph.reference(n, in: s.dataset)))",
                            entityLabel: l.entityLabel(s.graph, n, s.dataset)
                        )
                    }
                )
            } else {
                view.noPath = l.t(.noPath)
            }
            return page(.path, view)
        }
    }

    static func lead(_ rank: String?, _ s: Snapshot) throws -> Lead {
        guard let r = rank.flatMap(Int.init), r >= 1, r <= s.leads.count else {
            throw AppError.notFound("no lead ranked '\(rank ?? "")' (there are \(s.leads.count))")
        }
        return s.leads[r - 1]
    }

    /// The path finder's form; both fields suggest, as the user types, the people (by pseudonym)
    /// and dealers (by licence number) of the ranked leads: the names the pages print.
    static func pathForm(_ q: [String: String], _ l: Language, _ s: Snapshot) -> Views.PathForm {
        Views.PathForm(
            legend: l.t(.pathFinder),
            hint: l.t(.entityHint),
            pathFields: [("from", UIText.from), ("to", .to)].map { name, label in
                .init(
                    name: name,
                    label: l.t(label),
                    value: q[name] ?? "",
                    inputType: "text",
                    required: false,
                    suggestions: "entity-suggestions"
                )
            },
            entityOptions: entitySuggestions(s, l),
            find: l.t(.find)
        )
    }

    /// Up to 300 names from the top leads, each once, with what it is as the option's label.
    static func entitySuggestions(_ s: Snapshot, _ l: Language) -> [Views.PathForm.Option] {
        let d = s.dataset
        var seen = Set<String>()
        var options: [Views.PathForm.Option] = []
        func add(_ value: String, _ label: String) {
            guard options.count < 300, !value.isEmpty, seen.insert(value).inserted else { return }
            options.append(.init(value: value, label: label))
        }
        for lead in s.leads.prefix(50) {
            for p in lead.persons { add(d.pseudonym(ofPersonAt: p), "\(l.t(.lead)) \(lead.rank)") }
            for r in lead.dealers { add(d.strings[d.licensees.licence[r]], d.strings[d.licensees.name[r]]) }
        }
        return options
    }

    /// A link chart's view: the static SVG and what the interactive chart needs (its JSON address,
    /// labels in the page's language, and its words).
    static func linkChartView(_ svg: String, downloadLink: String?, graph: String, _ l: Language) -> Views.LinkChart {
        var kinds: [String: String] = [:]
        for k in LinkGraph.NodeKind.allCases { kinds[k.name] = l.kindName(k) }
        var links: [String: String] = [:]
        for k in LinkGraph.EdgeKind.allCases { links[k.name] = l.linkName(k) }
        let es = l == .es
        let words: [String: Any] = [
            "kinds": es ? "Mostrar" : "Show", "time": es ? "Vínculos fechados" : "Links dated",
            "from": es ? "desde" : "from", "to": es ? "hasta" : "to",
            "exportSVG": es ? "Exportar SVG" : "Export SVG", "exportPNG": es ? "Exportar PNG" : "Export PNG",
            "expand": es ? "Ampliar vecinos" : "Expand neighbours", "open": es ? "Abrir ficha" : "Open page",
            "path": l.t(.pathFromHere), "added": es ? "agregadas" : "added",
            "undated": es ? "sin vínculos fechados" : "no dated links", "kindNames": kinds, "linkNames": links,
        ]
        let json =
            (try? JSONSerialization.data(withJSONObject: words, options: [.sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return Views.LinkChart(
            graphURL: graph + (graph.contains("?") ? "&" : "?") + "lang=\(l.rawValue)",
            chartLang: l.rawValue,
            wordsJSON: json,
            svg: .svg(svg),
            svgDownload: downloadLink,
            downloadLabel: l.t(.downloadSVG)
        )
    }

    static func linkChart(_ svg: String, downloadLink: String?, graph: String, _ l: Language) -> RenderedHTML {
        Templates.render(.linkChart, linkChartView(svg, downloadLink: downloadLink, graph: graph, l))
    }
}
