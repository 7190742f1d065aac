import IronTraceCore

extension WorldGenerator {
    /// NIBIN correlation leads for the demo world, from a random stream of their own (the rest of
    /// the world is the same with or without them):
    /// - about one in six guns recovered at a synthetic shooting is tied by its test-fires to the
    ///   cartridge cases of an earlier synthetic shooting in the same country, up to two years before;
    /// - a few pairs of synthetic shootings are tied to each other (the gun never recovered).
    /// Lead dates fall a few weeks after the later evidence. Invented, like everything synthetic.
    static func nibinLeads(recoveries: [Recovery], events: [ArmedEvent], seed: UInt64) -> [NIBINLead] {
        var rng = SeededRandom(seed: seed ^ 0x4E49_4249_4E00)
        let shootings = events.filter { $0.sourceDataset == "synthetic" }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        guard shootings.count >= 2 else { return [] }
        let days = shootings.map { $0.date.dayNumber }
        var leads: [NIBINLead] = []
        var sequence = 0
        func leadID(_ date: CivilDate) -> String {
            sequence += 1
            let n = String(sequence)
            return "NIBIN-\(date.year)-" + String(repeating: "0", count: max(0, 5 - n.count)) + n
        }
        func cases(_ e: ArmedEvent) -> NIBINLead.Exhibit {
            NIBINLead.Exhibit(id: "CC-\(e.id)", kind: .cartridgeCase, recoveryID: nil, eventID: e.id, agency: "FGR")
        }
        // The first shooting index on or after a day (binary search over the sorted days).
        func firstIndex(onOrAfter day: Int32) -> Int {
            var lo = 0
            var hi = days.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if days[mid] < day { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        for r in recoveries where r.eventID != nil && rng.chance(1.0 / 6) {
            let day = r.date.dayNumber
            let lo = firstIndex(onOrAfter: day - 730)
            let hi = firstIndex(onOrAfter: day)
            let candidates = (lo..<hi).filter { shootings[$0].country == r.country && shootings[$0].id != r.eventID }
            guard !candidates.isEmpty else { continue }
            let earlier = shootings[candidates[rng.below(candidates.count)]]
            let date = CivilDate(dayNumber: day + Int32(rng.between(7, 60)))
            leads.append(
                NIBINLead(
                    id: leadID(date),
                    date: date,
                    a: NIBINLead.Exhibit(
                        id: "FA-\(r.id)",
                        kind: .firearm,
                        recoveryID: r.id,
                        eventID: r.eventID,
                        agency: r.agency.isEmpty ? "FGR" : r.agency
                    ),
                    b: cases(earlier)
                )
            )
        }
        for _ in 0..<max(1, shootings.count / 50) {
            let i = rng.below(shootings.count)
            let hi = firstIndex(onOrAfter: days[i] + 365)
            guard hi > i + 1 else { continue }
            let j = rng.between(i + 1, hi - 1)
            guard shootings[i].country == shootings[j].country else { continue }
            let date = CivilDate(dayNumber: days[j] + Int32(rng.between(7, 60)))
            leads.append(NIBINLead(id: leadID(date), date: date, a: cases(shootings[i]), b: cases(shootings[j])))
        }
        return leads.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}
