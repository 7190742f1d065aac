import IronTraceCore
import IronTraceDataset

/// The trace engine: resolves trace requests against the sales registry of a `Dataset`.
///
/// Candidates come from the ``SerialIndex`` (never a scan), each is verified and scored with named
/// components, and the outcome follows ATF's categories. Ambiguity is reported, never guessed: a
/// trace completes only when the best candidate is strong and clearly ahead of the next.
public struct TraceEngine: Sendable {
    public let dataset: Dataset
    public let serials: SerialStore
    public let index: SerialIndex
    private let licenseeRow: [Int64: Int]

    /// The score a candidate needs to complete a trace, and its lead over the runner-up.
    public static let completionScore = 70
    public static let completionMargin = 12

    public init(dataset: Dataset) {
        self.dataset = dataset
        serials = SerialStore(dataset: dataset)
        index = SerialIndex(serials: serials)
        var rows: [Int64: Int] = [:]
        rows.reserveCapacity(dataset.licensees.count)
        for (i, id) in dataset.licensees.id.enumerated() { rows[id] = i }
        licenseeRow = rows
    }

    /// Bytes held by the index structures (serial store and bucket tables), excluding the dataset.
    public var indexBytes: Int { index.bytes + serials.byteSize }

    public func trace(_ request: TraceRequest) -> TraceResult {
        let problems = request.validate()
        let resolution = ManufacturerCatalog.standard.resolve(request.manufacturer)
        var result = TraceResult(
            request: request,
            outcome: .notTraced,
            reason: nil,
            summary: "",
            problems: problems,
            manufacturer: resolution.manufacturer?.name ?? "",
            candidates: [],
            sale: nil,
            timeToCrimeDays: nil,
            sourceClass: .undetermined,
            sourceCountry: "",
            sourceState: ""
        )
        if let blocking = problems.first(where: \.blocking) {
            result.reason =
                request.serialObliterated && blocking.field == "serial" ? .obliterated : .insufficientIdentifiers
            result.summary = "cannot be traced as submitted: \(blocking)"
            return result
        }
        let serial = SerialNumber(request.serial)
        let query = Array(serial.normalized.utf8)
        let candidates = rank(query: query, request: request, maker: resolution.manufacturer)
        result.candidates = Array(candidates.prefix(5))
        let best = candidates.first
        let second = candidates.dropFirst().first

        if let best, best.score >= TraceEngine.completionScore,
            second.map({ best.score - $0.score >= TraceEngine.completionMargin }) ?? true
        {
            let facts = saleFacts(best.saleIndex)
            result.sale = facts
            result.outcome = facts.purchaserID == nil ? .completedToDealer : .completedToPurchaser
            result.timeToCrimeDays = request.recoveryDate.days(since: facts.date)
            result.sourceClass = .usSourced
            result.sourceCountry = "US"
            result.sourceState = facts.dealerState
            result.summary =
                "sale \(facts.saleID) by \(facts.dealerName) (\(facts.dealerState)) on \(facts.date): \(best.serialMatch.rawValue) serial, score \(best.score)"
                + (second.map { ", next best \($0.score)" } ?? "")
            return result
        }
        if let best, best.score >= TraceEngine.completionScore, let second {
            result.reason = .ambiguous
            result.summary =
                "ambiguous: \(candidates.filter { best.score - $0.score < TraceEngine.completionMargin }.count) candidates within \(TraceEngine.completionMargin) points (best \(best.score), next \(second.score))"
            return result
        }
        // No strong candidate.
        let country = resolution.manufacturer?.country ?? request.countryOfOrigin.uppercased()
        if !country.isEmpty, country != "US", request.importer.trimmingASCIISpaces().isEmpty, resolution.importer == nil
        {
            result.reason = .foreignNotImported
            result.sourceClass = .nonUS
            result.sourceCountry = country
            result.summary = "no US sale on record; made in \(country) with no US importer marked"
            return result
        }
        if serial.hasUnknownPositions || request.serialObliterated {
            result.reason = .obliterated
            result.summary =
                serial.knownCount * 2 < serial.normalized.count
                ? "obliterated beyond recovery: \(serial.knownCount) of \(serial.normalized.count) characters readable"
                : "no registry serial matches the readable characters with enough support"
            return result
        }
        result.reason = .noMatchingRecord
        result.summary =
            best.map { "no matching record (best candidate scored \($0.score), below \(TraceEngine.completionScore))" }
            ?? "no matching record"
        return result
    }

