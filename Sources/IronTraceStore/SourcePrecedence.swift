import Foundation
import GRDB
import IronTraceCore
import IronTraceDataset
import IronTraceFormats

/// Where a file stands relative to its publisher: the publisher's own file as released (ATF's
/// workbooks, INEGI's cube exports, the Census Bureau's estimates file), a tidied copy someone
/// else made of it (a CSV re-keyed from the workbooks), or IronTrace's native files.
public enum ImportOrigin: String, Sendable, Codable, CaseIterable {
    case publisher
    case tidied
    case native

    /// The origin of a file of a format, from the format and (where one format has both) its header.
    package static func classify(format: String, path: String) -> ImportOrigin {
        if format.hasPrefix("native:") { return .native }
        switch format {
        case OfficialFormat.atfFlows.rawValue:
            // ATF publishes the source/recovery tables as XLSX workbooks; every CSV of them is a copy.
            return .tidied
        case OfficialFormat.sesnspMunicipalLong.rawValue:
            // SESNSP publishes the municipal table wide, by modality; the long layout is a re-keyed copy.
            return .tidied
        case OfficialFormat.censusPopulation.rawValue:
            // The Census Bureau's own file has SUMLEV, STATE, NAME, POPESTIMATEyyyy; other layouts are copies.
            let header = FileDetector.firstRecords(path, 1).first ?? []
            return header.contains { $0.uppercased() == "SUMLEV" } ? .publisher : .tidied
        default:
            return .publisher
        }
    }
}

/// Which value reports use where imports disagree about one aggregate (same measure, area and
/// period, or the same flow): the imports a user prefers (`--prefer`), else the publisher's own file
/// over a tidied copy, else the one stored first. Nothing is dropped: the other values stay in the
/// `conflicts` table and `irontrace info` lists them.
public struct SourcePrecedence: Sendable, Hashable {
    /// Import ids (`7` or `#7`), formats (`atf-flows-xlsx`) or file names (`trace_2013.xlsx`).
    public var preferred: [String]

    public init(preferred: [String] = []) { self.preferred = preferred }

    public static let `default` = SourcePrecedence()

    /// In words, for report notes.
    public var description: String {
        let base = "the publisher's own file over a tidied copy, then the import stored first"
        return preferred.isEmpty ? base : "imports matching --prefer \(preferred.joined(separator: ",")), then " + base
    }

    /// Lower is preferred.
    func rank(_ i: ImportRef) -> (Int, Int, Int64) {
        let wanted = preferred.contains { p in
            let t = p.hasPrefix("#") ? String(p.dropFirst()) : p
            return t == String(i.id) || t == i.format || t == i.file
                || t == URL(fileURLWithPath: i.file).lastPathComponent
        }
        let origin =
            switch i.origin {
            case .publisher: 0
            case .native: 1
            case .tidied: 2
            }
        return (wanted ? 0 : 1, origin, i.id)
    }

    func best(_ a: ImportRef, _ b: ImportRef) -> Bool { rank(a) < rank(b) }
}

/// One import as a snapshot names it.
public struct ImportRef: Sendable, Hashable, Codable {
    public var id: Int64
    public var file: String
    public var sha256: String
    public var format: String
    public var origin: ImportOrigin

    package init(id: Int64, file: String, sha256: String, format: String, origin: ImportOrigin) {
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.format = format
        self.origin = origin
    }
}

/// What precedence decided while loading a snapshot: how many disputed values came from which
/// import instead of the one stored first.
public struct PrecedenceDecision: Sendable, Hashable, Codable {
    public var table: String
    public var used: ImportRef
    public var over: ImportRef
    public var values: Int
}

