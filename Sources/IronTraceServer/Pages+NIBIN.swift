import IronTraceCore
import IronTraceDataset
import IronTraceNetwork
import IronTracePresentation

extension UIText {
    static let nibinLeads = UIText("NIBIN leads", "Pistas NIBIN")
    static let tiedShootings = UIText(
        "Shootings tied by ballistic evidence to a recovered gun",
        "Balaceras ligadas por evidencia balística a un arma recuperada"
    )
    static let lateTraces = UIText(
        "Crime guns in a NIBIN lead with no trace requested within 30 days",
        "Armas del delito en una pista NIBIN sin rastreo solicitado en 30 días"
    )
    static let shooting = UIText("Shooting", "Balacera")
    static let gun = UIText("Gun recovered", "Arma recuperada")
    static let noTrace = UIText("no trace requested", "sin rastreo solicitado")
    static let requestedDaysAfter = UIText("requested %@ days after the lead", "solicitado %@ días después de la pista")
}

extension Pages {
    /// The NIBIN part of the network page: how many leads, the shootings they tie to traced guns
    /// (with the gun's dealer and purchaser), and the guns whose trace was late or never asked for.
    static func nibinView(_ s: Snapshot, _ l: Language) -> Views.NIBIN? {
        let d = s.dataset
        let g = s.graph
        let r = s.nibin
        guard r.leads > 0 else { return nil }
        func entity(_ k: LinkGraph.NodeKind, _ row: Int) -> Views.EntityLink {
            let n = g.node(k, row)
            return .init(
                entityHref: "/network/entity/\(HTML.encode(g.reference(n, in: d)))",
                entityLabel: l.entityLabel(g, n, d)
            )
        }
        func leadText(_ i: Int) -> String {
            "\(d.strings[d.nibin.lead[i]]) · \(l.date(CivilDate(dayNumber: d.nibin.date[i])))"
        }
        let counts =
            l == .en
            ? "\(l.integer(r.leads)) leads imported, \(l.integer(r.linked)) with both exhibits among these records; \(l.integer(r.tiedShootings.count)) shootings tied to a recovered gun; \(l.integer(r.lateTraces.count)) guns not traced within \(NIBINLead.traceTurnaroundDays) days."
            : "\(l.integer(r.leads)) pistas importadas, \(l.integer(r.linked)) con ambas evidencias en estos registros; \(l.integer(r.tiedShootings.count)) balaceras ligadas a un arma recuperada; \(l.integer(r.lateTraces.count)) armas sin rastreo en \(NIBINLead.traceTurnaroundDays) días."
        let persons = IDIndex(d.persons.id)
        let dealers = IDIndex(d.licensees.id)
        let tied = r.tiedShootings.prefix(50).map { t -> Views.NIBIN.Tied.Row in
            var seller: Views.EntityLink?
            var buyer: Views.EntityLink?
            if let sale = t.sale {
                if let row = dealers[d.sales.licensee[sale]] { seller = entity(.dealer, row) }
                if d.sales.purchaser[sale] != 0, let row = persons[d.sales.purchaser[sale]] {
                    buyer = entity(.person, row)
                }
            }
            return .init(
                shooting: entity(.event, t.event),
                gun: entity(.recovery, t.recovery),
                seller: seller,
                buyer: buyer,
                lead: leadText(t.lead)
            )
        }
        let late = r.lateTraces.prefix(50).map { t -> Views.NIBIN.Late.Row in
            .init(
                gun: entity(.recovery, t.recovery),
                lead: leadText(t.lead),
                traceID: t.trace.map { d.traces.id[$0] },
                requested: t.daysAfterLead.map {
                    l.t(.requestedDaysAfter).replacingOccurrences(of: "%@", with: l.integer($0))
                } ?? "",
                noTrace: l.t(.noTrace)
            )
        }
        return Views.NIBIN(
            heading: l.t(.nibinLeads),
            counts: counts,
            tied: tied.isEmpty
                ? nil
                : .init(
                    heading: l.t(.tiedShootings),
                    headers: [l.t(.shooting), l.t(.gun), l.t(.dealer), l.t(.purchaser), "NIBIN"],
                    rows: tied
                ),
            late: late.isEmpty
                ? nil : .init(heading: l.t(.lateTraces), headers: [l.t(.gun), "NIBIN", l.t(.traces)], rows: late)
        )
    }
}
