import Dispatch
import Foundation
import IronTraceCore
import IronTraceDataset
import Synchronization

/// Finds candidate trafficking schemes in the link graph and ranks them.
///
/// Purchasers are grouped by the links a ring leaves: a shared street address or phone number
/// (unless so many people share it that it is a business or a mail drop) and a gun bought by one
/// person and found with another. Each group, and each run of guns traced to a dealer with no
/// record of their sale and recovered in one state within ``theftGapDays`` of each other, is scored with the ``Indicator``s. Groups at or above ``minimumScore``,
/// with at least ``minimumPatternPoints`` of them from pattern indicators and at least
/// ``minimumShortShare`` of their guns recovered within a year of sale, become ``Lead``s, highest
/// score first. The last condition keeps out volume buyers (collectors, families) whose guns mostly
/// stay home even when a few of them turn up in crimes.
public struct LeadDetector: Sendable {
    public var minimumScore: Double = 12
    public var minimumPatternPoints: Double = 3
    public var minimumShortShare = 0.3
    /// An address or phone shared by more people than this links nobody.
    public var largestLinkGroup = 8
    public var burstDays: Int32 = 7
    public var burstSize = 3
    public var hoppingDays: Int32 = 30
    /// Guns traced to a dealer without a sale record start a new lead after a gap this long.
    public var theftGapDays: Int32 = 365

    public init() {}

