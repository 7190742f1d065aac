import Foundation
import Hummingbird
import IronTraceFormats
import IronTracePresentation
import IronTraceStore

/// Admin pages: the import ledger with each import's rejections, users (add, remove, roles), and
/// the append-only audit log.
extension Pages {
    static func addAdminRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        let area = router.group().add(middleware: RequireRole(.admin))
        area.get("/imports") { request, context in
            try context.require(.admin)
            let l = context.language
            let view = Views.ImportsPage(
                frame: Views.Layout(frame(request, context, state, section: "imports"), title: l.t(.imports)),
                headers: [UIText.id, .file, .format, .rowsRead, .rowsStored, .rowsRejected, .when].map { l.t($0) },
                entries: try state.store.ledger().reversed().map { e in
                    .init(
                        importID: e.id,
                        file: URL(fileURLWithPath: e.file).lastPathComponent,
                        format: e.format,
                        read: l.integer(e.rowsRead),
                        stored: l.integer(e.rowsStored),
                        rejected: l.integer(e.rowsRejected),
                        rejectedLink: e.rowsRejected > 0 ? "/imports/\(e.id)" : nil,
                        finished: e.finishedAt
                    )
                }
            )
            return page(.imports, view)
        }
        area.get("/imports/:id") { request, context in
            let user = try context.require(.admin)
            let l = context.language
            guard let id = context.parameter("id").flatMap(Int64.init),
                let entry = try state.store.ledger().first(where: { $0.id == id })
            else { throw AppError.notFound("no import with id '\(context.parameter("id") ?? "")'") }
            let rejections = try state.store.rejections(importID: id, limit: 10_000)
            if query(request)["download"] == "csv" {
                try await state.audit(
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
            let view = Views.ImportPage(
                frame: Views.Layout(
                    frame(request, context, state, section: "imports"),
                    title: "\(l.t(.rejections)) · \(id)"
                ),
                file: entry.file,
                format: entry.format,
                balance:
                    "\(l.integer(entry.rowsRead)) = \(l.integer(entry.rowsStored)) + \(l.integer(entry.rowsRejected))",
                csvLink: "/imports/\(id)?download=csv",
                table: rejectionsView(rejections.prefix(1000), id: "rejections", l)
            )
            return page(.importRejections, view)
        }
        area.get("/admin/users") { request, context in
            try context.require(.admin)
            return try usersPage(request, context, state, message: nil)
        }
        area.post("/admin/users") { request, context in
            var request = request
            let admin = try context.require(.admin)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            let name = form.value("user")
            let l = context.language
            switch form.value("action") {
            case "remove":
                guard name != admin.name else {
                    return try usersPage(
                        request,
                        context,
                        state,
                        message: l.adminMessage(.cannotRemoveSelf),
                        status: .badRequest
                    )
                }
                guard try state.store.removeUser(named: name) else {
                    return try usersPage(
                        request,
                        context,
                        state,
                        message: l.adminMessage(.noSuchUser(name)),
                        status: .notFound
                    )
                }
                try await state.audit(user: admin.name, action: "user-remove", target: "user:\(name)")
                return try usersPage(request, context, state, message: l.adminMessage(.removed(name)))
            default:
                guard let role = UserAccount.Role(rawValue: form.value("role")) else {
                    return try usersPage(
                        request,
                        context,
                        state,
                        message: l.adminMessage(.chooseRole),
                        status: .badRequest
                    )
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
                    return try usersPage(
                        request,
                        context,
                        state,
                        message: l.errorMessage(e.reason),
                        status: .badRequest
                    )
                }
                try await state.audit(
                    user: admin.name,
                    action: "user-add",
                    target: "user:\(name)",
                    detail: role.rawValue
                )
                return try usersPage(
                    request,
                    context,
                    state,
                    message: l.adminMessage(.added(name, role: l.roleName(role.rawValue), password: password))
                )
            }
        }
        area.get("/admin/audit") { request, context in
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
            let view = Views.AuditPage(
                frame: Views.Layout(frame(request, context, state, section: "audit"), title: l.t(.audit)),
                filterFields: [("user", UIText.who), ("action", .what)].map { name, label in
                    Views.Field(name: name, label: l.t(label), value: q[name] ?? "", inputType: "text", required: false)
                },
                apply: l.t(.apply),
                headers: [UIText.when, .who, .what, .target, .detail].map { l.t($0) },
                entries: entries.map { e in
                    .init(
                        at: e.at,
                        who: e.user,
                        action: l.auditActionName(e.action),
                        actionCode: l == .es ? e.action : nil,
                        target: l.auditTarget(e.target),
                        detail: l.auditDetail(e.detail)
                    )
                },
                pager: Views.Pager(
                    path: "/admin/audit",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: total),
                    l
                )
            )
            return page(.audit, view)
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
        let view = Views.UsersPage(
            frame: Views.Layout(frame(request, context, state, section: "users"), title: l.t(.users)),
            message: message,
            csrf: context.identity?.csrf ?? "",
            headers: [l.t(.userName), l.t(.role), l.t(.date)],
            users: try state.store.users().map {
                .init(name: $0.name, roleName: l.roleName($0.role.rawValue), created: $0.createdAt)
            },
            removeLabel: l.t(.remove),
            userField: .init(name: "user", label: l.t(.userName), value: "", inputType: "text", required: true),
            roleLabel: l.t(.role),
            roles: UserAccount.Role.allCases.map { .init(value: $0.rawValue, text: l.roleName($0.rawValue)) },
            addLabel: l.t(.add)
        )
        return page(.users, view, status: status)
    }
}

extension Language {
    /// What the users page says after a change.
    enum AdminMessage {
        case cannotRemoveSelf, chooseRole
        case noSuchUser(String), removed(String)
        case added(String, role: String, password: String)
    }

    func adminMessage(_ m: AdminMessage) -> String {
        let es = self == .es
        switch m {
        case .cannotRemoveSelf: return es ? "no puede eliminarse a sí mismo" : "you cannot remove yourself"
        case .chooseRole: return es ? "elija un rol" : "choose a role"
        case .noSuchUser(let n): return es ? "no hay ningún usuario llamado \(n)" : "no user named \(n)"
        case .removed(let n): return es ? "\(n) eliminado" : "removed \(n)"
        case .added(let n, let role, let password):
            return es
                ? "\(n) agregado (\(role)); contraseña de un solo uso, se muestra una sola vez: \(password)"
                : "added \(n) (\(role)); one-time password, shown once: \(password)"
        }
    }
}
