import Foundation
import Hummingbird
import IronTraceCore
import IronTraceDataset
import IronTraceNetwork

/// The network pages (analysts and admins): ranked leads with reasons, one lead's link chart and
/// timeline, an entity's neighbours and the path finder. People appear by pseudonym only.
extension Pages {
    static func addNetworkRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        router.get("/network") { request, context in
            try context.require(.analyst)
            let q = query(request)
            let l = context.language
            let s = state.snapshot
            var leads = s.leads
            if let k = q["kind"], !k.isEmpty {
                guard let kind = Lead.Kind(rawValue: k) else { throw AppError.badRequest("unknown lead kind '\(k)'") }
                leads = leads.filter { $0.kind == kind }
            }
            let paging = try Paging(q, defaultPerPage: 50, perPageAllowed: false)
            var body =
                "<form class=\"filters\" method=\"get\" action=\"/network\"><label for=\"f-kind\">\(HTML.esc(l.t(.kind)))</label><select id=\"f-kind\" name=\"kind\"><option value=\"\">\(HTML.esc(l.t(.any)))</option>"
            for k in Lead.Kind.allCases {
                body +=
                    "<option value=\"\(k.rawValue)\"\(q["kind"] == k.rawValue ? " selected" : "")>\(HTML.esc(l.report(k.rawValue)))</option>"
            }
            body += "</select> <button type=\"submit\">\(HTML.esc(l.t(.apply)))</button></form>"
            body += pathForm(q, l, state.snapshot)
            let waiting = (try? state.store.resolutionReview(limit: 0, offset: 0).total) ?? 0
            body +=
                "<p id=\"identities-link\"><a href=\"/network/identities\">\(HTML.esc(l.t(.identities)))</a> (\(l.integer(waiting)) \(l == .en ? (waiting == 1 ? "pair waiting for a ruling" : "pairs waiting for a ruling") : (waiting == 1 ? "par espera una decisión" : "pares esperan una decisión")))</p>"
            body +=
                "<section class=\"table\" id=\"leads\"><h2>\(HTML.esc(l.t(.leads))) (\(l.integer(leads.count)))</h2><table class=\"keep-words\"><thead><tr><th>#</th><th>\(HTML.esc(l.t(.kind)))</th><th>\(HTML.esc(l.t(.score)))</th><th>\(HTML.esc(l.t(.members)))</th><th>\(HTML.esc(l.t(.guns)))</th><th>\(HTML.esc(l.t(.reasons)))</th></tr></thead><tbody>"
            for lead in paging.slice(leads) {
                let who =
                    lead.persons.prefix(4).map { s.dataset.pseudonym(ofPersonAt: $0) }.joined(separator: ", ")
                    + (lead.persons.count > 4 ? " +\(lead.persons.count - 4)" : "")
                let why = lead.reasons.prefix(3).map { "\(l.indicatorName($0.indicator)) ×\($0.count)" }
                    .joined(separator: ", ")
                body +=
                    "<tr><td><a href=\"/network/leads/\(lead.rank)\">\(lead.rank)</a></td><td class=\"words\">\(HTML.esc(l.report(lead.kind.rawValue)))</td><td class=\"n\">\(HTML.esc(l.decimal(lead.score, digits: 1)))</td><td>\(HTML.esc(who))</td><td class=\"n\">\(l.integer(lead.firearms.count))</td><td class=\"words\">\(HTML.esc(why))</td></tr>"
            }
            body += "</tbody></table></section>"
            body +=
                HTML.pager(
                    path: "/network",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: leads.count),
                    l
                ).html
            if paging.page == 1 { body += nibinSection(s, l) }
            return Pages.page(request, context, state, section: "network", title: l.t(.network), body: body)
        }
        router.get("/network/leads/:rank") { request, context in
            let user = try context.require(.analyst)
            let s = state.snapshot
            let lead = try lead(context.parameter("rank"), s)
            try state.store.audit(user: user.name, action: "lead-view", target: "lead:\(lead.rank)")
            let l = context.language
            let d = s.dataset
            let g = s.graph
            var body =
                "<dl class=\"facts\" id=\"lead-facts\"><dt>\(HTML.esc(l.t(.kind)))</dt><dd>\(HTML.esc(l.report(lead.kind.rawValue)))\(l == .en ? " · " + HTML.esc(lead.kind.title) : "")</dd>"
            body += "<dt>\(HTML.esc(l.t(.score)))</dt><dd>\(HTML.esc(l.decimal(lead.score, digits: 1)))</dd>"
            body +=
                "<dt>\(HTML.esc(l.t(.date)))</dt><dd>\(HTML.esc(l.date(lead.firstDate))) – \(HTML.esc(l.date(lead.lastDate)))</dd>"
            body += "<dt>\(HTML.esc(l.t(.members)))</dt><dd>"
            body += lead.persons.map { p in
                "<a href=\"/network/entity/person:\(d.persons.id[p])\">\(HTML.esc(d.pseudonym(ofPersonAt: p)))</a>"
            }.joined(separator: ", ")
            body += "</dd><dt>\(HTML.esc(l.t(.dealers)))</dt><dd>"
            body += lead.dealers.map { r in
                "<a href=\"/dealers/\(HTML.encode(d.strings[d.licensees.licence[r]]))\">\(HTML.esc(d.strings[d.licensees.name[r]]))</a> (\(HTML.esc(l.dealerSummary(s.dealerIndicators, r))))"
            }.joined(separator: "; ")
            body += "</dd></dl>"
            body += openCaseForm(
                from: "lead:\(lead.rank)",
                title: "\(l.t(.lead)) \(lead.rank): \(l.report(lead.kind.rawValue))",
                context,
                legend: l.t(.openCaseFromLead)
            )
            let scores = s.leads.map(\.score).sorted()
            body += "<section id=\"reasons\"><h2>\(HTML.esc(l.t(.reasons)))</h2>"
            body +=
                "<p class=\"note\" id=\"score-scale\">"
                + HTML.codeSpans(
                    HTML.esc(
                        l.scoreScale(
                            rank: lead.rank,
                            of: s.leads.count,
                            top: scores.last ?? 0,
                            median: scores.isEmpty ? 0 : scores[scores.count / 2]
                        )
                    )
                ) + "</p>"
            body +=
                "<table><thead><tr><th>\(HTML.esc(l.t(.indicators)))</th><th>\(HTML.esc(l.t(.detail)))</th>"
                + "<th>n</th><th>\(HTML.esc(l.t(.pointsEach)))</th><th>\(HTML.esc(l.t(.score)))</th></tr></thead><tbody>"
            for r in lead.reasons {
                let counted = min(r.count, r.indicator.cap)
                let each =
                    "\(l.decimal(r.indicator.weight, digits: 2)) × \(l.integer(counted))"
                    + (r.count > r.indicator.cap ? " (\(l.t(.cappedAt)) \(l.integer(r.indicator.cap)))" : "")
                body +=
                    "<tr><td>\(HTML.esc(l.explanation(r.indicator))) <code>\(HTML.esc(r.indicator.rawValue))</code></td>"
                    + "<td>\(HTML.esc(l.detail(r)))</td><td class=\"n\">\(l.integer(r.count))</td>"
                    + "<td class=\"n\">\(HTML.esc(each))</td><td class=\"n\">\(HTML.esc(l.decimal(r.points, digits: 1)))</td></tr>"
            }
            body += "</tbody></table></section>"
            let sub = g.subgraph(of: lead)
            let svg = LinkChartDrawing.svg(
                sub,
                graph: g,
                dataset: d,
                title: "\(l.t(.lead)) \(lead.rank): \(l.report(lead.kind.rawValue))",
                language: l
            )
            body += "<section id=\"link-chart\"><h2>\(HTML.esc(l.t(.linkChart)))</h2>"
            body += HTML.linkChart(
                svg,
                downloadLink: "/network/leads/\(lead.rank)/chart.svg",
                graph: "/api/v1/leads/\(lead.rank)/graph",
                l
            )
            body += " <a class=\"dl\" href=\"/api/v1/leads/\(lead.rank)/graph\">JSON</a></section>"
            let entries = lead.timeline(d, g)
            body += "<section id=\"timeline\"><h2>\(HTML.esc(l.t(.timeline)))</h2>"
            body +=
                HTML.chart(
                    l.timelineChart(lead, entries, synthetic: s.isSynthetic),
                    downloadLink: "/network/leads/\(lead.rank)/timeline.svg",
                    l
                ).html
            body += "<ol class=\"timeline\">"
            for e in entries.prefix(300) {
                body +=
                    "<li class=\"\(e.kind.rawValue)\"><time datetime=\"\(e.date)\">\(HTML.esc(l.date(e.date)))</time> \(HTML.esc(l.timelineText(e)))</li>"
            }
            body += "</ol></section>"
            return page(request, context, state, section: "network", title: "\(l.t(.lead)) \(lead.rank)", body: body)
        }
        // A lead's drawings as downloads for analysts, each audited as an export.
        func leadDrawing(
            _ name: String,
            detail: String,
            filename: String,
            _ draw: @escaping @Sendable (Lead, Snapshot, Language) -> String
        ) {
            router.get("/network/leads/:rank/\(name)") { request, context in
                let user = try context.require(.analyst)
                let s = state.snapshot
                let lead = try lead(context.parameter("rank"), s)
                try state.store.audit(user: user.name, action: "export", target: "lead:\(lead.rank)", detail: detail)
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
        router.get("/network/entity/:ref/chart.svg") { request, context in
            let user = try context.require(.analyst)
            let s = state.snapshot
            let node: Int32
            do { node = try s.graph.node(for: context.parameter("ref") ?? "", in: s.dataset) } catch {
                throw AppError.notFound("\(error)")
            }
            let target = s.graph.reference(node, in: s.dataset)
            try state.store.audit(user: user.name, action: "export", target: target, detail: "svg link chart")
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
        router.get("/network/entity/:ref") { request, context in
            let user = try context.require(.analyst)
            let s = state.snapshot
            let l = context.language
            let ref = context.parameter("ref") ?? ""
            let node: Int32
            do { node = try s.graph.node(for: ref, in: s.dataset) } catch { throw AppError.notFound("\(error)") }
            let target = s.graph.reference(node, in: s.dataset)
            try state.store.audit(user: user.name, action: "entity-view", target: target, detail: "page")
            let sub = s.graph.neighbours(of: node, depth: 1, limit: 80)
            var body = "<ul class=\"neighbours\">"
            for n in sub.nodes where n != node {
                body +=
                    "<li>\(HTML.esc(l.kindName(s.graph.nodeKind(n)))): <a href=\"/network/entity/\(HTML.encode(s.graph.reference(n, in: s.dataset)))\">\(HTML.esc(l.entityLabel(s.graph, n, s.dataset)))</a></li>"
            }
            body += "</ul>"
            body +=
                "<form class=\"path-form\" method=\"get\" action=\"/network/path\"><fieldset><legend>"
                + HTML.esc(l.t(.pathFromHere)) + "</legend><input type=\"hidden\" name=\"from\" value=\""
                + HTML.esc(target) + "\">" + HTML.input("to", label: l.t(.to), value: "").html
                + "<button type=\"submit\">\(HTML.esc(l.t(.find)))</button></fieldset></form>"
            body += HTML.linkChart(
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
            )
            body += " <a class=\"dl\" href=\"/api/v1/entities/\(HTML.encode(target))/neighbours\">JSON</a>"
            if [.person, .dealer, .firearm, .recovery, .event].contains(s.graph.nodeKind(node)) {
                body += try entityCasework(target, context, state, user)
            }
            if s.graph.nodeKind(node) == .person {
                body += mergedRecords(s.dataset.persons.id[s.graph.row(node)], context, state)
            }
            return page(
                request,
                context,
                state,
                section: "network",
                title: l.entityLabel(s.graph, node, s.dataset),
                body: body
            )
        }
        router.get("/network/path") { request, context in
            let user = try context.require(.analyst)
            let q = query(request)
            let l = context.language
            let s = state.snapshot
            var body = pathForm(q, l, s)
            let from = q["from"] ?? ""
            let to = q["to"] ?? ""
            // Nothing asked yet: the form alone.
            if from.isEmpty && to.isEmpty {
                return page(request, context, state, section: "network", title: l.t(.pathFinder), body: body)
            }
            let a: Int32
            let b: Int32
            do {
                a = try s.graph.node(for: from, in: s.dataset)
                b = try s.graph.node(for: to, in: s.dataset)
            } catch {
                body += "<p class=\"error\" role=\"alert\">\(HTML.esc("\(error)"))</p>"
                return page(
                    request,
                    context,
                    state,
                    section: "network",
                    title: l.t(.pathFinder),
                    body: body,
                    status: .badRequest
                )
            }
            try state.store.audit(
                user: user.name,
                action: "path-view",
                target: s.graph.reference(a, in: s.dataset),
                detail: "to " + s.graph.reference(b, in: s.dataset)
            )
            if let edges = s.graph.path(from: a, to: b, hubLimit: 200) {
                body += "<ol class=\"path\" id=\"path-result\">"
                var current = a
                body += "<li>\(HTML.esc(l.entityLabel(s.graph, current, s.dataset)))</li>"
                for e in edges {
                    current = s.graph.neighbour[e]
                    body +=
                        "<li><small>\(HTML.esc(l.linkName(s.graph.edgeKind(e))))</small> → <a href=\"/network/entity/\(HTML.encode(s.graph.reference(current, in: s.dataset)))\">\(HTML.esc(l.entityLabel(s.graph, current, s.dataset)))</a></li>"
                }
                body += "</ol>"
            } else {
                body += "<p id=\"path-result\">\(HTML.esc(l.t(.noPath)))</p>"
            }
            return page(request, context, state, section: "network", title: l.t(.pathFinder), body: body)
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
    static func pathForm(_ q: [String: String], _ l: Language, _ s: Snapshot) -> String {
        "<form class=\"path-form\" method=\"get\" action=\"/network/path\"><fieldset><legend>\(HTML.esc(l.t(.pathFinder)))</legend>"
            + "<p class=\"hint\">\(HTML.esc(l.t(.entityHint)))</p>"
            + HTML.input("from", label: l.t(.from), value: q["from"] ?? "", suggestions: "entity-suggestions").html
            + HTML.input("to", label: l.t(.to), value: q["to"] ?? "", suggestions: "entity-suggestions").html
            + entitySuggestions(s, l)
            + "<button type=\"submit\">\(HTML.esc(l.t(.find)))</button></fieldset></form>"
    }

    /// Up to 300 names from the top leads, each once, with what it is as the option's label.
    static func entitySuggestions(_ s: Snapshot, _ l: Language) -> String {
        let d = s.dataset
        var seen = Set<String>()
        var options: [String] = []
        func add(_ value: String, _ label: String) {
            guard options.count < 300, !value.isEmpty, seen.insert(value).inserted else { return }
            options.append("<option value=\"\(HTML.esc(value))\" label=\"\(HTML.esc(label))\"></option>")
        }
        for lead in s.leads.prefix(50) {
            for p in lead.persons { add(d.pseudonym(ofPersonAt: p), "\(l.t(.lead)) \(lead.rank)") }
            for r in lead.dealers { add(d.strings[d.licensees.licence[r]], d.strings[d.licensees.name[r]]) }
        }
        return "<datalist id=\"entity-suggestions\">\(options.joined())</datalist>"
    }
}
