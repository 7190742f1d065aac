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

@Suite struct PopulationFileTests {
    @Test(
        .enabled(
            if: SharedData.path("poblacion_mx/inegi_censo2020_poblacion_municipio_raw.csv") != nil,
            "needs ../shared/data"
        )
    )
    func inegiCensus2020ReproducesThePublishedTotal() throws {
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(
            .inegiCensus,
            path: SharedData.path("poblacion_mx/inegi_censo2020_poblacion_municipio_raw.csv")!
        )
        #expect(s.isBalanced)
        #expect(s.rowsRejected == 0)
        // INEGI, Censo de Población y Vivienda 2020: 126,014,024 residents.
        #expect(
            try store.sumOfMeasure(like: "population", source: "INEGI census", area: "MX", period: "2020")
                == 126_014_024
        )
        // The states add up to the nation, and Jalisco's municipalities to Jalisco.
        #expect(
            try store.sumOfMeasure(like: "population", source: "INEGI census", area: "MX-__", period: "2020")
                == 126_014_024
        )
        #expect(
            try store.sumOfMeasure(like: "population", source: "INEGI census", area: "MX-14___", period: "2020")
                == store.sumOfMeasure(like: "population", source: "INEGI census", area: "MX-14", period: "2020")
        )
    }

    @Test(
        .enabled(
            if: SharedData.path("poblacion_mx/inegi_censos_1990_2010_poblacion_municipio_raw.csv") != nil,
            "needs ../shared/data"
        )
    )
    func inegiCensuses1990To2010() throws {
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(
            .inegiCensus,
            path: SharedData.path("poblacion_mx/inegi_censos_1990_2010_poblacion_municipio_raw.csv")!
        )
        #expect(s.isBalanced)
        // INEGI, Censo de Población y Vivienda 2010: 112,336,538 residents; 1990 census: 81,249,645.
        #expect(
            try store.sumOfMeasure(like: "population", source: "INEGI census", area: "MX", period: "2010")
                == 112_336_538
        )
        #expect(
            try store.sumOfMeasure(like: "population", source: "INEGI census", area: "MX", period: "1990") == 81_249_645
        )
        // Municipalities created after 1990 have blank cells there: rejected with the reason, not zeros.
        for r in s.sampleRejections { #expect(r.reason.contains("did not exist") || r.reason.contains("abroad")) }
    }

    @Test(
        .enabled(if: SharedData.path("poblacion_mx/conapo_pob_ent_gender_1950_2070.csv") != nil, "needs ../shared/data")
    )
    func conapoStatesAddUpToTheNation() throws {
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(
            .conapoPopulation,
            path: SharedData.path("poblacion_mx/conapo_pob_ent_gender_1950_2070.csv")!
        )
        #expect(s.isBalanced)
        #expect(s.rowsRejected == 0)
        #expect(s.rowsStored == 10_059)
        let nation = try store.sumOfMeasure(like: "population", source: "CONAPO", area: "MX", period: "2020")
        let states = try store.sumOfMeasure(like: "population", source: "CONAPO", area: "MX-__", period: "2020")
        #expect(nation > 126_000_000 && nation < 130_000_000)
        #expect(abs(nation - states) <= 32)
    }

    @Test(.enabled(if: SharedData.path("poblacion_us/nst-est2016-alldata.csv") != nil, "needs ../shared/data"))
    func censusStateEstimatesInBothLayouts() throws {
        let store = try IronTraceStore(path: ":memory:")
        let a = try store.importOfficial(
            .censusPopulation,
            path: SharedData.path("poblacion_us/nst-est2016-alldata.csv")!
        )
        #expect(a.isBalanced)
        // Vintage 2016: 323,127,513 residents on July 1, 2016; the four regions are rejected as aggregates.
        #expect(try store.sumOfMeasure(like: "population", source: "Census", area: "US", period: "2016") == 323_127_513)
        #expect(a.rowsRejected == 4 * 7)
        let texas2016 = try store.sumOfMeasure(like: "population", source: "Census", area: "US-TX", period: "2016")
        #expect(texas2016 == 27_862_596)
        let other = try IronTraceStore(path: ":memory:")
        let b = try other.importOfficial(
            .censusPopulation,
            path: SharedData.path("poblacion_us/us_state_population_2010_2020.csv")!
        )
        #expect(b.isBalanced)
        #expect(b.rowsStored >= 51 * 11)
        #expect(
            try other.sumOfMeasure(like: "population", source: "Census", area: "US-CA", period: "2020") == 39_501_653
        )
    }
}

