/// SVG charts: pure functions from numbers to SVG text. Each chart has a title, axis labels with
/// units, the data source and, for synthetic data, a visible mark (see ``SVGCanvas``). Every word a
/// chart writes on its own comes from the frame's ``ChartText``; numbers are formatted by it too.
public enum Charts {
    /// What every chart states about itself.
    public struct Frame: Sendable {
        /// What is counted and for whom ("Traced guns recovered in Mexico, by year of recovery").
        public var title: String
        /// The filter or period shown under the title.
        public var subtitle: String?
        public var source: String
        public var synthetic: Bool
        /// The viewBox size; text scales with the width (see ``SVGCanvas``).
        public var width: Double
        public var height: Double
        /// The chart's own words and number format.
        public var text: ChartText

        public init(
            title: String,
            subtitle: String? = nil,
            source: String,
            synthetic: Bool,
            width: Double = 640,
            height: Double = 420,
            text: ChartText = .english
        ) {
            self.title = title
            self.subtitle = subtitle
            self.source = source
            self.synthetic = synthetic
            self.width = width
            self.height = height
            self.text = text
        }
    }

    /// Horizontal bars, largest first as given, with value labels. With `digits` 0 the values are
    /// counts and the axis has whole-number ticks. `links` (by row, optional) wrap a row's label and
    /// bar in a link, e.g. to the dealer's page.
    public static func bars(
        _ frame: Frame,
        labels: [String],
        values: [Double],
        valueAxis: String,
        categoryAxis: String,
        digits: Int = 0,
        links: [String?] = []
    ) -> String {
        let rows = min(labels.count, values.count)
        let probe = SVGCanvas(frame)
        let u = probe.unit
        let row = 20 * u
        // A line for the category axis's title between the subtitle and the first bar.
        let top = probe.contentTop + 18 * u
        let height = max(frame.height, top + Double(rows) * row + 40 * u + probe.footerHeight)
        var c = SVGCanvas(frame, height: height)
        let t = frame.text
        let longest = labels.prefix(rows).map { min($0.count, 40) }.max() ?? 0
        let left = min(frame.width * 0.55, max(60 * u, Double(longest) * 11 * u * 0.56 + 16 * u))
        let maxChars = Int((left - 12 * u) / (11 * u * 0.56))
        let maximum = values.prefix(rows).filter(\.isFinite).max() ?? 0
        let valueRoom = c.textWidth(t.number(maximum, digits: digits), size: 10) + 8 * u
        let right = frame.width - max(12 * u, valueRoom)
        let barHeight = 14 * u
        let ticks = Label.ticks(maximum, count: 4, integer: digits == 0)
        let scale = (right - left) / (ticks.last ?? 1)
        let bottom = top + Double(rows) * row
        for tick in ticks {
            let x = left + tick * scale
            c.line(x1: x, y1: top - 4 * u, x2: x, y2: bottom, stroke: "#e5e5e5")
            c.text(
                t.number(tick, digits: digits == 0 ? 0 : Label.digits(for: ticks)),
                x: x,
                y: bottom + 13 * u,
                size: 10,
                anchor: "middle",
                fill: "#555"
            )
        }
        for i in 0..<rows {
            let y = top + Double(i) * row
            let v = values[i].isFinite ? values[i] : 0
            let label = labels[i].count > maxChars ? String(labels[i].prefix(maxChars - 1)) + "…" : labels[i]
            let tip = "\(labels[i]): \(t.number(v, digits: digits))"
            let element =
                "<g class=\"bar\"><title>\(SVGCanvas.escape(tip))</title>"
                + "<text x=\"\(SVGCanvas.n(left - 6 * u))\" y=\"\(SVGCanvas.n(y + 11 * u))\" font-size=\"\(SVGCanvas.n(11 * u))\" text-anchor=\"end\" fill=\"\(i < links.count && links[i] != nil ? "#1d4ed8" : "#222")\">\(SVGCanvas.escape(label))</text>"
                + "<rect x=\"\(SVGCanvas.n(left))\" y=\"\(SVGCanvas.n(y))\" width=\"\(SVGCanvas.n(max(0, v * scale)))\" height=\"\(SVGCanvas.n(barHeight))\" fill=\"#2b6cb0\"/></g>"
            c.linked(i < links.count ? links[i] : nil, element)
            c.text(t.number(v, digits: digits), x: left + v * scale + 4 * u, y: y + 11 * u, size: 10, fill: "#333")
        }
        c.line(x1: left, y1: top - 4 * u, x2: left, y2: bottom, stroke: "#333")
        c.text(valueAxis, x: (left + right) / 2, y: bottom + 28 * u, size: 11, anchor: "middle", weight: "bold")
        // From the left edge, as the title: anchored at the bars' edge, a long title ("Tiempo de la venta
        // a la recuperación") ran off the chart's left side and over the subtitle.
        c.text(categoryAxis, x: 8 * u, y: top - 8 * u, size: 11, weight: "bold")
        return c.document()
    }

