import IronTraceCore
import IronTraceDataset

extension LeadDetector {
    /// Lookups shared by the detector's passes: rows of ids, each recovery's trace and sale, each
    /// dealer's state and flags.
    struct Context {
        let data: Dataset
        let graph: LinkGraph
        let persons: IDIndex
        let dealers: IDIndex
        let sales: IDIndex
        let events: IDIndex
        let usCode: Int32?
        /// String code of `US-<state>` for each dealer (nil when no recovery names that area).
        let dealerArea: [Int32?]
        let dealerIndicators: DealerIndicators
        /// Over the Demand Letter 2 threshold in some year, or with most of ten or more traces abroad.
        let dealerFlagged: [Bool]

        init(_ d: Dataset, _ g: LinkGraph) {
            data = d
            graph = g
            persons = IDIndex(d.persons.id)
            dealers = IDIndex(d.licensees.id)
            sales = IDIndex(d.sales.id)
            events = IDIndex(d.events.id)
            usCode = d.strings.lookup("US")
            dealerArea = d.licensees.state.map { d.strings.lookup("US-" + d.strings[$0]) }
            let indicators = DealerIndicators(d)
            dealerIndicators = indicators
            dealerFlagged = (0..<d.licensees.count).map { indicators.flagged($0) }
        }

        func possessorRow(_ r: Int) -> Int? {
            let p = data.recoveries.possessor[r]
            return p == 0 ? nil : persons[p]
        }

        func saleOfRecovery(_ r: Int) -> Int? {
            let t = Int(graph.traceOfRecovery[r])
            guard t >= 0, data.traces.sale[t] != 0 else { return nil }
            return sales[data.traces.sale[t]]
        }

        func purchaserRow(_ s: Int) -> Int? {
            let p = data.sales.purchaser[s]
            return p == 0 ? nil : persons[p]
        }

        func dealerRow(_ s: Int) -> Int? { dealers[data.sales.licensee[s]] }

        func recoveriesOfSale(_ s: Int) -> [Int] {
            let n = graph.node(.firearm, s)
            return graph.edges(of: n).compactMap {
                graph.kind[$0] == LinkGraph.EdgeKind.recoveredAs.rawValue ? graph.row(graph.neighbour[$0]) : nil
            }
        }

        /// The trace's time-to-crime, else the days from sale to recovery.
        func timeToCrime(recovery r: Int, sale s: Int) -> Int {
            let t = Int(graph.traceOfRecovery[r])
            if t >= 0 && data.traces.timeToCrime[t] >= 0 { return Int(data.traces.timeToCrime[t]) }
            return Int(data.recoveries.date[r] - data.sales.date[s])
        }

        func placeAndPossession(recovery r: Int, dealer: Int?, buyer: Int?, into tally: inout Tally) {
            if data.recoveries.country[r] != usCode {
                tally.add(.crossBorder)
            } else if let dealer, data.recoveries.area[r] != dealerArea[dealer] {
                tally.add(.interstate)
            }
            if let possessor = possessorRow(r) {
                if let buyer, possessor != buyer { tally.add(.possessorNotPurchaser) }
            } else {
                tally.add(.possessorUnknown)
            }
            if data.recoveries.obliterated[r] { tally.add(.obliteratedSerial) }
        }

        /// The events where the recoveries were made, and the shootings NIBIN leads tie to their
        /// guns (an event linked by "same gun", or the event of a recovery so linked): a shooting
        /// joins the lead of the gun that fired it, with its dealer and purchaser.
        func events(of recoveries: [Int]) -> [Int] {
            var out = Set<Int>()
            func add(recovery r: Int) {
                if data.recoveries.event[r] != 0, let e = events[data.recoveries.event[r]] { out.insert(e) }
            }
            for r in recoveries {
                add(recovery: r)
                guard !data.nibin.lead.isEmpty else { continue }
                for e in graph.edges(of: graph.node(.recovery, r))
                where graph.kind[e] == LinkGraph.EdgeKind.sameGun.rawValue {
                    let m = graph.neighbour[e]
                    switch graph.nodeKind(m) {
                    case .event: out.insert(graph.row(m))
                    case .recovery: add(recovery: graph.row(m))
                    default: break
                    }
                }
            }
            return out.sorted()
        }
    }
}
