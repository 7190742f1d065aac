import Foundation
import Hummingbird
import IronTraceFormats
import IronTraceStore

/// Admin pages: the import ledger with each import's rejections, users (add, remove, roles), and
/// the append-only audit log.
extension Pages {
    static func addAdminRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        router.get("/imports") { request, context in
            try context.require(.admin)
            let l = context.language
            var body = "<table id=\"ledger\"><thead><tr>"
            for h: UIText in [.id, .file, .format, .rowsRead, .rowsStored, .rowsRejected, .when] {
                body += "<th>\(HTML.esc(l.t(h)))</th>"
            }
            body += "</tr></thead><tbody>"
            for e in try state.store.ledger().reversed() {
                let rejected =
                    e.rowsRejected > 0 ? "<a href=\"/imports/\(e.id)\">\(l.integer(e.rowsRejected))</a>" : "0"
                body +=
                    "<tr><td>\(e.id)</td><td>\(HTML.esc(URL(fileURLWithPath: e.file).lastPathComponent))</td><td>\(HTML.esc(e.format))</td><td class=\"n\">\(l.integer(e.rowsRead))</td><td class=\"n\">\(l.integer(e.rowsStored))</td><td class=\"n\">\(rejected)</td><td>\(HTML.esc(e.finishedAt))</td></tr>"
            }
            body += "</tbody></table>"
            return Pages.page(request, context, state, section: "imports", title: l.t(.imports), body: body)
        }
        router.get("/imports/:id") { request, context in
            let user = try context.require(.admin)
            let l = context.language
            guard let id = context.parameter("id").flatMap(Int64.init),
                let entry = try state.store.ledger().first(where: { $0.id == id })
            else { throw AppError.notFound("no import with id '\(context.parameter("id") ?? "")'") }
            let rejections = try state.store.rejections(importID: id, limit: 10_000)
            if query(request)["download"] == "csv" {
                try state.store.audit(
                    user: user.name,
                    action: "export",
                    target: "import:\(id)",
                    detail: "rejections csv"
                )
                var csv = CSVWriter.line(["file", "line", "column", "field", "value", "reason"])
                for j in rejections {
                    csv += CSVWriter.line([j.file, String(j.line), String(j.column), j.field, j.value, j.reason])
                }
                return download(csv, contentType: "text/csv; charset=utf-8", filename: "import-\(id)-rejections.csv")
            }
            var body =
                "<p>\(HTML.esc(entry.file)) · \(HTML.esc(entry.format)) · \(l.integer(entry.rowsRead)) = \(l.integer(entry.rowsStored)) + \(l.integer(entry.rowsRejected)) <a class=\"dl\" href=\"/imports/\(id)?download=csv\">CSV</a></p>"
            body += HTML.rejections(rejections.prefix(1000), id: "rejections").html
            return Pages.page(
                request,
                context,
                state,
                section: "imports",
                title: "\(l.t(.rejections)) · \(id)",
                body: body
            )
        }
        router.get("/admin/users") { request, context in
            try context.require(.admin)
            return try usersPage(request, context, state, message: nil)
        }
        router.post("/admin/users") { request, context in
            var request = request
            let admin = try context.require(.admin)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            let name = form.value("user")
            switch form.value("action") {
            case "remove":
                guard name != admin.name else {
                    return try usersPage(
                        request,
                        context,
                        state,
                        message: "you cannot remove yourself",
                        status: .badRequest
                    )
                }
                guard try state.store.removeUser(named: name) else {
                    return try usersPage(
                        request,
                        context,
                        state,
                        message: "no user named \(name)",
                        status: .notFound
                    )
                }
                try state.store.audit(user: admin.name, action: "user-remove", target: "user:\(name)")
                return try usersPage(request, context, state, message: "removed \(name)")
            default:
                guard let role = UserAccount.Role(rawValue: form.value("role")) else {
                    return try usersPage(request, context, state, message: "choose a role", status: .badRequest)
                }
                let password = Passwords.generate()
                do {
                    try state.store.addUser(
                        name: name,
                        role: role,
                        passwordHash: Passwords.hash(password, cost: state.configuration.bcryptCost),
                        mustChangePassword: true
                    )
                } catch let e as StoreError {
                    return try usersPage(request, context, state, message: e.reason, status: .badRequest)
                }
                try state.store.audit(
                    user: admin.name,
                    action: "user-add",
                    target: "user:\(name)",
                    detail: role.rawValue
                )
                return try usersPage(
                    request,
                    context,
                    state,
                    message: "added \(name) (\(role.rawValue)); one-time password, shown once: \(password)"
                )
            }
        }
        router.get("/admin/audit") { request, context in
            try context.require(.admin)
            let q = query(request)
            let l = context.language
            let paging = try Paging(q, defaultPerPage: 100, perPageAllowed: false)
            let (total, entries) = try state.store.auditLog(
                user: q["user"].flatMap { $0.isEmpty ? nil : $0 },
                action: q["action"].flatMap { $0.isEmpty ? nil : $0 },
                limit: paging.perPage,
                offset: paging.offset
            )
            var body =
                "<form class=\"filters\" method=\"get\" action=\"/admin/audit\">"
                + HTML.input("user", label: l.t(.who), value: q["user"] ?? "").html
                + HTML.input("action", label: l.t(.what), value: q["action"] ?? "").html
                + "<button type=\"submit\">\(HTML.esc(l.t(.apply)))</button></form>"
            body += "<table id=\"audit\" class=\"keep-words\"><thead><tr>"
            for h: UIText in [.when, .who, .what, .target, .detail] { body += "<th>\(HTML.esc(l.t(h)))</th>" }
            body += "</tr></thead><tbody>"
            for e in entries {
                body +=
                    "<tr><td>\(HTML.esc(e.at))</td><td>\(HTML.esc(e.user))</td><td class=\"words\">\(HTML.esc(l.auditActionName(e.action)))\(l == .es ? " <code>\(HTML.esc(e.action))</code>" : "")</td><td>\(HTML.esc(l.auditTarget(e.target)))</td><td class=\"words\">\(HTML.esc(l.auditDetail(e.detail)))</td></tr>"
            }
            body += "</tbody></table>"
            body +=
                HTML.pager(
                    path: "/admin/audit",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: total),
                    l
                ).html
            return Pages.page(request, context, state, section: "audit", title: l.t(.audit), body: body)
        }
    }

    static func usersPage(
        _ request: Request,
        _ context: IronTraceContext,
        _ state: ServerState,
        message: String?,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let l = context.language
        let csrf = HTML.csrfField(context.identity?.csrf)
        var body = message.map { "<p class=\"note\" role=\"status\" id=\"users-message\">\(HTML.esc($0))</p>" } ?? ""
        body +=
            "<table id=\"users\"><thead><tr><th>\(HTML.esc(l.t(.userName)))</th><th>\(HTML.esc(l.t(.role)))</th><th>\(HTML.esc(l.t(.date)))</th><th></th></tr></thead><tbody>"
        for u in try state.store.users() {
            body +=
                "<tr><td>\(HTML.esc(u.name))</td><td>\(HTML.esc(l.roleName(u.role.rawValue)))</td><td>\(HTML.esc(u.createdAt))</td><td><form method=\"post\" action=\"/admin/users\" class=\"inline\">\(csrf)<input type=\"hidden\" name=\"action\" value=\"remove\"><input type=\"hidden\" name=\"user\" value=\"\(HTML.esc(u.name))\"><button type=\"submit\">\(HTML.esc(l.t(.remove)))</button></form></td></tr>"
        }
        body += "</tbody></table>"
        body +=
            "<form method=\"post\" action=\"/admin/users\" class=\"add-user\">\(csrf)<input type=\"hidden\" name=\"action\" value=\"add\">"
        body += HTML.input("user", label: l.t(.userName), value: "", required: true).html
        body +=
            "<div class=\"field\"><label for=\"f-role\">\(HTML.esc(l.t(.role)))</label><select id=\"f-role\" name=\"role\">"
        for r in UserAccount.Role.allCases {
            body += "<option value=\"\(r.rawValue)\">\(HTML.esc(l.roleName(r.rawValue)))</option>"
        }
        body += "</select></div><button type=\"submit\">\(HTML.esc(l.t(.add)))</button></form>"
        return Pages.page(
            request,
            context,
            state,
            section: "users",
            title: l.t(.users),
            body: body,
            status: status
        )
    }
}
