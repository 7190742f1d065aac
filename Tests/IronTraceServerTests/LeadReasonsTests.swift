import Foundation
import HummingbirdTesting
import IronTraceCore
import IronTraceNetwork
import IronTracePresentation
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
            #expect(pageShows(en, reason.indicator.explanation))
            #expect(pageShows(en, reason.detail))
            #expect(en.contains("The score is the sum of the points below"))
            #expect(en.contains("This lead ranks 1 of \(Language.en.integer(leads.count))"))
            // Every reason's points are its weight times the times counted (up to the cap).
            for r in lead.reasons {
                #expect(r.points == r.indicator.weight * Double(min(r.count, r.indicator.cap)))
            }
            s.language = "es-MX,es;q=0.9"
            let es = try await s.get("/network/leads/1").body
            #expect(pageShows(es, Language.es.explanation(reason.indicator)))
            #expect(pageShows(es, Language.es.detail(reason)))
            #expect(es.contains("La puntuación es la suma de los puntos de abajo"))
            // No English explanation or detail is left on the Spanish page.
            for r in lead.reasons {
                #expect(!pageShows(es, r.indicator.explanation), "\(r.indicator)")
                #expect(!escapings(r.detail).contains { es.contains(">" + $0 + "<") }, "\(r.detail)")
            }
        }
    }

    @Test func theTimelineIsDrawnAndWrittenInThePagesLanguage() async throws {
        let f = try ServerFixture()
        let snapshot = f.state.snapshot
        let lead = try #require(snapshot.leads.first)
        let entries = lead.timeline(snapshot.dataset, snapshot.graph)
        let purchase = try #require(entries.first { $0.kind == .purchase })
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            let en = try await s.get("/network/leads/1").body
            let section = try #require(en.range(of: "<section id=\"timeline\">")).upperBound
            let timeline = en[section...]
            #expect(timeline.contains("<svg") && timeline.contains("<g class=\"mark\" data-count="))
            #expect(timeline.contains(">Purchases<") && timeline.contains(">Recoveries<"))
            #expect(pageShows(timeline, purchase.text))
            // Each entry links what it names: the purchase's gun, buyer and dealer, to their pages.
            for ref in purchase.references where !ref.hasSuffix(":0") {
                let href = "/network/entity/\(ref.replacingOccurrences(of: ":", with: "%3A"))"
                #expect(timeline.contains("<a href=\"\(href)\">"), "the timeline links \(ref)")
            }
            s.language = "es-MX,es;q=0.9"
            let es = try await s.get("/network/leads/1").body
            let spanish = es[try #require(es.range(of: "<section id=\"timeline\">")).upperBound...]
            #expect(spanish.contains(">Compras<") && spanish.contains(">Recuperaciones<"))
            #expect(pageShows(spanish, Language.es.timelineText(purchase)))
            #expect(spanish.contains(" compra ") && !spanish.contains(" buys "))
            #expect(!spanish.contains("; possessor ") && !spanish.contains(" killed;"))
            // The drawing downloads on its own, and the download is audited.
            let svg = try await s.get("/network/leads/1/timeline.svg")
            #expect(svg.status == .ok && svg.body.hasPrefix("<svg") && svg.body.contains("Compras"))
        }
        #expect(try f.store.auditLog(action: "export").entries.contains { $0.detail == "svg timeline" })
        try await f.app.test(.router) { client in
            let viewer = Session(client)
            let login = try await viewer.logIn("vic")
            #expect(login.status == .seeOther)
            let refused = try await viewer.get("/network/leads/1/timeline.svg")
            #expect(refused.status != .ok)
        }
    }

    @Test func theLinkChartAndEntityPagesSpeakSpanish() async throws {
        let f = try ServerFixture()
        let lead = try #require(f.state.snapshot.leads.first)
        let recovery = "recovery:\(f.state.snapshot.dataset.recoveries.id[lead.recoveries[0]])"
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            s.language = "es-MX,es;q=0.9"
            let chart = try await s.get("/network/leads/1/chart.svg")
            #expect(chart.status == .ok)
            #expect(chart.contains(">persona (") && chart.contains(">armería ("), "legend in Spanish")
            #expect(!chart.contains(">person (") && !chart.contains(">dealer ("))
            #expect(chart.contains("personas por seudónimo") && chart.contains("Fuente:"))
            #expect(chart.contains("<title>comprada por</title>") && !chart.contains("<title>bought-by</title>"))
            let page = try await s.get("/network/entity/\(recovery)")
            #expect(page.contains("<h1>recuperada el "), "the recovery's title in Spanish")
            #expect(!page.contains(">recovered "))
        }
    }

    @Test func everyIndicatorHasItsOwnSpanishWords() {
        let spanish = Indicator.allCases.map { Language.es.explanation($0) }
        #expect(Set(spanish).count == Indicator.allCases.count)
        for i in Indicator.allCases { #expect(Language.es.explanation(i) != i.explanation) }
    }
}
