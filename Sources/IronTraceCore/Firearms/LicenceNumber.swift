/// A Federal Firearms Licence number, `R-DD-CCC-TT-XX-SSSSS`.
///
/// Region (1 digit, ATF's 8 regions 1-9), IRS district (2 digits), county (3 digits), licence type
/// (2 digits), expiry code (year digit and month letter, e.g. `2K`), sequence (5 digits).
public struct LicenceNumber: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let region: Int
    public let district: Int
    public let county: Int
    public let type: LicenceType
    public let expiry: String
    public let sequence: Int

    public init(region: Int, district: Int, county: Int, type: LicenceType, expiry: String, sequence: Int) {
        self.region = region
        self.district = district
        self.county = county
        self.type = type
        self.expiry = expiry
        self.sequence = sequence
    }

    public struct ParseError: Error, Sendable, CustomStringConvertible, Equatable {
        public let value: String
        public let reason: String
        public var description: String { "invalid FFL number '\(value)': \(reason)" }
    }

    /// Parses the dashed form or the 15-character run-together form (`123456701A12345`).
    public init(parsing text: String) throws(ParseError) {
        let trimmed = text.trimmingASCIISpaces().uppercased()
        let parts: [Substring]
        if trimmed.contains("-") {
            parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        } else {
            let c = Array(trimmed)
            guard c.count == 15 else {
                throw ParseError(value: text, reason: "expected 15 characters or the dashed form R-DD-CCC-TT-XX-SSSSS")
            }
            let cuts = [0, 1, 3, 6, 8, 10, 15]
            parts = (0..<6).map { Substring(String(c[cuts[$0]..<cuts[$0 + 1]])) }
        }
        guard parts.count == 6 else {
            throw ParseError(value: text, reason: "expected 6 dash-separated parts, found \(parts.count)")
        }
        func number(_ s: Substring, _ width: Int, _ name: String) throws(ParseError) -> Int {
            guard s.count == width, s.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(s) else {
                throw ParseError(value: text, reason: "\(name) must be \(width) digits, found '\(s)'")
            }
            return v
        }
        let region = try number(parts[0], 1, "region")
        guard (1...9).contains(region) else { throw ParseError(value: text, reason: "region must be 1-9") }
        let district = try number(parts[1], 2, "district")
        let county = try number(parts[2], 3, "county")
        let typeCode = try number(parts[3], 2, "licence type")
        guard let type = LicenceType(rawValue: typeCode) else {
            throw ParseError(value: text, reason: "unknown licence type \(parts[3])")
        }
        let exp = Array(parts[4])
        guard exp.count == 2, exp[0].isNumber, exp[0].isASCII, exp[1].isLetter, exp[1].isASCII,
            "ABCDEFGHJKLM".contains(exp[1])
        else {
            throw ParseError(
                value: text,
                reason: "expiry must be a year digit and a month letter (A-M, no I), found '\(parts[4])'"
            )
        }
        let sequence = try number(parts[5], 5, "sequence")
        self.init(
            region: region,
            district: district,
            county: county,
            type: type,
            expiry: String(exp),
            sequence: sequence
        )
    }

    /// The dashed form.
    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(region)-\(pad(district, 2))-\(pad(county, 3))-\(pad(type.rawValue, 2))-\(expiry)-\(pad(sequence, 5))"
    }

    public static func < (a: LicenceNumber, b: LicenceNumber) -> Bool { a.description < b.description }
}

/// ATF licence types (27 CFR 478).
public enum LicenceType: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case dealer = 1
    case pawnbroker = 2
    case collector = 3
    case ammunitionManufacturer = 6
    case manufacturer = 7
    case importer = 8
    case destructiveDeviceDealer = 9
    case destructiveDeviceManufacturer = 10
    case destructiveDeviceImporter = 11

    public var description: String {
        switch self {
        case .dealer: "Dealer in firearms (01)"
        case .pawnbroker: "Pawnbroker (02)"
        case .collector: "Collector of curios and relics (03)"
        case .ammunitionManufacturer: "Manufacturer of ammunition (06)"
        case .manufacturer: "Manufacturer of firearms (07)"
        case .importer: "Importer of firearms (08)"
        case .destructiveDeviceDealer: "Dealer in destructive devices (09)"
        case .destructiveDeviceManufacturer: "Manufacturer of destructive devices (10)"
        case .destructiveDeviceImporter: "Importer of destructive devices (11)"
        }
    }

    /// Whether this licence type sells firearms at retail (the ones traces end at).
    public var isRetail: Bool { self == .dealer || self == .pawnbroker }
}
