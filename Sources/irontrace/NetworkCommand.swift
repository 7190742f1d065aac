import ArgumentParser
import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceFormats
import IronTraceNetwork
import IronTracePresentation
import IronTraceStore

/// `irontrace network`: leads, link queries and link-chart exports over the database's snapshot.
struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Trafficking leads, links between entities, timelines and link-chart exports.",
        discussion: """
            Entities are written kind:id: person:12, dealer:34 (or dealer:<licence number>), firearm:56 (sale id), \
            recovery:78, event:90. Leads are numbered by rank (1 = highest score).
            """,
        subcommands: [
            Leads.self, LeadDetail.self, Neighbours.self, Path.self, Timeline.self, ExportGraph.self, Evaluate.self,
            Centrality.self, Indicators.self, NIBIN.self, Benchmark.self,
        ]
    )
}

/// The snapshot, its graph and its leads, loaded once per command.
struct NetworkSession {
    let dataset: Dataset
    let graph: LinkGraph
    let leads: [Lead]
    let timings: String

    /// `withLeads: false` for queries that do not use leads (neighbours, paths): detection is then skipped.
    init(database: String, withLeads: Bool = true, detector: LeadDetector = LeadDetector()) throws {
        guard DatabaseLocation(database).exists else {
            throw FormatError(file: database, reason: "database not found (run `irontrace demo` or `irontrace import`)")
        }
        let clock = ContinuousClock()
        let t0 = clock.now
        dataset = try openDatabase(database).loadDataset()
        let t1 = clock.now
        graph = LinkGraph(dataset)
        let t2 = clock.now
        leads = withLeads ? detector.leads(dataset, graph) : []
        let t3 = clock.now
        timings =
            "load \(format3((t1 - t0).milliseconds / 1000)) s; graph \(format3((t2 - t1).milliseconds / 1000)) s "
            + "(\(graph.nodeCount.grouped) nodes, \(graph.edgeCount.grouped) edges); "
            + (withLeads
                ? "leads \(format3((t3 - t2).milliseconds / 1000)) s (\(leads.count.grouped) leads)" : "no leads")
    }

    func node(_ reference: String) throws -> Int32 {
        do { return try graph.node(for: reference, in: dataset) } catch { throw ValidationError(error.description) }
    }

    func lead(_ rank: Int) throws -> Lead {
        guard rank >= 1 && rank <= leads.count else {
            throw ValidationError("no lead \(rank): there are \(leads.count) leads")
        }
        return leads[rank - 1]
    }
}

struct NetworkOptions: ParsableArguments {
    @OptionGroup var db: DatabaseOption
    @Flag(help: "Print load, graph and detection timings to stderr.") var timings = false

    func session(withLeads: Bool = true) throws -> NetworkSession {
        let s = try NetworkSession(database: db.database, withLeads: withLeads)
        if timings { printError("timing: " + s.timings) }
        return s
    }
}

