import IronTraceCore
import IronTraceDataset

/// The trace engine: resolves trace requests against the sales registry of a `Dataset`.
///
/// Candidates come from the ``SerialIndex`` (never a scan), each is verified and scored with named
/// components, and the outcome follows ATF's categories. Ambiguity is reported, never guessed: a
/// trace completes only when the best candidate is strong and clearly ahead of the next.
public struct TraceEngine: Sendable {
    public private(set) var dataset: Dataset
    public let serials: SerialStore
    public let index: SerialIndex
    private let licenseeRow: [Int64: Int]
    /// Licensee rows by id when ids are dense (they are in every store): one array read per
    /// candidate on the hot path instead of a hash lookup. Empty when ids are sparse.
    private let denseLicenseeRow: [Int32]
    /// Model keys (lower-case letters and digits), and for each string code of the dataset the key's
    /// number (2 bytes per string, so model comparisons need no string work per candidate).
    private let modelKeyList: [String]
    private let modelKeyOfString: [UInt16]
    /// Points for the recovery's place and the dealer's trace record.
    private(set) var prior: SourcePrior

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
        let maxID = dataset.licensees.id.max() ?? 0
        if maxID >= 0, maxID <= Int64(4 * dataset.licensees.count + 1024) {
            var dense = [Int32](repeating: -1, count: Int(maxID) + 1)
            for (i, id) in dataset.licensees.id.enumerated() where id >= 0 { dense[Int(id)] = Int32(i) }
            denseLicenseeRow = dense
        } else {
            denseLicenseeRow = []
        }
        prior = SourcePrior(dataset: dataset, licenseeRow: rows)
        var list = [""]
        var numberOf: [String: UInt16] = ["": 0]
        var keyOf = [UInt16](repeating: 0, count: dataset.strings.count)
        for code in Set(dataset.sales.model).sorted() {
            let k = TraceEngine.modelKey(dataset.strings[code])
            if let n = numberOf[k] {
                keyOf[Int(code)] = n
            } else if list.count < Int(UInt16.max) {
                numberOf[k] = UInt16(list.count)
                keyOf[Int(code)] = UInt16(list.count)
                list.append(k)
            }
        }
        modelKeyList = list
        modelKeyOfString = keyOf
    }

    /// This engine over `d`: this engine's dataset with more recoveries and traces after its own rows
    /// (sales and licensees unchanged), as a live server appends submitted and imported traces. The
    /// serial indexes are shared; the trace records the scores read (a dealer's completed traces, a
    /// sale or purchaser already traced, a request's own trace) take in the new traces, so the
    /// engine answers as one built over `d` from scratch would.
    /// A dataset whose sales or licensees differ gets an engine built from scratch.
    public func appending(tracesOf d: Dataset) -> TraceEngine {
        guard d.sales.count == dataset.sales.count, d.licensees.count == dataset.licensees.count,
            d.traces.count >= dataset.traces.count
        else { return TraceEngine(dataset: d) }
        var next = self
        next.prior = prior.appending(traces: dataset.traces.count..<d.traces.count, of: d, licenseeRow: licenseeRow)
        next.dataset = d
        return next
    }

    /// Bytes held by the index structures (serial store and bucket tables), excluding the dataset.
    public var indexBytes: Int {
        index.bytes + serials.byteSize + modelKeyOfString.count * 2 + prior.bytes + denseLicenseeRow.count * 4
    }

    /// The licensee row of a licensee id, if the registry has it.
    @inline(__always)
    func row(ofLicensee id: Int64) -> Int? {
        if !denseLicenseeRow.isEmpty {
            guard id >= 0, id < Int64(denseLicenseeRow.count) else { return nil }
            let r = denseLicenseeRow[Int(id)]
            return r < 0 ? nil : Int(r)
        }
        return licenseeRow[id]
    }

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
        let (candidates, crowd) = rank(query: query, request: request, maker: resolution.manufacturer)
        result.candidates = candidates
        let best = candidates.first
        let second = candidates.dropFirst().first

        let lead = TraceEngine.requiredLead(crowd: crowd)
        if let best, best.score >= TraceEngine.completionScore,
            second.map({ best.score - $0.score >= lead }) ?? true
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
                + (crowd > 0
                    ? "; \(crowd) other real serial\(crowd > 1 ? "s" : "") one misread away, lead \(lead) needed" : "")
            return result
        }
        if let best, best.score >= TraceEngine.completionScore, let second {
            result.reason = .ambiguous
            let close = candidates.filter { best.score - $0.score < lead }
            result.summary =
                "ambiguous: \(close.count) candidates within \(lead) points (best \(best.score), next \(second.score))"
                + (crowd > 0
                    ? "; crowded: \(crowd) other real serial\(crowd > 1 ? "s" : "") one misread from what was read"
                    : "")
                + ": "
                + close.prefix(5).map { "sale \($0.saleID) \($0.serial) (\($0.serialMatch.rawValue), \($0.score))" }
                .joined(separator: ", ")
            return result
        }
        // No strong candidate.
        if let year = TraceEngine.markedYear(request.otherMarkings), year <= 1968 {
            result.reason = .tooOld
            result.summary =
                "marked \(year): made before the Gun Control Act of 1968 required serials and dealer records; too old to trace"
            return result
        }
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

    /// The lead over the runner-up needed to complete: the base margin when no other real serial is
    /// one misread away; otherwise more than an exact serial's lead over a single misread with the
    /// same markings (60 - 36 = 24), growing with the crowd, so only what the request carries beyond
    /// the serial (model, caliber, type, dates, place) can settle a crowded neighbourhood.
    static func requiredLead(crowd: Int) -> Int {
        crowd == 0 ? completionMargin : 26 + 4 * min(crowd - 1, 4)
    }

    /// The earliest plausible year of manufacture written in the markings ("MFD 1943", "1911 A1 1944"),
    /// or nil. Only four-digit numbers from 1850 to 2030 count.
    static func markedYear(_ markings: String) -> Int? {
        var years: [Int] = []
        var digits = ""
        for ch in markings + " " {
            if ch.isASCII && ch.isNumber {
                digits.append(ch)
            } else {
                if digits.count == 4, let y = Int(digits), (1850...2030).contains(y) { years.append(y) }
                digits = ""
            }
        }
        // A model number such as "1911" is not a date when another year is written; prefer the latest.
        return years.max()
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

    /// The sale indices the index offers for a serial as read (unverified, may repeat): the bucket
    /// of an obliterated serial's pattern, or the whole neighbourhood of single misreads.
    func candidateIndices(query: [UInt8]) -> [UInt32] {
        var ids: [UInt32] = []
        if query.contains(UInt8(ascii: "?")) {
            index.candidates(for: query, sameLengthOnly: true, into: &ids)
            serials.filter(&ids, pattern: query)
        } else {
            index.candidates(for: query, sameLengthOnly: false, into: &ids)
        }
        ids.sort()
        var previous: UInt32 = .max
        ids.removeAll { i in
            defer { previous = i }
            return i == previous
        }
        return ids
    }

    /// How many other sales the request cannot tell from the sale at `saleIndex` by the serial and
    /// the gun's markings: a serial relation worth at least as many points, the same maker, model,
    /// caliber and type, and sold before the recovery. Only what lies beyond the gun (the recovery's
    /// place, the dealer's and purchaser's records) can separate them, so with k rivals no ranking
    /// on the serial and markings alone does better than 1 in k + 1.
    public func rivals(of request: TraceRequest, saleIndex t: Int) -> Int {
        let d = dataset
        let query = Array(SerialNumber(request.serial).normalized.utf8)
        guard t >= 0, t < d.sales.count, let own = TraceEngine.compareSerial(query, serials[t])?.1 else { return 0 }
        let recoveryDay = request.recoveryDate.dayNumber
        let model = modelKeyOfString[Int(d.sales.model[t])]
        var count = 0
        for i in candidateIndices(query: query).lazy.map({ Int($0) }) where i != t {
            guard d.sales.manufacturer[i] == d.sales.manufacturer[t], modelKeyOfString[Int(d.sales.model[i])] == model,
                d.sales.caliber[i] == d.sales.caliber[t], d.sales.type[i] == d.sales.type[t],
                d.sales.date[i] <= recoveryDay, let points = TraceEngine.compareSerial(query, serials[i])?.1,
                points >= own
            else { continue }
            count += 1
        }
        return count
    }

    /// The best five candidates, explained, and the crowd: how many other candidates of the maker (or
    /// of any maker when the request's is unknown) are a single misread of the serial as read.
    func rank(query: [UInt8], request: TraceRequest, maker: Manufacturer?) -> ([TraceCandidate], Int) {
        let makerCode = maker.flatMap { dataset.strings.lookup($0.name) }
        let ctx = RequestContext(
            request: request,
            makerCode: makerCode,
            dataset: dataset,
            prior: prior,
            licenseeRow: licenseeRow
        )
        // An obliterated serial: one bucket holds every possible match, kept when it fits the pattern.
        // Otherwise always the whole neighbourhood of single misreads, even with an exact match: another
        // real serial one misread away is what makes an exact-looking request ambiguous.
        let ids = candidateIndices(query: query)
        // First pass: numbers only, no strings; keep the best few.
        var scored: [(score: Int, index: Int, match: SerialMatch, single: Bool)] = []
        for i in ids {
            if let q = quickScore(Int(i), query: query, ctx: ctx) { scored.append((q.0, Int(i), q.1, q.2)) }
        }
        let saleIDs = dataset.sales.id
        scored.sort { $0.score != $1.score ? $0.score > $1.score : saleIDs[$0.index] < saleIDs[$1.index] }
        let crowd = scored.dropFirst().count { $0.single }
        // A loop, not a closure: a closure would capture (copy) the whole engine and its columns.
        var best: [TraceCandidate] = []
        for c in scored.prefix(5) { best.append(explain(c.index, query: query, ctx: ctx, match: c.match)) }
        return (best, crowd)
    }

    /// The candidate's score without its explanation (the hot path).
    @inline(__always)
    func quickScore(_ i: Int, query: [UInt8], ctx: RequestContext) -> (Int, SerialMatch, Bool)? {
        let d = dataset
        guard let (match, points) = TraceEngine.compareSerial(query, serials[i]) else { return nil }
        if d.sales.date[i] > ctx.recoveryDay { return nil }
        var score = points + TraceEngine.gapPoints(Int(ctx.recoveryDay - d.sales.date[i]))
        if let row = row(ofLicensee: d.sales.licensee[i]) {
            score += prior.points(
                key: ctx.placeKey,
                row: row,
                sale: i,
                id: d.sales.id[i],
                purchaser: d.sales.purchaser[i],
                own: ctx.ownTrace
            )
        }
        if let m = ctx.makerCode { score += d.sales.manufacturer[i] == m ? 25 : -40 }
        if !ctx.modelKey.isEmpty {
            let mk = modelKeyList[Int(modelKeyOfString[Int(d.sales.model[i])])]
            score +=
                mk == ctx.modelKey
                ? 8 : (!mk.isEmpty && (mk.contains(ctx.modelKey) || ctx.modelKey.contains(mk)) ? 4 : -4)
        }
        if let c = ctx.caliberCode {
            score += d.sales.caliber[i] == c ? 6 : -10
        } else if !ctx.caliberName.isEmpty {
            score -= 10
        }
        if let t = ctx.type, t != .unknown {
            let st = Dataset.firearmTypes[Int(d.sales.type[i])]
            if st == t { score += 4 } else if st != .unknown, st.weaponClass != t.weaponClass { score -= 10 }
        }
        let single =
            points >= SerialMisread.singleMisreadPoints && (ctx.makerCode.map { d.sales.manufacturer[i] == $0 } ?? true)
        return (score, match, single)
    }

    struct RequestContext {
        var makerCode: Int32?
        var modelKey: String
        var caliberCode: Int32?
        var caliberName: String
        var type: FirearmType?
        var recoveryDay: Int32
        /// The recovery's key in the source prior (a US state, or Mexico), if known.
        var placeKey: Int?
        /// The request's recovery's own stored trace, left out of the record counts.
        var ownTrace: SourcePrior.OwnTrace?

        init(
            request: TraceRequest,
            makerCode: Int32?,
            dataset: Dataset,
            prior: SourcePrior,
            licenseeRow: [Int64: Int]
        ) {
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
            placeKey = prior.key(country: request.recoveryCountry, area: request.recoveryArea)
            ownTrace = prior.ownTrace(recoveryID: request.recoveryID, dataset: dataset, licenseeRow: licenseeRow)
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

    /// The candidate with every score component named and explained (for the best few only).
    func explain(_ i: Int, query: [UInt8], ctx: RequestContext, match: SerialMatch) -> TraceCandidate {
        let d = dataset
        let candidate = serials[i]
        let serialPoints = TraceEngine.compareSerial(query, candidate)!.1
        var parts = [
            ScoreComponent(
                name: "serial",
                points: serialPoints,
                reason: SerialMisread.reason(match, query, candidate)
            )
        ]
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
            let mk = modelKeyList[Int(modelKeyOfString[Int(d.sales.model[i])])]
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
        let gap = TraceEngine.gapPoints(days)
        parts.append(
            .init(
                name: "dates",
                points: gap,
                reason: "sold \(days) days before recovery" + (gap < 0 ? " (a long gap is less likely)" : "")
            )
        )
        if let row = row(ofLicensee: d.sales.licensee[i]) {
            let own = ctx.ownTrace
            var record: [ScoreComponent] = []
            if let key = ctx.placeKey {
                record.append(
                    .init(
                        name: "place",
                        points: prior.place(key: key, row: row),
                        reason: prior.placeReason(key: key, row: row)
                    )
                )
            }
            record.append(
                .init(
                    name: "dealer",
                    points: prior.dealer(row: row, ownRow: own?.licenseeRow),
                    reason: prior.dealerReason(row: row, ownRow: own?.licenseeRow)
                )
            )
            let others = prior.purchaserOtherTraces(sale: i, purchaser: d.sales.purchaser[i], own: own)
            if others > 0 {
                record.append(
                    .init(
                        name: "purchaser",
                        points: prior.purchaser(sale: i, purchaser: d.sales.purchaser[i], own: own),
                        reason:
                            "purchaser has \(others)\(others >= 3 ? " or more" : "") other gun\(others == 1 ? "" : "s") traced to crime"
                    )
                )
            }
            if prior.tracedElsewhere(sale: i, id: d.sales.id[i], own: own) {
                record.append(
                    .init(
                        name: "traced",
                        points: SourcePrior.alreadyTracedPoints,
                        reason: "this sale's gun is already traced to another recovery"
                    )
                )
            }
            let sum = record.reduce(0) { $0 + $1.points }
            let held = min(max(sum, SourcePrior.totalRange.lowerBound), SourcePrior.totalRange.upperBound)
            if held != sum {
                record.append(
                    .init(
                        name: "limit",
                        points: held - sum,
                        reason:
                            "place and record held within \(SourcePrior.totalRange.lowerBound)...+\(SourcePrior.totalRange.upperBound) points"
                    )
                )
            }
            parts += record
        }
        return TraceCandidate(
            saleIndex: i,
            saleID: d.sales.id[i],
            serial: String(decoding: candidate, as: UTF8.self),
            serialMatch: match,
            score: parts.reduce(0) { $0 + $1.points },
            components: parts
        )
    }

    /// Points for the time from sale to recovery: none within ten years, fewer beyond (time-to-crime
    /// is rarely that long; ATF's median for crime guns is a few years).
    @inline(__always)
    static func gapPoints(_ days: Int) -> Int { days > 7305 ? -6 : (days > 3652 ? -3 : 0) }

    /// Compares a request serial (normal form, `?` for unknown positions) with a registry serial, on
    /// bytes, through the misread model: the match kind and its points, or nil beyond two edits.
    @inline(__always)
    static func compareSerial(_ q: [UInt8], _ c: ArraySlice<UInt8>) -> (SerialMatch, Int)? {
        SerialMisread.compare(q, c)
    }

    /// Levenshtein distance on bytes, giving up (returning limit + 1) beyond the limit.
    static func boundedDistance(_ a: [UInt8], _ b: ArraySlice<UInt8>, limit: Int) -> Int {
        let n = a.count
        let m = b.count
        if n == 0 || m == 0 { return max(n, m) }
        let base = b.startIndex
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (m + 1)) { buf in
            var prev = UnsafeMutableBufferPointer(rebasing: buf[0...m])
            var cur = UnsafeMutableBufferPointer(rebasing: buf[(m + 1)...])
            for j in 0...m { prev[j] = j }
            for i in 1...n {
                cur[0] = i
                var rowMin = i
                for j in 1...m {
                    let cost = a[i - 1] == b[base + j - 1] ? 0 : 1
                    let v = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    cur[j] = v
                    if v < rowMin { rowMin = v }
                }
                if rowMin > limit { return limit + 1 }
                swap(&prev, &cur)
            }
            return prev[m]
        }
    }
}
