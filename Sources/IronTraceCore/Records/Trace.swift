/// The result of tracing one recovery.
public struct Trace: Hashable, Sendable {
    public var id: Int64
    public var recoveryID: Int64
    public var requestDate: CivilDate
    public var outcome: TraceOutcome
    public var notTracedReason: NotTracedReason?
    public var saleID: Int64?
    public var licenseeID: Int64?
    public var purchaserID: Int64?
    public var timeToCrimeDays: Int?
    public var sourceClass: SourceCountryClass
    /// ISO country the gun was sourced from (`US`, or the country of a non-US source).
    public var sourceCountry: String
    /// USPS code of the source state for US-sourced guns with a known dealer.
    public var sourceState: String

    public init(
        id: Int64,
        recoveryID: Int64,
        requestDate: CivilDate,
        outcome: TraceOutcome,
        notTracedReason: NotTracedReason?,
        saleID: Int64?,
        licenseeID: Int64?,
        purchaserID: Int64?,
        timeToCrimeDays: Int?,
        sourceClass: SourceCountryClass,
        sourceCountry: String,
        sourceState: String
    ) {
        self.id = id
        self.recoveryID = recoveryID
        self.requestDate = requestDate
        self.outcome = outcome
        self.notTracedReason = notTracedReason
        self.saleID = saleID
        self.licenseeID = licenseeID
        self.purchaserID = purchaserID
        self.timeToCrimeDays = timeToCrimeDays
        self.sourceClass = sourceClass
        self.sourceCountry = sourceCountry
        self.sourceState = sourceState
    }
}
