import IronTraceCore
import IronTraceDataset
import IronTraceTracing
import Testing

/// A live server appends submitted traces to its engine instead of rebuilding it; the answers must be
/// the ones an engine built over the same data from scratch gives (a second server process, started
/// later, builds from scratch: both must agree).
@Suite struct LiveEngineTests {
    @Test func anEngineWithAppendedTracesAnswersAsOneBuiltFromScratch() throws {
        let d = try TraceFixture.dataset()
        let engine = try TraceFixture.engine()
        var requests: [TraceRequest] = []
        for damage in [TraceAccuracy.Damage.exact, .lost, .oneEdit, .transposition] {
            requests += TraceAccuracy.cases(d, damage: damage, limit: 40, seed: 31).map {
                var r = $0.request
                r.recoveryID = nil
                return r
            }
        }
        #expect(requests.count >= 120)
        // The first 60 are submitted: each becomes a new recovery and its trace.
        var next = d
        var recoveryID = (d.recoveries.id.max() ?? 0) + 1
        var traceID = (d.traces.id.max() ?? 0) + 1
        var completed = 0
        for r in requests.prefix(60) {
            let result = engine.trace(r)
            if result.outcome == .completedToPurchaser { completed += 1 }
            next.append(result.recoveryRecord(id: recoveryID))
            next.append(result.traceRecord(id: traceID, recoveryID: recoveryID))
            recoveryID += 1
            traceID += 1
        }
        #expect(completed > 20, "enough completed traces to change dealers' and purchasers' records")
        let live = engine.appending(tracesOf: next)
        let fresh = TraceEngine(dataset: next)
        var differing = 0
        var changed = 0
        for r in requests {
            let a = live.trace(r)
            let b = fresh.trace(r)
            let before = engine.trace(r)
            if "\(before.candidates)" != "\(b.candidates)" { changed += 1 }
            if a.outcome != b.outcome || a.summary != b.summary || "\(a.candidates)" != "\(b.candidates)" {
                differing += 1
            }
        }
        #expect(changed > 0, "the submitted traces change some answers (else this test shows nothing)")
        #expect(differing == 0, "\(differing) of \(requests.count) answers differ from a fresh build")
    }
}
