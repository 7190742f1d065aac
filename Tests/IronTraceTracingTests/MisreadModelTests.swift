import IronTraceCore
import IronTraceDataset
import Testing

@testable import IronTraceTracing

/// Each misread kind: the index finds the right sale among its candidates (no scan), the comparison
/// names the misread, and the explanation says it in words.
@Suite struct MisreadModelTests {
    /// Sales of the tiny world with serials long enough to damage every way, spread over the registry.
    func sales(_ d: Dataset, count: Int = 200) -> [Int] {
        var out: [Int] = []
        var i = 7
        while out.count < count && i < d.sales.count {
            if d.strings[d.sales.serial[i]].utf8.count >= 6 { out.append(i) }
            i += 97
        }
        return out
    }

    /// Damages every sampled serial with `damage`, and checks that the index returns the sale and
    /// the comparison classifies the damage as `kind`. Returns how many were checked.
    func check(
        _ kind: SerialMatch,
        reason: String,
        atLeast minimum: Int = 100,
        _ damage: ([UInt8], Int) -> [UInt8]?
    ) throws -> Int {
        let engine = try TraceFixture.engine()
        let d = engine.dataset
        var checked = 0
        for (k, s) in sales(d).enumerated() {
            let serial = Array(d.strings[d.sales.serial[s]].utf8)
            guard let q = damage(serial, k), q != serial else { continue }
            var ids: [UInt32] = []
            engine.index.candidates(for: q, sameLengthOnly: false, into: &ids)
            #expect(ids.contains(UInt32(s)), "\(kind): \(String(decoding: q, as: UTF8.self)) misses sale \(s)")
            let match = SerialMisread.compare(q, serial[...])
            #expect(
                match?.0 == kind,
                "\(String(decoding: q, as: UTF8.self)) vs \(String(decoding: serial, as: UTF8.self)): \(String(describing: match))"
            )
            if let match {
                #expect(SerialMisread.reason(match.0, q, serial[...]).contains(reason))
            }
            checked += 1
        }
        #expect(checked >= minimum, "\(kind): only \(checked) serials checked")
        return checked
    }

    @Test func adjacentTranspositionAtEveryPositionIncludingSegmentBoundaries() throws {
        _ = try check(.transposition, reason: "swapped") { s, k in
            var q = s
            let p = k % (s.count - 1)
            guard !SerialNumber.areConfusable(q[p], q[p + 1]) else { return nil }
            q.swapAt(p, p + 1)
            return q
        }
    }

    @Test func confusableCharacter() throws {
        let swaps: [UInt8: UInt8] = [48: 79, 79: 48, 49: 73, 73: 49, 53: 83, 83: 53, 56: 66, 66: 56]
        _ = try check(.confusable, reason: "confusable") { s, _ in
            guard let p = s.indices.first(where: { swaps[s[$0]] != nil }) else { return nil }
            var q = s
            q[p] = swaps[s[p]]!
            return q
        }
    }

    @Test func doubledCharacter() throws {
        _ = try check(.doubled, reason: "doubled") { s, k in
            var q = s
            let p = k % s.count
            q.insert(s[p], at: p)
            return q
        }
    }

    @Test func lostCharacterOfAPair() throws {
        _ = try check(.lost, reason: "lost", atLeast: 20) { s, _ in
            guard let p = (1..<s.count).first(where: { s[$0] == s[$0 - 1] }) else { return nil }
            var q = s
            q.remove(at: p)
            return q
        }
    }

    @Test func characterAddedOrLostAtEitherEnd() throws {
        _ = try check(.endChange, reason: "added at one end") { s, k in
            let extra = UInt8(ascii: "X")
            guard s.first != extra, s.last != extra else { return nil }
            return k % 2 == 0 ? [extra] + s : s + [extra]
        }
        _ = try check(.endChange, reason: "lost at one end") { s, k in
            if k % 2 == 0 {
                guard s[0] != s[1] else { return nil }
                return Array(s.dropFirst())
            }
            guard s[s.count - 1] != s[s.count - 2] else { return nil }
            return Array(s.dropLast())
        }
    }

    @Test func otherSingleSubstitution() throws {
        _ = try check(.oneEdit, reason: "one character differs") { s, k in
            var q = s
            let p = k % s.count
            let c = UInt8(ascii: "X")
            guard !SerialNumber.areConfusable(c, s[p]) else { return nil }
            q[p] = c
            return q
        }
    }

    @Test func separatorsAndCaseAreTheSameSerial() throws {
        let engine = try TraceFixture.engine()
        let d = engine.dataset
        for s in sales(d, count: 50) {
            let serial = d.strings[d.sales.serial[s]]
            let typed = serial.lowercased().enumerated().map { $0.offset == 2 ? "-\($0.element)" : "\($0.element)" }
                .joined()
            let q = Array(SerialNumber(typed).normalized.utf8)
            #expect(q == Array(serial.utf8), "\(typed)")
            var ids: [UInt32] = []
            engine.index.candidates(for: q, sameLengthOnly: false, into: &ids)
            #expect(ids.contains(UInt32(s)))
        }
    }

    @Test func twoUnknownPositions() throws {
        let engine = try TraceFixture.engine()
        let d = engine.dataset
        for (k, s) in sales(d).enumerated() {
            var q = Array(d.strings[d.sales.serial[s]].utf8)
            q[k % q.count] = UInt8(ascii: "?")
            q[(k + 3) % q.count] = UInt8(ascii: "?")
            var ids: [UInt32] = []
            engine.index.candidates(for: q, sameLengthOnly: true, into: &ids)
            #expect(ids.contains(UInt32(s)))
            #expect(SerialMisread.compare(q, Array(d.strings[d.sales.serial[s]].utf8)[...])?.0 == .pattern)
        }
    }

    @Test func anExactSerialWithAnotherRealSerialOneMisreadAwayNeedsALargerLead() {
        #expect(TraceEngine.requiredLead(crowd: 0) == TraceEngine.completionMargin)
        // More than an exact serial's lead over a single misread with the same markings.
        #expect(TraceEngine.requiredLead(crowd: 1) > SerialMisread.exactPoints - SerialMisread.substitutionPoints)
        #expect(TraceEngine.requiredLead(crowd: 3) > TraceEngine.requiredLead(crowd: 1))
    }

    @Test func nonASCIISerialIsKeptAndFlagged() throws {
        let s = SerialNumber("ÑÁ123é")
        #expect(s.normalized == "ÑÁ123É")
        #expect(s.foreignCharacters.map(String.init) == ["Ñ", "Á", "é"])
        let day = CivilDate(year: 2024, month: 6, day: 1)!
        let r = try TraceFixture.engine().trace(
            TraceRequest(requestDate: day, serial: "ÑÁ123é", manufacturer: "Glock", recoveryDate: day)
        )
        #expect(
            r.problems.contains {
                $0.reason.contains("serial contains characters that do not occur on US serial numbers: Ñ, Á, é")
            }
        )
        #expect(!r.outcome.isCompleted)
        #expect(r.candidates.allSatisfy { $0.serial.contains("123") == false || $0.serialMatch != .exact })
    }
}

