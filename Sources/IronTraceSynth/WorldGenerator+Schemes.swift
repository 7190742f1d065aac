import IronTraceCore

/// A gun acquired by a planted scheme.
struct SchemeGun: Sendable {
    var scheme: Int
    var type: SchemeType
    /// Sale index, or -1 for a gun stolen from a dealer (no retail sale).
    var sale: Int
    var model: Int
    var ordinal: Int32
    var dealer: Int
    var acquired: Int32
    var toMexico: Bool
    /// Person who will be found with the gun (-1: unknown).
    var possessor: Int32
}

extension WorldGenerator {
    /// Plants trafficking schemes in NFCTA's proportions (straw purchasing, unlicensed dealing,
    /// theft from dealers) with their typical sizes. Their guns are bought in short bursts, often as
    /// multiple sales, at a few dealers, and mostly head south.
    mutating func makeSchemes(count: Int) -> Int {
        let typeChoice = WeightedChoice(PublishedFigures.schemes.map(\.share))
        let traffickedModels = WeightedChoice(FirearmMarket.models.map { $0.usWeight * $0.mexicoAffinity })
        let handgunModels = WeightedChoice(
            FirearmMarket.models.map { $0.type.weaponClass == .handgun ? $0.usWeight : 0 }
        )
        var crimeDealersByState: [[Int]] = Array(repeating: [], count: usStates.count)
        for d in licensees.indices where dealerPropensity[d] > 0 { crimeDealersByState[dealerState[d]].append(d) }
        let choiceByState = crimeDealersByState.map {
            WeightedChoice($0.map { dealerPropensity[$0] * dealerVolume[$0] })
        }
        for scheme in 0..<count {
            let pick = PublishedFigures.schemes[typeChoice.pick(&rng)]
            let size = max(4, Int((pick.gunsPerCase * rng.logNormal(mu: -0.1, sigma: 0.45)).rounded()))
            let toMexico = pick.scheme == .theftFromDealer ? rng.chance(0.4) : rng.chance(0.7)
            let sourceState = schemeSourceState(toMexico: toMexico)
            let dealersHere = crimeDealersByState[sourceState]
            guard !dealersHere.isEmpty else { continue }
            let dealerCount =
                pick.scheme == .unlicensedDealing
                ? 2 + rng.below(4)
                : (pick.scheme == .strawPurchase ? (hardSchemes ? 3 + rng.below(4) : 1 + rng.below(3)) : 1)
            var dealers: [Int] = []
            for _ in 0..<dealerCount {
                // Scheme dealers lean to the high-propensity tier.
                let d = dealersHere[choiceByState[sourceState].pick(&rng)]
                if !dealers.contains(d) { dealers.append(d) }
            }
            for d in dealers {
                groundTruth.append(
                    GroundTruthRow(schemeID: scheme + 1, scheme: pick.scheme, role: .dealer, entityID: Int64(d + 1))
                )
            }
            let startDay = randomDate(to: WorldGenerator.end.adding(days: -200))
            let models = toMexico ? traffickedModels : handgunModels
            switch pick.scheme {
            case .strawPurchase:
                let members = 2 + rng.below(4)
                let sharedStreet = (Int32(1 + rng.below(9_999)), UInt8(rng.below(SyntheticNames.streets.count * 6)))
                let sharedPhone = Int32(rng.below(10_000_000))
                let shareAddress = rng.chance(0.6)
                var straws: [Int32] = []
                for k in 0..<members {
                    // Each ring links its members: a shared address, a shared phone, or both.
                    // (In the harder mode nothing: each buyer has a home and phone of their own.)
                    let useAddress = (shareAddress || k == 0) && !hardSchemes
                    let usePhone = (!shareAddress || rng.chance(0.3)) && !hardSchemes
                    let p = newPerson(
                        homeDealer: dealers[0],
                        street: useAddress ? sharedStreet : nil,
                        phone: usePhone ? sharedPhone : nil
                    )
                    straws.append(p)
                    groundTruth.append(
                        GroundTruthRow(
                            schemeID: scheme + 1,
                            scheme: .strawPurchase,
                            role: .strawPurchaser,
                            entityID: Int64(p + 1)
                        )
                    )
                }
                let trafficker = newPerson(homeDealer: dealers[0])
                groundTruth.append(
                    GroundTruthRow(
                        schemeID: scheme + 1,
                        scheme: .strawPurchase,
                        role: .trafficker,
                        entityID: Int64(trafficker + 1)
                    )
                )
                var bought = 0
                var day = startDay
                while bought < size {
                    let buyer = rng.pick(straws)
                    let dealer = rng.pick(dealers)
                    let burst = min(size - bought, 2 + rng.below(3))
                    for _ in 0..<burst {
                        let d = day + Int32(rng.below(3))
                        addSchemeSale(
                            scheme,
                            .strawPurchase,
                            models.pick(&rng),
                            dealer,
                            buyer,
                            d,
                            toMexico,
                            possessor: rng.chance(0.5) ? trafficker : -1
                        )
                    }
                    bought += burst
                    day += Int32(hardSchemes ? 10 + rng.below(80) : 3 + rng.below(20))
                }
            case .unlicensedDealing:
                let dealerPerson = newPerson(homeDealer: dealers[0])
                groundTruth.append(
                    GroundTruthRow(
                        schemeID: scheme + 1,
                        scheme: .unlicensedDealing,
                        role: .unlicensedDealer,
                        entityID: Int64(dealerPerson + 1)
                    )
                )
                var day = startDay
                var bought = 0
                while bought < size {
                    let burst = min(size - bought, 1 + rng.below(3))
                    let dealer = rng.pick(dealers)
                    for _ in 0..<burst {
                        addSchemeSale(
                            scheme,
                            .unlicensedDealing,
                            models.pick(&rng),
                            dealer,
                            dealerPerson,
                            day,
                            toMexico,
                            possessor: -1
                        )
                    }
                    bought += burst
                    day += Int32(4 + rng.below(25))
                }
            case .theftFromDealer:
                let dealer = dealers[0]
                let day = startDay
                for _ in 0..<size {
                    let m = FirearmMarket.models.indices.randomElement(using: &rng)!
                    pendingSchemeSales.append(
                        SchemeGun(
                            scheme: scheme + 1,
                            type: .theftFromDealer,
                            sale: -1,
                            model: m,
                            ordinal: nextOrdinal(model: m),
                            dealer: dealer,
                            acquired: day,
                            toMexico: toMexico,
                            possessor: -1
                        )
                    )
                }
            }
        }
        return count
    }

