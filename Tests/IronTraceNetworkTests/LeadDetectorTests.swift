import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceNetwork
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import Testing

/// A world small enough to reason about by hand: a straw ring of three buyers who share an
/// address (written three ways) and pass guns to a fourth person, and an ordinary buyer whose two
/// guns, bought a year apart, both ended up in Mexico.
enum HandWorld {
    static let start = CivilDate(year: 2020, month: 3, day: 2)!.dayNumber

    static let dataset: Dataset = {
        var d = Dataset()
        d.appendLicensee(id: 1, licence: "5-74-001-01-4A-10001", name: "Alamo Guns", city: "San Antonio", state: "TX")
        d.appendLicensee(id: 2, licence: "5-74-002-01-4A-10002", name: "Border Arms", city: "Laredo", state: "TX")
        d.appendLicensee(id: 3, licence: "5-74-003-01-4A-10003", name: "Hill Country", city: "Austin", state: "TX")
        let streets = ["12 Oak St.", "12  OAK ST", "12 oak st"]
        for (i, street) in streets.enumerated() {
            d.appendPerson(
                id: Int64(i + 1),
                pseudonym: Person.pseudonym(for: Int64(i + 1)),
                street: street,
                city: "San Antonio",
                state: "TX",
                zip: "78201",
                phone: "(555) 100-000\(i)"
            )
        }
        d.appendPerson(
            id: 4,
            pseudonym: "P-0000004",
            street: "9 Elm Ave",
            city: "Laredo",
            state: "TX",
            zip: "78040",
            phone: "555 200 0000"
        )
        d.appendPerson(
            id: 5,
            pseudonym: "P-0000005",
            street: "77 Pine Rd",
            city: "Austin",
            state: "TX",
            zip: "78701",
            phone: "555-300-0000"
        )
        // Straw buyers 1, 2, 3: bursts of handguns at dealers 1 and 2.
        let ring: [(buyer: Int64, dealer: Int64, day: Int32)] = [
            (1, 1, 0), (1, 1, 1), (1, 1, 2), (2, 2, 10), (2, 2, 11), (2, 2, 12), (3, 1, 20), (3, 1, 21),
        ]
        for (i, s) in ring.enumerated() {
            d.appendSale(
                id: Int64(i + 1),
                licensee: s.dealer,
                purchaser: s.buyer,
                date: CivilDate(dayNumber: start + s.day),
                multipleSale: nil,
                manufacturer: "Glock",
                model: "19",
                caliber: "9mm",
                type: .pistol,
                serialNormal: "ABC\(i)"
            )
        }
        // Ordinary buyer 5: two guns a year apart at dealer 3.
        for (k, day) in [Int32(0), 400].enumerated() {
            d.appendSale(
                id: Int64(9 + k),
                licensee: 3,
                purchaser: 5,
                date: CivilDate(dayNumber: start + day),
                multipleSale: nil,
                manufacturer: "Ruger",
                model: "LCP",
                caliber: ".380 ACP",
                type: .pistol,
                serialNormal: "R\(k)"
            )
        }
        // Recoveries in Mexico 100 days after sale: ring guns 1, 4, 5, 7 (two found with person 4)
        // and both of the ordinary buyer's guns.
        let recovered: [(sale: Int64, possessor: Int64?)] = [(1, 4), (4, 4), (5, nil), (7, nil), (9, nil), (10, nil)]
        d.appendEvent(
            id: 1,
            date: CivilDate(dayNumber: start + 101),
            type: "battles",
            subType: "armed clash",
            actor1: "Cartel",
            area: "MX-05",
            fatalities: 3,
            sourceDataset: "UCDP",
            location: "Saltillo",
            provenance: ""
        )
        for (k, r) in recovered.enumerated() {
            let saleRow = Int(r.sale - 1)
            let day = d.sales.date[saleRow] + 100
            d.appendRecovery(
                id: Int64(k + 1),
                date: CivilDate(dayNumber: day),
                country: "MX",
                area: "MX-05",
                manufacturer: "Glock",
                caliber: "9mm",
                type: .pistol,
                serialNormal: d.strings[d.sales.serial[saleRow]],
                obliterated: false,
                crimeCategory: "homicide",
                event: k == 0 ? 1 : nil,
                possessor: r.possessor
            )
            d.appendTrace(
                id: Int64(k + 1),
                recovery: Int64(k + 1),
                outcome: .completedToPurchaser,
                reason: "",
                sale: r.sale,
                licensee: d.sales.licensee[saleRow],
                purchaser: d.sales.purchaser[saleRow],
                timeToCrime: 100,
                sourceClass: .usSourced,
                sourceCountry: "US",
                sourceState: "TX"
            )
        }
        return d
    }()
}

