import ArgumentParser
import Foundation
import IronTraceFormats
import IronTraceStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import files (native CSV or official files as published) into a database.",
        discussion: """
            PATH is a file or a directory (walked recursively). Each file's kind is detected from its header and \
            layout and printed with the reason; --kind KIND sets it for every file instead. The old form \
            `irontrace import KIND FILE...` still works. KIND is one of: \
            \(NativeKind.allCases.map(\.rawValue).joined(separator: ", ")) (native files), or \
            \(OfficialFormat.allCases.map(\.rawValue).joined(separator: ", ")) (official files as published). \
            Files no reader fits (unknown layout, licences, READMEs, geometry) are listed with the reason and the \
            rest still import.

            Each file is imported in one transaction and recorded in the ledger with its SHA-256; importing the \
            same content again adds nothing. Rejected rows are stored with their line, column and reason. An \
            aggregate (area measure, flow) already stored by another file with a different value is a conflict: \
            the summary counts them and shows the largest differences, and `irontrace info` lists them.

            --dry-run reads and validates every file (and compares it with what the database holds, when it \
            exists) and stores nothing.

            Exit codes: 0 every file imported; 3 a file could not be read (not found, damaged, not the layout of \
            its kind: the other files are still imported); 4 rows were rejected and --strict was given; 5 some \
            files were skipped because no reader fits them (the others imported); 64 usage error. When several \
            apply, the first in this order wins: 3, 4, 5.
            """
    )

    @Argument(help: "Files or directories to import (or KIND followed by files).")
    var paths: [String]
    @Option(name: .long, help: "The kind of every file, instead of detecting it.")
    var kind: String?
    @OptionGroup var db: DatabaseOption
    @Flag(help: "Exit with code 4 when any row was rejected.")
    var strict = false
    @Flag(name: .long, help: "Read and validate the files, report rows and rejections, store nothing.")
    var dryRun = false

    /// The kind given (by --kind or as the first argument of the old form) and the paths.
    func resolved() throws -> (kind: ImportKind?, paths: [String]) {
        if let kind {
            guard let k = ImportKind(argument: kind) else {
                throw ValidationError(
                    "unknown kind '\(kind)'; expected one of \(ImportKind.allArguments.joined(separator: ", "))"
                )
            }
            return (k, paths)
        }
        guard let first = paths.first, !FileManager.default.fileExists(atPath: first), paths.count > 1 else {
            return (nil, paths)
        }
        if let k = ImportKind(argument: first) { return (k, Array(paths.dropFirst())) }
        // `import widgets a.csv`: a word that is neither a path nor a kind is a mistyped kind.
        if !first.contains("/") && !first.contains(".") {
            throw ValidationError(
                "unknown kind '\(first)'; expected one of \(ImportKind.allArguments.joined(separator: ", "))"
            )
        }
        return (nil, paths)
    }

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one file or directory") }
        _ = try resolved()
    }

    func run() async throws {
        try await withExitCodes {
            let (kind, paths) = try resolved()
            var plan: [Detection] = []
            var unreadable: [(String, String)] = []
            for p in paths {
                do {
                    for d in try FileDetector.plan([p]) {
                        if let kind {
                            plan.append(Detection(path: d.path, kind: kind, reason: "--kind \(kind)"))
                        } else {
                            plan.append(d)
                        }
                    }
                } catch let e as FormatError {
                    unreadable.append((p, e.reason))
                    printError("error: \(e)")
                }
            }
            let toImport = plan.filter { $0.kind != nil }
            let skipped = plan.filter { $0.kind == nil }
            // A dry run compares with the database when there is one, and never creates it.
            let exists = DatabaseLocation(db.database).exists
            let store: (any IronTraceDatabase)? =
                toImport.isEmpty ? nil : try openDatabase(dryRun && !exists ? ":memory:" : db.database)
            var anyRejected = false
            var totals = (files: 0, read: 0, stored: 0, rejected: 0, conflicts: 0)
            let clock = ContinuousClock.now
            for d in toImport {
                guard let k = d.kind, let store else { continue }
                if kind == nil {
                    print("\(display(d.path)): \(k)\(d.unsure ? " (likely)" : "") — \(d.reason)")
                }
                do {
                    let s: ImportSummary
                    switch k {
                    case .native(let n):
                        s =
                            dryRun
                            ? try NativeCheck.check(kind: n, path: d.path)
                            : try importWithProgress(store, kind: n, file: d.path)
                    case .official(let o):
                        s = try importOfficialWithProgress(store, format: o, file: d.path, dryRun: dryRun)
                    }
                    printSummary(s)
                    anyRejected = anyRejected || s.rowsRejected > 0
                    totals.files += 1
                    totals.read += s.rowsRead
                    totals.stored += s.rowsStored
                    totals.rejected += s.rowsRejected
                    totals.conflicts += s.conflicts
                } catch let e as FormatError {
                    unreadable.append((d.path, e.reason))
                    printError("error: \(e)")
                }
            }
            if plan.count > 1 || !skipped.isEmpty || !unreadable.isEmpty {
                print(
                    "\(dryRun ? "Dry run, nothing stored: " : "")\(totals.files.grouped) files imported"
                        + " (\(totals.read.grouped) rows read, \(totals.stored.grouped) \(dryRun ? "would be " : "")stored,"
                        + " \(totals.rejected.grouped) rejected, \(totals.conflicts.grouped) conflicts)"
                        + String(format: " in %.1f s", (ContinuousClock.now - clock).milliseconds / 1000)
                )
            }
            if !skipped.isEmpty {
                print("Skipped \(skipped.count) files no reader fits:")
                for d in skipped { print("  \(display(d.path)): \(d.reason)") }
            }
            if !unreadable.isEmpty {
                print("Could not read \(unreadable.count) files:")
                for (p, reason) in unreadable { print("  \(display(p)): \(reason)") }
                throw ExitCodes.unreadableInput
            }
            if strict && anyRejected { throw ExitCodes.rejectedRows }
            if !skipped.isEmpty { throw ExitCodes.skippedFiles }
        }
    }

    /// A path as the user can find it: relative to the current directory when under it.
    func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}

