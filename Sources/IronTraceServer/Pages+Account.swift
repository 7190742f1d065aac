import Foundation
import HTTPTypes
import Hummingbird
import IronTracePresentation
import IronTraceStore

/// Log in and out, the first-login password change, and the language switch.
extension Pages {
    static func addAccountRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        router.get("/login") { request, context in
            loginPage(request, context, state, error: nil, name: "")
        }
        router.post("/login") { request, context in
            var request = request
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            // Bounded before anything is looked up or stored: a name is at most 128 bytes (longer
            // ones fail like a wrong password, and are logged shortened).
            let typed = form.value("user")
            let name = typed.utf8.count <= 128 ? typed : ""
            let shown = AuditText.clip(typed, to: 64)
            let ip = AuditText.clip(context.remoteIP, to: 64)
            let attempt: LoginLimiter.Attempt
            switch state.limiter.begin(account: typed.utf8.count <= 1024 ? typed : shown, address: ip) {
            case .allowed(let a):
                attempt = a
            case .blocked(let retryAfter, let key, let audit):
                if let folded = audit {
                    try await state.audit(
                        user: shown,
                        action: "login-blocked",
                        target: key.hasPrefix("ip:") ? key : "ip:\(ip)",
                        detail: folded > 0 ? "\(folded) further blocked attempts since the last entry" : ""
                    )
                }
                var r = loginPage(
                    request,
                    context,
                    state,
                    error: .tooManyLogins,
                    name: shown,
                    next: form["next"],
                    status: .tooManyRequests
                )
                r.headers[.retryAfter] = String(retryAfter)
                return r
            }
            // The same bcrypt work whether or not the account exists.
            let account = name.isEmpty ? nil : try state.store.user(named: name)
            let ok = Passwords.verify(form["password"] ?? "", hash: account?.passwordHash ?? state.decoyPasswordHash)
            guard let u = account, ok else {
                state.limiter.finish(attempt, succeeded: false)
                try await state.audit(user: shown, action: "login-failed", target: "ip:\(ip)")
                return loginPage(
                    request,
                    context,
                    state,
                    error: .badLogin,
                    name: shown,
                    next: form["next"],
                    status: .unauthorized
                )
            }
            state.limiter.finish(attempt, succeeded: true)
            let session = try state.store.startSession(userID: u.id, lifetime: state.configuration.sessionLifetime)
            try await state.audit(user: u.name, action: "login", target: "ip:\(ip)")
            // Only local paths: never redirect to another site.
            let target = LocalRedirect.target(form["next"])
            var r = redirect(u.mustChangePassword ? "/account/password" : target)
            // Secure when configured, or when a TLS proxy says the browser came over HTTPS.
            let tls = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
            r.setCookie(
                sessionCookie(session.token, state, maxAge: Int(state.configuration.sessionLifetime), secure: tls)
            )
            return r
        }
        router.post("/logout") { _, context in
            if let token = context.identity?.sessionToken {
                try state.store.endSession(token: token)
            }
            var r = redirect("/login")
            r.setCookie(sessionCookie("", state, maxAge: 0))
            return r
        }
        router.get("/account/password") { request, context in
            _ = try context.user()
            return passwordPage(request, context, state, error: nil)
        }
        router.post("/account/password") { request, context in
            var request = request
            let u = try context.user()
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 16)))
            guard Passwords.verify(form["current"] ?? "", hash: u.passwordHash) else {
                return passwordPage(
                    request,
                    context,
                    state,
                    error: context.language.t(.badLogin),
                    status: .unauthorized
                )
            }
            let new = form["new"] ?? ""
            if let problem = Passwords.problem(new, user: u.name, current: form["current"]) {
                return passwordPage(request, context, state, error: problem, status: .badRequest)
            }
            try state.store.setPassword(
                userID: u.id,
                passwordHash: Passwords.hash(new, cost: state.configuration.bcryptCost),
                keepSession: context.identity?.sessionToken
            )
            try await state.audit(user: u.name, action: "password-change", target: "user:\(u.name)")
            return redirect("/")
        }
        router.get("/lang/:code") { request, context in
            let l = context.parameter("code").flatMap(Language.init(rawValue:)) ?? .en
            var r = redirect(LocalRedirect.target(query(request)["back"]))
            r.setCookie(
                Cookie(
                    name: "lang",
                    value: l.rawValue,
                    maxAge: 365 * 86400,
                    path: "/",
                    secure: state.configuration.secureCookies,
                    httpOnly: false,
                    sameSite: .lax
                )
            )
            return r
        }
        router.get("/health") { _, _ in "ok" }
    }

    static func sessionCookie(_ value: String, _ state: ServerState, maxAge: Int, secure: Bool = false) -> Cookie {
        Cookie(
            name: AccessMiddleware.sessionCookie,
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: state.configuration.secureCookies || secure,
            httpOnly: true,
            sameSite: .strict
        )
    }

    static func loginPage(
        _ request: Request,
        _ context: IronTraceContext,
        _ state: ServerState,
        error: UIText?,
        name: String,
        next typed: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let l = context.language
        var f = frame(request, context, state, section: "login")
        f.user = nil
        f.role = nil
        // Where the user was going: from the link that sent them here, or kept from the form they
        // posted (a mistyped password must not lose it).
        let next = (typed ?? query(request)["next"]).map { LocalRedirect.target($0, fallback: "") } ?? ""
        let view = Views.LoginPage(
            frame: Views.Layout(f, title: l.t(.logIn)),
            loginError: error.map { l.t($0) },
            next: next,
            fields: [
                .init(name: "user", label: l.t(.userName), value: name, inputType: "text", required: true),
                .init(name: "password", label: l.t(.password), value: "", inputType: "password", required: true),
            ],
            submit: l.t(.logIn)
        )
        return page(.login, view, status: status)
    }

    static func passwordPage(
        _ request: Request,
        _ context: IronTraceContext,
        _ state: ServerState,
        error: String?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let l = context.language
        let view = Views.PasswordPage(
            frame: Views.Layout(frame(request, context, state, section: "account"), title: l.t(.changePassword)),
            mustChange: context.identity?.user.mustChangePassword == true ? l.t(.mustChange) : nil,
            passwordError: error,
            csrf: context.identity?.csrf ?? "",
            fields: [
                .init(name: "current", label: l.t(.password), value: "", inputType: "password", required: true),
                .init(name: "new", label: l.t(.newPassword), value: "", inputType: "password", required: true),
            ],
            submit: l.t(.changePassword)
        )
        return page(.password, view, status: status)
    }
}
