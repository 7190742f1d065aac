import ArgumentParser
import Foundation
import IronTraceCore
import IronTraceNetwork

extension NetworkCommand {
    /// `irontrace network nibin`: what the imported NIBIN leads tie together.
    struct NIBIN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nibin",
            abstract:
                "NIBIN leads: shootings tied to recovered guns (with dealer and purchaser) and guns not traced in time.",
            discussion: """
                Reads the leads imported from nibin_leads.csv (docs/formats.md). A gun named in a lead is \
                flagged when no trace was requested within \(NIBINLead.traceTurnaroundDays) days of the lead.
                """
        )
        @OptionGroup var options: NetworkOptions
        @Option(help: "Rows listed per table (1–10000).") var limit = 20

        func run() async throws {
            try await withExitCodes {
                guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1–10000") }
                let s = try options.session(withLeads: false)
                let d = s.dataset
                let g = s.graph
                let r = NIBINReview(d, g)
                print(
                    "\(r.leads.grouped) NIBIN leads, \(r.linked.grouped) with both exhibits in this database, "
                        + "\((r.leads - r.linked).grouped) naming records it does not hold"
                )
                let persons = IDIndex(d.persons.id)
                let dealers = IDIndex(d.licensees.id)
                func ref(_ k: LinkGraph.NodeKind, _ row: Int) -> String { g.reference(g.node(k, row), in: d) }
                print("\nShootings tied to a recovered gun: \(r.tiedShootings.count.grouped)")
                for t in r.tiedShootings.prefix(limit) {
                    var line =
                        "  \(ref(.event, t.event)) \(d.eventDateText(t.event)) -[same gun, lead \(d.strings[d.nibin.lead[t.lead]])]- \(ref(.recovery, t.recovery))"
                    if let sale = t.sale {
                        if let row = dealers[d.sales.licensee[sale]] {
                            line += " sold by \(g.label(g.node(.dealer, row), in: d)) [\(ref(.dealer, row))]"
                        }
                        if d.sales.purchaser[sale] != 0, let row = persons[d.sales.purchaser[sale]] {
                            line += " to \(d.pseudonym(ofPersonAt: row))"
                        }
                    } else {
                        line += " (no sale found by a trace)"
                    }
                    print(line)
                }
                print(
                    "\nGuns in a lead with no trace requested within \(NIBINLead.traceTurnaroundDays) days: \(r.lateTraces.count.grouped)"
                )
                for t in r.lateTraces.prefix(limit) {
                    let lead = "\(d.strings[d.nibin.lead[t.lead]]) of \(CivilDate(dayNumber: d.nibin.date[t.lead]))"
                    let trace =
                        t.trace.map { row in
                            "trace \(d.traces.id[row])"
                                + (t.daysAfterLead.map { " requested \($0) days after the lead" } ?? "")
                        } ?? "no trace requested"
                    print("  \(ref(.recovery, t.recovery)) in lead \(lead): \(trace)")
                }
            }
        }
    }
}