@Suite struct ATFWorkbookTests {
    @Test(.enabled(if: SharedData.path("atf_trace_by_state/raw_xlsx/trace_2017.xlsx") != nil, "needs ../shared/data"))
    func theWorkbookAndTheTidyTableAgree() throws {
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(
            .atfWorkbook,
            path: SharedData.path("atf_trace_by_state/raw_xlsx/trace_2017.xlsx")!
        )
        #expect(s.isBalanced)
        // ATF 2017 source and recovery by state: 239,175, the same as the tidy CSV gives.
        #expect(try store.sumOfFlows(year: 2017, source: "ATF") == 239_175)
        // Every rejection is a total cell.
        #expect(s.sampleRejections.allSatisfy { $0.reason.hasPrefix("a total") })
        let tidy = try IronTraceStore(path: ":memory:")
        _ = try tidy.importOfficial(
            .atfFlows,
            path: SharedData.path("atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv")!
        )
        for year in 2010...2017 {
            let one = try IronTraceStore(path: ":memory:")
            let w = try one.importOfficial(
                .atfWorkbook,
                path: SharedData.path("atf_trace_by_state/raw_xlsx/trace_\(year).xlsx")!
            )
            #expect(w.isBalanced)
            #expect(
                try one.sumOfFlows(year: year, source: "ATF") == tidy.sumOfFlows(year: year, source: "ATF"),
                "year \(year)"
            )
        }
    }

    @Test func aFileThatIsNotAWorkbookIsNamed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let path = dir.path("trace_2017.xlsx")
        try "Year,Source\n".write(toFile: path, atomically: true, encoding: .utf8)
        let store = try IronTraceStore(path: ":memory:")
        #expect(throws: (any Error).self) { try store.importOfficial(.atfWorkbook, path: path) }
    }
}

@Suite struct SESNSPVictimsTests {
    @Test(
        .enabled(
            if: SharedData.path("sesnsp_victimas_estatal/db_victimas_delitos_ent_long.csv.bz2") != nil,
            "needs ../shared/data"
        )
    )
    func victimsReadStraightFromTheCompressedFile() throws {
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(
            .sesnspVictims,
            path: SharedData.path("sesnsp_victimas_estatal/db_victimas_delitos_ent_long.csv.bz2")!
        )
        #expect(s.isBalanced)
        #expect(s.rowsRead == 927_360)
        // Victims of intentional homicide in 2019 in this SESNSP cut: 34,723, of them 24,448 with a
        // firearm (sums of the file's rows, checked with bzcat | awk); more victims than the 29,480
        // investigation files of the incidence report, as expected (a file can have several victims).
        #expect(
            try store.sumOfMeasure(like: "victimas:Homicidio doloso:%", source: "SESNSP", period: "2019-%") == 34_723
        )
        #expect(
            try store.sumOfMeasure(
                like: "victimas:Homicidio doloso:Con arma de fuego:%",
                source: "SESNSP",
                period: "2019-%"
            )
                == 24_448
        )
    }

    @Test func aTruncatedCompressedFileIsReportedNotSilentlyShort() throws {
        guard let source = SharedData.path("sesnsp_victimas_estatal/db_victimas_delitos_ent_long.csv.bz2") else {
            return
        }
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let path = dir.path("cut.csv.bz2")
        try bytes.prefix(200_000).write(to: URL(fileURLWithPath: path))
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(.sesnspVictims, path: path)
        #expect(s.isBalanced)
        #expect(s.rowsRejected >= 1)
        #expect(s.sampleRejections.contains { $0.reason.contains("bzip2") })
    }
}

