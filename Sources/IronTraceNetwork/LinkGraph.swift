import Dispatch
import Foundation
import IronTraceCore
import IronTraceDataset
import Synchronization

/// The link graph of purchasers, possessors, dealers, firearms, recoveries, events and the
/// addresses, phone numbers and multiple-sale reports that tie them together, in compressed
/// adjacency form (CSR): node `n`'s half-edges are `offsets[n]..<offsets[n+1]` in `neighbour`,
/// `kind` and `date`. Every edge is stored in both directions. Nodes are numbered kind by kind, so a
/// node's kind and its row in the `Dataset` follow from its number without a lookup table.
///
/// Built from the `Dataset` only; it reads no file and no database.
public struct LinkGraph: Sendable {
    public enum NodeKind: Int, CaseIterable, Sendable {
        case person, dealer, firearm, recovery, event, address, phone, multipleSale

        public var name: String {
            switch self {
            case .person: "person"
            case .dealer: "dealer"
            case .firearm: "firearm"
            case .recovery: "recovery"
            case .event: "event"
            case .address: "address"
            case .phone: "phone"
            case .multipleSale: "multiple-sale"
            }
        }
    }

    public enum EdgeKind: UInt8, CaseIterable, Sendable {
        /// firearm – purchaser, dated by the sale.
        case boughtBy
        /// firearm – dealer, dated by the sale.
        case boughtAt
        /// firearm – recovery, dated by the recovery.
        case recoveredAs
        /// recovery – dealer when the trace ends at a dealer with no sale record, dated by the recovery.
        case tracedTo
        /// recovery – person found with the gun.
        case possessedBy
        /// recovery – event where it was recovered.
        case recoveredAt
        /// person – address shared with at least one other person.
        case sharesAddress
        /// person – phone number shared with at least one other person.
        case sharesPhone
        /// firearm – multiple-sale report, dated by the sale.
        case partOfMultipleSale
        /// recovery or event – recovery or event: a NIBIN correlation lead says one gun fired the
        /// evidence of both, dated by the lead.
        case sameGun

        public var name: String {
            switch self {
            case .boughtBy: "bought-by"
            case .boughtAt: "bought-at"
            case .recoveredAs: "recovered-as"
            case .tracedTo: "traced-to"
            case .possessedBy: "possessed-by"
            case .recoveredAt: "recovered-at"
            case .sharesAddress: "shares-address"
            case .sharesPhone: "shares-phone"
            case .partOfMultipleSale: "part-of-multiple-sale"
            case .sameGun: "same-gun"
            }
        }
    }

    /// First node number of each kind, plus the total at the end.
    public let kindStart: [Int32]
    public let offsets: [Int32]
    public let neighbour: [Int32]
    public let kind: [UInt8]
    /// Day number of the edge's date; `Int32.min` when undated.
    public let date: [Int32]

    /// Keys behind the address and phone nodes (`LinkKey` hashes) and the multiple-sale report ids.
    public let addressKeys: [UInt64]
    public let phoneKeys: [UInt64]
    public let multipleSaleIDs: [Int64]
    /// For each recovery row, its trace row (-1 when untraced).
    public let traceOfRecovery: [Int32]
    /// References to ids missing from the dataset (a sale naming an unknown person, ...), not linked.
    public let danglingReferences: Int

    public var nodeCount: Int { Int(kindStart.last!) }
    public var edgeCount: Int { neighbour.count / 2 }

    public func nodeKind(_ n: Int32) -> NodeKind {
        var k = 0
        while n >= kindStart[k + 1] { k += 1 }
        return NodeKind(rawValue: k)!
    }

    /// The node of a kind's i-th row (dataset row, or index into the key arrays).
    public func node(_ k: NodeKind, _ i: Int) -> Int32 { kindStart[k.rawValue] + Int32(i) }
    public func row(_ n: Int32) -> Int { Int(n - kindStart[nodeKind(n).rawValue]) }
    public func count(of k: NodeKind) -> Int { Int(kindStart[k.rawValue + 1] - kindStart[k.rawValue]) }
    public func degree(_ n: Int32) -> Int { Int(offsets[Int(n) + 1] - offsets[Int(n)]) }
    public func edges(of n: Int32) -> Range<Int> { Int(offsets[Int(n)])..<Int(offsets[Int(n) + 1]) }
    public func edgeKind(_ e: Int) -> EdgeKind { EdgeKind(rawValue: kind[e])! }
}

