import IronTraceCore

/// Generates the demo world: a deterministic, synthetic Iron Pipeline for 2015-2024, calibrated to
/// the figures in ``PublishedFigures``, with trafficking schemes planted as ground truth.
///
/// Same seed and scale, same world, byte for byte: only the seeded generator decides, and nothing
/// iterates a hashed collection.
public struct WorldGenerator {
    public let scale: WorldScale
    public let seed: UInt64
    /// Straw rings whose buyers share no address or phone, buying at more dealers over longer
    /// times: only the guns and their recoveries tie them together.
    public var hardSchemes = false

    static let start = CivilDate(year: 2015, month: 1, day: 1)!
    static let end = CivilDate(year: 2024, month: 12, day: 31)!
    /// Relative sales per year 2015-2024 (the 2020-2021 surge of US gun sales, shaped after FBI NICS
    /// background-check volumes).
    static let yearWeights: [Double] = [1.0, 1.1, 0.95, 0.95, 0.95, 1.5, 1.35, 1.1, 1.05, 1.0]

    // State shared across the stages.
    var rng: SeededRandom
    var licensees: [Licensee] = []
    var dealerState: [Int] = []  // index into usStates
    var dealerVolume: [Double] = []
    var dealerPropensity: [Double] = []
    var people = PeopleColumns()
    var sales = SaleColumns()
    var modelCounters: [Int32]
    var recoveries: [Recovery] = []
    var traces: [Trace] = []
    var events: [ArmedEvent] = []
    var groundTruth: [GroundTruthRow] = []
    var lookAlikes: [LookAlikeRow] = []
    /// Sales already used by a recovery.
    var recovered: [Bool] = []
    var eventsByState: [[Int]] = Array(repeating: [], count: 33)
    /// Guns bought or stolen by planted schemes, waiting for their recoveries.
    var pendingSchemeSales: [SchemeGun] = []

