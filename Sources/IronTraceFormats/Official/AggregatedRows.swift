import IronTraceCore

/// How many rows a reader that adds rows up into aggregates (one row per death, one row per
/// modality) went through: every row read is counted into the aggregates, rejected, or skipped
/// (blank: no figure yet), so `rowsRead == rowsCounted + rowsRejected + rowsSkipped`.
public struct AggregatedRows: Sendable, Equatable {
    public var rowsRead = 0
    /// Rows added into the aggregates.
    public var rowsCounted = 0
    public var rowsRejected = 0
    public var rowsSkipped = 0
    public init() {}

    public var isBalanced: Bool { rowsRead == rowsCounted + rowsRejected + rowsSkipped }
}

/// Sums keyed by area, period and measure, in first-seen order, each with the line of the first
/// row that added to it (where `irontrace info` points for the figure).
struct AggregateSums {
    struct Key: Hashable {
        var area: AreaCode
        var period: String
        var measure: String
    }
    private(set) var order: [Key] = []
    private var sums: [Key: (value: Double, line: Int)] = [:]

    mutating func add(_ area: AreaCode, _ period: String, _ measure: String, _ value: Double, line: Int) {
        let k = Key(area: area, period: period, measure: measure)
        if let s = sums[k] {
            sums[k] = (s.value + value, s.line)
        } else {
            sums[k] = (value, line)
            order.append(k)
        }
    }

    func records(source: String, leaving: Set<Key> = []) -> [RowResult<AreaMeasure>] {
        order.filter { !leaving.contains($0) }.map { k in
            let s = sums[k]!
            return .record(
                AreaMeasure(area: k.area, period: k.period, measure: k.measure, value: s.value, source: source),
                line: s.line
            )
        }
    }
}
