import ArgumentParser
import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceServer
import IronTraceStore
import IronTraceSynth

extension WorldScale: ExpressibleByArgument {}

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic demo world as native CSV files, with its ground truth."
    )

    @Option(name: .long, help: "Output directory.")
    var out: String
    @Option(help: "World size: tiny, small (~200k sales), medium (~2M), large (~10M).")
    var scale: WorldScale = .small
    @Option(help: "Random seed: the same seed gives the same files, byte for byte.")
    var seed: UInt64 = 2015
    @Flag(
        help: """
            Write people as real records name them: a buyer's purchases under several person records, \
            typed differently (names, initials, typos, swapped day and month, street words, phones), with \
            resolution_truth.csv beside for `irontrace resolve --evaluate`.
            """
    )
    var messy = false
    @Flag(
        name: .customLong("hard-schemes"),
        help: "Straw rings whose buyers share no address or phone, at more dealers over longer times."
    )
    var hardSchemes = false

    func run() async throws {
        try await withExitCodes {
            let clock = ContinuousClock.now
            let progress = Progress()
            progress.say("generating the \(scale.rawValue) world (seed \(seed))")
            let world = WorldGenerator.generate(scale: scale, seed: seed, hardSchemes: hardSchemes)
            progress.say("writing files")
            let files = try world.writeFiles(to: out, messy: messy ? seed : nil)
            progress.done()
            for f in files { print("\(f.path)") }
            print(
                (out as NSString).appendingPathComponent(DemoWorld.groundTruthFileName)
                    + " (ground truth, not for import)"
            )
            if messy {
                print(
                    (out as NSString).appendingPathComponent(DemoWorld.resolutionTruthFileName)
                        + " (which person records are one person, not for import)"
                )
            }
            let elapsed = ContinuousClock.now - clock
            print(
                "synthetic world: \(world.saleCount.grouped) sales, \(world.recoveries.count.grouped) recoveries, "
                    + "\(world.licensees.count.grouped) dealers, \(world.personCount.grouped) persons in \(elapsed)"
            )
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the demo world, import it into a database and print a first report.",
        discussion:
            "The demo world is synthetic (clearly marked); its documented incidents and SESNSP figures are real."
    )

    @Option(help: "World size: tiny, small, medium, large.")
    var scale: WorldScale = .small
    @Option(help: "Random seed.")
    var seed: UInt64 = 2015
    @Option(name: .long, help: "The database to create.")
    var database: String = "irontrace-demo.sqlite"
    @Option(name: .long, help: "Keep the generated CSV files in this directory.")
    var keepFiles: String?
    @Flag(help: "Then serve the dashboard, with a printed one-time admin password.")
    var serve = false
    @Option(help: "Port for --serve.") var port: Int = 8080

    func run() async throws {
        try await withExitCodes {
            let fm = FileManager.default
            if fm.fileExists(atPath: database) {
                // Replace only a previous demo database, never someone's data.
                let old = try openDatabase(database)
                guard try old.metadata().contains(where: { $0.key == "synthetic" }) else {
                    printError("error: \(database) exists and is not a demo database; choose another --database")
                    throw ExitCodes.failure
                }
                for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: database + suffix) }
            }
            let dir =
                keepFiles ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("irontrace-demo-\(getpid())")
            defer { if keepFiles == nil { try? fm.removeItem(atPath: dir) } }
            let progress = Progress()
            progress.say("generating the \(scale.rawValue) demo world (seed \(seed))")
            let clock = ContinuousClock.now
            let world = WorldGenerator.generate(scale: scale, seed: seed)
            let files = try world.writeFiles(to: dir)
            progress.done()
            print(
                "SYNTHETIC demo world (scale \(scale.rawValue), seed \(seed)) generated in \(ContinuousClock.now - clock)"
            )
            let store = try openDatabase(database)
            try store.setMetadata(
                "synthetic",
                "IronTrace demo world, scale \(scale.rawValue), seed \(seed): synthetic records except documented incidents (press) and SESNSP figures"
            )
            for f in files {
                printSummary(try importWithProgress(store, kind: f.kind, file: f.path))
            }
            print("Database: \(database)\n")
            let report = FirstReport(try store.loadDataset())
            print(render(report))
            if serve {
                let name = "admin"
                let password = try IronTraceServer.addUser(store, name: name, role: .admin, by: "demo")
                print("\nDashboard user: \(name)  one-time password: \(password)  (you choose your own at first login)")
                try await runServer(database: database, host: "127.0.0.1", port: port, secure: false, log: false)
            }
        }
    }
}

/// The first report, as text.
func render(_ r: FirstReport) -> String {
    var out = ""
    if r.isSynthetic { out += "*** SYNTHETIC DATA: demo world, not real traces ***\n\n" }
    out += "Traces: \(r.traces.grouped)\n"
    var t = TextTable("outcome", "traces", "share")
    for (o, n) in r.byOutcome { t.add(o.rawValue, n.grouped, (Double(n) / Double(max(1, r.traces))).percent) }
    out += t.render() + "\n"
    out += "Recovered in Mexico and traced: \(r.mexicoTraces.grouped)\n"
    var m = TextTable("source", "traces", "share")
    for (c, n) in r.mexicoBySourceClass {
        m.add(c.rawValue, n.grouped, (Double(n) / Double(max(1, r.mexicoTraces))).percent)
    }
    out += m.render()
    out += "  no purchaser identified for \(r.mexicoNoPurchaserShare.percent) of US-sourced guns recovered in Mexico\n"
    out += "  handguns \(r.mexicoHandgunShare.percent), long guns \(r.mexicoLongGunShare.percent)\n\n"
    let mxTotal = r.mexicoSourceStates.reduce(0) { $0 + $1.1 }
    var s = TextTable("source state (Mexico recoveries)", "traces", "share")
    for (st, n) in r.mexicoSourceStates.prefix(6) {
        s.add(st, n.grouped, (Double(n) / Double(max(1, mxTotal))).percent)
    }
    out += s.render() + "\n"
    let allTotal = r.sourceStates.reduce(0) { $0 + $1.1 }
    var a = TextTable("source state (all US-sourced)", "traces", "share")
    for (st, n) in r.sourceStates.prefix(6) { a.add(st, n.grouped, (Double(n) / Double(max(1, allTotal))).percent) }
    out += a.render() + "\n"
    if let med = r.medianTimeToCrimeDays {
        out += "Median time-to-crime: \(med.grouped) days (\(String(format: "%.1f", Double(med) / 365.25)) years)\n"
    }
    out +=
        "US recoveries: \(r.usUnderOneYear.percent) within one year of sale, \(r.usWithinThreeYears.percent) within three years; pistols \(r.usPistolShare.percent)\n"
    out +=
        "Dealers: \(r.dealers.grouped); \(r.dealersWithoutTraces.percent) with no trace; the top 1.2% account for \(r.topDealersShare.percent) of traces\n\n"
    out += "Documented incidents (real, from news reporting):\n"
    for i in r.documentedIncidents {
        out += "  \(i.date)  \(i.location): \(i.fatalities) dead. \(i.provenance)\n"
    }
    return out
}