    let usStates: [USState] = USGeography.population2016.map { USState.fips($0.fips)! }
    lazy var stateIndex: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, s) in usStates.enumerated() { d[s.usps] = i }
        return d
    }()

    public init(scale: WorldScale = .small, seed: UInt64 = 2015) {
        self.scale = scale
        self.seed = seed
        self.rng = SeededRandom(seed: seed)
        self.modelCounters = Array(repeating: 0, count: FirearmMarket.models.count)
    }

    /// Builds the world.
    public static func generate(scale: WorldScale = .small, seed: UInt64 = 2015, hardSchemes: Bool = false) -> DemoWorld
    {
        var g = WorldGenerator(scale: scale, seed: seed)
        g.hardSchemes = hardSchemes
        return g.run()
    }

    mutating func run() -> DemoWorld {
        makeDealers()
        // Look-alikes buy about 2.5% of the guns (collectors ~19 each, households ~6 per group).
        makeRetailSales(count: scale.sales - scale.sales / 12 - scale.schemes * 31)
        makeLookAlikes()
        let plan = makeSchemes(count: scale.schemes)
        sortSalesByDate()
        markMultipleSales()
        recovered = Array(repeating: false, count: sales.count)
        recoverSchemeGuns(plan)
        let remaining = max(0, scale.recoveries - recoveries.count)
        makeRecoveries(count: remaining)
        finishTraces()
        var all = DocumentedIncidents.all + events
        all.sort { ($0.id) < ($1.id) }
        var world = DemoWorld(
            scale: scale,
            seed: seed,
            licensees: licensees,
            people: people,
            saleColumns: sales,
            recoveries: recoveries,
            traces: traces,
            events: all,
            areaMeasures: (WorldGenerator.homicideMeasures() + WorldGenerator.populationMeasures()).sorted {
                ($0.area.description, $0.period, $0.measure, $0.source) < (
                    $1.area.description, $1.period, $1.measure, $1.source
                )
            },
            groundTruth: groundTruth,
            lookAlikes: lookAlikes
        )
        world.nibinLeads = WorldGenerator.nibinLeads(recoveries: recoveries, events: all, seed: seed)
        return world
    }

    // MARK: Helpers shared by the stages

    static func pseudonym(_ id: Int64) -> String { Person.pseudonym(for: id) }

    /// The firearm of a model's n-th serial. Serials are unique per model: the ordinal is spread
    /// over the pattern's space by a multiplication that is a bijection modulo its size.
    /// The catalog entry of each market model's maker, looked up once (the lookup folds accents and
    /// aliases, too slow to repeat for millions of sales).
    static let makers = Dictionary(
        FirearmMarket.models.map { ($0.manufacturer, ManufacturerCatalog.standard.named($0.manufacturer)) },
        uniquingKeysWith: { a, _ in a }
    )

    static func firearm(id: Int64, model m: MarketModel, ordinal: Int) -> Firearm {
        let maker = makers[m.manufacturer] ?? ManufacturerCatalog.standard.named(m.manufacturer)
        return Firearm(
            id: id,
            manufacturer: maker?.name ?? m.manufacturer,
            makeRaw: m.manufacturer,
            model: m.model,
            caliber: m.caliber,
            type: m.type,
            serial: SerialNumber(serial(pattern: m.serialPattern, ordinal: ordinal)),
            countryOfManufacture: m.country ?? maker?.country ?? "",
            importer: m.importer == m.manufacturer ? "" : m.importer
        )
    }

    /// How many distinct serials a pattern can stamp.
    static func capacity(_ pattern: String) -> UInt64 {
        var capacity: UInt64 = 1
        for c in pattern.utf8 {
            if c == UInt8(ascii: "L") { capacity &*= 26 } else if c == UInt8(ascii: "#") { capacity &*= 10 }
        }
        return capacity
    }

    /// An ordinal no sale uses: counted down from the top of the pattern's space (sales count up
    /// from 1), for guns that exist but were never recorded in the registry.
    static func unrecordedOrdinal(_ m: MarketModel, _ k: Int) -> Int {
        let cap = capacity(m.serialPattern)
        return Int(cap - 1 - UInt64(k) % (cap / 4))
    }

    static func serial(pattern: String, ordinal: Int) -> String {
        if pattern.isEmpty { return "" }
        let capacity = capacity(pattern)
        // An odd multiplier not divisible by 5 or 13 is coprime to 2^a 5^b 13^c (26 = 2 x 13).
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C17 % capacity | 1
        var mult = multiplier
        while mult % 5 == 0 || mult % 13 == 0 { mult += 2 }
        var v = (UInt64(ordinal) &* (mult % capacity) &+ 12_345) % capacity
        var out = [UInt8](pattern.utf8)
        for i in stride(from: out.count - 1, through: 0, by: -1) {
            if out[i] == UInt8(ascii: "L") {
                out[i] = UInt8(ascii: "A") + UInt8(v % 26)
                v /= 26
            } else if out[i] == UInt8(ascii: "#") {
                out[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func randomDate(from: CivilDate = WorldGenerator.start, to: CivilDate = WorldGenerator.end) -> Int32 {
        // Year by the sales trend, then a uniform day in it, clamped to the window.
        for _ in 0..<20 {
            let y = 2015 + WorldGenerator.yearChoice.pick(&rng)
            let d0 = CivilDate(year: y, month: 1, day: 1)!.dayNumber
            let d = d0 + Int32(rng.below(CivilDate.isLeap(y) ? 366 : 365))
            if d >= from.dayNumber && d <= to.dayNumber { return d }
        }
        return from.dayNumber + Int32(rng.below(max(1, Int(to.dayNumber - from.dayNumber) + 1)))
    }

    mutating func newPerson(homeDealer: Int, street: (Int32, UInt8)? = nil, phone: Int32? = nil) -> Int32 {
        let birth = CivilDate(year: 1950 + rng.below(55), month: 1 + rng.below(12), day: 1 + rng.below(28))!.dayNumber
        return people.append(
            first: UInt8(rng.below(SyntheticNames.first.count)),
            last: UInt8(rng.below(SyntheticNames.last.count)),
            birth: birth,
            streetNumber: street?.0 ?? Int32(1 + rng.below(9_999)),
            street: street?.1 ?? UInt8(rng.below(SyntheticNames.streets.count * SyntheticNames.streetKinds.count)),
            homeDealer: Int32(homeDealer),
            // A sales record (Form 4473) has no phone field; most people's number is not on file. The
            // fictional (555) range holds only ten million numbers, so giving everyone one would
            // also make millions of strangers "share" a phone in the large world.
            phone: phone ?? (rng.chance(0.1) ? Int32(rng.below(10_000_000)) : -1)
        )
    }

    /// The next serial ordinal of a model. Models of one maker that share a serial pattern (Glock's
    /// G17 and G19) share one counter, so a maker never stamps the same serial twice.
    mutating func nextOrdinal(model: Int) -> Int32 {
        let group = WorldGenerator.serialGroup[model]
        modelCounters[group] += 1
        return modelCounters[group]
    }

    /// For each model, the first model with the same maker and serial pattern.
    static let serialGroup: [Int] = FirearmMarket.models.indices.map { i in
        let m = FirearmMarket.models[i]
        return FirearmMarket.models.firstIndex {
            $0.manufacturer == m.manufacturer && $0.serialPattern == m.serialPattern
        }!
    }

    /// Mexican state (1-32) weighted by firearm homicide victims in a year.
    mutating func mexicanState(year: Int) -> Int {
        let y = min(max(year, 2015), 2024)
        return 1 + WorldGenerator.stateChoiceByYear[y - 2015].pick(&rng)
    }

    static let yearChoice = WeightedChoice(yearWeights)
    static let stateChoiceByYear: [WeightedChoice] = (2015...2024).map { y in
        WeightedChoice((1...32).map { Double(MexicanFirearmHomicides.victims(state: $0, year: y)) })
    }

    static func homicideMeasures() -> [AreaMeasure] {
        var out: [AreaMeasure] = []
        for (state, victims) in MexicanFirearmHomicides.byState {
            for (i, v) in victims.enumerated() {
                out.append(
                    AreaMeasure(
                        area: .mexicanState(MexicanState.code(state)!),
                        period: String(2015 + i),
                        measure: "firearm_homicide_victims",
                        value: Double(v),
                        source: MexicanFirearmHomicides.source
                    )
                )
            }
        }
        return out
    }

    /// The embedded reference populations (CONAPO, US Census) as measures, with their real sources.
    static func populationMeasures() -> [AreaMeasure] {
        var out: [AreaMeasure] = []
        for (code, values) in ReferencePopulations.mexico {
            let area: AreaCode = code == 0 ? .country("MX") : .mexicanState(MexicanState.code(code)!)
            for (i, v) in values.enumerated() {
                out.append(
                    AreaMeasure(
                        area: area,
                        period: String(ReferencePopulations.mexicoFirstYear + i),
                        measure: "population",
                        value: Double(v),
                        source: "CONAPO"
                    )
                )
            }
        }
        for (name, values) in ReferencePopulations.unitedStates {
            let area: AreaCode = USState.lookup(name).map { .usState($0) } ?? .country("US")
            for (i, v) in values.enumerated() {
                out.append(
                    AreaMeasure(
                        area: area,
                        period: String(ReferencePopulations.usFirstYear + i),
                        measure: "population",
                        value: Double(v),
                        source: "Census"
                    )
                )
            }
        }
        return out
    }
}