extension IronTraceStore {
    static func importRefs(_ db: GRDB.Database) throws -> [Int64: ImportRef] {
        var out: [Int64: ImportRef] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, file, sha256, format, origin FROM imports") {
            let id: Int64 = r[0]
            out[id] = ImportRef(
                id: id,
                file: r[1],
                sha256: r[2],
                format: r[3],
                origin: ImportOrigin(rawValue: r[4]) ?? .publisher
            )
        }
        return out
    }

    /// For every disputed aggregate whose preferred value is not the stored one: the value to use,
    /// by table and key (the key as the conflicts table writes it), and the decisions in sum.
    static func precedenceOverrides(_ db: GRDB.Database, _ precedence: SourcePrecedence) throws
        -> (overrides: [String: [String: Double]], decisions: [PrecedenceDecision])
    {
        let refs = try importRefs(db)
        var conflicts: [StoredConflict] = []
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT table_name, key, import_id, new_value, stored_import_id, stored_value FROM conflicts"
        )
        while let r = try rows.next() {
            conflicts.append(
                StoredConflict(
                    table: r[0],
                    key: r[1],
                    importID: r[2],
                    newValue: r[3],
                    storedImportID: r[4],
                    storedValue: r[5]
                )
            )
        }
        return precedence.decide(refs: refs, conflicts: conflicts)
    }
}

/// One row of the conflicts table, as both backends read it.
package struct StoredConflict: Sendable {
    package var table: String
    package var key: String
    package var importID: Int64
    package var newValue: Double
    package var storedImportID: Int64
    package var storedValue: Double

    package init(
        table: String,
        key: String,
        importID: Int64,
        newValue: Double,
        storedImportID: Int64,
        storedValue: Double
    ) {
        self.table = table
        self.key = key
        self.importID = importID
        self.newValue = newValue
        self.storedImportID = storedImportID
        self.storedValue = storedValue
    }
}

extension SourcePrecedence {
    /// The values precedence picks where imports disagree, by table and key, for the disputed keys
    /// whose pick is not the stored value; and what was decided, in sum.
    package func decide(refs: [Int64: ImportRef], conflicts: [StoredConflict])
        -> (overrides: [String: [String: Double]], decisions: [PrecedenceDecision])
    {
        struct Candidate {
            var ref: ImportRef
            var value: Double
        }
        var byKey: [String: [String: (stored: Candidate, others: [Candidate])]] = [:]
        for c in conflicts {
            guard let new = refs[c.importID], let stored = refs[c.storedImportID] else { continue }
            let entry = byKey[c.table]?[c.key] ?? (Candidate(ref: stored, value: c.storedValue), [])
            byKey[c.table, default: [:]][c.key] = (
                entry.stored, entry.others + [Candidate(ref: new, value: c.newValue)]
            )
        }
        var overrides: [String: [String: Double]] = [:]
        var counts: [String: [ImportRef: [ImportRef: Int]]] = [:]
        for (table, keys) in byKey {
            for (key, c) in keys {
                let winner = c.others.reduce(c.stored) { best($1.ref, $0.ref) ? $1 : $0 }
                guard winner.ref.id != c.stored.ref.id else { continue }
                overrides[table, default: [:]][key] = winner.value
                counts[table, default: [:]][winner.ref, default: [:]][c.stored.ref, default: 0] += 1
            }
        }
        var decisions: [PrecedenceDecision] = []
        for (table, byUsed) in counts {
            for (used, byOver) in byUsed {
                for (over, n) in byOver {
                    decisions.append(PrecedenceDecision(table: table, used: used, over: over, values: n))
                }
            }
        }
        decisions.sort { ($0.table, $0.used.id, $0.over.id) < ($1.table, $1.used.id, $1.over.id) }
        return (overrides, decisions)
    }

