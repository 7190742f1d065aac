import IronTraceCore

/// The immutable columnar snapshot the engines read: dense arrays of integer codes, one array per
/// column, strings dictionary-encoded in ``StringPool``s. Row i of a table is index i of each of
/// its columns. Built once from a store (or straight from the generator) and refreshed after imports.
public struct Dataset: Sendable {
    public var strings = StringPool()

    public var licensees = LicenseeColumns()
    public var persons = PersonColumns()
    public var sales = SaleColumns()
    public var recoveries = RecoveryColumns()
    public var traces = TraceColumns()
    public var events = EventColumns()
    public var measures = MeasureColumns()
    public var flows = FlowColumns()
    public var nibin = NIBINColumns()
    /// Person records entity resolution merged → their entity: applied by ``mergingPersons(_:)``,
    /// and to the purchasers and possessors of rows appended later (trace submissions).
    public var personEntity: [Int64: Int64] = [:]
    /// Licensee records resolved as one business → its entity (the same, for dealers).
    public var licenseeEntity: [Int64: Int64] = [:]
    /// Keys the address and phone columns (``LinkKey``): the store's secret when built from a store.
    public let linkSecret: LinkSecret
    /// Where the aggregates came from: the imports and what precedence decided where they disagree.
    public var aggregateSources = AggregateSources()

    /// The imports behind a snapshot's area measures and flows.
    public struct AggregateSources: Sendable, Hashable, Codable {
        public struct Import: Sendable, Hashable, Codable {
            public var id: Int64
            public var file: String
            public var sha256: String
            public var format: String
            /// `publisher`, `tidied` or `native`.
            public var origin: String

            public init(id: Int64, file: String, sha256: String, format: String, origin: String) {
                self.id = id
                self.file = file
                self.sha256 = sha256
                self.format = format
                self.origin = origin
            }
        }

        public var imports: [Import] = []
        /// The rule, in words.
        public var precedence = ""
        /// One sentence per decision: "2,262 flows from #7 trace_2013.xlsx (...) over #2 ...".
        public var decisions: [String] = []

        public init(imports: [Import] = [], precedence: String = "", decisions: [String] = []) {
            self.imports = imports
            self.precedence = precedence
            self.decisions = decisions
        }
    }

    /// An empty snapshot whose link keys use `linkSecret` (a fresh random one by default: keys are
    /// then comparable only within this snapshot).
    public init(linkSecret: LinkSecret = .random()) { self.linkSecret = linkSecret }

    public struct LicenseeColumns: Sendable {
        public var id: [Int64] = []
        public var licence: [Int32] = []
        public var name: [Int32] = []
        public var city: [Int32] = []
        public var state: [Int32] = []
        public var count: Int { id.count }
    }

    /// Purchasers and possessors: no names, only what links people (address and phone keys).
    public struct PersonColumns: Sendable {
        public var id: [Int64] = []
        /// -1 when the pseudonym is the default one derived from the id (``Person/pseudonym(for:)``).
        public var pseudonym: [Int32] = []
        /// ``LinkKey/address(street:city:state:zip:secret:)`` of the person's address; 0 when there is none.
        public var address: [UInt64] = []
        /// ``LinkKey/phone(_:secret:)``; 0 when there is none.
        public var phone: [UInt64] = []
        public var state: [Int32] = []
        public var count: Int { id.count }
    }

    public struct SaleColumns: Sendable {
        public var id: [Int64] = []
        public var licensee: [Int64] = []
        /// 0 when the record names no purchaser.
        public var purchaser: [Int64] = []
        public var date: [Int32] = []
        /// 0 when not part of a multiple-sale report.
        public var multipleSale: [Int64] = []
        public var manufacturer: [Int32] = []
        public var model: [Int32] = []
        public var caliber: [Int32] = []
        public var type: [UInt8] = []
        public var serial: [Int32] = []
        public var count: Int { id.count }
    }