extension LinkGraph {
    /// Builds the graph in two passes over the dataset's columns: one counts each node's degree,
    /// the other fills the adjacency arrays in place.
    public init(_ d: Dataset) {
        let persons = IDIndex(d.persons.id)
        let dealers = IDIndex(d.licensees.id)
        let sales = IDIndex(d.sales.id)
        let recoveries = IDIndex(d.recoveries.id)
        let events = IDIndex(d.events.id)

        let keyed = Mutex<[(keys: [UInt64], position: [Int32])]>([([], []), ([], [])])
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let result = LinkGraph.sharedKeys(k == 0 ? d.persons.address : d.persons.phone)
            keyed.withLock { $0[k] = result }
        }
        let (addressKeys, addressOf) = keyed.withLock { $0[0] }
        let (phoneKeys, phoneOf) = keyed.withLock { $0[1] }
        let (multipleSaleIDs, multipleSaleOf) = LinkGraph.distinctIDs(d.sales.multipleSale)

        var starts: [Int32] = [0]
        for c in [
            d.persons.count, d.licensees.count, d.sales.count, d.recoveries.count, d.events.count, addressKeys.count,
            phoneKeys.count, multipleSaleIDs.count,
        ] {
            starts.append(starts.last! + Int32(c))
        }
        let start = starts
        @Sendable func node(_ k: NodeKind, _ i: Int) -> Int32 { start[k.rawValue] + Int32(i) }

        var tracesOfRecoveries = [Int32](repeating: -1, count: d.recoveries.count)
        var dangling = 0
        for t in 0..<d.traces.count {
            if let r = recoveries[d.traces.recovery[t]] { tracesOfRecoveries[r] = Int32(t) } else { dangling += 1 }
        }
        let traceOfRecovery = tracesOfRecoveries

        // Every edge once, as (a, b, kind, date); called by each thread in both passes.
        @Sendable func forEachEdge(_ emit: (Int32, Int32, EdgeKind, Int32) -> Void) -> Int {
            var missing = 0
            let s = d.sales
            for i in 0..<s.count {
                let f = node(.firearm, i)
                if s.purchaser[i] != 0 {
                    if let p = persons[s.purchaser[i]] {
                        emit(f, node(.person, p), .boughtBy, s.date[i])
                    } else {
                        missing += 1
                    }
                }
                if let l = dealers[s.licensee[i]] {
                    emit(f, node(.dealer, l), .boughtAt, s.date[i])
                } else {
                    missing += 1
                }
                if multipleSaleOf[i] >= 0 {
                    emit(f, node(.multipleSale, Int(multipleSaleOf[i])), .partOfMultipleSale, s.date[i])
                }
            }
            let r = d.recoveries
            for i in 0..<r.count {
                let rn = node(.recovery, i)
                if r.possessor[i] != 0 {
                    if let p = persons[r.possessor[i]] {
                        emit(rn, node(.person, p), .possessedBy, r.date[i])
                    } else {
                        missing += 1
                    }
                }
                if r.event[i] != 0 {
                    if let e = events[r.event[i]] {
                        emit(rn, node(.event, e), .recoveredAt, r.date[i])
                    } else {
                        missing += 1
                    }
                }
                let t = Int(traceOfRecovery[i])
                guard t >= 0 else { continue }
                if d.traces.sale[t] != 0 {
                    if let sr = sales[d.traces.sale[t]] {
                        emit(node(.firearm, sr), rn, .recoveredAs, r.date[i])
                    } else {
                        missing += 1
                    }
                } else if d.traces.licensee[t] != 0 {
                    if let l = dealers[d.traces.licensee[t]] {
                        emit(rn, node(.dealer, l), .tracedTo, r.date[i])
                    } else {
                        missing += 1
                    }
                }
            }
            // NIBIN leads: each exhibit is its recovery (the gun) when it names one, else its event.
            let nb = d.nibin
            for i in 0..<nb.count {
                func side(_ recovery: Int64, _ event: Int64) -> Int32? {
                    if recovery != 0 { return recoveries[recovery].map { node(.recovery, $0) } }
                    return events[event].map { node(.event, $0) }
                }
                guard let a = side(nb.recoveryA[i], nb.eventA[i]), let b = side(nb.recoveryB[i], nb.eventB[i]) else {
                    missing += 1
                    continue
                }
                if a != b { emit(a, b, .sameGun, nb.date[i]) }
            }
            for i in 0..<d.persons.count {
                let pn = node(.person, i)
                if addressOf[i] >= 0 { emit(pn, node(.address, Int(addressOf[i])), .sharesAddress, Int32.min) }
                if phoneOf[i] >= 0 { emit(pn, node(.phone, Int(phoneOf[i])), .sharesPhone, Int32.min) }
            }
            return missing
        }

