import IronTraceCore
import IronTraceDataset

/// A generated demo world. Record-level tables that can reach millions of rows (sales, persons)
/// are held in compact columns and turned into records on demand; the rest are records.
///
/// Everything in it is synthetic except the documented incidents (source dataset `press`) and the
/// SESNSP firearm-homicide figures (source `SESNSP`), which are real and say so.
public struct DemoWorld: Sendable {
    public let scale: WorldScale
    public let seed: UInt64
    public var licensees: [Licensee]
    var people: PeopleColumns
    var saleColumns: SaleColumns
    public var recoveries: [Recovery]
    public var traces: [Trace]
    public var events: [ArmedEvent]
    public var areaMeasures: [AreaMeasure]
    /// NIBIN correlation leads tying shootings to recovered guns (synthetic).
    public var nibinLeads: [NIBINLead] = []
    /// The planted trafficking schemes. Written to a file of their own, never to the tables the
    /// engines read.
    public var groundTruth: [GroundTruthRow]
    /// Legitimate buyers that look like schemes (collectors, households), written beside the ground truth.
    public var lookAlikes: [LookAlikeRow]

    public var saleCount: Int { saleColumns.count }
    public var personCount: Int { people.count }

    /// The sale at a 0-based index (sale id = index + 1), with its firearm.
    public func sale(at i: Int) -> (sale: Sale, firearm: Firearm) { saleColumns.row(i) }

    /// The person at a 0-based index (person id = index + 1).
    public func person(at i: Int) -> Person { people.person(i, licensees: licensees) }
}

/// One fact about a planted scheme.
public struct GroundTruthRow: Sendable, Hashable {
    public enum Role: String, Sendable {
        case strawPurchaser = "straw_purchaser"
        case trafficker
        case unlicensedDealer = "unlicensed_dealer"
        case dealer
        case sale
        case recovery
    }
    public var schemeID: Int
    public var scheme: SchemeType
    public var role: Role
    public var entityID: Int64

    public static let header = ["scheme_id", "scheme_type", "role", "entity_id"]
    public var fields: [String] { [String(schemeID), scheme.rawValue, role.rawValue, String(entityID)] }
}

/// Sales in columns. Index i is sale id i+1 and firearm id i+1.
struct SaleColumns: Sendable {
    var date: [Int32] = []
    var dealer: [Int32] = []
    /// Person index, or -1 when the record names no purchaser.
    var purchaser: [Int32] = []
    var model: [UInt16] = []
    var serialOrdinal: [Int32] = []
    var multipleSale: [Int32] = []

    var count: Int { date.count }

    mutating func reserve(_ n: Int) {
        date.reserveCapacity(n)
        dealer.reserveCapacity(n)
        purchaser.reserveCapacity(n)
        model.reserveCapacity(n)
        serialOrdinal.reserveCapacity(n)
    }

    mutating func append(date d: Int32, dealer l: Int32, purchaser p: Int32, model m: UInt16, ordinal: Int32) {
        date.append(d)
        dealer.append(l)
        purchaser.append(p)
        model.append(m)
        serialOrdinal.append(ordinal)
    }

    func row(_ i: Int) -> (sale: Sale, firearm: Firearm) {
        let id = Int64(i + 1)
        let m = FirearmMarket.models[Int(model[i])]
        let p = purchaser[i]
        let ms = multipleSale.isEmpty ? -1 : multipleSale[i]
        let sale = Sale(
            id: id,
            firearmID: id,
            licenseeID: Int64(dealer[i]) + 1,
            purchaserID: p < 0 ? nil : Int64(p) + 1,
            date: CivilDate(dayNumber: date[i]),
            multipleSaleID: ms < 0 ? nil : Int64(ms) + 1
        )
        return (sale, WorldGenerator.firearm(id: id, model: m, ordinal: Int(serialOrdinal[i])))
    }
}

/// Persons in columns; location comes from the dealer the person first bought from.
struct PeopleColumns: Sendable {
    var first: [UInt8] = []
    var last: [UInt8] = []
    var birth: [Int32] = []
    var streetNumber: [Int32] = []
    var street: [UInt8] = []
    var homeDealer: [Int32] = []
    /// -1 when no number is on file.
    var phone: [Int32] = []

    var count: Int { first.count }

    mutating func append(
        first f: UInt8,
        last l: UInt8,
        birth b: Int32,
        streetNumber n: Int32,
        street s: UInt8,
        homeDealer d: Int32,
        phone ph: Int32
    ) -> Int32 {
        first.append(f)
        last.append(l)
        birth.append(b)
        streetNumber.append(n)
        street.append(s)
        homeDealer.append(d)
        phone.append(ph)
        return Int32(first.count - 1)
    }

    func person(_ i: Int, licensees: [Licensee]) -> Person {
        let home = licensees[Int(homeDealer[i])]
        let s = Int(street[i])
        let streetName =
            SyntheticNames.streets[s % SyntheticNames.streets.count] + " "
            + SyntheticNames.streetKinds[s / SyntheticNames.streets.count % SyntheticNames.streetKinds.count]
        let ph = Int(phone[i])
        let phoneText = ph < 0 ? "" : "(555) \(ph / 10_000 % 1000)-\(String(format4: ph % 10_000))"
        let pii = PersonPII(
            lastName: SyntheticNames.last[Int(last[i])],
            firstName: SyntheticNames.first[Int(first[i])],
            birthDate: CivilDate(dayNumber: birth[i]),
            street: "\(streetNumber[i]) \(streetName)",
            city: home.city,
            state: home.state,
            zip: home.zip,
            phone: phoneText
        )
        return Person(id: Int64(i + 1), pseudonym: WorldGenerator.pseudonym(Int64(i + 1)), pii: pii)
    }
}

extension String {
    init(format4 v: Int) {
        let s = String(v)
        self = String(repeating: "0", count: Swift.max(0, 4 - s.count)) + s
    }
}

extension DemoWorld {
    /// The columnar snapshot of this world, built without a store: what `loadDataset()` gives after
    /// importing the world's files (benchmarks use it to skip the import of millions of rows) when
    /// `linkSecret` is the store's (``LinkSecret/random()`` when nothing is compared with a store).
    public func dataset(linkSecret: LinkSecret) -> Dataset {
        var d = Dataset(linkSecret: linkSecret)
        for l in licensees { d.append(l) }
        for i in 0..<personCount { d.append(person(at: i)) }
        for i in 0..<saleCount {
            let (s, f) = sale(at: i)
            d.append(s, f)
        }
        for r in recoveries { d.append(r) }
        for t in traces { d.append(t) }
        for e in events { d.append(e) }
        for m in areaMeasures { d.append(m) }
        for l in nibinLeads { d.appendNIBINLead(l) }
        return d
    }
}
