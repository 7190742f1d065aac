import Foundation
import NIOCore
import PostgresNIO

/// A `postgres://user:password@host:port/database` URL as a connection configuration. TLS is
/// not negotiated (loopback and private networks; put a TLS tunnel in front otherwise); the
/// password may also come from `PGPASSWORD`.
struct PostgresURL: Sendable {
    let configuration: PostgresConnection.Configuration
    /// The URL without its password, for messages and logs.
    let redacted: String

    init(_ url: String) throws(PostgresURLError) {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else { throw PostgresURLError(url: url, reason: "not a postgres:// URL") }
        let host = c.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let port = c.port ?? 5432
        guard (1...65535).contains(port) else { throw PostgresURLError(url: url, reason: "port \(port) out of range") }
        let user = c.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"]
        guard let user, !user.isEmpty else { throw PostgresURLError(url: url, reason: "no user name") }
        let password = c.password?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        var database = String(c.path.drop(while: { $0 == "/" }))
        if database.isEmpty { database = user }
        var config = PostgresConnection.Configuration(
            host: host,
            port: port,
            username: user,
            password: password,
            database: database,
            tls: .disable
        )
        config.options.connectTimeout = .seconds(10)
        configuration = config
        redacted = "postgres://\(user)@\(host):\(port)/\(database)"
    }
}

/// A `--database` URL that cannot be used, and why.
struct PostgresURLError: Error, CustomStringConvertible {
    let url: String
    let reason: String
    var description: String { "\(url.split(separator: "@").last.map(String.init) ?? ""): \(reason)" }
}
