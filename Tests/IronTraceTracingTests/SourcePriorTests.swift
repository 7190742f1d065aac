import IronTraceCore
import IronTraceDataset
import Testing

@testable import IronTraceTracing

/// When the serial and the markings cannot tell two sales apart, the recovery's place and the dealers'
/// trace records rank them, and the explanation says why.
@Suite struct SourcePriorTests {
    /// A registry of two Glock G19 sales whose serials are each one lost character from `ABC12`, one
    /// sold in Texas and one in Ohio, with `tracesTX` and `tracesOH` completed traces to other guns of
    /// each dealer (and 40 quiet sales each, so the dealers' rates mean something).
    func registry(tracesTX: Int = 0, tracesOH: Int = 0) -> (Dataset, tx: Int64, oh: Int64) {
        var d = Dataset()
        let maker = d.strings.code("Glock")
        let model = d.strings.code("G19")
        let caliber = d.strings.code("9mm Luger")
        for (id, state) in [(Int64(1), "TX"), (2, "OH")] {
            d.licensees.id.append(id)
            d.licensees.licence.append(d.strings.code("5-74-000-01-2A-0000\(id)"))
            d.licensees.name.append(d.strings.code("Dealer \(id)"))
            d.licensees.city.append(d.strings.code(state == "TX" ? "Houston" : "Dayton"))
            d.licensees.state.append(d.strings.code(state))
        }
        func sale(_ serial: String, dealer: Int64) -> Int64 {
            let id = Int64(d.sales.count + 1)
            d.sales.id.append(id)
            d.sales.licensee.append(dealer)
            d.sales.purchaser.append(0)
            d.sales.date.append(CivilDate(year: 2020, month: 3, day: 1)!.dayNumber)
            d.sales.multipleSale.append(0)
            d.sales.manufacturer.append(maker)
            d.sales.model.append(model)
            d.sales.caliber.append(caliber)
            d.sales.type.append(Dataset.typeCode(.pistol))
            d.sales.serial.append(d.strings.code(serial))
            return id
        }
        // Lower id for the Ohio sale, so a tie would list it first.
        let oh = sale("ABC712", dealer: 2)
        let tx = sale("ABC162", dealer: 1)
        for k in 0..<40 {
            let a = sale("QRS\(100 + k)", dealer: 1)
            let b = sale("XYZ\(100 + k)", dealer: 2)
            for (s, dealer, traced) in [(a, Int64(1), k < tracesTX), (b, 2, k < tracesOH)] where traced {
                let rid = Int64(d.recoveries.count + 1)
                d.recoveries.id.append(rid)
                d.traces.id.append(Int64(d.traces.count + 1))
                d.traces.recovery.append(rid)
                d.traces.outcome.append(Dataset.outcomeCode(.completedToDealer))
                d.traces.sale.append(s)
                d.traces.licensee.append(dealer)
                d.traces.purchaser.append(0)
            }
        }
        return (d, tx, oh)
    }

    func request(area: String, country: String) -> TraceRequest {
        TraceRequest(
            requestDate: CivilDate(year: 2023, month: 5, day: 3)!,
            serial: "ABC12",
            manufacturer: "Glock",
            type: "pistol",
            caliber: "9mm",
            model: "G19",
            recoveryDate: CivilDate(year: 2023, month: 5, day: 1)!,
            recoveryCountry: country,
            recoveryArea: area
        )
    }

    @Test func aGunRecoveredInMexicoRanksTheTexasSaleFirst() throws {
        let (d, tx, oh) = registry()
        let r = TraceEngine(dataset: d).trace(request(area: "MX-19", country: "MX"))
        #expect(r.candidates.map(\.saleID).prefix(2) == [tx, oh])
        let place = try #require(r.candidates[0].components.first { $0.name == "place" })
        #expect(place.reason.contains("sold in TX: 42.0% of US guns traced from Mexico come from TX"))
        let other = try #require(r.candidates[1].components.first { $0.name == "place" })
        #expect(other.points < place.points)
        #expect(other.reason.hasPrefix("sold in OH: "))
        // Two real serials one misread from what was read, and nothing else tells them apart: the
        // place alone never completes the trace.
        #expect(r.reason == .ambiguous)
    }

