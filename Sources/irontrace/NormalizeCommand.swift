import ArgumentParser
import Foundation
import IronTraceCore
import IronTraceFormats

struct Normalize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Clean a CSV of makes and calibers: adds canonical manufacturer, importer, country, caliber and status.",
        discussion: """
            Reads any CSV (comma, semicolon, tab or pipe; UTF-8 or Latin-1) and writes it back with the \
            columns irontrace_manufacturer, irontrace_importer, irontrace_country, irontrace_caliber, \
            irontrace_status (resolved / ambiguous / unresolved) and irontrace_note. Raw values are kept \
            (a value a spreadsheet would run as a formula gets a leading '). A misspelt make that the \
            model, type or a country in the make contradicts ("Luger" on a P-08) is ambiguous, with the \
            candidates listed; an importer written as the make of a foreign design (Century Arms on a \
            Nagant) is the importer, the design's maker the manufacturer. Without --output the file is \
            written to the current directory, never beside the input.
            """
    )

    @Argument(help: "The CSV file to clean.")
    var file: String
    @Option(name: .long, help: "The column holding the make.")
    var makeColumn: String
    @Option(name: .long, help: "The column holding the caliber.")
    var caliberColumn: String?
    @Option(name: .long, help: "The column holding the model (helps read bare calibers such as 45).")
    var modelColumn: String?
    @Option(name: .long, help: "The column holding the firearm type.")
    var typeColumn: String?
    @Option(
        name: .long,
        help:
            "Output file, or - for standard output (default: FILE's name with -normalized, in the current directory, never beside the input)."
    )
    var output: String?

    @Flag(help: "Start the output with a UTF-8 byte-order mark so that Excel reads accents right.")
    var excel = false

    func run() async throws {
        try await withExitCodes {
            let reader = try CSVReader(path: file)
            guard let header = reader.next()?.fields else {
                throw FormatError(file: file, reason: "empty file: no header")
            }
            func column(_ name: String?) throws -> Int? {
                guard let name else { return nil }
                guard let i = header.firstIndex(where: { $0.trimmingASCIISpaces().lowercased() == name.lowercased() })
                else {
                    throw FormatError(
                        file: file,
                        line: 1,
                        reason: "no column named '\(name)'; columns are: \(header.joined(separator: ", "))"
                    )
                }
                return i
            }
            let make = try column(makeColumn)!
            let caliber = try column(caliberColumn)
            let model = try column(modelColumn)
            let type = try column(typeColumn)
            let outPath = output ?? Normalization.defaultOutput(for: file)
            let toStdout = outPath == "-"
            let writer: CSVWriter? =
                toStdout
                ? nil
                : try CSVWriter(
                    path: outPath,
                    header: header + Normalization.columns,
                    spreadsheetSafe: true,
                    bom: excel
                )
            if toStdout {
                print((excel ? "\u{FEFF}" : "") + CSVWriter.line(header + Normalization.columns), terminator: "")
            }
            var tally = Normalization.Tally()
            let progress = Progress()
            while let rec = reader.next() {
                var fields = rec.fields
                if fields.count < header.count { fields += Array(repeating: "", count: header.count - fields.count) }
                let added = Normalization.normalize(
                    make: fields[make],
                    caliber: caliber.map { fields[$0] },
                    model: model.map { fields[$0] },
                    type: type.map { fields[$0] },
                    tally: &tally
                )
                if let writer {
                    writer.write(fields + added)
                } else {
                    print(CSVWriter.line(fields + added), terminator: "")
                }
                if tally.rows % 100_000 == 0 { progress.say("\(tally.rows.grouped) rows") }
            }
            progress.done()
            writer?.close()
            printError(tally.summary(output: toStdout ? "standard output" : outPath))
        }
    }
}

/// The journalist's cleaning job: one row's make and caliber resolved, with the counts kept.
enum Normalization {
    static let columns = [
        "irontrace_manufacturer", "irontrace_importer", "irontrace_country", "irontrace_caliber", "irontrace_status",
        "irontrace_note",
    ]

    /// `dir/sales.csv` → `sales-normalized.csv` in the current directory: the input may sit in a
    /// read-only shared data directory, and writing beside it would surprise its owner.
    static func defaultOutput(for file: String) -> String {
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return FileManager.default.currentDirectoryPath + "/" + name + "-normalized.csv"
    }

