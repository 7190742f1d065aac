/// SVG charts: pure functions from numbers to SVG text. Each chart has a title, axis labels with
/// units, the data source and, for synthetic data, a visible mark (see ``SVGCanvas``).
public enum Charts {
    /// What every chart states about itself.
    public struct Frame: Sendable {
        public var title: String
        /// The filter or period shown under the title.
        public var subtitle: String?
        public var source: String
        public var synthetic: Bool
        public var width: Double
        public var height: Double

        public init(
            title: String,
            subtitle: String? = nil,
            source: String,
            synthetic: Bool,
            width: Double = 960,
            height: Double = 600
        ) {
            self.title = title
            self.subtitle = subtitle
            self.source = source
            self.synthetic = synthetic
            self.width = width
            self.height = height
        }
    }

    /// Horizontal bars, largest first as given, with value labels.
    public static func bars(
        _ frame: Frame,
        labels: [String],
        values: [Double],
        valueAxis: String,
        categoryAxis: String,
        digits: Int = 0
    ) -> String {
        let rows = min(labels.count, values.count)
        let height = max(frame.height, 110 + Double(rows) * 22 + 60)
        var c = SVGCanvas(width: frame.width, height: height)
        let left = 200.0
        let right = frame.width - 90
        let top = 80.0
        let barHeight = 16.0
        let maximum = values.prefix(rows).max() ?? 0
        let ticks = Label.ticks(maximum)
        let scale = (right - left) / (ticks.last ?? 1)
        let bottom = top + Double(rows) * 22
        for t in ticks {
            let x = left + t * scale
            c.line(x1: x, y1: top - 4, x2: x, y2: bottom, stroke: "#e5e5e5")
            c.text(
                Label.number(t, digits: Label.digits(for: ticks)),
                x: x,
                y: bottom + 16,
                size: 11,
                anchor: "middle",
                fill: "#555"
            )
        }
        for i in 0..<rows {
            let y = top + Double(i) * 22
            c.text(String(labels[i].prefix(30)), x: left - 8, y: y + 12, size: 12, anchor: "end")
            c.rect(
                x: left,
                y: y,
                width: values[i] * scale,
                height: barHeight,
                fill: "#2b6cb0",
                title: "\(labels[i]): \(Label.number(values[i], digits: digits))"
            )
            c.text(
                Label.number(values[i], digits: digits),
                x: left + values[i] * scale + 6,
                y: y + 12,
                size: 11,
                fill: "#333"
            )
        }
        c.line(x1: left, y1: top - 4, x2: left, y2: bottom, stroke: "#333")
        c.text(valueAxis, x: (left + right) / 2, y: bottom + 38, size: 12, anchor: "middle", weight: "bold")
        c.text(categoryAxis, x: 18, y: (top + bottom) / 2, size: 12, anchor: "middle", weight: "bold", rotate: -90)
        return c.document(
            title: frame.title,
            subtitle: frame.subtitle,
            source: frame.source,
            synthetic: frame.synthetic
        )
    }

    /// One line per series over shared x labels (years, months); nil values leave gaps. A marker is
    /// a dashed vertical line at a position in x-label units (0 is the first label; 5.5 halfway
    /// between the sixth and the seventh), e.g. the break of a before/after comparison.
    public static func lines(
        _ frame: Frame,
        x: [String],
        series: [(name: String, values: [Double?])],
        xAxis: String,
        yAxis: String,
        marker: (position: Double, label: String)? = nil
    ) -> String {
        var c = SVGCanvas(width: frame.width, height: frame.height)
        let palette = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#4a5568"]
        let left = 90.0
        let right = frame.width - 30
        let top = 96.0 + Double(series.count) * 18
        let bottom = frame.height - 80
        let maximum = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let ticks = Label.ticks(maximum)
        let yScale = (bottom - top) / (ticks.last ?? 1)
        let step = x.count > 1 ? (right - left) / Double(x.count - 1) : 0
        for t in ticks {
            let y = bottom - t * yScale
            c.line(x1: left, y1: y, x2: right, y2: y, stroke: "#e5e5e5")
            c.text(
                Label.number(t, digits: Label.digits(for: ticks)),
                x: left - 8,
                y: y + 4,
                size: 11,
                anchor: "end",
                fill: "#555"
            )
        }
        let every = max(1, x.count / 12)
        for (i, label) in x.enumerated() where i % every == 0 {
            c.text(label, x: left + Double(i) * step, y: bottom + 18, size: 11, anchor: "middle", fill: "#555")
        }
        c.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#333")
        c.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#333")
        if let marker, marker.position.isFinite, x.count > 1 {
            let mx = left + min(max(marker.position, 0), Double(x.count - 1)) * step
            c.add(
                "<line class=\"marker\" x1=\"\(SVGCanvas.n(mx))\" y1=\"\(SVGCanvas.n(top))\" x2=\"\(SVGCanvas.n(mx))\" y2=\"\(SVGCanvas.n(bottom))\" stroke=\"#c53030\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>"
            )
            c.text(marker.label, x: mx + 6, y: top + 12, size: 11, fill: "#c53030")
        }
        for (k, s) in series.enumerated() {
            let color = palette[k % palette.count]
            var path = ""
            var pen = false
            for (i, v) in s.values.enumerated() {
                guard let v else {
                    pen = false
                    continue
                }
                let px = left + Double(i) * step
                let py = bottom - v * yScale
                path += "\(pen ? "L" : "M")\(SVGCanvas.n(px)) \(SVGCanvas.n(py)) "
                pen = true
                c.add(
                    "<circle cx=\"\(SVGCanvas.n(px))\" cy=\"\(SVGCanvas.n(py))\" r=\"2.5\" fill=\"\(color)\"><title>\(SVGCanvas.escape("\(s.name), \(i < x.count ? x[i] : ""): \(Label.number(v, digits: v < 100 ? 1 : 0))"))</title></circle>"
                )
            }
            c.add("<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>")
            let ly = 84.0 + Double(k) * 18
            c.rect(x: left, y: ly - 9, width: 14, height: 4, fill: color)
            c.text(s.name, x: left + 20, y: ly - 4, size: 12)
        }
        c.text(xAxis, x: (left + right) / 2, y: bottom + 42, size: 12, anchor: "middle", weight: "bold")
        c.text(yAxis, x: 22, y: (top + bottom) / 2, size: 12, anchor: "middle", weight: "bold", rotate: -90)
        return c.document(
            title: frame.title,
            subtitle: frame.subtitle,
            source: frame.source,
            synthetic: frame.synthetic
        )
    }

