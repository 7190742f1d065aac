import Foundation
import IronTraceCore
import IronTraceDataset

/// What the request's recovery place and a dealer's trace record say about a candidate sale, as a
/// few points added to its score. They settle what the serial and the markings cannot: in a crowded
/// registry a misread serial is often another real sale's serial, of the same maker and model.
///
/// - **Place.** A gun recovered in a US state was most often sold in that state or along the routes
///   into it: the share of ATF traces from the recovery state that came from the dealer's state
///   (ATF source and recovery by state, 2010-2020, ``atfSourceRecoveryTable``), against the dealer's
///   state's share of the registry's sales. A gun recovered in Mexico: the published source states
///   of Mexican traces (``MexicoSourceStates``), the other states sharing the rest by their sales.
/// - **Dealer.** Crime guns concentrate on few dealers (ATF: about 1.2% of dealers account for over
///   half of traces): the dealer's completed traces against what its sales would give at the
///   registry's rate.
/// - **Purchaser.** A purchaser with other guns traced to crime is a known trafficking indicator
///   (ATF's trafficking assessments): +2 for one other traced gun, +3 for more.
/// - **Already traced.** A sale whose gun is already traced to another recovery is less likely to be
///   this one (-2).
///
/// The trace of the request's own recovery, when one is stored, is left out of every count, so a
/// re-trace never counts itself. Place and dealer points are 1.5 per natural-log unit of the ratio,
/// rounded, within -2...3 each; the four together are held within -4...7 (a "limit" component says
/// so): at most 11 points between two candidates, less than the 12 that separate an exact serial from
/// the closest misread, so they never put a misread above an exact match with the same markings.
struct SourcePrior: Sendable {
    static let pointsPerNat = 1.5
    static let pointRange = -2...3
    static let totalRange = -4...7
    static let alreadyTracedPoints = -2

    /// Each licensee row's state, as an index into `USState.all`, or -1.
    let licenseeState: [Int8]
    /// Each state's share of the registry's sales (with half a sale added to every state).
    let salesShare: [Double]
    /// For each recovery key (the states of `USState.all`, then Mexico) the share of traced guns that
    /// came from each source state, and the points it gives.
    let sourceShare: [[Double]]
    let placePoints: [[Int8]]
    /// Each licensee row's dealer points, computed once (the hot path reads a byte, not a logarithm).
    private(set) var dealerPoints: [Int8]
    /// Completed traces and sales per licensee row, and the registry's traces per sale.
    private(set) var dealerTraces: [Int32]
    let dealerSales: [Int32]
    private(set) var tracesPerSale: Double
    /// The rows of completed traces, sorted by recovery id (to find a request's own trace).
    private(set) var tracesByRecovery: [Int32]
    /// One byte per sale: bits 0-1 the sale's completed traces, bits 2-3 its purchaser's (each up to
    /// 3), so the hot path reads one byte per candidate.
    private(set) var saleRecord: [UInt8]

    static let states = USState.all
    static var mexicoKey: Int { states.count }

