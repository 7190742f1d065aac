import Foundation
import IronTraceCore
import IronTraceDataset
import Synchronization

/// Everything reports 1–8 need, counted in one pass over the ``TraceFacts`` selected by a filter:
/// outcome and source-class counts by year, source states, the source × recovery matrix, types,
/// calibers, manufacturers, crime categories, time-to-crime histograms by type and by multiple
/// sale, and per-dealer counts. The pass is split across the machine's cores and merged.
public final class TraceAggregates: @unchecked Sendable {
    public let facts: TraceFacts
    /// Days covered by the time-to-crime histograms; longer times count in the last cell.
    public static let histogramDays = 36_525

    public internal(set) var total = 0
    public internal(set) var obliterated = 0
    /// US recoveries whose gun was bought in a US state, and of those, bought in the state of recovery.
    public internal(set) var usWithUSSource = 0
    public internal(set) var inState = 0

    let years: Int
    let outcomes = Dataset.outcomes.count
    let classes = Dataset.sourceClasses.count
    let types = Dataset.firearmTypes.count
    /// [year slot × outcome], the last year slot for unknown years.
    let outcomeYear: UnsafeMutableBufferPointer<Int>
    let classYear: UnsafeMutableBufferPointer<Int>
    /// [recovery state × class]
    let classState: UnsafeMutableBufferPointer<Int>
    let source: UnsafeMutableBufferPointer<Int>
    /// [source state × recovery state]
    let flow: UnsafeMutableBufferPointer<Int>
    let type: UnsafeMutableBufferPointer<Int>
    let caliber: UnsafeMutableBufferPointer<Int>
    let manufacturer: UnsafeMutableBufferPointer<Int>
    let crime: UnsafeMutableBufferPointer<Int>
    /// [type × day], time-to-crime.
    let ttcHistogram: UnsafeMutableBufferPointer<Int32>
    let ttcSum: UnsafeMutableBufferPointer<Int>
    /// [0 single sale / 1 multiple sale × day]
    let saleHistogram: UnsafeMutableBufferPointer<Int32>
    let dealer: UnsafeMutableBufferPointer<Int>
    let dealerMexico: UnsafeMutableBufferPointer<Int>
    let dealerShortTTC: UnsafeMutableBufferPointer<Int>
    /// [dealer × year slot], traces with time-to-crime of three years or less.
    let dealerShortYear: UnsafeMutableBufferPointer<Int32>

    init(facts: TraceFacts, dealers: Int) {
        self.facts = facts
        years = facts.yearCount + 1
        let h = TraceAggregates.histogramDays + 1
        outcomeYear = TraceAggregates.zeroed(years * outcomes)
        classYear = TraceAggregates.zeroed(years * classes)
        classState = TraceAggregates.zeroed(facts.recoveryStates.count * classes)
        source = TraceAggregates.zeroed(facts.sourceStates.count)
        flow = TraceAggregates.zeroed(facts.sourceStates.count * facts.recoveryStates.count)
        type = TraceAggregates.zeroed(types)
        caliber = TraceAggregates.zeroed(facts.calibers.count + 1)
        manufacturer = TraceAggregates.zeroed(facts.manufacturers.count + 1)
        crime = TraceAggregates.zeroed(facts.crimes.count + 1)
        ttcHistogram = TraceAggregates.zeroed32(types * h)
        ttcSum = TraceAggregates.zeroed(types)
        saleHistogram = TraceAggregates.zeroed32(2 * h)
        dealer = TraceAggregates.zeroed(dealers)
        dealerMexico = TraceAggregates.zeroed(dealers)
        dealerShortTTC = TraceAggregates.zeroed(dealers)
        dealerShortYear = TraceAggregates.zeroed32(dealers * years)
    }

    /// The filter compiled to lookup tables over the facts' dense codes.
    struct Selection {
        var stateAllowed: [Bool]
        var yearLow = 0
        var yearHigh = Int.max
        var typeAllowed: [Bool]
        var sourceAllowed: [Bool]
        var dealerRow: Int32 = -1
        var noDealerMatches = false
        /// Per recovery state: whether the recovery must be in one of ``municipalities`` (the filter
        /// names municipalities of that state and not the whole state).
        var stateNeedsMunicipality: [Bool]
        /// String codes of the municipalities the filter names.
        var municipalities: Set<Int32> = []
        var anyMunicipality: Bool { stateNeedsMunicipality.contains(true) }

