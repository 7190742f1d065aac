import Foundation
import HummingbirdTesting
import IronTracePresentation
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

/// CSV downloads keep their stable English column names; a Spanish page also offers the same
/// table with its column names in Spanish.
@Suite struct SpanishCSVTests {
    @Test func aSpanishPageOffersItsTablesWithSpanishColumnNames() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            s.language = "es-MX,es;q=0.9"
            let page = try await s.get("/flows")
            let links = page.body.components(separatedBy: "href=\"").dropFirst().compactMap {
                $0.split(separator: "\"").first.map { String($0).replacingOccurrences(of: "&amp;", with: "&") }
            }
            let spanish = try #require(links.first { $0.contains("download=csv") && $0.hasSuffix("&headers=es") })
            let plain = String(spanish.dropLast("&headers=es".count))
            #expect(links.contains(plain))
            let es = try await s.get(spanish)
            let en = try await s.get(plain)
            #expect(es.status == .ok && en.status == .ok)
            let esLines = es.body.split(separator: "\n")
            let enLines = en.body.split(separator: "\n")
            #expect(esLines.first != enLines.first, "\(esLines.first ?? "") vs \(enLines.first ?? "")")
            #expect(esLines.count == enLines.count)
            #expect(enLines.first?.contains("Traces") == true || enLines.first?.contains("traces") == true)
            #expect(esLines.first?.lowercased().contains("rastreos") == true, "\(esLines.first ?? "")")

            let traces = try await s.get("/traces?download=csv&headers=es")
            #expect(traces.status == .ok)
            #expect(traces.body.hasPrefix("id,id_recuperacion,fecha_recuperacion,"), "\(traces.body.prefix(80))")
            let plainTraces = try await s.get("/traces?download=csv")
            #expect(plainTraces.body.hasPrefix("id,recovery_id,recovery_date,"))
            #expect(
                traces.body.split(separator: "\n").dropFirst() == plainTraces.body.split(separator: "\n").dropFirst()
            )
        }
    }
}
