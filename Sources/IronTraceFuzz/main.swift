import CBZip2
import Foundation
import IronTraceCore
import IronTraceFormats
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// irontrace-fuzz: a seeded mutation fuzzer for every file reader in IronTraceFormats. See
// docs/formats.md, "Fuzzing".

struct Options {
    var reader = "all"
    var iterations: Int?
    var seed: UInt64 = 1
    var start = 0
    var seconds: Double?
    var timeout = 5.0
    var maxRSSMiB = 1024
    var list = false
    var showErrors = 0

    static let usage = """
        usage: irontrace-fuzz [--reader NAME|all] [--iterations N] [--seconds T] [--seed S] [--start N]
                              [--timeout SECONDS] [--max-rss-mib M] [--list]
          --reader      one reader (see --list) or all (default)
          --iterations  inputs per reader (default 10000 unless --seconds is given)
          --seconds     time budget per reader
          --seed        the run's seed (default 1); with --start N, iteration N is replayed exactly
          --timeout     watchdog: one input running longer is a hang (default 5)
          --max-rss-mib peak resident memory allowed (default 1024)
          --show-errors print the first N whole-file errors (FormatError) of each reader
        """

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else {
                FileHandle.standardError.write(Data("missing value for \(args[i - 1])\n\(usage)\n".utf8))
                exit(2)
            }
            return args[i]
        }
        func number<T: LosslessStringConvertible>(_ s: String) -> T {
            guard let v = T(s) else {
                FileHandle.standardError.write(Data("not a number: \(s)\n\(usage)\n".utf8))
                exit(2)
            }
            return v
        }
        while i < args.count {
            switch args[i] {
            case "--reader": o.reader = value()
            case "--iterations": o.iterations = number(value())
            case "--seed": o.seed = number(value())
            case "--start": o.start = number(value())
            case "--seconds": o.seconds = number(value())
            case "--timeout": o.timeout = number(value())
            case "--max-rss-mib": o.maxRSSMiB = number(value())
            case "--list": o.list = true
            case "--show-errors": o.showErrors = number(value())
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                FileHandle.standardError.write(Data("unknown option \(args[i])\n\(usage)\n".utf8))
                exit(2)
            }
            i += 1
        }
        return o
    }
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))

