import Foundation
import HummingbirdTesting
import IronTraceServer
import IronTraceStore
import Testing

/// Whatever reveals links between people or lists them writes an audit row.
@Suite struct AuditTests {
    @Test func whatRevealsLinksOrListsPeopleIsAudited() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        let person = "person:\(d.persons.id[0])"
        let dealer = "dealer:\(d.licensees.id[0])"
        try await f.app.test(.router) { client in
            let s = Session(client)
            let login = try await s.logIn("ana")
            #expect(login.status == .seeOther)
            #expect(try await s.get("/network/entity/\(person)").status == .ok)
            #expect(try await s.get("/api/v1/entities/\(person)/neighbours?depth=2").status == .ok)
            #expect(try await s.get("/network/path?from=\(person)&to=\(dealer)").status == .ok)
            #expect(try await s.get("/traces?page=2").status == .ok)
            #expect(try await s.get("/api/v1/traces?per_page=5").status == .ok)
            #expect(try await s.get("/traces?download=csv").status == .ok)
        }
        let entity = try f.store.auditLog(action: "entity-view").entries
        #expect(entity.count == 2 && entity.allSatisfy { $0.user == "ana" && $0.target == person })
        #expect(entity.contains { $0.detail.contains("api") })
        let path = try f.store.auditLog(action: "path-view").entries
        #expect(path.count == 1 && path[0].target == person && path[0].detail.contains(dealer))
        let lists = try f.store.auditLog(action: "trace-list").entries
        #expect(lists.count == 2 && lists.allSatisfy { $0.user == "ana" && $0.target == "traces" })
        #expect(lists.contains { $0.detail.hasPrefix("api") } && lists.contains { $0.detail.hasPrefix("page 2") })
        #expect(try f.store.auditLog(action: "export").entries.contains { $0.target == "traces" })
    }
}
