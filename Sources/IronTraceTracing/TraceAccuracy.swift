import IronTraceCore
import IronTraceDataset

/// Measures the engine against known answers: requests built from recoveries whose source sale is
/// known (completed traces), with damage injected into the serial the way recovering agencies
/// misread it, and the right sale compared with what the engine returns.
public enum TraceAccuracy {
    public enum Damage: String, Sendable, CaseIterable {
        case exact
        /// Written with separators and in lower case (`ab-12 34` for `AB1234`).
        case separatorsCase = "separators_case"
        /// One character replaced by one readers confuse it with (0→O, 1→I, 5→S, 8→B, 2→Z, 6→G).
        case confusable
        /// Two adjacent (different) characters swapped.
        case transposition
        /// One character written twice.
        case doubled
        /// One character lost inside the serial (not at an end).
        case lost
        /// A character added before the first or after the last.
        case endAdded = "end_added"
        /// The first or the last character lost.
        case endLost = "end_lost"
        /// One substitution (non-confusable), insertion or deletion anywhere.
        case oneEdit = "one_edit"
        /// Two positions unreadable (`?`), the serial marked obliterated.
        case twoUnknown = "two_unknown"
    }

    public struct Figures: Sendable {
        public var damage: Damage
        public var requests = 0
        public var top1 = 0
        public var top5 = 0
        /// Completed traces to a sale other than the right one.
        public var wrongCompleted = 0
        public var completed = 0
        public var ambiguous = 0
        /// Completed traces to the right sale.
        public var completedRight = 0
        /// Requests whose serial and markings single out the right sale (no rival, see
        /// ``TraceEngine/rivals(of:saleIndex:)``).
        public var alone = 0
        /// The expected top-1 of a ranking that uses only the serial and the markings: the sum of
        /// 1 / (rivals + 1) over the requests. The place and the records are what can lift top-1 above it.
        public var markingsCeiling = 0.0

        public var top1Rate: Double { Double(top1) / Double(max(1, requests)) }
        public var top5Rate: Double { Double(top5) / Double(max(1, requests)) }
        public var wrongCompletedRate: Double { Double(wrongCompleted) / Double(max(1, requests)) }
        public var completedRightRate: Double { Double(completedRight) / Double(max(1, requests)) }
        public var aloneRate: Double { Double(alone) / Double(max(1, requests)) }
        public var markingsCeilingRate: Double { markingsCeiling / Double(max(1, requests)) }
    }

    /// A request for a recovery with a known sale, and that sale's id.
    public struct Case: Sendable {
        public var request: TraceRequest
        /// The right sale, or 0 when no sale is right.
        public var saleID: Int64
        /// The right sale's row in the dataset, when known.
        public var saleIndex: Int?
        public init(request: TraceRequest, saleID: Int64, saleIndex: Int? = nil) {
            self.request = request
            self.saleID = saleID
            self.saleIndex = saleIndex
        }
    }

