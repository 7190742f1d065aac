import IronTraceCore
import IronTraceDataset

/// The dealer-side indicators: each licensee's traces, those with a time-to-crime of three years or
/// less, those recovered outside the United States, and the Demand Letter 2 test.
public struct DealerIndicators: Sendable {
    /// Per licensee row.
    public let traces: [Int]
    public let shortTraces: [Int]
    public let abroad: [Int]
    /// Recovery years in which the dealer met the Demand Letter 2 threshold.
    public let demandLetterYears: [[Int]]

    public init(_ d: Dataset) {
        let dealers = IDIndex(d.licensees.id)
        let recoveries = IDIndex(d.recoveries.id)
        let us = d.strings.lookup("US")
        var traces = [Int](repeating: 0, count: d.licensees.count)
        var short = traces
        var abroad = traces
        var shortByYear: [Int: Int] = [:]
        for t in 0..<d.traces.count where d.traces.licensee[t] != 0 {
            guard let l = dealers[d.traces.licensee[t]], let r = recoveries[d.traces.recovery[t]] else { continue }
            traces[l] += 1
            if d.recoveries.country[r] != us { abroad[l] += 1 }
            let ttc = Int(d.traces.timeToCrime[t])
            if ttc >= 0 && ttc <= TimeToCrime.threeYearsDays {
                short[l] += 1
                shortByYear[l &* 10_000 &+ CivilDate(dayNumber: d.recoveries.date[r]).year, default: 0] += 1
            }
        }
        var years = [[Int]](repeating: [], count: d.licensees.count)
        for (key, n) in shortByYear where n >= TimeToCrime.demandLetter2Threshold {
            years[key / 10_000].append(key % 10_000)
        }
        self.traces = traces
        self.shortTraces = short
        self.abroad = abroad
        self.demandLetterYears = years.map { $0.sorted() }
    }

    /// Over the Demand Letter 2 threshold in some year, or with most of ten or more traces abroad.
    public func flagged(_ l: Int) -> Bool {
        !demandLetterYears[l].isEmpty || (traces[l] >= 10 && abroad[l] * 2 > traces[l])
    }

    /// One line for a lead's dealer table.
    public func summary(_ l: Int) -> String {
        var parts = ["\(traces[l]) traces", "\(shortTraces[l]) within 3 years", "\(abroad[l]) abroad"]
        if !demandLetterYears[l].isEmpty {
            parts.append("Demand Letter 2: " + demandLetterYears[l].map(String.init).joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}
