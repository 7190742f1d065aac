import IronTraceCore

extension WorldGenerator {
    /// Dealers spread over the states by population (border states a little above it), with a
    /// heavy-tailed sales volume and a crime-gun propensity in three tiers: 1.2% of dealers at 400
    /// times the rate, 13.8% at the base rate (more along the border) and 85% that never sell a gun later traced (the shape
    /// of ATF's 2000 finding: 1.2% of dealers, 57.4% of traces; 85% with none).
    mutating func makeDealers() {
        let n = scale.dealers
        var weights = USGeography.population2016.map { Double($0.population) }
        // Border states have more dealers per resident than the national average (ATF's FFL listings).
        let borderBoost: [String: Double] = ["TX": 1.3, "AZ": 2.2, "NM": 1.8]
        for (i, s) in usStates.enumerated() { weights[i] *= borderBoost[s.usps] ?? 1 }
        let stateChoice = WeightedChoice(weights)
        var sequence = 10_000
        for i in 0..<n {
            let si = stateChoice.pick(&rng)
            let state = usStates[si]
            let cities =
                USGeography.cities[state.usps] ?? [
                    (state.name == "District of Columbia" ? "Washington" : "\(state.name) City", 0.6),
                    ("Springfield", 0.4),
                ]
            let city = cities[WeightedChoice(cities.map(\.1)).pick(&rng)].0
            let tier = rng.unit()
            // Along the southern border more dealers sell guns that are later traced (the Iron
            // Pipeline's sources), so the base tier is wider there.
            let baseTier = ["TX", "AZ", "NM", "CA"].contains(state.usps) ? 0.30 : 0.11
            let propensity: Double = tier < 0.012 ? 400 : (tier < baseTier ? 1 : 0)
            let typeRoll = rng.unit()
            let type: LicenceType = typeRoll < 0.80 ? .dealer : (typeRoll < 0.95 ? .pawnbroker : .manufacturer)
            sequence += 1 + rng.below(7)
            let expiry = "\(rng.below(10))" + String("ABCDEFGHJKLM".randomElement(using: &rng)!)
            let region = WorldGenerator.atfRegion(state.usps)
            let licence = LicenceNumber(
                region: region,
                district: state.fips % 100,
                county: 1 + rng.below(250),
                type: type,
                expiry: expiry,
                sequence: sequence % 100_000
            )
            let owner = SyntheticNames.last[rng.below(SyntheticNames.last.count)]
            let shop =
                rng.chance(0.5)
                ? "\(owner)'s \(rng.pick(SyntheticNames.shopKinds))"
                : "\(rng.pick(SyntheticNames.shopWords)) \(rng.pick(SyntheticNames.shopKinds))"
            let zip = String(format5: WorldGenerator.zipBase(state.usps) + rng.below(900))
            licensees.append(
                Licensee(
                    id: Int64(i + 1),
                    licence: licence,
                    name:
                        "\(owner.uppercased()), \(SyntheticNames.first[rng.below(SyntheticNames.first.count)].uppercased())",
                    businessName: shop,
                    street:
                        "\(1 + rng.below(9_999)) \(rng.pick(SyntheticNames.streets)) \(rng.pick(SyntheticNames.streetKinds))",
                    city: city,
                    state: state.usps,
                    zip: zip
                )
            )
            dealerState.append(si)
            dealerVolume.append(type == .manufacturer ? 0.2 : rng.logNormal(mu: 0, sigma: 1.1))
            dealerPropensity.append(type == .manufacturer ? 0 : propensity)
        }
    }

    /// ATF field divisions are grouped in regions; the first digit of a licence names the region.
    static func atfRegion(_ usps: String) -> Int {
        switch usps {
        case "AL", "FL", "GA", "KY", "MS", "NC", "SC", "TN": 1
        case "IL", "IN", "MI", "OH", "WI", "WV": 3
        case "IA", "KS", "MN", "MO", "NE", "ND", "SD", "CO", "WY", "MT", "UT": 4
        case "AR", "LA", "NM", "OK", "TX", "AZ": 5
        case "CT", "MA", "ME", "NH", "NY", "RI", "VT": 6
        case "DC", "DE", "MD", "NJ", "PA", "VA": 8
        default: 9
        }
    }

    /// First three digits of the state's ZIP range, times 100.
    static func zipBase(_ usps: String) -> Int {
        let prefixes: [String: Int] = [
            "TX": 750, "AZ": 850, "CA": 900, "NM": 870, "NY": 100, "FL": 320, "GA": 300, "VA": 220, "PA": 150,
            "IL": 600, "MD": 206, "NC": 270, "SC": 290, "OH": 430, "IN": 460, "WA": 980, "NV": 889, "CO": 800,
        ]
        return (prefixes[usps] ?? 500) * 100
    }