    public struct RecoveryColumns: Sendable {
        public var id: [Int64] = []
        public var date: [Int32] = []
        public var country: [Int32] = []
        public var area: [Int32] = []
        public var manufacturer: [Int32] = []
        public var caliber: [Int32] = []
        public var type: [UInt8] = []
        public var serial: [Int32] = []
        public var obliterated: [Bool] = []
        public var crimeCategory: [Int32] = []
        /// 0 when the recovery is not linked to an event.
        public var event: [Int64] = []
        /// The person found with the gun; 0 when unknown.
        public var possessor: [Int64] = []
        /// The recovering agency (its ORI on trace requests), its case number and the model, as filed.
        public var agency: [Int32] = []
        public var caseNumber: [Int32] = []
        public var model: [Int32] = []
        public var count: Int { id.count }
    }

    public struct TraceColumns: Sendable {
        public var id: [Int64] = []
        public var recovery: [Int64] = []
        public var outcome: [UInt8] = []
        public var reason: [Int32] = []
        public var sale: [Int64] = []
        public var licensee: [Int64] = []
        public var purchaser: [Int64] = []
        /// -1 when unknown.
        public var timeToCrime: [Int32] = []
        public var sourceClass: [UInt8] = []
        public var sourceCountry: [Int32] = []
        public var sourceState: [Int32] = []
        /// The request id the agency gave, and the account that submitted it ("" when imported).
        public var requestID: [Int32] = []
        public var submittedBy: [Int32] = []
        /// The day the trace was requested (a day number; `Int32.min` when not recorded).
        public var requestDate: [Int32] = []
        public var count: Int { id.count }
    }

    public struct EventColumns: Sendable {
        public var id: [Int64] = []
        public var date: [Int32] = []
        public var type: [Int32] = []
        public var subType: [Int32] = []
        public var actor1: [Int32] = []
        public var area: [Int32] = []
        public var fatalities: [Int32] = []
        public var sourceDataset: [Int32] = []
        public var location: [Int32] = []
        public var provenance: [Int32] = []
        /// 0 day, 1 month, 2 year: how precise `date` is.
        public var precision: [UInt8] = []
        /// The last day of the event's date range (the same as `date` when it has none).
        public var endDate: [Int32] = []
        public var count: Int { id.count }
    }

    /// Published figures per area and period (homicides, population, ...), each with its source.
    public struct MeasureColumns: Sendable {
        public var area: [Int32] = []
        /// `YYYY` or `YYYY-MM`.
        public var period: [Int32] = []
        public var measure: [Int32] = []
        public var value: [Double] = []
        public var source: [Int32] = []
        public var count: Int { area.count }
    }

    /// Published aggregate flows of traced guns (ATF source and recovery tables).
    public struct FlowColumns: Sendable {
        public var sourceArea: [Int32] = []
        public var recoveryArea: [Int32] = []
        public var year: [Int32] = []
        /// Traced guns in the flow.
        public var guns: [Int32] = []
        public var source: [Int32] = []
        public var count: Int { guns.count }
    }

    /// NIBIN correlation leads: two exhibits fired by one gun, each tied to a recovery, an event or
    /// both (ids, 0 when not named).
    public struct NIBINColumns: Sendable {
        public var lead: [Int32] = []
        public var date: [Int32] = []
        public var exhibitA: [Int32] = []
        public var exhibitB: [Int32] = []
        public var recoveryA: [Int64] = []
        public var eventA: [Int64] = []
        public var recoveryB: [Int64] = []
        public var eventB: [Int64] = []
        public var count: Int { lead.count }
    }

    // Codes for enumerations stored as bytes.
    public static let firearmTypes = FirearmType.allCases
    public static let outcomes = TraceOutcome.allCases
    public static let sourceClasses = SourceCountryClass.allCases