    /// Source → destination bands (a two-column flow diagram), the largest flows first; sources
    /// and destinations beyond the top ones are grouped as "Other".
    public static func flows(
        _ frame: Frame,
        flows: [(source: String, destination: String, value: Double)],
        sourceAxis: String,
        destinationAxis: String,
        unit: String,
        maxNodes: Int = 10
    ) -> String {
        func top(_ key: (Int) -> String) -> [String] {
            var totals: [String: Double] = [:]
            for (i, f) in flows.enumerated() { totals[key(i), default: 0] += f.value }
            return totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(maxNodes).map(\.key)
        }
        let sources = top { flows[$0].source }
        let destinations = top { flows[$0].destination }
        func group(_ name: String, _ kept: [String]) -> String { kept.contains(name) ? name : "Other" }
        var merged: [String: [String: Double]] = [:]
        for f in flows {
            merged[group(f.source, sources), default: [:]][group(f.destination, destinations), default: 0] += f.value
        }
        let left = sources + (merged["Other"] != nil ? ["Other"] : [])
        let rightNodes =
            destinations + (merged.values.contains { $0["Other"] != nil } ? ["Other"] : [])
        let total = flows.map(\.value).reduce(0, +)
        var c = SVGCanvas(width: frame.width, height: frame.height)
        let top = 90.0
        let bottom = frame.height - 60
        let gap = 6.0
        let usable = bottom - top - gap * Double(max(left.count, rightNodes.count))
        let scale = total > 0 ? usable / total : 0
        let x1 = 230.0
        let x2 = frame.width - 230
        var leftY: [String: Double] = [:]
        var y = top
        for s in left {
            let v = merged[s]?.values.reduce(0, +) ?? 0
            leftY[s] = y
            c.rect(
                x: x1 - 12,
                y: y,
                width: 12,
                height: v * scale,
                fill: "#2b6cb0",
                title: "\(s): \(Label.number(v)) \(unit)"
            )
            c.text("\(s) (\(Label.number(v)))", x: x1 - 18, y: y + v * scale / 2 + 4, size: 12, anchor: "end")
            y += v * scale + gap
        }
        var rightY: [String: Double] = [:]
        y = top
        for d in rightNodes {
            let v = merged.values.map { $0[d] ?? 0 }.reduce(0, +)
            rightY[d] = y
            c.rect(
                x: x2,
                y: y,
                width: 12,
                height: v * scale,
                fill: "#c05621",
                title: "\(d): \(Label.number(v)) \(unit)"
            )
            c.text("\(d) (\(Label.number(v)))", x: x2 + 18, y: y + v * scale / 2 + 4, size: 12)
            y += v * scale + gap
        }
        var leftOffset = leftY
        var rightOffset = rightY
        for s in left {
            for d in rightNodes {
                guard let v = merged[s]?[d], v > 0 else { continue }
                let h = v * scale
                let ys = leftOffset[s]!
                let yd = rightOffset[d]!
                leftOffset[s]! += h
                rightOffset[d]! += h
                let mid = (x1 + x2) / 2
                let path =
                    "M\(SVGCanvas.n(x1)) \(SVGCanvas.n(ys)) C\(SVGCanvas.n(mid)) \(SVGCanvas.n(ys)) \(SVGCanvas.n(mid)) \(SVGCanvas.n(yd)) \(SVGCanvas.n(x2)) \(SVGCanvas.n(yd)) "
                    + "L\(SVGCanvas.n(x2)) \(SVGCanvas.n(yd + h)) C\(SVGCanvas.n(mid)) \(SVGCanvas.n(yd + h)) \(SVGCanvas.n(mid)) \(SVGCanvas.n(ys + h)) \(SVGCanvas.n(x1)) \(SVGCanvas.n(ys + h)) Z"
                c.add(
                    "<path d=\"\(path)\" fill=\"#2b6cb0\" fill-opacity=\"0.28\" stroke=\"#2b6cb0\" stroke-opacity=\"0.4\" stroke-width=\"0.5\"><title>\(SVGCanvas.escape("\(s) → \(d): \(Label.number(v)) \(unit)"))</title></path>"
                )
            }
        }
        c.text(sourceAxis, x: x1 - 6, y: top - 14, size: 13, anchor: "end", weight: "bold")
        c.text(destinationAxis, x: x2 + 6, y: top - 14, size: 13, weight: "bold")
        c.text(
            "Band width: \(unit) (total \(Label.number(total)))",
            x: frame.width / 2,
            y: top - 14,
            size: 12,
            anchor: "middle",
            fill: "#555"
        )
        return c.document(
            title: frame.title,
            subtitle: frame.subtitle,
            source: frame.source,
            synthetic: frame.synthetic
        )
    }
}
