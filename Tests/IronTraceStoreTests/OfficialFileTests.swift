import Foundation
import IronTraceStore
import IronTraceTesting
import Testing

/// The official files as published, read without hand editing; the tests reproduce the figures
/// their producers publish.
@Suite struct OfficialFileTests {
    @Test(
        .enabled(
            if: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2010.csv") != nil,
            "needs ../shared/data"
        )
    )
    func inegiHomicidesReproducePublishedTotals() throws {
        let store = try IronTraceStore(path: ":memory:")
        for year in [2010, 2015] {
            let s = try store.importOfficial(
                .inegiHomicides,
                path: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/\(year).csv")!
            )
            #expect(s.isBalanced)
            #expect(s.sampleRejections.allSatisfy { $0.reason.contains("INEGI code") })
            if year == 2015 {
                // The 2015 export lists deaths that occurred in the US and elsewhere (codes 33, 34):
                // rejected with their reason, never dropped silently.
                #expect(s.rowsRejected >= 26)
            }
        }
        // INEGI: 25,757 homicides registered in 2010 and 20,762 in 2015 (national total row).
        #expect(try store.sumOfMeasure(like: "homicides", source: "INEGI", area: "MX", period: "2010") == 25_757)
        #expect(try store.sumOfMeasure(like: "homicides", source: "INEGI", area: "MX", period: "2015") == 20_762)
        // The months add up to the year, and the states to the nation less deaths abroad.
        #expect(try store.sumOfMeasure(like: "homicides", source: "INEGI", area: "MX", period: "2015-%") == 20_762)
        let states = try store.sumOfMeasure(like: "homicides", source: "INEGI", area: "MX-__", period: "2015")
        #expect(states <= 20_762 && states > 20_700)
        // Municipalities add up to their state.
        let jalisco = try store.sumOfMeasure(like: "homicides", source: "INEGI", area: "MX-14", period: "2015")
        let jaliscoMunicipalities = try store.sumOfMeasure(
            like: "homicides",
            source: "INEGI",
            area: "MX-14___",
            period: "2015"
        )
        #expect(jalisco == jaliscoMunicipalities)
    }

    @Test(.enabled(if: SharedData.path("sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv") != nil, "needs ../shared/data"))
    func sesnspIncidenceReproducesPublishedTotals() throws {
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(
            .sesnspIncidence,
            path: SharedData.path("sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv")!
        )
        #expect(s.isBalanced)
        #expect(s.rowsRejected == 0)
        // SESNSP: 29,480 investigation files for intentional homicide (homicidio doloso) in 2019.
        #expect(
            try store.sumOfMeasure(like: "carpetas:Homicidio doloso:%", source: "SESNSP", period: "2019-%") == 29_480
        )
        // Names come out repaired from the Mac Roman mojibake.
        #expect(
            try store.sumOfMeasure(like: "carpetas:Feminicidio:Con arma de fuego", source: "SESNSP", period: "2019-%")
                > 0
        )
        #expect(
            try store.sumOfMeasure(like: "carpetas:Robo de vehículo automotor:%", source: "SESNSP", period: "2019-%")
                > 0
        )
    }

    @Test(
        .enabled(
            if: SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv") != nil,
            "needs ../shared/data"
        )
    )
    func atfFlowsReproduceThePublishedGrandTotal() throws {
        // ATF, Firearms Trace Data 2017, source and recovery by state: grand total 239,175.
        let a = try IronTraceStore(path: ":memory:")
        let s = try a.importOfficial(
            .atfFlows,
            path: SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv")!
        )
        #expect(s.isBalanced)
        #expect(s.sampleRejections.allSatisfy { $0.reason.contains("total row") })
        #expect(try a.sumOfFlows(year: 2017, source: "ATF") == 239_175)
        // The other tidy layout of the same tables gives the same figure.
        let b = try IronTraceStore(path: ":memory:")
        let t = try b.importOfficial(.atfFlows, path: SharedData.path("atf_trace_by_state/full_trace_data_13_17.csv")!)
        #expect(t.isBalanced)
        #expect(try b.sumOfFlows(year: 2017, source: "ATF") == 239_175)
    }

    @Test(.enabled(if: SharedData.path("ucdp_ged_mexico/ucdp_ged_mexico.csv") != nil, "needs ../shared/data"))
    func ucdpEventsImportEveryMexicanRow() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let store = try IronTraceStore(path: dir.path("db.sqlite"))
        let s = try store.importOfficial(.ucdpGED, path: SharedData.path("ucdp_ged_mexico/ucdp_ged_mexico.csv")!)
        #expect(s.isBalanced)
        #expect(s.rowsRead == 18_957)
        #expect(s.rowsRejected == 0, "\(s.sampleRejections.prefix(3))")
        let d = try store.loadDataset()
        // UCDP's best estimates of deaths in the Mexico rows sum to 140,695.
        #expect(d.events.fatalities.reduce(0) { $0 + Int($1) } == 140_695)
        // Cartel dyads such as CJNG appear as actors, in states read from adm_1.
        #expect(
            d.events.actor1.contains { d.strings[$0].contains("Jalisco") }
                || d.events.actor1.contains { d.strings[$0].contains("CJNG") }
        )
        #expect(d.strings.lookup("MX-08") != nil)
    }

    @Test(
        .enabled(
            if: SharedData.path("acled_format_sample/acled_sample_events_argentina_2022-06.csv") != nil,
            "needs ../shared/data"
        )
    )
    func acledEventsKeepTheirTaxonomy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let store = try IronTraceStore(path: dir.path("db.sqlite"))
        let s = try store.importOfficial(
            .acled,
            path: SharedData.path("acled_format_sample/acled_sample_events_argentina_2022-06.csv")!
        )
        #expect(s.isBalanced)
        #expect(s.rowsRead == 326 && s.rowsStored == 326)
        let d = try store.loadDataset()
        let types = d.events.type.map { d.strings[$0] }
        let subTypes = d.events.subType.map { d.strings[$0] }
        #expect(types.filter { $0 == "Protests" }.count == 282)
        #expect(subTypes.filter { $0 == "Violent demonstration" }.count == 38)
        #expect(d.events.fatalities.reduce(0) { $0 + Int($1) } == 2)
        // Re-importing the same export adds nothing.
        #expect(
            try store.importOfficial(
                .acled,
                path: SharedData.path("acled_format_sample/acled_sample_events_argentina_2022-06.csv")!
            ).previousImportID != nil
        )
    }
}
