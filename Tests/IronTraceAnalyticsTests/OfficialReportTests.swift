import IronTraceAnalytics
import IronTraceStore
import IronTraceTesting
import Testing

/// Reports over the official files as published: the figures must be the published ones.
@Suite struct OfficialReportTests {
    static let haveData = SharedData.path("inegi_homicidios_municipio_mes_1990_2015/2015.csv") != nil

    @Test(.enabled(if: haveData, "needs ../shared/data"))
    func violenceFromINEGIAndSESNSPSideBySide() throws {
        let store = try IronTraceStore(path: ":memory:")
        for y in [2010, 2015] {
            _ = try store.importOfficial(
                .inegiHomicides,
                path: SharedData.path("inegi_homicidios_municipio_mes_1990_2015/\(y).csv")!
            )
        }
        _ = try store.importOfficial(
            .sesnspIncidence,
            path: SharedData.path("sesnsp_estatal_2015_2022/IDEFC_NM_mar22.csv")!
        )
        _ = try store.importOfficial(
            .conapoPopulation,
            path: SharedData.path("poblacion_mx/conapo_pob_ent_gender_1950_2070.csv")!
        )
        _ = try store.importOfficial(
            .inegiCensus,
            path: SharedData.path("poblacion_mx/inegi_censos_1990_2010_poblacion_municipio_raw.csv")!
        )
        let analytics = Analytics(try store.loadDataset())
        #expect(!analytics.isSynthetic)

        let r2015 = analytics.report(.violence, filter: try ReportFilter(parameters: ["years": "2015"]))
        let states = try #require(r2015.table("by_state"))
        // INEGI: 20,762 homicides registered in 2015.
        let inegi = "Homicides, death records (INEGI)"
        #expect(states.value("Mexico", inegi) == 20_762)
        let population = try #require(states.value("Mexico", "Population"))
        let rate = try #require(states.value("Mexico", "Homicides, death records rate (INEGI)"))
        #expect(abs(rate - 20_762 / population * 100_000) < 0.05)
        #expect(rate > 15 && rate < 18)  // about 16-17 per 100,000 in 2015
        // The state rows add up to the national figure (deaths abroad are rejected on import).
        let sum = states.rows.filter { $0[0].text != "Mexico" }.compactMap { row -> Double? in
            let i = states.columns.firstIndex { $0.name == inegi }!
            return row[i].number
        }.reduce(0, +)
        #expect(sum <= 20_762 && sum > 20_500)

        let r2019 = analytics.report(.violence, filter: try ReportFilter(parameters: ["years": "2019"]))
        // SESNSP: 29,480 intentional homicide files in 2019, and firearm ones a share of them.
        let t2019 = try #require(r2019.table("by_state"))
        #expect(t2019.value("Mexico", "Intentional homicide files (SESNSP)") == 29_480)
        let firearmShare = try #require(t2019.value("Mexico", "Firearm share (SESNSP)"))
        #expect(firearmShare > 0.6 && firearmShare < 0.8)
        // Monthly figures for one year sum to the year.
        let monthly = try #require(r2019.table("monthly"))
        #expect(monthly.rows.count == 12)
        #expect(monthly.column("Intentional homicide files (SESNSP)").compactMap(\.number).reduce(0, +) == 29_480)

        // Municipalities of 300,000 or more in 2010, with the 2010 census population and INEGI deaths.
        let r2010 = analytics.report(.violence, filter: try ReportFilter(parameters: ["years": "2010"]))
        let municipalities = try #require(r2010.table("municipalities"))
        #expect(municipalities.rows.count > 50)
        #expect(municipalities.column("Population").allSatisfy { ($0.number ?? 0) >= 300_000 })
        let top = try #require(municipalities.rows.first)
        #expect(top[1].text == "Juárez")  // Ciudad Juárez had Mexico's highest homicide rate in 2010
        let trend = try #require(r2010.table("trend"))
        #expect(trend.value("2010", "Homicides, death records (INEGI)") == 25_757)
    }

    @Test(
        .enabled(
            if: SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv") != nil,
            "needs ../shared/data"
        )
    )
    func publishedFlowsFromTheATFTables() throws {
        let store = try IronTraceStore(path: ":memory:")
        _ = try store.importOfficial(
            .atfFlows,
            path: SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv")!
        )
        _ = try store.importOfficial(
            .censusPopulation,
            path: SharedData.path("poblacion_us/us_state_population_2010_2020.csv")!
        )
        let analytics = Analytics(try store.loadDataset())
        let filter = try ReportFilter(parameters: ["years": "2017"])
        let published = try #require(analytics.report(.sources, filter: filter).table("published_source_states"))
        // ATF 2017 source and recovery by state: 239,175 traces with a US source state.
        #expect(published.column("Traces").compactMap(\.number).reduce(0, +) == 239_175)
        // Texas: 22,804 traces (summed from the tidy table) over 28,295,273 residents (Census, 2017).
        let texas = try #require(published.rows.first { $0[1].text == "Texas" })
        #expect(texas[2].number == 22_804)
        func cell(_ name: String) -> Double? {
            published.columns.firstIndex { $0.name == name }.flatMap { texas[$0].number }
        }
        let rate = try #require(cell("All-traces rate"))
        #expect(abs(rate - 22_804 / 28_295_273 * 100_000) < 0.01)
        // The export rate counts only the guns recovered outside Texas.
        let outside = try #require(cell("Recovered outside the state"))
        #expect(outside > 0 && outside < 22_804)
        let exportRate = try #require(cell("Export rate"))
        #expect(abs(exportRate - outside / 28_295_273 * 100_000) < 0.01)
        let inState = try #require(analytics.report(.flows, filter: filter).table("published_in_state"))
        let share = try #require(inState.value("Recovered in the source state", "Share"))
        #expect(share > 0.5 && share < 0.8)
        let texasInCalifornia = try #require(
            analytics.report(.flows, filter: try ReportFilter(parameters: ["years": "2017", "area": "US-CA"]))
                .table("published_corridors")
        )
        #expect(texasInCalifornia.rows.allSatisfy { $0[2].text == "California" })
    }
}
