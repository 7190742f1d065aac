import IronTraceCore
import IronTraceDataset

/// What the imported NIBIN leads add to the picture: shootings tied through ballistic evidence to
/// a traced gun (and so to its dealer and purchaser), and crime guns named in a lead whose trace
/// was not requested in time.
public struct NIBINReview: Sendable {
    /// A shooting tied by a lead to a recovered gun.
    public struct TiedShooting: Sendable, Hashable {
        /// Rows in the dataset's columns.
        public var event: Int
        public var recovery: Int
        /// The lead's row in ``Dataset/nibin``.
        public var lead: Int
        /// The sale the gun's trace found (nil when untraced or traced to a dealer only).
        public var sale: Int?
    }

    /// A crime gun named in a lead with no trace requested within ``NIBINLead/traceTurnaroundDays``.
    public struct LateTrace: Sendable, Hashable {
        public var recovery: Int
        public var lead: Int
        /// The trace's row, nil when there is none.
        public var trace: Int?
        /// Days from the lead to the request (nil when there is no trace or no request date).
        public var daysAfterLead: Int?
    }

    public var leads: Int
    /// Leads whose two exhibits were both found among the records (the others name ids this
    /// database does not hold).
    public var linked: Int
    public var tiedShootings: [TiedShooting]
    public var lateTraces: [LateTrace]

    public init(_ d: Dataset, _ g: LinkGraph, turnaround: Int = NIBINLead.traceTurnaroundDays) {
        let recoveries = IDIndex(d.recoveries.id)
        let events = IDIndex(d.events.id)
        let sales = IDIndex(d.sales.id)
        let nb = d.nibin
        leads = nb.count
        var linked = 0
        var tied: [TiedShooting] = []
        var late: [LateTrace] = []
        var seenLate = Set<Int>()
        var seenTie = Set<[Int]>()
        for i in 0..<nb.count {
            let sides = [(nb.recoveryA[i], nb.eventA[i]), (nb.recoveryB[i], nb.eventB[i])]
            let rows = sides.map { (r, e) in (r == 0 ? nil : recoveries[r], e == 0 ? nil : events[e]) }
            let resolved = zip(sides, rows).allSatisfy { side, row in
                (side.0 == 0 || row.0 != nil) && (side.1 == 0 || row.1 != nil)
            }
            guard resolved else { continue }
            linked += 1
            for (k, row) in rows.enumerated() {
                guard let r = row.0 else { continue }
                let t = Int(g.traceOfRecovery[r])
                let traceRow: Int? = t >= 0 ? t : nil
                // The gun's trace: missing, or requested too long after the lead.
                var days: Int?
                if let traceRow, d.traces.requestDate[traceRow] != Int32.min {
                    days = Int(d.traces.requestDate[traceRow] - nb.date[i])
                }
                if traceRow == nil || (days ?? 0) > turnaround, seenLate.insert(r).inserted {
                    late.append(LateTrace(recovery: r, lead: i, trace: traceRow, daysAfterLead: days))
                }
                // The other side's shooting (its event, or where its recovery was made) joins this gun.
                let other = rows[1 - k]
                var shootings: [Int] = []
                if let e = other.1 { shootings.append(e) }
                if let r2 = other.0, d.recoveries.event[r2] != 0, let e = events[d.recoveries.event[r2]] {
                    shootings.append(e)
                }
                let sale = traceRow.flatMap { d.traces.sale[$0] == 0 ? nil : sales[d.traces.sale[$0]] }
                for e in shootings where seenTie.insert([e, r]).inserted {
                    tied.append(TiedShooting(event: e, recovery: r, lead: i, sale: sale))
                }
            }
        }
        self.linked = linked
        tiedShootings = tied.sorted { (d.events.date[$0.event], $0.event) > (d.events.date[$1.event], $1.event) }
        lateTraces = late.sorted { (nb.date[$0.lead], $0.recovery) > (nb.date[$1.lead], $1.recovery) }
    }
}
