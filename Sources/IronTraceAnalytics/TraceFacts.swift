import Foundation
import IronTraceCore
import IronTraceDataset

/// The traces joined once to their recovery, sale and dealer, one dense column per attribute the
/// trace reports group or filter by: the analytic fact table. Strings are re-coded densely
/// (calibers 0..<C, ...) so aggregation uses small arrays instead of hashing. Built from a
/// ``Dataset`` in one pass; immutable afterwards and shared by all reports and threads.
public final class TraceFacts: @unchecked Sendable {
    public let count: Int
    /// Row of the trace's recovery in the dataset, -1 when the recovery is missing.
    let recoveryRow: UnsafeMutableBufferPointer<Int32>
    /// Row of the dealer (licensee) of the first retail sale, -1 when none.
    let dealerRow: UnsafeMutableBufferPointer<Int32>
    /// Recovery year minus ``firstYear``, or ``yearCount`` when unknown.
    let yearIndex: UnsafeMutableBufferPointer<UInt8>
    /// Index into ``recoveryStates``.
    let recoveryState: UnsafeMutableBufferPointer<UInt16>
    let type: UnsafeMutableBufferPointer<UInt8>
    let caliber: UnsafeMutableBufferPointer<UInt16>
    let manufacturer: UnsafeMutableBufferPointer<UInt16>
    let crime: UnsafeMutableBufferPointer<UInt16>
    /// Index into ``sourceStates``.
    let sourceState: UnsafeMutableBufferPointer<UInt16>
    /// Days from sale to recovery, -1 when unknown.
    let timeToCrime: UnsafeMutableBufferPointer<Int32>
    let outcome: UnsafeMutableBufferPointer<UInt8>
    let sourceClass: UnsafeMutableBufferPointer<UInt8>
    /// Bit 0: bought in a multiple sale; bit 1: serial obliterated.
    let flags: UnsafeMutableBufferPointer<UInt8>
    /// Every trace row, newest recovery first (ties: the later row first; traces without a
    /// recovery last): the order of trace lists, so a filtered list needs no sort.
    let newestFirst: UnsafeMutableBufferPointer<Int32>

    /// Recovery areas at state level: `MX-14`, `US-TX`, or a country code for other countries.
    public let recoveryStates: [String]
    /// Country of each recovery state.
    public let recoveryStateCountry: [String]
    public let sourceStates: [String]
    public let calibers: [String]
    public let manufacturers: [String]
    public let crimes: [String]
    public let firstYear: Int
    public let yearCount: Int

    static let multipleFlag: UInt8 = 1
    static let obliteratedFlag: UInt8 = 2

    /// Dense re-coding of string codes from the pool.
    struct Recoder {
        var map: [Int32: UInt16] = [:]
        var values: [String] = []
        mutating func code(_ c: Int32, _ pool: StringPool) -> UInt16 {
            if let d = map[c] { return d }
            // Past 65,535 distinct values the rest share one "(other values)" code rather than wrap around.
            if values.count == Int(UInt16.max) {
                values.append("(other values)")
            }
            if values.count > Int(UInt16.max) {
                map[c] = UInt16.max
                return UInt16.max
            }
            let d = UInt16(values.count)
            map[c] = d
            values.append(pool[c])
            return d
        }
    }

    /// Row lookup by id: a direct table when ids are dense, a dictionary otherwise.
    struct RowIndex {
        var base: Int64 = 0
        var table: [Int32] = []
        var dictionary: [Int64: Int32] = [:]
        init(_ ids: [Int64]) {
            guard let lo = ids.min(), let hi = ids.max() else { return }
            if hi - lo < Int64(ids.count) * 4 + 1024 {
                base = lo
                table = [Int32](repeating: -1, count: Int(hi - lo + 1))
                for (i, id) in ids.enumerated() { table[Int(id - lo)] = Int32(i) }
            } else {
                for (i, id) in ids.enumerated() { dictionary[id] = Int32(i) }
            }
        }
        func row(_ id: Int64) -> Int32 {
            if id == 0 { return -1 }
            if !table.isEmpty {
                let k = id - base
                return k >= 0 && k < Int64(table.count) ? table[Int(k)] : -1
            }
            return dictionary[id] ?? -1
        }
    }

