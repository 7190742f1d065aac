import Foundation
import Logging
import Synchronization

/// Scratch databases on a test server: `IRONTRACE_TEST_POSTGRES_URL` names a server (`.ci/run`
/// starts one), each test gets a new database on it.
package enum PostgresScratch {
    /// The test server's URL, when one is configured.
    package static var serverURL: String? {
        ProcessInfo.processInfo.environment["IRONTRACE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private static let counter = Atomic<Int>(0)

    /// A new, empty database on the test server; returns its URL.
    package static func freshDatabase() throws -> String {
        guard let server = serverURL else {
            throw PostgresURLError(url: "", reason: "IRONTRACE_TEST_POSTGRES_URL is not set")
        }
        let parsed = try PostgresURL(server)
        let n = counter.add(1, ordering: .relaxed).oldValue
        let name = "irontrace_test_\(getpid())_\(n)_\(UInt32.random(in: 0...UInt32.max))"
        let pool = PostgresPool(configuration: parsed.configuration, size: 1, logger: Logger(label: "irontrace.test"))
        try pool.withSession { s in try s.execute("CREATE DATABASE \(name)") }
        var c = URLComponents(string: server)!
        c.path = "/" + name
        return c.string!
    }
}

extension PostgresStore {
    /// Runs one statement (tests and administration: the store's own operations are its API).
    package func execute(_ sql: String) throws {
        try attempt("execute") { try pool.withSession { s in try s.execute(sql) } }
    }

    /// The table privileges a role holds on a table, sorted (`INSERT`, `SELECT`, ...).
    package func privileges(of role: String, on table: String) throws -> [String] {
        try attempt("privileges") {
            try pool.withSession { s in
                try s.rows(
                    """
                    SELECT privilege_type FROM information_schema.role_table_grants
                    WHERE grantee = $1 AND table_name = $2 ORDER BY privilege_type
                    """,
                    [.text(role), .text(table)]
                ).map { try $0.decode(String.self) }
            }
        }
    }
}