    public func leads(_ d: Dataset, _ g: LinkGraph) -> [Lead] {
        let context = Context(d, g)
        var leads = personLeads(context) + theftLeads(context)
        leads.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.recoveries.count != b.recoveries.count { return a.recoveries.count > b.recoveries.count }
            return (a.persons.first ?? Int.max, a.dealers.first ?? 0) < (
                b.persons.first ?? Int.max, b.dealers.first ?? 0
            )
        }
        for i in leads.indices { leads[i].rank = i + 1 }
        return leads
    }

    // MARK: Groups of purchasers

    func personGroups(_ c: Context) -> (order: [Int32], starts: [Int]) {
        let g = c.graph
        var parent = [Int32](0..<Int32(c.data.persons.count))
        func find(_ x: Int32) -> Int32 {
            var r = x
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var y = x
            while parent[Int(y)] != r {
                let next = parent[Int(y)]
                parent[Int(y)] = r
                y = next
            }
            return r
        }
        func union(_ a: Int32, _ b: Int32) {
            let ra = find(a)
            let rb = find(b)
            if ra != rb { parent[Int(max(ra, rb))] = min(ra, rb) }
        }
        for k in [LinkGraph.NodeKind.address, .phone] {
            for i in 0..<g.count(of: k) {
                let n = g.node(k, i)
                guard g.degree(n) <= largestLinkGroup else { continue }
                let e = g.edges(of: n)
                let first = g.neighbour[e.lowerBound] - g.kindStart[0]
                for x in e.dropFirst() { union(first, g.neighbour[x] - g.kindStart[0]) }
            }
        }
        // A gun bought by one person and found with another ties the two.
        for r in 0..<c.data.recoveries.count where c.data.recoveries.possessor[r] != 0 {
            guard let possessor = c.possessorRow(r), let sale = c.saleOfRecovery(r) else { continue }
            if let buyer = c.purchaserRow(sale), buyer != possessor { union(Int32(buyer), Int32(possessor)) }
        }
        let n = parent.count
        var size = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { size[Int(find(Int32(i))) + 1] += 1 }
        for i in 0..<n { size[i + 1] += size[i] }
        var fill = size
        var order = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let r = Int(parent[i])
            order[fill[r]] = Int32(i)
            fill[r] += 1
        }
        return (order, size)
    }

    func personLeads(_ c: Context) -> [Lead] {
        let (order, starts) = personGroups(c)
        let n = c.data.persons.count
        // Groups are independent: split them across the cores.
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 10_000))
        let found = Mutex<[[Lead]]>(Array(repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            let part = personLeads(c, order, starts, roots: n * k / chunks..<n * (k + 1) / chunks)
            found.withLock { $0[k] = part }
        }
        return found.withLock { $0.flatMap { $0 } }
    }

    /// Whether a group can pass the short time-to-crime gate, counted without allocating: most
    /// groups (one buyer, no gun recovered soon after sale) stop here.
    func mayQualify(_ c: Context, _ members: ArraySlice<Int32>) -> Bool {
        let g = c.graph
        var guns = 0
        var short = 0
        for p in members {
            for e in g.edges(of: g.kindStart[0] + p) where g.kind[e] == LinkGraph.EdgeKind.boughtBy.rawValue {
                guns += 1
                let f = g.neighbour[e]
                for e2 in g.edges(of: f) where g.kind[e2] == LinkGraph.EdgeKind.recoveredAs.rawValue {
                    let ttc = c.timeToCrime(recovery: g.row(g.neighbour[e2]), sale: g.row(f))
                    if ttc >= 0 && ttc < TimeToCrime.oneYearDays { short += 1 }
                }
            }
        }
        return (members.count >= 2 || guns >= 2) && short >= 1 && Double(short) >= minimumShortShare * Double(guns)
    }

    func personLeads(_ c: Context, _ order: [Int32], _ starts: [Int], roots: Range<Int>) -> [Lead] {
        let g = c.graph
        let d = c.data
        var leads: [Lead] = []
        var guns: [(sale: Int, buyer: Int)] = []
        for root in roots where starts[root + 1] > starts[root] {
            guard mayQualify(c, order[starts[root]..<starts[root + 1]]) else { continue }
            let members = order[starts[root]..<starts[root + 1]].map(Int.init)
            guns.removeAll(keepingCapacity: true)
            for p in members {
                for e in g.edges(of: g.node(.person, p)) where g.kind[e] == LinkGraph.EdgeKind.boughtBy.rawValue {
                    guns.append((g.row(g.neighbour[e]), p))
                }
            }
            guard members.count >= 2 || guns.count >= 2 else { continue }
            var tally = Tally()
            var recoveries: [Int] = []
            var dealers: Set<Int> = []
            var recoveredPerBuyer: [Int: Int] = [:]
            var ttcs: [Int] = []
            var days: [Int32] = []
            var firstDay = Int32.max
            var lastDay = Int32.min
            for (s, buyer) in guns {
                let dealer = c.dealerRow(s)
                if let dealer { dealers.insert(dealer) }
                days.append(d.sales.date[s])
                for r in c.recoveriesOfSale(s) {
                    recoveries.append(r)
                    recoveredPerBuyer[buyer, default: 0] += 1
                    let ttc = c.timeToCrime(recovery: r, sale: s)
                    ttcs.append(ttc)
                    if ttc >= 0 && ttc < TimeToCrime.oneYearDays {
                        tally.add(.shortTimeToCrime)
                    } else if ttc >= TimeToCrime.oneYearDays && ttc <= TimeToCrime.threeYearsDays {
                        tally.add(.timeToCrimeUnderThreeYears)
                    }
                    c.placeAndPossession(recovery: r, dealer: dealer, buyer: buyer, into: &tally)
                    if d.sales.multipleSale[s] != 0 {
                        tally.add(.multipleSaleRecovered)
                        tally.soonestMultipleSale = min(
                            tally.soonestMultipleSale,
                            d.recoveries.date[r] - d.sales.date[s]
                        )
                    }
                    lastDay = max(lastDay, d.recoveries.date[r])
                }
            }
            tally.add(.severalRecovered, recoveredPerBuyer.values.filter { $0 >= 2 }.count)
            days.sort()
            firstDay = min(firstDay, days.first ?? Int32.max)
            lastDay = max(lastDay, days.last ?? Int32.min)
            tally.add(.purchaseBurst, bursts(days))
            tally.add(.dealerHopping, hops(guns, c))
            tally.add(.manyGuns, max(0, guns.count - 4))
            let memberSet = Set(members)
            for (k, indicator) in [(LinkGraph.NodeKind.address, Indicator.sharedAddress), (.phone, .sharedPhone)] {
                var links = 0
                for p in members {
                    for e in g.edges(of: g.node(.person, p)) where g.nodeKind(g.neighbour[e]) == k {
                        let hub = g.neighbour[e]
                        // Count each shared key once, from its lowest member in the group.
                        let inGroup = g.edges(of: hub).map { g.row(g.neighbour[$0]) }.filter { memberSet.contains($0) }
                        if inGroup.count >= 2 && inGroup.min() == p && g.degree(hub) <= largestLinkGroup { links += 1 }
                    }
                }
                tally.add(indicator, links)
            }
            tally.add(.flaggedDealer, dealers.filter { c.dealerFlagged[$0] }.count)
            let score = tally.score
            guard score >= minimumScore && tally.patternScore >= minimumPatternPoints,
                Double(tally.count(.shortTimeToCrime)) >= minimumShortShare * Double(guns.count)
            else { continue }
            recoveries.sort()
            leads.append(
                Lead(
                    rank: 0,
                    kind: members.count >= 2 ? .strawRing : .unlicensedDealing,
                    score: score,
                    reasons: tally.reasons(context: c, guns: guns.count, recoveries: recoveries.count, ttcs: ttcs),
                    persons: members,
                    firearms: guns.map(\.sale).sorted(),
                    recoveries: recoveries,
                    dealers: dealers.sorted(),
                    events: c.events(of: recoveries),
                    firstDay: firstDay,
                    lastDay: lastDay
                )
            )
        }
        return leads
    }

    /// Non-overlapping windows of `burstDays` holding `burstSize` or more purchases.
    func bursts(_ sortedDays: [Int32]) -> Int {
        var count = 0
        var i = 0
        while i + burstSize - 1 < sortedDays.count {
            if sortedDays[i + burstSize - 1] - sortedDays[i] <= burstDays {
                count += 1
                let end = sortedDays[i] + burstDays
                while i < sortedDays.count && sortedDays[i] <= end { i += 1 }
            } else {
                i += 1
            }
        }
        return count
    }

    /// Consecutive purchases by one buyer at two different dealers within `hoppingDays`.
    func hops(_ guns: [(sale: Int, buyer: Int)], _ c: Context) -> Int {
        let byBuyer = guns.sorted {
            ($0.buyer, c.data.sales.date[$0.sale]) < ($1.buyer, c.data.sales.date[$1.sale])
        }
        var count = 0
        for i in byBuyer.indices.dropFirst() {
            let a = byBuyer[i - 1]
            let b = byBuyer[i]
            if a.buyer == b.buyer && c.data.sales.licensee[a.sale] != c.data.sales.licensee[b.sale]
                && c.data.sales.date[b.sale] - c.data.sales.date[a.sale] <= hoppingDays
            {
                count += 1
            }
        }
        return count
    }

    // MARK: Guns with no sale record

    func theftLeads(_ c: Context) -> [Lead] {
        let g = c.graph
        let d = c.data
        var leads: [Lead] = []
        for dealer in 0..<d.licensees.count {
            var recovered: [Int] = []
            for e in g.edges(of: g.node(.dealer, dealer)) where g.kind[e] == LinkGraph.EdgeKind.tracedTo.rawValue {
                recovered.append(g.row(g.neighbour[e]))
            }
            guard recovered.count >= 2 else { continue }
            // Guns stolen together travel together: runs by place of recovery, then by time.
            let r = d.recoveries
            recovered.sort { (r.area[$0], r.date[$0], $0) < (r.area[$1], r.date[$1], $1) }
            var runStart = 0
            for i in 1...recovered.count {
                let closes =
                    i == recovered.count || r.area[recovered[i]] != r.area[recovered[i - 1]]
                    || r.date[recovered[i]] - r.date[recovered[i - 1]] > theftGapDays
                guard closes else { continue }
                let run = Array(recovered[runStart..<i])
                runStart = i
                guard run.count >= 2 else { continue }
                var tally = Tally()
                tally.add(.noSaleRecord, run.count)
                for r in run { c.placeAndPossession(recovery: r, dealer: dealer, buyer: nil, into: &tally) }
                if c.dealerFlagged[dealer] { tally.add(.flaggedDealer) }
                let score = tally.score
                guard score >= minimumScore && tally.patternScore >= minimumPatternPoints else { continue }
                leads.append(
                    Lead(
                        rank: 0,
                        kind: .dealerTheft,
                        score: score,
                        reasons: tally.reasons(context: c, guns: run.count, recoveries: run.count, ttcs: []),
                        persons: Array(Set(run.compactMap { c.possessorRow($0) })).sorted(),
                        firearms: [],
                        recoveries: run.sorted(),
                        dealers: [dealer],
                        events: c.events(of: run),
                        firstDay: d.recoveries.date[run.first!],
                        lastDay: d.recoveries.date[run.last!]
                    )
                )
            }
        }
        return leads
    }
}

