import IronTraceCore
import IronTraceDataset

/// The share of homicides committed with a firearm, wherever a loaded source gives both counts, each
/// figure with its source: the pairs of measures are data (``FirearmShare/pairs``), not code paths.
/// A year's count is the source's own yearly figure when it publishes one, else the sum of its
/// months (plus the "month not recorded" figure of the SINAIS table); a year with fewer than 12
/// months says so in its `Months` column. Shares are computed per source and never mixed across
/// sources. State-level figures of Mexico are added up to the nation; municipal figures (partial
/// coverage, such as SESNSP's Guanajuato table) are shown for their state and never added into the
/// nation.
struct FirearmShare {
    /// A firearm measure and the all-homicides measure of the same source to divide it by.
    struct Pair: Sendable {
        var label: String
        /// The source, or `nil` for any source.
        var source: String?
        var firearm: @Sendable (String) -> Bool
        var all: @Sendable (String) -> Bool
    }

    static let pairs: [Pair] = [
        Pair(
            label: "Firearm homicides / homicides (death records)",
            source: nil,
            firearm: { $0 == "firearm_homicides" || $0 == "firearm_homicides_month_unspecified" },
            all: { $0 == "homicides" || $0 == "homicides_month_unspecified" }
        ),
        Pair(
            label: "Municipalities near the US border (death records)",
            source: nil,
            firearm: { $0 == "firearm_homicides_us_border_municipalities" },
            all: { $0 == "homicides_us_border_municipalities" }
        ),
        Pair(
            label: "Intentional homicide investigation files, \"Con arma de fuego\" / all modalities",
            source: "SESNSP",
            firearm: { $0 == "carpetas:Homicidio doloso:Con arma de fuego" },
            all: { $0.hasPrefix("carpetas:Homicidio doloso:") }
        ),
        Pair(
            label: "Intentional homicide victims, \"Con arma de fuego\" / all modalities",
            source: "SESNSP",
            firearm: { $0.hasPrefix("victimas:Homicidio doloso:Con arma de fuego") },
            all: { $0.hasPrefix("victimas:Homicidio doloso:") }
        ),
    ]

    struct Key: Hashable {
        var pair: Int
        var source: String
        var area: String
        var year: Int
        /// How the area's figures were formed: published for it, or added up from its states or municipalities.
        var level: Level
    }

    enum Level: Int, Comparable {
        case published, sumOfStates, sumOfMunicipalities
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var label: String {
            switch self {
            case .published: ""
            case .sumOfStates: "sum of states"
            case .sumOfMunicipalities: "sum of municipalities"
            }
        }
    }

    /// One measure's figures for a key: a yearly figure and/or months.
    struct Figures {
        var year: Double?
        var monthSum = 0.0
        var months: Set<Int> = []
    }

    struct Row {
        var key: Key
        var firearm: Double
        var all: Double
        /// Months present when the year is summed from months (`nil` when a yearly figure was published).
        var months: Int?
    }

    private(set) var rows: [Row] = []

