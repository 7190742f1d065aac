import ArgumentParser
import Foundation
import IronTraceServer
import IronTraceStore
import Logging

/// `irontrace serve` and `irontrace users`: the dashboard and API over a database, and its accounts.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web dashboard and the JSON API (/api/v1, OpenAPI at /api/v1/openapi.json).",
        discussion: """
            Create accounts first with `irontrace users add NAME --role admin|analyst|viewer`; there are no default \
            credentials. Put a TLS proxy in front for anything but localhost and pass --secure-cookies.
            """
    )
    @OptionGroup var db: DatabaseOption
    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "Address to bind (0.0.0.0 for every interface).") var host: String = "127.0.0.1"
    @Flag(help: "Mark session cookies Secure (when served over HTTPS).") var secureCookies = false
    @Flag(help: "Log every request.") var logRequests = false

    func run() async throws {
        try await withExitCodes {
            try await runServer(database: db.database, host: host, port: port, secure: secureCookies, log: logRequests)
        }
    }
}

func runServer(database: String, host: String, port: Int, secure: Bool, log: Bool) async throws {
    guard DatabaseLocation(database).exists else {
        printError("error: \(database) not found (run `irontrace demo` or `irontrace import` first)")
        throw ExitCodes.failure
    }
    var config = ServerConfiguration()
    config.host = host
    config.port = port
    config.secureCookies = secure
    config.logRequests = log
    let clock = ContinuousClock.now
    // Rebuilds are logged; with --log-requests also every delta and network rebuild with its timings.
    var snapshotLog = Logger(label: "irontrace.snapshot")
    snapshotLog.logLevel = log ? .debug : .info
    let state = try ServerState(
        store: try openDatabase(database, verbose: log),
        configuration: config,
        logger: snapshotLog
    )
    let s = state.snapshot
    print(
        "Loaded \(database): \(s.dataset.traces.count.grouped) traces, \(s.dataset.sales.count.grouped) sales, \(s.leads.count.grouped) leads in \(ContinuousClock.now - clock)"
    )
    if try state.store.users().isEmpty {
        print("No users yet: add one with `irontrace users add NAME --role admin --database \(database)`.")
    }
    print("IronTrace dashboard on http://\(host):\(port)/  (Ctrl-C to stop)")
    // stdout to a file or a pipe is block-buffered: without this, these lines (and demo's one-time
    // password) would appear only when the server stops.
    fflush(nil)
    try await IronTraceServer.run(state)
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage dashboard and API accounts.",
        subcommands: [Add.self, List.self, Remove.self, Token.self, Tokens.self, RevokeToken.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; prints a one-time password that must be changed at first login."
        )
        @OptionGroup var db: DatabaseOption
        @Argument(help: "User name.") var name: String
        @Option(help: "admin, analyst or viewer.") var role: String
        func run() async throws {
            try await withExitCodes {
                guard let r = UserAccount.Role(rawValue: role) else {
                    throw ValidationError("--role must be admin, analyst or viewer")
                }
                let store = try db.open()
                let password = try IronTraceServer.addUser(store, name: name, role: r)
                print("added \(name) (\(r.rawValue)); one-time password (change it at first login): \(password)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and roles.")
        @OptionGroup var db: DatabaseOption
        func run() async throws {
            try await withExitCodes {
                var t = TextTable("user", "role", "created", "must change password")
                for u in try db.open().users() {
                    t.add(u.name, u.role.rawValue, u.createdAt, u.mustChangePassword ? "yes" : "no")
                }
                print(t.render())
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Remove a user with their sessions and API tokens (refused by every server from its next request)."
        )
        @OptionGroup var db: DatabaseOption
        @Argument(help: "User name.") var name: String
        func run() async throws {
            try await withExitCodes {
                let store = try db.open()
                guard try store.removeUser(named: name) else {
                    printError("error: no user named '\(name)'")
                    throw ExitCodes.failure
                }
                try store.audit(user: "cli", action: "user-remove", target: "user:\(name)")
                print("removed \(name)")
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user (shown once; send it as `Authorization: Bearer TOKEN`)."
        )
        @OptionGroup var db: DatabaseOption
        @Argument(help: "User name.") var name: String
        @Option(help: "What the token is for.") var label: String = "script"
        func run() async throws {
            try await withExitCodes {
                let store = try db.open()
                let token = try store.createAPIToken(userName: name, label: label)
                try store.audit(user: "cli", action: "token-create", target: "user:\(name)", detail: label)
                let id = String(IronTraceStore.tokenDigest(token).prefix(12))
                printError(
                    "token id \(id) (label \(label)); revoke with `irontrace users revoke-token \(name) --id \(id)`"
                )
                print(token)
            }
        }
    }

    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a user's API tokens: id, label and when each was made (never the token itself)."
        )
        @OptionGroup var db: DatabaseOption
        @Argument(help: "User name.") var name: String
        func run() async throws {
            try await withExitCodes {
                var t = TextTable("id", "label", "created")
                for k in try db.open().apiTokens(userName: name) {
                    t.add(k.id, k.label, k.createdAt)
                }
                print(t.render())
            }
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-token",
            abstract: "Revoke a user's API tokens: one by id, those with a label, or all of them.",
            discussion: """
                Ids and labels are those `irontrace users tokens NAME` lists. Every running server refuses a revoked \
                token from its next request. A password change or `users remove` also ends all of a user's tokens.
                """
        )
        @OptionGroup var db: DatabaseOption
        @Argument(help: "User name.") var name: String
        @Option(help: "The id of one token (12 hex digits, from `users tokens`).") var id: String?
        @Option(help: "Revoke every token with this label.") var label: String?
        @Flag(help: "Revoke all of the user's tokens.") var all = false

        func validate() throws {
            guard [id != nil, label != nil, all].filter({ $0 }).count == 1 else {
                throw ValidationError("give exactly one of --id ID, --label LABEL or --all")
            }
        }

        func run() async throws {
            try await withExitCodes {
                let store = try db.open()
                let which: APITokenSelection = id.map { .id($0) } ?? label.map { .label($0) } ?? .all
                let n = try store.revokeAPITokens(userName: name, which)
                guard n > 0 else {
                    printError("error: \(name) has no such token (see `irontrace users tokens \(name)`)")
                    throw ExitCodes.failure
                }
                let what = id.map { "id \($0)" } ?? label.map { "label \($0)" } ?? "all"
                try store.audit(user: "cli", action: "token-revoke", target: "user:\(name)", detail: "\(what): \(n)")
                print("revoked \(n) token\(n == 1 ? "" : "s") of \(name)")
            }
        }
    }
}
