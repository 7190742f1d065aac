import Foundation
import Hummingbird
import IronTraceCore
import IronTraceDataset
import IronTraceNetwork
import IronTracePresentation
import IronTraceStore

/// Cases, the watch list and alerts (analysts and admins). Every change goes through the store,
/// which writes its audit row in the same transaction; a restricted case is answered 404 to
/// anybody but its owner and administrators, as if it did not exist. People appear by pseudonym.
extension Pages {
    static func addCaseRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        let area = router.group().add(middleware: RequireRole(.analyst))
        area.get("/cases") { request, context in
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
            let view = Views.CasesPage(
                frame: Views.Layout(frame(request, context, state, section: "cases"), title: l.t(.cases)),
                statusLabel: l.t(.status),
                anyStatus: l.t(.any),
                statuses: CaseFile.Status.allCases.map {
                    .init(value: $0.rawValue, text: l.statusName($0), selected: status == $0)
                },
                apply: l.t(.apply),
                heading: "\(l.t(.cases)) (\(l.integer(list.count)))",
                noCases: l.t(.noCases),
                hasRows: !list.isEmpty,
                headers: ["#", l.t(.title), l.t(.status), l.t(.referredTo), l.t(.owner), l.t(.updated)],
                rows: paging.slice(list).map { c in
                    .init(
                        caseID: c.id,
                        caseTitle: c.title,
                        restrictedMark: c.restricted ? l.t(.restrictedShort) : nil,
                        status: l.statusName(c.status),
                        referredTo: c.referredTo,
                        owner: c.owner,
                        updated: l.stamp(c.updatedAt)
                    )
                },
                pager: Views.Pager(
                    path: "/cases",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: list.count),
                    l
                ),
                caseForm: caseFormView(from: "", title: "", context, legend: l.t(.openCase))
            )
            return page(.cases, view)
        }

        area.post("/cases") { request, context in
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
        area.post("/cases/add") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            let c = try visibleCase(form.value("case"), user, state)
            let ref = try entityReference(form.value("ref"), state.snapshot)
            try state.store.addToCase(id: c.id, refs: [ref], by: user.name)
            return redirect("/cases/\(c.id)")
        }

        area.get("/cases/:id") { request, context in
            let user = try context.require(.analyst)
            let c = try visibleCase(context.parameter("id"), user, state)
            try await state.audit(user: user.name, action: "case-view", target: "case:\(c.id)")
            return try casePage(request, context, state, c)
        }

        area.post("/cases/:id/:change") { request, context in
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

        area.get("/watches") { request, context in
            try context.require(.analyst)
            return try watchPage(request, context, state)
        }

        area.post("/watches") { request, context in
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

        area.post("/watches/:id/end") { request, context in
            let user = try context.require(.analyst)
            guard let id = context.parameter("id").flatMap(Int64.init),
                try state.store.endWatch(id: id, by: user.name)
            else { throw AppError.notFound("no active watch '\((context.parameter("id") ?? "").prefix(20))'") }
            return redirect("/watches")
        }

        area.get("/alerts") { request, context in
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
            let view = Views.AlertsPage(
                frame: Views.Layout(frame(request, context, state, section: "alerts"), title: l.t(.alerts)),
                watchListLabel: l.t(.watchList),
                otherHref: all ? "/alerts" : "/alerts?all=1",
                otherLabel: l.t(all ? .showUnseen : .showSeen),
                heading: "\(l.t(.alerts)) (\(l.integer(total)))",
                noAlerts: l.t(.noAlerts),
                hasRows: !alerts.isEmpty,
                headers: [l.t(.raised), l.t(.watchList), l.t(.why), l.t(.traces), l.t(.seenBy)],
                rows: alerts.map { a in
                    .init(
                        alertID: a.id,
                        raised: l.stamp(a.raisedAt),
                        label: a.watch.map { watchLabel($0, s, l) },
                        watchNote: a.watch.flatMap { $0.note.isEmpty ? nil : $0.note },
                        reason: l.alertReason(a),
                        traceID: a.traceID,
                        seenBy: a.acknowledgedBy.isEmpty ? nil : "\(a.acknowledgedBy) · \(l.stamp(a.acknowledgedAt))"
                    )
                },
                csrf: context.identity?.csrf ?? "",
                markSeen: l.t(.markSeen),
                pager: Views.Pager(
                    path: "/alerts",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: total),
                    l
                )
            )
            return page(.alerts, view)
        }

        area.post("/alerts/:id/seen") { request, context in
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
    static func watchLabel(_ w: Watch, _ s: Snapshot, _ l: Language) -> Views.WatchLabel {
        let kind = l.watchKindName(w.kind)
        switch w.kind {
        case .serial: return .init(watchKind: kind, pattern: w.value)
        case .dealer, .person:
            let ref = w.kind == .dealer ? w.value : "person:\(w.value)"
            guard let n = try? s.graph.node(for: ref, in: s.dataset) else {
                return .init(
                    watchKind: kind,
                    unknownValue: w.kind == .dealer ? w.value : "#\(w.value)",
                    unknownNote: l.t(.watchNotInData)
                )
            }
            let target = s.graph.reference(n, in: s.dataset)
            return .init(
                watchKind: kind,
                watched: .init(
                    entityHref: "/network/entity/\(HTML.encode(target))",
                    entityLabel: l.entityLabel(s.graph, n, s.dataset)
                ),
                licenceShown: w.kind == .dealer ? w.value : nil
            )
        }
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
        let items = try state.store.caseItems(caseID: c.id)
        let notes = try state.store.caseNotes(caseID: c.id)
        var facts: [Views.Fact] = [
            .init(term: l.t(.status), detail: l.statusName(c.status), detailID: "case-status")
        ]
        if !c.referredTo.isEmpty {
            facts.append(.init(term: l.t(.referredTo), detail: c.referredTo, detailID: "case-agency"))
        }
        facts += [
            .init(term: l.t(.owner), detail: c.owner), .init(term: l.t(.opened), detail: l.stamp(c.openedAt)),
            .init(term: l.t(.updated), detail: l.stamp(c.updatedAt)),
        ]
        let origin: Views.CasePage.Origin? =
            c.origin.isEmpty
            ? nil
            : .init(
                term: l.t(.origin),
                href: c.origin.hasPrefix("lead:")
                    ? "/network/leads/\(HTML.encode(String(c.origin.dropFirst(5))))"
                    : "/network/entity/\(HTML.encode(c.origin))",
                shown: c.origin.hasPrefix("lead:") ? "\(l.t(.lead)) \(c.origin.dropFirst(5))" : c.origin
            )
        // The case drawn as a lead is: its link chart and timeline.
        let (grouping, _) = g.grouping(of: items.map(\.ref), in: d)
        let sub = g.subgraph(of: grouping)
        let entries = grouping.timeline(d, g)
        let view = Views.CasePage(
            frame: Views.Layout(
                frame(request, context, state, section: "cases"),
                title: "\(l.t(.caseWord)) \(c.id): \(c.title)"
            ),
            caseID: c.id,
            csrf: context.identity?.csrf ?? "",
            facts: facts,
            origin: origin,
            accessTerm: l.t(.access),
            access: l.t(c.restricted ? .restricted : .visibleToAnalysts),
            changeStatus: l.t(.changeStatus),
            statusLabel: l.t(.status),
            statuses: CaseFile.Status.allCases.map {
                .init(value: $0.rawValue, text: l.statusName($0), selected: $0 == c.status)
            },
            agencyField: .init(
                name: "agency",
                label: l.t(.referralAgency),
                value: c.referredTo,
                inputType: "text",
                required: false
            ),
            save: l.t(.save),
            entitiesHeading: "\(l.t(.entities)) (\(l.integer(items.count)))",
            noEntities: l.t(.noEntities),
            hasItems: !items.isEmpty,
            itemHeaders: [l.t(.kind), l.t(.entity), l.t(.addedBy)],
            items: items.prefix(500).map { item in
                let node = try? g.node(for: item.ref, in: d)
                return .init(
                    kind: node.map { l.kindName(g.nodeKind($0)) } ?? String(item.ref.prefix { $0 != ":" }),
                    inData: node.map {
                        .init(
                            entityHref: "/network/entity/\(HTML.encode(item.ref))",
                            entityLabel: l.entityLabel(g, $0, d)
                        )
                    },
                    ref: item.ref,
                    notInData: l.t(.notInData),
                    added: "\(item.addedBy) · \(l.stamp(item.addedAt))"
                )
            },
            removeLabel: l.t(.remove),
            moreItems: items.count > 500 ? "500 \(l.t(.of)) \(l.integer(items.count))" : nil,
            addToCase: l.t(.addToCase),
            entityHint: l.t(.entityHint),
            refField: .init(
                name: "ref",
                label: l.t(.entity),
                value: "",
                inputType: "text",
                required: true,
                suggestions: "entity-suggestions"
            ),
            entityOptions: entitySuggestions(s, l),
            notesHeading: "\(l.t(.notes)) (\(l.integer(notes.count)))",
            noNotes: l.t(.noNotes),
            notes: notes.map {
                .init(noteID: $0.id, author: $0.author, at: $0.at, when: l.stamp($0.at), text: $0.text)
            },
            addNote: l.t(.addNote),
            maxNote: Casework.maxNote,
            chartHeading: l.t(.linkChart),
            linkChart: sub.nodes.isEmpty
                ? nil
                : linkChartView(
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
                ),
            timeline: entries.isEmpty
                ? nil
                : .init(
                    heading: l.t(.timeline),
                    svg: .svg(l.timelineChart(grouping, entries, synthetic: s.isSynthetic, caseID: c.id)),
                    entries: entries.prefix(300).map { e in
                        .init(
                            entryKind: e.kind.rawValue,
                            datetime: "\(e.date)",
                            when: l.date(e.date),
                            what: l.timelineText(e)
                        )
                    }
                )
        )
        return page(.casePage, view)
    }

    static func watchPage(_ request: Request, _ context: IronTraceContext, _ state: ServerState) throws -> Response {
        let l = context.language
        let s = state.snapshot
        let watches = try state.store.watches(includeEnded: query(request)["all"] == "1")
        let view = Views.WatchesPage(
            frame: Views.Layout(frame(request, context, state, section: "alerts"), title: l.t(.watchList)),
            hint: l.t(.watchHint),
            alertsLabel: l.t(.alerts),
            heading: "\(l.t(.watchList)) (\(l.integer(watches.count)))",
            noWatches: l.t(.noWatches),
            hasRows: !watches.isEmpty,
            headers: [l.t(.watchKind), l.t(.why), l.t(.owner), l.t(.since)],
            rows: watches.map { w in
                .init(
                    watchID: w.id,
                    label: watchLabel(w, s, l),
                    note: w.note,
                    owner: w.owner,
                    since: l.stamp(w.createdAt),
                    active: w.active
                )
            },
            csrf: context.identity?.csrf ?? "",
            stopLabel: l.t(.stopWatching),
            endedLabel: l.t(.ended),
            startWatching: l.t(.startWatching),
            kindLabel: l.t(.watchKind),
            kinds: Watch.Kind.allCases.map { .init(value: $0.rawValue, text: l.watchKindName($0)) },
            fields: [
                .init(name: "value", label: l.t(.watchValue), value: "", inputType: "text", required: true),
                .init(name: "note", label: l.t(.watchNote), value: "", inputType: "text", required: false),
            ]
        )
        return page(.watches, view)
    }
}
