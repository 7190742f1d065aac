import Foundation
import Hummingbird
import IronTraceCore
import IronTraceNetwork
import IronTracePresentation
import IronTraceStore

/// Cases, the watch list and alerts in the JSON API (analysts and admins, read only: changes are
/// made on the pages, where they are audited with the form's CSRF token). A restricted case is 404
/// to anybody but its owner and administrators.
extension API {
    static func caseObject(_ c: CaseFile) -> [String: Any] {
        [
            "id": c.id, "title": c.title, "status": c.status.rawValue, "referred_to": c.referredTo,
            "restricted": c.restricted, "owner": c.owner, "opened_at": c.openedAt, "updated_at": c.updatedAt,
            "origin": c.origin,
        ]
    }

    static func watchObject(_ w: Watch) -> [String: Any] {
        [
            "id": w.id, "kind": w.kind.rawValue, "value": w.value, "note": w.note, "owner": w.owner,
            "created_at": w.createdAt, "since_trace": w.sinceTrace, "active": w.active,
        ]
    }

    static func addCaseRoutes(_ api: RouterGroup<IronTraceContext>, _ state: ServerState) {
        api.get("/cases") { request, context in
            let user = try context.require(.analyst)
            let q = try query(request, known: ["status", "page", "per_page"])
            let paging = try Paging(q, defaultPerPage: 50)
            var status: CaseFile.Status?
            if let v = q["status"], !v.isEmpty {
                guard let s = CaseFile.Status(rawValue: v) else {
                    throw AppError.invalidFilter("status must be open, referred or closed")
                }
                status = s
            }
            let list = try state.store.cases(visibleTo: user.name, isAdmin: user.role == .admin, status: status)
            return try json(API.list(paging.slice(list).map(caseObject), total: list.count, paging))
        }
        api.get("/cases/:id") { _, context in
            let user = try context.require(.analyst)
            let c = try Pages.visibleCase(context.parameter("id"), user, state)
            try await state.audit(user: user.name, action: "case-view", target: "case:\(c.id)", detail: "api")
            let s = state.snapshot
            let items = try state.store.caseItems(caseID: c.id).map { i -> [String: Any] in
                var o: [String: Any] = ["ref": i.ref, "added_by": i.addedBy, "added_at": i.addedAt]
                if let n = try? s.graph.node(for: i.ref, in: s.dataset) {
                    o["kind"] = s.graph.nodeKind(n).name
                    o["label"] = s.graph.label(n, in: s.dataset)
                } else {
                    o["kind"] = String(i.ref.prefix { $0 != ":" })
                    o["missing"] = true
                }
                return o
            }
            let notes = try state.store.caseNotes(caseID: c.id).map { n -> [String: Any] in
                ["id": n.id, "author": n.author, "at": n.at, "text": n.text]
            }
            var o = caseObject(c)
            o["items"] = items
            o["notes"] = notes
            return try json(o)
        }
        api.get("/cases/:id/graph") { request, context in
            let user = try context.require(.analyst)
            let l = try language(try query(request, known: ["lang"]))
            let c = try Pages.visibleCase(context.parameter("id"), user, state)
            try await state.audit(user: user.name, action: "export", target: "case:\(c.id)", detail: "json link chart")
            let s = state.snapshot
            let refs = try state.store.caseItems(caseID: c.id).map(\.ref)
            let (grouping, _) = s.graph.grouping(of: refs, in: s.dataset)
            return text(
                s.graph.subgraph(of: grouping).export(
                    .json,
                    graph: s.graph,
                    dataset: s.dataset,
                    title: "\(l.t(.caseWord)) \(c.id): \(c.title)",
                    label: { l.entityLabel(s.graph, $0, s.dataset) }
                )
            )
        }
        api.get("/watches") { request, context in
            try context.require(.analyst)
            let q = try query(request, known: ["all"])
            guard ["", "0", "1"].contains(q["all"] ?? "") else { throw AppError.invalidFilter("all must be 0 or 1") }
            let list = try state.store.watches(includeEnded: q["all"] == "1")
            return try json(API.list(list.map(watchObject), total: list.count, Paging(perPage: max(1, list.count))))
        }
        api.get("/alerts") { request, context in
            try context.require(.analyst)
            let q = try query(request, known: ["all", "page", "per_page"])
            guard ["", "0", "1"].contains(q["all"] ?? "") else { throw AppError.invalidFilter("all must be 0 or 1") }
            let paging = try Paging(q, defaultPerPage: 50)
            let (total, alerts) = try state.store.alerts(
                unacknowledgedOnly: q["all"] != "1",
                limit: paging.perPage,
                offset: paging.offset
            )
            let l = Language.en
            let items = alerts.map { a -> [String: Any] in
                var o: [String: Any] = [
                    "id": a.id, "trace_id": a.traceID, "match": a.match.rawValue, "reason": l.alertReason(a),
                    "raised_at": a.raisedAt, "acknowledged_by": a.acknowledgedBy, "acknowledged_at": a.acknowledgedAt,
                ]
                if let w = a.watch { o["watch"] = watchObject(w) }
                return o
            }
            return try json(API.list(items, total: total, paging))
        }
    }
}
