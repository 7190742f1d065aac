import Foundation
import HummingbirdTesting
import IronTraceCore
import IronTraceNetwork
import Testing

@testable import IronTraceServer

/// A lead's reasons read as words in the page's language, with how the score is made.
@Suite struct LeadReasonsTests {
    @Test func reasonsAndTheScoreScaleInEnglishAndSpanish() async throws {
        let f = try ServerFixture()
        let leads = f.state.snapshot.leads
        let lead = try #require(leads.first)
        let reason = try #require(lead.reasons.first)
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            let en = try await s.get("/network/leads/1").body
            #expect(en.contains(MarkupText.xml(reason.indicator.explanation)))
            #expect(en.contains(MarkupText.xml(reason.detail)))
            #expect(en.contains("The score is the sum of the points below"))
            #expect(en.contains("This lead ranks 1 of \(Language.en.integer(leads.count))"))
            // Every reason's points are its weight times the times counted (up to the cap).
            for r in lead.reasons {
                #expect(r.points == r.indicator.weight * Double(min(r.count, r.indicator.cap)))
            }
            s.language = "es-MX,es;q=0.9"
            let es = try await s.get("/network/leads/1").body
            #expect(es.contains(MarkupText.xml(Language.es.explanation(reason.indicator))))
            #expect(es.contains(MarkupText.xml(Language.es.detail(reason))))
            #expect(es.contains("La puntuación es la suma de los puntos de abajo"))
            // No English explanation or detail is left on the Spanish page.
            for r in lead.reasons {
                #expect(!es.contains(MarkupText.xml(r.indicator.explanation)), "\(r.indicator)")
                #expect(!es.contains(">" + MarkupText.xml(r.detail) + "<"), "\(r.detail)")
            }
        }
    }

    @Test func everyIndicatorHasItsOwnSpanishWords() {
        let spanish = Indicator.allCases.map { Language.es.explanation($0) }
        #expect(Set(spanish).count == Indicator.allCases.count)
        for i in Indicator.allCases { #expect(Language.es.explanation(i) != i.explanation) }
    }
}
