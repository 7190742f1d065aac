import IronTraceCore

/// One named part of a candidate's score, with the points it gave and why.
public struct ScoreComponent: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var points: Int
    public var reason: String
    public var description: String { "\(name) \(points >= 0 ? "+" : "")\(points) (\(reason))" }

    public init(name: String, points: Int, reason: String) {
        self.name = name
        self.points = points
        self.reason = reason
    }
}

/// How a candidate's serial compares with the request's.
public enum SerialMatch: String, Sendable, Hashable {
    case exact
    /// Differs only in characters readers confuse (0/O, 1/I, 5/S, ...).
    case confusable
    /// Two adjacent characters swapped (`AB1234` read as `BA1234`).
    case transposition
    /// The request has an extra copy of a neighbouring character (`AB11234` for `AB1234`).
    case doubled
    /// The request lost one of a doubled pair (`AB134` for `AB1134`).
    case lost
    /// A character added or lost at the first or last position.
    case endChange = "end_change"
    /// One other substitution, insertion or deletion.
    case oneEdit = "one_edit"
    case twoEdits = "two_edits"
    /// Matches every readable position of a partly obliterated serial.
    case pattern
}

/// A registry sale considered for a request, with its score explained.
public struct TraceCandidate: Sendable, Hashable {
    /// Row index of the sale in the dataset.
    public var saleIndex: Int
    public var saleID: Int64
    public var serial: String
    public var serialMatch: SerialMatch
    public var score: Int
    public var components: [ScoreComponent]

    public var explanation: String { components.map(\.description).joined(separator: "; ") }
}

/// The result of tracing one request, as ATF reports it.
public struct TraceResult: Sendable {
    public var request: TraceRequest
    public var outcome: TraceOutcome
    public var reason: NotTracedReason?
    /// Why the engine decided as it did, in words.
    public var summary: String
    public var problems: [TraceRequestProblem]
    /// Manufacturer as resolved from the request (raw string kept in the request).
    public var manufacturer: String
    /// The best candidates, best first (at most five).
    public var candidates: [TraceCandidate]
    public var sale: SaleFacts?
    public var timeToCrimeDays: Int?
    public var sourceClass: SourceCountryClass
    public var sourceCountry: String
    public var sourceState: String

    /// What the registry says about the source sale.
    public struct SaleFacts: Sendable, Hashable {
        public var saleID: Int64
        public var date: CivilDate
        public var licenseeID: Int64
        public var licence: String
        public var dealerName: String
        public var dealerCity: String
        public var dealerState: String
        /// Nil when the record names no purchaser (the trace stops at the dealer).
        public var purchaserID: Int64?
    }
}
