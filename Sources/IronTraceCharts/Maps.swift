import Foundation
import IronTraceCore

/// Choropleth maps of Mexican states, Mexican municipalities and US states, from the simplified
/// geometry embedded in `Resources` (see tools/make_geometry.py for its sources and licences).
extension Charts {
    public enum MapKind: String, CaseIterable, Sendable {
        case mexicoStates = "mx-states"
        case mexicoMunicipalities = "mx-municipalities"
        case usStates = "us-states"

        var resource: String {
            switch self {
            case .mexicoStates: "mx_states"
            case .mexicoMunicipalities: "mx_municipalities"
            case .usStates: "us_states"
            }
        }

        func geometrySource(_ t: ChartText) -> String {
            switch self {
            case .usStates: "\(t.boundaries): US Census Bureau"
            default: "\(t.boundaries): INEGI Marco Geoestadístico (mxmaps)"
            }
        }
    }

    /// Sequential palette, light to dark, and the colour for areas without data (grey, never used
    /// for a zero: a zero is a figure and takes the lowest class's colour).
    static let palette = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"]
    static let noData = "#d4d4d4"

    /// One legend class: values from `low` to `high`, both included, as shown at the map's digits.
    public struct MapClass: Sendable, Equatable {
        public var low: Double
        public var high: Double
        public init(low: Double, high: Double) {
            self.low = low
            self.high = high
        }
    }

    /// A choropleth: each area filled by its class (see ``mapClasses(_:digits:)``), with a legend
    /// giving each class's range and unit. `values` is keyed by area code (`MX-14`, `MX-14039`,
    /// `US-TX`); an area absent from it has no data, an area with 0 is drawn in the lowest class.
    /// `areaLink` (with `{area}` for the code) wraps each area in a link, e.g. the page filtered to
    /// it; `focus` (a state code such as `MX-14`) draws only that state's municipalities.
    public static func choropleth(
        _ frame: Frame,
        map: MapKind,
        values: [String: Double],
        unit: String,
        digits: Int = 1,
        areaLink: String? = nil,
        focus: String? = nil
    ) -> String {
        let t = frame.text
        var shapes = Geometry.shapes(map)
        if let focus, map == .mexicoMunicipalities {
            let kept = shapes.filter { $0.area.hasPrefix(focus) && $0.area.count == focus.count + 3 }
            if !kept.isEmpty { shapes = kept }
        }
        let probe = SVGCanvas(frame)
        let u = probe.unit
        let legendWidth = 118 * u
        let legendTitle = SVGCanvas.wrap(unit, chars: Int(legendWidth / (10 * u * 0.56)), lines: 3)
        let classes = mapClasses(Array(values.values), digits: digits)
        // The legend (title, classes, "no data", the count of areas with data) ends above the footer:
        // the canvas grows rather than let a long Spanish legend run into the source line.
        let legendBottom =
            probe.contentTop + 16 * u + Double(legendTitle.count) * 12 * u + 2 * u + Double(classes.count) * 15 * u
            + 11 * u + 28 * u + 8 * u
        var c = SVGCanvas(frame, height: max(frame.height, legendBottom + probe.footerHeight))
        let box = (
            x: 6 * u, y: c.contentTop, w: frame.width - legendWidth - 12 * u,
            h: frame.height - c.contentTop - c.footerHeight
        )
        let fit = Geometry.fit(shapes.flatMap { $0.rings.flatMap { $0 } }, into: box)
        func color(_ v: Double?) -> String {
            guard let v, let k = classIndex(v, classes, digits: digits) else { return noData }
            return classColor(k, of: classes.count)
        }
        let thin = map == .mexicoMunicipalities && focus == nil
        for shape in shapes {
            let v = values[shape.area]
            let d = Geometry.pathData(shape, fit)
            let label =
                "\(Geometry.name(shape.area)): "
                + (v.map { "\(t.number($0, digits: digits)) \(unit)" } ?? t.noData)
            c.linked(
                areaLink.map { $0.replacingOccurrences(of: "{area}", with: shape.area) },
                "<path d=\"\(d)\" fill=\"\(color(v))\" stroke=\"#fff\" stroke-width=\"\(thin ? "0.2" : "0.8")\" fill-rule=\"evenodd\" data-area=\"\(shape.area)\"><title>\(SVGCanvas.escape(label))</title></path>"
            )
        }
        if map == .mexicoMunicipalities {
            for shape in Geometry.shapes(.mexicoStates) where focus == nil || shape.area == focus {
                let d = Geometry.pathData(shape, fit)
                c.add("<path d=\"\(d)\" fill=\"none\" stroke=\"#555\" stroke-width=\"0.6\" pointer-events=\"none\"/>")
            }
        }
        // Legend: one box per class with its range, then "no data".
        let lx = frame.width - legendWidth
        var ly = c.contentTop + 16 * u
        for line in legendTitle {
            c.text(line, x: lx, y: ly, size: 10, weight: "bold")
            ly += 12 * u
        }
        ly += 2 * u
        for (k, cl) in classes.enumerated() {
            c.rect(x: lx, y: ly, width: 14 * u, height: 11 * u, fill: classColor(k, of: classes.count))
            let text =
                cl.low == cl.high
                ? t.number(cl.low, digits: digits)
                : "\(t.number(cl.low, digits: digits))–\(t.number(cl.high, digits: digits))"
            c.text(text, x: lx + 19 * u, y: ly + 9.5 * u, size: 10)
            ly += 15 * u
        }
        c.rect(x: lx, y: ly, width: 14 * u, height: 11 * u, fill: noData)
        c.text(t.noData, x: lx + 19 * u, y: ly + 9.5 * u, size: 10)
        let covered = shapes.filter { values[$0.area] != nil }.count
        c.text(
            t.fill(t.areasWithData, ["covered": t.number(Double(covered)), "total": t.number(Double(shapes.count))]),
            x: lx,
            y: ly + 28 * u,
            size: 10,
            fill: "#555"
        )
        return c.document(source: frame.source + "; " + map.geometrySource(t))
    }

