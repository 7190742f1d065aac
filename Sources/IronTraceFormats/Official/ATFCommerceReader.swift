import IronTraceCore

/// Reads the CSV exhibits of ATF's "Firearms Commerce in the United States, Annual Statistical
/// Update" (2016 edition, data to 2015; the copies in github.com/mozzarellaV8/federal-firearms-licenses,
/// `data/00-ATF-commerce/`) into area measures, source `ATF commerce`: published context for the
/// reports, not records. Which exhibit a file is comes from its header (and, for manufacturing and
/// exports, which share one header, from the file name). Figures may carry thousands separators,
/// `$` and `%`; footnote markers on headers and row labels (`Misc. Firearms1`, `Military*`,
/// `China1`) are dropped. A row whose first cell is text and whose other cells are blank is a note
/// and is skipped; any other row that is not a year (or a state, or a country) is rejected.
///
/// | exhibit | area, period | measures |
/// |---|---|---|
/// | 1 manufacturing (wide, or long `Year, FirearmType, NumFirearms`) | `US`, year | `firearms_manufactured_<pistols, revolvers, rifles, shotguns, misc, total>` |
/// | 2 exports | `US`, year | `firearms_exported_<same>` |
/// | 3 imports | `US`, year | `firearms_imported_<shotguns, rifles, handguns, total>` |
/// | 4 import applications | `US`, year | `import_applications_<licensed_importer, military, other, total>` |
/// | 5 import countries (the year in the name) | `US`, year | `firearms_imported_from:<country>:<handguns, rifles, shotguns, total>` |
/// | 6 NFA tax revenues | `US`, year | `nfa_occupational_tax_paid_usd`, `nfa_transfer_and_making_tax_paid_usd`, `nfa_certifications`, `nfa_records_checks` |
/// | 7 NFA forms processed | `US`, year | `nfa_forms_processed_form_<1..9>`, `nfa_forms_processed_total` |
/// | 8 NFA registrations by state | `US-XX`, 2016 | `nfa_registered_<any_other_weapons, destructive_devices, machineguns, silencers, short_barreled_rifles, short_barreled_shotguns, total>` |
/// | 9 special occupational taxpayers by state | `US-XX`, 2016 | `sot_taxpayers_<importers, manufacturers, dealers, total>` |
/// | 10 FFLs by licence type | `US`, fiscal year | `ffl_count_<01, 02, 03, 06, 07, 08, 09, 10, 11, total>` |
/// | 13 FFL inspections | `US`, fiscal year | `ffl_inspections`, `ffl_count_total`, `ffl_inspected_percent_of_licensees`, `ffl_business_entities`, `ffl_inspected_percent_of_business_entities` |
///
/// Exhibits 8 and 9 carry no date: the 2016 edition states them as of 2016, so they are stored
/// for 2016. ATF's "Other US Territories" row is not one state and is rejected with that reason.
public enum ATFCommerceReader {
    public static let source = "ATF commerce"

    /// The exhibits this reader knows.
    public enum Exhibit: String, Sendable, CaseIterable {
        case manufacturing, exports, imports, importApplications, importCountries, taxRevenues, formTypes
        case registrationsByState, taxpayersByState, licensees, inspections
    }

    /// The exhibit a header (and file name) is, or `nil`.
    public static func exhibit(header: [String], fileName: String) -> Exhibit? {
        let h = header.map(label)
        let name = fileName.lowercased()
        func has(_ names: String...) -> Bool { names.allSatisfy { h.contains($0) } }
        if has("year", "firearmtype", "numfirearms") { return .manufacturing }
        if has("year", "pistols", "revolvers", "rifles", "shotguns") {
            if name.contains("export") { return .exports }
            if name.contains("manufactur") { return .manufacturing }
            return nil
        }
        if has("year", "shotguns", "rifles", "handguns") { return .imports }
        if has("year", "licensed importer", "military") { return .importApplications }
        if h.first == "", has("handguns", "rifles", "shotguns", "firearms") { return .importCountries }
        if has("occupational tax paid") { return .taxRevenues }
        if h.contains(where: { $0.hasPrefix("atf form ") }) { return .formTypes }
        if has("state", "machinegun", "silencer") { return .registrationsByState }
        if has("state", "importers", "manufacturers", "dealers") { return .taxpayersByState }
        if has("fiscal year", "dealer", "pawnbroker", "collector") { return .licensees }
        if has("fiscal year", "inspections") { return .inspections }
        return nil
    }

