/// A request to trace a recovered firearm: the fields of ATF Form 3312.1 (National Tracing Center
/// Trace Request).
public struct TraceRequest: Sendable, Hashable {
    public enum Priority: String, Sendable, CaseIterable, Hashable { case routine, urgent }

    public var requestID: String
    public var requestDate: CivilDate
    public var priority: Priority
    /// NCIC offence code of the crime (e.g. 5212 weapon offence, 0912 homicide with a gun).
    public var ncicCode: String
    /// Requesting agency's ORI (originating agency identifier) and its case number.
    public var agencyORI: String
    public var caseNumber: String
    public var serial: String
    public var serialObliterated: Bool
    /// Manufacturer as written on the request (kept raw).
    public var manufacturer: String
    public var type: String
    public var caliber: String
    public var model: String
    public var countryOfOrigin: String
    public var importer: String
    public var otherMarkings: String
    /// The possessor's name as the agency wrote it (PII).
    public var possessor: String
    public var recoveryDate: CivilDate
    public var recoveryCountry: String
    /// `US-TX`, `MX-14`, `MX-14039`, or empty.
    public var recoveryArea: String
    /// The recovery this request is for, when the recovery is in the store.
    public var recoveryID: Int64?

    public init(
        requestID: String = "",
        requestDate: CivilDate,
        priority: Priority = .routine,
        ncicCode: String = "",
        agencyORI: String = "",
        caseNumber: String = "",
        serial: String,
        serialObliterated: Bool = false,
        manufacturer: String,
        type: String = "",
        caliber: String = "",
        model: String = "",
        countryOfOrigin: String = "",
        importer: String = "",
        otherMarkings: String = "",
        possessor: String = "",
        recoveryDate: CivilDate,
        recoveryCountry: String = "",
        recoveryArea: String = "",
        recoveryID: Int64? = nil
    ) {
        self.requestID = requestID
        self.requestDate = requestDate
        self.priority = priority
        self.ncicCode = ncicCode
        self.agencyORI = agencyORI
        self.caseNumber = caseNumber
        self.serial = serial
        self.serialObliterated = serialObliterated
        self.manufacturer = manufacturer
        self.type = type
        self.caliber = caliber
        self.model = model
        self.countryOfOrigin = countryOfOrigin
        self.importer = importer
        self.otherMarkings = otherMarkings
        self.possessor = possessor
        self.recoveryDate = recoveryDate
        self.recoveryCountry = recoveryCountry
        self.recoveryArea = recoveryArea
        self.recoveryID = recoveryID
    }
}

/// Field-level problems with a trace request. `blocking` problems make the request untraceable as
/// submitted; the others are warnings.
public struct TraceRequestProblem: Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: String
    public var reason: String
    public var blocking: Bool

    public var description: String { "\(field)\(value.isEmpty ? "" : " '\(value)'"): \(reason)" }
}

extension TraceRequest {
    /// Checks every field; a request without a manufacturer or without any readable serial cannot be
    /// traced, and says so.
    public func validate() -> [TraceRequestProblem] {
        var p: [TraceRequestProblem] = []
        if manufacturer.trimmingASCIISpaces().isEmpty {
            p.append(
                .init(
                    field: "manufacturer",
                    value: "",
                    reason: "required: a trace needs the manufacturer",
                    blocking: true
                )
            )
        } else if ManufacturerCatalog.standard.resolve(manufacturer).manufacturer == nil {
            p.append(
                .init(
                    field: "manufacturer",
                    value: manufacturer,
                    reason: "not in the manufacturer catalog; traced on the serial alone",
                    blocking: false
                )
            )
        }
        let s = SerialNumber(serial)
        if s.normalized.isEmpty {
            p.append(
                .init(
                    field: "serial",
                    value: serial,
                    reason: serialObliterated
                        ? "obliterated with no readable characters" : "required: a trace needs the serial number",
                    blocking: true
                )
            )
        } else if s.knownCount < 3 {
            p.append(.init(field: "serial", value: serial, reason: "fewer than 3 readable characters", blocking: true))
        }
        let foreign = s.foreignCharacters
        if !foreign.isEmpty {
            p.append(
                .init(
                    field: "serial",
                    value: serial,
                    reason: "serial contains characters that do not occur on US serial numbers: "
                        + foreign.map(String.init).joined(separator: ", ")
                        + "; kept as typed (check the reading: Ñ for N, O for 0, ...)",
                    blocking: false
                )
            )
        }
        if recoveryDate > requestDate {
            p.append(
                .init(
                    field: "recovery_date",
                    value: recoveryDate.description,
                    reason: "after the request date",
                    blocking: true
                )
            )
        }
        if !type.isEmpty && FirearmType(parsing: type) == nil {
            p.append(.init(field: "type", value: type, reason: "unknown firearm type", blocking: false))
        }
        if !recoveryArea.isEmpty {
            do { _ = try AreaCode(parsing: recoveryArea) } catch {
                p.append(
                    .init(
                        field: "recovery_area",
                        value: recoveryArea,
                        reason: "\(error.reason); expected MX-14, MX-14039 or US-TX",
                        blocking: true
                    )
                )
            }
        }
        if !countryOfOrigin.isEmpty, countryOfOrigin.count != 2 {
            p.append(
                .init(
                    field: "country_of_origin",
                    value: countryOfOrigin,
                    reason: "expected an ISO 3166-1 alpha-2 code",
                    blocking: false
                )
            )
        }
        if !agencyORI.isEmpty,
            !(agencyORI.count == 9 && agencyORI.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        {
            p.append(
                .init(
                    field: "agency_ori",
                    value: agencyORI,
                    reason: "an ORI is 9 letters and digits, the state's code first (TX0000000)",
                    blocking: false
                )
            )
        }
        if !ncicCode.isEmpty, !(ncicCode.count == 4 && ncicCode.allSatisfy { $0.isASCII && $0.isNumber }) {
            p.append(
                .init(field: "ncic_code", value: ncicCode, reason: "NCIC offence codes are 4 digits", blocking: false)
            )
        }
        return p
    }
}
