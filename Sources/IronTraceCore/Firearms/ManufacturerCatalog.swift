import Foundation

/// The catalog of firearm manufacturers and importers, and the resolution of the make strings that
/// dealers and recovering agencies write ("Sig Sauer/Sigarms Inc.", "S&W", "anderson mfg",
/// "Zastava Arms (C.A.I.)") to catalog firms.
///
/// Resolution never guesses: a string resolves through an alias, a part of a combined string, a
/// misspelling within a small edit distance of exactly one firm, or leading words that name
/// exactly one firm. Anything else is reported unresolved with its raw string.
public struct ManufacturerCatalog: Sendable {
    public let all: [Manufacturer]
    private let byKey: [String: Int]
    private let fuzzyKeys: [(key: [UInt8], id: Int)]

    /// The built-in catalog.
    public static let standard = ManufacturerCatalog(table: entryTable + "\n" + importerTable)

    public init(table: String) {
        var firms: [Manufacturer] = []
        var byKey: [String: Int] = [:]
        for line in table.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingASCIISpaces() }
            guard f.count == 4 else { continue }
            let id = firms.count
            firms.append(
                Manufacturer(id: id, name: f[0], country: f[1], makes: f[2].contains("M"), imports: f[2].contains("I"))
            )
            for alias in [f[0]] + f[3].split(separator: ";").map(String.init) {
                let k = ManufacturerCatalog.key(alias)
                if !k.isEmpty, byKey[k] == nil { byKey[k] = id }
            }
        }
        self.all = firms
        self.byKey = byKey
        self.fuzzyKeys = byKey.filter { $0.key.utf8.count >= 5 }.map { (Array($0.key.utf8), $0.value) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    public func named(_ name: String) -> Manufacturer? { byKey[ManufacturerCatalog.key(name)].map { all[$0] } }

    // MARK: Resolution

    public func resolve(_ raw: String) -> ManufacturerResolution {
        let trimmed = raw.trimmingASCIISpaces()
        let k = ManufacturerCatalog.key(trimmed)
        if k.isEmpty || ManufacturerCatalog.placeholders.contains(k) {
            return ManufacturerResolution(raw: raw, manufacturer: nil, importer: nil, method: .unresolved)
        }
        if let id = byKey[k] {
            return finish(raw, maker: all[id], importer: nil, method: .alias)
        }
        // Split off parenthesised parts and combined forms.
        var main = ""
        var parens: [String] = []
        var depth = 0
        var current = ""
        for ch in trimmed {
            if ch == "(" {
                if depth == 0 { main += current; current = "" } else { current.append(ch) }
                depth += 1
            } else if ch == ")" && depth > 0 {
                depth -= 1
                if depth == 0 { parens.append(current); current = "" } else { current.append(ch) }
            } else {
                current.append(ch)
            }
        }
        if depth > 0 { parens.append(current) } else { main += current }
        let mainParts = ManufacturerCatalog.splitCombined(main)
        var makers: [(Manufacturer, ManufacturerResolution.Method)] = []
        for part in mainParts {
            if let r = resolvePart(part) { makers.append(r) }
        }
        var partners: [Manufacturer] = []
        for p in parens {
            for part in ManufacturerCatalog.splitCombined(p) {
                if let r = resolvePart(part) { partners.append(r.0) }
            }
        }
        guard !makers.isEmpty || !partners.isEmpty else {
            return ManufacturerResolution(raw: raw, manufacturer: nil, importer: nil, method: .unresolved)
        }
        // The maker is the first named firm that makes guns; an import-only firm named beside it
        // (in the main part or in parentheses) is the importer.
        let named = makers.map(\.0) + partners
        let maker =
            makers.first(where: { !$0.0.isImporterOnly })?.0 ?? named.first(where: { !$0.isImporterOnly })
            ?? named[0]
        let importer =
            named.first { $0 != maker && $0.imports && maker.country != "US" }
            ?? named.first { $0 != maker && $0.isImporterOnly }
        let method: ManufacturerResolution.Method
        if mainParts.count > 1 || !parens.isEmpty {
            method = makers.allSatisfy({ $0.1 == .alias }) ? .combined : makers.first?.1 ?? .combined
        } else {
            method = makers.first?.1 ?? .combined
        }
        return finish(raw, maker: maker, importer: importer, method: method)
    }

    /// Resolves a make read with the model and type of the same record: a misspelling match that the
    /// model's design, the type or a country named in the make contradicts becomes ambiguous (with
    /// the candidates listed), and an importer named as the make of a foreign design (a Century
    /// Arms "Nagant", a PW Arms "P-64") is kept as importer, the design's maker as maker.
    public func resolve(_ raw: String, model: String?, type: FirearmType? = nil) -> ManufacturerResolution {
        let r = resolve(raw)
        let design = FirearmDesigns.design(model: model)
        let makeCountry = FirearmDesigns.country(inMake: raw)
        let designMakers = design.map { $0.makers.compactMap(named) } ?? []
        // The make string itself may be a design name ("Luger" is a spelling of "Ruger").
        let makeDesign = FirearmDesigns.design(model: raw)
        func pick(_ makers: [Manufacturer]) -> [Manufacturer] {
            guard let makeCountry else { return makers }
            let inCountry = makers.filter { $0.country == makeCountry }
            return inCountry.isEmpty ? makers : inCountry
        }
        guard let maker = r.manufacturer else {
            // A make that is only a design ("Luger", "Makarov") with no catalog match stays unresolved.
            return r
        }
        if r.isFuzzy {
            var conflict: String?
            var others: [Manufacturer] = []
            if let makeDesign, !makeDesign.makers.contains(maker.name) {
                conflict = "make '\(raw)' names the \(makeDesign.name) design, not \(maker.name)"
                others = pick(makeDesign.makers.compactMap(named))
            } else if let design, !design.makers.contains(maker.name) {
                conflict = "model '\(model ?? "")' is a \(design.name), not a \(maker.name)"
                others = pick(designMakers)
            } else if let makeCountry, maker.country != makeCountry, r.importer?.country != makeCountry {
                conflict = "make '\(raw)' names country \(makeCountry), \(maker.name) makes in \(maker.country)"
            } else if let type, type != .unknown, let only = FirearmDesigns.onlyTypes(of: maker.name),
                !only.contains(type)
            {
                conflict = "\(maker.name) makes no \(type.description)"
            }
            if let conflict {
                return ManufacturerResolution(
                    raw: raw,
                    manufacturer: nil,
                    importer: r.importer,
                    method: .ambiguous,
                    candidates: [maker] + others.filter { $0 != maker },
                    note: conflict
                )
            }
        }
        // Military surplus and other foreign designs under an importer's name.
        if let design, maker.imports, !design.makers.contains(maker.name) {
            let makers = pick(designMakers).filter { $0.country != maker.country }
            let note = "model '\(model ?? "")' is a \(design.name): \(maker.name) imported it"
            if makers.count == 1 {
                return ManufacturerResolution(
                    raw: raw,
                    manufacturer: makers[0],
                    importer: maker,
                    method: r.method,
                    note: note
                )
            }
            if makers.count > 1 {
                return ManufacturerResolution(
                    raw: raw,
                    manufacturer: nil,
                    importer: maker,
                    method: .ambiguous,
                    candidates: makers,
                    note: note + "; made by one of several firms"
                )
            }
        }
        return r
    }

    private func finish(
        _ raw: String,
        maker: Manufacturer,
        importer: Manufacturer?,
        method: ManufacturerResolution.Method
    ) -> ManufacturerResolution {
        ManufacturerResolution(raw: raw, manufacturer: maker, importer: importer, method: method)
    }

    private func resolvePart(_ part: String) -> (Manufacturer, ManufacturerResolution.Method)? {
        let k = ManufacturerCatalog.key(part)
        if k.isEmpty || ManufacturerCatalog.placeholders.contains(k) { return nil }
        if let id = byKey[k] { return (all[id], .alias) }
        if let id = spellingMatch(k) { return (all[id], .spelling) }
        // Leading words: the longest prefix of whole words that is a key of exactly one firm.
        let words = k.split(separator: " ")
        if words.count > 1 {
            for n in stride(from: words.count - 1, through: 1, by: -1) {
                let prefix = words[0..<n].joined(separator: " ")
                if n == 1 && prefix.count < 5 { break }
                if let id = byKey[prefix] { return (all[id], .leadingWords) }
                if prefix.count >= 8, let id = spellingMatch(prefix) { return (all[id], .spelling) }
            }
        }
        return nil
    }

    /// The single firm whose key is within the allowed edit distance: 1 for keys of 5-7
    /// characters, 2 for 8-13, 3 for longer. `nil` when none or more than one firm qualify at the
    /// best distance.
    private func spellingMatch(_ k: String) -> Int? {
        let q = Array(k.utf8)
        guard q.count >= 5 else { return nil }
        let limit = q.count < 8 ? 1 : (q.count < 14 ? 2 : 3)
        var best = limit + 1
        var bestIDs = Set<Int>()
        for (key, id) in fuzzyKeys {
            if abs(key.count - q.count) > limit { continue }
            let d = ManufacturerCatalog.damerauLevenshtein(q, key, limit: limit)
            if d < best {
                best = d
                bestIDs = [id]
            } else if d == best {
                bestIDs.insert(id)
            }
        }
        return best <= limit && bestIDs.count == 1 ? bestIDs.first : nil
    }

    // MARK: Keys

    /// Whether a make field states nothing ("", "NULL", "N/A", "unknown").
    public static func isPlaceholder(_ raw: String) -> Bool {
        let k = key(raw)
        return k.isEmpty || placeholders.contains(k)
    }

    static let placeholders: Set<String> = ["null", "na", "n a", "none", "unknown", "unk", "not available"]

    /// Words dropped from the end of a name: corporate forms and country tags.
    static let suffixWords: Set<String> = [
        "inc", "llc", "ltd", "co", "corp", "corporation", "company", "comp", "mfg", "mfc", "manufacturing",
        "manufacturer", "manufacture", "mnfr", "man", "industries", "industry", "intl", "international",
        "int", "usa", "us", "gmbh", "sa", "spa", "ag", "kg", "and", "of", "america", "the", "cia", "srl",
        "limited", "enterprises", "ges", "mbh", "sons", "son", "bros", "brothers",
    ]

    /// Normal key of a name: lower case, accents folded, `&` read as "and", apostrophes dropped,
    /// other punctuation as spaces, runs of single letters joined ("i w i" → "iwi"), and
    /// corporate suffixes removed from the end.
    public static func key(_ text: some StringProtocol) -> String {
        var cleaned = ""
        cleaned.reserveCapacity(text.utf8.count)
        for ch in text.lowercased() {
            let c = AreaName.foldAccent(ch)
            if c == "&" || c == "+" {
                cleaned += " and "
            } else if c == "'" || c == "’" || c == "`" || c == "\"" {
                continue
            } else if c.isLetter || c.isNumber {
                cleaned.append(c)
            } else {
                cleaned.append(" ")
            }
        }
        var tokens = cleaned.split(separator: " ").map(String.init)
        // Join runs of single letters: "c a i" → "cai", "s and w" stays (and is a word).
        var joined: [String] = []
        var run = ""
        for t in tokens {
            if t.count == 1, t.first!.isLetter {
                run += t
            } else {
                if !run.isEmpty { joined.append(run); run = "" }
                joined.append(t)
            }
        }
        if !run.isEmpty { joined.append(run) }
        tokens = joined
        if tokens.first == "the", tokens.count > 1 { tokens.removeFirst() }
        while tokens.count > 1, let last = tokens.last, suffixWords.contains(last) { tokens.removeLast() }
        return tokens.joined(separator: " ")
    }

    static func splitCombined(_ s: String) -> [String] {
        var parts: [String] = []
        for slashPart in s.split(whereSeparator: { $0 == "/" || $0 == "\\" || $0 == ";" }) {
            var rest = String(slashPart)
            while let r = rest.range(of: " or ", options: .caseInsensitive) {
                parts.append(String(rest[rest.startIndex..<r.lowerBound]))
                rest = String(rest[r.upperBound...])
            }
            parts.append(rest)
        }
        return parts.map { $0.trimmingASCIISpaces() }.filter { !$0.isEmpty }
    }

    /// Optimal-string-alignment distance with an early exit once every cell exceeds `limit`.
    static func damerauLevenshtein(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        let n = a.count
        let m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        var prev2 = [Int](repeating: 0, count: m + 1)
        var prev = Array(0...m)
        var cur = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            cur[0] = i
            var rowMin = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = Swift.min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = Swift.min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[m]
    }
}
