import IronTraceCore

extension WorldGenerator {
    /// Sale indices per dealer and weapon class (0 handgun, 1 long gun), each in date order.
    struct DealerSales {
        var offsets: [[Int]] = [[], []]
        var indices: [[Int32]] = [[], []]

        func sales(dealer: Int, group: Int) -> ArraySlice<Int32> {
            indices[group][offsets[group][dealer]..<offsets[group][dealer + 1]]
        }
    }

    func buildDealerSales() -> DealerSales {
        var ds = DealerSales()
        for g in 0..<2 {
            var counts = [Int](repeating: 0, count: licensees.count + 1)
            for i in 0..<sales.count where classGroup(Int(sales.model[i])) == g {
                counts[Int(sales.dealer[i]) + 1] += 1
            }
            for d in 0..<licensees.count { counts[d + 1] += counts[d] }
            var fill = counts
            var idx = [Int32](repeating: 0, count: counts[licensees.count])
            for i in 0..<sales.count where classGroup(Int(sales.model[i])) == g {
                let d = Int(sales.dealer[i])
                idx[fill[d]] = Int32(i)
                fill[d] += 1
            }
            ds.offsets[g] = counts
            ds.indices[g] = idx
        }
        return ds
    }

    func classGroup(_ model: Int) -> Int { FirearmMarket.models[model].type.weaponClass == .handgun ? 0 : 1 }

    /// Time-to-crime in days from a three-part mixture: under one year, one to three years, longer.
    mutating func timeToCrime(underOne: Double, oneToThree: Double) -> Int {
        let r = rng.unit()
        if r < underOne { return rng.below(365) }
        if r < underOne + oneToThree { return 365 + rng.below(731) }
        return 1096 + rng.below(2_550)
    }

    // MARK: Scheme guns

    mutating func recoverSchemeGuns(_ schemeCount: Int) {
        var destination = [Int](repeating: -1, count: schemeCount + 2)
        let strong = usStates.indices.filter { USGeography.strongLawStates.contains(usStates[$0].usps) }
        for gun in pendingSchemeSales {
            let p: Double
            let ttc: Int
            switch gun.type {
            case .strawPurchase:
                p = 0.65
                ttc = 15 + Int(rng.logNormal(mu: 4.6, sigma: 0.7))
            case .unlicensedDealing:
                p = 0.55
                ttc = 45 + Int(rng.logNormal(mu: 5.3, sigma: 0.6))
            case .theftFromDealer:
                p = 0.5
                ttc = 20 + Int(rng.logNormal(mu: 5.0, sigma: 0.7))
            }
            guard rng.chance(p) else { continue }
            let date = CivilDate(dayNumber: gun.acquired + Int32(ttc))
            guard date <= WorldGenerator.end else { continue }
            if destination[gun.scheme] < 0 {
                destination[gun.scheme] = gun.toMexico ? mexicanState(year: date.year) : rng.pick(strong)
            }
            let model = FirearmMarket.models[gun.model]
            let firearm: Firearm
            if gun.sale >= 0 {
                firearm = sales.row(gun.sale).firearm
                recovered[gun.sale] = true
            } else {
                firearm = WorldGenerator.firearm(id: 0, model: model, ordinal: Int(gun.ordinal))
            }
            let dealerState = licensees[gun.dealer].state
            let id = Int64(recoveries.count + 1)
            let area: AreaCode
            let country: String
            if gun.toMexico {
                // A scheme's guns reach one destination; some spill into neighbouring markets.
                let st = rng.chance(0.8) ? destination[gun.scheme] : mexicanState(year: date.year)
                area = .mexicanState(MexicanState.code(st)!)
                country = "MX"
            } else {
                let st = rng.chance(0.8) ? destination[gun.scheme] : rng.pick(strong)
                area = .usState(usStates[st])
                country = "US"
            }
            addRecovery(
                id: id,
                firearm: firearm,
                date: date,
                country: country,
                area: area,
                possessor: gun.possessor >= 0 ? Int64(gun.possessor) + 1 : nil
            )
            let outcome: TraceOutcome = gun.sale >= 0 ? .completedToPurchaser : .completedToDealer
            addTrace(
                recovery: id,
                date: date,
                outcome: outcome,
                reason: nil,
                sale: gun.sale >= 0 ? gun.sale : nil,
                dealer: gun.dealer,
                sourceClass: .usSourced,
                sourceCountry: "US",
                sourceState: dealerState
            )
            groundTruth.append(GroundTruthRow(schemeID: gun.scheme, scheme: gun.type, role: .recovery, entityID: id))
        }
    }