@Suite struct LeadDetectorTests {
    @Test func linkKeysIgnoreCaseSpacingAndPunctuation() {
        let k = LinkSecret(bytes: Array(repeating: 7, count: 32))
        let a = LinkKey.address(street: "12 Oak St.", city: "San Antonio", state: "TX", zip: "78201-1234", secret: k)
        #expect(a == LinkKey.address(street: "12  OAK ST", city: "san antonio", state: "tx", zip: "78201", secret: k))
        #expect(a != LinkKey.address(street: "14 Oak St", city: "San Antonio", state: "TX", zip: "78201", secret: k))
        #expect(LinkKey.address(street: "", city: "San Antonio", state: "TX", zip: "78201", secret: k) == 0)
        #expect(LinkKey.phone("(555) 123-4567", secret: k) == LinkKey.phone("555.123.4567", secret: k))
        #expect(LinkKey.phone("+1 555 123 4567", secret: k) == LinkKey.phone("555-123-4567", secret: k))
        #expect(LinkKey.phone("n/a", secret: k) == 0)
        // HMAC-SHA256 (first 64 bits, big-endian) as Python's hmac module computes it:
        // hmac.new(bytes([7] * 32), b"phone:5551234567", hashlib.sha256).digest()[:8]
        #expect(LinkKey.phone("(555) 123-4567", secret: k) == 0xc437_234d_c5f4_e2fb)
        // Another secret, other keys for the same text.
        let other = LinkSecret(bytes: Array(repeating: 8, count: 32))
        #expect(LinkKey.phone("(555) 123-4567", secret: k) != LinkKey.phone("(555) 123-4567", secret: other))
    }

    @Test func graphHoldsEveryLinkBothWays() {
        let d = HandWorld.dataset
        let g = LinkGraph(d)
        #expect(g.count(of: .person) == 5 && g.count(of: .dealer) == 3 && g.count(of: .firearm) == 10)
        #expect(g.count(of: .address) == 1, "the three spellings of 12 Oak St are one address")
        #expect(g.count(of: .phone) == 0, "no phone is shared")
        var kinds: [LinkGraph.EdgeKind: Int] = [:]
        for n in 0..<Int32(g.nodeCount) {
            for e in g.edges(of: n) {
                kinds[g.edgeKind(e), default: 0] += 1
                // The same edge seen from the other end.
                let back = g.edges(of: g.neighbour[e]).contains { g.neighbour[$0] == n && g.kind[$0] == g.kind[e] }
                #expect(back)
            }
        }
        #expect(kinds[.boughtBy] == 20 && kinds[.boughtAt] == 20, "10 sales, each edge counted from both ends")
        #expect(kinds[.recoveredAs] == 12 && kinds[.possessedBy] == 4 && kinds[.recoveredAt] == 2)
        #expect(kinds[.sharesAddress] == 6)
        #expect(g.danglingReferences == 0)
    }

    @Test func findsTheRingAndExplainsIt() throws {
        let d = HandWorld.dataset
        let g = LinkGraph(d)
        let leads = LeadDetector().leads(d, g)
        #expect(leads.count == 1)
        let lead = try #require(leads.first)
        #expect(lead.kind == .strawRing)
        #expect(lead.persons.map { d.persons.id[$0] } == [1, 2, 3, 4], "the three straws and the possessor")
        #expect(lead.firearms.count == 8 && lead.recoveries.count == 4 && lead.dealers.count == 2)
        #expect(lead.events.map { d.events.id[$0] } == [1])
        let counts = Dictionary(uniqueKeysWithValues: lead.reasons.map { ($0.indicator, $0.count) })
        #expect(counts[.shortTimeToCrime] == 4)
        #expect(counts[.crossBorder] == 4)
        #expect(counts[.possessorNotPurchaser] == 2)
        #expect(counts[.purchaseBurst] == 2)
        #expect(counts[.sharedAddress] == 1)
        #expect(counts[.manyGuns] == 4)
        #expect(abs(lead.reasons.map(\.points).reduce(0, +) - lead.score) < 1e-9)
        #expect(lead.reasons.map(\.points) == lead.reasons.map(\.points).sorted(by: >))
        // The ordinary buyer's guns both ended in Mexico within a year, but nothing in how they
        // were bought looks like a scheme.
        #expect(!leads.contains { $0.persons.contains(4) })
    }

    @Test func timelineListsPurchasesRecoveriesAndEventsInOrder() throws {
        let d = HandWorld.dataset
        let g = LinkGraph(d)
        let lead = try #require(LeadDetector().leads(d, g).first)
        let t = lead.timeline(d, g)
        #expect(t.filter { $0.kind == .purchase }.count == 8)
        #expect(t.filter { $0.kind == .recovery }.count == 4)
        #expect(t.filter { $0.kind == .event }.count == 1)
        #expect(t.map(\.date) == t.map(\.date).sorted())
        #expect(t.first?.text.contains("P-0000001 buys Glock 19 9mm") == true)
    }

