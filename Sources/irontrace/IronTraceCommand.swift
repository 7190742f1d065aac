import ArgumentParser
import Foundation
import IronTraceFormats
import IronTracePostgres
import IronTraceStore
import Logging

/// `irontrace`: the command line. Commands only wire the libraries and present their results.
@main
struct IronTraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "irontrace",
        abstract: "Crime-gun intelligence for the Iron Pipeline: traces, flows, dealers, violence.",
        discussion: """
            Exit codes: 0 success; 1 failure (database or internal error); 3 an input file could not be \
            read (not found, not CSV, wrong header); 4 rows were rejected and --strict was given; 5 `import` skipped \
            files no reader fits (the others were imported); 64 usage error.
            """,
        subcommands: [
            Demo.self, Generate.self, Import.self, Export.self, Info.self, Normalize.self, TraceCommand.self,
            ReportCommand.self, NetworkCommand.self, Resolve.self, Serve.self, Users.self,
        ]
    )
}

/// Exit codes scripts can rely on (documented in README and `--help`).
enum ExitCodes {
    static let failure = ExitCode(1)
    static let unreadableInput = ExitCode(3)
    static let rejectedRows = ExitCode(4)
    static let skippedFiles = ExitCode(5)
}

/// Where the command writes progress: stderr, and only when it is a terminal.
struct Progress: Sendable {
    let enabled: Bool
    init() { enabled = isatty(2) == 1 }
    func say(_ s: String) {
        guard enabled else { return }
        writeStandardError("\r\u{1B}[K" + s)
    }
    func done() {
        guard enabled else { return }
        writeStandardError("\r\u{1B}[K")
    }
}

func printError(_ s: String) { writeStandardError(s + "\n") }

/// Writes to stderr with write(2), ignoring failures: a closed or full stderr (`2>&-`, a dead pipe)
/// must not stop the command (FileHandle.write traps on them, exit 132).
func writeStandardError(_ s: String) {
    var bytes = Array(s.utf8)
    bytes.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// Runs a command body, turning errors into messages and documented exit codes.
func withExitCodes<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let e as FormatError {
        printError("error: \(e)")
        throw ExitCodes.unreadableInput
    } catch let e as ExitCode {
        throw e
    } catch let e as CleanExit {
        throw e
    } catch let e as ValidationError {
        throw e
    } catch {
        printError("error: \(error)")
        throw ExitCodes.failure
    }
}

struct DatabaseOption: ParsableArguments {
    @Option(
        name: .long,
        help: "The database: a SQLite file, or a PostgreSQL server as postgres://user:password@host:port/database."
    )
    var database: String = "irontrace.sqlite"

    /// Opens the database this option names, SQLite or PostgreSQL.
    func open() throws -> any IronTraceDatabase { try openDatabase(database) }
}

/// Opens a database by what `--database` says: a `postgres://` URL or a SQLite file path. The
/// store logs failed operations (with what it was doing) to standard error; `verbose` (the server's
/// `--log-requests`) adds each finished import and the backend's debug lines.
func openDatabase(_ argument: String, verbose: Bool = false) throws -> any IronTraceDatabase {
    var logger = Logger(label: "irontrace.store")
    logger.logLevel = verbose ? .debug : .notice
    switch DatabaseLocation(argument) {
    case .sqlite(let path): return try IronTraceStore(path: path, logger: logger)
    case .postgres(let url): return try PostgresStore(url: url, logger: logger)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
