import Foundation
import Hummingbird
import IronTraceStore
import Logging

/// Builds the dashboard and API application over a store: `irontrace serve` runs it, tests drive it
/// through HummingbirdTesting.
public enum IronTraceServer {
    /// All routes: pages, API, static files, behind the access middleware.
    public static func router(_ state: ServerState) -> Router<IronTraceContext> {
        let router = Router(context: IronTraceContext.self, options: .autoGenerateHeadEndpoints)
        if state.configuration.logRequests { router.add(middleware: LogRequestsMiddleware(.info)) }
        let routes = RouteTable()
        router.add(middleware: GzipMiddleware())
        router.add(middleware: AccessMiddleware(state: state, routes: routes))
        Pages.addAccountRoutes(router, state)
        Pages.addReportRoutes(router, state)
        Pages.addTraceRoutes(router, state)
        Pages.addNetworkRoutes(router, state)
        Pages.addCaseRoutes(router, state)
        Pages.addIdentityRoutes(router, state)
        Pages.addAdminRoutes(router, state)
        API.addRoutes(router, state)
        StaticFiles.addRoutes(router)
        routes.set(router.routes.map { (path: $0.path.description, method: $0.method) })
        return router
    }

    /// The HTTP server and the ``SnapshotService`` that keeps the snapshot live, in one service group.
    public static func application(_ state: ServerState, logger: Logger? = nil) -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "irontrace")
        if logger == nil { log.logLevel = state.configuration.logRequests ? .info : .notice }
        return Application(
            router: router(state),
            configuration: .init(
                address: .hostname(state.configuration.host, port: state.configuration.port),
                serverName: "IronTrace"
            ),
            services: [state.live],
            logger: log
        )
    }

    /// The OpenAPI 3 document served at `/api/v1/openapi.json`.
    public static var openAPIDocument: String { OpenAPIDocument.json }

    /// Runs the server until SIGINT or SIGTERM.
    public static func run(_ state: ServerState) async throws {
        // A missing or broken template stops the server before it listens, with the file and line.
        try Templates.check()
        try await application(state).runService()
    }

    /// Adds a user with a generated one-time password (changed at first login); returns the password.
    public static func addUser(
        _ store: any AccessStore & AuditStore,
        name: String,
        role: UserAccount.Role,
        cost: UInt8 = 12,
        by actor: String = "cli"
    ) throws -> String {
        let password = Passwords.generate()
        try store.addUser(
            name: name,
            role: role,
            passwordHash: Passwords.hash(password, cost: cost),
            mustChangePassword: true
        )
        try store.audit(user: actor, action: "user-add", target: "user:\(name)", detail: role.rawValue)
        return password
    }

    /// Sets a user's password directly (tests and scripted set-ups); the rules still apply. Ends all
    /// the user's sessions and API tokens, on every server at its next request.
    public static func setPassword(_ store: any IronTraceDatabase, name: String, password: String, cost: UInt8 = 12)
        throws
    {
        guard let u = try store.user(named: name) else {
            throw StoreError(path: store.location, reason: "no user named '\(name)'")
        }
        if let p = Passwords.problem(password, user: name) {
            throw StoreError(path: store.location, reason: "password: \(p)")
        }
        if Passwords.verify(password, hash: u.passwordHash) {
            throw StoreError(path: store.location, reason: "password: must differ from the current password")
        }
        try store.setPassword(userID: u.id, passwordHash: Passwords.hash(password, cost: cost))
    }
}
