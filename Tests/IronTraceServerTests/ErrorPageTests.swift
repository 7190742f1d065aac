import Foundation
import HummingbirdTesting
import IronTracePresentation
import IronTraceServer
import Testing

/// Error pages keep the site's frame and the user's language; a refused filter comes back in its
/// form, as typed, to be corrected in place.
@Suite struct ErrorPageTests {
    @Test func aBadFilterKeepsItsFormInTheUsersLanguage() async throws {
        let f = try ServerFixture()
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            s.language = "es-MX,es;q=0.9"
            let page = try await s.get("/flows?area=zzz&years=2015-2020")
            #expect(page.status == .badRequest)
            #expect(page.contains("<h1>Filtro no válido</h1>") && page.contains("data-code=\"invalid_filter\""))
            #expect(page.contains("Corrija el filtro de abajo"))
            // The form is there with what was typed, and the way back without filters.
            #expect(page.contains("<form class=\"filters\" method=\"get\" action=\"/flows\">"))
            #expect(page.contains("value=\"zzz\"") && page.contains("value=\"2015-2020\""))
            #expect(page.contains("<a href=\"/flows\">La página sin filtros</a>"))
            #expect(page.contains(">Rastreos<"), "the navigation is kept")
            s.language = "en"
            let missing = try await s.get("/traces/999999999")
            #expect(missing.status == .notFound && missing.contains("<h1>Not found</h1>"))
            let english = try await s.get("/flows?area=%3Cb%3Ezzz")
            #expect(english.contains("<h1>Invalid filter</h1>") && english.contains("value=\"&lt;b&gt;zzz\""))
            #expect(!english.contains("<b>zzz"))
        }
    }
}
