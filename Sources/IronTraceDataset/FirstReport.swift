import IronTraceCore

/// The headline figures `irontrace demo` prints: traces by outcome, where the guns recovered in
/// Mexico came from, source states, time-to-crime, firearm types and dealer concentration. The
/// full report engine is `IronTraceAnalytics`; this is the first look at a database.
public struct FirstReport: Sendable {
    public var traces = 0
    public var byOutcome: [(TraceOutcome, Int)] = []
    public var mexicoTraces = 0
    public var mexicoBySourceClass: [(SourceCountryClass, Int)] = []
    /// Source states of US-sourced Mexican traces with a dealer, most first.
    public var mexicoSourceStates: [(String, Int)] = []
    /// Source states of all US-sourced traces, most first.
    public var sourceStates: [(String, Int)] = []
    public var medianTimeToCrimeDays: Int?
    public var usUnderOneYear = 0.0
    public var usWithinThreeYears = 0.0
    public var mexicoHandgunShare = 0.0
    public var mexicoLongGunShare = 0.0
    public var usPistolShare = 0.0
    public var mexicoNoPurchaserShare = 0.0
    public var dealers = 0
    public var dealersWithoutTraces = 0.0
    /// Share of traces of the top 1.2% of dealers by traces.
    public var topDealersShare = 0.0
    /// Events from the press (documented incidents): date, location, fatalities, provenance.
    public var documentedIncidents: [(date: CivilDate, location: String, fatalities: Int, provenance: String)] = []
    /// Whether the data holds synthetic records.
    public var isSynthetic = false

    public init(_ d: Dataset) {
        let t = d.traces
        traces = t.count
        var recoveryIndex: [Int64: Int] = [:]
        recoveryIndex.reserveCapacity(d.recoveries.count)
        for (i, id) in d.recoveries.id.enumerated() { recoveryIndex[id] = i }
        let mx = d.strings.lookup("MX") ?? -1
        let us = d.strings.lookup("US") ?? -1
        var outcomeCounts = [Int](repeating: 0, count: Dataset.outcomes.count)
        var classCounts = [Int](repeating: 0, count: Dataset.sourceClasses.count)
        var mxStates: [Int32: Int] = [:]
        var allStates: [Int32: Int] = [:]
        var ttcs: [Int32] = []
        var usTTC = 0
        var usUnder1 = 0
        var usUnder3 = 0
        var mxTyped = 0
        var mxHand = 0
        var mxLong = 0
        var usTyped = 0
        var usPistol = 0
        var mxUSSourced = 0
        var mxNoPurchaser = 0
        var perDealer: [Int64: Int] = [:]
        let usSourced = Dataset.sourceClassCode(.usSourced)
        let pistol = Dataset.typeCode(.pistol)
        for i in 0..<t.count {
            outcomeCounts[Int(t.outcome[i])] += 1
            guard let r = recoveryIndex[t.recovery[i]] else { continue }
            let country = d.recoveries.country[r]
            let type = Dataset.firearmTypes[Int(d.recoveries.type[r])]
            if t.licensee[i] != 0 { perDealer[t.licensee[i], default: 0] += 1 }
            if t.sourceClass[i] == usSourced, t.licensee[i] != 0 { allStates[t.sourceState[i], default: 0] += 1 }
            if t.timeToCrime[i] >= 0 { ttcs.append(t.timeToCrime[i]) }
            if country == mx {
                mexicoTraces += 1
                classCounts[Int(t.sourceClass[i])] += 1
                if t.sourceClass[i] == usSourced {
                    mxUSSourced += 1
                    if t.purchaser[i] == 0 { mxNoPurchaser += 1 }
                    if t.licensee[i] != 0 { mxStates[t.sourceState[i], default: 0] += 1 }
                }
                if type != .unknown {
                    mxTyped += 1
                    if type.weaponClass == .handgun { mxHand += 1 }
                    if type.weaponClass == .longGun { mxLong += 1 }
                }
            } else if country == us {
                if t.timeToCrime[i] >= 0 {
                    usTTC += 1
                    if t.timeToCrime[i] < 365 { usUnder1 += 1 }
                    if t.timeToCrime[i] <= 1096 { usUnder3 += 1 }
                }
                if type != .unknown {
                    usTyped += 1
                    if d.recoveries.type[r] == pistol { usPistol += 1 }
                }
            }
        }
        byOutcome = zip(Dataset.outcomes, outcomeCounts).map { ($0, $1) }
        mexicoBySourceClass = zip(Dataset.sourceClasses, classCounts).map { ($0, $1) }
        func ranked(_ m: [Int32: Int]) -> [(String, Int)] {
            m.map { (d.strings[$0.key], $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        }
        mexicoSourceStates = ranked(mxStates)
        sourceStates = ranked(allStates)
        if !ttcs.isEmpty {
            ttcs.sort()
            medianTimeToCrimeDays = Int(ttcs[ttcs.count / 2])
        }
        func share(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        usUnderOneYear = share(usUnder1, usTTC)
        usWithinThreeYears = share(usUnder3, usTTC)
        mexicoHandgunShare = share(mxHand, mxTyped)
        mexicoLongGunShare = share(mxLong, mxTyped)
        usPistolShare = share(usPistol, usTyped)
        mexicoNoPurchaserShare = share(mxNoPurchaser, mxUSSourced)
        dealers = d.licensees.count
        let counts = perDealer.values.sorted(by: >)
        dealersWithoutTraces = share(dealers - counts.count, dealers)
        let top = max(1, Int((Double(dealers) * 0.012).rounded()))
        topDealersShare = share(counts.prefix(top).reduce(0, +), counts.reduce(0, +))
        let press = d.strings.lookup("press") ?? -1
        let synthetic = d.strings.lookup("synthetic") ?? -1
        for i in 0..<d.events.count {
            if d.events.sourceDataset[i] == press {
                documentedIncidents.append(
                    (
                        CivilDate(dayNumber: d.events.date[i]), d.strings[d.events.location[i]],
                        Int(d.events.fatalities[i]),
                        d.strings[d.events.provenance[i]]
                    )
                )
            }
            if d.events.sourceDataset[i] == synthetic { isSynthetic = true }
        }
    }
}