/// Every reader, by name.
func allTargets(_ wanted: (String) -> Bool) -> [Target] {
    var targets: [Target] = []
    func add(
        _ name: String,
        shape: Target.Shape = .text,
        _ seeds: @autoclosure () -> [[UInt8]],
        _ run: @escaping (String) -> Outcome
    ) {
        if wanted(name) { targets.append(Target(name: name, shape: shape, seeds: seeds(), run: run)) }
    }
    let nativeNames = NativeKind.allCases.map { "native-" + $0.rawValue.replacingOccurrences(of: "_", with: "-") }
    let native = nativeNames.contains(where: wanted) ? Corpus.native() : [:]
    func seeds(_ k: NativeKind) -> [[UInt8]] { native[k] ?? [] }
    add(
        "native-licensees",
        seeds(.licensees),
        streaming({ p throws(FormatError) in try NativeReader<LicenseeCodec>(path: p) }, check)
    )
    add(
        "native-persons",
        seeds(.persons),
        streaming({ p throws(FormatError) in try NativeReader<PersonCodec>(path: p) }, check)
    )
    add(
        "native-sales",
        seeds(.sales),
        streaming({ p throws(FormatError) in try NativeReader<SaleCodec>(path: p) }, check)
    )
    add(
        "native-recoveries",
        seeds(.recoveries),
        streaming({ p throws(FormatError) in try NativeReader<RecoveryCodec>(path: p) }, check)
    )
    add(
        "native-traces",
        seeds(.traces),
        streaming({ p throws(FormatError) in try NativeReader<TraceCodec>(path: p) }, check)
    )
    add(
        "native-events",
        seeds(.events),
        streaming({ p throws(FormatError) in try NativeReader<EventCodec>(path: p) }, check)
    )
    add(
        "native-area-measures",
        seeds(.areaMeasures),
        streaming({ p throws(FormatError) in try NativeReader<AreaMeasureCodec>(path: p) }, check)
    )
    add(
        "native-flows",
        seeds(.flows),
        streaming({ p throws(FormatError) in try NativeReader<FlowCodec>(path: p) }, check)
    )
    add(
        "native-nibin-leads",
        seeds(.nibinLeads),
        streaming({ p throws(FormatError) in try NativeReader<NIBINLeadCodec>(path: p) }, check)
    )
    add(
        "trace-requests",
        [Array(Fallback.traceRequests.utf8)],
        streaming({ p throws(FormatError) in try NativeReader<TraceRequestCodec>(path: p) }, check)
    )
    add(
        "inegi-homicides",
        Corpus.text(
            ["inegi_homicidios_municipio_mes_1990_2015/2010.csv", "inegi_homicidios_municipio_mes_1990_2015/2015.csv"],
            fallback: Fallback.inegiHomicides
        ),
        streaming(oneResultPerRow: false, { p throws(FormatError) in try INEGIHomicideReader(path: p) }, check)
    )
    add(
        "sesnsp-incidence",
        Corpus.text(["sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv"], fallback: Fallback.sesnspIncidence),
        streaming(oneResultPerRow: false, { p throws(FormatError) in try SESNSPIncidenceReader(path: p) }, check)
    )
    add(
        "sesnsp-victims",
        Corpus.victims(),
        streaming({ p throws(FormatError) in try SESNSPVictimsReader(path: p) }, check)
    )
    add(
        "bz2",
        shape: .bzip2,
        Corpus.victims(),
        streaming({ p throws(FormatError) in try SESNSPVictimsReader(path: p) }, check)
    )
    add(
        "conapo",
        Corpus.text(["poblacion_mx/conapo_pob_ent_gender_1950_2070.csv"], fallback: Fallback.conapo),
        whole(
            oneResultPerRow: true,
            { p, c throws(FormatError) in try PopulationReader.conapo(path: p, counts: &c) },
            check
        )
    )
    add(
        "inegi-census",
        Corpus.text(
            [
                "poblacion_mx/inegi_censo2020_poblacion_municipio_raw.csv",
                "poblacion_mx/inegi_censos_1990_2010_poblacion_municipio_raw.csv",
            ],
            fallback: Fallback.inegiCensus
        ),
        whole(
            oneResultPerRow: false,
            { p, c throws(FormatError) in try PopulationReader.inegiCensus(path: p, counts: &c) },
            check
        )
    )
    add(
        "us-census",
        Corpus.text(
            ["poblacion_us/nst-est2016-alldata.csv", "poblacion_us/us_state_population_2010_2020.csv"],
            fallback: Fallback.usCensus
        ),
        whole(
            oneResultPerRow: false,
            { p, c throws(FormatError) in try PopulationReader.usCensus(path: p, counts: &c) },
            check
        )
    )
    add(
        "firearm-homicides-month",
        Corpus.text(
            [
                "inegi_homicidios_arma_fuego_estado_mes_1998_2008/guns-month.csv",
                "inegi_homicidios_arma_fuego_estado_mes_1998_2008/frontier.csv",
            ],
            fallback: Fallback.gunsMonth
        ),
        whole(
            oneResultPerRow: false,
            { p, c throws(FormatError) in try FirearmHomicideMonthReader.read(path: p, counts: &c) },
            check
        )
    )
    add(
        "population-national-wide",
        Corpus.text(
            ["inegi_homicidios_arma_fuego_estado_mes_1998_2008/conapo-pop.csv"],
            fallback: Fallback.wideNational
        ),
        whole(
            oneResultPerRow: false,
            { p, c throws(FormatError) in try PopulationReader.nationalWide(path: p, counts: &c) },
            check
        )
    )
    add(
        "population-municipal-named",
        Corpus.text(["sesnsp_municipal_guanajuato/poblacion_municipal_gto.csv"], fallback: Fallback.namedMunicipal),
        whole(
            oneResultPerRow: true,
            { p, c throws(FormatError) in try PopulationReader.municipalNamed(path: p, year: 2020, counts: &c) },
            check
        )
    )
    add(
        "inegi-death-records",
        Corpus.text(["inegi_homicidios_victimas_2024/homicidios_2024_clean.csv"], fallback: Fallback.deathRecords),
        aggregated { p, c throws(FormatError) in try INEGIDeathRecordReader.read(path: p, counts: &c) }
    )
    add(
        "sesnsp-municipal-long",
        Corpus.text(
            ["sesnsp_municipal_guanajuato/homicidios_gto_2020_2025_long.csv"],
            fallback: Fallback.municipalLong
        ),
        aggregated { p, c throws(FormatError) in try SESNSPMunicipalLongReader.read(path: p, counts: &c) }
    )
    add(
        "atf-commerce",
        Corpus.text(
            [
                "atf_commerce_report/01-manufacturing.csv", "atf_commerce_report/01-manufacturing-long.csv",
                "atf_commerce_report/05-2015-import-countries.csv", "atf_commerce_report/06-tax-revenues.csv",
                "atf_commerce_report/08-registration-by-state.csv", "atf_commerce_report/13-FFL-inspections.csv",
            ],
            fallback: Fallback.atfCommerce
        ),
        whole(
            oneResultPerRow: false,
            { p, c throws(FormatError) in try ATFCommerceReader.read(path: p, counts: &c) },
            check
        )
    )
    add(
        "atf-flows",
        Corpus.text(
            [
                "atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv",
                "atf_trace_by_state/full_trace_data_13_17.csv",
            ],
            fallback: Fallback.atfFlows
        ),
        streaming({ p throws(FormatError) in try ATFFlowReader(path: p) }, check)
    )
    add(
        "atf-workbook",
        shape: .xlsx(Corpus.workbooks()),
        [],
        whole(
            oneResultPerRow: false,
            { p, c throws(FormatError) in try ATFFlowWorkbookReader.read(path: p, counts: &c) },
            check
        )
    )
    add("xlsx", shape: .xlsx(Corpus.workbooks()), []) { path in
        var o = Outcome(counted: false)
        do {
            let sheet = try XLSXSheet(path: path)
            for (r, row) in sheet.cells {
                for (c, v) in row
                where r < 1 || r > XLSXSheet.maxRow || c < 1 || c > XLSXSheet.maxColumn || v.utf8.count > 2 << 20 {
                    o.problems.append("cell (\(r), \(c)) outside the grid or over 2 MiB")
                }
            }
        } catch {
            o.formatError = true
            o.formatErrorText = String(describing: error)
        }
        return o
    }
    add(
        "ucdp",
        Corpus.text(["ucdp_ged_mexico/ucdp_ged_mexico.csv"], fallback: Fallback.ucdp),
        streaming({ p throws(FormatError) in try UCDPEventReader(path: p) }, check)
    )
    add(
        "acled",
        Corpus.text(["acled_format_sample/acled_sample_events_argentina_2022-06.csv"], fallback: Fallback.acled),
        streaming({ p throws(FormatError) in try ACLEDEventReader(path: p) }, check)
    )
    add(
        "ffl",
        Corpus.text([], fallback: Fallback.ffl),
        streaming({ p throws(FormatError) in try FFLListingReader(path: p) }, check)
    )
    return targets
}

