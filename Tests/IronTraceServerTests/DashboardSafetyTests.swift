import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IronTraceServer
import NIOCore
import Testing

/// What every response carries whatever answers it (pages, static files, the API, errors): the
/// security headers, HSTS behind HTTPS only, gzip for clients that ask (checked by decompressing
/// with the system's own gzip), and numbered pages.
@Suite struct DashboardSafetyTests {
    static let paths = [
        "/", "/traces", "/network", "/static/app.css", "/static/app.js", "/api/v1/me", "/api/v1/reports/summary",
        "/no-such-page", "/api/v1/no-such-thing", "/traces/999999999", "/login",
    ]

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        for secure in [false, true] {
            var f = try ServerFixture()
            if secure { f = try ServerFixture(secureCookies: true) }
            try await f.app.test(.router) { client in
                let ana = Session(client)
                try await ana.logIn("ana")
                for path in Self.paths {
                    let r = try await ana.get(path)
                    let csp = r.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("script-src 'self'"), "\(path): \(csp)")
                    #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                    #expect(!csp.contains("unsafe-inline"), "\(path)")
                    #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(path)")
                    #expect(r.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
                    #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(path)")
                    #expect((r.headers[.strictTransportSecurity] != nil) == secure, "\(path) HSTS only behind HTTPS")
                    // No inline script or style attribute for the policy to block.
                    if r.headers[.contentType]?.hasPrefix("text/html") == true {
                        #expect(!r.body.contains("<script>"), "\(path) has an inline script")
                        #expect(!r.body.contains(" onclick="), "\(path)")
                        #expect(!r.body.contains(" style=\""), "\(path)")
                    }
                }
            }
        }
    }

    /// Gunzips with /bin/gzip (a peer, not our code) and compares with the plain answer.
    static func gunzip(_ data: [UInt8]) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc"]
        let input = Pipe()
        let output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(data))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return [UInt8](out)
    }

    @Test func textIsGzippedForClientsThatAskAndOnlyForThem() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let ana = Session(client)
            try await ana.logIn("ana")
            for path in ["/", "/static/app.css", "/api/v1/reports/summary", "/no-such-page"] {
                let plain = try await client.execute(uri: path, method: .get, headers: ana.cookieHeaders)
                #expect(plain.headers[.contentEncoding] == nil, "\(path)")
                #expect(plain.headers[.vary]?.contains("Accept-Encoding") == true, "\(path)")
                var headers = ana.cookieHeaders
                headers[.acceptEncoding] = "br;q=1.0, gzip;q=0.8, *;q=0.1"
                let zipped = try await client.execute(uri: path, method: .get, headers: headers)
                #expect(zipped.status == plain.status, "\(path)")
                let body = [UInt8](zipped.body.readableBytesView)
                if plain.body.readableBytes >= 1024 {
                    #expect(zipped.headers[.contentEncoding] == "gzip", "\(path)")
                    #expect(zipped.headers[.contentLength] == String(body.count))
                    // Markup shrinks: by more than half on anything but the smallest pages.
                    let factor = plain.body.readableBytes > 8192 ? 2 : 1
                    #expect(
                        body.count * factor < plain.body.readableBytes,
                        "\(path): \(body.count) of \(plain.body.readableBytes)"
                    )
                    let unzipped = try Self.gunzip(body)
                    // Pages carry a per-session CSRF token and the same markup otherwise.
                    #expect(unzipped.count == plain.body.readableBytes, "\(path)")
                }
            }
            var refuse = ana.cookieHeaders
            refuse[.acceptEncoding] = "gzip;q=0, identity"
            let r = try await client.execute(uri: "/", method: .get, headers: refuse)
            #expect(r.headers[.contentEncoding] == nil)
        }
    }

    @Test func pagesAreNumberedWithTheCurrentOneMarked() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let ana = Session(client)
            try await ana.logIn("ana")
            let p = try await ana.get("/traces?page=5")
            #expect(p.status == .ok)
            let pager = try #require(
                p.body.range(of: "<nav class=\"pager\"").map { String(p.body[$0.lowerBound...].prefix(1500)) }
            )
            #expect(pager.contains("aria-current=\"page\" href=\"/traces?page=5\">5</a>"), "\(pager)")
            for n in [1, 3, 4, 6, 7] {
                #expect(pager.contains("href=\"/traces?page=\(n)\">\(n)</a>"), "\(n): \(pager)")
            }
            #expect(pager.contains("rel=\"prev\" href=\"/traces?page=4\""))
            #expect(pager.contains("rel=\"next\" href=\"/traces?page=6\""))
            #expect(pager.contains("…"))
        }
    }

    /// A page number past the end of a paged list (a stale or typed URL) is an empty page whose pager
    /// leads back to the last page: it once trapped in the pager and stopped the server.
    @Test func aPagePastTheEndOfEveryPagedListIsAnEmptyPageNotACrash() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            _ = try await s.logIn("ada")
            for path in [
                "/traces?country=MX", "/traces", "/network", "/admin/audit", "/cases", "/alerts",
                "/network/identities",
            ] {
                let join = path.contains("?") ? "&" : "?"
                for page in [3, 50, 9_999, 1_000_000] {
                    let r = try await s.get("\(path)\(join)page=\(page)")
                    #expect(r.status == .ok, "\(path) page \(page): \(r.status)")
                }
            }
            // With several pages, the way back from past the end is the last page.
            let first = try await s.get("/traces?per_page=20")
            let position = try #require(first.body.range(of: "<span class=\"of\">"))
            let text = first.body[position.upperBound...].prefix { $0 != "<" }
            let last = try #require(Int(text.split(separator: " ").last.map(String.init) ?? ""), "\(text)")
            #expect(last > 1)
            let past = try await s.get("/traces?per_page=20&page=\(last + 100)")
            #expect(past.status == .ok)
            #expect(past.contains("rel=\"prev\" href=\"/traces?per_page=20&amp;page=\(last)\""))
        }
    }
}