    struct Tally {
        var rows = 0
        var makeResolved = 0
        var makeStated = 0
        var makeAmbiguous = 0
        var caliberResolved = 0
        var caliberAmbiguous = 0
        var caliberStated = 0
        var resolved = 0
        var ambiguous = 0
        var unresolved = 0
        var unresolvedMakes: [String: Int] = [:]
        var unresolvedCalibers: [String: Int] = [:]

        func summary(output: String) -> String {
            func pct(_ a: Int, _ b: Int) -> String {
                b == 0 ? "-" : String(format: "%.2f%%", Double(a) * 100 / Double(b))
            }
            var s = "\(rows.grouped) rows written to \(output)\n"
            s +=
                "  make resolved: \(makeResolved.grouped) of \(makeStated.grouped) stated (\(pct(makeResolved, makeStated))), ambiguous \(makeAmbiguous.grouped)\n"
            if caliberStated > 0 || caliberResolved > 0 {
                s +=
                    "  caliber resolved: \(caliberResolved.grouped) of \(caliberStated.grouped) stated (\(pct(caliberResolved, caliberStated))), ambiguous \(caliberAmbiguous.grouped)\n"
            }
            s +=
                "  rows resolved \(resolved.grouped), ambiguous \(ambiguous.grouped), unresolved \(unresolved.grouped)\n"
            let topMakes = unresolvedMakes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(10)
            if !topMakes.isEmpty {
                s +=
                    "  most frequent unresolved makes: "
                    + topMakes.map { "\($0.key) (\($0.value))" }.joined(separator: ", ") + "\n"
            }
            let topCal = unresolvedCalibers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(10)
            if !topCal.isEmpty {
                s +=
                    "  most frequent unresolved calibers: "
                    + topCal.map { "\($0.key) (\($0.value))" }.joined(separator: ", ") + "\n"
            }
            return s
        }
    }

    static func normalize(make: String, caliber: String?, model: String?, type: String?, tally: inout Tally) -> [String]
    {
        tally.rows += 1
        let firearmType = type.flatMap { FirearmType(parsing: $0) }
        let m = ManufacturerCatalog.standard.resolve(make, model: model, type: firearmType)
        var notes: [String] = []
        let makeStated = !ManufacturerCatalog.isPlaceholder(make)
        if makeStated { tally.makeStated += 1 }
        if m.isResolved {
            tally.makeResolved += 1
            if m.method != .alias { notes.append("make by \(m.method.rawValue)") }
            if let note = m.note { notes.append(note) }
        } else if m.method == .ambiguous {
            tally.makeAmbiguous += 1
            notes.append(
                "make '\(make)' could be \(m.candidates.map(\.name).joined(separator: " | ")): \(m.note ?? "contradicted")"
            )
        } else if makeStated {
            tally.unresolvedMakes[make, default: 0] += 1
            notes.append("make not in catalog")
        } else {
            notes.append("no make")
        }
        var caliberName = ""
        var caliberStatus = CaliberResolution.Status.notStated
        if let caliber {
            let c = CaliberNormalizer.standard.resolve(
                caliber,
                model: model,
                make: m.manufacturer?.name ?? make,
                type: firearmType
            )
            caliberStatus = c.status
            switch c.status {
            case .resolved:
                caliberName = c.caliber!.name
                tally.caliberResolved += 1
                tally.caliberStated += 1
            case .ambiguous:
                caliberName = c.candidates.map(\.name).joined(separator: " | ")
                tally.caliberAmbiguous += 1
                tally.caliberStated += 1
                notes.append("caliber '\(caliber)' could be \(caliberName)")
            case .unresolved:
                tally.caliberStated += 1
                tally.unresolvedCalibers[caliber, default: 0] += 1
                notes.append("caliber not recognised")
            case .notStated:
                break
            }
        }
        let status: String
        if m.method == .ambiguous && caliberStatus != .unresolved {
            status = "ambiguous"
            tally.ambiguous += 1
        } else if !m.isResolved || caliberStatus == .unresolved {
            status = "unresolved"
            tally.unresolved += 1
        } else if caliberStatus == .ambiguous {
            status = "ambiguous"
            tally.ambiguous += 1
        } else {
            status = "resolved"
            tally.resolved += 1
        }
        return [
            m.manufacturer?.name ?? m.candidates.map(\.name).joined(separator: " | "), m.importer?.name ?? "",
            m.manufacturer?.country ?? "", caliberName, status,
            notes.joined(separator: "; "),
        ]
    }
}
