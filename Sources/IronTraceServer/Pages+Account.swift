import Foundation
import HTTPTypes
import Hummingbird
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
            let name = form.value("user")
            let keys = ["user:" + name.lowercased(), "ip:" + context.remoteIP]
            if state.limiter.isBlocked(keys) {
                try state.store.audit(user: name, action: "login-blocked", target: "ip:\(context.remoteIP)")
                return loginPage(request, context, state, error: .tooManyLogins, name: name, status: .tooManyRequests)
            }
            guard let u = try state.store.user(named: name),
                Passwords.verify(form["password"] ?? "", hash: u.passwordHash)
            else {
                state.limiter.recordFailure(keys)
                try state.store.audit(user: name, action: "login-failed", target: "ip:\(context.remoteIP)")
                return loginPage(request, context, state, error: .badLogin, name: name, status: .unauthorized)
            }
            state.limiter.reset(keys)
            let session = try state.store.startSession(userID: u.id, lifetime: state.configuration.sessionLifetime)
            try state.store.audit(user: u.name, action: "login", target: "ip:\(context.remoteIP)")
            let next = form.value("next")
            // Only local paths: never redirect to another site.
            let target = next.hasPrefix("/") && !next.hasPrefix("//") ? next : "/"
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
            try state.store.audit(user: u.name, action: "password-change", target: "user:\(u.name)")
            return redirect("/")
        }
        router.get("/lang/:code") { request, context in
            let l = context.parameters.get("code").flatMap(Language.init(rawValue:)) ?? .en
            let back = query(request)["back"] ?? "/"
            var r = redirect(back.hasPrefix("/") && !back.hasPrefix("//") ? back : "/")
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
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let l = context.language
        var f = frame(request, context, state, section: "login")
        f.user = nil
        f.role = nil
        let next = query(request)["next"] ?? ""
        var body = ""
        if let error { body += "<p class=\"error\" role=\"alert\" id=\"login-error\">\(HTML.esc(l.t(error)))</p>" }
        body += """
            <form method="post" action="/login" class="login">
            <input type="hidden" name="next" value="\(HTML.esc(next))">
            \(HTML.input("user", label: l.t(.userName), value: name, required: true))
            \(HTML.input("password", label: l.t(.password), value: "", type: "password", required: true))
            <button type="submit" id="login-submit">\(HTML.esc(l.t(.logIn)))</button>
            </form>
            """
        return html(HTML.page(f, title: l.t(.logIn), body: body), status: status)
    }

    static func passwordPage(
        _ request: Request,
        _ context: IronTraceContext,
        _ state: ServerState,
        error: String?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let l = context.language
        var body = ""
        if context.identity?.user.mustChangePassword == true {
            body += "<p class=\"note\">\(HTML.esc(l.t(.mustChange)))</p>"
        }
        if let error { body += "<p class=\"error\" role=\"alert\">\(HTML.esc(error))</p>" }
        body += """
            <form method="post" action="/account/password" class="login">\(HTML.csrfField(context.identity?.csrf))
            \(HTML.input("current", label: l.t(.password), value: "", type: "password", required: true))
            \(HTML.input("new", label: l.t(.newPassword), value: "", type: "password", required: true))
            <button type="submit">\(HTML.esc(l.t(.changePassword)))</button>
            </form>
            """
        return page(
            request,
            context,
            state,
            section: "account",
            title: l.t(.changePassword),
            body: body,
            status: status
        )
    }
}
