/// A canonical cartridge name ("9mm Luger", ".223 Rem/5.56 NATO", "7.62x39mm").
public struct Caliber: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String
    /// The firearm types this cartridge is mostly chambered in; used only to order candidates.
    public let classHint: FirearmType.WeaponClass

    public var description: String { name }
    public static func < (a: Caliber, b: Caliber) -> Bool { a.name < b.name }
}

/// The result of normalising a raw caliber string.
public struct CaliberResolution: Hashable, Sendable {
    public enum Status: String, Sendable {
        /// One canonical caliber.
        case resolved
        /// A bare number that the model and type do not decide ("45" on an unknown model).
        case ambiguous
        /// Not a caliber we know, or nothing stated.
        case unresolved
        /// No caliber stated ("NULL", "N/A", empty).
        case notStated = "not_stated"
    }

    public enum Method: String, Sendable {
        case alias
        case bareNumber = "bare_number"
        case fromModel = "from_model"
        case none
    }

    public let raw: String
    public let caliber: Caliber?
    public let candidates: [Caliber]
    public let status: Status
    public let method: Method
}
