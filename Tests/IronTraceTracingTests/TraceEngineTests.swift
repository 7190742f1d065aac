import Foundation
import IronTraceCore
import IronTraceDataset
import IronTraceFixtures
import IronTraceStore
import IronTraceSynth
import IronTraceTesting
import IronTraceTracing
import Testing

/// The demo world loaded once through the store, as the engine sees it in production.
enum TraceFixture {
    private static let built = Result { () throws -> (Dataset, TraceEngine) in
        let d = try DemoFixture.dataset()
        return (d, TraceEngine(dataset: d))
    }
    static func dataset() throws -> Dataset { try built.get().0 }
    static func engine() throws -> TraceEngine { try built.get().1 }
}

@Suite struct TraceEngineTests {
    @Test func accuracyOnTheDemoWorld() throws {
        let engine = try TraceFixture.engine()
        var lines: [String] = []
        for damage in TraceAccuracy.Damage.allCases {
            let cases = TraceAccuracy.cases(try TraceFixture.dataset(), damage: damage, limit: 600, seed: 7)
            let f = TraceAccuracy.measure(engine, cases, damage: damage)
            lines.append(
                "\(damage.rawValue): n=\(f.requests) top1=\(f.top1Rate) top5=\(f.top5Rate) wrongCompleted=\(f.wrongCompletedRate) ambiguous=\(f.ambiguous)"
            )
            #expect(f.requests >= 300)
            switch damage {
            case .exact, .separatorsCase: #expect(f.top1Rate >= 0.995)
            case .confusable, .transposition, .doubled, .lost, .endAdded, .endLost, .oneEdit:
                #expect(f.top1Rate >= 0.97, "\(damage.rawValue) top-1 \(f.top1Rate)")
            case .twoUnknown: #expect(f.top5Rate >= 0.90)
            }
            #expect(f.wrongCompletedRate <= 0.002, "\(damage.rawValue) wrong completed \(f.wrongCompletedRate)")
        }
        print(lines.joined(separator: "\n"))
    }

    @Test func exactRequestCompletesWithExplanation() throws {
        let d = try TraceFixture.dataset()
        let s = 100
        let request = TraceRequest(
            requestDate: CivilDate(year: 2025, month: 1, day: 10)!,
            serial: d.strings[d.sales.serial[s]],
            manufacturer: d.strings[d.sales.manufacturer[s]],
            model: d.strings[d.sales.model[s]],
            recoveryDate: CivilDate(year: 2025, month: 1, day: 5)!
        )
        let r = try TraceFixture.engine().trace(request)
        #expect(r.outcome.isCompleted)
        #expect(r.sale?.saleID == d.sales.id[s])
        #expect(
            r.timeToCrimeDays
                == CivilDate(year: 2025, month: 1, day: 5)!.days(since: CivilDate(dayNumber: d.sales.date[s]))
        )
        #expect(r.sourceClass == .usSourced)
        let best = r.candidates[0]
        #expect(best.serialMatch == .exact)
        #expect(best.components.map(\.name).contains("manufacturer"))
        #expect(best.explanation.contains("exact serial"))
    }

    @Test func saleAfterRecoveryIsImpossible() throws {
        let d = try TraceFixture.dataset()
        let s = d.sales.count - 1
        let saleDay = CivilDate(dayNumber: d.sales.date[s])
        let request = TraceRequest(
            requestDate: saleDay,
            serial: d.strings[d.sales.serial[s]],
            manufacturer: d.strings[d.sales.manufacturer[s]],
            recoveryDate: saleDay.adding(days: -30)
        )
        let r = try TraceFixture.engine().trace(request)
        #expect(!r.candidates.contains { $0.saleID == d.sales.id[s] })
        #expect(!r.outcome.isCompleted || r.sale?.saleID != d.sales.id[s])
    }

    @Test func notTracedReasons() throws {
        let day = CivilDate(year: 2024, month: 6, day: 1)!
        let engine = try TraceFixture.engine()
        let noMaker = engine.trace(
            TraceRequest(requestDate: day, serial: "ABC123", manufacturer: "", recoveryDate: day)
        )
        #expect(noMaker.reason == .insufficientIdentifiers)
        #expect(noMaker.problems.contains { $0.field == "manufacturer" && $0.blocking })
        let noSerial = engine.trace(
            TraceRequest(requestDate: day, serial: "", manufacturer: "Glock", recoveryDate: day)
        )
        #expect(noSerial.reason == .insufficientIdentifiers)
        let gone = engine.trace(
            TraceRequest(
                requestDate: day,
                serial: "??????",
                serialObliterated: true,
                manufacturer: "Glock",
                recoveryDate: day
            )
        )
        #expect(gone.reason == .obliterated)
        let foreign = engine.trace(
            TraceRequest(requestDate: day, serial: "56X12345", manufacturer: "Norinco", recoveryDate: day)
        )
        #expect(foreign.reason == .foreignNotImported)
        #expect(foreign.sourceClass == .nonUS && foreign.sourceCountry == "CN")
        let old = engine.trace(
            TraceRequest(
                requestDate: day,
                serial: "123456",
                manufacturer: "Colt",
                model: "1911 A1",
                otherMarkings: "US PROPERTY 1943",
                recoveryDate: day
            )
        )
        #expect(old.reason == .tooOld)
        #expect(old.summary.contains("1943"))
        let none = engine.trace(
            TraceRequest(requestDate: day, serial: "QQQ999999999", manufacturer: "Smith & Wesson", recoveryDate: day)
        )
        #expect(none.reason == .noMatchingRecord)
    }

    @Test func indexStaysSmall() throws {
        let e = try TraceFixture.engine()
        let perRecord = Double(e.indexBytes) / Double(e.dataset.sales.count)
        #expect(perRecord < 64, "index \(perRecord) bytes per record")
    }
}