// MARK: inputs

/// bzip2 of `plain` (block size 100k: fast; the reader handles any).
func bzip2(_ plain: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: plain.count + plain.count / 100 + 700)
    var length = UInt32(out.count)
    var source = plain
    let status = source.withUnsafeMutableBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
            BZ2_bzBuffToBuffCompress(
                UnsafeMutableRawPointer(dst.baseAddress)?.assumingMemoryBound(to: CChar.self),
                &length,
                UnsafeMutableRawPointer(src.baseAddress)?.assumingMemoryBound(to: CChar.self),
                UInt32(src.count),
                1,
                0,
                0
            )
        }
    }
    return status == BZ_OK ? Array(out[..<Int(length)]) : []
}

/// A ZIP of `parts` (stored or deflated).
func zipped(_ parts: [(name: String, data: [UInt8])], deflate: Bool) -> [UInt8] {
    guard let archive = try? (Archive(data: Data(), accessMode: .create) as Archive) else { return [] }
    for (name, bytes) in parts {
        let data = Data(bytes)
        try? archive.addEntry(
            with: name,
            type: .file,
            uncompressedSize: Int64(data.count),
            compressionMethod: deflate ? .deflate : .none
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return archive.data.map { [UInt8]($0) } ?? []
}

/// The input of one iteration: a mutation of a seed, shaped for the reader.
func makeInput(_ target: Target, iteration: Int, seed: UInt64) -> [UInt8] {
    var m = Mutator(rng: SplitMix64.forIteration(seed: seed, reader: target.name, iteration: iteration))
    switch target.shape {
    case .text:
        let s = target.seeds[m.int(target.seeds.count)]
        let other = target.seeds[m.int(target.seeds.count)]
        if m.chance(3) { return s }
        // Mostly keep the header line, so the mutations reach the rows instead of the header check.
        if m.chance(75), let nl = s.firstIndex(of: 10) {
            return Array(s[...nl]) + m.mutate(Array(s[(nl + 1)...]), other: other)
        }
        return m.mutate(s, other: other)
    case .bzip2:
        let s = target.seeds[m.int(target.seeds.count)]
        switch m.int(10) {
        case 0..<5: return bzip2(m.mutate(s, other: s))
        case 5..<8: return m.mutate(bzip2(s), other: bzip2(s))
        case 8: return bzip2(s) + bzip2(m.mutate(s, other: s))  // two streams, as pbzip2 writes
        default: return bzip2(s) + m.mutate(Array(s.prefix(64)), other: s)  // trailing garbage
        }
    case .xlsx(let books):
        var parts = books[m.int(books.count)]
        if m.chance(3) { return zipped(parts, deflate: true) }
        if m.chance(20) {
            // The ZIP's own bytes.
            return m.mutate(zipped(parts, deflate: true), other: [])
        }
        let weights = parts.map { $0.name.hasSuffix("sheet1.xml") ? 7 : ($0.name.contains("sharedStrings") ? 2 : 1) }
        var pick = m.int(weights.reduce(0, +))
        var index = 0
        for (i, w) in weights.enumerated() {
            if pick < w {
                index = i
                break
            }
            pick -= w
        }
        if !parts.isEmpty { parts[index].data = m.mutate(parts[index].data, other: parts[index].data) }
        if m.chance(5), !parts.isEmpty { parts.remove(at: m.int(parts.count)) }
        return zipped(parts, deflate: m.chance(10))
    }
}

/// Writes the input where a crash leaves it behind.
func store(_ bytes: [UInt8], at path: String) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
        if n <= 0 { return false }
        written += n
    }
    return true
}

