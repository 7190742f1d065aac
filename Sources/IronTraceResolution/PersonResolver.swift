import Foundation
import IronTraceCore

/// A person as one record names them: the fields as typed by a dealer or an agent.
public struct PersonRecord: Sendable, Hashable {
    public var id: Int64
    public var lastName: String
    public var firstName: String
    public var birthDate: CivilDate?
    public var street: String
    public var city: String
    public var state: String
    public var zip: String
    public var phone: String

    public init(
        id: Int64,
        lastName: String,
        firstName: String,
        birthDate: CivilDate?,
        street: String,
        city: String,
        state: String,
        zip: String,
        phone: String
    ) {
        self.id = id
        self.lastName = lastName
        self.firstName = firstName
        self.birthDate = birthDate
        self.street = street
        self.city = city
        self.state = state
        self.zip = zip
        self.phone = phone
    }

    public init(_ p: Person) {
        self.init(
            id: p.id,
            lastName: p.pii.lastName,
            firstName: p.pii.firstName,
            birthDate: p.pii.birthDate,
            street: p.pii.street,
            city: p.pii.city,
            state: p.pii.state,
            zip: p.pii.zip,
            phone: p.pii.phone
        )
    }
}

/// Which records name the same person: candidate pairs from blocking keys (no comparison of every
/// pair), each scored by explained comparisons of name, birth date, address and phone, merged
/// above ``Thresholds/merge`` and queued for an analyst between ``Thresholds/review`` and it. An
/// analyst's decisions (same / different) override the scores.
public struct PersonResolver: Sendable {
    public struct Thresholds: Sendable {
        public var merge = 0.8
        public var review = 0.7
        public init() {}
    }

    /// One field's comparison: how much it agreed (0 to 1, or nil when a side is blank), its weight,
    /// and what was seen, in words.
    public struct Comparison: Sendable, Hashable {
        public var field: String
        public var agreement: Double?
        public var weight: Double
        public var note: String
    }

    public struct Pair: Sendable, Hashable {
        public var a: Int64
        public var b: Int64
        public var score: Double
        public var comparisons: [Comparison]
    }

    /// An analyst's ruling on a pair.
    public struct Decision: Sendable, Hashable {
        public var a: Int64
        public var b: Int64
        public var same: Bool
        public init(a: Int64, b: Int64, same: Bool) {
            self.a = a
            self.b = b
            self.same = same
        }
    }

    public struct Result: Sendable {
        /// Each record's entity: the smallest record id of its cluster.
        public var entity: [Int64: Int64]
        public var merged: [Pair]
        /// Pairs in the uncertain band, highest score first, for an analyst.
        public var review: [Pair]
        public var candidatePairs: Int
        /// Blocks larger than ``PersonResolver/maxBlock`` are not compared within (a very common name
        /// and birth year): how many records that left to the other keys.
        public var skippedBlocks: Int
        public var clusters: Int { Set(entity.values).count }
    }

    public var thresholds = Thresholds()
    /// Records sharing one blocking key beyond this are not paired by that key.
    public static let maxBlock = 200

    public init() {}

    // MARK: Normal forms

