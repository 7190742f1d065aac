/// A firearm recovered by law enforcement, as the recovering agency described it.
public struct Recovery: Hashable, Sendable {
    public var id: Int64
    /// The recovered gun as described (make as written, serial as read, and so on).
    public var firearm: Firearm
    public var date: CivilDate
    /// ISO country of recovery (`MX`, `US`, ...).
    public var country: String
    /// The most precise area known: `US-TX`, `MX-14`, `MX-14039`.
    public var area: AreaCode?
    public var latitude: Double?
    public var longitude: Double?
    public var possessorID: Int64?
    public var crimeCategory: CrimeCategory
    public var eventID: Int64?
    public var serialObliterated: Bool
    /// Recovering agency (ORI) and case number.
    public var agency: String
    public var caseNumber: String

    public init(
        id: Int64,
        firearm: Firearm,
        date: CivilDate,
        country: String,
        area: AreaCode?,
        latitude: Double?,
        longitude: Double?,
        possessorID: Int64?,
        crimeCategory: CrimeCategory,
        eventID: Int64?,
        serialObliterated: Bool,
        agency: String,
        caseNumber: String
    ) {
        self.id = id
        self.firearm = firearm
        self.date = date
        self.country = country
        self.area = area
        self.latitude = latitude
        self.longitude = longitude
        self.possessorID = possessorID
        self.crimeCategory = crimeCategory
        self.eventID = eventID
        self.serialObliterated = serialObliterated
        self.agency = agency
        self.caseNumber = caseNumber
    }
}