    // MARK: Ordinary recoveries

    mutating func makeRecoveries(count: Int) {
        let dealerSales = buildDealerSales()
        var dealerChoiceByState: [WeightedChoice] = []
        var dealersByState: [[Int]] = Array(repeating: [], count: usStates.count)
        for d in licensees.indices where dealerPropensity[d] > 0 { dealersByState[dealerState[d]].append(d) }
        for s in usStates.indices {
            dealerChoiceByState.append(
                WeightedChoice(dealersByState[s].map { dealerPropensity[$0] * dealerVolume[$0] })
            )
        }
        let recoveryStateChoice = WeightedChoice(USGeography.population2016.map { Double($0.population) })
        let strong = Set(usStates.indices.filter { USGeography.strongLawStates.contains(usStates[$0].usps) })
        let weakChoice = WeightedChoice(USGeography.weakLawSources.map(\.1))
        let foreignChoice = WeightedChoice(FirearmMarket.foreignOnly.map(\.usWeight))

        // Picks a sale of the class from a dealer in the state with the time-to-crime, or nil.
        func pickSale(_ g: inout WorldGenerator, state: Int, group: Int, ttc: Int) -> Int? {
            let choice = dealerChoiceByState[state]
            if choice.isEmpty { return nil }
            for _ in 0..<6 {
                let d = dealersByState[state][choice.pick(&g.rng)]
                var list = dealerSales.sales(dealer: d, group: group)
                if list.isEmpty { list = dealerSales.sales(dealer: d, group: 1 - group) }
                if list.isEmpty { continue }
                let limit = WorldGenerator.end.dayNumber - Int32(ttc)
                // Sales of the dealer on or before the limit: binary search in date order.
                var lo = list.startIndex
                var hi = list.endIndex
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if g.sales.date[Int(list[mid])] <= limit { lo = mid + 1 } else { hi = mid }
                }
                if lo == list.startIndex { continue }
                for _ in 0..<4 {
                    let s = Int(list[list.startIndex + g.rng.below(lo - list.startIndex)])
                    if !g.recovered[s] { return s }
                }
            }
            return nil
        }