    /// A header or row label without footnote markers, accents, case or punctuation:
    /// `Misc. Firearms1` → `misc firearms`, `(ATF Form 1)` → `atf form 1`, `Military*` → `military`.
    static func label(_ text: String) -> String {
        var k = AreaName.key(text)
        if k.hasPrefix("atf form ") { return k }
        while let last = k.last, last.isNumber { k.removeLast() }
        while k.hasSuffix(" ") { k.removeLast() }
        return k
    }

    static func slug(_ label: String) -> String { label.replacingOccurrences(of: " ", with: "_") }

    /// The measure for a column of an exhibit.
    static func measure(_ exhibit: Exhibit, column: String, index: Int) -> String {
        let c = label(column)
        func firearmType(_ prefix: String) -> String {
            switch c {
            case "firearms", "total": "\(prefix)_total"
            case "misc firearms", "misc": "\(prefix)_misc"
            default: "\(prefix)_\(slug(c))"
            }
        }
        switch exhibit {
        case .manufacturing: return firearmType("firearms_manufactured")
        case .exports: return firearmType("firearms_exported")
        case .imports: return firearmType("firearms_imported")
        case .importApplications: return "import_applications_\(slug(c))"
        case .importCountries: return c == "firearms" ? "total" : slug(c)
        case .taxRevenues:
            switch c {
            case "occupational tax paid": return "nfa_occupational_tax_paid_usd"
            case "transfer and making tax paid": return "nfa_transfer_and_making_tax_paid_usd"
            default: return "nfa_\(slug(c))"
            }
        case .formTypes:
            if c.hasPrefix("atf form ") { return "nfa_forms_processed_form_\(c.dropFirst("atf form ".count))" }
            return "nfa_forms_processed_\(slug(c))"
        case .registrationsByState:
            switch c {
            case "weapon": return "nfa_registered_any_other_weapons"
            case "device": return "nfa_registered_destructive_devices"
            case "machinegun": return "nfa_registered_machineguns"
            case "silencer": return "nfa_registered_silencers"
            case "rifle": return "nfa_registered_short_barreled_rifles"
            case "shotgun": return "nfa_registered_short_barreled_shotguns"
            default: return "nfa_registered_\(slug(c))"
            }
        case .taxpayersByState: return "sot_taxpayers_\(slug(c))"
        case .licensees:
            let types = [
                "dealer": "01", "pawnbroker": "02", "collector": "03", "mfg ammunition": "06", "mfg firearms": "07",
                "importer": "08", "dd dealer": "09", "dd manufacturer": "10", "dd importer": "11", "total": "total",
            ]
            return "ffl_count_\(types[c] ?? slug(c))"
        case .inspections:
            switch c {
            case "inspections": return "ffl_inspections"
            case "total licensees": return "ffl_count_total"
            case "business entities": return "ffl_business_entities"
            case "percent inspected":
                return index <= 3 ? "ffl_inspected_percent_of_licensees" : "ffl_inspected_percent_of_business_entities"
            default: return "ffl_\(slug(c))"
            }
        }
    }

    public static func read(path: String) throws(FormatError) -> [RowResult<AreaMeasure>] {
        var counts = RowCounts()
        return try read(path: path, counts: &counts)
    }

