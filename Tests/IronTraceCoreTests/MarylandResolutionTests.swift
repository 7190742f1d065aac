import IronTraceCore
import IronTraceFormats
import IronTraceTesting
import Testing

/// Resolution rates on the real Maryland 2017 regulated-firearm sales file (44,702 rows, about
/// 1,200 spellings of Make). The goals: at least 98% of rows to a catalog manufacturer,
/// at least 97% of calibers.
@Suite(.enabled(if: SharedData.path(SharedData.marylandSales) != nil, "needs ../shared/data (Maryland sales)"))
struct MarylandResolutionTests {
    struct Figures {
        var rows = 0
        var makeResolved = 0
        var unresolvedMakes: [String: Int] = [:]
        var caliberStated = 0
        var caliberResolved = 0
        var caliberAmbiguous = 0
        var unresolvedCalibers: [String: Int] = [:]
    }

    static func measure() throws -> Figures {
        let reader = try CSVReader(path: SharedData.path(SharedData.marylandSales)!)
        let header = reader.next()!.fields
        let make = header.firstIndex(of: "Make")!
        let model = header.firstIndex(of: "Model")!
        let caliber = header.firstIndex(of: "Caliber")!
        var f = Figures()
        let catalog = ManufacturerCatalog.standard
        let calibers = CaliberNormalizer.standard
        while let r = reader.next() {
            f.rows += 1
            let m = catalog.resolve(r.fields[make])
            if m.isResolved { f.makeResolved += 1 } else { f.unresolvedMakes[r.fields[make], default: 0] += 1 }
            let c = calibers.resolve(r.fields[caliber], model: r.fields[model], make: r.fields[make])
            if c.status != .notStated { f.caliberStated += 1 }
            if c.status == .resolved { f.caliberResolved += 1 }
            if c.status == .ambiguous { f.caliberAmbiguous += 1 }
            if c.status == .unresolved || c.status == .ambiguous {
                f.unresolvedCalibers[r.fields[caliber] + " | " + r.fields[model], default: 0] += 1
            }
        }
        return f
    }

    @Test func manufacturerAndCaliberRates() throws {
        let f = try Self.measure()
        #expect(f.rows == 44_702)
        let makeRate = Double(f.makeResolved) / Double(f.rows)
        let caliberRate = Double(f.caliberResolved) / Double(f.caliberStated)
        print("Maryland 2017: make resolved \(f.makeResolved)/\(f.rows) = \(makeRate)")
        print(
            "Maryland 2017: caliber resolved \(f.caliberResolved)/\(f.caliberStated) stated = \(caliberRate); ambiguous \(f.caliberAmbiguous); not stated \(f.rows - f.caliberStated)"
        )
        for (k, v) in f.unresolvedMakes.sorted(by: { $0.value > $1.value }).prefix(40) {
            print("  unresolved make \(v) \(k)")
        }
        for (k, v) in f.unresolvedCalibers.sorted(by: { $0.value > $1.value }).prefix(40) {
            print("  unresolved caliber \(v) \(k)")
        }
        #expect(makeRate >= 0.98)
        #expect(caliberRate >= 0.97)
    }
}