    private mutating func addSchemeSale(
        _ scheme: Int,
        _ type: SchemeType,
        _ model: Int,
        _ dealer: Int,
        _ buyer: Int32,
        _ day: Int32,
        _ toMexico: Bool,
        possessor: Int32
    ) {
        let date = min(day, WorldGenerator.end.dayNumber)
        let index = sales.count
        sales.append(
            date: date,
            dealer: Int32(dealer),
            purchaser: buyer,
            model: UInt16(model),
            ordinal: nextOrdinal(model: model)
        )
        groundTruth.append(GroundTruthRow(schemeID: scheme + 1, scheme: type, role: .sale, entityID: Int64(index)))
        pendingSchemeSales.append(
            SchemeGun(
                scheme: scheme + 1,
                type: type,
                sale: index,
                model: model,
                ordinal: sales.serialOrdinal[index],
                dealer: dealer,
                acquired: date,
                toMexico: toMexico,
                possessor: possessor
            )
        )
    }

    /// Source state of a scheme: for Mexico, the published source-state shares (Texas first); for
    /// US destinations, the weak-law states that feed the Iron Pipeline.
    mutating func schemeSourceState(toMexico: Bool) -> Int {
        if toMexico { return mexicoSourceState() }
        let pick = USGeography.weakLawSources[WeightedChoice(USGeography.weakLawSources.map(\.1)).pick(&rng)].0
        return stateIndex[pick]!
    }

    mutating func mexicoSourceState() -> Int {
        let named = PublishedFigures.mexicoSourceStates
        let namedShare = named.reduce(0) { $0 + $1.share }
        if rng.unit() < namedShare {
            let s = named[WeightedChoice(named.map(\.share)).pick(&rng)].usps
            return stateIndex[s]!
        }
        let names = Set(named.map(\.usps))
        let weights = USGeography.population2016.enumerated().map {
            names.contains(usStates[$0.offset].usps) ? 0 : Double($0.element.population)
        }
        return WeightedChoice(weights).pick(&rng)
    }
}
