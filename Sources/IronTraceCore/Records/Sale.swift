/// A retail sale of a firearm by a licensee to a purchaser.
public struct Sale: Hashable, Sendable {
    public var id: Int64
    public var firearmID: Int64
    public var licenseeID: Int64
    /// `nil` when the record does not name the purchaser (most published sales data).
    public var purchaserID: Int64?
    public var date: CivilDate
    /// The multiple-sale report this sale was part of (ATF Form 3310.4 or the 3310.12 rifle report).
    public var multipleSaleID: Int64?

    public init(
        id: Int64,
        firearmID: Int64,
        licenseeID: Int64,
        purchaserID: Int64?,
        date: CivilDate,
        multipleSaleID: Int64?
    ) {
        self.id = id
        self.firearmID = firearmID
        self.licenseeID = licenseeID
        self.purchaserID = purchaserID
        self.date = date
        self.multipleSaleID = multipleSaleID
    }
}