/// Short serials (old guns, some imports): a swap of two adjacent characters is found at every
/// position, down to three characters, where no edit key survives either swap.
@Suite struct ShortSerialTranspositionTests {
    @Test(arguments: ["A1B", "7K2Q", "X93PZ"])
    func everySwapOfAShortSerialFindsIt(_ serial: String) {
        // A registry large enough that buckets hold little beyond their key (in a tiny one every
        // probe returns nearly everything).
        var x: UInt64 = 88_172_645_463_325_252
        let alphabet = Array("ABCDEFGHJKLMNPRTUVWXYZ0123456789".utf8)
        let others = (0..<20_000).map { k in
            String(
                decoding: (0..<(3 + k % 5)).map { _ in
                    x ^= x << 13
                    x ^= x >> 7
                    x ^= x << 17
                    return alphabet[Int(x % UInt64(alphabet.count))]
                },
                as: UTF8.self
            )
        }
        let store = SerialStore(others + [serial])
        let index = SerialIndex(serials: store)
        let bytes = Array(serial.utf8)
        for p in 0..<(bytes.count - 1) {
            var q = bytes
            q.swapAt(p, p + 1)
            var ids: [UInt32] = []
            index.candidates(for: q, sameLengthOnly: false, into: &ids)
            #expect(ids.contains(UInt32(others.count)), "\(String(decoding: q, as: UTF8.self)) misses \(serial)")
        }
    }
}
