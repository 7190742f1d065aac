import Foundation
import Hummingbird
import IronTraceCore
import IronTraceDataset
import IronTraceNetwork
import IronTraceStore

/// Cases, the watch list and alerts (analysts and admins). Every change goes through the store,
/// which writes its audit row in the same transaction; a restricted case is answered 404 to
/// anybody but its owner and administrators, as if it did not exist. People appear by pseudonym.
extension Pages {
    static func addCaseRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        router.get("/cases") { request, context in
            let user = try context.require(.analyst)
            let q = query(request)
            let l = context.language
            var status: CaseFile.Status?
            if let v = q["status"], !v.isEmpty {
                guard let s = CaseFile.Status(rawValue: v) else {
                    throw AppError.invalidFilter("status must be open, referred or closed, not '\(v.prefix(40))'")
                }
                status = s
            }
            let list = try state.store.cases(visibleTo: user.name, isAdmin: user.role == .admin, status: status)
            let paging = try Paging(q, defaultPerPage: 50, perPageAllowed: false)
            var body =
                "<form class=\"filters\" method=\"get\" action=\"/cases\"><label for=\"f-status\">\(HTML.esc(l.t(.status)))</label><select id=\"f-status\" name=\"status\"><option value=\"\">\(HTML.esc(l.t(.any)))</option>"
            for s in CaseFile.Status.allCases {
                body +=
                    "<option value=\"\(s.rawValue)\"\(status == s ? " selected" : "")>\(HTML.esc(l.statusName(s)))</option>"
            }
            body += "</select> <button type=\"submit\">\(HTML.esc(l.t(.apply)))</button></form>"
            body += "<section class=\"table\" id=\"cases\"><h2>\(HTML.esc(l.t(.cases))) (\(l.integer(list.count)))</h2>"
            if list.isEmpty {
                body += "<p class=\"empty\">\(HTML.esc(l.t(.noCases)))</p>"
            } else {
                body +=
                    "<table class=\"sortable\"><thead><tr><th>#</th><th>\(HTML.esc(l.t(.title)))</th><th>\(HTML.esc(l.t(.status)))</th>"
                    + "<th>\(HTML.esc(l.t(.referredTo)))</th><th>\(HTML.esc(l.t(.owner)))</th><th>\(HTML.esc(l.t(.updated)))</th></tr></thead><tbody>"
                for c in paging.slice(list) {
                    body +=
                        "<tr><td><a href=\"/cases/\(c.id)\">\(c.id)</a></td><td><a href=\"/cases/\(c.id)\">\(HTML.esc(c.title))</a>\(c.restricted ? " <small class=\"restricted\">(\(HTML.esc(l.t(.restrictedShort))))</small>" : "")</td>"
                        + "<td>\(HTML.esc(l.statusName(c.status)))</td><td>\(HTML.esc(c.referredTo))</td><td>\(HTML.esc(c.owner))</td>"
                        + "<td>\(HTML.esc(l.stamp(c.updatedAt)))</td></tr>"
                }
                body += "</tbody></table>"
            }
            body += "</section>"
            body +=
                HTML.pager(
                    path: "/cases",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: list.count),
                    l
                ).html
            body += openCaseForm(from: "", title: "", context, legend: l.t(.openCase))
            return page(request, context, state, section: "cases", title: l.t(.cases), body: body)
        }

        router.post("/cases") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            let s = state.snapshot
            let from = form.value("from")
            var refs: [String] = []
            var title = form.value("title")
            if from.hasPrefix("lead:") {
                let lead = try lead(String(from.dropFirst(5)), s)
                refs = s.graph.references(of: lead, in: s.dataset)
                if title.isEmpty { title = "Lead \(lead.rank): \(lead.kind.title)" }
            } else if !from.isEmpty {
                let ref = try entityReference(from, s)
                refs = [ref]
                if title.isEmpty { title = s.graph.label(try s.graph.node(for: ref, in: s.dataset), in: s.dataset) }
            }
            if let p = Casework.problem(title: title) { throw AppError.badRequest(p) }
            let c = try state.store.openCase(
                title: title,
                restricted: form.value("restricted") == "on",
                origin: from.hasPrefix("lead:") ? from : (refs.first ?? ""),
                refs: refs,
                by: user.name
            )
            return redirect("/cases/\(c.id)")
        }

        // From an entity page: the case chosen in the form.
        router.post("/cases/add") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            let c = try visibleCase(form.value("case"), user, state)
            let ref = try entityReference(form.value("ref"), state.snapshot)
            try state.store.addToCase(id: c.id, refs: [ref], by: user.name)
            return redirect("/cases/\(c.id)")
        }

        router.get("/cases/:id") { request, context in
            let user = try context.require(.analyst)
            let c = try visibleCase(context.parameter("id"), user, state)
            try state.store.audit(user: user.name, action: "case-view", target: "case:\(c.id)")
            return try casePage(request, context, state, c)
        }

        router.post("/cases/:id/:change") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let c = try visibleCase(context.parameter("id"), user, state)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            switch context.parameter("change") ?? "" {
            case "items":
                let ref = try entityReference(form.value("ref"), state.snapshot)
                try state.store.addToCase(id: c.id, refs: [ref], by: user.name)
            case "remove":
                let ref = form.value("ref")
                guard try state.store.removeFromCase(id: c.id, ref: ref, by: user.name) else {
                    throw AppError.notFound("case \(c.id) does not hold '\(ref.prefix(Casework.maxRef))'")
                }
            case "notes":
                let text = form.fields["text"] ?? ""
                if let p = Casework.problem(note: text) { throw AppError.badRequest(p) }
                try state.store.addCaseNote(caseID: c.id, text: text, by: user.name)
            case "status":
                guard let status = CaseFile.Status(rawValue: form.value("status")) else {
                    throw AppError.badRequest("status must be open, referred or closed")
                }
                let agency = form.value("agency")
                if let p = Casework.problem(agency: agency, status: status) { throw AppError.badRequest(p) }
                try state.store.setCaseStatus(id: c.id, status: status, referredTo: agency, by: user.name)
            default:
                throw AppError.notFound("a case has no '\((context.parameter("change") ?? "").prefix(40))' to change")
            }
            return redirect("/cases/\(c.id)")
        }

        router.get("/watches") { request, context in
            try context.require(.analyst)
            return try watchPage(request, context, state)
        }

        router.post("/watches") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            guard let kind = Watch.Kind(rawValue: form.value("kind")) else {
                throw AppError.badRequest("choose what to watch: dealer, person or serial")
            }
            let value = try watchValue(kind, form.value("value"), state.snapshot)
            do {
                try state.store.addWatch(kind: kind, value: value, note: form.value("note"), by: user.name)
            } catch let e as StoreError where e.operation == nil {
                throw AppError.badRequest(e.reason)
            }
            return redirect("/watches")
        }

        router.post("/watches/:id/end") { request, context in
            let user = try context.require(.analyst)
            guard let id = context.parameter("id").flatMap(Int64.init),
                try state.store.endWatch(id: id, by: user.name)
            else { throw AppError.notFound("no active watch '\((context.parameter("id") ?? "").prefix(20))'") }
            return redirect("/watches")
        }

        router.get("/alerts") { request, context in
            try context.require(.analyst)
            let q = query(request)
            let l = context.language
            let all = q["all"] == "1"
            let paging = try Paging(q, defaultPerPage: 50, perPageAllowed: false)
            let (total, alerts) = try state.store.alerts(
                unacknowledgedOnly: !all,
                limit: paging.perPage,
                offset: (paging.page - 1) * paging.perPage
            )
            let s = state.snapshot
            var body =
                "<p><a href=\"/watches\">\(HTML.esc(l.t(.watchList)))</a> · "
                + (all
                    ? "<a href=\"/alerts\">\(HTML.esc(l.t(.showUnseen)))</a>"
                    : "<a href=\"/alerts?all=1\">\(HTML.esc(l.t(.showSeen)))</a>") + "</p>"
            body += "<section class=\"table\" id=\"alerts\"><h2>\(HTML.esc(l.t(.alerts))) (\(l.integer(total)))</h2>"
            if alerts.isEmpty {
                body += "<p class=\"empty\">\(HTML.esc(l.t(.noAlerts)))</p>"
            } else {
                body +=
                    "<table><thead><tr><th>\(HTML.esc(l.t(.raised)))</th><th>\(HTML.esc(l.t(.watchList)))</th><th>\(HTML.esc(l.t(.why)))</th>"
                    + "<th>\(HTML.esc(l.t(.traces)))</th><th>\(HTML.esc(l.t(.seenBy)))</th></tr></thead><tbody>"
                for a in alerts {
                    let watched = a.watch.map { watchLabel($0, s, l) } ?? "–"
                    let seen =
                        a.acknowledgedBy.isEmpty
                        ? "<form method=\"post\" action=\"/alerts/\(a.id)/seen\" class=\"inline\">\(HTML.csrfField(context.identity?.csrf))<button type=\"submit\">\(HTML.esc(l.t(.markSeen)))</button></form>"
                        : "\(HTML.esc(a.acknowledgedBy)) · \(HTML.esc(l.stamp(a.acknowledgedAt)))"
                    body +=
                        "<tr id=\"alert-\(a.id)\"><td>\(HTML.esc(l.stamp(a.raisedAt)))</td><td>\(watched)\(a.watch.map { $0.note.isEmpty ? "" : " <small>(\(HTML.esc($0.note)))</small>" } ?? "")</td>"
                        + "<td>\(HTML.esc(l.alertReason(a)))</td><td><a href=\"/traces/\(a.traceID)\">\(a.traceID)</a></td><td>\(seen)</td></tr>"
                }
                body += "</tbody></table>"
            }
            body += "</section>"
            body +=
                HTML.pager(
                    path: "/alerts",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: total),
                    l
                ).html
            return page(request, context, state, section: "alerts", title: l.t(.alerts), body: body)
        }

        router.post("/alerts/:id/seen") { request, context in
            let user = try context.require(.analyst)
            guard let id = context.parameter("id").flatMap(Int64.init) else {
                throw AppError.notFound("no alert '\((context.parameter("id") ?? "").prefix(20))'")
            }
            try state.store.acknowledgeAlert(id: id, by: user.name)
            return redirect("/alerts")
        }
    }

    // MARK: Pieces

    /// The case when it exists and `user` may see it; 404 otherwise (a restricted case's existence
    /// is not revealed).
    static func visibleCase(_ id: String?, _ user: UserAccount, _ state: ServerState) throws -> CaseFile {
        guard let n = id.flatMap(Int64.init), let c = try state.store.caseFile(id: n),
            c.isVisible(to: user.name, isAdmin: user.role == .admin)
        else { throw AppError.notFound("no case '\((id ?? "").prefix(20))'") }
        return c
    }

    /// What a user typed (a reference, pseudonym, licence or serial) as the graph reference of a
    /// person, dealer, gun, recovery or event.
    static func entityReference(_ typed: String, _ s: Snapshot) throws -> String {
        guard !typed.isEmpty else {
            throw AppError.badRequest("name an entity: a pseudonym, licence, serial or person:12")
        }
        let node: Int32
        do { node = try s.graph.node(for: typed, in: s.dataset) } catch { throw AppError.notFound("\(error)") }
        switch s.graph.nodeKind(node) {
        case .person, .dealer, .firearm, .recovery, .event: return s.graph.reference(node, in: s.dataset)
        case .address, .phone, .multipleSale:
            throw AppError.badRequest(
                "a case holds people, dealers, guns, recoveries and events, not '\(typed.prefix(60))'"
            )
        }
    }

    /// A watch's value from what the user typed: a dealer by licence (or any dealer reference), a
    /// person by record id (from a pseudonym or reference), a serial pattern as typed.
    static func watchValue(_ kind: Watch.Kind, _ typed: String, _ s: Snapshot) throws -> String {
        switch kind {
        case .serial:
            do { return try SerialPattern(typed).text } catch { throw AppError.badRequest(error.description) }
        case .dealer:
            if (try? LicenceNumber(parsing: typed)) != nil { return typed }
            let ref = try entityReference(typed, s)
            let n = try s.graph.node(for: ref, in: s.dataset)
            guard s.graph.nodeKind(n) == .dealer else {
                throw AppError.badRequest("'\(typed.prefix(60))' is not a dealer")
            }
            return s.dataset.strings[s.dataset.licensees.licence[s.graph.row(n)]]
        case .person:
            let ref = try entityReference(typed, s)
            guard ref.hasPrefix("person:") else { throw AppError.badRequest("'\(typed.prefix(60))' is not a person") }
            return String(ref.dropFirst("person:".count))
        }
    }

    /// A watch as people read it: the dealer's name and licence, the person's pseudonym, the pattern.
    static func watchLabel(_ w: Watch, _ s: Snapshot, _ l: Language) -> String {
        let kind = HTML.esc(l.watchKindName(w.kind))
        switch w.kind {
        case .serial: return "\(kind) <code>\(HTML.esc(w.value))</code>"
        case .dealer, .person:
            let ref = w.kind == .dealer ? w.value : "person:\(w.value)"
            guard let n = try? s.graph.node(for: ref, in: s.dataset) else {
                return "\(kind) \(HTML.esc(w.kind == .dealer ? w.value : "#\(w.value)"))"
            }
            let target = s.graph.reference(n, in: s.dataset)
            let extra = w.kind == .dealer ? " <small>\(HTML.esc(w.value))</small>" : ""
            return
                "\(kind) <a href=\"/network/entity/\(HTML.encode(target))\">\(HTML.esc(l.entityLabel(s.graph, n, s.dataset)))</a>\(extra)"
        }
    }

    static func openCaseForm(from: String, title: String, _ context: IronTraceContext, legend: String) -> String {
        Templates.render(.caseForm, caseFormView(from: from, title: title, context, legend: legend)).html
    }

    /// Open a case (`case-form.mustache`): from a lead or an entity, or empty (then a title is needed).
    static func caseFormView(from: String, title: String, _ context: IronTraceContext, legend: String)
        -> Views.CaseForm
    {
        let l = context.language
        return Views.CaseForm(
            legend: legend,
            csrf: context.identity?.csrf ?? "",
            from: from,
            titleField: .init(
                name: "title",
                label: l.t(.title),
                value: title,
                inputType: "text",
                required: from.isEmpty
            ),
            restrictedLabel: l.t(.restricted)
        )
    }

    /// The "cases" box of an entity page (`casework.mustache`): the cases holding it, open a case
    /// with it, add it to a case the user may see, watch it. Reads the store: call from a handler.
    static func caseworkView(_ ref: String, _ context: IronTraceContext, _ state: ServerState, _ user: UserAccount)
        throws -> Views.Casework
    {
        let l = context.language
        let holding = try state.store.cases(holding: ref).filter {
            $0.isVisible(to: user.name, isAdmin: user.role == .admin)
        }
        let open = try state.store.cases(visibleTo: user.name, isAdmin: user.role == .admin, status: .open)
            .filter { c in !holding.contains { $0.id == c.id } }
        return Views.Casework(
            heading: l.t(.cases),
            csrf: context.identity?.csrf ?? "",
            holding: holding.isEmpty
                ? nil : .init(inCases: l.t(.inCases), cases: holding.map { .init(caseID: $0.id, caseTitle: $0.title) }),
            caseForm: caseFormView(from: ref, title: "", context, legend: l.t(.openCaseWithThis)),
            addTo: open.isEmpty
                ? nil
                : .init(
                    legend: l.t(.addToCase),
                    ref: ref,
                    caseLabel: l.t(.caseWord),
                    cases: open.prefix(100).map { .init(caseID: $0.id, caseTitle: $0.title) }
                ),
            watch: ref.hasPrefix("person:") || ref.hasPrefix("dealer:")
                ? .init(
                    legend: l.t(.watchThis),
                    watchKind: ref.hasPrefix("person:") ? "person" : "dealer",
                    ref: ref,
                    noteField: .init(
                        name: "note",
                        label: l.t(.watchNote),
                        value: "",
                        inputType: "text",
                        required: false
                    ),
                    startWatching: l.t(.startWatching)
                ) : nil
        )
    }

    static func casePage(_ request: Request, _ context: IronTraceContext, _ state: ServerState, _ c: CaseFile) throws
        -> Response
    {
        let l = context.language
        let s = state.snapshot
        let d = s.dataset
        let g = s.graph
        let csrf = HTML.csrfField(context.identity?.csrf)
        let items = try state.store.caseItems(caseID: c.id)
        let notes = try state.store.caseNotes(caseID: c.id)
        var body = "<dl class=\"facts\" id=\"case-facts\">"
        body += "<dt>\(HTML.esc(l.t(.status)))</dt><dd id=\"case-status\">\(HTML.esc(l.statusName(c.status)))</dd>"
        if !c.referredTo.isEmpty {
            body += "<dt>\(HTML.esc(l.t(.referredTo)))</dt><dd id=\"case-agency\">\(HTML.esc(c.referredTo))</dd>"
        }
        body += "<dt>\(HTML.esc(l.t(.owner)))</dt><dd>\(HTML.esc(c.owner))</dd>"
        body += "<dt>\(HTML.esc(l.t(.opened)))</dt><dd>\(HTML.esc(l.stamp(c.openedAt)))</dd>"
        body += "<dt>\(HTML.esc(l.t(.updated)))</dt><dd>\(HTML.esc(l.stamp(c.updatedAt)))</dd>"
        if !c.origin.isEmpty {
            let link =
                c.origin.hasPrefix("lead:")
                ? "/network/leads/\(HTML.encode(String(c.origin.dropFirst(5))))"
                : "/network/entity/\(HTML.encode(c.origin))"
            let shown =
                c.origin.hasPrefix("lead:") ? "\(l.t(.lead)) \(c.origin.dropFirst(5))" : c.origin
            body += "<dt>\(HTML.esc(l.t(.origin)))</dt><dd><a href=\"\(link)\">\(HTML.esc(shown))</a></dd>"
        }
        body +=
            "<dt>\(HTML.esc(l.t(.access)))</dt><dd>\(HTML.esc(l.t(c.restricted ? .restricted : .visibleToAnalysts)))</dd></dl>"

        body +=
            "<form class=\"case-form\" method=\"post\" action=\"/cases/\(c.id)/status\" id=\"status-form\"><fieldset><legend>\(HTML.esc(l.t(.changeStatus)))</legend>\(csrf)"
            + "<div class=\"field\"><label for=\"f-status\">\(HTML.esc(l.t(.status)))</label><select id=\"f-status\" name=\"status\">"
        for st in CaseFile.Status.allCases {
            body +=
                "<option value=\"\(st.rawValue)\"\(st == c.status ? " selected" : "")>\(HTML.esc(l.statusName(st)))</option>"
        }
        body +=
            "</select></div>" + HTML.input("agency", label: l.t(.referralAgency), value: c.referredTo).html
            + "<button type=\"submit\">\(HTML.esc(l.t(.save)))</button></fieldset></form>"

        // Entities, by kind, with what they are and a way out of the case.
        body +=
            "<section class=\"table\" id=\"case-entities\"><h2>\(HTML.esc(l.t(.entities))) (\(l.integer(items.count)))</h2>"
        if items.isEmpty {
            body += "<p class=\"empty\">\(HTML.esc(l.t(.noEntities)))</p>"
        } else {
            body +=
                "<table><thead><tr><th>\(HTML.esc(l.t(.kind)))</th><th>\(HTML.esc(l.t(.entity)))</th><th>\(HTML.esc(l.t(.addedBy)))</th><th></th></tr></thead><tbody>"
            for item in items.prefix(500) {
                let cell: String
                let kind: String
                if let n = try? g.node(for: item.ref, in: d) {
                    kind = l.kindName(g.nodeKind(n))
                    cell =
                        "<a href=\"/network/entity/\(HTML.encode(item.ref))\">\(HTML.esc(l.entityLabel(g, n, d)))</a>"
                } else {
                    kind = String(item.ref.prefix { $0 != ":" })
                    cell = "\(HTML.esc(item.ref)) <small>(\(HTML.esc(l.t(.notInData))))</small>"
                }
                body +=
                    "<tr><td>\(HTML.esc(kind))</td><td>\(cell)</td><td>\(HTML.esc(item.addedBy)) · \(HTML.esc(l.stamp(item.addedAt)))</td>"
                    + "<td><form method=\"post\" action=\"/cases/\(c.id)/remove\" class=\"inline\">\(csrf)<input type=\"hidden\" name=\"ref\" value=\"\(HTML.esc(item.ref))\"><button type=\"submit\">\(HTML.esc(l.t(.remove)))</button></form></td></tr>"
            }
            body += "</tbody></table>"
            if items.count > 500 { body += "<p class=\"more\">500 \(HTML.esc(l.t(.of))) \(l.integer(items.count))</p>" }
        }
        body +=
            "<form class=\"case-form\" method=\"post\" action=\"/cases/\(c.id)/items\" id=\"add-entity\"><fieldset><legend>\(HTML.esc(l.t(.addToCase)))</legend>\(csrf)"
            + "<p class=\"hint\">\(HTML.esc(l.t(.entityHint)))</p>"
            + HTML.input("ref", label: l.t(.entity), value: "", required: true, suggestions: "entity-suggestions").html
            + "<datalist id=\"entity-suggestions\">"
            + entitySuggestions(s, l).map {
                "<option value=\"\(HTML.esc($0.value))\" label=\"\(HTML.esc($0.label))\"></option>"
            }.joined() + "</datalist>"
            + "<button type=\"submit\">\(HTML.esc(l.t(.addToCase)))</button></fieldset></form>"
        body += "</section>"

        // Notes, oldest first, never edited.
        body += "<section id=\"case-notes\"><h2>\(HTML.esc(l.t(.notes))) (\(l.integer(notes.count)))</h2>"
        if notes.isEmpty { body += "<p class=\"empty\">\(HTML.esc(l.t(.noNotes)))</p>" }
        body += "<ol class=\"notes\">"
        for n in notes {
            body +=
                "<li id=\"note-\(n.id)\"><p class=\"meta\">\(HTML.esc(n.author)) · <time datetime=\"\(HTML.esc(n.at))\">\(HTML.esc(l.stamp(n.at)))</time></p><p class=\"note-text\">\(HTML.esc(n.text))</p></li>"
        }
        body +=
            "</ol><form class=\"case-form\" method=\"post\" action=\"/cases/\(c.id)/notes\" id=\"add-note\"><fieldset><legend>\(HTML.esc(l.t(.addNote)))</legend>\(csrf)"
            + "<label for=\"f-text\" class=\"visually-hidden\">\(HTML.esc(l.t(.addNote)))</label><textarea id=\"f-text\" name=\"text\" rows=\"4\" maxlength=\"\(Casework.maxNote)\" required></textarea>"
            + "<button type=\"submit\">\(HTML.esc(l.t(.save)))</button></fieldset></form></section>"

        // The case drawn as a lead is: its link chart and timeline.
        let (grouping, _) = g.grouping(of: items.map(\.ref), in: d)
        let sub = g.subgraph(of: grouping)
        if !sub.nodes.isEmpty {
            body += "<section id=\"link-chart\"><h2>\(HTML.esc(l.t(.linkChart)))</h2>"
            body +=
                linkChart(
                    LinkChartDrawing.svg(
                        sub,
                        graph: g,
                        dataset: d,
                        title: "\(l.t(.caseWord)) \(c.id): \(c.title)",
                        language: l
                    ),
                    downloadLink: nil,
                    graph: "/api/v1/cases/\(c.id)/graph",
                    l
                ).html
            body += "</section>"
        }
        let entries = grouping.timeline(d, g)
        if !entries.isEmpty {
            body += "<section id=\"timeline\"><h2>\(HTML.esc(l.t(.timeline)))</h2>"
            body += l.timelineChart(grouping, entries, synthetic: s.isSynthetic, caseID: c.id)
            body += "<ol class=\"timeline\">"
            for e in entries.prefix(300) {
                body +=
                    "<li class=\"\(e.kind.rawValue)\"><time datetime=\"\(e.date)\">\(HTML.esc(l.date(e.date)))</time> \(HTML.esc(l.timelineText(e)))</li>"
            }
            body += "</ol></section>"
        }
        body += " <p><a class=\"dl\" href=\"/api/v1/cases/\(c.id)\">JSON</a></p>"
        return page(
            request,
            context,
            state,
            section: "cases",
            title: "\(l.t(.caseWord)) \(c.id): \(c.title)",
            body: body
        )
    }

    static func watchPage(_ request: Request, _ context: IronTraceContext, _ state: ServerState) throws -> Response {
        let l = context.language
        let s = state.snapshot
        let watches = try state.store.watches(includeEnded: query(request)["all"] == "1")
        var body =
            "<p class=\"hint\">\(HTML.esc(l.t(.watchHint)))</p><p><a href=\"/alerts\">\(HTML.esc(l.t(.alerts)))</a></p>"
        body +=
            "<section class=\"table\" id=\"watches\"><h2>\(HTML.esc(l.t(.watchList))) (\(l.integer(watches.count)))</h2>"
        if watches.isEmpty {
            body += "<p class=\"empty\">\(HTML.esc(l.t(.noWatches)))</p>"
        } else {
            body +=
                "<table><thead><tr><th>\(HTML.esc(l.t(.watchKind)))</th><th>\(HTML.esc(l.t(.why)))</th><th>\(HTML.esc(l.t(.owner)))</th>"
                + "<th>\(HTML.esc(l.t(.since)))</th><th></th></tr></thead><tbody>"
            for w in watches {
                let end =
                    w.active
                    ? "<form method=\"post\" action=\"/watches/\(w.id)/end\" class=\"inline\">\(HTML.csrfField(context.identity?.csrf))<button type=\"submit\">\(HTML.esc(l.t(.stopWatching)))</button></form>"
                    : HTML.esc(l.t(.ended))
                body +=
                    "<tr id=\"watch-\(w.id)\"><td>\(watchLabel(w, s, l))</td><td>\(HTML.esc(w.note))</td><td>\(HTML.esc(w.owner))</td>"
                    + "<td>\(HTML.esc(l.stamp(w.createdAt)))</td><td>\(end)</td></tr>"
            }
            body += "</tbody></table>"
        }
        body += "</section>"
        body +=
            "<form class=\"case-form\" method=\"post\" action=\"/watches\" id=\"add-watch\"><fieldset><legend>\(HTML.esc(l.t(.startWatching)))</legend>"
            + HTML.csrfField(context.identity?.csrf)
            + "<div class=\"field\"><label for=\"f-kind\">\(HTML.esc(l.t(.watchKind)))</label><select id=\"f-kind\" name=\"kind\">"
        for k in Watch.Kind.allCases {
            body += "<option value=\"\(k.rawValue)\">\(HTML.esc(l.watchKindName(k)))</option>"
        }
        body +=
            "</select></div>" + HTML.input("value", label: l.t(.watchValue), value: "", required: true).html
            + HTML.input("note", label: l.t(.watchNote), value: "").html
            + "<button type=\"submit\">\(HTML.esc(l.t(.startWatching)))</button></fieldset></form>"
        return page(request, context, state, section: "alerts", title: l.t(.watchList), body: body)
    }
}