func importWithProgress(_ store: any ImportStore, kind: NativeKind, file: String) throws -> ImportSummary {
    let progress = Progress()
    let name = URL(fileURLWithPath: file).lastPathComponent
    let summary = try store.importNative(kind: kind, path: file) { n in progress.say("\(name): \(n.grouped) rows read")
    }
    progress.done()
    return summary
}

func importOfficialWithProgress(
    _ store: any ImportStore,
    format: OfficialFormat,
    file: String,
    dryRun: Bool
) throws -> ImportSummary {
    let progress = Progress()
    let name = URL(fileURLWithPath: file).lastPathComponent
    let summary = try store.importOfficial(format, path: file, dryRun: dryRun) { n in
        progress.say("\(name): \(n.grouped) rows read")
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
        "\(name): \(s.rowsRead.grouped) rows read, \(s.rowsStored.grouped) \(s.dryRun ? "would be stored" : "stored"), "
            + "\(s.rowsRejected.grouped) rejected" + String(format: " (%.2f s)", s.seconds)
            + (s.dryRun ? " [dry run: nothing stored]" : "")
    )
    if let rows = s.sourceRows {
        print(
            "  the file's rows: \(rows.rowsRead.grouped) read = \(rows.rowsCounted.grouped) counted into the figures + "
                + "\(rows.rowsRejected.grouped) rejected + \(rows.rowsSkipped.grouped) blank (not yet published)"
        )
    }
    if s.agreeingDuplicates > 0 {
        print("  \(s.agreeingDuplicates.grouped) values were already stored with the same value by other imports")
    }
    if s.conflicts > 0 {
        print(
            "  CONFLICT: \(s.conflicts.grouped) values differ from the ones other imports stored (both kept; reports "
                + "use the publisher's own file over a tidied copy, else the first stored, or --prefer); largest differences:"
        )
        for c in s.largestConflicts {
            print(
                "    \(c.key): this file \(c.newValue.clean) (line \(c.line)), stored \(c.storedValue.clean) from "
                    + "\(URL(fileURLWithPath: c.storedFile).lastPathComponent) (import #\(c.storedImportID))"
            )
        }
    }
    for r in s.sampleRejections.prefix(5) { print("  rejected \(r)") }
    if s.rowsRejected > 5 {
        if let id = s.importID {
            print("  ... \((s.rowsRejected - 5).grouped) more: irontrace info --rejections \(id)")
        } else {
            print("  ... \((s.rowsRejected - 5).grouped) more")
        }
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
            guard DatabaseLocation(db.database).exists else {
                throw FormatError(file: db.database, reason: "database not found")
            }
            let store = try db.open()
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
    @Option(
        name: .long,
        help: "Sum area measures per source: a measure name or SQL LIKE pattern (population, homicides, carpetas:%)."
    )
    var measure: String?
    @Option(name: .long, help: "With --measure: the area (MX, MX-14, US-TX; LIKE patterns such as MX-__).")
    var area: String = "%"
    @Option(name: .long, help: "With --measure: the period (2016, 2019-%).")
    var period: String = "%"
    @Flag(name: .long, help: "Sum the flows per year and source (ATF's published per-year totals).")
    var flows = false
    @Flag(
        name: .long,
        help:
            "With --measure or --flows: list the rows behind the figure with their import, file, SHA-256 and line, and the values other imports gave for them (--area is the source area of flows, --period their year)."
    )
    var rows = false
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
            guard DatabaseLocation(db.database).exists else {
                throw FormatError(file: db.database, reason: "database not found")
            }
            let store = try db.open()
            if rows {
                guard measure != nil || flows else {
                    throw ValidationError("--rows: needs --measure M or --flows")
                }
                let list =
                    try measure.map { try store.measureProvenance(like: $0, area: area, period: period, limit: limit) }
                    ?? store.flowProvenance(sourceArea: area, year: period, limit: limit)
                if format == .json {
                    printJSON(
                        list.map {
                            [
                                "area": $0.area, "period": $0.period, "measure": $0.measure, "source": $0.source,
                                "value": $0.value, "import_id": $0.importID, "file": $0.file, "sha256": $0.sha256,
                                "line": $0.line.map { $0 as Any } ?? NSNull(), "role": $0.role,
                            ] as [String: Any]
                        }
                    )
                } else {
                    var t = TextTable(
                        "area",
                        "period",
                        "measure",
                        "source",
                        "value",
                        "import",
                        "file",
                        "line",
                        "sha256",
                        "role"
                    )
                    for p in list {
                        t.add(
                            p.area,
                            p.period,
                            p.measure,
                            p.source,
                            p.value.clean,
                            "#\(p.importID)",
                            URL(fileURLWithPath: p.file).lastPathComponent,
                            p.line.map(String.init) ?? "-",
                            String(p.sha256.prefix(12)),
                            p.role
                        )
                    }
                    print(t.render(), terminator: "")
                    let stored = list.filter { $0.role == "stored" }.count
                    print(
                        "\(stored.grouped) stored rows\(stored == limit ? " (the first \(limit); --limit N for more)" : ""), \((list.count - stored).grouped) values other imports gave for them"
                    )
                }
                return
            }
            if let measure {
                let totals = try store.measureTotals(like: measure, area: area, period: period)
                if format == .json {
                    printJSON(
                        totals.map {
                            [
                                "measure": measure, "area": area, "period": period, "source": $0.source,
                                "rows": $0.rows, "value": $0.value,
                            ]
                        }
                    )
                } else {
                    var t = TextTable("source", "measure", "area", "period", "rows", "sum")
                    for r in totals { t.add(r.source, measure, area, period, r.rows.grouped, r.value.clean) }
                    print(t.render(), terminator: "")
                }
                return
            }
            if flows {
                let totals = try store.flowTotals()
                if format == .json {
                    printJSON(
                        totals.map { ["year": $0.year, "source": $0.source, "rows": $0.rows, "count": $0.count] }
                    )
                } else {
                    var t = TextTable("year", "source", "flows", "guns")
                    for r in totals { t.add(String(r.year), r.source, r.rows.grouped, r.count.grouped) }
                    print(t.render(), terminator: "")
                }
                return
            }
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
            let conflicts = try store.conflictGroups()
            let decisions = try store.precedenceDecisions()
            func decisionText(_ d: PrecedenceDecision) -> String {
                "\(d.values.grouped) \(d.table == "flows" ? "flows" : "area measures") from #\(d.used.id) "
                    + "\(URL(fileURLWithPath: d.used.file).lastPathComponent) (\(d.used.origin.rawValue)) over #\(d.over.id) "
                    + "\(URL(fileURLWithPath: d.over.file).lastPathComponent) (\(d.over.origin.rawValue))"
            }
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
                    "conflicts": conflicts.map { g in
                        [
                            "table": g.table, "import_id": g.importID, "file": g.file,
                            "stored_import_id": g.storedImportID, "stored_file": g.storedFile, "values": g.count,
                            "largest": g.largest.map {
                                [
                                    "key": $0.key, "line": $0.line, "value": $0.newValue,
                                    "stored_value": $0.storedValue,
                                ] as [String: Any]
                            },
                        ] as [String: Any]
                    },
                    "precedence": [
                        "rule": SourcePrecedence.default.description,
                        "decisions": decisions.map { decisionText($0) },
                    ] as [String: Any],
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
            if !conflicts.isEmpty {
                print("")
                print("Conflicts: imports that give another value for aggregates already stored (both values kept)")
                var c = TextTable("import", "file", "disagrees with", "file", "table", "values", "largest difference")
                for g in conflicts {
                    let top =
                        g.largest.first.map {
                            "\($0.key): \($0.newValue.clean) vs \($0.storedValue.clean)"
                        } ?? ""
                    c.add(
                        String(g.importID),
                        URL(fileURLWithPath: g.file).lastPathComponent,
                        "#\(g.storedImportID)",
                        URL(fileURLWithPath: g.storedFile).lastPathComponent,
                        g.table,
                        g.count.grouped,
                        top
                    )
                }
                print(c.render(), terminator: "")
                print("Reports use \(SourcePrecedence.default.description) (report --prefer changes it):")
                if decisions.isEmpty { print("  the values stored first, everywhere") }
                for d in decisions { print("  " + decisionText(d)) }
            }
        }
    }
}

func printJSON(_ object: Any) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    print(String(decoding: data, as: UTF8.self))
}
