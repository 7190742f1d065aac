import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceCore
import IronTraceFixtures
import IronTraceFormats
import IronTracePostgres
import IronTracePresentation
import IronTraceServer
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import NIOCore

/// A fresh database per test: the tiny demo world imported into a temporary SQLite file, plus one
/// user of each role with known passwords (bcrypt at a low cost to keep tests quick). With
/// `postgres`, the same world imported into a new database on the test PostgreSQL server.
struct ServerFixture {
    let dir: TemporaryDirectory
    let store: any IronTraceDatabase
    let state: ServerState
    static let password = "a-long-test-password"

    init(port: Int = 8080, postgres: Bool = false, secureCookies: Bool = false) throws {
        dir = try TemporaryDirectory("server-test")
        if postgres {
            let pg = try PostgresStore(url: try PostgresScratch.freshDatabase())
            try pg.setMetadata("synthetic", "test world")
            for f in try DemoFixture.files() { _ = try pg.importNative(kind: f.kind, path: f.path) }
            store = pg
        } else {
            // A copy of the tiny world's database, imported once per test process.
            store = try IronTraceStore(path: try DemoFixture.database(in: dir))
        }
        var config = ServerConfiguration()
        config.bcryptCost = 4
        config.port = port
        config.secureCookies = secureCookies
        // Locks long enough that a slow, loaded test machine cannot see one expire mid-test.
        config.loginPolicy.baseDelay = 600
        for (name, role) in [("ada", UserAccount.Role.admin), ("ana", .analyst), ("vic", .viewer)] {
            _ = try IronTraceServer.addUser(store, name: name, role: role, cost: 4)
            try IronTraceServer.setPassword(store, name: name, password: Self.password, cost: 4)
        }
        state = try ServerState(store: store, configuration: config)
    }

    var app: some ApplicationProtocol { IronTraceServer.application(state) }
}

/// A client that keeps cookies and the page's CSRF token, as a browser would.
final class Session: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf: String?
    var language: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        /// The body as sent (downloads that are not text).
        var bytes: [UInt8] = []
        func contains(_ s: String) -> Bool { body.contains(s) }
    }

    /// The session's cookies as a request header, for requests sent around ``send``.
    var cookieHeaders: HTTPFields {
        var h = HTTPFields()
        if !cookies.isEmpty {
            h[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        return h
    }

    @discardableResult
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(uri, .get, headers: extra, body: nil)
    }

    @discardableResult
    func post(_ uri: String, form: [(String, String)], withCSRF: Bool = true) async throws -> Page {
        var fields = form
        if withCSRF, let csrf { fields.append(("csrf", csrf)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(
            uri,
            .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    func send(_ uri: String, _ method: HTTPRequest.Method, headers extra: HTTPFields, body: ByteBuffer?) async throws
        -> Page
    {
        var headers = extra
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; "
            )
        }
        if let language, headers[.acceptLanguage] == nil { headers[.acceptLanguage] = language }
        let r = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for c in r.headers[values: .setCookie] {
            let pair = c.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || c.contains("Max-Age=0") {
                cookies[String(pair[0])] = nil
            } else {
                cookies[String(pair[0])] = value
            }
        }
        let text = String(buffer: r.body)
        if let range = text.range(of: "name=\"csrf\" value=\"") {
            let rest = text[range.upperBound...]
            csrf = String(rest.prefix { $0 != "\"" })
        }
        return Page(status: r.status, headers: r.headers, body: text, bytes: Array(r.body.readableBytesView))
    }

    @discardableResult
    func logIn(_ user: String, password: String = ServerFixture.password) async throws -> Page {
        let p = try await post(
            "/login",
            form: [("user", user), ("password", password), ("next", "/")],
            withCSRF: false
        )
        // Pick up the CSRF token of the new session from a page.
        if p.status == .seeOther { try await get("/account/password") }
        return p
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// Whether a page shows `text`, escaped either way the pages escape it (templates write an
/// apostrophe as `&#39;`, the pages still built by code as `&apos;`).
func pageShows(_ html: some StringProtocol, _ text: String) -> Bool { escapings(text).contains { html.contains($0) } }

/// `text` as the pages may escape it.
func escapings(_ text: String) -> [String] {
    let escaped = MarkupText.xml(text)
    return [escaped, escaped.replacingOccurrences(of: "&apos;", with: "&#39;")]
}
