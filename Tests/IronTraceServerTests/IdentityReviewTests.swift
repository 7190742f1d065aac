import Foundation
import HummingbirdTesting
import IronTraceCore
import IronTraceStore
import Testing

@testable import IronTraceServer

/// The analyst's side of entity resolution: the pairs waiting for a ruling, "same person" joining
/// two records in the graph, "split off" undoing it, each ruling audited; in Spanish; not for viewers.
@Suite struct IdentityReviewTests {
    @Test func rulingsJoinAndSplitRecordsAndAreAudited() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        // Three buyers of the world: 1 and 2 already resolved as one, 3 ~ 4 waiting for a ruling.
        let ids = Array(d.persons.id.prefix(4))
        try f.store.saveResolution(
            entities: [(person: ids[1], entity: ids[0])],
            licensees: [],
            review: [
                ResolutionReviewItem(
                    a: ids[2],
                    b: ids[3],
                    score: 0.76,
                    explanation: "names alike (spelling, initials or order); blank; same address; blank"
                )
            ],
            summary: "test",
            by: "test"
        )
        try f.state.live.settle()
        #expect(f.state.snapshot.dataset.personEntity[ids[1]] == ids[0])
        #expect(!f.state.snapshot.dataset.persons.id.contains(ids[1]), "the merged record is read as its entity")
        try await f.app.test(.router) { client in
            let vic = Session(client)
            try await vic.logIn("vic")
            #expect(try await vic.get("/network/identities").status == .forbidden)
            let ana = Session(client)
            try await ana.logIn("ana")
            let page = try await ana.get("/network/identities")
            #expect(page.status == .ok)
            #expect(page.contains("id=\"pair-\(ids[2])-\(ids[3])\""))
            #expect(page.contains("names alike (spelling, initials or order)"))
            ana.language = "es-MX,es;q=0.9"
            let es = try await ana.get("/network/identities")
            #expect(es.contains("nombres parecidos"))
            #expect(es.contains("Misma persona"))
            ana.language = nil
            // Same person: 4 joins 3; the pair leaves the queue.
            let same = try await ana.post(
                "/network/identities",
                form: [("a", "\(ids[2])"), ("b", "\(ids[3])"), ("same", "1")]
            )
            #expect(same.status == .seeOther)
            #expect(try f.store.resolutionReview(limit: 10, offset: 0).total == 0)
            #expect(try f.store.personEntities()[ids[3]] == ids[2])
            #expect(try f.store.auditLog(action: "resolve-same").total == 1)
            try f.state.live.settle()
            let entity = try await ana.get("/network/entity/person:\(ids[2])")
            #expect(entity.contains("id=\"merged-records\""))
            #expect(entity.contains(Person.pseudonym(for: ids[3])))
            // Split it off again: reversible, audited.
            let split = try await ana.post(
                "/network/identities",
                form: [
                    ("a", "\(ids[2])"), ("b", "\(ids[3])"), ("same", "0"), ("back", "/network/entity/person:\(ids[2])"),
                ]
            )
            #expect(split.headers[.location] == "/network/entity/person:\(ids[2])")
            #expect(try f.store.personEntities()[ids[3]] == nil)
            #expect(try f.store.auditLog(action: "resolve-different").total == 1)
            try f.state.live.settle()
            #expect(f.state.snapshot.dataset.persons.id.contains(ids[3]))
            let bad = try await ana.post("/network/identities", form: [("a", "1"), ("b", "1"), ("same", "1")])
            #expect(bad.status == .badRequest)
            // A ruling on a record that does not exist is refused and leaves no ruling behind.
            let rulings = try f.store.auditLog(action: "resolve-same").total
            for missing in ["999999999", "9223372036854775807"] {
                let r = try await ana.post(
                    "/network/identities",
                    form: [("a", "\(ids[2])"), ("b", missing), ("same", "1")]
                )
                #expect(r.status == .notFound)
                #expect(r.contains("no person record with id \(missing)"))
            }
            #expect(try f.store.auditLog(action: "resolve-same").total == rulings)
        }
    }
}
