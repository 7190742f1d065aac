import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import IronTraceCore
import IronTracePresentation
import IronTraceStore
import NIOCore
import Synchronization

/// Who is asking, in which language, from where: filled in by ``AccessMiddleware`` for every request.
public struct IronTraceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var language: Language = .en
    /// The client's address, for login rate limiting.
    public var remoteIP: String

    public struct Identity: Sendable {
        public var user: UserAccount
        /// The session cookie's token (nil when the request came with an API token).
        public var sessionToken: String?
        public var csrf: String?
    }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteIP = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    public var maxUploadSize: Int { 32 << 20 }

    /// The signed-in user, or a 401 (API) / redirect to login (pages, handled by the middleware).
    func user() throws -> UserAccount {
        guard let u = identity?.user else { throw AppError.unauthenticated }
        return u
    }

    /// The signed-in user when their role is at least `role`; 403 otherwise.
    @discardableResult
    func require(_ role: UserAccount.Role) throws -> UserAccount {
        let u = try user()
        guard u.role >= role else {
            throw AppError.forbidden("this needs the \(role.rawValue) role; you are \(u.role.rawValue)")
        }
        return u
    }
}

/// The least role an area's routes need, as a middleware on the area's route group (the handlers
/// still ask for the user they act as): viewers for the report and trace pages, analysts for the
/// network, cases, watches and alerts, administrators for imports, users and the audit log.
struct RequireRole: RouterMiddleware {
    typealias Context = IronTraceContext
    let role: UserAccount.Role

    init(_ role: UserAccount.Role) { self.role = role }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        _ = try context.require(role)
        return try await next(request, context)
    }
}

/// Errors with a stable code, answered as JSON under `/api/` and as a page elsewhere.
public struct AppError: Error, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static let unauthenticated = AppError(
        .unauthorized,
        "unauthenticated",
        "log in or send an API token (Authorization: Bearer ...)"
    )
    static func forbidden(_ m: String) -> AppError { AppError(.forbidden, "forbidden", m) }
    static func notFound(_ m: String) -> AppError { AppError(.notFound, "not_found", m) }
    static func badRequest(_ m: String) -> AppError { AppError(.badRequest, "bad_request", m) }
    static func invalidFilter(_ m: String) -> AppError { AppError(.badRequest, "invalid_filter", m) }
    static let csrf = AppError(
        .forbidden,
        "csrf",
        "the form's CSRF token is missing or wrong; reload the page and try again"
    )
    static let tooManyAttempts = AppError(
        .tooManyRequests,
        "too_many_attempts",
        "too many failed logins; wait and try again"
    )
    static let passwordChange = AppError(
        .forbidden,
        "password_change_required",
        "this account must choose a new password first (log in on the web page)"
    )

    /// The JSON body every API error has: `{"error": {"code": ..., "message": ..., "status": ...}}`.
    var json: String {
        "{\"error\":{\"code\":\(MarkupText.json(code)),\"message\":\(MarkupText.json(message)),\"status\":\(status.code)}}"
    }
}

