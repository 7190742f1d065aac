import IronTraceCore

/// Legitimate buyers whose purchases look like a scheme's, so a detector is tested on telling them
/// apart: it must not flag a pattern of buying alone, only a pattern whose guns turn up in crimes.
public enum LookAlike: String, Sendable, CaseIterable {
    /// A collector: many guns, often several in one visit (so multiple-sale reports), at a few dealers.
    case collector
    /// A household: two to four people at one address (some sharing a phone), each buying a few guns.
    case household
}

/// One person of a look-alike group, written to `look_alikes.csv` beside the ground truth.
public struct LookAlikeRow: Sendable, Hashable {
    public var groupID: Int
    public var kind: LookAlike
    public var personID: Int64

    public static let header = ["look_alike_id", "kind", "person_id"]
    public var fields: [String] { [String(groupID), kind.rawValue, String(personID)] }
}

extension WorldGenerator {
    /// Look-alike groups, as many collectors and twice as many households as planted schemes. Their
    /// guns are ordinary sales: later recoveries pick them no more often than any other sale.
    mutating func makeLookAlikes() {
        let dealerChoice = WeightedChoice(dealerVolume)
        let modelChoice = WeightedChoice(FirearmMarket.models.map(\.usWeight))
        var group = 0
        for _ in 0..<scale.schemes {
            group += 1
            let dealers = (0..<(1 + rng.below(3))).map { _ in dealerChoice.pick(&rng) }
            let person = newPerson(homeDealer: dealers[0])
            lookAlikes.append(LookAlikeRow(groupID: group, kind: .collector, personID: Int64(person + 1)))
            let guns = 8 + rng.below(23)
            var day = randomDate(to: WorldGenerator.end.adding(days: -30))
            var bought = 0
            while bought < guns {
                let visit = min(guns - bought, 1 + rng.below(4))
                let dealer = rng.pick(dealers)
                for _ in 0..<visit {
                    let m = modelChoice.pick(&rng)
                    sales.append(
                        date: min(day + Int32(rng.below(2)), WorldGenerator.end.dayNumber),
                        dealer: Int32(dealer),
                        purchaser: person,
                        model: UInt16(m),
                        ordinal: nextOrdinal(model: m)
                    )
                }
                bought += visit
                day = min(day + Int32(15 + rng.below(200)), WorldGenerator.end.dayNumber)
            }
        }
        for _ in 0..<(2 * scale.schemes) {
            group += 1
            let home = dealerChoice.pick(&rng)
            let street = (Int32(1 + rng.below(9_999)), UInt8(rng.below(SyntheticNames.streets.count * 6)))
            let phone = Int32(rng.below(10_000_000))
            for _ in 0..<(2 + rng.below(3)) {
                let person = newPerson(homeDealer: home, street: street, phone: rng.chance(0.5) ? phone : nil)
                lookAlikes.append(LookAlikeRow(groupID: group, kind: .household, personID: Int64(person + 1)))
                for _ in 0..<(1 + rng.below(3)) {
                    let m = modelChoice.pick(&rng)
                    sales.append(
                        date: randomDate(),
                        dealer: Int32(rng.chance(0.7) ? home : dealerChoice.pick(&rng)),
                        purchaser: person,
                        model: UInt16(m),
                        ordinal: nextOrdinal(model: m)
                    )
                }
            }
        }
    }
}
