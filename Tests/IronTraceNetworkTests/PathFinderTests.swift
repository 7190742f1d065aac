import IronTraceCore
import IronTraceDataset
import IronTraceNetwork
import Testing

/// The path finder on a graph built by hand, where every shortest chain is known.
@Suite struct PathFinderTests {
    /// Two buyers at one dealer, each with a gun; the second gun recovered; optionally a phone the
    /// two buyers share.
    static func world(sharedPhone: Bool) -> Dataset {
        var d = Dataset()
        d.appendLicensee(id: 1, licence: "5-74-001-01-5K-00001", name: "Border Guns", city: "El Paso", state: "TX")
        d.appendLicensee(id: 2, licence: "5-74-002-01-5K-00002", name: "Other Guns", city: "Laredo", state: "TX")
        d.appendPerson(
            id: 10,
            pseudonym: Person.pseudonym(for: 10),
            street: "1 Main St",
            city: "El Paso",
            state: "TX",
            zip: "79901",
            phone: sharedPhone ? "915-555-0100" : "915-555-0101"
        )
        d.appendPerson(
            id: 11,
            pseudonym: Person.pseudonym(for: 11),
            street: "9 Oak Ave",
            city: "El Paso",
            state: "TX",
            zip: "79902",
            phone: "915-555-0100"
        )
        d.appendPerson(
            id: 12,
            pseudonym: Person.pseudonym(for: 12),
            street: "3 Elm St",
            city: "Laredo",
            state: "TX",
            zip: "78040",
            phone: "956-555-0199"
        )
        let day = CivilDate(year: 2020, month: 5, day: 1)!
        for (sale, dealer, buyer, serial) in [(100, 1, 10, "AB1001"), (101, 1, 11, "AB1002"), (102, 2, 12, "ZZ9")] {
            d.appendSale(
                id: Int64(sale),
                licensee: Int64(dealer),
                purchaser: Int64(buyer),
                date: day,
                multipleSale: sharedPhone && sale != 102 ? 7 : nil,
                manufacturer: "Glock",
                model: "19",
                caliber: "9mm Luger",
                type: .pistol,
                serialNormal: serial
            )
        }
        d.appendRecovery(
            id: 200,
            date: CivilDate(year: 2021, month: 1, day: 2)!,
            country: "MX",
            area: "MX-08",
            manufacturer: "Glock",
            caliber: "9mm Luger",
            type: .pistol,
            serialNormal: "AB1002",
            obliterated: false,
            crimeCategory: "homicide",
            event: nil
        )
        d.appendTrace(
            id: 300,
            recovery: 200,
            outcome: .completedToPurchaser,
            reason: "",
            sale: 101,
            licensee: 1,
            purchaser: 11,
            timeToCrime: 246,
            sourceClass: .usSourced,
            sourceCountry: "US",
            sourceState: "TX"
        )
        return d
    }

    /// The nodes a path visits, start first: each edge must leave the node the previous one reached.
    static func chain(_ g: LinkGraph, from a: Int32, _ edges: [Int]) -> [Int32] {
        var nodes = [a]
        for e in edges {
            #expect(g.source(ofHalfEdge: e) == nodes.last!, "edge \(e) does not leave the node the chain reached")
            nodes.append(g.neighbour[e])
        }
        return nodes
    }

    @Test func theChainEndsAtTheTargetAndNeverRepeatsAStep() throws {
        let d = Self.world(sharedPhone: false)
        let g = LinkGraph(d)
        let p10 = try g.node(for: "person:10", in: d)
        let p11 = try g.node(for: "person:11", in: d)
        let edges = try #require(g.path(from: p10, to: p11))
        let nodes = Self.chain(g, from: p10, edges)
        // buyer 10 → gun 100 → Border Guns → gun 101 → buyer 11.
        #expect(
            nodes.map { g.reference($0, in: d) } == [
                "person:10", "firearm:100", "dealer:1", "firearm:101", "person:11",
            ]
        )
        #expect(Set(nodes).count == nodes.count)
        // And back: the same length, ending at buyer 10.
        let back = try #require(g.path(from: p11, to: p10))
        #expect(back.count == 4)
        #expect(Self.chain(g, from: p11, back).last == p10)
        // The recovery reaches buyer 11 through the gun it was traced to.
        let r = try g.node(for: "recovery:200", in: d)
        let fromRecovery = Self.chain(g, from: r, try #require(g.path(from: r, to: p10)))
        #expect(
            fromRecovery.map { g.reference($0, in: d) } == [
                "recovery:200", "firearm:101", "dealer:1", "firearm:100", "person:10",
            ]
        )
        // A buyer at another dealer is not connected.
        #expect(g.path(from: p10, to: try g.node(for: "person:12", in: d)) == nil)
    }

    @Test func aSharedPhoneIsTheShorterChain() throws {
        let d = Self.world(sharedPhone: true)
        let g = LinkGraph(d)
        let p10 = try g.node(for: "person:10", in: d)
        let p11 = try g.node(for: "person:11", in: d)
        let nodes = Self.chain(g, from: p10, try #require(g.path(from: p10, to: p11)))
        #expect(nodes.count == 3)
        #expect(g.nodeKind(nodes[1]) == .phone)
        #expect(nodes.last == p11)
    }

    @Test func entitiesAreFoundByWhatThePagesShow() throws {
        let d = Self.world(sharedPhone: true)
        let g = LinkGraph(d)
        #expect(try g.node(for: "P-0000011", in: d) == g.node(for: "person:11", in: d))
        #expect(try g.node(for: " p-0000011 ", in: d) == g.node(for: "person:11", in: d))
        #expect(try g.node(for: "5-74-002-01-5K-00002", in: d) == g.node(for: "dealer:2", in: d))
        #expect(try g.node(for: "AB1001", in: d) == g.node(for: "firearm:100", in: d))
        #expect(throws: NetworkError.self) { try g.node(for: "P-0000099", in: d) }
        #expect(g.count(of: .phone) == 1 && g.count(of: .multipleSale) == 1)
        // Every reference the pages print leads back to its node, shared addresses and phones too.
        for n in 0..<Int32(g.nodeCount) {
            #expect(try g.node(for: g.reference(n, in: d), in: d) == n, "\(g.reference(n, in: d))")
        }
        #expect(throws: NetworkError.self) { try g.node(for: "nobody", in: d) }
    }
}