/// Resolves language and identity, enforces sign-in, the first-login password change and CSRF on
/// every state-changing request made with a session cookie, and turns errors into JSON or pages.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = IronTraceContext
    let state: ServerState
    /// The router's routes (filled in once they are all added), for 405 and its `Allow` header.
    let routes: RouteTable
    static let sessionCookie = "it_session"
    static let publicPaths: Set<String> = ["/login", "/health", "/api/v1/openapi.json"]

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        var context = context
        let path = request.uri.path
        // The router folds repeated slashes (`//api/v1/me` is `/api/v1/me`), so must this check.
        let isAPI = ("/" + path.split(separator: "/").joined(separator: "/") + "/").hasPrefix("/api/")
        if let l = request.cookies["lang"].flatMap({ Language(rawValue: $0.value) }) {
            context.language = l
        } else {
            context.language = Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
        }
        do {
            context.identity = try identify(request)
            let isPublic = Self.publicPaths.contains(path) || path.hasPrefix("/static/") || path.hasPrefix("/lang/")
            if !isPublic {
                guard let id = context.identity else {
                    if isAPI { throw AppError.unauthenticated }
                    let next = request.uri.description
                    return redirect("/login" + HTML.query([("next", next)]))
                }
                if id.user.mustChangePassword && path != "/account/password" && path != "/logout" {
                    if isAPI { throw AppError.passwordChange }
                    return redirect("/account/password")
                }
            }
            // A state-changing request from another site's page (login CSRF included): a browser
            // says where the page came from in Origin; it must be this site.
            if request.method != .get && request.method != .head, let origin = request.headers[.origin],
                !Self.sameOrigin(origin, request)
            {
                throw AppError(
                    .forbidden,
                    "cross_origin",
                    "this request came from another site (\(origin.prefix(100)))"
                )
            }
            // A known path asked with a method it does not have: 405 before any form is read. GET
            // and HEAD read no form, so for them the route table is searched only when the router
            // finds no route (below), not on every page view.
            let readsNoForm = request.method == .get || request.method == .head
            if !readsNoForm, let allowed = routes.methods(for: path), !allowed.contains(request.method) {
                throw MethodNotAllowed(allowed: allowed, method: request.method)
            }
            if !readsNoForm, path != "/login", let id = context.identity,
                let expected = id.csrf
            {
                var given = request.headers[HTTPField.Name("X-CSRF-Token")!]
                if given == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                    let body = try await request.collectBody(upTo: context.maxUploadSize)
                    given = FormBody(String(buffer: body))["csrf"]
                }
                guard let given, constantTimeEqual(given, expected) else { throw AppError.csrf }
            }
            let response: Response
            do {
                response = try await next(request, context)
            } catch let e as HTTPError where e.status == .notFound && readsNoForm {
                if let allowed = routes.methods(for: path), !allowed.contains(request.method) {
                    throw MethodNotAllowed(allowed: allowed, method: request.method)
                }
                throw e
            }
            return Self.secured(response, hsts: state.configuration.secureCookies)
        } catch let e as AppError {
            // A page refused for a filter keeps the filters as typed, so they can be corrected.
            let typed = e.code == "invalid_filter" && request.method == .get ? Pages.query(request) : nil
            return errorResponse(e, isAPI: isAPI, context: context, path: path, filters: typed)
        } catch let e as MethodNotAllowed {
            let names = e.allowed.map(\.rawValue).sorted().joined(separator: ", ")
            var r = errorResponse(
                AppError(
                    .methodNotAllowed,
                    "method_not_allowed",
                    "\(e.method.rawValue) is not allowed here; use \(names)"
                ),
                isAPI: isAPI,
                context: context,
                path: path
            )
            r.headers[.allow] = names
            return r
        } catch let e as HTTPError {
            return errorResponse(
                AppError(
                    e.status,
                    e.status.code == 404 ? "not_found" : "http_\(e.status.code)",
                    e.body ?? e.status.reasonPhrase
                ),
                isAPI: isAPI,
                context: context,
                path: path
            )
        } catch let e as any HTTPResponseError {
            // The framework's own errors (a body over a route's limit is NIO's "too many bytes"):
            // their status, in our error shape.
            let code = e.status == .contentTooLarge ? "payload_too_large" : "http_\(e.status.code)"
            let message =
                e.status == .contentTooLarge
                ? "the request body is larger than this route accepts" : e.status.reasonPhrase
            return errorResponse(AppError(e.status, code, message), isAPI: isAPI, context: context, path: path)
        } catch {
            // Anything else is our fault: logged with its detail, answered with the documented error
            // shape and no internals.
            context.logger.error("request failed", metadata: ["path": "\(path)", "error": "\(error)"])
            return errorResponse(
                AppError(
                    .internalServerError,
                    "internal_error",
                    "the server could not answer this request; the error has been logged"
                ),
                isAPI: isAPI,
                context: context,
                path: path
            )
        }
    }

    func identify(_ request: Request) throws -> IronTraceContext.Identity? {
        if let auth = request.headers[.authorization], auth.hasPrefix("Bearer ") {
            // Spaces and tabs around the token are not part of it (trimmed without Foundation: this
            // runs on every API request).
            var typed = auth.dropFirst(7)
            while let c = typed.first, c == " " || c == "\t" { typed = typed.dropFirst() }
            while let c = typed.last, c == " " || c == "\t" { typed = typed.dropLast() }
            let token = String(typed)
            guard let u = try state.sessions.lookup(apiToken: token, store: state.store) else {
                throw AppError(.unauthorized, "invalid_token", "the API token is not known (revoked or mistyped)")
            }
            return .init(user: u, sessionToken: nil, csrf: nil)
        }
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty else { return nil }
        guard let s = try state.sessions.lookup(token, store: state.store) else { return nil }
        return .init(user: s.user, sessionToken: token, csrf: s.csrf)
    }

    /// Whether an Origin header names this server: its host and port against Host (or the
    /// X-Forwarded-Host a TLS proxy sets). `null` (a sandboxed or privacy-stripped page) is refused.
    static func sameOrigin(_ origin: String, _ request: Request) -> Bool {
        guard let url = URLComponents(string: origin), let host = url.host, url.scheme != nil else { return false }
        let origHost = url.port.map { "\(host):\($0)" } ?? host
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Host")!]
        let candidates = [request.head.authority, forwarded].compactMap { $0?.lowercased() }
        let given = origHost.lowercased()
        return candidates.contains { c in
            c == given || (url.port == nil && (c == given + ":80" || c == given + ":443"))
        }
    }

    /// Headers every response carries, errors included.
    /// What every response may load: this site's own scripts, styles, images and requests only,
    /// no inline script or style (injected markup cannot run), no plugins, forms posting only here,
    /// never framed. `blob:` and `data:` images are the chart exports drawn in the browser.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// Headers every response carries, errors included: no caching unless the handler chose,
    /// no sniffing, no framing, the policy above, referrers only within the site, and (`hsts`, when
    /// the server runs behind HTTPS with `--secure-cookies`) HTTPS only for a year.
    static func secured(_ response: Response, hsts: Bool = false) -> Response {
        var response = response
        response.headers[.cacheControl] = response.headers[.cacheControl] ?? "no-store"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if hsts { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }

    func errorResponse(
        _ e: AppError,
        isAPI: Bool,
        context: Context,
        path: String,
        filters: [String: String]? = nil
    ) -> Response {
        Self.secured(
            errorPage(e, isAPI: isAPI, context: context, path: path, filters: filters),
            hsts: state.configuration.secureCookies
        )
    }

    /// The error in the page's frame and language: a title saying what went wrong, the message, and
    /// for a refused filter the filter form as typed with a way back to the unfiltered page.
    func errorPage(
        _ e: AppError,
        isAPI: Bool,
        context: Context,
        path: String,
        filters: [String: String]? = nil
    ) -> Response {
        if isAPI {
            return Response(
                status: e.status,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: e.json))
            )
        }
        let l = context.language
        let title: String
        switch (e.status.code, e.code) {
        case (_, "invalid_filter"): title = l.t(.invalidFilter)
        case (_, "csrf"): title = l.t(.formExpired)
        case (400, _): title = l.t(.badRequest)
        case (401, _): title = l.t(.logInFirst)
        case (403, _): title = l.t(.forbidden)
        case (404, _): title = l.t(.notFound)
        case (405, _): title = l.t(.methodNotAllowed)
        case (413, _): title = l.t(.tooLarge)
        case (429, _): title = l.t(.tooManyAttempts)
        case (500..<600, _): title = l.t(.serverError)
        default: title = e.status.reasonPhrase
        }
        let frame = HTML.Frame(
            language: l,
            user: context.identity?.user.name,
            role: context.identity?.user.role.rawValue,
            csrf: context.identity?.csrf,
            synthetic: false,
            path: path,
            section: ""
        )
        let view = Views.ErrorPage(
            frame: Views.Layout(frame, title: title),
            code: e.code,
            message: l.errorMessage(e.message),
            refusedFilter: filters.map {
                .init(
                    correct: l.t(.correctTheFilter),
                    form: Pages.filterView(action: path, $0, l),
                    withoutFilters: l.t(.withoutFilters)
                )
            }
        )
        return Pages.page(.error, view, status: e.status)
    }
}

