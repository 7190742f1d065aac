/// An armed-violence event (ACLED, UCDP GED, a documented incident or a synthetic event).
public struct ArmedEvent: Hashable, Sendable {
    public var id: Int64
    public var date: CivilDate
    public var precision: DatePrecision
    public var type: EventType
    public var subType: String
    public var actor1: String
    public var actor2: String
    public var country: String
    public var area: AreaCode?
    public var location: String
    public var latitude: Double?
    public var longitude: Double?
    public var fatalities: Int
    /// Where the event comes from: `ACLED`, `UCDP`, `press` (documented incident), `synthetic`.
    public var sourceDataset: String
    /// The event's id in its source dataset.
    public var sourceID: String
    public var notes: String
    /// The reporting the event rests on (URLs or outlet and date), for documented incidents.
    public var provenance: String
    /// The last day of the event's date range when it spans more than the day or month of `date`
    /// (UCDP's `date_end`: an event known only to have happened within a year spans the year).
    public var endDate: CivilDate?

    public init(
        id: Int64,
        date: CivilDate,
        precision: DatePrecision,
        type: EventType,
        subType: String,
        actor1: String,
        actor2: String,
        country: String,
        area: AreaCode?,
        location: String,
        latitude: Double?,
        longitude: Double?,
        fatalities: Int,
        sourceDataset: String,
        sourceID: String,
        notes: String,
        provenance: String,
        endDate: CivilDate? = nil
    ) {
        self.id = id
        self.date = date
        self.precision = precision
        self.type = type
        self.subType = subType
        self.actor1 = actor1
        self.actor2 = actor2
        self.country = country
        self.area = area
        self.location = location
        self.latitude = latitude
        self.longitude = longitude
        self.fatalities = fatalities
        self.sourceDataset = sourceDataset
        self.sourceID = sourceID
        self.notes = notes
        self.provenance = provenance
        self.endDate = endDate
    }

    public var isSynthetic: Bool { sourceDataset == "synthetic" }
}