    @Test func pathFromAnEventToADealer() throws {
        let d = HandWorld.dataset
        let g = LinkGraph(d)
        let event = try g.node(for: "event:1", in: d)
        let dealer = try g.node(for: "dealer:5-74-001-01-4A-10001", in: d)
        let path = try #require(g.path(from: event, to: dealer))
        #expect(path.map { g.edgeKind($0) } == [.recoveredAt, .recoveredAs, .boughtAt])
        #expect(g.path(from: event, to: event) == [])
        #expect(throws: NetworkError.self) { try g.node(for: "person:99", in: d) }
        #expect(throws: NetworkError.self) { try g.node(for: "gun:1", in: d) }
    }

    @Test func neighboursStopAtDepthAndAtHubs() throws {
        let d = HandWorld.dataset
        let g = LinkGraph(d)
        let p1 = try g.node(for: "person:1", in: d)
        let one = g.neighbours(of: p1, depth: 1)
        #expect(Set(one.nodes.map { g.nodeKind($0) }) == [.person, .firearm, .address])
        #expect(one.nodes.count == 1 + 3 + 1)
        #expect(one.edges.count == 4)
        let two = g.neighbours(of: p1, depth: 2, hubLimit: 3)
        #expect(two.nodes.contains(try g.node(for: "person:2", in: d)), "through the shared address")
        let dealer1 = try g.node(for: "dealer:1", in: d)
        #expect(g.neighbours(of: p1, depth: 3, hubLimit: 3).unexpanded.contains(dealer1))
    }

    @Test func betweennessFindsTheBroker() throws {
        let d = HandWorld.dataset
        let g = LinkGraph(d)
        let lead = try #require(LeadDetector().leads(d, g).first)
        let sub = g.subgraph(of: lead)
        let b = g.betweenness(in: sub)
        // On a path a - b - c, b lies on the one shortest path between a and c.
        let p1 = try g.node(for: "person:1", in: d)
        let line = g.neighbours(of: try g.node(for: "firearm:1", in: d), depth: 1)
        let onLine = g.betweenness(in: Subgraph(nodes: line.nodes, edges: line.edges))
        #expect(onLine[try g.node(for: "firearm:1", in: d)]! > 0)
        // The shared address sits between the three straws; the event, a leaf, brokers nothing.
        let address = sub.nodes.first { g.nodeKind($0) == .address }!
        #expect(b[address]! > 0)
        #expect(b[try g.node(for: "event:1", in: d)]! == 0)
        #expect(b[p1]! > 0)
    }

    @Test func exportsParseAndMaskPeople() throws {
        let d = HandWorld.dataset
        let g = LinkGraph(d)
        let lead = try #require(LeadDetector().leads(d, g).first)
        let sub = g.subgraph(of: lead)
        for format in Subgraph.ExportFormat.allCases {
            let text = sub.export(format, graph: g, dataset: d, title: "lead <1> & co")
            #expect(!text.contains("Oak"), "no street address in \(format)")
            #expect(!text.contains("555"), "no phone number in \(format)")
            #expect(text.contains("P-0000001"))
            switch format {
            case .json:
                let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                let nodes = try #require(object["nodes"] as? [[String: Any]])
                let edges = try #require(object["edges"] as? [[String: Any]])
                #expect(nodes.count == sub.nodes.count && edges.count == sub.edges.count)
                let ids = Set(nodes.compactMap { $0["id"] as? String })
                #expect(ids.count == nodes.count)
                #expect(
                    edges.allSatisfy { e in
                        (e["source"] as? String).map(ids.contains) == true
                            && (e["target"] as? String).map(ids.contains) == true
                    }
                )
            case .ftm:
                // One entity a line; every node but phones is one, every link but phone links one;
                // every reference points at an entity of the file.
                let entities = try text.split(separator: "\n").map { line in
                    try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                }
                let ids = Set(entities.compactMap { $0["id"] as? String })
                #expect(ids.count == entities.count)
                let phones = sub.nodes.filter { g.nodeKind($0) == .phone }.count
                let phoneLinks = sub.edges.filter { g.edgeKind($0) == .sharesPhone }.count
                #expect(entities.count >= sub.nodes.count - phones + sub.edges.count - phoneLinks)
                for e in entities {
                    let properties = try #require(e["properties"] as? [String: [String]])
                    for key in ["owner", "asset", "subject", "object", "document", "entity"] {
                        #expect((properties[key] ?? []).allSatisfy(ids.contains), "\(key) of \(e)")
                    }
                }
            case .graphml, .gexf:
                let probe = try #require(XMLProbe.parse(text), "\(format) is well-formed XML")
                #expect(probe.elements["node"] == sub.nodes.count)
                #expect(probe.elements["edge"] == sub.edges.count)
            }
        }
    }
}