    init(_ d: Dataset, area filterArea: AreaCode?, years: ClosedRange<Int>?) {
        let m = d.measures
        // Which pair and role each measure string code has (memoised: few distinct measures).
        var role: [Int32: [(pair: Int, firearm: Bool)]] = [:]
        func roles(_ code: Int32) -> [(pair: Int, firearm: Bool)] {
            if let r = role[code] { return r }
            let name = d.strings[code]
            var out: [(Int, Bool)] = []
            for (i, p) in FirearmShare.pairs.enumerated() {
                if p.firearm(name) { out.append((i, true)) }
                if p.all(name) { out.append((i, false)) }
            }
            role[code] = out
            return out
        }
        // key → (firearm?, measure code) → figures
        var figures: [Key: [Bool: [Int32: Figures]]] = [:]
        for i in 0..<m.count {
            let r = roles(m.measure[i])
            if r.isEmpty { continue }
            let source = d.strings[m.source[i]]
            let periodText = d.strings[m.period[i]]
            let parts = periodText.split(separator: "-")
            guard let year = parts.first.flatMap({ Int($0) }) else { continue }
            if let years, !years.contains(year) { continue }
            let month = parts.count == 2 ? Int(parts[1]) : nil
            guard let area = try? AreaCode(parsing: d.strings[m.area[i]]) else { continue }
            // The area the figure counts in.
            let group: String
            var level = Level.published
            if let f = filterArea {
                if area == f {
                    group = f.description
                } else if case .mexicanState = f, case .mexicanMunicipality = area, area.mexicanState == f.mexicanState
                {
                    group = f.description
                    level = .sumOfMunicipalities
                } else if f == .country("MX"), case .mexicanState = area {
                    group = "MX"
                    level = .sumOfStates
                } else {
                    continue
                }
            } else {
                switch area {
                case .mexicanState:
                    group = "MX"
                    level = .sumOfStates
                case .mexicanMunicipality:
                    group = "MX-\(area.mexicanState!.codeString)"
                    level = .sumOfMunicipalities
                default: group = area.description
                }
            }
            for (pair, firearm) in r {
                if let s = FirearmShare.pairs[pair].source, s != source { continue }
                let key = Key(pair: pair, source: source, area: group, year: year, level: level)
                var f = figures[key, default: [:]][firearm, default: [:]][m.measure[i], default: Figures()]
                if let month {
                    f.monthSum += m.value[i]
                    f.months.insert(month)
                } else {
                    f.year = (f.year ?? 0) + m.value[i]
                }
                figures[key, default: [:]][firearm, default: [:]][m.measure[i]] = f
            }
        }
        for (key, sides) in figures {
            guard let fs = sides[true], let all = sides[false] else { continue }
            func total(_ byMeasure: [Int32: Figures]) -> (Double, Set<Int>, Bool) {
                var v = 0.0
                var months = Set<Int>()
                var monthly = false
                for f in byMeasure.values {
                    // A published yearly figure wins over the sum of the months of the same measure.
                    if let y = f.year {
                        v += y
                    } else {
                        v += f.monthSum
                        months.formUnion(f.months)
                        monthly = true
                    }
                }
                return (v, months, monthly)
            }
            let (fv, fm, fMonthly) = total(fs)
            let (av, am, aMonthly) = total(all)
            rows.append(
                Row(
                    key: key,
                    firearm: fv,
                    all: av,
                    months: (fMonthly || aMonthly) ? fm.union(am).count : nil
                )
            )
        }
        rows.sort {
            ($0.key.area, $0.key.pair, $0.key.source, $0.key.level, $0.key.year)
                < ($1.key.area, $1.key.pair, $1.key.source, $1.key.level, $1.key.year)
        }
    }
}

extension Analytics {
    func firearmShareReport(_ filter: ReportFilter) -> Report {
        var r = newReport(.firearmShare, filter)
        let share = FirearmShare(dataset, area: filter.recoveryArea, years: filter.years)
        r.notes.append(
            "Share = firearm count / all-homicides count of the same source, area and year; sources are never mixed."
        )
        r.notes.append(
            "SINAIS: Secretaría de Salud death records 1998–2008 (the \"Assault-Weapons\" study's tables); SESNSP: "
                + "investigation files and victims reported by state prosecutors (modality \"Con arma de fuego\")."
        )
        r.notes.append(
            "The INEGI 2024 death records (inegi-death-records) carry no cause or means of death, so they give no firearm share."
        )
        var t = ReportTable(
            id: "by_year",
            title: "Firearm share of homicides by source, area and year",
            columns: [
                .init("Area"), .init("Year"), .init("Series"), .init("Source"),
                .init("Firearm homicides", unit: "count"), .init("Homicides", unit: "count"),
                .init("Firearm share", unit: "%"), .init("Months", unit: "months"), .init("Coverage"),
            ],
            source: "each row's Source column"
        )
        for row in share.rows {
            let area = Analytics.areaName(row.key.area)
            t.rows.append([
                .text(area), .text(String(row.key.year)), .text(FirearmShare.pairs[row.key.pair].label),
                .text(row.key.source), .whole(row.firearm), .whole(row.all),
                row.all > 0 ? Cell.share(row.firearm / row.all) : Cell.empty,
                row.months.map { Cell.count($0) } ?? Cell.text("year"),
                .text(row.key.level.label),
            ])
        }
        if t.rows.isEmpty {
            r.notes.append(
                "No source with both firearm and all homicides loaded: import guns-month.csv (firearm-homicides-month), "
                    + "SESNSP incidence or victims files."
            )
        }
        r.tables.append(t)
        return r
    }
}