extension NetworkCommand {
    struct Leads: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "leads",
            abstract: "Ranked trafficking leads with the reasons behind each score."
        )
        @OptionGroup var options: NetworkOptions
        @Option(help: "How many leads to show.") var top: Int = 20
        @Option(help: "Only leads of this kind: \(Lead.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: String?
        @Option(help: "Only leads where this indicator fired (repeatable); see `irontrace network indicators`.")
        var indicator: [String] = []
        @Option(help: "table or json.") var format: OutputFormat = .table

        func run() async throws {
            let kindFilter = try kind.map { k -> Lead.Kind in
                guard let v = Lead.Kind(rawValue: k) else {
                    throw ValidationError(
                        "unknown lead kind '\(k)'; kinds: \(Lead.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return v
            }
            let indicators = try indicator.map { name -> Indicator in
                guard let i = Indicator(rawValue: name) else {
                    throw ValidationError("unknown indicator '\(name)'; see `irontrace network indicators`")
                }
                return i
            }
            try await withExitCodes {
                let s = try options.session()
                let shown = s.leads.filter { lead in
                    (kindFilter == nil || lead.kind == kindFilter) && indicators.allSatisfy { lead.has($0) }
                }.prefix(top)
                switch format {
                case .json:
                    print("[" + shown.map { $0.json(s.dataset, s.graph) }.joined(separator: ",\n") + "]")
                case .table:
                    var t = TextTable(
                        "rank",
                        "score",
                        "kind",
                        "persons",
                        "guns",
                        "recovered",
                        "dealers",
                        "from",
                        "to",
                        "why"
                    )
                    for l in shown {
                        t.add(
                            String(l.rank),
                            String(format: "%.1f", l.score),
                            l.kind.rawValue,
                            String(l.persons.count),
                            String(max(l.firearms.count, l.recoveries.count)),
                            String(l.recoveries.count),
                            String(l.dealers.count),
                            l.firstDate.description,
                            l.lastDate.description,
                            l.reasons.prefix(3).map { "\($0.indicator.rawValue)×\($0.count)" }.joined(separator: " ")
                        )
                    }
                    print(t.render(), terminator: "")
                    print("\(shown.count) of \(s.leads.count) leads; `irontrace network lead N` explains one")
                }
            }
        }
    }

    struct LeadDetail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lead",
            abstract: "One lead: its score explained, members, guns, dealers, recoveries and events."
        )
        @OptionGroup var options: NetworkOptions
        @Argument(help: "The lead's rank.") var rank: Int
        @Option(help: "table or json.") var format: OutputFormat = .table

        func run() async throws {
            try await withExitCodes {
                let s = try options.session()
                let lead = try s.lead(rank)
                let d = s.dataset
                let g = s.graph
                if format == .json {
                    print(lead.json(d, g))
                    return
                }
                print("Lead \(lead.rank): \(lead.kind.title), score \(String(format: "%.1f", lead.score))")
                print("\(lead.firstDate) to \(lead.lastDate)\n")
                var why = TextTable("indicator", "count", "points", "detail", "meaning")
                for r in lead.reasons {
                    why.add(
                        r.indicator.rawValue,
                        String(r.count),
                        String(format: "%.1f", r.points),
                        r.detail,
                        r.indicator.explanation
                    )
                }
                print(why.render())
                let sub = g.subgraph(of: lead)
                let centrality = g.betweenness(in: sub)
                var members = TextTable("member", "pseudonym", "guns bought", "brokerage (betweenness)")
                for p in lead.persons {
                    let n = g.node(.person, p)
                    let bought = g.edges(of: n).filter { g.edgeKind($0) == .boughtBy }.count
                    members.add(
                        g.reference(n, in: d),
                        d.pseudonym(ofPersonAt: p),
                        String(bought),
                        String(format: "%.1f", centrality[n] ?? 0)
                    )
                }
                if !lead.persons.isEmpty { print(members.render()) }
                let dealerIndicators = DealerIndicators(d)
                var dealers = TextTable("dealer", "name", "guns in this lead", "dealer indicators")
                for l in lead.dealers {
                    let n = g.node(.dealer, l)
                    let here = lead.firearms.filter { d.sales.licensee[$0] == d.licensees.id[l] }.count
                    dealers.add(
                        g.reference(n, in: d),
                        g.label(n, in: d),
                        String(here),
                        dealerIndicators.summary(l) + (dealerIndicators.flagged(l) ? " (flagged)" : "")
                    )
                }
                print(dealers.render())
                print(
                    "\(lead.firearms.count) guns, \(lead.recoveries.count) recovered, \(lead.events.count) linked events; "
                        + "`irontrace network timeline \(lead.rank)` lists them in order"
                )
            }
        }
    }

    struct Neighbours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "neighbours",
            abstract: "Entities within N links of one entity."
        )
        @OptionGroup var options: NetworkOptions
        @Argument(help: "The entity: kind:id (person:12), a pseudonym, a licence number or a serial.")
        var entity: String
        @Option(help: "How many links away.") var depth: Int = 2
        @Option(help: "At most this many entities.") var limit: Int = 200
        @Option(help: "Entities with more links than this (big dealers) are listed but not expanded.")
        var hubLimit: Int = 200
        @Option(help: "table, json, graphml, gexf or ftm (FollowTheMoney).") var format: String = "table"

        func run() async throws {
            try await withExitCodes {
                let s = try options.session(withLeads: false)
                let n = try s.node(entity)
                let sub = s.graph.neighbours(of: n, depth: depth, limit: limit, hubLimit: hubLimit)
                if let f = Subgraph.ExportFormat(rawValue: format) {
                    print(
                        sub.export(f, graph: s.graph, dataset: s.dataset, title: "neighbours of \(entity)"),
                        terminator: ""
                    )
                    return
                }
                var t = TextTable("entity", "kind", "links", "label")
                for m in sub.nodes {
                    t.add(
                        s.graph.reference(m, in: s.dataset),
                        s.graph.nodeKind(m).name,
                        String(s.graph.degree(m)),
                        s.graph.label(m, in: s.dataset)
                    )
                }
                print(t.render(), terminator: "")
                let hubs = sub.unexpanded.map { s.graph.reference($0, in: s.dataset) }
                print(
                    "\(sub.nodes.count) entities, \(sub.edges.count) links"
                        + (hubs.isEmpty ? "" : "; not expanded (hubs): " + hubs.joined(separator: ", "))
                )
            }
        }
    }

    struct Path: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "path",
            abstract: "The shortest chain of links between two entities."
        )
        @OptionGroup var options: NetworkOptions
        @Argument(help: "From: kind:id (recovery:78), a pseudonym (P-0000012), a licence number or a serial.")
        var from: String
        @Argument(help: "To, written the same ways (dealer:34).") var to: String
        @Option(help: "Do not pass through entities with more links than this (a dealer selling to thousands).")
        var hubLimit: Int?

        func run() async throws {
            try await withExitCodes {
                let s = try options.session(withLeads: false)
                let a = try s.node(from)
                let b = try s.node(to)
                guard let path = s.graph.path(from: a, to: b, hubLimit: hubLimit) else {
                    print("no path between \(from) and \(to)")
                    throw ExitCodes.failure
                }
                var node = a
                print("\(s.graph.reference(a, in: s.dataset))  \(s.graph.label(a, in: s.dataset))")
                for e in path {
                    let src = s.graph.source(ofHalfEdge: e)
                    let next = src == node ? s.graph.neighbour[e] : src
                    let day = s.graph.date[e]
                    let when = day == Int32.min ? "" : " \(CivilDate(dayNumber: day))"
                    print(
                        "  -[\(s.graph.edgeKind(e).name)\(when)]- \(s.graph.reference(next, in: s.dataset))  "
                            + s.graph.label(next, in: s.dataset)
                    )
                    node = next
                }
                print("\(path.count) links")
            }
        }
    }

    struct Timeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "A lead's purchases, recoveries and events in date order."
        )
        @OptionGroup var options: NetworkOptions
        @Argument(help: "The lead's rank.") var rank: Int

        func run() async throws {
            try await withExitCodes {
                let s = try options.session()
                let lead = try s.lead(rank)
                var t = TextTable("date", "what", "detail")
                for e in lead.timeline(s.dataset, s.graph) { t.add(e.date.description, e.kind.rawValue, e.text) }
                print(t.render(), terminator: "")
            }
        }
    }

    struct ExportGraph: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract:
                "A lead's link chart, or an entity's neighbourhood, as GraphML, GEXF, JSON, FollowTheMoney or SVG.",
            discussion: "People appear by pseudonym; addresses and phones only as shared-address/shared-phone nodes."
        )
        @OptionGroup var options: NetworkOptions
        @Option(help: "The lead's rank.") var lead: Int?
        @Option(help: "Or an entity (person:12) and its neighbourhood.") var around: String?
        @Option(help: "Depth around the entity.") var depth: Int = 2
        @Option(
            help:
                "graphml, gexf, json, ftm (FollowTheMoney entities for Aleph, one JSON object a line) or svg (a drawn link chart)."
        )
        var format: String = "graphml"
        @Option(help: "Output file (standard output when absent).") var out: String?

        func run() async throws {
            let f = Subgraph.ExportFormat(rawValue: format)
            guard f != nil || format == "svg" else {
                throw ValidationError("unknown format '\(format)'; formats: graphml, gexf, json, ftm, svg")
            }
            guard (lead == nil) != (around == nil) else {
                throw ValidationError("give either --lead N or --around ENTITY")
            }
            try await withExitCodes {
                let s = try options.session(withLeads: lead != nil)
                let sub: Subgraph
                let title: String
                if let lead {
                    sub = s.graph.subgraph(of: try s.lead(lead))
                    title = "IronTrace lead \(lead)"
                } else {
                    sub = s.graph.neighbours(of: try s.node(around!), depth: depth)
                    title = "IronTrace: neighbours of \(around!)"
                }
                let text =
                    f.map { sub.export($0, graph: s.graph, dataset: s.dataset, title: title) }
                    ?? LinkChartDrawing.svg(sub, graph: s.graph, dataset: s.dataset, title: title)
                if let out {
                    try text.write(toFile: out, atomically: true, encoding: .utf8)
                    printError("wrote \(out): \(sub.nodes.count) nodes, \(sub.edges.count) edges")
                } else {
                    print(text, terminator: "")
                }
            }
        }
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate",
            abstract: "Precision and recall of the leads against a demo world's planted schemes (ground_truth.csv)."
        )
        @OptionGroup var options: NetworkOptions
        @Option(name: .customLong("ground-truth"), help: "The ground_truth.csv written by `irontrace generate`.")
        var groundTruth: String
        @Option(
            name: .customLong("look-alikes"),
            help: "The look_alikes.csv of the same world (default: beside the ground truth, when there)."
        )
        var lookAlikes: String?

        func run() async throws {
            try await withExitCodes {
                let facts = try readGroundTruth(groundTruth)
                let besides = ((groundTruth as NSString).deletingLastPathComponent as NSString)
                    .appendingPathComponent("look_alikes.csv")
                let lookAlikePath = lookAlikes ?? (FileManager.default.fileExists(atPath: besides) ? besides : nil)
                let alikes = try lookAlikePath.map { try self.readLookAlikes($0) } ?? []
                let s = try options.session()
                let e = LeadEvaluation(leads: s.leads, dataset: s.dataset, facts: facts, lookAlikes: alikes)
                var t = TextTable("planted scheme", "planted", "with a recovered gun", "found", "recall")
                for r in e.byScheme + [e.overall] {
                    t.add(
                        r.name,
                        String(r.planted),
                        String(r.plantedWithRecovery),
                        String(r.found),
                        String(format: "%.3f", r.recall)
                    )
                }
                print(t.render())
                var p = TextTable("lead kind", "leads", "matching a planted scheme", "precision")
                for r in e.byLead + [e.overall] {
                    p.add(r.name, String(r.leads), String(r.correctLeads), String(format: "%.3f", r.precision))
                }
                print(p.render(), terminator: "")
                if !e.lookAlikes.isEmpty {
                    var l = TextTable("look-alike (legitimate)", "groups", "with a member in a lead")
                    for r in e.lookAlikes { l.add(r.kind, String(r.groups), String(r.flagged)) }
                    print("\n" + l.render(), terminator: "")
                }
            }
        }

        func readGroundTruth(_ path: String) throws -> [LeadEvaluation.Fact] {
            try readRows(path, header: ["scheme_id", "scheme_type", "role", "entity_id"]) { f in
                guard let scheme = Int(f[0]), let entity = Int64(f[3]) else { return nil }
                return LeadEvaluation.Fact(scheme: scheme, type: f[1], role: f[2], entity: entity)
            }
        }

        func readLookAlikes(_ path: String) throws -> [LeadEvaluation.LookAlike] {
            try readRows(path, header: ["look_alike_id", "kind", "person_id"]) { f in
                guard let group = Int(f[0]), let person = Int64(f[2]) else { return nil }
                return LeadEvaluation.LookAlike(group: group, kind: f[1], person: person)
            }
        }

        /// Rows of a small evaluation CSV with a fixed header; a malformed row stops with its line.
        func readRows<T>(_ path: String, header: [String], _ parse: ([String]) -> T?) throws -> [T] {
            var out: [T] = []
            let reader = try CSVReader(path: path)
            var sawHeader = false
            while let row = reader.next() {
                guard sawHeader else {
                    guard row.fields == header else {
                        throw FormatError(
                            file: path,
                            line: row.line,
                            reason: "expected the header \(header.joined(separator: ","))"
                        )
                    }
                    sawHeader = true
                    continue
                }
                guard row.fields.count == header.count, let value = parse(row.fields) else {
                    throw FormatError(file: path, line: row.line, reason: "expected \(header.joined(separator: ", "))")
                }
                out.append(value)
            }
            return out
        }
    }

    struct Centrality: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "centrality",
            abstract: "The most linked entities of a kind (degree) and the brokers among the top leads (betweenness)."
        )
        @OptionGroup var options: NetworkOptions
        @Option(help: "person, dealer, firearm, recovery, event.") var kind: String = "person"
        @Option(help: "How many to list.") var top: Int = 10
        @Option(help: "Betweenness over the link charts of this many top leads together.") var leads: Int = 20

        func run() async throws {
            guard let k = LinkGraph.NodeKind.allCases.first(where: { $0.name == kind }) else {
                throw ValidationError("unknown kind '\(kind)'; kinds: person, dealer, firearm, recovery, event")
            }
            try await withExitCodes {
                let s = try options.session()
                let g = s.graph
                let d = s.dataset
                let byDegree = (0..<g.count(of: k)).map { g.node(k, $0) }.sorted { g.degree($0) > g.degree($1) }
                var t = TextTable("entity", "links", "label")
                for n in byDegree.prefix(top) { t.add(g.reference(n, in: d), String(g.degree(n)), g.label(n, in: d)) }
                print("By degree (\(k.name)):\n" + t.render())
                var nodes: [Int32] = []
                var seen: Set<Int32> = []
                for lead in s.leads.prefix(leads) {
                    for n in g.subgraph(of: lead).nodes where seen.insert(n).inserted { nodes.append(n) }
                }
                let b = g.betweenness(in: Subgraph(nodes: nodes, edges: g.edgesAmong(nodes)))
                var bt = TextTable("entity", "kind", "betweenness", "label")
                for (n, v) in b.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(top) {
                    bt.add(g.reference(n, in: d), g.nodeKind(n).name, String(format: "%.1f", v), g.label(n, in: d))
                }
                print(
                    "By betweenness among the top \(min(leads, s.leads.count)) leads' link charts "
                        + "(\(nodes.count) entities):\n" + bt.render(),
                    terminator: ""
                )
            }
        }
    }

    struct Indicators: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "indicators",
            abstract: "The trafficking indicators, their weights and what they mean."
        )
        func run() {
            var t = TextTable("indicator", "points", "counted up to", "kind", "meaning")
            for i in Indicator.allCases {
                t.add(
                    i.rawValue,
                    String(format: "%g", i.weight),
                    String(i.cap),
                    i.isPattern ? "pattern" : "outcome",
                    i.explanation
                )
            }
            print(t.render(), terminator: "")
            let detector = LeadDetector()
            print(
                "A lead needs \(String(format: "%g", detector.minimumScore)) points, at least "
                    + "\(String(format: "%g", detector.minimumPatternPoints)) of them from pattern indicators; a group "
                    + "of purchasers also needs \(Int(detector.minimumShortShare * 100))% of its guns recovered within "
                    + "a year of sale."
            )
        }
    }
}