    /// Up to `limit` cases per damage kind from the dataset's completed traces, deterministic in `seed`.
    public static func cases(_ d: Dataset, damage: Damage, limit: Int, seed: UInt64) -> [Case] {
        var saleRow: [Int64: Int] = [:]
        saleRow.reserveCapacity(d.sales.count)
        for (i, id) in d.sales.id.enumerated() { saleRow[id] = i }
        var recoveryRow: [Int64: Int] = [:]
        for (i, id) in d.recoveries.id.enumerated() { recoveryRow[id] = i }
        var rng = seed | 1
        func next() -> UInt64 {
            rng ^= rng << 13
            rng ^= rng >> 7
            rng ^= rng << 17
            return rng
        }
        var out: [Case] = []
        let completedTo = Set([Dataset.outcomeCode(.completedToPurchaser), Dataset.outcomeCode(.completedToDealer)])
        for t in 0..<d.traces.count where out.count < limit {
            guard completedTo.contains(d.traces.outcome[t]), d.traces.sale[t] != 0, let s = saleRow[d.traces.sale[t]],
                let r = recoveryRow[d.traces.recovery[t]]
            else { continue }
            var serial = Array(d.strings[d.sales.serial[s]].utf8)
            guard serial.count >= 5 else { continue }
            var obliterated = false
            switch damage {
            case .exact: break
            case .confusable:
                let swaps: [UInt8: UInt8] = [
                    48: 79, 79: 48, 49: 73, 73: 49, 53: 83, 83: 53, 56: 66, 66: 56, 50: 90, 90: 50, 54: 71, 71: 54,
                ]
                let positions = serial.indices.filter { swaps[serial[$0]] != nil }
                guard !positions.isEmpty else { continue }
                let p = positions[Int(next() % UInt64(positions.count))]
                serial[p] = swaps[serial[p]]!
            case .separatorsCase:
                var out: [UInt8] = []
                for (k, b) in serial.enumerated() {
                    if k > 0 && next() % 3 == 0 { out.append(next() % 2 == 0 ? UInt8(ascii: "-") : UInt8(ascii: " ")) }
                    out.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
                }
                serial = out
            case .transposition:
                let positions = (0..<(serial.count - 1)).filter { serial[$0] != serial[$0 + 1] }
                guard !positions.isEmpty else { continue }
                let p = positions[Int(next() % UInt64(positions.count))]
                serial.swapAt(p, p + 1)
            case .doubled:
                let p = Int(next() % UInt64(serial.count))
                serial.insert(serial[p], at: p)
            case .lost:
                serial.remove(at: 1 + Int(next() % UInt64(serial.count - 2)))
            case .endAdded:
                let pool = Array("ABCDEFGHJKMNPRTUVWXY0123456789".utf8)
                let c = pool[Int(next() % UInt64(pool.count))]
                if next() % 2 == 0 { serial.insert(c, at: 0) } else { serial.append(c) }
            case .endLost:
                if next() % 2 == 0 { serial.removeFirst() } else { serial.removeLast() }
            case .oneEdit:
                let p = Int(next() % UInt64(serial.count))
                switch next() % 3 {
                case 0:
                    var c = UInt8(ascii: "A") + UInt8(next() % 26)
                    while SerialNumber.areConfusable(c, serial[p]) { c = UInt8(ascii: "A") + UInt8(next() % 26) }
                    serial[p] = c
                case 1: serial.remove(at: p)
                default: serial.insert(UInt8(ascii: "0") + UInt8(next() % 10), at: p)
                }
            case .twoUnknown:
                let a = Int(next() % UInt64(serial.count))
                var b = Int(next() % UInt64(serial.count))
                while b == a { b = Int(next() % UInt64(serial.count)) }
                serial[a] = UInt8(ascii: "?")
                serial[b] = UInt8(ascii: "?")
                obliterated = true
            }
            let recoveryDate = CivilDate(dayNumber: d.recoveries.date[r])
            let request = TraceRequest(
                requestID: "acc-\(damage.rawValue)-\(out.count + 1)",
                requestDate: recoveryDate.adding(days: 2),
                serial: String(decoding: serial, as: UTF8.self),
                serialObliterated: obliterated,
                manufacturer: d.strings[d.recoveries.manufacturer[r]],
                type: Dataset.firearmTypes[Int(d.recoveries.type[r])].rawValue,
                caliber: d.strings[d.recoveries.caliber[r]],
                model: d.strings[d.sales.model[s]],
                recoveryDate: recoveryDate,
                recoveryCountry: d.strings[d.recoveries.country[r]],
                recoveryArea: d.strings[d.recoveries.area[r]],
                recoveryID: d.recoveries.id[r]
            )
            out.append(Case(request: request, saleID: d.sales.id[s], saleIndex: s))
        }
        return out
    }

    /// Runs the cases through the engine.
    public static func measure(_ engine: TraceEngine, _ cases: [Case], damage: Damage) -> Figures {
        var f = Figures(damage: damage)
        for c in cases {
            if let t = c.saleIndex {
                let k = engine.rivals(of: c.request, saleIndex: t)
                if k == 0 { f.alone += 1 }
                f.markingsCeiling += 1 / Double(k + 1)
            }
            let r = engine.trace(c.request)
            f.requests += 1
            if r.candidates.first?.saleID == c.saleID { f.top1 += 1 }
            if r.candidates.prefix(5).contains(where: { $0.saleID == c.saleID }) { f.top5 += 1 }
            if r.outcome.isCompleted {
                f.completed += 1
                if r.sale?.saleID != c.saleID { f.wrongCompleted += 1 } else { f.completedRight += 1 }
            }
            if r.reason == .ambiguous { f.ambiguous += 1 }
        }
        return f
    }
}
