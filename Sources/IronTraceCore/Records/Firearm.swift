/// A firearm as described in a record: the make as written and as resolved, model, caliber, type,
/// serial (raw and normal form), country of manufacture and importer.
public struct Firearm: Hashable, Sendable {
    public var id: Int64
    /// Canonical manufacturer name, or empty when unresolved.
    public var manufacturer: String
    /// The make exactly as the source wrote it.
    public var makeRaw: String
    public var model: String
    /// Canonical caliber name, or empty when unknown.
    public var caliber: String
    public var type: FirearmType
    public var serial: SerialNumber
    /// ISO 3166-1 alpha-2 country of manufacture, or empty.
    public var countryOfManufacture: String
    /// Importer's canonical name for foreign-made guns, or empty.
    public var importer: String

    public init(
        id: Int64,
        manufacturer: String,
        makeRaw: String,
        model: String,
        caliber: String,
        type: FirearmType,
        serial: SerialNumber,
        countryOfManufacture: String,
        importer: String
    ) {
        self.id = id
        self.manufacturer = manufacturer
        self.makeRaw = makeRaw
        self.model = model
        self.caliber = caliber
        self.type = type
        self.serial = serial
        self.countryOfManufacture = countryOfManufacture
        self.importer = importer
    }
}
