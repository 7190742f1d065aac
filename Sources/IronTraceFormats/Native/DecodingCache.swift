import IronTraceCore

/// Memoised resolutions for one reader: a file has few distinct makes, calibers and types, so each
/// is resolved once and looked up after that. Owned by a single reader; not shared across threads.
public final class DecodingCache {
    public struct Maker: Sendable {
        public var name: String
        public var country: String
        public var importer: String
    }

    private struct Pair: Hashable {
        var a: String
        var b: String
    }
    private struct CaliberKey: Hashable {
        var raw: String
        var model: String
        var manufacturer: String
        var type: FirearmType
    }

    private var makers: [Pair: Maker] = [:]
    private var calibers: [String: String] = [:]
    private var bareCalibers: [CaliberKey: String] = [:]
    private var types: [String: FirearmType?] = [:]
    private var designs: [String: FirearmDesigns.Design?] = [:]

    /// Most entries a cache keeps: a hostile file of millions of distinct makes must not grow memory
    /// without bound, so a full cache starts over (resolving again is only slower, never wrong).
    static let limit = 50_000

    public init() {}

    /// The canonical manufacturer of a make as written, or of a manufacturer column when given. The
    /// model is read only when it names a design that decides the maker (see ``FirearmDesigns``).
    func manufacturer(make: String, given: String, model: String = "") -> Maker {
        let design = self.design(model)
        let key = Pair(a: make, b: given + (design.map { "\u{1}" + $0.name } ?? ""))
        if let m = makers[key] { return m }
        var result = Maker(name: "", country: "", importer: "")
        let catalog = ManufacturerCatalog.standard
        if !given.isEmpty, let m = catalog.named(given) {
            result = Maker(name: m.name, country: m.country, importer: "")
            if !make.isEmpty, let imp = catalog.resolve(make).importer { result.importer = imp.name }
        } else if !make.isEmpty || !given.isEmpty {
            let r = catalog.resolve(make.isEmpty ? given : make, model: design == nil ? nil : model)
            if let m = r.manufacturer {
                result = Maker(name: m.name, country: m.country, importer: r.importer?.name ?? "")
            }
        }
        if makers.count >= DecodingCache.limit { makers.removeAll(keepingCapacity: true) }
        makers[key] = result
        return result
    }

    /// The canonical caliber, or the raw text when it does not resolve (kept, never lost).
    func caliber(_ raw: String, model: String, manufacturer: String, type: FirearmType) -> String {
        let normalizer = CaliberNormalizer.standard
        if let hit = calibers[raw] { return hit }
        if let c = normalizer.named(raw) {
            if calibers.count >= DecodingCache.limit { calibers.removeAll(keepingCapacity: true) }
            calibers[raw] = c.name
            return c.name
        }
        // Bare numbers depend on model and type: cache per combination.
        let key = CaliberKey(raw: raw, model: model, manufacturer: manufacturer, type: type)
        if let hit = bareCalibers[key] { return hit }
        let r = normalizer.resolve(raw, model: model, make: manufacturer, type: type)
        let value = r.caliber?.name ?? raw
        if bareCalibers.count >= DecodingCache.limit { bareCalibers.removeAll(keepingCapacity: true) }
        bareCalibers[key] = value
        return value
    }

    /// The design a model names, if any (resolving it tokenises the model: once per distinct model,
    /// it was a fifth of an import's time when done for every row).
    private func design(_ model: String) -> FirearmDesigns.Design? {
        if model.isEmpty { return nil }
        if let hit = designs[model] { return hit }
        let d = FirearmDesigns.design(model: model)
        if designs.count >= DecodingCache.limit { designs.removeAll(keepingCapacity: true) }
        designs[model] = d
        return d
    }

    func type(_ raw: String) -> FirearmType? {
        if let t = types[raw] { return t }
        let t = FirearmType(parsing: raw)
        if types.count >= DecodingCache.limit { types.removeAll(keepingCapacity: true) }
        types[raw] = t
        return t
    }
}
