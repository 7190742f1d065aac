import IronTraceCore
import IronTraceDataset
import IronTraceNetwork

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
    static func nibinSection(_ s: Snapshot, _ l: Language) -> String {
        let d = s.dataset
        let g = s.graph
        let r = s.nibin
        guard r.leads > 0 else { return "" }
        func entity(_ k: LinkGraph.NodeKind, _ row: Int) -> String {
            let n = g.node(k, row)
            return
                "<a href=\"/network/entity/\(HTML.encode(g.reference(n, in: d)))\">\(HTML.esc(l.entityLabel(g, n, d)))</a>"
        }
        func leadText(_ i: Int) -> String {
            "\(HTML.esc(d.strings[d.nibin.lead[i]])) · \(HTML.esc(l.date(CivilDate(dayNumber: d.nibin.date[i]))))"
        }
        let counts =
            l == .en
            ? "\(l.integer(r.leads)) leads imported, \(l.integer(r.linked)) with both exhibits among these records; \(l.integer(r.tiedShootings.count)) shootings tied to a recovered gun; \(l.integer(r.lateTraces.count)) guns not traced within \(NIBINLead.traceTurnaroundDays) days."
            : "\(l.integer(r.leads)) pistas importadas, \(l.integer(r.linked)) con ambas evidencias en estos registros; \(l.integer(r.tiedShootings.count)) balaceras ligadas a un arma recuperada; \(l.integer(r.lateTraces.count)) armas sin rastreo en \(NIBINLead.traceTurnaroundDays) días."
        var out =
            "<section id=\"nibin\"><h2>\(HTML.esc(l.t(.nibinLeads)))</h2><p class=\"note\">\(HTML.esc(counts))</p>"
        if !r.tiedShootings.isEmpty {
            out +=
                "<section class=\"table\" id=\"nibin-tied\"><h3>\(HTML.esc(l.t(.tiedShootings)))</h3><table><thead><tr>"
                + "<th>\(HTML.esc(l.t(.shooting)))</th><th>\(HTML.esc(l.t(.gun)))</th><th>\(HTML.esc(l.t(.dealer)))</th>"
                + "<th>\(HTML.esc(l.t(.purchaser)))</th><th>NIBIN</th></tr></thead><tbody>"
            let persons = IDIndex(d.persons.id)
            let dealers = IDIndex(d.licensees.id)
            for t in r.tiedShootings.prefix(50) {
                var dealer = "–"
                var buyer = "–"
                if let sale = t.sale {
                    if let row = dealers[d.sales.licensee[sale]] { dealer = entity(.dealer, row) }
                    if d.sales.purchaser[sale] != 0, let row = persons[d.sales.purchaser[sale]] {
                        buyer = entity(.person, row)
                    }
                }
                out +=
                    "<tr><td>\(entity(.event, t.event))</td><td>\(entity(.recovery, t.recovery))</td><td>\(dealer)</td><td>\(buyer)</td><td>\(leadText(t.lead))</td></tr>"
            }
            out += "</tbody></table></section>"
        }
        if !r.lateTraces.isEmpty {
            out +=
                "<section class=\"table\" id=\"nibin-late\"><h3>\(HTML.esc(l.t(.lateTraces)))</h3><table><thead><tr>"
                + "<th>\(HTML.esc(l.t(.gun)))</th><th>NIBIN</th><th>\(HTML.esc(l.t(.traces)))</th></tr></thead><tbody>"
            for t in r.lateTraces.prefix(50) {
                let trace: String
                if let row = t.trace {
                    let days =
                        t.daysAfterLead.map {
                            l.t(.requestedDaysAfter).replacingOccurrences(of: "%@", with: l.integer($0))
                        } ?? ""
                    trace = "<a href=\"/traces/\(d.traces.id[row])\">\(d.traces.id[row])</a> \(HTML.esc(days))"
                } else {
                    trace = HTML.esc(l.t(.noTrace))
                }
                out += "<tr><td>\(entity(.recovery, t.recovery))</td><td>\(leadText(t.lead))</td><td>\(trace)</td></tr>"
            }
            out += "</tbody></table></section>"
        }
        return out + "</section>"
    }
}