@Suite struct SESNSPMunicipalTests {
    @Test(
        .enabled(
            if: SharedData.path("sesnsp_municipal_guanajuato/homicidios_gto_2020_2025_raw.csv") != nil,
            "needs ../shared/data"
        )
    )
    func guanajuatoMunicipalitiesAddUpToTheirLongTable() throws {
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(
            .sesnspIncidence,
            path: SharedData.path("sesnsp_municipal_guanajuato/homicidios_gto_2020_2025_raw.csv")!
        )
        #expect(s.isBalanced)
        #expect(s.rowsRejected == 0)
        // León (11020), 2020: intentional homicide files, as summed from the repo's separate long table.
        let leon = try store.sumOfMeasure(
            like: "carpetas:Homicidio doloso:%",
            source: "SESNSP",
            area: "MX-11020",
            period: "2020-%"
        )
        #expect(leon == expectedLeon2020)
        #expect(leon > 500)
    }

    /// From `homicidios_gto_2020_2025_long.csv`, a separate tidy version of the same data
    /// (`Año, Entidad, Municipio, Tipo de delito, Subtipo de delito, Mes, Casos`).
    var expectedLeon2020: Double {
        guard let path = SharedData.path("sesnsp_municipal_guanajuato/homicidios_gto_2020_2025_long.csv"),
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return -1 }
        var sum = 0.0
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            if f.count == 7, f[0] == "2020", f[2] == "León", f[4] == "Homicidio doloso" { sum += Double(f[6]) ?? 0 }
        }
        return sum
    }
}

/// ATF's FFL listing layout. No listing is in ../shared/data, so the rows here are written in the
/// published layout (tab-delimited, one pipe-delimited file) with made-up businesses.
@Suite struct FFLListingTests {
    static let header =
        "LIC_REGN\tLIC_DIST\tLIC_CNTY\tLIC_TYPE\tLIC_XPRDTE\tLIC_SEQN\tLICENSE_NAME\tBUSINESS_NAME\tPREMISE_STREET\tPREMISE_CITY\tPREMISE_STATE\tPREMISE_ZIP_CODE\tMAIL_STREET\tMAIL_CITY\tMAIL_STATE\tMAIL_ZIP_CODE\tVOICE_PHONE"

    @Test func tabDelimitedListing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanup() }
        let rows = [
            FFLListingTests.header,
            "5\t74\t029\t01\t8K\t12345\tDOE, JANE\tBORDER ARMS LLC\t1 MAIN ST\tEL PASO\tTX\t79901\t\t\t\t\t9155550100",
            "9\t33\t037\t07\t9A\t00042\tACME MFG INC\t\t2 INDUSTRY RD\tLOS ANGELES\tCA\t90001\t\t\t\t\t",
            "5\t74\t029\t99\t8K\t12346\tBAD TYPE\tX\t3 ST\tEL PASO\tTX\t79901\t\t\t\t\t",
            "5\t74\t029\t01\t8K\t12347\tNO STATE\tY\t4 ST\tEL PASO\tZZ\t79901\t\t\t\t\t",
        ]
        let path = dir.path("0922-ffl-list.txt")
        try rows.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        let store = try IronTraceStore(path: ":memory:")
        let s = try store.importOfficial(.fflListing, path: path)
        #expect(s.rowsRead == 4)
        #expect(s.rowsStored == 2)
        #expect(s.rowsRejected == 2)
        #expect(s.sampleRejections.contains { $0.line == 4 && $0.reason.contains("licence type") })
        #expect(s.sampleRejections.contains { $0.line == 5 && $0.field == "PREMISE_STATE" })
        let d = try store.loadDataset()
        let licences = (0..<d.licensees.count).map { d.strings[d.licensees.licence[$0]] }
        #expect(licences.contains("5-74-029-01-8K-12345"))
        // A manufacturer with no business name keeps its licence name.
        #expect((0..<d.licensees.count).map { d.strings[d.licensees.name[$0]] }.contains("ACME MFG INC"))

        // Next month's listing (pipe-delimited, expiry renewed): the same licensee, not a second one.
        let next = dir.path("1022-ffl-list.txt")
        try [
            FFLListingTests.header.replacingOccurrences(of: "\t", with: "|"),
            "5|74|029|01|9K|12345|DOE, JANE|BORDER ARMS LLC|1 MAIN ST|EL PASO|TX|79901|||||9155550100",
        ].joined(separator: "\n").write(toFile: next, atomically: true, encoding: .utf8)
        let again = try store.importOfficial(.fflListing, path: next)
        #expect(again.rowsStored == 0)
        #expect(again.rowsRejected == 1)
        #expect(try store.loadDataset().licensees.count == 2)
    }
}