    /// The area codes a map draws (`MX-14`, `MX-14039`, `US-TX`).
    public static func areas(of map: MapKind) -> [String] { Geometry.shapes(map).map(\.area) }

    /// The colour of class `k` of `n`, spread over the palette.
    static func classColor(_ k: Int, of n: Int) -> String {
        let step = n <= 1 ? 0 : (palette.count - 1) * k / (n - 1)
        return palette[min(palette.count - 1, max(0, step))]
    }

    /// The class of a value: the values are compared as shown (rounded to `digits`), so the legend
    /// and the colour always agree.
    static func classIndex(_ v: Double, _ classes: [MapClass], digits: Int) -> Int? {
        guard v.isFinite, let first = classes.first, let last = classes.last else { return nil }
        let r = rounded(v, digits)
        if let k = classes.firstIndex(where: { r >= $0.low && r <= $0.high }) { return k }
        if r < first.low { return 0 }
        if r > last.high { return classes.count - 1 }
        return classes.lastIndex { $0.high < r } ?? 0
    }

    static func rounded(_ v: Double, _ digits: Int) -> Double {
        var s = 1.0
        for _ in 0..<max(0, min(digits, 6)) { s *= 10 }
        return (v * s).rounded() / s
    }

    /// The legend classes for a set of values, at most five, never overlapping: a class of exactly
    /// 0 when some value is 0; then, for counts (`digits` 0), whole-number classes from a 1–2–5
    /// (or 1–5, or decade) sequence, e.g. 1–9, 10–49, 50–99, 100–499; for rates, quantile classes
    /// whose lower bound is one step (10^-digits) above the class below.
    public static func mapClasses(_ values: [Double], digits: Int) -> [MapClass] {
        let shown = values.filter(\.isFinite).map { rounded($0, digits) }.sorted()
        guard let maximum = shown.last else { return [] }
        var out: [MapClass] = []
        let hasZero = shown.first.map { $0 <= 0 } ?? false
        if hasZero { out.append(MapClass(low: min(0, shown.first!), high: 0)) }
        let positive = shown.filter { $0 > 0 }
        guard let minimum = positive.first else { return out }
        let room = palette.count - out.count
        if digits == 0 {
            let low = max(1, minimum.rounded(.down))
            for sequence in [[1.0, 2, 5], [1.0, 5], [1.0]] {
                var edges: [Double] = []
                var magnitude = 1.0
                outer: while true {
                    for m in sequence {
                        let e = m * magnitude
                        if e > maximum { break outer }
                        edges.append(e)
                    }
                    magnitude *= 10
                }
                // Keep the edges that start a class holding values from `low` up.
                let starts = [low] + edges.filter { $0 > low }
                if starts.count <= room || sequence.count == 1 {
                    var kept = starts
                    while kept.count > room { kept.remove(at: 1) }  // merge the lowest decades
                    for (i, s) in kept.enumerated() {
                        let high = i + 1 < kept.count ? kept[i + 1] - 1 : maximum
                        out.append(MapClass(low: s, high: max(s, high)))
                    }
                    return out
                }
            }
            return out
        }
        let step = 1 / rounded(pow10(digits), 0)
        var low = minimum
        for k in 1...room {
            let high = positive[min(positive.count - 1, (positive.count * k + room - 1) / room - 1)]
            if high < low { continue }
            out.append(MapClass(low: low, high: high))
            low = rounded(high + step, digits)
            if high >= maximum { break }
        }
        return out
    }

