import IronTraceCore
import IronTraceDataset

/// A lead's purchases, recoveries and linked events in date order.
public struct TimelineEntry: Sendable {
    public enum Kind: String, Sendable { case purchase, recovery, event }
    public var date: CivilDate
    public var kind: Kind
    /// Entity references (`person:12`, `dealer:3`, `firearm:45`, ...) the entry is about.
    public var references: [String]
    /// The entry in English words ("P-0000012 buys ... at ..."); the fields below carry its parts
    /// for other languages.
    public var text: String
    /// The buyer (purchase) or the possessor (recovery) by pseudonym; nil when unknown.
    public var person: String?
    /// The gun as its sale describes it (purchase), the dealer's label, the multiple-sale report.
    public var firearm: String = ""
    public var dealer: String?
    public var multipleSale: Int64?
    /// A recovery's make and caliber as recorded, where, the crime, and days from sale.
    public var place: String = ""
    public var crime: String = ""
    public var timeToCrime: Int?
    /// An armed event's type, fatalities and first actor.
    public var eventType: String = ""
    public var fatalities: Int = 0
    public var actor: String = ""
}

extension Lead {
    public func timeline(_ d: Dataset, _ g: LinkGraph) -> [TimelineEntry] {
        let s = d.strings
        var out: [TimelineEntry] = []
        let dealerRow = IDIndex(d.licensees.id)
        let personRow = IDIndex(d.persons.id)
        func personName(_ id: Int64) -> String? {
            guard id != 0, let r = personRow[id] else { return nil }
            return d.pseudonym(ofPersonAt: r)
        }
        func personText(_ id: Int64) -> String { personName(id) ?? "unknown" }
        for f in firearms {
            let n = g.node(.firearm, f)
            let dealer = dealerRow[d.sales.licensee[f]]
            let multiple = d.sales.multipleSale[f] != 0 ? " (multiple-sale report \(d.sales.multipleSale[f]))" : ""
            var entry = TimelineEntry(
                date: CivilDate(dayNumber: d.sales.date[f]),
                kind: .purchase,
                references: [
                    g.reference(n, in: d), "person:\(d.sales.purchaser[f])", "dealer:\(d.sales.licensee[f])",
                ],
                text: "\(personText(d.sales.purchaser[f])) buys \(g.label(n, in: d)) at "
                    + (dealer.map { g.label(g.node(.dealer, $0), in: d) } ?? "an unknown dealer") + multiple
            )
            entry.person = personName(d.sales.purchaser[f])
            entry.firearm = g.label(n, in: d)
            entry.dealer = dealer.map { g.label(g.node(.dealer, $0), in: d) }
            entry.multipleSale = d.sales.multipleSale[f] != 0 ? d.sales.multipleSale[f] : nil
            out.append(entry)
        }
        for r in recoveries {
            let n = g.node(.recovery, r)
            let t = Int(g.traceOfRecovery[r])
            let ttc = t >= 0 && d.traces.timeToCrime[t] >= 0 ? ", \(d.traces.timeToCrime[t]) days after sale" : ""
            let possessor = d.recoveries.possessor[r]
            var entry = TimelineEntry(
                date: CivilDate(dayNumber: d.recoveries.date[r]),
                kind: .recovery,
                references: [g.reference(n, in: d)] + (possessor != 0 ? ["person:\(possessor)"] : []),
                text: "\(s[d.recoveries.manufacturer[r]]) \(s[d.recoveries.caliber[r]]) "
                    + "\(g.label(n, in: d))\(ttc); \(s[d.recoveries.crimeCategory[r]]); possessor "
                    + personText(possessor)
            )
            entry.person = personName(possessor)
            entry.firearm = "\(s[d.recoveries.manufacturer[r]]) \(s[d.recoveries.caliber[r]])"
            let area = s[d.recoveries.area[r]]
            entry.place = area.isEmpty ? s[d.recoveries.country[r]] : area
            entry.crime = s[d.recoveries.crimeCategory[r]]
            entry.timeToCrime = t >= 0 && d.traces.timeToCrime[t] >= 0 ? Int(d.traces.timeToCrime[t]) : nil
            out.append(entry)
        }
        for e in events {
            let n = g.node(.event, e)
            var entry = TimelineEntry(
                date: CivilDate(dayNumber: d.events.date[e]),
                kind: .event,
                references: [g.reference(n, in: d)],
                text: "\(g.label(n, in: d)); \(d.events.fatalities[e]) killed; \(s[d.events.actor1[e]])"
            )
            entry.eventType = s[d.events.type[e]]
            entry.place = s[d.events.location[e]]
            entry.fatalities = Int(d.events.fatalities[e])
            entry.actor = s[d.events.actor1[e]]
            out.append(entry)
        }
        return out.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
    }
}