        // Two passes (count each node's edges, then fill), each split across the cores by node
        // range: every thread walks all edges but writes only the half-edges of its own nodes, so
        // the writes are disjoint and need no locks.
        let n = Int(start.last!)
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4, n / 100_000))
        let bounds = (0...parts).map { Int32(n * $0 / parts) }
        var degree = [Int32](repeating: 0, count: n + 1)
        let missing = Mutex(0)
        degree.withUnsafeMutableBufferPointer { deg in
            let out = SharedWrites(deg.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let (lo, hi) = (bounds[k], bounds[k + 1])
                let m = forEachEdge { a, b, _, _ in
                    if a >= lo && a < hi { out[Int(a) + 1] += 1 }
                    if b >= lo && b < hi { out[Int(b) + 1] += 1 }
                }
                if k == 0 { missing.withLock { $0 = m } }
            }
        }
        dangling += missing.withLock { $0 }
        for i in 0..<n { degree[i + 1] += degree[i] }
        let total = Int(degree[n])
        var fill = degree
        var neighbour = [Int32](repeating: 0, count: total)
        var kind = [UInt8](repeating: 0, count: total)
        var date = [Int32](repeating: 0, count: total)
        neighbour.withUnsafeMutableBufferPointer { nbBuffer in
            kind.withUnsafeMutableBufferPointer { kdBuffer in
                date.withUnsafeMutableBufferPointer { dtBuffer in
                    fill.withUnsafeMutableBufferPointer { flBuffer in
                        let nb = SharedWrites(nbBuffer.baseAddress!)
                        let kd = SharedWrites(kdBuffer.baseAddress!)
                        let dt = SharedWrites(dtBuffer.baseAddress!)
                        let fl = SharedWrites(flBuffer.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: parts) { k in
                            let (lo, hi) = (bounds[k], bounds[k + 1])
                            _ = forEachEdge { a, b, edgeKind, day in
                                if a >= lo && a < hi {
                                    let i = Int(fl[Int(a)])
                                    fl[Int(a)] += 1
                                    nb[i] = b
                                    kd[i] = edgeKind.rawValue
                                    dt[i] = day
                                }
                                if b >= lo && b < hi {
                                    let i = Int(fl[Int(b)])
                                    fl[Int(b)] += 1
                                    nb[i] = a
                                    kd[i] = edgeKind.rawValue
                                    dt[i] = day
                                }
                            }
                        }
                    }
                }
            }
        }
        self.kindStart = start
        self.offsets = degree
        self.neighbour = neighbour
        self.kind = kind
        self.date = date
        self.addressKeys = addressKeys
        self.phoneKeys = phoneKeys
        self.multipleSaleIDs = multipleSaleIDs
        self.traceOfRecovery = traceOfRecovery
        self.danglingReferences = dangling
    }

    /// The keys (other than 0) held by two or more rows, sorted, and for each row the position of
    /// its key among them (-1 when unshared). The keys are uniform hashes, so one scatter by their
    /// top 16 bits leaves buckets of a few dozen pairs, each sorted on its own.
    static func sharedKeys(_ keys: [UInt64]) -> (keys: [UInt64], position: [Int32]) {
        var counts = [Int](repeating: 0, count: (1 << 16) + 1)
        var nonzero = 0
        for k in keys where k != 0 {
            counts[Int(k >> 48) + 1] += 1
            nonzero += 1
        }
        for i in 0..<(1 << 16) { counts[i + 1] += counts[i] }
        var fill = counts
        var pairs = [(key: UInt64, row: Int32)](repeating: (0, 0), count: nonzero)
        for (i, k) in keys.enumerated() where k != 0 {
            let bucket = Int(k >> 48)
            pairs[fill[bucket]] = (k, Int32(i))
            fill[bucket] += 1
        }
        var shared: [UInt64] = []
        var position = [Int32](repeating: -1, count: keys.count)
        pairs.withUnsafeMutableBufferPointer { p in
            for bucket in 0..<(1 << 16) where counts[bucket + 1] - counts[bucket] > 1 {
                var slice = UnsafeMutableBufferPointer(rebasing: p[counts[bucket]..<counts[bucket + 1]])
                slice.sort { $0.key < $1.key }
                var i = 0
                while i < slice.count {
                    var j = i + 1
                    while j < slice.count && slice[j].key == slice[i].key { j += 1 }
                    if j - i >= 2 {
                        for k in i..<j { position[Int(slice[k].row)] = Int32(shared.count) }
                        shared.append(slice[i].key)
                    }
                    i = j
                }
            }
        }
        return (shared, position)
    }

    /// The distinct ids (other than 0) in a column, sorted, and each row's position among them
    /// (-1 for 0). Counting by id when the ids are small numbers, as stores and generators number them.
    static func distinctIDs(_ column: [Int64]) -> (ids: [Int64], position: [Int32]) {
        var position = [Int32](repeating: -1, count: column.count)
        let largest = column.max() ?? 0
        guard largest > 0 else { return ([], position) }
        if column.allSatisfy({ $0 >= 0 }) && largest <= Int64(8 * column.count + 1024) {
            var slot = [Int32](repeating: -1, count: Int(largest) + 1)
            for id in column where id != 0 { slot[Int(id)] = 0 }
            var ids: [Int64] = []
            for id in 1..<slot.count where slot[id] == 0 {
                slot[id] = Int32(ids.count)
                ids.append(Int64(id))
            }
            for (i, id) in column.enumerated() where id != 0 { position[i] = slot[Int(id)] }
            return (ids, position)
        }
        let ids = Array(Set(column.lazy.filter { $0 != 0 })).sorted()
        let index = IDIndex(ids)
        for (i, id) in column.enumerated() where id != 0 { position[i] = Int32(index[id]!) }
        return (ids, position)
    }
}

/// Row of an id: arithmetic when the ids are 1, 2, 3, ... in order (as the store and the generator
/// write them), a dictionary otherwise.
public struct IDIndex: Sendable {
    private let dense: Bool
    private let first: Int64
    private let count: Int
    private let map: [Int64: Int]

    public init(_ ids: [Int64]) {
        count = ids.count
        first = ids.first ?? 0
        var isDense = true
        for (i, id) in ids.enumerated() where id != first + Int64(i) {
            isDense = false
            break
        }
        dense = isDense
        if isDense {
            map = [:]
        } else {
            var m: [Int64: Int] = [:]
            m.reserveCapacity(ids.count)
            for (i, id) in ids.enumerated() { m[id] = i }
            map = m
        }
    }

    public subscript(id: Int64) -> Int? {
        if dense {
            let i = id - first
            return i >= 0 && i < count ? Int(i) : nil
        }
        return map[id]
    }
}

/// A buffer several threads write at once, each to its own positions (the caller guarantees it).
struct SharedWrites<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ base: UnsafeMutablePointer<T>) { self.base = base }
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