    static func pow10(_ digits: Int) -> Double {
        var s = 1.0
        for _ in 0..<max(0, min(digits, 6)) { s *= 10 }
        return s
    }
}

/// The embedded outlines, parsed once, in degrees (longitude, latitude).
enum Geometry {
    struct Shape: Sendable {
        let area: String
        let rings: [[(Double, Double)]]
    }

    static let cache: [Charts.MapKind: [Shape]] = {
        var out: [Charts.MapKind: [Shape]] = [:]
        for kind in Charts.MapKind.allCases { out[kind] = load(kind) }
        return out
    }()

    static func shapes(_ kind: Charts.MapKind) -> [Shape] { cache[kind] ?? [] }

    static func load(_ kind: Charts.MapKind) -> [Shape] {
        guard let url = Bundle.module.url(forResource: kind.resource, withExtension: "txt", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        var shapes: [Shape] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "|", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let rings = parts[1].split(separator: ";").map { ring in
                ring.split(separator: " ").compactMap { pair -> (Double, Double)? in
                    let xy = pair.split(separator: ",")
                    guard xy.count == 2, let x = Double(xy[0]), let y = Double(xy[1]) else { return nil }
                    return project(kind, lon: x / 1000, lat: y / 1000)
                }
            }
            shapes.append(Shape(area: String(parts[0]), rings: rings))
        }
        return shapes
    }

    /// Map coordinates (x east, y south). Mexico: equirectangular at 24°N. US: Albers equal-area for
    /// the lower 48 with Alaska and Hawaii as insets below them.
    static func project(_ kind: Charts.MapKind, lon: Double, lat: Double) -> (Double, Double) {
        switch kind {
        case .mexicoStates, .mexicoMunicipalities:
            return (lon * cos(24 * .pi / 180), -lat)
        case .usStates:
            if lat > 50 {  // Alaska, shrunk into the lower left
                let (x, y) = albers(lon: lon > 0 ? lon - 360 : lon, lat: lat, lon0: -154, lat0: 50, p1: 55, p2: 65)
                return (x * 0.35 - 0.33, y * 0.35 + 0.33)
            }
            if lon < -150 {  // Hawaii, beside Alaska
                let (x, y) = albers(lon: lon, lat: lat, lon0: -157, lat0: 13, p1: 8, p2: 18)
                return (x - 0.05, y + 0.42)
            }
            return albers(lon: lon, lat: lat, lon0: -96, lat0: 37.5, p1: 29.5, p2: 45.5)
        }
    }

    static func albers(lon: Double, lat: Double, lon0: Double, lat0: Double, p1: Double, p2: Double) -> (Double, Double)
    {
        let r = Double.pi / 180
        let n = (sin(p1 * r) + sin(p2 * r)) / 2
        let c = cos(p1 * r) * cos(p1 * r) + 2 * n * sin(p1 * r)
        let rho0 = sqrt(c - 2 * n * sin(lat0 * r)) / n
        let rho = sqrt(c - 2 * n * sin(lat * r)) / n
        let theta = n * (lon - lon0) * r
        return (rho * sin(theta), -(rho0 - rho * cos(theta)))
    }

    /// A transform that fits points into a box, keeping the aspect ratio.
    static func fit(_ points: [(Double, Double)], into box: (x: Double, y: Double, w: Double, h: Double))
        -> @Sendable ((Double, Double)) -> (Double, Double)
    {
        guard let minX = points.map(\.0).min(), let maxX = points.map(\.0).max(), let minY = points.map(\.1).min(),
            let maxY = points.map(\.1).max(), maxX > minX, maxY > minY
        else { return { $0 } }
        let s = min(box.w / (maxX - minX), box.h / (maxY - minY))
        let ox = box.x + (box.w - (maxX - minX) * s) / 2
        let oy = box.y + (box.h - (maxY - minY) * s) / 2
        return { p in (ox + (p.0 - minX) * s, oy + (p.1 - minY) * s) }
    }

    /// SVG path data for a shape's rings through a fitted projection.
    static func pathData(_ shape: Shape, _ fit: ((Double, Double)) -> (Double, Double)) -> String {
        shape.rings.map { ring in
            "M"
                + ring.map { p in
                    let q = fit(p); return "\(SVGCanvas.n(q.0)) \(SVGCanvas.n(q.1))"
                }.joined(separator: " L") + " Z"
        }.joined(separator: " ")
    }

    /// A readable name for tooltips.
    static func name(_ area: String) -> String { AreaCode.displayName(of: area) }
}
