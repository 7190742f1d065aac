import Foundation
import HTTPTypes
import Hummingbird
import IronTraceAnalytics
import IronTraceCore
import IronTraceDataset
import IronTraceNetwork
import IronTracePresentation
import IronTraceStore
import IronTraceTracing
import NIOCore

/// The JSON API under `/api/v1`: the same data as the pages, for scripts (Bearer tokens) and the
/// browser (session cookie plus `X-CSRF-Token` on writes). Lists share `page` / `per_page` and
/// answer `{"total", "page", "per_page", "items"}`; errors answer `{"error": {"code", "message", "status"}}`.
enum API {
    static func json(_ object: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func text(_ s: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: s))
        )
    }

    /// The query of an API request, checked: unknown parameters and parameters given twice are
    /// errors, not silently ignored filters or a silent "last one wins".
    static func query(_ request: Request, known: [String]) throws -> [String: String] {
        var seen = Set<String>()
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let key = FormBody(String(pair)).fields.keys.first ?? ""
            guard seen.insert(key).inserted else {
                throw AppError.invalidFilter("parameter '\(key.prefix(64))' is given more than once")
            }
        }
        let q = Pages.query(request)
        for k in q.keys.sorted() where !known.contains(k) {
            throw AppError.invalidFilter(
                "unknown parameter '\(k.prefix(64))' (parameters: \(known.joined(separator: ", ")))"
            )
        }
        return q
    }

    /// The `lang` parameter (`en`, `es`; English when absent) for labels meant for people.
    static func language(_ q: [String: String]) throws -> Language {
        guard let v = q["lang"], !v.isEmpty else { return .en }
        guard let l = Language(rawValue: v) else { throw AppError.invalidFilter("lang must be en or es") }
        return l
    }

    static func list(_ items: [Any], total: Int, _ paging: Paging) -> [String: Any] {
        ["total": total, "page": paging.page, "per_page": paging.perPage, "items": items]
    }

    static func addRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        let api = router.group("/api/v1")
        api.get("/openapi.json") { _, _ in text(OpenAPIDocument.json) }
        api.get("/me") { _, context in
            let u = try context.user()
            return try json(["name": u.name, "role": u.role.rawValue])
        }
        api.get("/reports") { _, context in
            try context.require(.viewer)
            return try json(Analytics.Name.allCases.map { ["name": $0.rawValue, "title": $0.title] })
        }
        api.get("/reports/:name") { request, context in
            try context.require(.viewer)
            // A URL already answered passed every check below when it was drawn: same text, same
            // answer (the cache is the snapshot's, so a new snapshot draws and checks afresh).
            let key = "api|" + request.uri.description
            if let body: String = state.cache.hit(key) { return text(body) }
            guard let name = context.parameter("name").flatMap(Analytics.Name.init(rawValue:)) else {
                throw AppError.notFound(
                    "unknown report '\(context.parameter("name") ?? "")'; reports: \(Analytics.Name.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let q = try query(request, known: ReportFilter.keys)
            let f = try Pages.filter(q, strict: true)
            let body = try state.cache.value(key) {
                let object = state.snapshot.analytics.report(name, filter: f).jsonObject()
                return String(
                    decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
                    as: UTF8.self
                )
            }
            return text(body)
        }
        api.get("/traces") { request, context in
            let user = try context.require(.viewer)
            let q = try query(request, known: ReportFilter.keys + TraceList.searchKeys + ["page", "per_page"])
            let list = try TraceList(state.snapshot, q, strict: true, user: user.name)
            try await Pages.auditTraceList(list, user: user, state: state, via: "api ")
            let items = list.pageRows.map(list.item)
            return try json(API.list(items, total: list.rows.count, list.paging))
        }
        api.get("/traces/:id") { request, context in
            let user = try context.require(.viewer)
            let s = state.snapshot
            let q = try query(request, known: ["pii"])
            guard ["0", "1", nil].contains(q["pii"]) else { throw AppError.badRequest("pii must be 0 or 1") }
            // As the page does: asking for personal data without the role is refused, not ignored.
            if q["pii"] == "1" && user.role < .analyst {
                throw AppError.forbidden("personal data needs the analyst role")
            }
            guard let id = context.parameter("id").flatMap(Int64.init), let row = s.traceRow[id] else {
                throw AppError.notFound("no trace with id '\(context.parameter("id") ?? "")'")
            }
            try await state.audit(user: user.name, action: "trace-lookup", target: "trace:\(id)", detail: "api")
            var item = TraceList.item(row, in: s)
            let purchaser = s.dataset.traces.purchaser[row]
            if purchaser > 0 {
                if user.role >= .analyst {
                    item["purchaser"] = [
                        "reference": "person:\(purchaser)", "pseudonym": Person.pseudonym(for: purchaser),
                    ]
                    if q["pii"] == "1", let p = try state.store.personRecord(id: purchaser) {
                        try await state.audit(
                            user: user.name,
                            action: "pii-view",
                            target: "person:\(purchaser)",
                            detail: "api trace"
                        )
                        item["purchaser_pii"] = p
                    }
                } else {
                    item["purchaser"] = "masked"
                }
            }
            return try json(item)
        }
        api.post("/traces") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let body = try await request.collectBody(upTo: 1 << 20)
            guard let object = try? JSONDecoder().decode([String: JSONField].self, from: Data(buffer: body)) else {
                throw AppError.badRequest("the body must be a JSON object of trace-request fields")
            }
            // Strict like the OpenAPI schema: known fields only, strings (serial_obliterated a
            // boolean), at most 200 characters; every problem reported at once.
            var fields: [String: String] = [:]
            var typeErrors: [String: String] = [:]
            let known = Set(TraceForm.fields.map(\.name))
            for (k, v) in object {
                let name = String(k.prefix(64))
                switch (k, v) {
                case ("serial_obliterated", .bool(let b)): fields[k] = b ? "1" : "0"
                case ("serial_obliterated", _): typeErrors[name] = "must be true or false"
                case _ where !known.contains(k): typeErrors[name] = "unknown field"
                case (_, .string(let text)) where text.count > (TraceRequestForm.maximumLength[k] ?? 200):
                    typeErrors[name] =
                        "too long: \(text.count) characters, at most \(TraceRequestForm.maximumLength[k] ?? 200)"
                case (_, .string(let text)): fields[k] = text
                default: typeErrors[name] = "must be a string"
                }
            }
            var (req, errors) = TraceForm.request(FormBody(fields: fields), .en, stored: state.snapshot.dataset)
            // A value of the wrong JSON type is said to be that, not "required" (it was left out).
            errors.merge(typeErrors) { _, typeError in typeError }
            guard let req, errors.isEmpty else {
                return try json(
                    [
                        "error": [
                            "code": "invalid_request", "message": "one or more fields are invalid", "status": 422,
                            "fields": errors,
                        ] as [String: Any]
                    ],
                    status: .unprocessableContent
                )
            }
            let sub = try await TraceSubmission.run([req], state: state, source: "api by \(user.name)", user: user.name)
            return try json(resultObject(sub.results[0], id: sub.traceIDs[0], role: user.role), status: .created)
        }
        api.get("/leads") { request, context in
            try context.require(.analyst)
            let q = try query(request, known: ["kind", "page", "per_page"])
            let paging = try Paging(q, defaultPerPage: 50)
            let s = state.snapshot
            var leads = s.leads
            if let k = q["kind"], !k.isEmpty {
                guard let kind = Lead.Kind(rawValue: k) else { throw AppError.badRequest("unknown lead kind '\(k)'") }
                leads = leads.filter { $0.kind == kind }
            }
            let items = paging.slice(leads).map { lead -> Any in
                (try? JSONSerialization.jsonObject(with: Data(lead.json(s.dataset, s.graph).utf8))) ?? [:]
            }
            return try json(API.list(Array(items), total: leads.count, paging))
        }
        api.get("/leads/:rank") { _, context in
            let user = try context.require(.analyst)
            let s = state.snapshot
            let lead = try Pages.lead(context.parameter("rank"), s)
            try await state.audit(user: user.name, action: "lead-view", target: "lead:\(lead.rank)", detail: "api")
            return text(lead.json(s.dataset, s.graph))
        }
        api.get("/leads/:rank/graph") { request, context in
            let user = try context.require(.analyst)
            let l = try language(try query(request, known: ["lang"]))
            let s = state.snapshot
            let lead = try Pages.lead(context.parameter("rank"), s)
            try await state.audit(
                user: user.name,
                action: "export",
                target: "lead:\(lead.rank)",
                detail: "json link chart"
            )
            return text(
                s.graph.subgraph(of: lead).export(
                    .json,
                    graph: s.graph,
                    dataset: s.dataset,
                    title: "\(l.t(.lead)) \(lead.rank): \(l.report(lead.kind.rawValue))",
                    label: { l.entityLabel(s.graph, $0, s.dataset) }
                )
            )
        }
        api.get("/entities/:ref/neighbours") { request, context in
            let user = try context.require(.analyst)
            let s = state.snapshot
            let ref = context.parameter("ref") ?? ""
            let q = try query(request, known: ["depth", "lang"])
            let l = try language(q)
            let depth = try Paging.number(q["depth"], name: "depth", default: 1, range: 1...3)
            let node: Int32
            do { node = try s.graph.node(for: ref, in: s.dataset) } catch { throw AppError.notFound("\(error)") }
            let target = s.graph.reference(node, in: s.dataset)
            try await state.audit(user: user.name, action: "entity-view", target: target, detail: "api depth \(depth)")
            let sub = s.graph.neighbours(of: node, depth: depth)
            return text(
                sub.export(
                    .json,
                    graph: s.graph,
                    dataset: s.dataset,
                    title: l.entityLabel(s.graph, node, s.dataset),
                    label: { l.entityLabel(s.graph, $0, s.dataset) }
                )
            )
        }
        addCaseRoutes(api, state)
        api.get("/imports") { _, context in
            try context.require(.admin)
            let entries = try state.store.ledger().map { e -> [String: Any] in
                [
                    "id": e.id, "file": e.file, "format": e.format, "sha256": e.sha256, "rows_read": e.rowsRead,
                    "rows_stored": e.rowsStored, "rows_rejected": e.rowsRejected, "started_at": e.startedAt,
                    "finished_at": e.finishedAt,
                ]
            }
            return try json(API.list(entries, total: entries.count, Paging(perPage: max(1, entries.count))))
        }
        api.get("/imports/:id/rejections") { request, context in
            try context.require(.admin)
            guard let id = context.parameter("id").flatMap(Int64.init) else {
                throw AppError.badRequest("import id must be an integer")
            }
            let q = try query(request, known: ["page", "per_page"])
            let paging = try Paging(q, defaultPerPage: 100)
            // One page from the store, and the real total (this used to load up to 100,000 rows to
            // slice one page, and said 100,000 when there were more).
            let total = try state.store.rejectionCount(importID: id)
            let page = try state.store.rejections(importID: id, limit: paging.perPage, offset: paging.offset)
            let items = page.map { j -> [String: Any] in
                [
                    "file": j.file, "line": j.line, "column": j.column, "field": j.field, "value": j.value,
                    "reason": j.reason,
                ]
            }
            return try json(API.list(items, total: total, paging))
        }
        api.get("/audit") { request, context in
            try context.require(.admin)
            let q = try query(request, known: ["user", "action", "page", "per_page"])
            let paging = try Paging(q, defaultPerPage: 100)
            let (total, entries) = try state.store.auditLog(
                user: q["user"],
                action: q["action"],
                limit: paging.perPage,
                offset: paging.offset
            )
            let items = entries.map { e -> [String: Any] in
                ["id": e.id, "at": e.at, "user": e.user, "action": e.action, "target": e.target, "detail": e.detail]
            }
            return try json(API.list(items, total: total, paging))
        }
    }

    static func resultObject(_ r: TraceResult, id: Int64, role: UserAccount.Role) -> [String: Any] {
        var o: [String: Any] = [
            "trace_id": id, "outcome": r.outcome.rawValue, "summary": r.summary, "source_class": r.sourceClass.rawValue,
            "source_country": r.sourceCountry, "source_state": r.sourceState, "manufacturer": r.manufacturer,
            "problems": r.problems.map(\.description),
            "candidates": r.candidates.prefix(5).map { c -> [String: Any] in
                [
                    "sale_id": c.saleID, "serial": c.serial, "serial_match": c.serialMatch.rawValue, "score": c.score,
                    "components": c.components.map { ["name": $0.name, "points": $0.points, "reason": $0.reason] },
                ]
            },
        ]
        if let reason = r.reason { o["not_traced_reason"] = reason.rawValue }
        if let t = r.timeToCrimeDays { o["time_to_crime_days"] = t }
        if let s = r.sale {
            o["sale"] = [
                "sale_id": s.saleID, "date": s.date.description, "dealer_licence": s.licence, "dealer": s.dealerName,
                "dealer_city": s.dealerCity, "dealer_state": s.dealerState,
            ]
            if let p = s.purchaserID { o["purchaser"] = role >= .analyst ? Person.pseudonym(for: p) : "masked" }
        }
        return o
    }
}

extension FormBody {
    init(fields: [String: String]) {
        self.init("")
        self.fields = fields
    }
}

/// One value of a JSON request object, as strictly as the API reads it (a number is not a string,
/// 1 is not true).
enum JSONField: Decodable {
    case string(String)
    case bool(Bool)
    case other

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else {
            self = .other
        }
    }
}
