import Foundation
import IronTraceCore
import IronTraceFormats

/// What a file holds, as far as IronTrace can read it: a native kind or an official format.
public enum ImportKind: Sendable, Hashable, CustomStringConvertible {
    case native(NativeKind)
    case official(OfficialFormat)

    /// A kind as typed on the command line: a native kind (`sales`, `area-measures`) or an
    /// official format (`inegi-homicides`).
    public init?(argument: String) {
        if let o = OfficialFormat(rawValue: argument) {
            self = .official(o)
        } else if let n = NativeKind(argument: argument) {
            self = .native(n)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .native(let n): n.rawValue
        case .official(let o): o.rawValue
        }
    }

    /// Every kind a user can name, native first.
    public static var allArguments: [String] {
        NativeKind.allCases.map(\.rawValue) + OfficialFormat.allCases.map(\.rawValue)
    }
}

/// The kind detected for one file, and why; or why it cannot be read.
public struct Detection: Sendable, Hashable {
    public var path: String
    /// `nil` when no reader fits: `reason` then says why the file is skipped.
    public var kind: ImportKind?
    public var reason: String
    /// True when the choice rests on weaker evidence than an exact header (said in `reason`).
    public var unsure: Bool = false

    public init(path: String, kind: ImportKind?, reason: String, unsure: Bool = false) {
        self.path = path
        self.kind = kind
        self.reason = reason
        self.unsure = unsure
    }
}

