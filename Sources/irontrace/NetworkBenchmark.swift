import ArgumentParser
import Foundation
import IronTraceDataset
import IronTraceNetwork
import IronTraceSynth

extension NetworkCommand {
    /// Times the network engine on a generated world held in memory (no database), and writes the
    /// graph's edge list so `benchmarks/network-vs-networkx.sh` can time networkx and igraph on it.
    struct Benchmark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "benchmark",
            abstract: "Time graph build, indicators, rings and ranking on a generated world (release build)."
        )
        @Option(help: "World size: tiny, small, medium, large (~10M sales).") var scale: WorldScale = .large
        @Option(help: "Random seed.") var seed: UInt64 = 2015
        @Option(help: "Runs of each step; the minimum and median are printed.") var runs: Int = 3
        @Option(name: .customLong("edge-list"), help: "Write the edge list here (int32 pairs, little-endian).")
        var edgeList: String?

        func run() async throws {
            let clock = ContinuousClock()
            var t = clock.now
            let world = WorldGenerator.generate(scale: scale, seed: seed)
            printError("generated \(world.saleCount.grouped) sales in \(seconds(clock.now - t)) s (not timed below)")
            t = clock.now
            let dataset = world.dataset(linkSecret: .random())
            printError("snapshot in \(seconds(clock.now - t)) s (not timed below)")
            var build: [Double] = []
            var detect: [Double] = []
            var componentsTimes: [Double] = []
            var graph = LinkGraph(Dataset())
            var leads: [Lead] = []
            var componentCount = 0
            for _ in 0..<max(1, runs) {
                t = clock.now
                graph = LinkGraph(dataset)
                build.append(seconds(clock.now - t))
                t = clock.now
                leads = LeadDetector().leads(dataset, graph)
                detect.append(seconds(clock.now - t))
                t = clock.now
                let (_, count) = graph.components()
                let degrees = graph.degrees()
                componentsTimes.append(seconds(clock.now - t))
                componentCount = count
                precondition(degrees.count == graph.nodeCount)
            }
            func summary(_ v: [Double]) -> String {
                let s = v.sorted()
                return "min \(format3(s[0])) s, median \(format3(s[s.count / 2])) s"
            }
            let endToEnd = zip(build, detect).map { $0 + $1 }
            print(
                "world: \(scale.rawValue), seed \(seed): \(dataset.sales.count.grouped) sales, \(dataset.persons.count.grouped) persons"
            )
            print("graph: \(graph.nodeCount.grouped) nodes, \(graph.edgeCount.grouped) edges")
            print("graph build: \(summary(build))")
            print("indicators, rings and ranking: \(summary(detect)) (\(leads.count.grouped) leads)")
            print("end to end (build + leads): \(summary(endToEnd))")
            print("components and degrees: \(summary(componentsTimes)) (\(componentCount.grouped) components)")
            print("peak resident memory: \(peakResidentMegabytes()) MiB (whole process, world and snapshot included)")
            if let edgeList {
                let edges = graph.edgeList()
                let data = edges.withUnsafeBufferPointer { Data(buffer: $0) }
                try data.write(to: URL(fileURLWithPath: edgeList))
                print("edge list: \(edgeList) (\((edges.count / 2).grouped) edges, \(graph.nodeCount) nodes)")
            }
        }

        func seconds(_ d: Duration) -> Double { d.milliseconds / 1000 }
    }
}

/// VmHWM from /proc/self/status (Linux), in MiB; 0 where unavailable.
func peakResidentMegabytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}
