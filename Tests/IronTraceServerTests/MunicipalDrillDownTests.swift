import Foundation
import HummingbirdTesting
import IronTraceServer
import IronTraceStore
import IronTraceTesting
import Testing

/// The Violence page's area filter drills down to a municipality, on INEGI's published death
/// records (../shared/data): `area=MX-14039` shows Guadalajara's homicides, not Jalisco's.
@Suite(.enabled(if: SharedData.isAvailable, "needs the public data in ../shared/data"))
struct MunicipalDrillDownTests {
    static let file = "inegi_homicidios_municipio_mes_1990_2015/2010.csv"

    @Test func aMunicipalityOnTheViolencePageIsTheMunicipality() async throws {
        let dir = try TemporaryDirectory("drill-down")
        defer { dir.cleanup() }
        let store = try IronTraceStore(path: dir.url.appendingPathComponent("official.sqlite").path)
        _ = try store.importOfficial(.inegiHomicides, path: try #require(SharedData.path(Self.file)))
        var config = ServerConfiguration()
        config.bcryptCost = 4
        _ = try IronTraceServer.addUser(store, name: "vic", role: .viewer, cost: 4)
        try IronTraceServer.setPassword(store, name: "vic", password: ServerFixture.password, cost: 4)
        let state = try ServerState(store: store, configuration: config)
        try await IronTraceServer.application(state).test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("vic").status == .seeOther)
            // INEGI 2010: 249 homicides registered in Guadalajara, 1,081 in Jalisco (the CLI's test
            // reads the same figures from the same file).
            let city = try await s.get("/violence?area=MX-14039&years=2010")
            #expect(city.status == .ok)
            #expect(city.contains("Guadalajara"))
            #expect(city.contains(">249<"), "Guadalajara's 249 homicides")
            #expect(!city.contains("1,081"), "Jalisco's figure on Guadalajara's page")
            let state = try await s.get("/violence?area=MX-14&years=2010")
            #expect(state.contains("1,081"), "Jalisco's 1,081 homicides")
        }
    }
}
