import Testing

@testable import IronTraceAnalytics

/// The order of trace lists (newest recovery first, later row first within a day, traces without
/// a recovery last), precomputed once per snapshot: it must equal sorting the rows by that rule.
@Suite struct TraceOrderTests {
    func sorted(_ recoveryRow: [Int32], _ dates: [Int32]) -> [Int32] {
        Array(0..<recoveryRow.count).sorted { a, b in
            let da = recoveryRow[a] >= 0 ? dates[Int(recoveryRow[a])] : Int32.min
            let db = recoveryRow[b] >= 0 ? dates[Int(recoveryRow[b])] : Int32.min
            return da != db ? da > db : a > b
        }.map { Int32($0) }
    }

    func order(_ recoveryRow: [Int32], _ dates: [Int32]) -> [Int32] {
        let rows = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(recoveryRow.count, 1))
        defer { rows.deallocate() }
        for (i, r) in recoveryRow.enumerated() { rows[i] = r }
        let out = TraceFacts.newestFirst(
            UnsafeMutableBufferPointer(rebasing: rows[0..<recoveryRow.count]),
            dates: dates
        )
        defer { out.deallocate() }
        return Array(out.prefix(recoveryRow.count))
    }

    @Test(arguments: [(0, 30), (1, 30), (2, 30), (3, 400_000)])
    func equalsSortingByRecoveryDate(seed: Int, daySpread: Int) {
        // Recoveries over a few weeks (many ties) or over centuries (the comparison-sort path);
        // about one trace in seven without a recovery.
        var x = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return Int(x % UInt64(n))
        }
        let dates = (0..<500).map { _ in Int32(18_000 + next(daySpread)) }
        let recoveryRow = (0..<2_000).map { _ in next(7) == 0 ? Int32(-1) : Int32(next(dates.count)) }
        #expect(order(recoveryRow, dates) == sorted(recoveryRow, dates))
    }

    @Test func noTracesAndNoRecoveries() {
        #expect(order([], []) == [])
        #expect(order([-1, -1, -1], []) == [2, 1, 0])
    }
}