    public static func typeCode(_ t: FirearmType) -> UInt8 { UInt8(firearmTypes.firstIndex(of: t)!) }
    public static func outcomeCode(_ o: TraceOutcome) -> UInt8 { UInt8(outcomes.firstIndex(of: o)!) }
    public static func sourceClassCode(_ c: SourceCountryClass) -> UInt8 { UInt8(sourceClasses.firstIndex(of: c)!) }
}

extension Dataset {
    public mutating func appendNIBINLead(_ l: NIBINLead) {
        nibin.lead.append(strings.code(l.id))
        nibin.date.append(l.date.dayNumber)
        nibin.exhibitA.append(strings.code(l.a.id))
        nibin.exhibitB.append(strings.code(l.b.id))
        nibin.recoveryA.append(l.a.recoveryID ?? 0)
        nibin.eventA.append(l.a.eventID ?? 0)
        nibin.recoveryB.append(l.b.recoveryID ?? 0)
        nibin.eventB.append(l.b.eventID ?? 0)
    }

    public mutating func appendLicensee(id: Int64, licence: String, name: String, city: String, state: String) {
        licensees.id.append(id)
        licensees.licence.append(strings.code(licence))
        licensees.name.append(strings.code(name))
        licensees.city.append(strings.code(city))
        licensees.state.append(strings.code(state))
    }

    public mutating func appendPerson(
        id: Int64,
        pseudonym: String,
        street: String,
        city: String,
        state: String,
        zip: String,
        phone: String
    ) {
        persons.id.append(id)
        persons.pseudonym.append(pseudonym == Person.pseudonym(for: id) ? -1 : strings.code(pseudonym))
        persons.address.append(LinkKey.address(street: street, city: city, state: state, zip: zip, secret: linkSecret))
        persons.phone.append(LinkKey.phone(phone, secret: linkSecret))
        persons.state.append(strings.code(state))
    }

    /// The pseudonym of the person at a row.
    public func pseudonym(ofPersonAt row: Int) -> String {
        let code = persons.pseudonym[row]
        return code < 0 ? Person.pseudonym(for: persons.id[row]) : strings[code]
    }

    public mutating func appendSale(
        id: Int64,
        licensee: Int64,
        purchaser: Int64?,
        date: CivilDate,
        multipleSale: Int64?,
        manufacturer: String,
        model: String,
        caliber: String,
        type: FirearmType,
        serialNormal: String
    ) {
        sales.id.append(id)
        sales.licensee.append(licensee)
        sales.purchaser.append(purchaser.map { personEntity[$0] ?? $0 } ?? 0)
        sales.date.append(date.dayNumber)
        sales.multipleSale.append(multipleSale ?? 0)
        sales.manufacturer.append(strings.code(manufacturer))
        sales.model.append(strings.code(model))
        sales.caliber.append(strings.code(caliber))
        sales.type.append(Dataset.typeCode(type))
        sales.serial.append(strings.code(serialNormal))
    }

    public mutating func appendRecovery(
        id: Int64,
        date: CivilDate,
        country: String,
        area: String,
        manufacturer: String,
        caliber: String,
        type: FirearmType,
        serialNormal: String,
        obliterated: Bool,
        crimeCategory: String,
        event: Int64?,
        possessor: Int64? = nil,
        agency: String = "",
        caseNumber: String = "",
        model: String = ""
    ) {
        recoveries.id.append(id)
        recoveries.date.append(date.dayNumber)
        recoveries.country.append(strings.code(country))
        recoveries.area.append(strings.code(area))
        recoveries.manufacturer.append(strings.code(manufacturer))
        recoveries.caliber.append(strings.code(caliber))
        recoveries.type.append(Dataset.typeCode(type))
        recoveries.serial.append(strings.code(serialNormal))
        recoveries.obliterated.append(obliterated)
        recoveries.crimeCategory.append(strings.code(crimeCategory))
        recoveries.event.append(event ?? 0)
        recoveries.possessor.append(possessor.map { personEntity[$0] ?? $0 } ?? 0)
        recoveries.agency.append(strings.code(agency))
        recoveries.caseNumber.append(strings.code(caseNumber))
        recoveries.model.append(strings.code(model))
    }