// MARK: run

let wanted: (String) -> Bool = { options.reader == "all" || options.reader == $0 }
if options.list {
    for t in allTargets({ _ in true }) { print(t.name) }
    exit(0)
}
let targets = allTargets(wanted)
guard !targets.isEmpty else {
    FileHandle.standardError.write(Data("no reader named \(options.reader) (see --list)\n".utf8))
    exit(2)
}
let iterations = options.iterations ?? (options.seconds == nil ? 10_000 : Int.max)
let tmp = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp").replacingOccurrences(of: "//", with: "/")
let limit = options.maxRSSMiB << 20
installCrashHandlers()
startWatchdog(timeout: options.timeout)
print(
    "irontrace-fuzz: seed \(options.seed), \(targets.count) readers, data: \(Corpus.dataDirectory ?? "absent (built-in seeds)")"
)
var failed = false
for target in targets {
    // The workbook reader falls back on the year in the file name (trace_2015.xlsx) when a mutation
    // spoils the footnote: the name carries one so the mutations reach the cells.
    // So do the death records (the year of death) and the ATF commerce exhibits (manufacturing and
    // exports share a header; the import-countries exhibit takes its year from the name).
    let stems = [
        "atf-workbook": "atf-workbook-trace_2015", "inegi-death-records": "inegi-death-records-2024",
        "atf-commerce": "atf-commerce-manufacturing-2015",
    ]
    let stem = stems[target.name] ?? target.name
    let path = (tmp.hasSuffix("/") ? tmp : tmp + "/") + "irontrace-fuzz-\(stem).last"
    Current.prepare(reader: target.name, seed: options.seed, path: path)
    print("== \(target.name): \(target.seeds.count) seeds; the input under test is kept at \(path)")
    fflush(nil)
    let clock = ContinuousClock.now
    let budget = options.seconds.map { Duration.milliseconds(Int($0 * 1000)) }
    var executions = 0
    var formatErrors = 0
    var rows = 0
    var results = 0
    var violation: String?
    var i = options.start
    while executions < iterations {
        if let budget, executions % 16 == 0, ContinuousClock.now - clock > budget { break }
        let input = makeInput(target, iteration: i, seed: options.seed)
        guard store(input, at: path) else {
            violation = "cannot write \(path)"
            break
        }
        Current.iteration.store(i, ordering: .relaxed)
        Current.startedAt.store(Current.now(), ordering: .relaxed)
        let outcome = target.run(path)
        Current.startedAt.store(0, ordering: .relaxed)
        executions += 1
        if outcome.formatError {
            formatErrors += 1
            if formatErrors <= options.showErrors {
                print("  whole-file error at iteration \(i): \(outcome.formatErrorText)")
            }
        }
        rows += outcome.rowsRead - outcome.rowsSkipped
        results += outcome.results
        if let p = outcome.accountingProblem ?? outcome.problems.first {
            violation = "iteration \(i): \(p)"
            break
        }
        if peakRSS() > limit {
            violation = "iteration \(i): peak RSS \(peakRSS() >> 20) MiB over the \(options.maxRSSMiB) MiB limit"
            break
        }
        i += 1
    }
    let seconds =
        Double((ContinuousClock.now - clock).components.seconds)
        + Double((ContinuousClock.now - clock).components.attoseconds) / 1e18
    print(
        "\(target.name): executions \(executions) (\(Int(Double(executions) / max(seconds, 0.001)))/s), crashes 0, hangs 0, "
            + "max RSS \(peakRSS() >> 20) MiB, rows accounted \(rows) (\(results) results), whole-file errors \(formatErrors)"
    )
    if let violation {
        failed = true
        print(
            "VIOLATION in \(target.name): \(violation); input kept at \(path); replay: irontrace-fuzz --reader \(target.name) --seed \(options.seed) --start \(i) --iterations 1"
        )
    }
    fflush(nil)
}
exit(failed ? 1 : 0)
