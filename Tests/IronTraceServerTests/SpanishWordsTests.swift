import Foundation
import HummingbirdTesting
import Testing

@testable import IronTraceServer

/// Sentences the reports write with numbers and names inside, in Spanish: filters, sources, event
/// subtypes and counted notes (numbers grouped the Spanish way).
@Suite struct SpanishWordsTests {
    @Test func reportSentencesInSpanish() {
        let es = Language.es
        #expect(es.report("Filter: area=MX-14, years=2020") == "Filtro: área=MX-14, años=2020")
        #expect(
            es.report("2,503 traces selected of 12,345,678.")
                == "2\u{202F}503 rastreos seleccionados de 12\u{202F}345\u{202F}678."
        )
        #expect(es.report("Battles: Armed clash") == "Enfrentamientos: enfrentamiento armado")
        #expect(
            es.report("Armed-violence events: press, synthetic") == "Eventos de violencia armada: prensa, sintético"
        )
        #expect(
            es.report("IronTrace trace records; population: US Census Bureau state estimates")
                == "registros de rastreo de IronTrace; población: estimaciones estatales de la Oficina del Censo de EE. UU."
        )
        // Years in a list are not numbers to group.
        #expect(es.report("Years: 2015,2016") == "Años: 2015,2016")
        #expect(Language.en.report("Filter: area=MX-14") == "Filter: area=MX-14")
    }

    @Test func aSpanishFlowsPageNamesItsFilterAndSourcesInSpanish() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            s.language = "es-MX,es;q=0.9"
            let page = try await s.get("/flows?area=MX-14")
            #expect(page.status == .ok)
            #expect(page.contains("Filtro: área=MX-14") && !page.contains("Filtro: area="))
            #expect(page.contains("registros de rastreo de IronTrace") && !page.contains("IronTrace trace records"))
        }
    }
}
