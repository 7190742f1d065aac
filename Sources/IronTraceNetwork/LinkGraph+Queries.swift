import IronTraceCore
import IronTraceDataset

/// A part of the link graph: some nodes and the edges between them, for queries, link charts and
/// exports. Edges are positions in the graph's half-edge arrays, one per undirected edge.
public struct Subgraph: Sendable {
    public var nodes: [Int32]
    public var edges: [Int]
    /// Nodes shown but not expanded because they have more edges than the query's hub limit.
    public var unexpanded: [Int32] = []

    public init(nodes: [Int32], edges: [Int], unexpanded: [Int32] = []) {
        self.nodes = nodes
        self.edges = edges
        self.unexpanded = unexpanded
    }
}

/// What links a person, a dealer, a gun, a recovery or an event to the rest.
extension LinkGraph {
    /// Parses `person:12`, `dealer:34` (licensee id or licence number), `firearm:56` (sale id),
    /// `recovery:78`, `event:90`, and the names pages show without a kind: a pseudonym
    /// (`P-0000012`), a licence number, a serial that one sale carries.
    public func node(for reference: String, in d: Dataset) throws(NetworkError) -> Int32 {
        let trimmed = reference.trimmingASCIISpaces()
        if let n = nodeByShownName(trimmed, in: d) { return n }
        let parts = trimmed.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw NetworkError(
                "'\(reference)' is not an entity: use a pseudonym (P-0000012), a licence number, a serial, or "
                    + "person:ID, dealer:ID, firearm:ID, recovery:ID or event:ID"
            )
        }
        let (kindName, value) = (parts[0].lowercased(), parts[1].trimmingASCIISpaces())
        let kinds: [String: (NodeKind, [Int64])] = [
            "person": (.person, d.persons.id), "dealer": (.dealer, d.licensees.id), "firearm": (.firearm, d.sales.id),
            "sale": (.firearm, d.sales.id), "recovery": (.recovery, d.recoveries.id), "event": (.event, d.events.id),
        ]
        // The shared-address, shared-phone and multiple-sale nodes by the references pages print.
        switch kindName {
        case "address", "phone":
            let keys = kindName == "address" ? addressKeys : phoneKeys
            if let key = UInt64(value, radix: 16), let row = keys.firstIndex(where: { $0 >> 32 == key }) {
                return node(kindName == "address" ? .address : .phone, row)
            }
            throw NetworkError("no shared \(kindName) '\(value)' in the database")
        case "multiple-sale":
            if let id = Int64(value), let row = multipleSaleIDs.firstIndex(of: id) { return node(.multipleSale, row) }
            throw NetworkError("no multiple-sale report '\(value)' in the database")
        default: break
        }
        guard let (k, ids) = kinds[kindName] else {
            throw NetworkError(
                "unknown entity kind '\(parts[0])' in '\(reference)'; kinds: person, dealer, firearm, recovery, event, "
                    + "address, phone, multiple-sale"
            )
        }
        if let id = Int64(value), let row = ids.firstIndex(of: id) { return node(k, row) }
        if k == .dealer, let code = d.strings.lookup(value), let row = d.licensees.licence.firstIndex(of: code) {
            return node(.dealer, row)
        }
        throw NetworkError("no \(kindName) with id '\(value)' in the database")
    }

    /// A node named the way pages show it, without a kind: a person's pseudonym (`P-0001234`), a
    /// dealer's licence number, a firearm's serial when one sale has it; nil otherwise.
    func nodeByShownName(_ text: String, in d: Dataset) -> Int32? {
        guard !text.isEmpty, !text.contains(":") else { return nil }
        let upper = text.uppercased()
        if upper.hasPrefix("P-") {
            if let id = Int64(upper.dropFirst(2)), let row = d.persons.id.firstIndex(of: id),
                d.pseudonym(ofPersonAt: row) == upper
            {
                return node(.person, row)
            }
            if let code = d.strings.lookup(upper), let row = d.persons.pseudonym.firstIndex(of: code) {
                return node(.person, row)
            }
        }
        if let code = d.strings.lookup(text) ?? d.strings.lookup(upper) {
            if let row = d.licensees.licence.firstIndex(of: code) { return node(.dealer, row) }
            let rows = d.sales.serial.indices.lazy.filter { d.sales.serial[$0] == code }.prefix(2)
            if rows.count == 1, let row = rows.first { return node(.firearm, row) }
        }
        return nil
    }

    /// `kind:id` of a node, the inverse of ``node(for:in:)`` (address, phone and multiple-sale nodes
    /// get their own prefixes and a short key instead of the text).
    public func reference(_ n: Int32, in d: Dataset) -> String {
        let i = row(n)
        switch nodeKind(n) {
        case .person: return "person:\(d.persons.id[i])"
        case .dealer: return "dealer:\(d.licensees.id[i])"
        case .firearm: return "firearm:\(d.sales.id[i])"
        case .recovery: return "recovery:\(d.recoveries.id[i])"
        case .event: return "event:\(d.events.id[i])"
        case .address: return "address:" + String(addressKeys[i] >> 32, radix: 16)
        case .phone: return "phone:" + String(phoneKeys[i] >> 32, radix: 16)
        case .multipleSale: return "multiple-sale:\(multipleSaleIDs[i])"
        }
    }

    /// A short label safe to show anyone: pseudonyms, never names, addresses or phone numbers.
    public func label(_ n: Int32, in d: Dataset) -> String {
        let i = row(n)
        let s = d.strings
        switch nodeKind(n) {
        case .person: return d.pseudonym(ofPersonAt: i)
        case .dealer: return "\(s[d.licensees.name[i]]) (\(s[d.licensees.city[i]]), \(s[d.licensees.state[i]]))"
        case .firearm:
            return
                "\(s[d.sales.manufacturer[i]]) \(s[d.sales.model[i]]) \(s[d.sales.caliber[i]]) #\(s[d.sales.serial[i]])"
        case .recovery:
            let area = s[d.recoveries.area[i]]
            return
                "recovered \(CivilDate(dayNumber: d.recoveries.date[i])) in \(area.isEmpty ? s[d.recoveries.country[i]] : AreaCode.displayName(of: area))"
        case .event:
            return "\(s[d.events.type[i]]) \(d.eventDateText(i)), \(s[d.events.location[i]])"
        case .address: return "shared address"
        case .phone: return "shared phone"
        case .multipleSale: return "multiple-sale report \(multipleSaleIDs[i])"
        }
    }

    /// Nodes within `depth` edges of `start`, breadth first, up to `limit` nodes. Nodes with more than
    /// `hubLimit` edges (a big dealer, a common address) are included but not expanded, and listed.
    public func neighbours(of start: Int32, depth: Int, limit: Int = 500, hubLimit: Int = 200) -> Subgraph {
        var seen: [Int32: Int] = [start: 0]
        var order: [Int32] = [start]
        var unexpanded: [Int32] = []
        var head = 0
        while head < order.count {
            let n = order[head]
            head += 1
            let level = seen[n]!
            guard level < depth else { continue }
            if n != start && degree(n) > hubLimit {
                unexpanded.append(n)
                continue
            }
            for e in edges(of: n) where seen[neighbour[e]] == nil {
                guard order.count < limit else { break }
                seen[neighbour[e]] = level + 1
                order.append(neighbour[e])
            }
        }
        return Subgraph(nodes: order, edges: edgesAmong(order), unexpanded: unexpanded)
    }

    /// One shortest chain of edges from `a` to `b` (breadth first from both ends), or nil when they
    /// are not connected. Nodes with more than `hubLimit` edges are not passed through unless nil.
    public func path(from a: Int32, to b: Int32, hubLimit: Int? = nil) -> [Int]? {
        if a == b { return [] }
        // parent edge per node for each side; -1 unseen, -2 root.
        var parentA: [Int32: Int] = [a: -2]
        var parentB: [Int32: Int] = [b: -2]
        var frontA: [Int32] = [a]
        var frontB: [Int32] = [b]
        func passable(_ n: Int32) -> Bool { n == a || n == b || hubLimit.map { degree(n) <= $0 } ?? true }
        var meet: Int32?
        while meet == nil && !frontA.isEmpty && !frontB.isEmpty {
            let expandA = frontA.count <= frontB.count
            var next: [Int32] = []
            let front = expandA ? frontA : frontB
            for n in front where passable(n) {
                for e in edges(of: n) {
                    let m = neighbour[e]
                    if expandA {
                        guard parentA[m] == nil else { continue }
                        parentA[m] = e
                        if parentB[m] != nil {
                            meet = m
                            break
                        }
                    } else {
                        guard parentB[m] == nil else { continue }
                        parentB[m] = e
                        if parentA[m] != nil {
                            meet = m
                            break
                        }
                    }
                    next.append(m)
                }
                if meet != nil { break }
            }
            if expandA { frontA = next } else { frontB = next }
        }
        guard let meet else { return nil }
        var left: [Int] = []
        var n = meet
        while let e = parentA[n], e >= 0 {
            left.append(e)
            n = source(ofHalfEdge: e)
        }
        // B's side was found walking away from `b`: each parent edge points towards the meeting
        // node, so the chain takes its twin (the same link, walked towards `b`).
        var right: [Int] = []
        n = meet
        while let e = parentB[n], e >= 0 {
            let from = source(ofHalfEdge: e)
            right.append(twin(of: e, at: n, towards: from))
            n = from
        }
        return left.reversed() + right
    }

    /// The half-edge at `node` that leads to `other` with the kind of `e` (every link is stored
    /// once from each end).
    func twin(of e: Int, at node: Int32, towards other: Int32) -> Int {
        for f in edges(of: node) where neighbour[f] == other && kind[f] == kind[e] { return f }
        preconditionFailure("link graph without the twin of half-edge \(e)")
    }

    /// The node a half-edge starts from (the one whose adjacency holds it).
    public func source(ofHalfEdge e: Int) -> Int32 {
        var lo = 0
        var hi = nodeCount
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if Int(offsets[mid]) <= e { lo = mid } else { hi = mid }
        }
        // Skip nodes without edges that share the offset.
        while Int(offsets[lo + 1]) <= e { lo += 1 }
        return Int32(lo)
    }

    /// The edges among a set of nodes, each once (from its lower-numbered end).
    public func edgesAmong(_ nodes: [Int32]) -> [Int] {
        let set = Set(nodes)
        var out: [Int] = []
        for n in nodes {
            for e in edges(of: n) where neighbour[e] > n && set.contains(neighbour[e]) { out.append(e) }
        }
        return out
    }

    /// A lead's own subgraph: its people, guns, recoveries, dealers and events, and the address,
    /// phone and multiple-sale nodes that tie them.
    public func subgraph(of lead: Lead) -> Subgraph {
        var nodes = lead.persons.map { node(.person, $0) } + lead.firearms.map { node(.firearm, $0) }
        nodes += lead.recoveries.map { node(.recovery, $0) } + lead.dealers.map { node(.dealer, $0) }
        nodes += lead.events.map { node(.event, $0) }
        var ties: Set<Int32> = []
        for n in nodes {
            let k = nodeKind(n)
            guard k == .person || k == .firearm else { continue }
            for e in edges(of: n) {
                let m = neighbour[e]
                if [.address, .phone, .multipleSale].contains(nodeKind(m)) { ties.insert(m) }
            }
        }
        nodes += ties.sorted()
        return Subgraph(nodes: nodes, edges: edgesAmong(nodes))
    }

    /// Betweenness centrality (Brandes, unweighted, undirected) within a subgraph: how often a node
    /// lies on the shortest paths between others. Who brokers a ring.
    public func betweenness(in sub: Subgraph) -> [Int32: Double] {
        let nodes = sub.nodes
        var index: [Int32: Int] = [:]
        for (i, n) in nodes.enumerated() { index[n] = i }
        var adj = [[Int]](repeating: [], count: nodes.count)
        for e in sub.edges {
            let a = index[source(ofHalfEdge: e)]!
            let b = index[neighbour[e]]!
            adj[a].append(b)
            adj[b].append(a)
        }
        var cb = [Double](repeating: 0, count: nodes.count)
        for s in nodes.indices {
            var stack: [Int] = []
            var preds = [[Int]](repeating: [], count: nodes.count)
            var sigma = [Double](repeating: 0, count: nodes.count)
            var dist = [Int](repeating: -1, count: nodes.count)
            sigma[s] = 1
            dist[s] = 0
            var queue = [s]
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                stack.append(v)
                for w in adj[v] {
                    if dist[w] < 0 {
                        dist[w] = dist[v] + 1
                        queue.append(w)
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v]
                        preds[w].append(v)
                    }
                }
            }
            var delta = [Double](repeating: 0, count: nodes.count)
            while let w = stack.popLast() {
                for v in preds[w] { delta[v] += sigma[v] / sigma[w] * (1 + delta[w]) }
                if w != s { cb[w] += delta[w] }
            }
        }
        var out: [Int32: Double] = [:]
        // Each pair was counted from both ends.
        for (i, n) in nodes.enumerated() { out[n] = cb[i] / 2 }
        return out
    }
}