    init(dataset d: Dataset, licenseeRow: [Int64: Int]) {
        let states = SourcePrior.states
        var stateOfCode: [Int32: Int8] = [:]
        for (k, s) in states.enumerated() {
            if let code = d.strings.lookup(s.usps) { stateOfCode[code] = Int8(k) }
        }
        licenseeState = d.licensees.state.map { stateOfCode[$0] ?? -1 }
        var sales = [Int32](repeating: 0, count: d.licensees.count)
        var perState = [Double](repeating: 0.5, count: states.count)
        for lid in d.sales.licensee {
            guard let row = licenseeRow[lid] else { continue }
            sales[row] += 1
            let st = licenseeState[row]
            if st >= 0 { perState[Int(st)] += 1 }
        }
        let total = perState.reduce(0, +)
        let share = perState.map { $0 / total }
        salesShare = share
        dealerSales = sales

        // Source shares by recovery state from the ATF table, one added to every cell.
        var flows: [String: [Double]] = [:]
        for line in SourcePrior.atfSourceRecoveryTable.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == states.count + 1 else { continue }
            flows[String(fields[0])] = fields.dropFirst().map { (Double($0) ?? 0) + 1 }
        }
        var shares: [[Double]] = states.map { r in
            let row = flows[r.usps] ?? [Double](repeating: 1, count: states.count)
            let sum = row.reduce(0, +)
            return row.map { $0 / sum }
        }
        // Mexico: the published states, the rest by the registry's sales.
        var mexico = [Double](repeating: 0, count: states.count)
        var named = Set<Int>()
        for (usps, share) in MexicoSourceStates.shares {
            if let k = states.firstIndex(where: { $0.usps == usps }) {
                mexico[k] = share
                named.insert(k)
            }
        }
        let otherSales = states.indices.filter { !named.contains($0) }.reduce(0.0) { $0 + share[$1] }
        for k in states.indices where !named.contains(k) {
            mexico[k] = MexicoSourceStates.remainder * share[k] / max(otherSales, 1e-9)
        }
        shares.append(mexico)
        sourceShare = shares
        placePoints = shares.map { row in
            row.indices.map { Int8(SourcePrior.points(ratio: row[$0] / share[$0])) }
        }

