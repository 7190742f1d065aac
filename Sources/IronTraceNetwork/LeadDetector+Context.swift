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
        /// Over the Demand Letter 2 threshold in some year, or with most of ten or more traces abroad.
        let dealerFlagged: [Bool]

        /// Traces with a time-to-crime of three years or less in one calendar year that put a dealer
        /// on ATF's Demand Letter 2 list (27 CFR 478.126a program, threshold of 25 since 2021).
        static let demandLetterThreshold = 25

        init(_ d: Dataset, _ g: LinkGraph) {
            data = d
            graph = g
            persons = IDIndex(d.persons.id)
            dealers = IDIndex(d.licensees.id)
            sales = IDIndex(d.sales.id)
            events = IDIndex(d.events.id)
            usCode = d.strings.lookup("US")
            dealerArea = d.licensees.state.map { d.strings.lookup("US-" + d.strings[$0]) }
            var shortByYear: [Int: Int] = [:]
            var traces = [Int](repeating: 0, count: d.licensees.count)
            var abroad = [Int](repeating: 0, count: d.licensees.count)
            var flagged = [Bool](repeating: false, count: d.licensees.count)
            let recoveries = IDIndex(d.recoveries.id)
            for t in 0..<d.traces.count where d.traces.licensee[t] != 0 {
                guard let l = dealers[d.traces.licensee[t]], let r = recoveries[d.traces.recovery[t]] else { continue }
                traces[l] += 1
                if d.recoveries.country[r] != usCode { abroad[l] += 1 }
                let ttc = d.traces.timeToCrime[t]
                if ttc >= 0 && ttc <= 1095 {
                    let key = l &* 10_000 &+ CivilDate(dayNumber: d.recoveries.date[r]).year
                    shortByYear[key, default: 0] += 1
                }
            }
            for (key, n) in shortByYear where n >= Context.demandLetterThreshold { flagged[key / 10_000] = true }
            for l in 0..<traces.count where traces[l] >= 10 && abroad[l] * 2 > traces[l] { flagged[l] = true }
            dealerFlagged = flagged
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

        func events(of recoveries: [Int]) -> [Int] {
            Set(recoveries.compactMap { r in data.recoveries.event[r] == 0 ? nil : events[data.recoveries.event[r]] })
                .sorted()
        }
    }
}