/// Counts of indicators for one candidate, turned into a score and reasons.
struct Tally {
    var counts = [Int](repeating: 0, count: Indicator.ordered.count)
    /// Days from sale to recovery of the quickest recovered multiple-sale gun.
    var soonestMultipleSale = Int32.max

    mutating func add(_ i: Indicator, _ n: Int = 1) { counts[i.ordinal] += n }
    func count(_ i: Indicator) -> Int { counts[i.ordinal] }

    var score: Double {
        zip(Indicator.ordered, counts).reduce(0) { $0 + $1.0.points($1.1) }
    }

    var patternScore: Double {
        zip(Indicator.ordered, counts).reduce(0) { $0 + ($1.0.isPattern ? $1.0.points($1.1) : 0) }
    }

    func reasons(context c: LeadDetector.Context, guns: Int, recoveries: Int, ttcs: [Int]) -> [Lead.Reason] {
        var out: [Lead.Reason] = []
        let known = ttcs.filter { $0 >= 0 }.sorted()
        let medianDays = known.isEmpty ? nil : known[known.count / 2]
        for (i, n) in zip(Indicator.ordered, counts) where n > 0 {
            let detail: String
            let of = i == .purchaseBurst || i == .dealerHopping || i == .manyGuns ? guns : recoveries
            var reason = Lead.Reason(indicator: i, count: n, points: i.points(n), detail: "", of: of)
            switch i {
            case .shortTimeToCrime, .timeToCrimeUnderThreeYears:
                reason.medianDays = medianDays
                let median = medianDays.map { ", median time-to-crime \($0) days" } ?? ""
                detail = "\(n) of \(recoveries) recovered guns\(median)"
            case .manyGuns: detail = "\(guns) guns bought"
            case .severalRecovered: detail = "\(n) purchaser\(n == 1 ? "" : "s") with two or more guns recovered"
            case .sharedAddress, .sharedPhone: detail = "\(n) shared \(i == .sharedAddress ? "address" : "phone")"
            case .flaggedDealer: detail = "\(n) flagged dealer\(n == 1 ? "" : "s")"
            case .multipleSaleRecovered:
                reason.soonestDays = soonestMultipleSale == Int32.max ? nil : Int(soonestMultipleSale)
                detail = "\(n) of \(recoveries) recovered guns, the soonest \(soonestMultipleSale) days after sale"
            default: detail = "\(n) of \(of) guns"
            }
            reason.detail = detail
            out.append(reason)
        }
        return out.sorted { $0.points > $1.points }
    }
}