    /// Upper case, accents folded, letters, digits and spaces only.
    static func fold(_ s: String) -> String {
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
        var out = ""
        var space = false
        for ch in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch) && ch.isASCII {
                out.unicodeScalars.append(ch)
                space = false
            } else if !space && !out.isEmpty {
                out.append(" ")
                space = true
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// The name tokens of a record, whatever field they were typed in ("GARCIA, JOSE" in the last
    /// name, "Jose A. Garcia" in one field): every token of both fields, suffixes dropped.
    static func nameTokens(_ r: PersonRecord) -> [String] {
        let suffixes: Set<String> = ["JR", "SR", "II", "III", "IV"]
        return (fold(r.lastName) + " " + fold(r.firstName)).split(separator: " ").map(String.init).filter {
            !suffixes.contains($0)
        }
    }

    static let unitWords: Set<String> = ["APT", "APARTMENT", "UNIT", "STE", "SUITE", "NO", "NUMBER", "TRLR", "LOT"]

    /// The street as number and words, abbreviations standardised, the unit dropped:
    /// "123 North Main Street Apt 4" and "123 N Main St" are both "123 N MAIN ST".
    public static func street(_ s: String) -> String {
        var words: [String] = []
        var skipNext = false
        for w in fold(s).split(separator: " ").map(String.init) {
            if skipNext {
                skipNext = false
                continue
            }
            if unitWords.contains(w) {
                skipNext = true
                continue
            }
            words.append(StreetAddress.standardWords[w] ?? w)
        }
        return words.joined(separator: " ")
    }

    static func digits(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0.isASCII && CharacterSet.decimalDigits.contains($0) })
    }

    /// American Soundex of a folded name (R163 for ROBERT): the blocking key of surnames typed with
    /// a letter wrong.
    public static func soundex(_ name: String) -> String {
        let codes: [Character: Character] = [
            "B": "1", "F": "1", "P": "1", "V": "1", "C": "2", "G": "2", "J": "2", "K": "2", "Q": "2", "S": "2",
            "X": "2",
            "Z": "2", "D": "3", "T": "3", "L": "4", "M": "5", "N": "5", "R": "6",
        ]
        let letters = name.filter { $0.isLetter }
        guard let first = letters.first else { return "" }
        var out = String(first)
        var last = codes[first]
        for ch in letters.dropFirst() {
            let code = codes[ch]
            if let code, code != last { out.append(code) }
            if ch != "H" && ch != "W" { last = code }
            if out.count == 4 { break }
        }
        return out.padding(toLength: 4, withPad: "0", startingAt: 0)
    }

    /// Jaro-Winkler similarity of two strings (1 the same, 0 nothing in common).
    public static func jaroWinkler(_ a: String, _ b: String) -> Double {
        let s = Array(a.utf8)
        let t = Array(b.utf8)
        if s.isEmpty || t.isEmpty { return 0 }
        if s == t { return 1 }
        let window = max(0, max(s.count, t.count) / 2 - 1)
        var sMatch = [Bool](repeating: false, count: s.count)
        var tMatch = [Bool](repeating: false, count: t.count)
        var matches = 0
        for i in 0..<s.count {
            let lo = max(0, i - window)
            let hi = min(t.count - 1, i + window)
            guard lo <= hi else { continue }
            for j in lo...hi where !tMatch[j] && s[i] == t[j] {
                sMatch[i] = true
                tMatch[j] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var k = 0
        var transpositions = 0
        for i in 0..<s.count where sMatch[i] {
            while !tMatch[k] { k += 1 }
            if s[i] != t[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, s.count, t.count) && s[prefix] == t[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    // MARK: Comparisons

    /// Names: every token of the shorter name matched to its best token of the other (an initial
    /// matches a name it begins), the surname-like longest tokens counting most.
    static func compareNames(_ a: [String], _ b: [String]) -> Comparison {
        guard !a.isEmpty, !b.isEmpty else {
            return Comparison(field: "name", agreement: nil, weight: 0.4, note: "blank")
        }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var total = 0.0
        var weights = 0.0
        for tok in short {
            let w = tok.count == 1 ? 0.3 : Double(tok.count)
            var best = 0.0
            for other in long {
                let sim: Double
                if tok.count == 1 || other.count == 1 {
                    sim = tok.first == other.first ? 0.9 : 0
                } else {
                    sim = jaroWinkler(tok, other)
                }
                best = max(best, sim)
            }
            total += w * best
            weights += w
        }
        let agreement = weights > 0 ? total / weights : 0
        let note =
            agreement >= 0.999
            ? "same name"
            : agreement >= 0.9
                ? "names alike (spelling, initials or order)"
                : agreement >= 0.75 ? "names partly alike" : "names differ"
        return Comparison(field: "name", agreement: agreement, weight: 0.4, note: note)
    }

    static func compareBirthDates(_ a: CivilDate?, _ b: CivilDate?) -> Comparison {
        guard let a, let b else { return Comparison(field: "birth date", agreement: nil, weight: 0.3, note: "blank") }
        if a == b { return Comparison(field: "birth date", agreement: 1, weight: 0.3, note: "same birth date") }
        if a.year == b.year && a.month == b.day && a.day == b.month {
            return Comparison(field: "birth date", agreement: 0.9, weight: 0.3, note: "day and month swapped")
        }
        if a.year == b.year && a.month == b.month {
            return Comparison(field: "birth date", agreement: 0.6, weight: 0.3, note: "same month, day differs")
        }
        if a.month == b.month && a.day == b.day && abs(a.year - b.year) <= 10 {
            return Comparison(field: "birth date", agreement: 0.6, weight: 0.3, note: "year differs")
        }
        return Comparison(field: "birth date", agreement: 0, weight: 0.3, note: "different birth dates")
    }

    /// What the comparisons read of a record, in normal form, made once per record.
    struct Features: Sendable {
        let id: Int64
        let tokens: [String]
        let birth: CivilDate?
        let street: String
        let zip: String
        let city: String
        let phone: String

        init(_ r: PersonRecord) {
            id = r.id
            tokens = PersonResolver.nameTokens(r)
            birth = r.birthDate
            street = PersonResolver.street(r.street)
            zip = String(PersonResolver.digits(r.zip).prefix(5))
            city = PersonResolver.fold(r.city)
            phone = String(PersonResolver.digits(r.phone).suffix(10))
        }
    }

    static func compareAddresses(_ a: Features, _ b: Features) -> Comparison {
        let sa = a.street
        let sb = b.street
        guard !sa.isEmpty, !sb.isEmpty else {
            return Comparison(field: "address", agreement: nil, weight: 0.2, note: "blank")
        }
        let zipSame = a.zip == b.zip && !a.zip.isEmpty
        if sa == sb && zipSame { return Comparison(field: "address", agreement: 1, weight: 0.2, note: "same address") }
        let numberA = sa.split(separator: " ").first
        let numberB = sb.split(separator: " ").first
        let sim = jaroWinkler(sa, sb)
        if numberA == numberB && sim >= 0.85 && (zipSame || a.city == b.city) {
            return Comparison(field: "address", agreement: 0.85, weight: 0.2, note: "same address written differently")
        }
        if zipSame { return Comparison(field: "address", agreement: 0.3, weight: 0.2, note: "same ZIP code") }
        return Comparison(field: "address", agreement: 0, weight: 0.2, note: "different addresses")
    }

    static func comparePhones(_ x: String, _ y: String) -> Comparison {
        guard x.count >= 7, y.count >= 7 else {
            return Comparison(field: "phone", agreement: nil, weight: 0.1, note: "blank")
        }
        return x == y
            ? Comparison(field: "phone", agreement: 1, weight: 0.1, note: "same phone")
            : Comparison(field: "phone", agreement: 0, weight: 0.1, note: "different phones")
    }

    /// The pair's score: the weighted agreement of the fields both records have, held below the
    /// merge threshold when the names or the birth dates plainly disagree.
    public func compare(_ a: PersonRecord, _ b: PersonRecord) -> Pair { compare(Features(a), Features(b)) }

    func compare(_ a: Features, _ b: Features) -> Pair {
        let comparisons = [
            Self.compareNames(a.tokens, b.tokens), Self.compareBirthDates(a.birth, b.birth),
            Self.compareAddresses(a, b), Self.comparePhones(a.phone, b.phone),
        ]
        var total = 0.0
        var weights = 0.0
        for c in comparisons {
            guard let agreement = c.agreement else { continue }
            total += agreement * c.weight
            weights += c.weight
        }
        var score = weights >= 0.5 ? total / weights : 0
        let name = comparisons[0].agreement ?? 0
        let birth = comparisons[1].agreement
        let address = comparisons[2].agreement
        let phone = comparisons[3].agreement
        // Family members share a surname, an address and often a phone: a merge needs the names
        // alike and either the birth dates or a near-identical name with the same home or phone.
        if name < 0.75 { score = min(score, thresholds.review - 0.01) }
        if birth == 0 { score = min(score, thresholds.merge - 0.01) }
        let birthAgrees = (birth ?? 0) >= 0.9
        let homeAgrees = (address ?? 0) >= 0.85 || phone == 1
        if name < 0.9 || !(birthAgrees || (name >= 0.97 && homeAgrees)) {
            score = min(score, thresholds.merge - 0.01)
        }
        return Pair(a: min(a.id, b.id), b: max(a.id, b.id), score: score, comparisons: comparisons)
    }

    // MARK: Resolution

    /// The keys a record is blocked under: surname sound and birth year, phone, ZIP and house
    /// number, first-name and surname sounds.
    static func blockingKeys(_ r: PersonRecord) -> [String] {
        let tokens = nameTokens(r).filter { $0.count > 1 }
        var keys: [String] = []
        let phone = String(digits(r.phone).suffix(10))
        if phone.count >= 7 { keys.append("p:" + phone) }
        let st = street(r.street)
        if let number = st.split(separator: " ").first, number.allSatisfy(\.isNumber) {
            keys.append("a:" + String(digits(r.zip).prefix(5)) + ":" + number)
        }
        let sounds = Set(tokens.map(soundex)).sorted()
        if let year = r.birthDate?.year {
            for s in sounds { keys.append("b:\(s):\(year)") }
        }
        if sounds.count >= 2 { keys.append("n:" + sounds.joined(separator: ":")) }
        return keys
    }

    public func resolve(_ records: [PersonRecord], decisions: [Decision] = []) -> Result {
        let features = records.map(Features.init)
        var blocks: [String: [Int]] = [:]
        for (i, r) in records.enumerated() {
            for k in Self.blockingKeys(r) { blocks[k, default: []].append(i) }
        }
        struct PairKey: Hashable {
            let a: Int64
            let b: Int64
        }
        var seen = Set<PairKey>()
        var scored: [Pair] = []
        var skipped = 0
        for (_, members) in blocks where members.count > 1 {
            guard members.count <= Self.maxBlock else {
                skipped += members.count
                continue
            }
            for x in 0..<members.count {
                for y in (x + 1)..<members.count {
                    let a = features[members[x]]
                    let b = features[members[y]]
                    guard seen.insert(PairKey(a: min(a.id, b.id), b: max(a.id, b.id))).inserted else { continue }
                    scored.append(compare(a, b))
                }
            }
        }
        // Clusters: analysts' "same" first, then pairs by score; a pair never joins clusters an
        // analyst said are different people.
        var parent: [Int64: Int64] = [:]
        var members: [Int64: [Int64]] = [:]
        for r in records {
            parent[r.id] = r.id
            members[r.id] = [r.id]
        }
        func find(_ x: Int64) -> Int64 {
            var x = x
            while let p = parent[x], p != x {
                parent[x] = parent[p]
                x = p
            }
            return x
        }
        var apart: [Int64: Set<Int64>] = [:]
        for d in decisions where !d.same {
            apart[d.a, default: []].insert(d.b)
            apart[d.b, default: []].insert(d.a)
        }
        var record: [Int64: Features] = [:]
        for f in features { record[f.id] = f }
        /// Two clusters join only when no record of one plainly contradicts a record of the other
        /// (names unlike, or both birth dates known and different): a chain of near pairs must not
        /// make one person of two.
        func compatible(_ ma: [Int64], _ mb: [Int64]) -> Bool {
            guard ma.count * mb.count <= 400 else { return true }
            for x in ma {
                for y in mb {
                    guard let rx = record[x], let ry = record[y] else { continue }
                    if Self.compareBirthDates(rx.birth, ry.birth).agreement == 0 { return false }
                    if (Self.compareNames(rx.tokens, ry.tokens).agreement ?? 1) < 0.75 {
                        return false
                    }
                }
            }
            return true
        }
        func union(_ a: Int64, _ b: Int64, checked: Bool = true) -> Bool {
            let ra = find(a)
            let rb = find(b)
            guard ra != rb, parent[a] != nil, parent[b] != nil else { return false }
            let ma = members[ra] ?? []
            let mb = members[rb] ?? []
            for x in ma where !(apart[x] ?? []).isDisjoint(with: mb) { return false }
            if checked && (ma.count > 1 || mb.count > 1) && !compatible(ma, mb) { return false }
            let (root, child) = ra < rb ? (ra, rb) : (rb, ra)
            parent[child] = root
            members[root] = ma + mb
            members[child] = nil
            return true
        }
        for d in decisions where d.same { _ = union(d.a, d.b, checked: false) }
        scored.sort { ($0.score, $1.a, $1.b) > ($1.score, $0.a, $0.b) }
        var merged: [Pair] = []
        var review: [Pair] = []
        let decided = Set(decisions.map { [min($0.a, $0.b), max($0.a, $0.b)] })
        for p in scored {
            if p.score >= thresholds.merge {
                if union(p.a, p.b) { merged.append(p) }
            } else if p.score >= thresholds.review && !decided.contains([p.a, p.b]) && find(p.a) != find(p.b) {
                review.append(p)
            }
        }
        var entity: [Int64: Int64] = [:]
        for r in records { entity[r.id] = find(r.id) }
        // The review queue keeps only pairs still apart after every merge.
        review = review.filter { entity[$0.a] != entity[$0.b] }
        return Result(
            entity: entity,
            merged: merged,
            review: review,
            candidatePairs: scored.count,
            skippedBlocks: skipped
        )
    }

    /// Pairwise precision and recall of `entity` against the true identities (`truth`: record id →
    /// true person id): a pair of records is predicted when they share an entity, true when they
    /// share a person.
    public static func pairwise(entity: [Int64: Int64], truth: [Int64: Int64]) -> (
        precision: Double, recall: Double, predicted: Int, actual: Int
    ) {
        func pairs(_ groups: [Int64: [Int64]]) -> Int { groups.values.reduce(0) { $0 + $1.count * ($1.count - 1) / 2 } }
        let predicted = Dictionary(grouping: entity.keys, by: { entity[$0]! })
        let actual = Dictionary(grouping: truth.keys, by: { truth[$0]! })
        var both = 0
        for (_, group) in predicted {
            let byTruth = Dictionary(grouping: group, by: { truth[$0] ?? -$0 })
            both += byTruth.values.reduce(0) { $0 + $1.count * ($1.count - 1) / 2 }
        }
        let p = pairs(predicted)
        let a = pairs(actual)
        return (p == 0 ? 1 : Double(both) / Double(p), a == 0 ? 1 : Double(both) / Double(a), p, a)
    }
}
