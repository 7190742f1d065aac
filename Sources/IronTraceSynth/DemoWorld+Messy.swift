import IronTraceCore

/// The demo world's people written the way real records name them: a buyer's purchases filed under
/// several person records, each typed differently (name order, initials, a letter wrong, day and
/// month swapped, street words spelled out or cut, a unit number, phone formats, blanks). The truth
/// (which records are one person) is written apart, for measuring entity resolution; the engines
/// never read it.
extension DemoWorld {
    public struct MessyRecords: Sendable {
        /// Every person record: the world's people (typed messily too) and the extra records.
        public var persons: [Person]
        /// Sales now filed under another record of their buyer: sale id → person record id.
        public var purchaser: [Int64: Int64]
        /// Record id → the world's person id (the truth).
        public var truth: [(record: Int64, person: Int64)]
        /// Every licensee record: the world's dealers and second records of some of them (the
        /// licence with another expiry code, the name and street typed differently).
        public var licensees: [Licensee] = []
        /// Sales now filed under a dealer's second record: sale id → licensee record id.
        public var licenseeOfSale: [Int64: Int64] = [:]
        public var licenseeTruth: [(record: Int64, licensee: Int64)] = []
    }

    /// `share`: the part of buyers with two or more purchases whose purchases are split over extra
    /// records (each gets one or two).
    public func messyRecords(seed: UInt64, share: Double = 0.6) -> MessyRecords {
        var rng = SeededRandom(seed: seed ^ 0x4D45_5353_5900)
        var salesOf: [Int64: [Int64]] = [:]
        for i in 0..<saleCount {
            let s = sale(at: i).sale
            if let p = s.purchaserID { salesOf[p, default: []].append(s.id) }
        }
        var persons: [Person] = []
        var truth: [(Int64, Int64)] = []
        var purchaser: [Int64: Int64] = [:]
        var next = Int64(personCount) + 1
        for i in 0..<personCount {
            let p = person(at: i)
            var original = p
            original.pii = Self.typed(p.pii, &rng)
            persons.append(original)
            truth.append((p.id, p.id))
            let bought = salesOf[p.id] ?? []
            guard bought.count >= 2, rng.chance(share) else { continue }
            var records = [p.id]
            for _ in 0..<(1 + rng.below(2)) {
                let id = next
                next += 1
                persons.append(Person(id: id, pseudonym: Person.pseudonym(for: id), pii: Self.typed(p.pii, &rng)))
                truth.append((id, p.id))
                records.append(id)
            }
            for sale in bought.dropFirst() {
                let record = records[rng.below(records.count)]
                if record != p.id { purchaser[sale] = record }
            }
        }
        var out = MessyRecords(persons: persons, purchaser: purchaser, truth: truth)
        // Dealers: about one in ten with two or more sales gets a second record.
        var salesAt: [Int64: [Int64]] = [:]
        for i in 0..<saleCount {
            let s = sale(at: i).sale
            salesAt[s.licenseeID, default: []].append(s.id)
        }
        var nextDealer = (licensees.map(\.id).max() ?? 0) + 1
        for l in licensees {
            out.licensees.append(l)
            out.licenseeTruth.append((l.id, l.id))
            let sold = salesAt[l.id] ?? []
            guard sold.count >= 2, rng.chance(0.1) else { continue }
            var copy = l
            copy.id = nextDealer
            nextDealer += 1
            let year = Int(String(l.licence.expiry.prefix(1))) ?? 0
            copy.licence = LicenceNumber(
                region: l.licence.region,
                district: l.licence.district,
                county: l.licence.county,
                type: l.licence.type,
                expiry: "\((year + 3) % 10)" + l.licence.expiry.suffix(1),
                sequence: l.licence.sequence
            )
            copy.businessName =
                rng.chance(0.5)
                ? l.businessName.uppercased() + " LLC" : l.businessName.replacingOccurrences(of: "'", with: "")
            let long = [
                "St": "Street", "Ave": "Avenue", "Rd": "Road", "Dr": "Drive", "Ln": "Lane", "Blvd": "Boulevard",
            ]
            copy.street = l.street.split(separator: " ").map { long[String($0)] ?? String($0) }.joined(separator: " ")
            out.licensees.append(copy)
            out.licenseeTruth.append((copy.id, l.id))
            for s in sold where rng.chance(0.5) { out.licenseeOfSale[s] = copy.id }
        }
        return out
    }

    /// One record's typing of a person.
    static func typed(_ pii: PersonPII, _ rng: inout SeededRandom) -> PersonPII {
        var t = pii
        let first = pii.firstName
        let last = pii.lastName
        switch rng.below(10) {
        case 0: (t.lastName, t.firstName) = ("\(last.uppercased()), \(first.uppercased())", "")
        case 1: (t.lastName, t.firstName) = ("", "\(first) \(Character(UnicodeScalar(65 + rng.below(26))!)). \(last)")
        case 2: t.firstName = String(first.prefix(1))
        case 3: t.lastName = typo(last, &rng)
        case 4: t.firstName = typo(first, &rng)
        default: break
        }
        if rng.chance(0.2) {
            t.lastName = t.lastName.uppercased()
            t.firstName = t.firstName.uppercased()
        }
        if let b = pii.birthDate {
            let r = rng.unit()
            if r < 0.3, b.day <= 12, b.day != b.month, let swapped = CivilDate(year: b.year, month: b.day, day: b.month)
            {
                t.birthDate = swapped
            } else if r < 0.4 {
                t.birthDate = nil
            }
        }
        let long = ["St": "Street", "Ave": "Avenue", "Rd": "Road", "Dr": "Drive", "Ln": "Lane", "Blvd": "Boulevard"]
        var words = pii.street.split(separator: " ").map(String.init)
        if let kind = words.last, rng.chance(0.4) { words[words.count - 1] = long[kind] ?? kind }
        // A unit belongs to the address (the same for everyone living there); a record may omit it.
        var h: UInt64 = 1_469_598_103_934_665_603
        for b in (pii.street + pii.zip).utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        if h % 4 == 0 && rng.chance(0.7) { words += ["Apt", String(1 + h / 4 % 30)] }
        t.street = words.joined(separator: " ")
        if rng.chance(0.2) { t.street = t.street.uppercased() }
        let digits = pii.phone.filter(\.isNumber)
        if digits.count == 10 {
            switch rng.below(5) {
            case 0: t.phone = digits
            case 1: t.phone = "\(digits.prefix(3))-\(digits.dropFirst(3).prefix(3))-\(digits.suffix(4))"
            case 2: t.phone = ""
            default: break
            }
        }
        return t
    }

    /// A letter lost, doubled or two neighbours swapped.
    static func typo(_ s: String, _ rng: inout SeededRandom) -> String {
        var c = Array(s)
        guard c.count >= 4 else { return s }
        let i = 1 + rng.below(c.count - 2)
        switch rng.below(3) {
        case 0: c.remove(at: i)
        case 1: c.insert(c[i], at: i)
        default: c.swapAt(i, i + 1)
        }
        return String(c)
    }
}
