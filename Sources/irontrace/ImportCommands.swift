import ArgumentParser
import Foundation
import IronTraceFormats
import IronTraceStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import native CSV files into a database (see docs/formats.md).",
        discussion: """
            KIND is one of: \(NativeKind.allCases.map(\.rawValue).joined(separator: ", ")) (native files), or \
            \(OfficialFormat.allCases.map(\.rawValue).joined(separator: ", ")) (official files as published). Each file is \
            imported in one transaction and recorded in the ledger with its SHA-256; importing the same \
            content again adds nothing. Rejected rows are stored with their line, column and reason.
            """
    )

    @Argument(help: "The kind of records in the files.")
    var kind: String
    @Argument(help: "The files to import.")
    var files: [String]
    @OptionGroup var db: DatabaseOption
    @Flag(help: "Exit with code 4 when any row was rejected.")
    var strict = false
    @Flag(name: .long, help: "Read and validate the files, report rows and rejections, store nothing.")
    var dryRun = false

    func validate() throws {
        guard NativeKind(argument: kind) != nil else {
            throw ValidationError(
                "unknown kind '\(kind)'; expected one of \(NativeKind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
    }

    func run() async throws {
        try await withExitCodes {
            var anyRejected = false
            if dryRun {
                guard NativeKind(argument: kind) != nil else {
                    throw ValidationError("--dry-run reads native files only")
                }
                for file in files {
                    let s = try NativeCheck.check(kind: NativeKind(argument: kind)!, path: file)
                    printSummary(s)
                    anyRejected = anyRejected || s.rowsRejected > 0
                }
                if strict && anyRejected { throw ExitCodes.rejectedRows }
                return
            }
            let store = try IronTraceStore(path: db.database)
            for file in files {
                let summary: ImportSummary
                if let official = OfficialFormat(rawValue: kind) {
                    summary = try store.importOfficial(official, path: file)
                } else {
                    summary = try importWithProgress(store, kind: NativeKind(argument: kind)!, file: file)
                }
                printSummary(summary)
                anyRejected = anyRejected || summary.rowsRejected > 0
            }
            if strict && anyRejected { throw ExitCodes.rejectedRows }
        }
    }
}

func importWithProgress(_ store: IronTraceStore, kind: NativeKind, file: String) throws -> ImportSummary {
    let progress = Progress()
    let name = URL(fileURLWithPath: file).lastPathComponent
    let summary = try store.importNative(kind: kind, path: file) { n in progress.say("\(name): \(n.grouped) rows read")
    }
    progress.done()
    return summary
}

func printSummary(_ s: ImportSummary) {
    let name = URL(fileURLWithPath: s.file).lastPathComponent
    if let previous = s.previousImportID {
        print("\(name): already imported (import #\(previous), same SHA-256); nothing added")
        return
    }
    print(
        "\(name): \(s.rowsRead.grouped) rows read, \(s.rowsStored.grouped) stored, \(s.rowsRejected.grouped) rejected"
            + String(format: " (%.2f s)", s.seconds)
    )
    for r in s.sampleRejections.prefix(5) { print("  rejected \(r)") }
    if s.rowsRejected > 5 {
        print("  ... \((s.rowsRejected - 5).grouped) more: irontrace info --rejections \(s.importID ?? 0)")
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export one kind of record as a native CSV file.",
        discussion: """
            Persons are exported with PII masked (pseudonym, city, state, 3-digit ZIP) unless --include-pii. Every \
            export is written to the audit log (user cli, with the OS user name).
            """
    )

    @Argument(help: "The kind of records to export.")
    var kind: String
    @Option(name: .long, help: "Output file.")
    var out: String
    @OptionGroup var db: DatabaseOption
    @Flag(name: .long, help: "Include names, birth dates, addresses and phones of persons.")
    var includePII = false

    func validate() throws {
        guard NativeKind(argument: kind) != nil else { throw ValidationError("unknown kind '\(kind)'") }
    }

    func run() async throws {
        try await withExitCodes {
            guard FileManager.default.fileExists(atPath: db.database) else {
                throw FormatError(file: db.database, reason: "database not found")
            }
            let store = try IronTraceStore(path: db.database)
            let k = NativeKind(argument: kind)!
            let n = try store.export(kind: k, to: out, includePII: includePII)
            // Who took the rows out, as far as the machine knows: the CLI has no login of its own.
            let osUser = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"]
            try store.audit(
                user: "cli",
                action: "export",
                target: k.rawValue,
                detail: "csv \(n) rows\(includePII ? " with PII" : ""), os user \(osUser ?? "unknown")"
            )
            print("\(out): \(n.grouped) rows")
        }
    }
}

struct Info: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What a database holds: rows per table and the import ledger."
    )

    @OptionGroup var db: DatabaseOption
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table
    @Option(name: .long, help: "Show the rejections of one import (its ledger id), with how many there are in all.")
    var rejections: Int64?
    @Option(help: "With --rejections: how many to show (default 1000).")
    var limit: Int = 1000
    @Option(help: "With --rejections: how many to skip first (to page: --offset 1000, 2000, ...).")
    var offset: Int = 0
    @Flag(help: "With --rejections: show them all.")
    var all = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit \(limit): must be 0 or more") }
        if offset < 0 { throw ValidationError("--offset \(offset): must be 0 or more") }
    }

    func run() async throws {
        try await withExitCodes {
            guard FileManager.default.fileExists(atPath: db.database) else {
                throw FormatError(file: db.database, reason: "database not found")
            }
            let store = try IronTraceStore(path: db.database)
            if let id = rejections {
                let total = try store.rejectionCount(importID: id)
                let rows = try store.rejections(importID: id, limit: all ? -1 : limit, offset: all ? 0 : offset)
                let first = all ? 0 : offset
                let shown =
                    rows.isEmpty
                    ? "no rejections shown of \(total.grouped) in import \(id)"
                    : "rejections \((first + 1).grouped)-\((first + rows.count).grouped) of \(total.grouped) in import \(id)"
                let more =
                    first + rows.count < total
                    ? "; next: --offset \(first + rows.count) (or --all)" : ""
                if format == .json {
                    printError(shown + more)
                    let list = rows.map {
                        [
                            "file": $0.file, "line": "\($0.line)", "column": "\($0.column)", "field": $0.field,
                            "value": $0.value, "reason": $0.reason,
                        ]
                    }
                    print(
                        String(
                            decoding: try JSONSerialization.data(
                                withJSONObject: list,
                                options: [.prettyPrinted, .sortedKeys]
                            ),
                            as: UTF8.self
                        )
                    )
                } else {
                    var t = TextTable("line", "column", "field", "value", "reason")
                    for r in rows {
                        t.add(String(r.line), String(r.column), r.field, String(r.value.prefix(40)), r.reason)
                    }
                    print(t.render(), terminator: "")
                    print(shown + more)
                }
                return
            }
            let counts = try store.counts()
            let ledger = try store.ledger()
            let meta = try store.metadata()
            if format == .json {
                let object: [String: Any] = [
                    "database": db.database,
                    "tables": Dictionary(uniqueKeysWithValues: counts.map { ($0.table, $0.rows) }),
                    "metadata": Dictionary(uniqueKeysWithValues: meta.map { ($0.key, $0.value) }),
                    "imports": ledger.map {
                        [
                            "id": $0.id, "file": $0.file, "format": $0.format, "sha256": $0.sha256,
                            "rows_read": $0.rowsRead,
                            "rows_stored": $0.rowsStored, "rows_rejected": $0.rowsRejected, "started_at": $0.startedAt,
                            "finished_at": $0.finishedAt,
                        ] as [String: Any]
                    },
                ]
                print(
                    String(
                        decoding: try JSONSerialization.data(
                            withJSONObject: object,
                            options: [.prettyPrinted, .sortedKeys]
                        ),
                        as: UTF8.self
                    )
                )
                return
            }
            print("Database: \(db.database)")
            for m in meta { print("  \(m.key): \(m.value)") }
            var t = TextTable("table", "rows")
            for c in counts { t.add(c.table, c.rows.grouped) }
            print(t.render())
            var l = TextTable("import", "format", "file", "read", "stored", "rejected", "finished", "sha256")
            for e in ledger {
                l.add(
                    String(e.id),
                    e.format,
                    URL(fileURLWithPath: e.file).lastPathComponent,
                    e.rowsRead.grouped,
                    e.rowsStored.grouped,
                    e.rowsRejected.grouped,
                    e.finishedAt,
                    String(e.sha256.prefix(12))
                )
            }
            print(l.render(), terminator: "")
        }
    }
}
