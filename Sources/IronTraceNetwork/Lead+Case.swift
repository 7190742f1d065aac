import IronTraceCore
import IronTraceDataset

extension LinkGraph {
    /// A case's entities (graph references) as a lead-shaped grouping, so that its link chart and
    /// timeline are drawn as a lead's are; `missing` lists the references the snapshot does not hold
    /// (a record removed by a later import), which the case keeps and shows as they are.
    public func grouping(of refs: [String], in d: Dataset) -> (lead: Lead, missing: [String]) {
        var rows: [NodeKind: [Int]] = [:]
        var missing: [String] = []
        for r in refs {
            guard let n = try? node(for: r, in: d) else {
                missing.append(r)
                continue
            }
            rows[nodeKind(n), default: []].append(row(n))
        }
        var days: [Int32] = []
        days += (rows[.firearm] ?? []).map { d.sales.date[$0] }
        days += (rows[.recovery] ?? []).map { d.recoveries.date[$0] }
        days += (rows[.event] ?? []).map { d.events.date[$0] }
        let lead = Lead(
            rank: 0,
            kind: .strawRing,
            score: 0,
            reasons: [],
            persons: rows[.person] ?? [],
            firearms: rows[.firearm] ?? [],
            recoveries: rows[.recovery] ?? [],
            dealers: rows[.dealer] ?? [],
            events: rows[.event] ?? [],
            firstDay: days.min() ?? 0,
            lastDay: days.max() ?? 0
        )
        return (lead, missing)
    }

    /// The references a lead is made of, in the order a case lists them: people, dealers, guns,
    /// recoveries, events.
    public func references(of lead: Lead, in d: Dataset) -> [String] {
        lead.persons.map { reference(node(.person, $0), in: d) }
            + lead.dealers.map { reference(node(.dealer, $0), in: d) }
            + lead.firearms.map { reference(node(.firearm, $0), in: d) }
            + lead.recoveries.map { reference(node(.recovery, $0), in: d) }
            + lead.events.map { reference(node(.event, $0), in: d) }
    }
}