/// Detects a file's kind from its name, its first bytes and its first records (header and
/// layout), without reading the whole file.
public enum FileDetector {
    /// The files under `paths` (directories walked recursively, in name order; hidden files and
    /// directories left out), each with its detected kind or the reason it is skipped.
    public static func plan(_ paths: [String]) throws(FormatError) -> [Detection] {
        var out: [Detection] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                throw FormatError(file: p, reason: "file not found")
            }
            if !isDir.boolValue {
                out.append(detect(path: p))
                continue
            }
            let root = URL(fileURLWithPath: p)
            guard
                let walker = fm.enumerator(
                    at: root,
                    includingPropertiesForKeys: [.isRegularFileKey],
                    options: [.skipsHiddenFiles]
                )
            else { throw FormatError(file: p, reason: "cannot list the directory") }
            var files: [String] = []
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url.path)
            }
            for f in files.sorted(by: naturalOrder) { out.append(detect(path: f)) }
        }
        return out
    }

    /// Paths in name order, with digit runs compared as numbers (trace_2010 before trace_2011).
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric]) == .orderedAscending
    }

    /// The kind of one file.
    public static func detect(path: String) -> Detection {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let lower = name.lowercased()
        func skip(_ reason: String) -> Detection { Detection(path: path, kind: nil, reason: reason) }
        func found(_ k: ImportKind, _ reason: String, unsure: Bool = false) -> Detection {
            Detection(path: path, kind: k, reason: reason, unsure: unsure)
        }
        let head = firstBytes(path, 8192)
        if head.isEmpty { return skip("empty file (or cannot be read)") }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if lower.hasSuffix(".xlsx") {
                return found(
                    .official(.atfWorkbook),
                    "XLSX workbook: the one workbook layout IronTrace reads is ATF source/recovery by state",
                    unsure: true
                )
            }
            return skip("a ZIP archive, not a table IronTrace reads")
        }
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".topojson")
            || (lower.hasSuffix(".json") && head.first == UInt8(ascii: "{"))
        {
            return skip("geometry (GeoJSON/TopoJSON): maps use the geometry bundled with IronTrace, not imported")
        }
        // LICENSE, README.txt, COPYING-MIT...: but not a table whose name starts with the word
        // (`licensees.csv`, the native dealers file, was skipped as licence text).
        let stem = lower.split(separator: ".", maxSplits: 1).first.map(String.init) ?? lower
        let isTable = [".csv", ".tsv", ".csv.bz2", ".tsv.bz2"].contains { lower.hasSuffix($0) }
        let documentStems = ["license", "licence", "readme", "copying"]
        let isDocumentName = documentStems.contains {
            stem == $0 || stem.hasPrefix($0 + "-") || stem.hasPrefix($0 + "_")
        }
        if (isDocumentName && !isTable) || lower.hasSuffix(".md") || lower == "sha256sums" {
            return skip("documentation or licence text, not data")
        }
        let isBZ2 = head.starts(with: Array("BZh".utf8))
        if !isBZ2 && head.contains(0) { return skip("binary file, not a text table") }
        let records = firstRecords(path, 12)
        guard let first = records.first else { return skip("no records") }
        let keys = Set(first.map(compact))
        func has(_ names: String...) -> Bool { names.allSatisfy { keys.contains(compact($0)) } }

        // Native files start with their exact header.
        for k in NativeKind.allCases where first == k.header {
            return found(.native(k), "native header of \(k.rawValue)")
        }
        if has("LIC_REGN", "LIC_DIST", "LIC_TYPE", "LIC_SEQN") {
            return found(.official(.fflListing), "columns LIC_REGN, LIC_DIST, LIC_TYPE, LIC_SEQN (ATF FFL listing)")
        }
        if has("event_id_cnty", "event_date", "sub_event_type", "fatalities") {
            return found(.official(.acled), "columns event_id_cnty, event_date, sub_event_type, fatalities (ACLED)")
        }
        if has("id", "type_of_violence", "side_a", "side_b", "best", "adm_1") {
            return found(.official(.ucdpGED), "columns type_of_violence, side_a, side_b, best, adm_1 (UCDP GED)")
        }
        if has("n_year", "n_month", "cve_ent", "subtipo_de_delito", "modalidad", "n_victimas") {
            return found(
                .official(.sesnspVictims),
                "columns n_year, n_month, cve_ent, subtipo_de_delito, modalidad, n_victimas (SESNSP victims)"
            )
        }
        if has("Subtipo de delito", "Modalidad", "Enero", "Diciembre")
            && (has("Clave_Ent") || has("Cve. Entidad")) && (has("Año") || has("Ano"))
        {
            return found(
                .official(.sesnspIncidence),
                "columns Año, Clave_Ent, Subtipo de delito, Modalidad, Enero..Diciembre (SESNSP incidence, wide)"
            )
        }
        if has("year") && (has("sourcestate") || has("source_state")) && (has("recoverystate") || has("recovery_state"))
            && (has("guns") || has("guns_recovered") || has("count"))
        {
            return found(.official(.atfFlows), "columns year, source state, recovery state, guns (ATF source/recovery)")
        }
        if has("n_year", "cve_ent", "pob_mid_year") {
            return found(.official(.conapoPopulation), "columns n_year, cve_ent, pob_mid_year (CONAPO projections)")
        }
        if has("SUMLEV", "STATE", "NAME") && first.contains(where: { $0.uppercased().hasPrefix("POPESTIMATE") }) {
            return found(
                .official(.censusPopulation),
                "columns SUMLEV, STATE, NAME, POPESTIMATEyyyy (Census estimates)"
            )
        }
        if let c = first.first, compact(c) == "state", first.count > 2,
            first.dropFirst().allSatisfy({ $0.count == 4 && Int($0) != nil })
        {
            let named = records.dropFirst().compactMap(\.first).filter { USState.lookup($0) != nil }.count
            if named >= min(3, records.count - 1) {
                return found(
                    .official(.censusPopulation),
                    "columns State and years, rows named by US state (Census estimates, wide)",
                    unsure: true
                )
            }
        }
        if has("Year", "Month") && (has("Murders.with.Firearm", "Murders") || has("Firearm.Homicide", "Homicide")) {
            return found(
                .official(.firearmHomicidesMonth),
                "columns Year, Month, Murders.with.Firearm/Firearm.Homicide, Murders/Homicide "
                    + "(monthly firearm homicides, SINAIS)"
            )
        }
        if has("entidad_ocurrencia", "sexo_cat", "grupo_edad", "lugar_ocurrencia") {
            return found(
                .official(.inegiDeathRecords),
                "columns entidad_ocurrencia, sexo_cat, grupo_edad, lugar_ocurrencia (INEGI death records, one row per death)"
            )
        }
        if has("Municipio", "Subtipo de delito", "Mes", "Casos") && (has("Año") || has("Ano")) {
            return found(
                .official(.sesnspMunicipalLong),
                "columns Año, Municipio, Subtipo de delito, Mes, Casos (SESNSP municipal, tidied long table)"
            )
        }
        if keys == [compact("Municipio"), compact("Poblacion")] {
            return found(
                .official(.municipalPopulationNamed),
                "columns Municipio, Poblacion (municipal population by name; state found from the names)",
                unsure: true
            )
        }
        if records.count == 2, !first.isEmpty,
            first.allSatisfy({ $0.count == 4 && Int($0).map { (1900...2100).contains($0) } == true }),
            records[1].count == first.count, records[1].allSatisfy({ Int($0) != nil })
        {
            return found(
                .official(.nationalPopulationWide),
                "a header of years and one row of figures (national population by year, wide)",
                unsure: true
            )
        }
        if ATFCommerceReader.exhibit(header: first, fileName: name) != nil {
            let e = ATFCommerceReader.exhibit(header: first, fileName: name)!
            return found(.official(.atfCommerce), "header of the ATF commerce exhibit '\(e.rawValue)'")
        }
        // INEGI "Consulta interactiva" exports: title rows before the header.
        let titles = records.prefix(6).compactMap(\.first).map { AreaName.key($0) }
        if titles.contains(where: { $0.hasPrefix("defunciones por homicidio") })
            && titles.contains(where: { $0.hasPrefix("ano de registro") })
        {
            return found(
                .official(.inegiHomicides),
                "title rows 'Defunciones por homicidios' and 'Año de registro' (INEGI cube export)"
            )
        }
        if titles.contains(where: { $0.hasPrefix("poblacion total") })
            && titles.contains(where: { $0.hasPrefix("consulta de") && $0.contains("entidad y municipio") })
        {
            return found(
                .official(.inegiCensus),
                "title rows 'Población total' and 'Consulta de: ... Entidad y municipio' (INEGI census export)"
            )
        }
        let shown = first.prefix(6).joined(separator: ", ") + (first.count > 6 ? ", ..." : "")
        return skip("unknown layout (header: \(shown.prefix(120))); pass --kind KIND if it is one IronTrace reads")
    }

    static func compact(_ s: String) -> String {
        AreaName.key(s).replacingOccurrences(of: " ", with: "")
    }

    static func firstBytes(_ path: String, _ n: Int) -> [UInt8] {
        guard let h = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? h.close() }
        return Array((try? h.read(upToCount: n)) ?? Data())
    }

    static func firstRecords(_ path: String, _ n: Int) -> [[String]] {
        guard let csv = try? CSVReader(path: path) else { return [] }
        var out: [[String]] = []
        while out.count < n, let r = csv.next() { out.append(r.fields) }
        return out
    }
}