    public mutating func appendTrace(
        id: Int64,
        recovery: Int64,
        outcome: TraceOutcome,
        reason: String,
        sale: Int64?,
        licensee: Int64?,
        purchaser: Int64?,
        timeToCrime: Int?,
        sourceClass: SourceCountryClass,
        sourceCountry: String,
        sourceState: String,
        requestID: String = "",
        submittedBy: String = "",
        requestDate: CivilDate? = nil
    ) {
        traces.id.append(id)
        traces.recovery.append(recovery)
        traces.outcome.append(Dataset.outcomeCode(outcome))
        traces.reason.append(strings.code(reason))
        traces.sale.append(sale ?? 0)
        traces.licensee.append(licensee.map { licenseeEntity[$0] ?? $0 } ?? 0)
        traces.purchaser.append(purchaser.map { personEntity[$0] ?? $0 } ?? 0)
        traces.timeToCrime.append(Int32(timeToCrime ?? -1))
        traces.sourceClass.append(Dataset.sourceClassCode(sourceClass))
        traces.sourceCountry.append(strings.code(sourceCountry))
        traces.sourceState.append(strings.code(sourceState))
        traces.requestID.append(strings.code(requestID))
        traces.submittedBy.append(strings.code(submittedBy))
        traces.requestDate.append(requestDate?.dayNumber ?? Int32.min)
    }

    public mutating func appendEvent(
        id: Int64,
        date: CivilDate,
        type: String,
        subType: String,
        actor1: String,
        area: String,
        fatalities: Int,
        sourceDataset: String,
        location: String,
        provenance: String,
        precision: String = "day",
        endDate: CivilDate? = nil
    ) {
        events.id.append(id)
        events.date.append(date.dayNumber)
        events.precision.append(precision == "year" ? 2 : precision == "month" ? 1 : 0)
        events.endDate.append(max(date.dayNumber, endDate?.dayNumber ?? date.dayNumber))
        events.type.append(strings.code(type))
        events.subType.append(strings.code(subType))
        events.actor1.append(strings.code(actor1))
        events.area.append(strings.code(area))
        events.fatalities.append(Int32(fatalities))
        events.sourceDataset.append(strings.code(sourceDataset))
        events.location.append(strings.code(location))
        events.provenance.append(strings.code(provenance))
    }
}

extension Dataset {
    public mutating func appendMeasure(area: String, period: String, measure: String, value: Double, source: String) {
        measures.area.append(strings.code(area))
        measures.period.append(strings.code(period))
        measures.measure.append(strings.code(measure))
        measures.value.append(value)
        measures.source.append(strings.code(source))
    }

    public mutating func appendFlow(sourceArea: String, recoveryArea: String, year: Int, count: Int, source: String) {
        flows.sourceArea.append(strings.code(sourceArea))
        flows.recoveryArea.append(strings.code(recoveryArea))
        flows.year.append(Int32(year))
        flows.guns.append(Int32(count))
        flows.source.append(strings.code(source))
    }
}

extension Dataset {
    /// An event's date as precisely as it is known: `2019-11-03`, `2019-11` (month precision), `2019`
    /// (year), or the months of a range (`2019-01 to 2019-12`).
    public func eventDateText(_ i: Int) -> String {
        let start = CivilDate(dayNumber: events.date[i])
        let end = CivilDate(dayNumber: events.endDate[i])
        func month(_ d: CivilDate) -> String { "\(d.year)-\(d.month < 10 ? "0" : "")\(d.month)" }
        if (end.year, end.month) != (start.year, start.month) {
            if events.precision[i] == 2, start.month == 1, end.month == 12, start.year == end.year {
                return String(start.year)
            }
            return "\(month(start)) to \(month(end))"
        }
        switch events.precision[i] {
        case 2: return String(start.year)
        case 1: return month(start)
        default: return start.description
        }
    }
}