    /// One line per series over shared x labels (years, or months as `YYYY-MM`), evenly spaced: the
    /// caller gives every period of the span, so a period without figures (nil) is a visible gap,
    /// not a skipped label. Periods in `partial` (positions) are drawn as hollow points and noted.
    /// With `integer` the y axis counts in whole numbers. A marker is a dashed vertical line at a
    /// position in x-label units (0 is the first label; 5.5 halfway between the sixth and the
    /// seventh), e.g. the break of a before/after comparison.
    public static func lines(
        _ frame: Frame,
        x: [String],
        series: [(name: String, values: [Double?])],
        xAxis: String,
        yAxis: String,
        marker: (position: Double, label: String)? = nil,
        integer: Bool = false,
        partial: Set<Int> = []
    ) -> String {
        var c = SVGCanvas(frame)
        let t = frame.text
        let u = c.unit
        let palette = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#4a5568"]
        let maximum = series.flatMap { $0.values.compactMap { $0 }.filter(\.isFinite) }.max() ?? 0
        let ticks = Label.ticks(maximum, count: 4, integer: integer)
        let tickDigits = integer ? 0 : Label.digits(for: ticks)
        let tickWidth = ticks.map { c.textWidth(t.number($0, digits: tickDigits), size: 10) }.max() ?? 0
        let left = max(44 * u, tickWidth + 26 * u)
        let right = frame.width - 14 * u
        let legendTop = c.contentTop
        let top = legendTop + Double(series.count) * 15 * u + 6 * u
        let hasPartial = !partial.isEmpty
        let bottom = frame.height - c.footerHeight - (hasPartial ? 46 : 34) * u
        let yScale = (bottom - top) / (ticks.last ?? 1)
        let step = x.count > 1 ? (right - left) / Double(x.count - 1) : 0
        for tick in ticks {
            let y = bottom - tick * yScale
            c.line(x1: left, y1: y, x2: right, y2: y, stroke: "#e5e5e5")
            c.text(
                t.number(tick, digits: tickDigits),
                x: left - 5 * u,
                y: y + 3.5 * u,
                size: 10,
                anchor: "end",
                fill: "#555"
            )
        }
        let shown = x.map { t.period($0) }
        let widest = shown.map { c.textWidth($0, size: 10) }.max() ?? 0
        let fit = max(1, Int((right - left) / (widest + 8 * u)))
        let every = max(1, Int((Double(x.count) / Double(fit)).rounded(.up)))
        for (i, label) in shown.enumerated() where i % every == 0 {
            c.text(label, x: left + Double(i) * step, y: bottom + 13 * u, size: 10, anchor: "middle", fill: "#555")
        }
        c.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#333")
        c.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#333")
        if let marker, marker.position.isFinite, x.count > 1 {
            let mx = left + min(max(marker.position, 0), Double(x.count - 1)) * step
            c.add(
                "<line class=\"marker\" x1=\"\(SVGCanvas.n(mx))\" y1=\"\(SVGCanvas.n(top))\" x2=\"\(SVGCanvas.n(mx))\" y2=\"\(SVGCanvas.n(bottom))\" stroke=\"#c53030\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>"
            )
            c.text(marker.label, x: mx + 4 * u, y: top + 10 * u, size: 10, fill: "#c53030")
        }
        for (k, s) in series.enumerated() {
            let color = palette[k % palette.count]
            var path = ""
            var pen = false
            var points = ""
            for (i, v) in s.values.enumerated() {
                guard let v, v.isFinite else {
                    pen = false
                    continue
                }
                let px = left + Double(i) * step
                let py = bottom - v * yScale
                path += "\(pen ? "L" : "M")\(SVGCanvas.n(px)) \(SVGCanvas.n(py)) "
                pen = true
                let label = i < x.count ? shown[i] : ""
                let tip = "\(s.name), \(label): \(t.number(v, digits: integer ? 0 : (v < 100 ? 1 : 0)))"
                let hollow = partial.contains(i)
                points +=
                    "<circle class=\"\(hollow ? "partial" : "point")\" cx=\"\(SVGCanvas.n(px))\" cy=\"\(SVGCanvas.n(py))\" r=\"\(SVGCanvas.n(2.5 * u))\" fill=\"\(hollow ? "#fff" : color)\" stroke=\"\(color)\" stroke-width=\"\(SVGCanvas.n(0.8 * u))\"><title>\(SVGCanvas.escape(tip))</title></circle>\n"
            }
            c.add("<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(SVGCanvas.n(1.2 * u))\"/>")
            c.add(points)
            let ly = legendTop + Double(k) * 15 * u
            c.rect(x: left, y: ly + 5 * u, width: 12 * u, height: 3 * u, fill: color)
            c.text(s.name, x: left + 16 * u, y: ly + 9 * u, size: 10)
        }
        c.text(xAxis, x: (left + right) / 2, y: bottom + 27 * u, size: 11, anchor: "middle", weight: "bold")
        c.text(yAxis, x: 12 * u, y: (top + bottom) / 2, size: 11, anchor: "middle", weight: "bold", rotate: -90)
        if hasPartial {
            c.text(t.partialPeriod, x: left, y: bottom + 40 * u, size: 10, fill: "#555")
        }
        return c.document()
    }

