import IronTraceCore
import IronTraceDataset

/// A lead's purchases, recoveries and linked events in date order.
public struct TimelineEntry: Sendable {
    public enum Kind: String, Sendable { case purchase, recovery, event }
    public var date: CivilDate
    public var kind: Kind
    /// Entity references (`person:12`, `dealer:3`, `firearm:45`, ...) the entry is about.
    public var references: [String]
    public var text: String
}

extension Lead {
    public func timeline(_ d: Dataset, _ g: LinkGraph) -> [TimelineEntry] {
        let s = d.strings
        var out: [TimelineEntry] = []
        let dealerRow = IDIndex(d.licensees.id)
        let personRow = IDIndex(d.persons.id)
        func personText(_ id: Int64) -> String {
            guard id != 0, let r = personRow[id] else { return "unknown" }
            return d.pseudonym(ofPersonAt: r)
        }
        for f in firearms {
            let n = g.node(.firearm, f)
            let dealer = dealerRow[d.sales.licensee[f]]
            let multiple = d.sales.multipleSale[f] != 0 ? " (multiple-sale report \(d.sales.multipleSale[f]))" : ""
            out.append(
                TimelineEntry(
                    date: CivilDate(dayNumber: d.sales.date[f]),
                    kind: .purchase,
                    references: [
                        g.reference(n, in: d), "person:\(d.sales.purchaser[f])", "dealer:\(d.sales.licensee[f])",
                    ],
                    text: "\(personText(d.sales.purchaser[f])) buys \(g.label(n, in: d)) at "
                        + (dealer.map { g.label(g.node(.dealer, $0), in: d) } ?? "an unknown dealer") + multiple
                )
            )
        }
        for r in recoveries {
            let n = g.node(.recovery, r)
            let t = Int(g.traceOfRecovery[r])
            let ttc = t >= 0 && d.traces.timeToCrime[t] >= 0 ? ", \(d.traces.timeToCrime[t]) days after sale" : ""
            let possessor = d.recoveries.possessor[r]
            out.append(
                TimelineEntry(
                    date: CivilDate(dayNumber: d.recoveries.date[r]),
                    kind: .recovery,
                    references: [g.reference(n, in: d)] + (possessor != 0 ? ["person:\(possessor)"] : []),
                    text: "\(s[d.recoveries.manufacturer[r]]) \(s[d.recoveries.caliber[r]]) "
                        + "\(g.label(n, in: d))\(ttc); \(s[d.recoveries.crimeCategory[r]]); possessor "
                        + personText(possessor)
                )
            )
        }
        for e in events {
            let n = g.node(.event, e)
            out.append(
                TimelineEntry(
                    date: CivilDate(dayNumber: d.events.date[e]),
                    kind: .event,
                    references: [g.reference(n, in: d)],
                    text: "\(g.label(n, in: d)); \(d.events.fatalities[e]) killed; \(s[d.events.actor1[e]])"
                )
            )
        }
        return out.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
    }
}