func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
}

func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<x.count { diff |= x[i] ^ y[i] }
    return diff == 0
}

/// `application/x-www-form-urlencoded` fields (the last value of a repeated name wins).
struct FormBody: Sendable {
    var fields: [String: String] = [:]
    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields[Self.decode(kv[0], plusIsSpace: true)] =
                kv.count > 1 ? Self.decode(kv[1], plusIsSpace: true) : ""
        }
    }

    /// Percent-decoding (and `+` as a space in form fields). A malformed escape (`%zz`, a lone `%`)
    /// or bytes that are not UTF-8 leave the text as typed, `+` still a space, as Foundation's
    /// `removingPercentEncoding` did; text without `%` or `+` (most of it) is returned as it is.
    /// Every request parses its query and path with this, so it stays off Foundation's bridging.
    static func decode(_ s: Substring, plusIsSpace: Bool) -> String {
        let percent = UInt8(ascii: "%")
        let plus = UInt8(ascii: "+")
        let space = UInt8(ascii: " ")
        guard s.utf8.contains(where: { $0 == percent || ($0 == plus && plusIsSpace) }) else { return String(s) }
        let typed = Array(s.utf8)
        func asTyped() -> String {
            String(decoding: typed.map { $0 == plus && plusIsSpace ? space : $0 }, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(typed.count)
        var i = 0
        while i < typed.count {
            if typed[i] == percent {
                guard i + 2 < typed.count, let high = hexValue(typed[i + 1]), let low = hexValue(typed[i + 2]) else {
                    return asTyped()
                }
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(typed[i] == plus && plusIsSpace ? space : typed[i])
                i += 1
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? asTyped()
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
    subscript(_ name: String) -> String? { fields[name] }
    func value(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Sessions and API tokens, looked up in the store on every request: one indexed read by digest
/// (0.1–0.2 ms in a debug build), so that a logout, password change, token revocation or user removal
/// made by any process (another server, the CLI) holds from the very next request. There was a 30-second
/// cache here; it let a revoked token or an ended session work on for up to 30 seconds in every
/// other process, and cleared only the process that made the change.
final class SessionLookup: Sendable {
    func lookup(_ token: String, store: any AccessStore) throws -> SessionRecord? {
        try store.session(token: token)
    }

    /// The user of an API token; nil when it is unknown or revoked.
    func lookup(apiToken token: String, store: any AccessStore) throws -> UserAccount? {
        try store.user(apiToken: token)
    }
}

/// Password rules and hashing.
enum Passwords {
    static let minimumLength = 12
    /// bcrypt reads only the first 72 bytes of a password: two longer ones that share those bytes
    /// would be the same password, so longer ones are refused rather than silently cut.
    static let maximumBytes = 72

    static func hash(_ password: String, cost: UInt8) -> String { Bcrypt.hash(password, cost: cost) }
    static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A random password of 20 characters from an alphabet without look-alikes.
    static func generate() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var g = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &g)! })
    }

    /// What is wrong with a new password, or nil. `current` is the password it replaces (the
    /// one-time password at first login): the new one must differ from it.
    static func problem(_ password: String, user: String, current: String? = nil) -> String? {
        if password.count < minimumLength { return "at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes {
            return "at most \(maximumBytes) bytes (bcrypt ignores the rest); this one has \(password.utf8.count)"
        }
        if password.lowercased().contains(user.lowercased()) { return "must not contain the user name" }
        if let current, password == current { return "must differ from the current password" }
        return CommonPasswords.problem(password)
    }
}

struct MethodNotAllowed: Error {
    let allowed: Set<HTTPRequest.Method>
    let method: HTTPRequest.Method
}

/// Route templates and their methods, to tell "no such path" (404) from "not this method" (405).
final class RouteTable: Sendable {
    private let entries = Mutex<[(components: [Substring], methods: Set<HTTPRequest.Method>)]>([])

    func set(_ routes: [(path: String, method: HTTPRequest.Method)]) {
        var byPath: [String: Set<HTTPRequest.Method>] = [:]
        for r in routes { byPath[r.path, default: []].insert(r.method) }
        // HEAD is answered wherever GET is (the router generates those endpoints).
        for (k, v) in byPath where v.contains(.get) { byPath[k]?.insert(.head) }
        entries.withLock { e in
            e = byPath.map { (components: $0.key.split(separator: "/"), methods: $0.value) }
        }
    }

    /// The methods of every route whose template matches `path`; nil when none does.
    func methods(for path: String) -> Set<HTTPRequest.Method>? {
        let parts = path.split(separator: "/")
        let found = entries.withLock { e in
            e.filter { r in
                if r.components.last == "**" { return parts.count >= r.components.count - 1 }
                guard r.components.count == parts.count else { return false }
                return zip(r.components, parts).allSatisfy { t, p in
                    if t == p || t == "*" { return true }
                    // `{name}` captures a component; `{name}.svg` one with that suffix.
                    guard t.hasPrefix("{"), let close = t.firstIndex(of: "}") else { return false }
                    return p.hasSuffix(t[t.index(after: close)...])
                }
            }
        }
        guard !found.isEmpty else { return nil }
        return found.reduce(into: Set<HTTPRequest.Method>()) { $0.formUnion($1.methods) }
    }
}

extension IronTraceContext {
    /// A path parameter, percent-decoded (the router hands them over raw, so `person%3A12` is
    /// `person:12` only after this).
    func parameter(_ name: String) -> String? {
        parameters.get(name).map { FormBody.decode($0[...], plusIsSpace: false) }
    }
}
