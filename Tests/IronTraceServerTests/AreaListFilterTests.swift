import HummingbirdTesting
import Testing

/// The dashboard and the API take the same area lists, groups and names as the CLI.
@Suite struct AreaListFilterTests {
    @Test func listsGroupsAndNamesInTheURL() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            try await s.logIn("vic")
            let list = try await s.get("/flows?area=US-NY,US-NJ")
            #expect(list.status == .ok)
            #expect(list.contains("Filter: area=US-NY,US-NJ"))
            let group = try await s.get("/api/v1/reports/summary?area=mx-border-tx&source-state=us-i95")
            #expect(group.status == .ok)
            let ambiguous = try await s.get("/api/v1/reports/summary?area=Juarez")
            #expect(ambiguous.status == .badRequest)
            #expect(ambiguous.contains("ambiguous"))
        }
    }
}
