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
    static func classify(format: String, path: String) -> ImportOrigin {
        if format.hasPrefix("native:") { return .native }
        switch format {
        case OfficialFormat.atfFlows.rawValue:
            // ATF publishes the source/recovery tables as XLSX workbooks; every CSV of them is a copy.
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
        struct Candidate {
            var ref: ImportRef
            var value: Double
        }
        var byKey: [String: [String: (stored: Candidate, others: [Candidate])]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT table_name, key, import_id, new_value, stored_import_id, stored_value FROM conflicts"
        )
        while let r = try rows.next() {
            let table: String = r[0]
            let key: String = r[1]
            guard let new = refs[r[2]], let stored = refs[r[4]] else { continue }
            let entry = byKey[table]?[key] ?? (Candidate(ref: stored, value: r[5]), [])
            byKey[table, default: [:]][key] = (entry.stored, entry.others + [Candidate(ref: new, value: r[3])])
        }
        var overrides: [String: [String: Double]] = [:]
        var counts: [String: [ImportRef: [ImportRef: Int]]] = [:]
        for (table, keys) in byKey {
            for (key, c) in keys {
                let winner = c.others.reduce(c.stored) { precedence.best($1.ref, $0.ref) ? $1 : $0 }
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
}

/// One stored row of an aggregate with where it came from: the import (file, SHA-256) and the line.
public struct MeasureProvenance: Sendable, Hashable, Codable {
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
        try writer.read { db in
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
            let conflicts = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.key, c.new_value, c.import_id, i.file, i.sha256, c.line
                    FROM conflicts c JOIN imports i ON i.id = c.import_id
                    WHERE c.table_name = 'area_measures' ORDER BY c.key LIMIT 100000
                    """
            )
            let wanted = Set(out.map { "\($0.area) | \($0.period) | \($0.measure) | \($0.source)" })
            for r in conflicts {
                let key: String = r[0]
                guard wanted.contains(key) else { continue }
                let parts = key.components(separatedBy: " | ")
                guard parts.count == 4 else { continue }
                out.append(
                    MeasureProvenance(
                        area: parts[0],
                        period: parts[1],
                        measure: parts[2],
                        source: parts[3],
                        value: r[1],
                        importID: r[2],
                        file: r[3],
                        sha256: r[4],
                        line: r[5],
                        role: "conflict"
                    )
                )
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
        try writer.read { db in
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
            let conflicts = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.key, c.new_value, c.import_id, i.file, i.sha256, c.line
                    FROM conflicts c JOIN imports i ON i.id = c.import_id
                    WHERE c.table_name = 'flows' ORDER BY c.key LIMIT 100000
                    """
            )
            for r in conflicts {
                let key: String = r[0]
                guard wanted.contains(key) else { continue }
                let parts = key.components(separatedBy: " | ")
                guard parts.count == 4 else { continue }
                out.append(
                    MeasureProvenance(
                        area: "\(parts[0]) → \(parts[1])",
                        period: parts[2],
                        measure: "flow",
                        source: parts[3],
                        value: r[1],
                        importID: r[2],
                        file: r[3],
                        sha256: r[4],
                        line: r[5],
                        role: "conflict"
                    )
                )
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
        try writer.read { db in try Self.precedenceOverrides(db, precedence).decisions }
    }
}