    func saleFacts(_ i: Int) -> TraceResult.SaleFacts {
        let d = dataset
        let lid = d.sales.licensee[i]
        let row = licenseeRow[lid]
        return TraceResult.SaleFacts(
            saleID: d.sales.id[i],
            date: CivilDate(dayNumber: d.sales.date[i]),
            licenseeID: lid,
            licence: row.map { d.strings[d.licensees.licence[$0]] } ?? "",
            dealerName: row.map { d.strings[d.licensees.name[$0]] } ?? "",
            dealerCity: row.map { d.strings[d.licensees.city[$0]] } ?? "",
            dealerState: row.map { d.strings[d.licensees.state[$0]] } ?? "",
            purchaserID: d.sales.purchaser[i] == 0 ? nil : d.sales.purchaser[i]
        )
    }

    // MARK: Candidates and scores

    func rank(query: [UInt8], request: TraceRequest, maker: Manufacturer?) -> [TraceCandidate] {
        var ids: [UInt32] = []
        var seen = Set<UInt32>()
        // An exact serial of the same maker settles the search; otherwise widen to one edit and
        // the readable segments.
        index.candidates(for: query, exactOnly: true, into: &ids, seen: &seen)
        let makerCode = maker.flatMap { dataset.strings.lookup($0.name) }
        let hasExact = ids.contains { i in
            serials[Int(i)].elementsEqual(query)
                && (makerCode == nil || dataset.sales.manufacturer[Int(i)] == makerCode)
        }
        if !hasExact { index.candidates(for: query, into: &ids, seen: &seen) }
        let ctx = RequestContext(request: request, makerCode: makerCode, dataset: dataset)
        var out: [TraceCandidate] = []
        for i in ids {
            if let c = score(Int(i), query: query, ctx: ctx) { out.append(c) }
        }
        out.sort { $0.score != $1.score ? $0.score > $1.score : $0.saleID < $1.saleID }
        return out
    }

    struct RequestContext {
        var makerCode: Int32?
        var modelKey: String
        var caliberCode: Int32?
        var caliberName: String
        var type: FirearmType?
        var recoveryDay: Int32

        init(request: TraceRequest, makerCode: Int32?, dataset: Dataset) {
            self.makerCode = makerCode
            modelKey = TraceEngine.modelKey(request.model)
            let cal =
                request.caliber.isEmpty
                ? nil
                : CaliberNormalizer.standard.resolve(
                    request.caliber,
                    model: request.model,
                    make: request.manufacturer,
                    type: FirearmType(parsing: request.type)
                ).caliber
            caliberName = cal?.name ?? ""
            caliberCode = cal.flatMap { dataset.strings.lookup($0.name) }
            type = request.type.isEmpty ? nil : FirearmType(parsing: request.type)
            recoveryDay = request.recoveryDate.dayNumber
        }
    }

