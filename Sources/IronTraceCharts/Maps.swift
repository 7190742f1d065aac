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

        var geometrySource: String {
            switch self {
            case .usStates: "boundaries: US Census Bureau"
            default: "boundaries: INEGI Marco Geoestadístico (mxmaps)"
            }
        }
    }

    /// Sequential palette, light to dark, and the colour for areas without data.
    static let palette = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"]
    static let noData = "#e2e2e2"

    /// A choropleth: each area filled by the class of its value (quantile classes, at most five),
    /// with a legend giving each class's range and unit. `values` is keyed by area code (`MX-14`,
    /// `MX-14039`, `US-TX`).
    public static func choropleth(
        _ frame: Frame,
        map: MapKind,
        values: [String: Double],
        unit: String,
        digits: Int = 1
    ) -> String {
        let shapes = Geometry.shapes(map)
        var c = SVGCanvas(width: frame.width, height: frame.height)
        let box = (x: 20.0, y: 70.0, w: frame.width - 240, h: frame.height - 110)
        let fit = Geometry.fit(shapes.flatMap { $0.rings.flatMap { $0 } }, into: box)
        let breaks = classBreaks(values.values.filter(\.isFinite).sorted())
        func color(_ v: Double?) -> String {
            guard let v, v.isFinite else { return noData }
            let k = breaks.firstIndex { v <= $0 } ?? (breaks.count - 1)
            let step = breaks.count <= 1 ? 0 : (palette.count - 1) * k / (breaks.count - 1)
            return palette[min(palette.count - 1, step)]
        }
        let thin = map == .mexicoMunicipalities
        for shape in shapes {
            let v = values[shape.area]
            let d = Geometry.pathData(shape, fit)
            let label =
                "\(Geometry.name(shape.area)): "
                + (v.map { "\(Label.number($0, digits: digits)) \(unit)" } ?? "no data")
            c.add(
                "<path d=\"\(d)\" fill=\"\(color(v))\" stroke=\"#fff\" stroke-width=\"\(thin ? "0.2" : "0.8")\" fill-rule=\"evenodd\" data-area=\"\(shape.area)\"><title>\(SVGCanvas.escape(label))</title></path>"
            )
        }
        if thin {
            for shape in Geometry.shapes(.mexicoStates) {
                let d = Geometry.pathData(shape, fit)
                c.add("<path d=\"\(d)\" fill=\"none\" stroke=\"#555\" stroke-width=\"0.6\"/>")
            }
        }
        // Legend: one box per class with its range, then "no data".
        let lx = frame.width - 200
        var ly = 100.0
        c.text(unit, x: lx, y: ly - 14, size: 12, weight: "bold")
        var low = breaks.isEmpty ? 0 : (values.values.filter(\.isFinite).min() ?? 0)
        for (k, high) in breaks.enumerated() {
            let step = breaks.count <= 1 ? 0 : (palette.count - 1) * k / (breaks.count - 1)
            c.rect(x: lx, y: ly, width: 18, height: 14, fill: palette[min(palette.count - 1, step)])
            c.text(
                "\(Label.number(low, digits: digits)) – \(Label.number(high, digits: digits))",
                x: lx + 26,
                y: ly + 11,
                size: 12
            )
            low = high
            ly += 22
        }
        c.rect(x: lx, y: ly, width: 18, height: 14, fill: noData)
        c.text("no data", x: lx + 26, y: ly + 11, size: 12)
        let covered = shapes.filter { values[$0.area] != nil }.count
        c.text("\(covered) of \(shapes.count) areas with data", x: lx, y: ly + 40, size: 11, fill: "#555")
        return c.document(
            title: frame.title,
            subtitle: frame.subtitle,
            source: frame.source + "; " + map.geometrySource,
            synthetic: frame.synthetic
        )
    }

    /// Upper bounds of up to five quantile classes over sorted values, without repeats.
    static func classBreaks(_ sorted: [Double]) -> [Double] {
        guard !sorted.isEmpty else { return [] }
        var out: [Double] = []
        for k in 1...palette.count {
            let v = sorted[min(sorted.count - 1, (sorted.count * k + palette.count - 1) / palette.count - 1)]
            if out.last.map({ v > $0 }) ?? true { out.append(v) }
        }
        return out
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