    /// The snapshot's account of its aggregates: the imports used (`used` ids plus the winners of
    /// decisions), the rule and its decisions in words.
    package func aggregateSources(refs: [Int64: ImportRef], used: [Int64], decisions: [PrecedenceDecision])
        -> Dataset.AggregateSources
    {
        func text(_ r: ImportRef) -> String {
            "#\(r.id) \(URL(fileURLWithPath: r.file).lastPathComponent) (\(r.format), \(r.origin.rawValue), sha256 \(r.sha256.prefix(12)))"
        }
        return Dataset.AggregateSources(
            imports: Set(used + decisions.map(\.used.id)).sorted().compactMap { refs[$0] }.map {
                .init(id: $0.id, file: $0.file, sha256: $0.sha256, format: $0.format, origin: $0.origin.rawValue)
            },
            precedence: description,
            decisions: decisions.map {
                "\(NumberText.grouped($0.values)) \($0.table == "flows" ? "flows" : "area measures") from \(text($0.used)) over \(text($0.over))"
            }
        )
    }

    /// The ids of the imports whose formats store aggregates and that stored rows (SQL, both backends).
    package static let aggregateImportsSQL = """
        SELECT id FROM imports WHERE rows_stored > 0
        AND format NOT IN ('acled', 'ucdp-ged', 'ffl-listing')
        AND (format NOT LIKE 'native:%' OR format IN ('native:area_measures', 'native:flows')) ORDER BY id
        """
}

/// One stored row of an aggregate with where it came from: the import (file, SHA-256) and the line.
public struct MeasureProvenance: Sendable, Hashable, Codable {
    package init(
        area: String,
        period: String,
        measure: String,
        source: String,
        value: Double,
        importID: Int64,
        file: String,
        sha256: String,
        line: Int?,
        role: String
    ) {
        self.area = area
        self.period = period
        self.measure = measure
        self.source = source
        self.value = value
        self.importID = importID
        self.file = file
        self.sha256 = sha256
        self.line = line
        self.role = role
    }

    public var area: String
    public var period: String
    public var measure: String
    public var source: String
    public var value: Double
    public var importID: Int64
    public var file: String
    public var sha256: String
    /// The line of the file the value was read from (`nil` for rows stored before lines were kept).
    public var line: Int?
    /// `stored` for the row the table holds, `conflict` for a value another import gave for the same key.
    public var role: String
}