/// A query that cannot be answered as asked (unknown entity, bad reference).
public struct NetworkError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension LinkGraph {
    /// Connected components: for each node, the smallest node number in its component (breadth
    /// first over the adjacency arrays), and the number of components.
    public func components() -> (component: [Int32], count: Int) {
        var component = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        var count = 0
        component.withUnsafeMutableBufferPointer { comp in
            queue.withUnsafeMutableBufferPointer { q in
                neighbour.withUnsafeBufferPointer { nb in
                    offsets.withUnsafeBufferPointer { off in
                        for s in 0..<nodeCount where comp[s] < 0 {
                            count += 1
                            comp[s] = Int32(s)
                            var head = 0
                            var tail = 1
                            q[0] = Int32(s)
                            while head < tail {
                                let n = Int(q[head])
                                head += 1
                                for e in Int(off[n])..<Int(off[n + 1]) {
                                    let m = Int(nb[e])
                                    if comp[m] < 0 {
                                        comp[m] = Int32(s)
                                        q[tail] = Int32(m)
                                        tail += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (component, count)
    }

    /// Every node's number of links.
    public func degrees() -> [Int32] {
        (0..<nodeCount).map { offsets[$0 + 1] - offsets[$0] }
    }

    /// Each edge once as (lower node, higher node), for peers that take an edge list.
    public func edgeList() -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(neighbour.count)
        for n in 0..<nodeCount {
            for e in Int(offsets[n])..<Int(offsets[n + 1]) where neighbour[e] > Int32(n) {
                out.append(Int32(n))
                out.append(neighbour[e])
            }
        }
        return out
    }
}