        init(_ filter: ReportFilter, facts: TraceFacts, dataset d: Dataset) {
            let wholeAreas = filter.areas.filter { if case .mexicanMunicipality = $0 { false } else { true } }
            let municipal = filter.areas.filter { if case .mexicanMunicipality = $0 { true } else { false } }
            let municipalStates = Set(municipal.compactMap { $0.mexicanState.map { "MX-\($0.codeString)" } })
            stateAllowed = facts.recoveryStates.indices.map { i in
                if let c = filter.recoveryCountry, facts.recoveryStateCountry[i] != c { return false }
                if filter.areas.isEmpty { return true }
                if municipalStates.contains(facts.recoveryStates[i]) { return true }
                return wholeAreas.contains { a in
                    switch a {
                    case .country(let c): facts.recoveryStateCountry[i] == c
                    default: facts.recoveryStates[i] == a.description
                    }
                }
            }
            stateNeedsMunicipality = facts.recoveryStates.map { st in
                municipalStates.contains(st) && !wholeAreas.contains { $0.description == st }
            }
            for m in municipal { municipalities.insert(d.strings.lookup(m.description) ?? -2) }
            if let y = filter.years {
                yearLow = y.lowerBound - facts.firstYear
                yearHigh = min(y.upperBound - facts.firstYear, facts.yearCount - 1)
            }
            typeAllowed = (0..<256).map { t in
                t < Dataset.firearmTypes.count
                    && (filter.types.isEmpty || filter.types.contains(Dataset.firearmTypes[t]))
            }
            sourceAllowed = facts.sourceStates.map { s in filter.sourceStates.isEmpty || filter.sourceStates.contains(s)
            }
            if let dealer = filter.dealer {
                if let row = TraceAggregates.dealerRow(dealer, in: d) {
                    dealerRow = Int32(row)
                } else {
                    noDealerMatches = true
                }
            }
        }
    }

    /// The licensee row for a licence number (with or without dashes) or an IronTrace id.
    public static func dealerRow(_ key: String, in d: Dataset) -> Int? {
        let compact = key.filter { $0 != "-" && $0 != " " }.uppercased()
        for i in 0..<d.licensees.count {
            let lic = d.strings[d.licensees.licence[i]].filter { $0 != "-" }.uppercased()
            if lic == compact { return i }
        }
        if let id = Int64(key), let i = d.licensees.id.firstIndex(of: id) { return i }
        return nil
    }

