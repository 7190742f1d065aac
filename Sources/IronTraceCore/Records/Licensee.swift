/// A federal firearms licensee: a dealer, pawnbroker, manufacturer or importer.
public struct Licensee: Hashable, Sendable {
    public var id: Int64
    public var licence: LicenceNumber
    public var name: String
    public var businessName: String
    public var street: String
    public var city: String
    /// USPS state code of the premises.
    public var state: String
    public var zip: String

    public init(
        id: Int64,
        licence: LicenceNumber,
        name: String,
        businessName: String,
        street: String,
        city: String,
        state: String,
        zip: String
    ) {
        self.id = id
        self.licence = licence
        self.name = name
        self.businessName = businessName
        self.street = street
        self.city = city
        self.state = state
        self.zip = zip
    }
}