        var traced = [Int32](repeating: 0, count: d.licensees.count)
        var rows: [Int32] = []
        var bySale: [Int64: UInt8] = [:]
        var byPurchaser: [Int64: UInt8] = [:]
        for t in 0..<d.traces.count where d.traces.licensee[t] != 0 {
            guard let row = licenseeRow[d.traces.licensee[t]] else { continue }
            traced[row] += 1
            rows.append(Int32(t))
            // Counts stop at 3 (two bits each).
            let sale = d.traces.sale[t]
            if sale != 0 { bySale[sale] = min((bySale[sale] ?? 0) + 1, 3) }
            let buyer = d.traces.purchaser[t]
            if buyer != 0 { byPurchaser[buyer] = min((byPurchaser[buyer] ?? 0) + 1, 3) }
        }
        let recoveryOf = d.traces.recovery
        rows.sort { recoveryOf[Int($0)] < recoveryOf[Int($1)] }
        tracesByRecovery = rows
        var record = [UInt8](repeating: 0, count: d.sales.count)
        if !bySale.isEmpty || !byPurchaser.isEmpty {
            for i in 0..<d.sales.count {
                let own = bySale[d.sales.id[i]] ?? 0
                let buyer = d.sales.purchaser[i] == 0 ? 0 : (byPurchaser[d.sales.purchaser[i]] ?? 0)
                record[i] = own | buyer << 2
            }
        }
        saleRecord = record
        dealerTraces = traced
        let rate = Double(rows.count) / Double(max(1, d.sales.count))
        dealerPoints = traced.indices.map { r in
            Int8(SourcePrior.points(ratio: (Double(traced[r]) + 1) / (Double(sales[r]) * rate + 1)))
        }
        tracesPerSale = rate
    }

    /// This prior with the completed traces at `new` (rows of `d`, after the ones already counted)
    /// added: the dealer counts and points, the rows by recovery, and the record byte of every sale
    /// whose gun or purchaser they name. The same as building it over `d` from scratch.
    func appending(traces new: Range<Int>, of d: Dataset, licenseeRow: [Int64: Int]) -> SourcePrior {
        var next = self
        var traced = dealerTraces
        var rows: [Int32] = []
        var addedBySale: [Int64: Int] = [:]
        var addedByPurchaser: [Int64: Int] = [:]
        for t in new where d.traces.licensee[t] != 0 {
            guard let row = licenseeRow[d.traces.licensee[t]] else { continue }
            traced[row] += 1
            rows.append(Int32(t))
            if d.traces.sale[t] != 0 { addedBySale[d.traces.sale[t], default: 0] += 1 }
            if d.traces.purchaser[t] != 0 { addedByPurchaser[d.traces.purchaser[t], default: 0] += 1 }
        }
        guard !rows.isEmpty else { return self }
        // Rows by recovery: the new ones sorted, then merged (the old ones are sorted already).
        let recoveryOf = d.traces.recovery
        rows.sort { recoveryOf[Int($0)] < recoveryOf[Int($1)] }
        var merged: [Int32] = []
        merged.reserveCapacity(tracesByRecovery.count + rows.count)
        var a = 0
        var b = 0
        while a < tracesByRecovery.count || b < rows.count {
            if b == rows.count
                || (a < tracesByRecovery.count
                    && recoveryOf[Int(tracesByRecovery[a])] <= recoveryOf[Int(rows[b])])
            {
                merged.append(tracesByRecovery[a])
                a += 1
            } else {
                merged.append(rows[b])
                b += 1
            }
        }
        next.tracesByRecovery = merged
        // Record bytes: two bits for the sale's own traces, two for its purchaser's (each up to 3).
        var record = saleRecord
        // The sale's own bits.
        for (sale, added) in addedBySale {
            guard let i = d.saleRow(id: sale) else { continue }
            let own = min(Int(record[i] & 3) + added, 3)
            record[i] = record[i] & ~3 | UInt8(own)
        }
        // The purchaser's bits on every sale of each purchaser named: one pass, a range check first.
        if let low = addedByPurchaser.keys.min(), let high = addedByPurchaser.keys.max() {
            let purchasers = d.sales.purchaser
            for i in 0..<purchasers.count {
                let p = purchasers[i]
                guard p >= low, p <= high, let added = addedByPurchaser[p] else { continue }
                let theirs = min(Int(record[i] >> 2 & 3) + added, 3)
                record[i] = record[i] & 3 | UInt8(theirs << 2)
            }
        }
        next.saleRecord = record
        next.dealerTraces = traced
        let rate = Double(merged.count) / Double(max(1, d.sales.count))
        next.dealerPoints = traced.indices.map { r in
            Int8(SourcePrior.points(ratio: (Double(traced[r]) + 1) / (Double(dealerSales[r]) * rate + 1)))
        }
        next.tracesPerSale = rate
        return next
    }

    /// What a request's own stored trace points at, left out of the counts.
    struct OwnTrace: Sendable {
        var licenseeRow: Int32?
        var sale: Int64
        var purchaser: Int64
    }

    static func points(ratio: Double) -> Int {
        guard ratio > 0, ratio.isFinite else { return pointRange.lowerBound }
        let p = Int((pointsPerNat * log(ratio)).rounded())
        return min(max(p, pointRange.lowerBound), pointRange.upperBound)
    }

    var bytes: Int {
        licenseeState.count + dealerTraces.count * 9 + tracesByRecovery.count * 4 + saleRecord.count
            + placePoints.count * 60 * 9
    }

    /// The recovery key of a request: the US state or territory of `US-XX`, Mexico for a recovery
    /// there (`MX-...` or country MX), nil elsewhere or when unknown.
    func key(country: String, area: String) -> Int? {
        let a = area.uppercased()
        if a.hasPrefix("MX") || country.uppercased() == "MX" { return SourcePrior.mexicoKey }
        guard a.hasPrefix("US-"), a.count == 5 else { return nil }
        let usps = a.suffix(2)
        return SourcePrior.states.firstIndex { $0.usps == usps }
    }

    /// The stored completed trace of a recovery, if any.
    func ownTrace(recoveryID: Int64?, dataset d: Dataset, licenseeRow: [Int64: Int]) -> OwnTrace? {
        guard let id = recoveryID else { return nil }
        var lo = 0
        var hi = tracesByRecovery.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if d.traces.recovery[Int(tracesByRecovery[mid])] < id { lo = mid + 1 } else { hi = mid }
        }
        guard lo < tracesByRecovery.count else { return nil }
        let t = Int(tracesByRecovery[lo])
        guard d.traces.recovery[t] == id else { return nil }
        return OwnTrace(
            licenseeRow: licenseeRow[d.traces.licensee[t]].map { Int32($0) },
            sale: d.traces.sale[t],
            purchaser: d.traces.purchaser[t]
        )
    }

    /// The purchaser's other completed traces (the request's own left out; 3 stands for 3 or more).
    @inline(__always)
    func purchaserOtherTraces(sale i: Int, purchaser: Int64, own: OwnTrace?) -> Int {
        guard purchaser != 0, i < saleRecord.count else { return 0 }
        return Int(saleRecord[i] >> 2 & 3) - (own?.purchaser == purchaser ? 1 : 0)
    }

    @inline(__always)
    func purchaser(sale i: Int, purchaser: Int64, own: OwnTrace?) -> Int {
        let n = purchaserOtherTraces(sale: i, purchaser: purchaser, own: own)
        return n <= 0 ? 0 : (n == 1 ? 2 : 3)
    }

    /// Whether the sale's gun is traced to another recovery than the request's own.
    @inline(__always)
    func tracedElsewhere(sale i: Int, id: Int64, own: OwnTrace?) -> Bool {
        guard i < saleRecord.count else { return false }
        return Int(saleRecord[i] & 3) - (own?.sale == id ? 1 : 0) > 0
    }

    /// The four components' points for the candidate sale at row `i`, held within the limit.
    @inline(__always)
    func points(key: Int?, row: Int, sale i: Int, id: Int64, purchaser buyer: Int64, own: OwnTrace?) -> Int {
        var raw = place(key: key, row: row) + dealer(row: row, ownRow: own?.licenseeRow)
        if saleRecord[i] != 0 {
            raw += purchaser(sale: i, purchaser: buyer, own: own)
            if tracedElsewhere(sale: i, id: id, own: own) { raw += SourcePrior.alreadyTracedPoints }
        }
        return min(max(raw, SourcePrior.totalRange.lowerBound), SourcePrior.totalRange.upperBound)
    }

    @inline(__always)
    func place(key: Int?, row: Int) -> Int {
        guard let key, row < licenseeState.count else { return 0 }
        let st = licenseeState[row]
        return st < 0 ? 0 : Int(placePoints[key][Int(st)])
    }

    /// The dealer's completed traces (its own recovery's left out when `ownRow` is this row), and
    /// what its sales would give.
    @inline(__always)
    func dealerCounts(row: Int, ownRow: Int32?) -> (traces: Int, expected: Double) {
        guard row < dealerTraces.count else { return (0, 0) }
        let own = ownRow == Int32(row) ? 1 : 0
        return (Int(dealerTraces[row]) - own, Double(dealerSales[row]) * tracesPerSale)
    }

    @inline(__always)
    func dealer(row: Int, ownRow: Int32?) -> Int {
        if ownRow != Int32(row), row < dealerPoints.count { return Int(dealerPoints[row]) }
        let (t, e) = dealerCounts(row: row, ownRow: ownRow)
        return SourcePrior.points(ratio: (Double(t) + 1) / (e + 1))
    }

    /// A non-negative number with one decimal ("42.0"), without Foundation's formatter (five
    /// explanations per request are on the hot path).
    static func oneDecimal(_ x: Double) -> String {
        guard x.isFinite, x >= 0, x < 1e15 else { return "0.0" }
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The place component in words.
    func placeReason(key: Int, row: Int) -> String {
        let st = row < licenseeState.count ? Int(licenseeState[row]) : -1
        guard st >= 0 else { return "dealer's state unknown" }
        let s = SourcePrior.states[st].usps
        let traced = SourcePrior.oneDecimal(sourceShare[key][st] * 100) + "%"
        let registry = SourcePrior.oneDecimal(salesShare[st] * 100) + "%"
        if key == SourcePrior.mexicoKey {
            return
                "sold in \(s): \(traced) of US guns traced from Mexico come from \(s), against \(registry) of registry sales"
        }
        let r = SourcePrior.states[key].usps
        return
            "sold in \(s): \(traced) of guns traced in \(r) come from \(s) (ATF 2010-2020), against \(registry) of registry sales"
    }

    func dealerReason(row: Int, ownRow: Int32?) -> String {
        let (t, e) = dealerCounts(row: row, ownRow: ownRow)
        return
            "dealer has \(t) completed trace\(t == 1 ? "" : "s") where its \(dealerSales[row]) sales would give \(SourcePrior.oneDecimal(e))"
            + (ownRow == Int32(row) ? " (this recovery's own trace left out)" : "")
    }
}
