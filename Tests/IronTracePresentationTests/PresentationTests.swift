import IronTraceAnalytics
import IronTraceCore
import IronTraceFixtures
import IronTraceNetwork
import IronTracePresentation
import Testing

/// What the CLI and the server both show, tested without either: number and date formats, report
/// translation, the report charts and the link chart, link encoding.
@Suite struct PresentationTests {
    @Test func numbersAndDatesInEachLanguage() {
        #expect(Language.en.integer(1_234_567) == "1,234,567")
        #expect(Language.es.integer(1_234_567) == "1\u{202F}234\u{202F}567")
        #expect(Language.en.integer(-12) == "-12")
        #expect(Language.en.decimal(1234.56, digits: 1) == "1,234.6")
        #expect(Language.es.decimal(1234.56, digits: 1) == "1\u{202F}234.6")
        #expect(Language.en.decimal(.nan, digits: 1) == "–")
        #expect(Language.en.percent(0.807) == "80.7%")
        #expect(Language.es.percent(0.807) == "80.7\u{00A0}%")
        let d = CivilDate(year: 2021, month: 3, day: 5)!
        #expect(Language.en.date(d) == "Mar 5, 2021")
        #expect(Language.es.date(d) == "5 mar 2021")
        #expect(Language.preferred(acceptLanguage: "de-DE, es-MX;q=0.8, en;q=0.5") == .es)
        #expect(Language.preferred(acceptLanguage: "fr") == .en)
    }

    @Test func linkTextEncodesEverythingButTheUnreservedCharacters() {
        #expect(LinkText.encode("MX-14_a.b~") == "MX-14_a.b~")
        #expect(LinkText.encode("a b&c=d") == "a%20b%26c%3Dd")
        #expect(LinkText.encode("Ñ") == "%C3%91")
    }

    @Test func aReportAndItsChartsInSpanish() throws {
        let analytics = Analytics(try DemoFixture.dataset())
        let r = analytics.report(.sources)
        let es = r.translated(.es)
        func figures(_ r: Report) -> [String] {
            r.tables.flatMap { $0.rows.flatMap { $0.filter(\.isNumeric).map { "\($0)" } } }
        }
        #expect(!figures(r).isEmpty)
        #expect(figures(es) == figures(r), "translation changes words, never figures")
        #expect(es.title != r.title)
        let charts = ReportCharts.charts(for: r, language: .es)
        #expect(!charts.isEmpty)
        for c in charts {
            #expect(c.svg.hasPrefix("<svg"), "\(c.id)")
            #expect(c.svg.contains("Fuente"), "\(c.id): a Spanish chart names its source in Spanish")
            #expect(!c.svg.contains(">Source"), "\(c.id)")
        }
        let english = ReportCharts.charts(for: r, language: .en)
        #expect(english.map(\.id) == charts.map(\.id), "the same charts in both languages")
    }
}