    public init(_ d: Dataset) {
        let n = d.traces.count
        count = n
        func column<T>(_ t: T.Type, _ v: T) -> UnsafeMutableBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(n, 1))
            p.initialize(repeating: v)
            return p
        }
        recoveryRow = column(Int32.self, -1)
        dealerRow = column(Int32.self, -1)
        yearIndex = column(UInt8.self, 0)
        recoveryState = column(UInt16.self, 0)
        type = column(UInt8.self, 0)
        caliber = column(UInt16.self, 0)
        manufacturer = column(UInt16.self, 0)
        crime = column(UInt16.self, 0)
        sourceState = column(UInt16.self, 0)
        timeToCrime = column(Int32.self, -1)
        outcome = column(UInt8.self, 0)
        sourceClass = column(UInt8.self, 0)
        flags = column(UInt8.self, 0)

        let recoveries = RowIndex(d.recoveries.id)
        let sales = RowIndex(d.sales.id)
        let dealers = RowIndex(d.licensees.id)
        var minYear = Int.max
        var maxYear = Int.min
        for day in d.recoveries.date {
            let y = CivilDate(dayNumber: day).year
            minYear = min(minYear, y)
            maxYear = max(maxYear, y)
        }
        if minYear > maxYear {
            minYear = 2000
            maxYear = 2000
        }
        // One byte per year: clamp the span so an odd date cannot blow it up.
        minYear = max(minYear, maxYear - 250)
        firstYear = minYear
        yearCount = maxYear - minYear + 1
        // Year of each distinct recovery day, computed once.
        var yearOfDay: [Int32: UInt8] = [:]

        var stateNames: [String] = []
        var stateIndex: [String: UInt16] = [:]
        var stateCountry: [String] = []
        var stateOfArea: [Int32: UInt16] = [:]
        var sources = Recoder()
        var cals = Recoder()
        var makes = Recoder()
        var crimeCodes = Recoder()

        let pool = d.strings
        for i in 0..<n {
            let r = recoveries.row(d.traces.recovery[i])
            recoveryRow[i] = r
            let s = sales.row(d.traces.sale[i])
            dealerRow[i] = dealers.row(d.traces.licensee[i])
            timeToCrime[i] = d.traces.timeToCrime[i]
            outcome[i] = d.traces.outcome[i]
            sourceClass[i] = d.traces.sourceClass[i]
            let src = sources.code(d.traces.sourceState[i], pool)
            sourceState[i] = src
            var f: UInt8 = 0
            if s >= 0 && d.sales.multipleSale[Int(s)] != 0 { f |= TraceFacts.multipleFlag }
            if r >= 0 {
                let ri = Int(r)
                let day = d.recoveries.date[ri]
                if let y = yearOfDay[day] {
                    yearIndex[i] = y
                } else {
                    let y = CivilDate(dayNumber: day).year - minYear
                    let code = UInt8(clamping: y < 0 ? yearCount : y)
                    yearOfDay[day] = code
                    yearIndex[i] = code
                }
                let areaCode = d.recoveries.area[ri]
                let st: UInt16
                if let known = stateOfArea[areaCode] {
                    st = known
                } else {
                    let text = pool[areaCode]
                    let country = pool[d.recoveries.country[ri]]
                    var stateText = country
                    if let a = try? AreaCode(parsing: text), a.country == country {
                        switch a {
                        case .mexicanMunicipality: stateText = a.mexicanState.map { "MX-\($0.codeString)" } ?? country
                        default: stateText = a.description
                        }
                    }
                    if let known = stateIndex[stateText] {
                        st = known
                    } else {
                        st = UInt16(stateNames.count)
                        stateIndex[stateText] = st
                        stateNames.append(stateText)
                        stateCountry.append(country)
                    }
                    stateOfArea[areaCode] = st
                }
                recoveryState[i] = st
                type[i] = d.recoveries.type[ri]
                caliber[i] = cals.code(d.recoveries.caliber[ri], pool)
                manufacturer[i] = makes.code(d.recoveries.manufacturer[ri], pool)
                crime[i] = crimeCodes.code(d.recoveries.crimeCategory[ri], pool)
                if d.recoveries.obliterated[ri] { f |= TraceFacts.obliteratedFlag }
            } else {
                yearIndex[i] = UInt8(clamping: yearCount)
            }
            flags[i] = f
        }
        recoveryStates = stateNames
        recoveryStateCountry = stateCountry
        sourceStates = sources.values
        calibers = cals.values
        manufacturers = makes.values
        crimes = crimeCodes.values
        sourceAsRecoveryState = sources.values.map { src in
            stateIndex["US-" + src].map { Int32($0) } ?? -1
        }
        newestFirst = TraceFacts.newestFirst(recoveryRow, dates: d.recoveries.date)
    }

    /// Rows ordered by recovery date, newest first, later rows first within a day, rows without a
    /// recovery last. A counting sort over the days in use (linear in the rows) when the dates
    /// span at most a few centuries, a comparison sort otherwise.
    static func newestFirst(_ recoveryRow: UnsafeMutableBufferPointer<Int32>, dates: [Int32])
        -> UnsafeMutableBufferPointer<Int32>
    {
        let n = recoveryRow.count
        let out = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(n, 1))
        out.initialize(repeating: 0)
        var lo = Int32.max
        var hi = Int32.min
        for r in recoveryRow where r >= 0 {
            let day = dates[Int(r)]
            lo = min(lo, day)
            hi = max(hi, day)
        }
        if lo <= hi && Int64(hi) - Int64(lo) < 200_000 {
            // Bucket 0: the newest day, ..., bucket span - 1: the oldest, bucket span: no recovery.
            let span = Int(hi - lo) + 1
            var start = [Int](repeating: 0, count: span + 2)
            for r in recoveryRow {
                let b = r >= 0 ? Int(hi - dates[Int(r)]) : span
                start[b + 1] += 1
            }
            for b in 0..<span + 1 { start[b + 1] += start[b] }
            for i in stride(from: n - 1, through: 0, by: -1) {
                let r = recoveryRow[i]
                let b = r >= 0 ? Int(hi - dates[Int(r)]) : span
                out[start[b]] = Int32(i)
                start[b] += 1
            }
        } else {
            var rows = Array(0..<n)
            rows.sort { a, b in
                let da = recoveryRow[a] >= 0 ? dates[Int(recoveryRow[a])] : Int32.min
                let db = recoveryRow[b] >= 0 ? dates[Int(recoveryRow[b])] : Int32.min
                return da != db ? da > db : a > b
            }
            for (k, i) in rows.enumerated() { out[k] = Int32(i) }
        }
        return out
    }

    /// For each source state, the index of the same state among ``recoveryStates`` (-1 if none):
    /// a trace is in-state when its recovery state equals this.
    let sourceAsRecoveryState: [Int32]

    deinit {
        recoveryRow.deallocate()
        dealerRow.deallocate()
        yearIndex.deallocate()
        recoveryState.deallocate()
        type.deallocate()
        caliber.deallocate()
        manufacturer.deallocate()
        crime.deallocate()
        sourceState.deallocate()
        timeToCrime.deallocate()
        outcome.deallocate()
        sourceClass.deallocate()
        flags.deallocate()
        newestFirst.deallocate()
    }

    /// Approximate bytes held by the columns.
    public var memoryBytes: Int { count * (4 + 4 + 1 + 2 + 1 + 2 + 2 + 2 + 2 + 4 + 1 + 1 + 1 + 4) }
}
