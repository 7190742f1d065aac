import Foundation
import Hummingbird
import IronTraceCore
import IronTraceNetwork
import IronTracePresentation
import IronTraceStore

extension UIText {
    static let identities = UIText("Identities", "Identidades")
    static let identitiesHint = UIText(
        "Pairs of person records that entity resolution was unsure of (irontrace resolve). Say whether they are one person; the ruling is audited, kept for every later resolution, and the link graph and leads follow it within a second. People appear by pseudonym; the comparisons say what agreed, not the personal data.",
        "Pares de registros de personas de los que la resolución de entidades no estaba segura (irontrace resolve). Indique si son una sola persona; la decisión se audita, se conserva en cada resolución posterior, y el grafo de vínculos y las pistas la siguen en un segundo. Las personas aparecen por seudónimo; las comparaciones dicen qué coincidió, no los datos personales."
    )
    static let samePerson = UIText("Same person", "Misma persona")
    static let differentPeople = UIText("Different people", "Personas distintas")
    static let comparisons = UIText("Comparisons", "Comparaciones")
    static let noReview = UIText("Nothing waits for a ruling.", "Nada espera una decisión.")
    static let mergedRecords = UIText("Records resolved as this person", "Registros resueltos como esta persona")
    static let split = UIText("Split off", "Separar")
}

extension Language {
    /// The resolver's comparison notes, in Spanish when asked.
    func comparisonNotes(_ text: String) -> String {
        guard self == .es else { return text }
        let words: [String: String] = [
            "same name": "mismo nombre",
            "names alike (spelling, initials or order)": "nombres parecidos (ortografía, iniciales u orden)",
            "names partly alike": "nombres algo parecidos", "names differ": "nombres distintos", "blank": "en blanco",
            "same birth date": "misma fecha de nacimiento", "day and month swapped": "día y mes invertidos",
            "same month, day differs": "mismo mes, distinto día", "year differs": "distinto año",
            "different birth dates": "fechas de nacimiento distintas", "same address": "mismo domicilio",
            "same address written differently": "mismo domicilio escrito distinto",
            "same ZIP code": "mismo código postal",
            "different addresses": "domicilios distintos", "same phone": "mismo teléfono",
            "different phones": "teléfonos distintos",
        ]
        return text.components(separatedBy: "; ").map { words[$0] ?? $0 }.joined(separator: "; ")
    }
}

extension Pages {
    static func addIdentityRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        let area = router.group().add(middleware: RequireRole(.analyst))
        area.get("/network/identities") { request, context in
            try context.require(.analyst)
            let q = query(request)
            let l = context.language
            let paging = try Paging(q, defaultPerPage: 50, perPageAllowed: false)
            let (total, items) = try state.store.resolutionReview(limit: paging.perPage, offset: paging.offset)
            let pseudonyms = pseudonymsOf(items.flatMap { [$0.a, $0.b] })
            let csrf = context.identity?.csrf ?? ""
            let view = Views.IdentitiesPage(
                frame: Views.Layout(frame(request, context, state, section: "network"), title: l.t(.identities)),
                hint: l.t(.identitiesHint),
                heading: "\(l.t(.identities)) (\(l.integer(total)))",
                nothingWaits: l.t(.noReview),
                hasPairs: !items.isEmpty,
                scoreLabel: l.t(.score),
                comparisonsLabel: l.t(.comparisons),
                pairs: items.map { item in
                    .init(
                        a: item.a,
                        b: item.b,
                        first: personLinkView(item.a, pseudonyms, state),
                        second: personLinkView(item.b, pseudonyms, state),
                        score: l.decimal(item.score, digits: 2),
                        notes: l.comparisonNotes(item.explanation),
                        rulings: [(true, UIText.samePerson), (false, .differentPeople)].map { same, text in
                            .init(
                                spaceBefore: !same,
                                csrf: csrf,
                                same: same ? "1" : "0",
                                page: paging.page,
                                label: l.t(text)
                            )
                        }
                    )
                },
                pager: Views.Pager(
                    path: "/network/identities",
                    params: q.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    page: paging.page,
                    pages: paging.pages(total: total),
                    l
                )
            )
            return page(.identities, view)
        }

        area.post("/network/identities") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 14)))
            guard let a = Int64(form.value("a")), let b = Int64(form.value("b")), a > 0, b > 0, a != b,
                ["0", "1"].contains(form.value("same"))
            else { throw AppError.badRequest("a ruling names two different person records (a, b) and same=1 or 0") }
            // A ruling on a record that does not exist would stand in the ledger and make a
            // pseudonym that names nobody usable as a case origin or a watch target.
            for id in [a, b] where try state.store.personRecord(id: id) == nil {
                throw AppError.notFound("no person record with id \(id)")
            }
            try state.store.decideResolution(a: a, b: b, same: form.value("same") == "1", by: user.name)
            // The ledger entry makes every server rebuild its snapshot on its next poll (in the
            // background; the queue above is read from the store and shows the ruling at once).
            let page = Int(form.value("page")) ?? 1
            let back = form.value("back")
            return redirect(
                back.hasPrefix("/network/entity/") ? back : "/network/identities" + (page > 1 ? "?page=\(page)" : "")
            )
        }
    }

    /// Merged records are not in the snapshot; their pseudonyms are the default ones of their ids.
    static func pseudonymsOf(_ ids: [Int64]) -> [Int64: String] {
        var out: [Int64: String] = [:]
        for id in ids { out[id] = Person.pseudonym(for: id) }
        return out
    }

    /// A person record by pseudonym, linked to its page when the graph holds it (a merged record
    /// is read as its entity, which is linked instead).
    static func personLinkView(_ id: Int64, _ pseudonyms: [Int64: String], _ state: ServerState) -> Views.PersonLink {
        let s = state.snapshot
        let name = pseudonyms[id] ?? Person.pseudonym(for: id)
        let entity = s.dataset.personEntity[id] ?? id
        guard (try? s.graph.node(for: "person:\(entity)", in: s.dataset)) != nil else {
            return .init(pseudonym: name)
        }
        return .init(
            pseudonym: name,
            personHref: "/network/entity/person:\(entity)",
            mergedInto: entity == id ? nil : Person.pseudonym(for: entity)
        )
    }

    /// On a person's page: the records resolved as this person, each with a way to split it off.
    static func mergedView(_ personID: Int64, _ context: IronTraceContext, _ state: ServerState) -> Views.EntityPage
        .Merged?
    {
        let l = context.language
        let merged = state.snapshot.dataset.personEntity.filter { $0.value == personID }.keys.sorted()
        guard !merged.isEmpty else { return nil }
        return .init(
            heading: l.t(.mergedRecords),
            csrf: context.identity?.csrf ?? "",
            splitLabel: l.t(.split),
            records: merged.map { .init(pseudonym: Person.pseudonym(for: $0), personID: personID, recordID: $0) }
        )
    }
}