    static func modelKey(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.lowercased().unicodeScalars.filter {
                    ($0.value >= 48 && $0.value <= 57) || ($0.value >= 97 && $0.value <= 122)
                }
            )
        )
    }

    func score(_ i: Int, query: [UInt8], ctx: RequestContext) -> TraceCandidate? {
        let d = dataset
        let candidate = serials[i]
        guard let (match, serialPoints, why) = TraceEngine.compareSerial(query, candidate) else { return nil }
        // A sale after the recovery is impossible.
        if d.sales.date[i] > ctx.recoveryDay { return nil }
        var parts = [ScoreComponent(name: "serial", points: serialPoints, reason: why)]
        if let m = ctx.makerCode {
            if d.sales.manufacturer[i] == m {
                parts.append(.init(name: "manufacturer", points: 25, reason: "same manufacturer"))
            } else {
                parts.append(
                    .init(
                        name: "manufacturer",
                        points: -40,
                        reason: "registry says \(d.strings[d.sales.manufacturer[i]])"
                    )
                )
            }
        } else {
            parts.append(.init(name: "manufacturer", points: 0, reason: "request manufacturer not resolved"))
        }
        if !ctx.modelKey.isEmpty {
            let mk = TraceEngine.modelKey(d.strings[d.sales.model[i]])
            if mk == ctx.modelKey {
                parts.append(.init(name: "model", points: 8, reason: "same model"))
            } else if !mk.isEmpty && (mk.contains(ctx.modelKey) || ctx.modelKey.contains(mk)) {
                parts.append(.init(name: "model", points: 4, reason: "model \(d.strings[d.sales.model[i]]) overlaps"))
            } else {
                parts.append(.init(name: "model", points: -4, reason: "registry model \(d.strings[d.sales.model[i]])"))
            }
        }
        if let c = ctx.caliberCode {
            if d.sales.caliber[i] == c {
                parts.append(.init(name: "caliber", points: 6, reason: "same caliber"))
            } else {
                parts.append(
                    .init(name: "caliber", points: -10, reason: "registry caliber \(d.strings[d.sales.caliber[i]])")
                )
            }
        } else if !ctx.caliberName.isEmpty {
            parts.append(.init(name: "caliber", points: -10, reason: "no registry sale in \(ctx.caliberName)"))
        }
        if let t = ctx.type, t != .unknown {
            let st = Dataset.firearmTypes[Int(d.sales.type[i])]
            if st == t {
                parts.append(.init(name: "type", points: 4, reason: "same type"))
            } else if st != .unknown, st.weaponClass != t.weaponClass {
                parts.append(.init(name: "type", points: -10, reason: "registry type \(st)"))
            }
        }
        let days = Int(ctx.recoveryDay - d.sales.date[i])
        parts.append(.init(name: "dates", points: 0, reason: "sold \(days) days before recovery"))
        return TraceCandidate(
            saleIndex: i,
            saleID: d.sales.id[i],
            serial: String(decoding: candidate, as: UTF8.self),
            serialMatch: match,
            score: parts.reduce(0) { $0 + $1.points },
            components: parts
        )
    }

    /// Compares a request serial (normal form, `?` for unknown positions) with a registry serial.
    static func compareSerial(_ q: [UInt8], _ c: ArraySlice<UInt8>) -> (SerialMatch, Int, String)? {
        let unknown = UInt8(ascii: "?")
        if q.contains(unknown) {
            guard q.count == c.count else { return nil }
            var u = 0
            for (a, b) in zip(q, c) {
                if a == unknown { u += 1 } else if a != b { return nil }
            }
            return (.pattern, 48 - 4 * u, "matches all \(q.count - u) readable characters, \(u) unknown")
        }
        if q.count == c.count {
            var diff = 0
            var confusable = 0
            for (a, b) in zip(q, c) where a != b {
                diff += 1
                if SerialNumber.areConfusable(a, b) { confusable += 1 }
            }
            if diff == 0 { return (.exact, 60, "exact serial") }
            if diff == confusable {
                return (
                    .confusable, 50 - 2 * diff,
                    "\(diff) confusable character\(diff > 1 ? "s" : "") (0/O, 1/I, 5/S, ...)"
                )
            }
            if diff == 1 { return (.oneEdit, 36, "one character differs") }
        }
        let dist = SerialNumber.editDistance(
            String(decoding: q, as: UTF8.self),
            String(decoding: c, as: UTF8.self),
            limit: 2
        )
        if dist == 1 { return (.oneEdit, 34, q.count < c.count ? "one character missing" : "one extra character") }
        if dist == 2 { return (.twoEdits, 12, "two characters differ") }
        return nil
    }
}