    @Test func aGunRecoveredInOhioRanksTheOhioSaleFirst() {
        let (d, tx, oh) = registry()
        let r = TraceEngine(dataset: d).trace(request(area: "US-OH", country: "US"))
        #expect(r.candidates.map(\.saleID).prefix(2) == [oh, tx])
        #expect(r.candidates[0].explanation.contains("of guns traced in OH come from OH (ATF 2010-2020)"))
    }

    @Test func noPlaceNoPlacePoints() {
        let (d, _, oh) = registry()
        let r = TraceEngine(dataset: d).trace(request(area: "", country: ""))
        #expect(r.candidates.first?.saleID == oh, "a tie lists the lower sale id first")
        #expect(r.candidates.allSatisfy { c in !c.components.contains { $0.name == "place" } })
    }

    @Test func aDealerWithManyTracesRanksFirstWhereThePlaceSaysNothing() throws {
        let (d, tx, oh) = registry(tracesTX: 12, tracesOH: 0)
        let r = TraceEngine(dataset: d).trace(request(area: "", country: ""))
        #expect(r.candidates.first?.saleID == tx)
        let dealer = try #require(r.candidates[0].components.first { $0.name == "dealer" })
        #expect(dealer.points > 0)
        #expect(dealer.reason.hasPrefix("dealer has 12 completed traces where its 41 sales would give"))
    }

    @Test func aPurchaserWithOtherTracedGunsRanksFirstAndAGunAlreadyTracedLast() throws {
        var (d, tx, oh) = registry()
        // The Texas sale's buyer has two other guns traced to crime; the Ohio sale's gun is already
        // traced to another recovery.
        let buyer: Int64 = 77
        let txRow = try #require(d.sales.id.firstIndex(of: tx))
        d.sales.purchaser[txRow] = buyer
        for (k, sale) in [(0, d.sales.id[4]), (1, d.sales.id[6]), (2, oh)] {
            d.recoveries.id.append(Int64(500 + k))
            d.traces.id.append(Int64(d.traces.count + 1))
            d.traces.recovery.append(Int64(500 + k))
            d.traces.outcome.append(Dataset.outcomeCode(.completedToPurchaser))
            d.traces.sale.append(sale)
            d.traces.licensee.append(k == 2 ? 2 : 1)
            d.traces.purchaser.append(k == 2 ? 0 : buyer)
        }
        let r = TraceEngine(dataset: d).trace(request(area: "", country: ""))
        #expect(r.candidates.map(\.saleID).prefix(2) == [tx, oh])
        let first = r.candidates[0].components
        #expect(
            first.contains {
                $0.name == "purchaser" && $0.points == 3 && $0.reason == "purchaser has 2 other guns traced to crime"
            }
        )
        let second = r.candidates[1].components
        #expect(second.contains { $0.name == "traced" && $0.points == -2 })
        #expect(r.candidates.allSatisfy { $0.score == $0.components.reduce(0) { $0 + $1.points } })
    }

    @Test func aRecoverysOwnTraceIsNotCountedForItsDealer() throws {
        let (d, _, _) = registry(tracesTX: 1, tracesOH: 0)
        let engine = TraceEngine(dataset: d)
        var again = request(area: "", country: "")
        again.recoveryID = d.traces.recovery[0]
        let r = engine.trace(again)
        let tx = try #require(r.candidates.first { $0.serial == "ABC162" })
        let dealer = try #require(tx.components.first { $0.name == "dealer" })
        #expect(dealer.reason.hasPrefix("dealer has 0 completed traces"))
        #expect(dealer.reason.hasSuffix("(this recovery's own trace left out)"))
    }

    @Test func placeAndDealerNeverPutAMisreadAboveAnExactSerial() {
        // The largest swing the record components allow between two candidates is below the gap
        // between an exact serial and the closest misread (a single confusable character).
        let swing = SourcePrior.totalRange.upperBound - SourcePrior.totalRange.lowerBound
        #expect(swing < SerialMisread.exactPoints - (50 - 2))
    }
}