extension IronTraceStore {
    /// Every row (and every disputed value) behind a measure, area and period (SQL LIKE patterns),
    /// with its import and line, up to `limit` rows: how a report's figure is traced to its files.
    public func measureProvenance(like measure: String, area: String = "%", period: String = "%", limit: Int = 200)
        throws -> [MeasureProvenance]
    {
        try reading("measure provenance") { db in
            var out = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.area, m.period, m.measure, m.source, m.value, m.import_id, i.file, i.sha256, m.line
                    FROM area_measures m JOIN imports i ON i.id = m.import_id
                    WHERE m.measure LIKE ? AND m.area LIKE ? AND m.period LIKE ?
                    ORDER BY m.area, m.period, m.measure, m.source LIMIT ?
                    """,
                arguments: [measure, area, period, limit]
            ).map {
                MeasureProvenance(
                    area: $0[0],
                    period: $0[1],
                    measure: $0[2],
                    source: $0[3],
                    value: $0[4],
                    importID: $0[5],
                    file: $0[6],
                    sha256: $0[7],
                    line: $0[8],
                    role: "stored"
                )
            }
            let wanted = Set(out.map { "\($0.area) | \($0.period) | \($0.measure) | \($0.source)" })
            out += MeasureProvenance.disputed(try Self.conflictRows(db, table: "area_measures"), wanted: wanted) {
                ($0[0], $0[1], $0[2], $0[3])
            }
            return out.sorted {
                ($0.area, $0.period, $0.measure, $0.role == "stored" ? 0 : 1, $0.importID)
                    < ($1.area, $1.period, $1.measure, $1.role == "stored" ? 0 : 1, $1.importID)
            }
        }
    }
}

extension IronTraceStore {
    /// Every stored flow (and disputed value) with a source area and year matching SQL LIKE patterns,
    /// with its import and line, up to `limit` rows.
    public func flowProvenance(sourceArea: String = "%", year: String = "%", limit: Int = 200) throws
        -> [MeasureProvenance]
    {
        try reading("flow provenance") { db in
            var out = try Row.fetchAll(
                db,
                sql: """
                    SELECT f.source_area, f.recovery_area, f.year, f.source, f.count, f.import_id, i.file, i.sha256, f.line
                    FROM flows f JOIN imports i ON i.id = f.import_id
                    WHERE f.source_area LIKE ? AND CAST(f.year AS TEXT) LIKE ?
                    ORDER BY f.year, f.source_area, f.recovery_area LIMIT ?
                    """,
                arguments: [sourceArea, year, limit]
            ).map { r -> MeasureProvenance in
                let year: Int = r[2]
                return MeasureProvenance(
                    area: "\(r[0] as String) → \(r[1] as String)",
                    period: String(year),
                    measure: "flow",
                    source: r[3],
                    value: r[4],
                    importID: r[5],
                    file: r[6],
                    sha256: r[7],
                    line: r[8],
                    role: "stored"
                )
            }
            let wanted = Set(
                out.map { p -> String in
                    let areas = p.area.components(separatedBy: " → ")
                    return "\(areas[0]) | \(areas[1]) | \(p.period) | \(p.source)"
                }
            )
            out += MeasureProvenance.disputed(try Self.conflictRows(db, table: "flows"), wanted: wanted) {
                ("\($0[0]) → \($0[1])", $0[2], "flow", $0[3])
            }
            return out.sorted {
                ($0.period, $0.area, $0.role == "stored" ? 0 : 1, $0.importID)
                    < ($1.period, $1.area, $1.role == "stored" ? 0 : 1, $1.importID)
            }
        }
    }
}

extension IronTraceStore {
    /// What `precedence` decides for the conflicts stored: which import's values reports use
    /// instead of the ones stored first.
    public func precedenceDecisions(_ precedence: SourcePrecedence = .default) throws -> [PrecedenceDecision] {
        try reading("precedence decisions") { db in try Self.precedenceOverrides(db, precedence).decisions }
    }
}

/// A value another import gave for a stored aggregate: its key, value, import, file, SHA-256 and line.
package typealias DisputedValue = (key: String, value: Double, importID: Int64, file: String, sha256: String, line: Int)

extension MeasureProvenance {
    /// The disputed values whose key is `wanted`, as provenance rows; `fields` turns the key's four
    /// parts into area, period, measure and source.
    package static func disputed(
        _ values: [DisputedValue],
        wanted: Set<String>,
        fields: ([String]) -> (String, String, String, String)
    ) -> [MeasureProvenance] {
        values.compactMap { v in
            guard wanted.contains(v.key) else { return nil }
            let parts = v.key.components(separatedBy: " | ")
            guard parts.count == 4 else { return nil }
            let f = fields(parts)
            return MeasureProvenance(
                area: f.0,
                period: f.1,
                measure: f.2,
                source: f.3,
                value: v.value,
                importID: v.importID,
                file: v.file,
                sha256: v.sha256,
                line: v.line,
                role: "conflict"
            )
        }
    }

    /// The query both backends run for the disputed values of a table (`$1`/`?` is the table name).
    package static func disputedSQL(parameter: String) -> String {
        """
        SELECT c.key, c.new_value, c.import_id, i.file, i.sha256, c.line
        FROM conflicts c JOIN imports i ON i.id = c.import_id
        WHERE c.table_name = \(parameter) ORDER BY c.key LIMIT 100000
        """
    }
}

extension IronTraceStore {
    static func conflictRows(_ db: GRDB.Database, table: String) throws -> [DisputedValue] {
        try Row.fetchAll(db, sql: MeasureProvenance.disputedSQL(parameter: "?"), arguments: [table]).map {
            (key: $0[0], value: $0[1], importID: $0[2], file: $0[3], sha256: $0[4], line: $0[5])
        }
    }
}