    /// Source → destination bands (a two-column flow diagram), the largest flows first; sources
    /// and destinations beyond the top ones are grouped as "Other".
    public static func flows(
        _ frame: Frame,
        flows: [(source: String, destination: String, value: Double)],
        sourceAxis: String,
        destinationAxis: String,
        unit: String,
        maxNodes: Int = 8
    ) -> String {
        let t = frame.text
        func top(_ key: (Int) -> String) -> [String] {
            var totals: [String: Double] = [:]
            for (i, f) in flows.enumerated() { totals[key(i), default: 0] += f.value }
            return totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(maxNodes).map(\.key)
        }
        let sources = top { flows[$0].source }
        let destinations = top { flows[$0].destination }
        let other = t.other
        func group(_ name: String, _ kept: [String]) -> String { kept.contains(name) ? name : other }
        var merged: [String: [String: Double]] = [:]
        for f in flows {
            merged[group(f.source, sources), default: [:]][group(f.destination, destinations), default: 0] += f.value
        }
        let left = sources + (merged[other] != nil ? [other] : [])
        let rightNodes =
            destinations + (merged.values.contains { $0[other] != nil } ? [other] : [])
        let total = flows.map(\.value).reduce(0, +)
        let probe = SVGCanvas(frame)
        let u = probe.unit
        let top = probe.contentTop + 30 * u
        let bottom = frame.height - probe.footerHeight - 6 * u
        let gap = 4 * u
        let usable = bottom - top - gap * Double(max(left.count, rightNodes.count))
        let scale = total > 0 ? usable / total : 0
        // Each node keeps at least a label's height, so small neighbours' labels never overlap (six
        // Mexican states of about 3,000 traces each were drawn on top of one another); the canvas
        // grows when the slots need more room than the frame has.
        let slotMinimum = 13 * u
        func slot(_ v: Double) -> Double { max(v * scale, slotMinimum) + gap }
        let leftTotals = left.map { merged[$0]?.values.reduce(0, +) ?? 0 }
        let rightTotals = rightNodes.map { d in merged.values.map { $0[d] ?? 0 }.reduce(0, +) }
        let needed = max(leftTotals.map(slot).reduce(0, +), rightTotals.map(slot).reduce(0, +))
        var c = SVGCanvas(frame, height: max(frame.height, top + needed + 6 * u + probe.footerHeight))
        let x1 = frame.width * 0.34
        let x2 = frame.width * 0.66
        let maxChars = Int((x1 - 20 * u) / (10 * u * 0.56))
        func short(_ s: String, _ v: Double) -> String {
            let n = " (\(t.number(v)))"
            let room = max(4, maxChars - n.count)
            return (s.count > room ? String(s.prefix(room - 1)) + "…" : s) + n
        }
        var leftY: [String: Double] = [:]
        var y = top
        for (s, v) in zip(left, leftTotals) {
            leftY[s] = y
            c.rect(
                x: x1 - 8 * u,
                y: y,
                width: 8 * u,
                height: v * scale,
                fill: "#2b6cb0",
                title: "\(s): \(t.number(v)) \(unit)"
            )
            c.text(short(s, v), x: x1 - 12 * u, y: y + v * scale / 2 + 3.5 * u, size: 10, anchor: "end")
            y += slot(v)
        }
        var rightY: [String: Double] = [:]
        y = top
        for (d, v) in zip(rightNodes, rightTotals) {
            rightY[d] = y
            c.rect(x: x2, y: y, width: 8 * u, height: v * scale, fill: "#c05621", title: "\(d): \(t.number(v)) \(unit)")
            c.text(short(d, v), x: x2 + 12 * u, y: y + v * scale / 2 + 3.5 * u, size: 10)
            y += slot(v)
        }
        var leftOffset = leftY
        var rightOffset = rightY
        for s in left {
            for d in rightNodes {
                guard let v = merged[s]?[d], v > 0, let ys = leftOffset[s], let yd = rightOffset[d] else { continue }
                let h = v * scale
                leftOffset[s] = ys + h
                rightOffset[d] = yd + h
                let mid = (x1 + x2) / 2
                let path =
                    "M\(SVGCanvas.n(x1)) \(SVGCanvas.n(ys)) C\(SVGCanvas.n(mid)) \(SVGCanvas.n(ys)) \(SVGCanvas.n(mid)) \(SVGCanvas.n(yd)) \(SVGCanvas.n(x2)) \(SVGCanvas.n(yd)) "
                    + "L\(SVGCanvas.n(x2)) \(SVGCanvas.n(yd + h)) C\(SVGCanvas.n(mid)) \(SVGCanvas.n(yd + h)) \(SVGCanvas.n(mid)) \(SVGCanvas.n(ys + h)) \(SVGCanvas.n(x1)) \(SVGCanvas.n(ys + h)) Z"
                c.add(
                    "<path d=\"\(path)\" fill=\"#2b6cb0\" fill-opacity=\"0.28\" stroke=\"#2b6cb0\" stroke-opacity=\"0.4\" stroke-width=\"0.5\"><title>\(SVGCanvas.escape("\(s) → \(d): \(t.number(v)) \(unit)"))</title></path>"
                )
            }
        }
        c.text(sourceAxis, x: x1 - 4 * u, y: top - 8 * u, size: 11, anchor: "end", weight: "bold")
        c.text(destinationAxis, x: x2 + 4 * u, y: top - 8 * u, size: 11, weight: "bold")
        c.text(
            t.fill(t.bandWidth, ["unit": unit, "total": t.number(total)]),
            x: frame.width / 2,
            y: top - 22 * u,
            size: 10,
            anchor: "middle",
            fill: "#555"
        )
        return c.document()
    }
}
