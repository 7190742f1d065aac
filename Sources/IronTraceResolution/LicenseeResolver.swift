import Foundation
import IronTraceCore

/// A licensee as one record names it.
public struct LicenseeRecord: Sendable, Hashable {
    public var id: Int64
    public var licence: String
    public var name: String
    public var street: String
    public var zip: String

    public init(id: Int64, licence: String, name: String, street: String, zip: String) {
        self.id = id
        self.licence = licence
        self.name = name
        self.street = street
        self.zip = zip
    }
}

/// Which licensee records name one business: the same licence number whatever its expiry code (a
/// renewed licence keeps region, district, county, type and sequence), with a name or premises that
/// agree; or, where a licence number is unreadable, the same business name at the same premises.
/// Two licences at one address with one name wait for an analyst (a business that changed licence,
/// or two in one building).
public struct LicenseeResolver: Sendable {
    public init() {}

    /// The licence without its expiry code ("5-48-033-01-10548"), nil when it does not parse.
    public static func licenceCore(_ text: String) -> String? {
        guard let l = try? LicenceNumber(parsing: text) else { return nil }
        let county = String(l.county)
        let district = String(l.district)
        let seq = String(l.sequence)
        return "\(l.region)-" + String(repeating: "0", count: max(0, 2 - district.count)) + district + "-"
            + String(repeating: "0", count: max(0, 3 - county.count)) + county + "-\(l.type.rawValue)-"
            + String(repeating: "0", count: max(0, 5 - seq.count)) + seq
    }

    static let legalWords: Set<String> = ["INC", "LLC", "LTD", "CO", "CORP", "CORPORATION", "COMPANY", "THE", "DBA"]

    /// A business name's words: upper case, accents folded, apostrophes dropped ("Gomez's" is
    /// "GOMEZS"), legal suffixes removed.
    public static func nameWords(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
            .replacingOccurrences(of: "&", with: " AND ")
        let words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        return words.filter { !legalWords.contains($0) }.joined(separator: " ")
    }

    public func compare(_ a: LicenseeRecord, _ b: LicenseeRecord) -> PersonResolver.Pair {
        var comparisons: [PersonResolver.Comparison] = []
        let ca = Self.licenceCore(a.licence)
        let cb = Self.licenceCore(b.licence)
        let licence: Double?
        if let ca, let cb {
            licence = ca == cb ? 1 : 0
            let note =
                ca != cb
                ? "different licences" : a.licence == b.licence ? "same licence" : "same licence, expiry differs"
            comparisons.append(.init(field: "licence", agreement: licence, weight: 0.5, note: note))
        } else {
            licence = nil
            comparisons.append(.init(field: "licence", agreement: nil, weight: 0.5, note: "licence unreadable"))
        }
        let na = Self.nameWords(a.name)
        let nb = Self.nameWords(b.name)
        let name = na.isEmpty || nb.isEmpty ? 0 : PersonResolver.jaroWinkler(na, nb)
        comparisons.append(
            .init(
                field: "name",
                agreement: name,
                weight: 0.3,
                note: name >= 0.999 ? "same name" : name >= 0.85 ? "names alike" : "names differ"
            )
        )
        let sa = PersonResolver.street(a.street)
        let sb = PersonResolver.street(b.street)
        let sameZip = !a.zip.isEmpty && a.zip.prefix(5) == b.zip.prefix(5)
        let address = !sa.isEmpty && sa == sb && sameZip ? 1.0 : 0
        comparisons.append(
            .init(
                field: "premises",
                agreement: address,
                weight: 0.2,
                note: address == 1 ? "same premises" : "other premises"
            )
        )
        var score: Double
        switch licence {
        case 1: score = (name >= 0.85 || address == 1) ? 0.95 : 0.75
        case 0: score = (name >= 0.95 && address == 1) ? 0.75 : 0.1
        default: score = (name >= 0.95 && address == 1) ? 0.85 : 0.2
        }
        score = min(score, 1)
        return .init(a: min(a.id, b.id), b: max(a.id, b.id), score: score, comparisons: comparisons)
    }

    /// Each record's business (the smallest record id of its group), and the pairs for an analyst.
    public func resolve(_ records: [LicenseeRecord], merge: Double = 0.8, review: Double = 0.7)
        -> (entity: [Int64: Int64], merged: [PersonResolver.Pair], review: [PersonResolver.Pair])
    {
        var blocks: [String: [Int]] = [:]
        for (i, r) in records.enumerated() {
            if let core = Self.licenceCore(r.licence) { blocks["l:" + core, default: []].append(i) }
            let n = Self.nameWords(r.name)
            if !n.isEmpty { blocks["n:\(n)|\(r.zip.prefix(5))", default: []].append(i) }
        }
        var parent: [Int64: Int64] = [:]
        for r in records { parent[r.id] = r.id }
        func find(_ x: Int64) -> Int64 {
            var x = x
            while let p = parent[x], p != x {
                parent[x] = parent[p]
                x = p
            }
            return x
        }
        var seen = Set<[Int64]>()
        var merged: [PersonResolver.Pair] = []
        var queue: [PersonResolver.Pair] = []
        for (_, members) in blocks.sorted(by: { $0.key < $1.key }) where members.count > 1 && members.count <= 200 {
            for x in 0..<members.count {
                for y in (x + 1)..<members.count {
                    let p = compare(records[members[x]], records[members[y]])
                    guard seen.insert([p.a, p.b]).inserted else { continue }
                    if p.score >= merge {
                        let (ra, rb) = (find(p.a), find(p.b))
                        if ra != rb {
                            parent[max(ra, rb)] = min(ra, rb)
                            merged.append(p)
                        }
                    } else if p.score >= review {
                        queue.append(p)
                    }
                }
            }
        }
        var entity: [Int64: Int64] = [:]
        for r in records { entity[r.id] = find(r.id) }
        return (entity, merged, queue.filter { entity[$0.a] != entity[$0.b] }.sorted { $0.score > $1.score })
    }
}