    /// Counts the facts selected by `filter`.
    public static func compute(_ facts: TraceFacts, dataset d: Dataset, filter: ReportFilter) -> TraceAggregates {
        let selection = Selection(filter, facts: facts, dataset: d)
        let dealers = d.licensees.count
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, facts.count / 100_000))
        if selection.noDealerMatches || facts.count == 0 {
            return TraceAggregates(facts: facts, dealers: dealers)
        }
        let parts = Mutex<[TraceAggregates]>([])
        let area = d.recoveries.area
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            let lo = facts.count * k / chunks
            let hi = facts.count * (k + 1) / chunks
            let a = TraceAggregates(facts: facts, dealers: dealers)
            a.count(lo..<hi, selection, area)
            parts.withLock { $0.append(a) }
        }
        let all = parts.withLock { $0 }
        let result = all[0]
        for other in all.dropFirst() { result.merge(other) }
        return result
    }

    func count(_ range: Range<Int>, _ s: Selection, _ area: [Int32]) {
        let f = facts
        let h = TraceAggregates.histogramDays
        let states = f.recoveryStates.count
        // Per recovery state: bit 0 selected, bit 1 in Mexico, bit 2 in the US.
        let stateBits = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(states, 1))
        for i in 0..<states {
            stateBits[i] =
                (s.stateAllowed[i] ? 1 : 0) | (f.recoveryStateCountry[i] == "MX" ? 2 : 0)
                | (f.recoveryStateCountry[i] == "US" ? 4 : 0)
        }
        let typeAllowed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 256)
        for t in 0..<256 { typeAllowed[t] = s.typeAllowed[t] }
        let sources = f.sourceStates.count
        let sourceAllowed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(sources, 1))
        let sourceAsState = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(sources, 1))
        for i in 0..<sources {
            sourceAllowed[i] = s.sourceAllowed[i]
            sourceAsState[i] = f.sourceAsRecoveryState[i]
        }
        defer {
            stateBits.deallocate()
            typeAllowed.deallocate()
            sourceAllowed.deallocate()
            sourceAsState.deallocate()
        }
        var total = 0
        var obliterated = 0
        var usWithUSSource = 0
        var inState = 0
        let years = self.years
        let outcomes = self.outcomes
        let classes = self.classes
        let yearLow = s.yearLow
        let yearHigh = s.yearHigh
        let dealerFilter = s.dealerRow
        let needsMunicipality = s.stateNeedsMunicipality
        let municipalities = s.municipalities
        let shortTTC = TimeToCrime.threeYearsDays
        // Every column and counter in a local constant, so the loop does not reload them through
        // `self` and `facts` after each store (the compiler cannot rule out aliasing).
        let recoveryState = f.recoveryState
        let yearIndex = f.yearIndex
        let typeColumn = f.type
        let sourceState = f.sourceState
        let dealerRow = f.dealerRow
        let recoveryRow = f.recoveryRow
        let outcomeColumn = f.outcome
        let sourceClass = f.sourceClass
        let caliberColumn = f.caliber
        let manufacturerColumn = f.manufacturer
        let crimeColumn = f.crime
        let flagColumn = f.flags
        let ttcColumn = f.timeToCrime
        let outcomeYear = self.outcomeYear
        let classYear = self.classYear
        let classState = self.classState
        let source = self.source
        let flow = self.flow
        let type = self.type
        let caliber = self.caliber
        let manufacturer = self.manufacturer
        let crime = self.crime
        let ttcHistogram = self.ttcHistogram
        let ttcSum = self.ttcSum
        let saleHistogram = self.saleHistogram
        let dealer = self.dealer
        let dealerMexico = self.dealerMexico
        let dealerShortTTC = self.dealerShortTTC
        let dealerShortYear = self.dealerShortYear
        for i in range {
            let st = Int(recoveryState[i])
            let bits = stateBits[st]
            guard bits & 1 != 0 else { continue }
            let yi = Int(yearIndex[i])
            guard yi >= yearLow && yi <= yearHigh else { continue }
            let t = Int(typeColumn[i])
            guard typeAllowed[t] else { continue }
            let src = Int(sourceState[i])
            guard sourceAllowed[src] else { continue }
            let dr = dealerRow[i]
            if dealerFilter >= 0 && dr != dealerFilter { continue }
            if needsMunicipality[st] {
                let rr = recoveryRow[i]
                guard rr >= 0 && municipalities.contains(area[Int(rr)]) else { continue }
            }
            total &+= 1
            let cls = Int(sourceClass[i])
            outcomeYear[yi &* outcomes &+ Int(outcomeColumn[i])] &+= 1
            classYear[yi &* classes &+ cls] &+= 1
            classState[st &* classes &+ cls] &+= 1
            source[src] &+= 1
            flow[src &* states &+ st] &+= 1
            type[t] &+= 1
            caliber[Int(caliberColumn[i])] &+= 1
            manufacturer[Int(manufacturerColumn[i])] &+= 1
            crime[Int(crimeColumn[i])] &+= 1
            let flags = flagColumn[i]
            let ttc = Int(ttcColumn[i])
            if ttc >= 0 {
                let day = ttc < h ? ttc : h
                ttcHistogram[t &* (h &+ 1) &+ day] &+= 1
                ttcSum[t] &+= ttc
                saleHistogram[Int(flags & TraceFacts.multipleFlag) &* (h &+ 1) &+ day] &+= 1
            }
            if dr >= 0 {
                let d = Int(dr)
                dealer[d] &+= 1
                if bits & 2 != 0 { dealerMexico[d] &+= 1 }
                if ttc >= 0 && ttc <= shortTTC {
                    dealerShortTTC[d] &+= 1
                    dealerShortYear[d &* years &+ yi] &+= 1
                }
            }
            if flags & TraceFacts.obliteratedFlag != 0 { obliterated &+= 1 }
            if bits & 4 != 0 {
                let home = sourceAsState[src]
                if home >= 0 {
                    usWithUSSource &+= 1
                    if home == Int32(st) { inState &+= 1 }
                }
            }
        }
        self.total = total
        self.obliterated = obliterated
        self.usWithUSSource = usWithUSSource
        self.inState = inState
    }

    /// Traces with a sale date bought in a multiple sale.
    public var multipleSaleTraces: Int {
        let h = TraceAggregates.histogramDays + 1
        return saleHistogram[h..<(2 * h)].reduce(0) { $0 + Int($1) }
    }

    /// Big per-chunk tables count in 32 bits: half the cache footprint (a chunk never holds 2^31 traces).
    static func zeroed32(_ n: Int) -> UnsafeMutableBufferPointer<Int32> {
        let p = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(n, 1))
        p.initialize(repeating: 0)
        return p
    }

    static func zeroed(_ n: Int) -> UnsafeMutableBufferPointer<Int> {
        let p = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(n, 1))
        p.initialize(repeating: 0)
        return p
    }

    deinit {
        for p in [
            outcomeYear, classYear, classState, source, flow, type, caliber, manufacturer, crime, ttcSum, dealer,
            dealerMexico, dealerShortTTC,
        ] {
            p.deallocate()
        }
        for p in [ttcHistogram, saleHistogram, dealerShortYear] { p.deallocate() }
    }

    func merge(_ o: TraceAggregates) {
        func add(_ a: UnsafeMutableBufferPointer<Int>, _ b: UnsafeMutableBufferPointer<Int>) {
            for i in a.indices { a[i] += b[i] }
        }
        func add(_ a: UnsafeMutableBufferPointer<Int32>, _ b: UnsafeMutableBufferPointer<Int32>) {
            for i in a.indices { a[i] &+= b[i] }
        }
        total += o.total
        obliterated += o.obliterated
        usWithUSSource += o.usWithUSSource
        inState += o.inState
        add(outcomeYear, o.outcomeYear)
        add(classYear, o.classYear)
        add(classState, o.classState)
        add(source, o.source)
        add(flow, o.flow)
        add(type, o.type)
        add(caliber, o.caliber)
        add(manufacturer, o.manufacturer)
        add(crime, o.crime)
        add(ttcHistogram, o.ttcHistogram)
        add(ttcSum, o.ttcSum)
        add(saleHistogram, o.saleHistogram)
        add(dealer, o.dealer)
        add(dealerMexico, o.dealerMexico)
        add(dealerShortTTC, o.dealerShortTTC)
        add(dealerShortYear, o.dealerShortYear)
    }
}