    /// Ordinary retail sales: dealer by volume, model by market share, date by the yearly trend.
    /// Most buyers are new; some come back.
    mutating func makeRetailSales(count: Int) {
        sales.reserve(scale.sales)
        let dealerChoice = WeightedChoice(dealerVolume)
        let modelChoice = WeightedChoice(FirearmMarket.models.map(\.usWeight))
        var lastBuyerOfDealer = [Int32](repeating: -1, count: licensees.count)
        for _ in 0..<count {
            let d = dealerChoice.pick(&rng)
            let m = modelChoice.pick(&rng)
            var buyer: Int32
            if lastBuyerOfDealer[d] >= 0 && rng.chance(0.12) {
                buyer = lastBuyerOfDealer[d]
            } else {
                buyer = newPerson(homeDealer: d)
            }
            lastBuyerOfDealer[d] = buyer
            sales.append(
                date: randomDate(),
                dealer: Int32(d),
                purchaser: buyer,
                model: UInt16(m),
                ordinal: nextOrdinal(model: m)
            )
        }
    }

    /// Orders sales by date (ids follow the calendar) and rewrites every reference to a sale.
    mutating func sortSalesByDate() {
        let n = sales.count
        var order = Array(0..<n)
        order.sort { (sales.date[$0], $0) < (sales.date[$1], $1) }
        var newIndex = [Int32](repeating: 0, count: n)
        for (newPos, old) in order.enumerated() { newIndex[old] = Int32(newPos) }
        var s = SaleColumns()
        s.reserve(n)
        for old in order {
            s.append(
                date: sales.date[old],
                dealer: sales.dealer[old],
                purchaser: sales.purchaser[old],
                model: sales.model[old],
                ordinal: sales.serialOrdinal[old]
            )
        }
        sales = s
        for i in groundTruth.indices where groundTruth[i].role == .sale {
            groundTruth[i].entityID = Int64(newIndex[Int(groundTruth[i].entityID)]) + 1
        }
        for i in pendingSchemeSales.indices where pendingSchemeSales[i].sale >= 0 {
            pendingSchemeSales[i].sale = Int(newIndex[pendingSchemeSales[i].sale])
        }
    }

    /// Multiple-sale reports: two or more handguns to one purchaser from one licensee within five
    /// consecutive business days (ATF Form 3310.4), and two or more semi-automatic rifles above .22
    /// in TX, AZ, NM and CA (Form 3310.12).
    mutating func markMultipleSales() {
        let n = sales.count
        sales.multipleSale = [Int32](repeating: -1, count: n)
        let borderStates: Set<String> = ["TX", "AZ", "NM", "CA"]
        var candidates: [Int] = []
        candidates.reserveCapacity(n / 2)
        // Per model and per dealer facts, looked up by index in the loops below.
        let handgun = FirearmMarket.models.map { $0.type.weaponClass == .handgun }
        let reportable = FirearmMarket.models.map(\.reportableRifle)
        let borderDealer = licensees.map { borderStates.contains($0.state) }
        for i in 0..<n where sales.purchaser[i] >= 0 {
            let m = Int(sales.model[i])
            if handgun[m] || (reportable[m] && borderDealer[Int(sales.dealer[i])]) {
                candidates.append(i)
            }
        }
        func group(_ i: Int) -> Int { handgun[Int(sales.model[i])] ? 0 : 1 }
        candidates.sort {
            (sales.purchaser[$0], sales.dealer[$0], group($0), sales.date[$0], $0)
                < (sales.purchaser[$1], sales.dealer[$1], group($1), sales.date[$1], $1)
        }
        var reportCount: Int32 = 0
        var runStart = 0
        func businessDaysBetween(_ a: Int32, _ b: Int32) -> Int {
            var count = 0
            var d = a
            while d < b {
                d += 1
                if CivilDate(dayNumber: d).isBusinessDay { count += 1 }
            }
            return count
        }
        func close(_ from: Int, _ to: Int) {
            if to - from >= 2 {
                for k in from..<to { sales.multipleSale[candidates[k]] = reportCount }
                reportCount += 1
            }
        }
        for k in 1...candidates.count where !candidates.isEmpty {
            let sameRun: Bool
            if k < candidates.count {
                let a = candidates[runStart]
                let b = candidates[k]
                sameRun =
                    sales.purchaser[a] == sales.purchaser[b] && sales.dealer[a] == sales.dealer[b]
                    && group(a) == group(b) && sales.date[b] - sales.date[a] <= 9
                    && businessDaysBetween(sales.date[a], sales.date[b]) < 5
            } else {
                sameRun = false
            }
            if !sameRun {
                close(runStart, k)
                runStart = k
            }
        }
    }
}

extension String {
    init(format5 v: Int) {
        let s = String(v)
        self = String(repeating: "0", count: Swift.max(0, 5 - s.count)) + s
    }
}
