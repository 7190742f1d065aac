import IronTraceCore
import IronTraceDataset
import IronTraceNetwork
import Testing

/// NIBIN leads in the graph and the review: a shooting tied to a traced gun reaches its dealer and
/// purchaser, and guns named in leads are flagged when their trace is missing or late.
@Suite struct NIBINLinkTests {
    /// The path finder's hand-built world (recovery 200 traced to buyer 11 at Border Guns), plus two
    /// shootings, three more recoveries and four leads.
    static func world() -> Dataset {
        var d = PathFinderTests.world(sharedPhone: false)
        for (id, day) in [(500, 1), (501, 20)] {
            d.appendEvent(
                id: Int64(id),
                date: CivilDate(year: 2020, month: 11, day: day)!,
                type: "Violence against civilians",
                subType: "Attack",
                actor1: "unknown",
                area: "MX-08",
                fatalities: 1,
                sourceDataset: "synthetic",
                location: "Ciudad Juárez",
                provenance: ""
            )
        }
        for id in [201, 202, 203] {
            d.appendRecovery(
                id: Int64(id),
                date: CivilDate(year: 2021, month: 2, day: 1)!,
                country: "MX",
                area: "MX-08",
                manufacturer: "Colt",
                caliber: ".38 Super",
                type: .pistol,
                serialNormal: "CS\(id)",
                obliterated: false,
                crimeCategory: "homicide",
                event: nil
            )
        }
        // 202 traced 40 days after its lead, 203 five days after; 201 never traced.
        for (trace, recovery, day) in [(302, 202, 25), (303, 203, 20)] {
            d.appendTrace(
                id: Int64(trace),
                recovery: Int64(recovery),
                outcome: .notTraced,
                reason: "no serial match",
                sale: nil,
                licensee: nil,
                purchaser: nil,
                timeToCrime: nil,
                sourceClass: .undetermined,
                sourceCountry: "",
                sourceState: "",
                requestDate: CivilDate(year: 2021, month: day == 25 ? 4 : 3, day: day)
            )
        }
        func cases(_ event: Int64) -> NIBINLead.Exhibit {
            .init(id: "CC-\(event)", kind: .cartridgeCase, recoveryID: nil, eventID: event, agency: "FGR")
        }
        func gun(_ recovery: Int64) -> NIBINLead.Exhibit {
            .init(id: "FA-\(recovery)", kind: .firearm, recoveryID: recovery, eventID: nil, agency: "FGR")
        }
        let lead = CivilDate(year: 2021, month: 2, day: 15)!
        d.appendNIBINLead(NIBINLead(id: "L-1", date: lead, a: gun(200), b: cases(500)))
        d.appendNIBINLead(NIBINLead(id: "L-2", date: lead, a: gun(201), b: cases(501)))
        d.appendNIBINLead(
            NIBINLead(id: "L-3", date: CivilDate(year: 2021, month: 3, day: 10)!, a: gun(202), b: gun(203))
        )
        // Names a recovery this database does not hold: kept, not linked.
        d.appendNIBINLead(NIBINLead(id: "L-4", date: lead, a: gun(999), b: cases(500)))
        return d
    }

    @Test func aShootingReachesTheDealerAndBuyerOfTheGunThatFiredIt() throws {
        let d = Self.world()
        let g = LinkGraph(d)
        let shooting = try g.node(for: "event:500", in: d)
        let buyer = try g.node(for: "person:11", in: d)
        let edges = try #require(g.path(from: shooting, to: buyer))
        let nodes = PathFinderTests.chain(g, from: shooting, edges)
        #expect(nodes.map { g.reference($0, in: d) } == ["event:500", "recovery:200", "firearm:101", "person:11"])
        #expect(g.edgeKind(edges[0]) == .sameGun)
        #expect(g.date[edges[0]] == CivilDate(year: 2021, month: 2, day: 15)!.dayNumber)
        #expect(g.danglingReferences >= 1, "lead L-4 names recovery 999, which is not held")
    }

    @Test func theReviewTiesShootingsAndFlagsLateTraces() {
        let d = Self.world()
        let r = NIBINReview(d, LinkGraph(d))
        #expect(r.leads == 4)
        #expect(r.linked == 3)
        let tied = r.tiedShootings.map { (d.events.id[$0.event], d.recoveries.id[$0.recovery]) }
        #expect(tied.map(\.0) == [501, 500])
        #expect(tied.map(\.1) == [201, 200])
        let sale = try? #require(r.tiedShootings.first { d.recoveries.id[$0.recovery] == 200 }?.sale)
        #expect(sale.map { d.sales.id[$0] } == 101, "the shooting inherits sale 101 (Border Guns, buyer 11)")
        let late = Dictionary(uniqueKeysWithValues: r.lateTraces.map { (d.recoveries.id[$0.recovery], $0) })
        // 201 never traced, 202 traced 46 days after its lead; 203 in time; 200 traced with no
        // request date recorded (only a date could make it late).
        #expect(Set(late.keys) == [201, 202])
        #expect(late[201]?.trace == nil)
        #expect(late[202]?.daysAfterLead == 46)
    }
}