extension Analytics {
    /// The rows of the traces (in the dataset's trace order) a filter selects, newest recovery first:
    /// the same selection the trace reports count, for lists of individual traces.
    public func traceRows(matching filter: ReportFilter) -> [Int] {
        let f = facts
        let s = TraceAggregates.Selection(filter, facts: f, dataset: dataset)
        if s.noDealerMatches { return [] }
        let area = dataset.recoveries.area
        // The selection in row order (sequential reads of the columns) as a bit set, then read out
        // in the precomputed newest-first order: no sort, and no random reads of the columns.
        var selected = [UInt64](repeating: 0, count: (f.count + 63) / 64)
        var count = 0
        for i in 0..<f.count {
            guard s.stateAllowed[Int(f.recoveryState[i])] else { continue }
            let yi = Int(f.yearIndex[i])
            guard yi >= s.yearLow && yi <= s.yearHigh, s.typeAllowed[Int(f.type[i])],
                s.sourceAllowed[Int(f.sourceState[i])]
            else { continue }
            if s.dealerRow >= 0 && f.dealerRow[i] != s.dealerRow { continue }
            if s.stateNeedsMunicipality[Int(f.recoveryState[i])] {
                let rr = f.recoveryRow[i]
                guard rr >= 0 && s.municipalities.contains(area[Int(rr)]) else { continue }
            }
            selected[i >> 6] |= 1 << UInt64(i & 63)
            count += 1
        }
        var rows: [Int] = []
        rows.reserveCapacity(count)
        for k in 0..<f.count where rows.count < count {
            let i = Int(f.newestFirst[k])
            if selected[i >> 6] & (1 << UInt64(i & 63)) != 0 { rows.append(i) }
        }
        return rows
    }

    /// The dataset row of a trace's recovery, or nil when the recovery is missing.
    public func recoveryRow(ofTraceAt i: Int) -> Int? {
        let r = facts.recoveryRow[i]
        return r >= 0 ? Int(r) : nil
    }

    /// The licensee row of a trace's dealer, or nil.
    public func dealerRow(ofTraceAt i: Int) -> Int? {
        let r = facts.dealerRow[i]
        return r >= 0 ? Int(r) : nil
    }
}
