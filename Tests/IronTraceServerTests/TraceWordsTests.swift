import Foundation
import HummingbirdTesting
import IronTraceCore
import IronTracePresentation
import IronTraceTracing
import Testing

@testable import IronTraceServer

/// A trace's explanations in Spanish: each sentence the engine writes is recognised whole, and a
/// Spanish trace page carries none of the engine's English.
@Suite struct TraceWordsTests {
    @Test func theEnginesSentencesInSpanish() {
        let es = Language.es
        let cases: [(String, String)] = [
            (
                "sale 18161 by Gutierrez's Arms (PA) on 2024-10-26: exact serial, score 106, next best 43",
                "venta 18161 de Gutierrez's Arms (PA) el 26 oct 2024: serie exacta, puntuación 106, siguiente 43"
            ),
            (
                "sale 7 by A (TX) on 2020-01-02: one_edit serial, score 80; 2 other real serials one misread away, lead 30 needed",
                "venta 7 de A (TX) el 2 ene 2020: serie una diferencia, puntuación 80; otras 2 series reales a un error de lectura, se necesitaba una ventaja de 30"
            ),
            (
                "ambiguous: 2 candidates within 34 points (best 103, next 75); crowded: 3 other real serials one misread from what was read: sale 1057 58569981 (exact, 103), sale 12123 85569981 (transposition, 75)",
                "ambiguo: 2 candidatos a menos de 34 puntos (mejor 103, siguiente 75); zona concurrida: otras 3 series reales a un error de lectura de lo leído: venta 1057 58569981 (exacta, 103), venta 12123 85569981 (transposición, 75)"
            ),
            ("no matching record", "ningún registro coincide"),
            (
                "no matching record (best candidate scored -42, below 70)",
                "ningún registro coincide (el mejor candidato obtuvo -42, por debajo de 70)"
            ),
            (
                "no US sale on record; made in CZ with no US importer marked",
                "ninguna venta en EE. UU. registrada; fabricada en Chequia sin importador estadounidense marcado"
            ),
            (
                "no US sale on record; made in AT / IT with no US importer marked",
                "ninguna venta en EE. UU. registrada; fabricada en Austria / Italia sin importador estadounidense marcado"
            ),
        ]
        for (en, expected) in cases { #expect(es.traceSummary(en) == expected) }
        // A sentence it does not know stays whole, in English.
        #expect(es.traceSummary("something new") == "something new")
        let components: [(ScoreComponent, String)] = [
            (ScoreComponent(name: "serial", points: 60, reason: "exact serial"), "serie +60 (serie exacta)"),
            (
                ScoreComponent(name: "serial", points: 50, reason: "1 confusable character: B read for 8"),
                "serie +50 (1 carácter confundible: B leído por 8)"
            ),
            (
                ScoreComponent(name: "manufacturer", points: -40, reason: "registry says Smith & Wesson"),
                "fabricante -40 (el registro dice Smith & Wesson)"
            ),
            (
                ScoreComponent(name: "type", points: -10, reason: "registry type rifle"),
                "tipo -10 (tipo en el registro: rifle)"
            ),
            (
                ScoreComponent(
                    name: "dates",
                    points: -3,
                    reason: "sold 4000 days before recovery (a long gap is less likely)"
                ),
                "fechas -3 (vendida 4000 días antes de la recuperación (un intervalo largo es menos probable))"
            ),
            (
                ScoreComponent(
                    name: "place",
                    points: 2,
                    reason:
                        "sold in TX: 42.0% of US guns traced from Mexico come from TX, against 9.1% of registry sales"
                ),
                "lugar +2 (vendida en TX: el 42.0\u{00A0}% de las armas de EE. UU. rastreadas desde México proceden de TX, frente al 9.1\u{00A0}% de las ventas del registro)"
            ),
            (
                ScoreComponent(
                    name: "place",
                    points: 3,
                    reason:
                        "sold in VA: 12.5% of guns traced in MD come from VA (ATF 2010-2020), against 2.9% of registry sales"
                ),
                "lugar +3 (vendida en VA: el 12.5\u{00A0}% de las armas rastreadas en MD proceden de VA (ATF 2010-2020), frente al 2.9\u{00A0}% de las ventas del registro)"
            ),
            (
                ScoreComponent(
                    name: "dealer",
                    points: 3,
                    reason:
                        "dealer has 37 completed traces where its 820 sales would give 4.1 (this recovery's own trace left out)"
                ),
                "armería +3 (la armería tiene 37 rastreos completados donde sus 820 ventas darían 4.1 (sin contar el rastreo de esta misma recuperación))"
            ),
            (
                ScoreComponent(name: "purchaser", points: 2, reason: "purchaser has 1 other gun traced to crime"),
                "comprador +2 (el comprador tiene 1 otra arma rastreada a delitos)"
            ),
            (
                ScoreComponent(
                    name: "traced",
                    points: -2,
                    reason: "this sale's gun is already traced to another recovery"
                ),
                "ya rastreada -2 (el arma de esta venta ya está rastreada a otra recuperación)"
            ),
            (
                ScoreComponent(name: "limit", points: -1, reason: "place and record held within -4...+7 points"),
                "límite -1 (lugar y antecedentes limitados a -4...+7 puntos)"
            ),
        ]
        for (c, expected) in components { #expect(es.scoreComponent(c) == expected) }
        #expect(Language.en.scoreComponent(components[0].0) == "serial +60 (exact serial)")
    }

    @Test func aSpanishTracePageCarriesNoneOfTheEnginesEnglish() async throws {
        let f = try ServerFixture()
        let d = f.state.snapshot.dataset
        try await f.app.test(.router) { client in
            let s = Session(client)
            #expect(try await s.logIn("ana").status == .seeOther)
            s.language = "es-MX,es;q=0.9"
            for t in stride(from: 0, to: min(d.traces.count, 400), by: 7) {
                let page = try await s.get("/traces/\(d.traces.id[t])")
                #expect(page.status == .ok)
                for english in [
                    "(exact serial)", "registry says", "same manufacturer", "days before recovery", "next best",
                    "no matching record", "where recovered", " serial, score ", "(exact)", "(one_edit)",
                    "registry sales", "completed trace", "sold in ", "traced to crime", "another recovery",
                    "held within",
                ] {
                    #expect(!page.contains(english), "trace \(d.traces.id[t]): '\(english)'")
                }
            }
        }
    }
}