        var made = 0
        var attempts = 0
        /// Mexican recoveries that are not US-sourced (true: foreign-made, false: untraceable).
        var deferredMexico: [Bool] = []
        defer { makeDeferredMexicanRecoveries(deferredMexico, foreignChoice: foreignChoice) }
        while made < count && attempts < count * 20 {
            attempts += 1
            let id = Int64(recoveries.count + 1)
            let inMexico = rng.chance(0.4)
            let roll = rng.unit()
            if inMexico {
                if roll < PublishedFigures.mexicoUSSourcedShare - 0.03 {
                    // Ordinary guns lean to handguns a little more than the published 63% because the
                    // planted schemes send mostly rifles south.
                    let group = rng.chance(0.72) ? 0 : 1
                    var found: (Int, Int)?
                    for _ in 0..<20 where found == nil {
                        let ttc = timeToCrime(underOne: 0.13, oneToThree: 0.19)
                        if let s = pickSale(&self, state: mexicoSourceState(), group: group, ttc: ttc) {
                            found = (s, ttc)
                        }
                    }
                    guard let (s, ttc) = found else { continue }
                    let date = CivilDate(dayNumber: sales.date[s] + Int32(ttc))
                    // A multiple-sale report names its buyer, so those sales keep their purchaser.
                    let noPurchaser =
                        rng.chance(PublishedFigures.mexicoNoPurchaserShare(year: date.year))
                        && sales.multipleSale[s] < 0
                    if noPurchaser { sales.purchaser[s] = -1 }
                    tracedRecovery(
                        id: id,
                        sale: s,
                        date: date,
                        country: "MX",
                        area: .mexicanState(MexicanState.code(mexicanState(year: date.year))!),
                        outcome: noPurchaser ? .completedToDealer : .completedToPurchaser
                    )
                } else {
                    // Foreign-made or untraceable: made after the loop, dated like the traced guns.
                    deferredMexico.append(
                        roll < PublishedFigures.mexicoUSSourcedShare - 0.03 + PublishedFigures.mexicoNonUSShare + 0.01
                    )
                }
            } else {
                let rs = recoveryStateChoice.pick(&rng)
                if roll < 0.92 {
                    let group = rng.chance(0.86) ? 0 : 1
                    let interstateShare = strong.contains(rs) ? 0.55 : 0.28
                    var found: (Int, Int)?
                    for _ in 0..<20 where found == nil {
                        var source = rs
                        if rng.chance(interstateShare) {
                            source =
                                strong.contains(rs)
                                ? stateIndex[USGeography.weakLawSources[weakChoice.pick(&rng)].0]!
                                : recoveryStateChoice.pick(&rng)
                        }
                        let ttc = timeToCrime(underOne: 0.145, oneToThree: 0.155)
                        if let s = pickSale(&self, state: source, group: group, ttc: ttc) { found = (s, ttc) }
                    }
                    guard let (s, ttc) = found else { continue }
                    let date = CivilDate(dayNumber: sales.date[s] + Int32(ttc))
                    let dealerOnly = rng.chance(0.18) && sales.multipleSale[s] < 0
                    if dealerOnly { sales.purchaser[s] = -1 }
                    tracedRecovery(
                        id: id,
                        sale: s,
                        date: date,
                        country: "US",
                        area: .usState(usStates[rs]),
                        outcome: dealerOnly ? .completedToDealer : .completedToPurchaser
                    )
                } else {
                    let date = CivilDate(dayNumber: randomDate())
                    untraceable(id: id, date: date, country: "US", area: .usState(usStates[rs]), pmfShare: 0.3)
                }
            }
            made += 1
        }
    }

    /// The Mexican recoveries that are not US-sourced, dated by drawing the date of a US-sourced
    /// Mexican recovery already made (give or take a month): both kinds then rise and fall together
    /// and the US-sourced share of Mexican traces stays near the published ~70% in every year, where
    /// uniform dates made it climb from 14% to 90% as the registry filled.
    private mutating func makeDeferredMexicanRecoveries(_ deferred: [Bool], foreignChoice: WeightedChoice) {
        let usDates = recoveries.filter { $0.country == "MX" }.map(\.date.dayNumber)
        let lo = WorldGenerator.start.dayNumber
        let hi = WorldGenerator.end.dayNumber
        for foreign in deferred {
            let id = Int64(recoveries.count + 1)
            let date =
                usDates.isEmpty
                ? CivilDate(dayNumber: randomDate())
                : CivilDate(dayNumber: min(hi, max(lo, usDates[rng.below(usDates.count)] + Int32(rng.below(61)) - 30)))
            let area = AreaCode.mexicanState(MexicanState.code(mexicanState(year: date.year))!)
            if !foreign {
                untraceable(id: id, date: date, country: "MX", area: area, pmfShare: 0.1)
                continue
            }
            let m = FirearmMarket.foreignOnly[foreignChoice.pick(&rng)]
            let f = WorldGenerator.firearm(id: id, model: m, ordinal: rng.below(1_000_000))
            addRecovery(id: id, firearm: f, date: date, country: "MX", area: area, possessor: nil)
            addTrace(
                recovery: id,
                date: date,
                outcome: .notTraced,
                reason: .foreignNotImported,
                sale: nil,
                dealer: nil,
                sourceClass: .nonUS,
                sourceCountry: f.countryOfManufacture,
                sourceState: ""
            )
        }
    }

    private mutating func tracedRecovery(
        id: Int64,
        sale s: Int,
        date: CivilDate,
        country: String,
        area: AreaCode,
        outcome: TraceOutcome
    ) {
        recovered[s] = true
        let firearm = sales.row(s).firearm
        let possessor: Int64? = rng.chance(0.3) && sales.purchaser[s] >= 0 ? Int64(sales.purchaser[s]) + 1 : nil
        addRecovery(
            id: id,
            firearm: firearm,
            date: date,
            country: country,
            area: area,
            possessor: possessor
        )
        addTrace(
            recovery: id,
            date: date,
            outcome: outcome,
            reason: nil,
            sale: s,
            dealer: Int(sales.dealer[s]),
            sourceClass: .usSourced,
            sourceCountry: "US",
            sourceState: licensees[Int(sales.dealer[s])].state
        )
    }

    /// A recovery that cannot be traced: privately made, obliterated, not in any record, or too old.
    private mutating func untraceable(id: Int64, date: CivilDate, country: String, area: AreaCode, pmfShare: Double) {
        let r = rng.unit()
        var f: Firearm
        var obliterated = false
        let reason: NotTracedReason
        let model = FirearmMarket.models[rng.below(FirearmMarket.models.count)]
        if r < pmfShare {
            f = WorldGenerator.firearm(id: id, model: FirearmMarket.privatelyMade, ordinal: 0)
            reason = .insufficientIdentifiers
        } else if r < pmfShare + 0.3 {
            f = WorldGenerator.firearm(
                id: id,
                model: model,
                ordinal: WorldGenerator.unrecordedOrdinal(model, rng.below(900_000))
            )
            let kept = f.serial.normalized.prefix(rng.chance(0.5) ? 0 : 2)
            f.serial = SerialNumber(
                kept + String(repeating: "?", count: max(0, f.serial.normalized.count - kept.count))
            )
            obliterated = true
            reason = .obliterated
        } else if r < pmfShare + 0.45 {
            f = WorldGenerator.firearm(
                id: id,
                model: model,
                ordinal: WorldGenerator.unrecordedOrdinal(model, rng.below(900_000))
            )
            f.makeRaw = ""
            f.manufacturer = ""
            reason = .insufficientIdentifiers
        } else if r < pmfShare + 0.85 {
            // A real make and a serial that no record holds (sold before the registry, or never recorded).
            f = WorldGenerator.firearm(
                id: id,
                model: model,
                ordinal: WorldGenerator.unrecordedOrdinal(model, rng.below(900_000))
            )
            reason = .noMatchingRecord
        } else {
            f = WorldGenerator.firearm(
                id: id,
                model: model,
                ordinal: WorldGenerator.unrecordedOrdinal(model, rng.below(900_000))
            )
            reason = .tooOld
        }
        addRecovery(
            id: id,
            firearm: f,
            date: date,
            country: country,
            area: area,
            possessor: nil,
            obliterated: obliterated
        )
        addTrace(
            recovery: id,
            date: date,
            outcome: .notTraced,
            reason: reason,
            sale: nil,
            dealer: nil,
            sourceClass: .undetermined,
            sourceCountry: "",
            sourceState: ""
        )
    }

    // MARK: Records

    /// Spellings recovering agencies use for makes (what the trace engine must read).
    static let makeSpellings: [String: [String]] = [
        "Smith & Wesson": ["S&W", "SMITH & WESSON", "SMITH AND WESSON", "Smith Wesson"],
        "Sturm, Ruger & Co.": ["RUGER", "Sturm Ruger", "STURM, RUGER & CO", "Ruger"],
        "SIG Sauer": ["SIG SAUER", "Sig", "SIGARMS", "Sig Sauer Inc."],
        "Romarm (Cugir)": ["ROMARM/CUGIR", "CUGIR", "Romarm"],
        "Colt": ["COLT", "COLTS MFG", "Colt's Manufacturing"],
        "FN Herstal": ["FN", "FNH", "FN HERSTAL", "Fabrique Nationale"],
        "Glock": ["GLOCK", "Glock GmbH", "glock inc"],
        "Palmetto State Armory": ["PSA", "PALMETTO STATE ARMORY"],
        "Century Arms": ["CENTURY ARMS", "CAI", "Century Intl Arms"],
        "Izhmash (Kalashnikov Concern)": ["IZHMASH", "Kalashnikov"],
        "Barrett Firearms": ["BARRETT", "Barrett Firearms Mfg"],
    ]

    mutating func addRecovery(
        id: Int64,
        firearm: Firearm,
        date: CivilDate,
        country: String,
        area: AreaCode,
        possessor: Int64?,
        obliterated: Bool = false
    ) {
        var f = firearm
        f.id = id
        if !f.makeRaw.isEmpty, let spellings = WorldGenerator.makeSpellings[f.manufacturer], rng.chance(0.5) {
            f.makeRaw = rng.pick(spellings)
        } else if !f.makeRaw.isEmpty && rng.chance(0.3) {
            f.makeRaw = f.makeRaw.uppercased()
        }
        // Misread serials: a confusable character or a dropped character, as recovering agencies write them.
        if !obliterated, f.serial.normalized.count > 3 {
            var chars = Array(f.serial.raw)
            let r = rng.unit()
            if r < 0.03 {
                let swaps: [Character: Character] = [
                    "0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "S": "5", "8": "B", "B": "8", "2": "Z", "Z": "2",
                    "6": "G", "G": "6",
                ]
                let positions = chars.indices.filter { swaps[chars[$0]] != nil }
                if let p = positions.randomElement(using: &rng) { chars[p] = swaps[chars[p]]! }
            } else if r < 0.04 {
                chars.remove(at: rng.below(chars.count))
            }
            f.serial = SerialNumber(String(chars))
        }
        var lat: Double?
        var lon: Double?
        var crime: CrimeCategory
        var eventID: Int64?
        if case .mexicanState(let st) = area {
            let c = MexicanGeography.capitals[st.code - 1]
            lat = (c.0 + (rng.unit() - 0.5) * 0.8 * 1000).rounded() / 1000
            lon = (c.1 + (rng.unit() - 0.5) * 0.8 * 1000).rounded() / 1000
            lat = ((c.0 + (rng.unit() - 0.5) * 0.8) * 1000).rounded() / 1000
            lon = ((c.1 + (rng.unit() - 0.5) * 0.8) * 1000).rounded() / 1000
            let r = rng.unit()
            crime =
                r < 0.45
                ? .organizedCrime
                : r < 0.55 ? .homicide : r < 0.85 ? .weaponOffense : r < 0.95 ? .drugs : .possessionOfWeapon
            if crime == .organizedCrime || crime == .homicide {
                eventID = linkEvent(state: st.code, date: date)
            }
        } else {
            let r = rng.unit()
            crime =
                r < 0.30
                ? .weaponOffense
                : r < 0.55
                    ? .possessionOfWeapon
                    : r < 0.67
                        ? .drugs
                        : r < 0.75
                            ? .aggravatedAssault
                            : r < 0.79
                                ? .homicide
                                : r < 0.84
                                    ? .robbery
                                    : r < 0.90 ? .foundFirearm : r < 0.92 ? .burglary : r < 0.93 ? .suicide : .other
        }
        let agency =
            country == "MX"
            ? "MXFGR\(String(format4: rng.below(10_000)))"
            : "\(area.description.suffix(2))\(String(format5: rng.below(100_000)))"
        recoveries.append(
            Recovery(
                id: id,
                firearm: f,
                date: date,
                country: country,
                area: area,
                latitude: lat,
                longitude: lon,
                possessorID: possessor,
                crimeCategory: crime,
                eventID: eventID,
                serialObliterated: obliterated,
                agency: agency,
                caseNumber: "\(date.year)-\(String(format5: rng.below(100_000)))"
            )
        )
    }

    mutating func addTrace(
        recovery: Int64,
        date: CivilDate,
        outcome: TraceOutcome,
        reason: NotTracedReason?,
        sale: Int?,
        dealer: Int?,
        sourceClass: SourceCountryClass,
        sourceCountry: String,
        sourceState: String
    ) {
        var ttc: Int?
        var purchaser: Int64?
        if let sale {
            ttc = Int(date.dayNumber - sales.date[sale])
            if outcome == .completedToPurchaser, sales.purchaser[sale] >= 0 {
                purchaser = Int64(sales.purchaser[sale]) + 1
            }
        }
        traces.append(
            Trace(
                id: recovery,
                recoveryID: recovery,
                requestDate: date.adding(days: 1 + rng.below(45)),
                outcome: outcome,
                notTracedReason: reason,
                saleID: sale.map { Int64($0) + 1 },
                licenseeID: dealer.map { Int64($0) + 1 },
                purchaserID: purchaser,
                timeToCrimeDays: ttc,
                sourceClass: sourceClass,
                sourceCountry: sourceCountry,
                sourceState: sourceState
            )
        )
    }

    /// Cartels and armed groups by the Mexican states where they are reported to operate (ACLED and
    /// UCDP actor names), for synthetic events.
    static let actorsByState: [Int: [String]] = [
        14: ["CJNG: Jalisco New Generation Cartel"],
        16: ["CJNG: Jalisco New Generation Cartel", "Carteles Unidos", "La Familia Michoacana"],
        11: ["CJNG: Jalisco New Generation Cartel", "Santa Rosa de Lima Cartel"], 25: ["Sinaloa Cartel"],
        26: ["Sinaloa Cartel"],
        8: ["Sinaloa Cartel", "La Linea"], 2: ["Sinaloa Cartel", "CJNG: Jalisco New Generation Cartel"],
        28: ["Gulf Cartel", "CDN: Cartel del Noreste"],
        19: ["CDN: Cartel del Noreste", "Gulf Cartel"], 5: ["CDN: Cartel del Noreste"],
        12: ["Guerreros Unidos", "La Familia Michoacana", "Los Ardillos"],
        17: ["Guerreros Unidos", "CJNG: Jalisco New Generation Cartel"],
        15: ["La Familia Michoacana", "CJNG: Jalisco New Generation Cartel"],
        32: ["Sinaloa Cartel", "CJNG: Jalisco New Generation Cartel"], 6: ["CJNG: Jalisco New Generation Cartel"],
    ]

    /// The event a recovery in Mexico came from: an existing synthetic event in the state within
    /// the three days before, or a new one.
    mutating func linkEvent(state: Int, date: CivilDate) -> Int64 {
        if let last = eventsByState[state].last {
            let e = events[last]
            if date.dayNumber - e.date.dayNumber <= 3 && date >= e.date && rng.chance(0.6) { return e.id }
        }
        let id = Int64(100 + events.count + 1)
        let when = date.adding(days: -rng.below(3))
        let actors = WorldGenerator.actorsByState[state] ?? ["Unidentified Armed Group (Mexico)"]
        let r = rng.unit()
        let type: EventType
        let sub: String
        let actor2: String
        if r < 0.45 {
            type = .battles
            sub = "Armed clash"
            actor2 =
                rng.chance(0.5)
                ? rng.pick(["Military Forces of Mexico", "Police Forces of Mexico", "National Guard of Mexico"])
                : rng.pick(actors.count > 1 ? actors : ["Unidentified Armed Group (Mexico)"])
        } else if r < 0.85 {
            type = .violenceAgainstCivilians
            sub = rng.chance(0.85) ? "Attack" : "Abduction/forced disappearance"
            actor2 = "Civilians (Mexico)"
        } else if r < 0.97 {
            type = .strategicDevelopments
            sub = "Arrests"
            actor2 = ""
        } else {
            type = .explosionsRemoteViolence
            sub = rng.chance(0.5) ? "Grenade" : "Air/drone strike"
            actor2 = rng.pick(["Police Forces of Mexico", "Civilians (Mexico)"])
        }
        let actor1 =
            type == .strategicDevelopments
            ? rng.pick(["Military Forces of Mexico", "Police Forces of Mexico"]) : rng.pick(actors)
        let fatalities =
            type == .battles
            ? Int(rng.exponential(mean: 2.5))
            : type == .violenceAgainstCivilians ? 1 + Int(rng.exponential(mean: 0.8)) : 0
        let c = MexicanGeography.capitals[state - 1]
        let st = MexicanState.code(state)!
        events.append(
            ArmedEvent(
                id: id,
                date: when,
                precision: .day,
                type: type,
                subType: sub,
                actor1: actor1,
                actor2: actor2,
                country: "MX",
                area: .mexicanState(st),
                location: st.name,
                latitude: ((c.0 + (rng.unit() - 0.5) * 0.8) * 1000).rounded() / 1000,
                longitude: ((c.1 + (rng.unit() - 0.5) * 0.8) * 1000).rounded() / 1000,
                fatalities: fatalities,
                sourceDataset: "synthetic",
                sourceID: "SYN-\(id)",
                notes: "Synthetic event (IronTrace demo world).",
                provenance: ""
            )
        )
        eventsByState[state].append(events.count - 1)
        return id
    }

    mutating func finishTraces() {
        // Traces are written as recoveries are made; order both by id for stable files.
        recoveries.sort { $0.id < $1.id }
        traces.sort { $0.id < $1.id }
    }
}