    /// ``read(path:)``, counting the rows read and skipped (notes and blank rows).
    public static func read(path: String, counts: inout RowCounts) throws(FormatError) -> [RowResult<AreaMeasure>] {
        let csv = try CSVReader(path: path)
        guard let header = csv.next()?.fields else { throw FormatError(file: path, reason: "empty file") }
        let base = INEGIDeathRecordReader.baseName(path)
        guard let exhibit = exhibit(header: header, fileName: base) else {
            throw FormatError(
                file: path,
                line: 1,
                reason:
                    "not an ATF commerce exhibit IronTrace reads (header: \(header.prefix(6).joined(separator: ", ")))"
                    + "; manufacturing and exports share one header, so their file names must say which"
            )
        }
        let long = exhibit == .manufacturing && header.map(label).contains("firearmtype")
        var importYear: Int?
        if exhibit == .importCountries {
            importYear = INEGIDeathRecordReader.yearInName(base)
            if importYear == nil {
                throw FormatError(
                    file: path,
                    reason: "import countries: the year must be in the file name (05-2015-...)"
                )
            }
        }
        var out: [RowResult<AreaMeasure>] = []
        while let r = csv.next() {
            counts.rowsRead += 1
            let f = r.fields
            func reject(_ c: Int, _ reason: String) {
                out.append(
                    .rejected(Rejection(file: csv.fileName, record: r, header: header, column: c, reason: reason))
                )
            }
            if let damage = r.damage(file: csv.fileName, header: header) {
                out.append(.rejected(damage))
                continue
            }
            let key = f.first?.trimmingASCIISpaces() ?? ""
            if f.dropFirst().allSatisfy({ $0.trimmingASCIISpaces().isEmpty }) {
                // A blank row or a note ("Source: ...", "1 Includes ..."): nothing to store.
                counts.rowsSkipped += 1
                continue
            }
            guard f.count == header.count else {
                reject(-1, "expected \(header.count) fields, found \(f.count)")
                continue
            }
            let area: AreaCode
            var period: String
            var prefix = ""
            switch exhibit {
            case .registrationsByState, .taxpayersByState:
                guard let s = USState.lookup(key) else {
                    reject(0, "not a US state (ATF's \"Other US Territories\" is several territories, not one area)")
                    continue
                }
                area = .usState(s)
                period = "2016"
            case .importCountries:
                let country = label(key)
                guard !country.isEmpty else {
                    reject(0, "no country")
                    continue
                }
                area = .country("US")
                period = String(importYear!)
                prefix = "firearms_imported_from:\(String(key.reversed().drop { $0.isNumber }.reversed()))"
            default:
                guard let y = Int(key), (1900...2100).contains(y) else {
                    reject(0, "not a year")
                    continue
                }
                area = .country("US")
                period = String(y)
            }
            if long {
                guard let v = figure(f[2]) else {
                    reject(2, "not a figure: \(f[2].prefix(40))")
                    continue
                }
                out.append(
                    .record(
                        AreaMeasure(
                            area: area,
                            period: period,
                            measure: measure(exhibit, column: f[1], index: 1),
                            value: v,
                            source: source
                        ),
                        line: r.line
                    )
                )
                continue
            }
            for i in 1..<f.count {
                guard let v = figure(f[i]) else {
                    reject(i, "not a figure")
                    continue
                }
                let m = measure(exhibit, column: header[i], index: i)
                out.append(
                    .record(
                        AreaMeasure(
                            area: area,
                            period: period,
                            measure: prefix.isEmpty ? m : "\(prefix):\(m)",
                            value: v,
                            source: source
                        ),
                        line: r.line
                    )
                )
            }
        }
        return out
    }

    /// A published figure: `1,234`, `$596,000`, `6.7%`, range-checked (0 ... one billion dollars or items).
    static func figure(_ text: String) -> Double? {
        var t = text.trimmingASCIISpaces()
        if t.hasPrefix("$") { t.removeFirst() }
        if t.hasSuffix("%") { t.removeLast() }
        switch NumberField.number(t, in: 0...Double(NumberField.maxCount), what: "figure") {
        case .success(let v): return v
        case .failure: return nil
        }
    }
}
