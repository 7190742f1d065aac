import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceFixtures
import IronTraceNetwork
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import Testing

/// The tiny demo world, imported through the store as a user would, with its planted schemes.
enum PlantedWorld {
    static var world: DemoWorld { DemoFixture.world }
    private static let built = Result { () throws -> (Dataset, LinkGraph, [Lead]) in
        let d = try DemoFixture.dataset()
        let g = LinkGraph(d)
        return (d, g, LeadDetector().leads(d, g))
    }
    static func dataset() throws -> Dataset { try built.get().0 }
    static func graph() throws -> LinkGraph { try built.get().1 }
    static func leads() throws -> [Lead] { try built.get().2 }
    static var facts: [LeadEvaluation.Fact] {
        world.groundTruth.map {
            LeadEvaluation.Fact(
                scheme: $0.schemeID,
                type: $0.scheme.rawValue,
                role: $0.role.rawValue,
                entity: $0.entityID
            )
        }
    }
    static var lookAlikes: [LeadEvaluation.LookAlike] {
        world.lookAlikes.map {
            LeadEvaluation.LookAlike(group: $0.groupID, kind: $0.kind.rawValue, person: $0.personID)
        }
    }
}

@Suite struct PlantedSchemeTests {
    @Test func snapshotStraightFromTheGeneratorEqualsTheImportedOne() throws {
        let b = try PlantedWorld.dataset()
        let a = PlantedWorld.world.dataset(linkSecret: b.linkSecret)
        #expect(a.persons.id == b.persons.id && a.persons.address == b.persons.address)
        #expect(a.persons.phone == b.persons.phone && a.persons.pseudonym == b.persons.pseudonym)
        #expect(a.sales.id == b.sales.id && a.sales.purchaser == b.sales.purchaser && a.sales.date == b.sales.date)
        #expect(a.sales.multipleSale == b.sales.multipleSale && a.sales.licensee == b.sales.licensee)
        #expect(a.recoveries.possessor == b.recoveries.possessor && a.recoveries.event == b.recoveries.event)
        #expect(a.traces.sale == b.traces.sale && a.traces.timeToCrime == b.traces.timeToCrime)
        #expect(a.recoveries.country.map { a.strings[$0] } == b.recoveries.country.map { b.strings[$0] })
        let ga = LinkGraph(a)
        let gb = (try PlantedWorld.graph())
        #expect(ga.offsets == gb.offsets && ga.neighbour == gb.neighbour && ga.kind == gb.kind)
    }

    @Test func graphAccountsForEveryRecord() throws {
        let d = (try PlantedWorld.dataset())
        let g = (try PlantedWorld.graph())
        #expect(g.danglingReferences == 0)
        var counts = [Int](repeating: 0, count: LinkGraph.EdgeKind.allCases.count)
        for e in 0..<g.neighbour.count { counts[Int(g.kind[e])] += 1 }
        #expect(counts[Int(LinkGraph.EdgeKind.boughtAt.rawValue)] == 2 * d.sales.count)
        #expect(counts[Int(LinkGraph.EdgeKind.boughtBy.rawValue)] == 2 * d.sales.purchaser.filter { $0 != 0 }.count)
        #expect(
            counts[Int(LinkGraph.EdgeKind.possessedBy.rawValue)] == 2 * d.recoveries.possessor.filter { $0 != 0 }.count
        )
        let traced = (0..<d.traces.count).filter { d.traces.sale[$0] != 0 }.count
        #expect(counts[Int(LinkGraph.EdgeKind.recoveredAs.rawValue)] == 2 * traced)
        // Every shared address node joins two or more people.
        for i in 0..<g.count(of: .address) { #expect(g.degree(g.node(.address, i)) >= 2) }
    }

    @Test func findsThePlantedSchemesAndLeavesTheLookAlikes() throws {
        let e = LeadEvaluation(
            leads: (try PlantedWorld.leads()),
            dataset: (try PlantedWorld.dataset()),
            facts: PlantedWorld.facts,
            lookAlikes: PlantedWorld.lookAlikes
        )
        #expect(e.overall.plantedWithRecovery >= 10)
        #expect(e.overall.recall >= 0.9, "recall \(e.overall.recall)")
        #expect(e.overall.precision >= 0.9, "precision \(e.overall.precision)")
        for row in e.byScheme where row.plantedWithRecovery >= 5 {
            #expect(row.recall >= 0.8, "\(row.name): recall \(row.recall)")
        }
        let flagged = e.lookAlikes.reduce(0) { $0 + $1.flagged }
        let groups = e.lookAlikes.reduce(0) { $0 + $1.groups }
        #expect(groups > 0 && Double(flagged) <= 0.1 * Double(groups), "\(flagged) of \(groups) look-alikes flagged")
    }

    @Test func everyLeadExplainsItsScoreAndPassesTheGates() throws {
        let d = (try PlantedWorld.dataset())
        let detector = LeadDetector()
        for lead in (try PlantedWorld.leads()) {
            #expect(abs(lead.reasons.map(\.points).reduce(0, +) - lead.score) < 1e-9)
            #expect(lead.score >= detector.minimumScore)
            let pattern = lead.reasons.filter(\.indicator.isPattern).map(\.points).reduce(0, +)
            #expect(pattern >= detector.minimumPatternPoints)
            #expect(lead.firstDay <= lead.lastDay)
            // Members really are linked: every purchaser bought a listed gun or possessed a listed recovery.
            for p in lead.persons {
                let id = d.persons.id[p]
                let bought = lead.firearms.contains { d.sales.purchaser[$0] == id }
                let held = lead.recoveries.contains { d.recoveries.possessor[$0] == id }
                #expect(bought || held || lead.kind == .strawRing)
            }
        }
        let leads = try PlantedWorld.leads()
        let ranks = leads.map(\.rank)
        #expect(ranks == Array(1...ranks.count))
        #expect(leads.map(\.score) == leads.map(\.score).sorted(by: >))
    }
}
