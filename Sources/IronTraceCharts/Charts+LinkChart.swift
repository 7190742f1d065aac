import Foundation
import IronTraceCore

/// Link charts: entities as coloured dots, links as lines, laid out by a deterministic
/// force-directed pass (Fruchterman–Reingold), so the same graph always draws the same picture.
extension Charts {
    public struct LinkNode: Sendable {
        /// A reference such as `person:12`, kept as `data-id` for scripts and tests.
        public var id: String
        /// The entity kind (`person`, `dealer`, ...): colour and legend.
        public var kind: String
        /// Shown on hover, and beside the dot for kinds in `labelledKinds`.
        public var label: String
        public init(id: String, kind: String, label: String) {
            self.id = id
            self.kind = kind
            self.label = label
        }
    }

    public struct LinkEdge: Sendable {
        /// Positions in the node list.
        public var source: Int
        public var target: Int
        public var kind: String
        public init(source: Int, target: Int, kind: String) {
            self.source = source
            self.target = target
            self.kind = kind
        }
    }

    static let linkPalette = ["#b91c1c", "#1d4ed8", "#047857", "#b45309", "#7c3aed", "#0e7490", "#be185d", "#4d7c0f"]

    public static func linkChart(
        _ frame: Frame,
        nodes: [LinkNode],
        edges: [LinkEdge],
        labelledKinds: Set<String> = ["person", "dealer", "event"]
    ) -> String {
        var c = SVGCanvas(frame)
        let u = c.unit
        let t = frame.text
        let box = (
            left: 12 * u, top: c.contentTop + 6 * u, right: frame.width - 110 * u, bottom: frame.height - c.footerHeight
        )
        let position = layout(count: nodes.count, edges: edges, box: box)
        var kinds: [String] = []
        for n in nodes where !kinds.contains(n.kind) { kinds.append(n.kind) }
        func color(_ kind: String) -> String { linkPalette[(kinds.firstIndex(of: kind) ?? 0) % linkPalette.count] }
        for e in edges where e.source < nodes.count && e.target < nodes.count {
            let a = position[e.source]
            let b = position[e.target]
            c.add(
                "<line x1=\"\(SVGCanvas.n(a.x))\" y1=\"\(SVGCanvas.n(a.y))\" x2=\"\(SVGCanvas.n(b.x))\" "
                    + "y2=\"\(SVGCanvas.n(b.y))\" stroke=\"#9ca3af\" stroke-width=\"1\" data-kind=\"\(SVGCanvas.escape(e.kind))\">"
                    + "<title>\(SVGCanvas.escape(e.kind))</title></line>"
            )
        }
        let labelAll = nodes.count <= 40
        for (i, n) in nodes.enumerated() {
            let p = position[i]
            c.add(
                "<circle cx=\"\(SVGCanvas.n(p.x))\" cy=\"\(SVGCanvas.n(p.y))\" r=\"\(SVGCanvas.n(4 * u))\" fill=\"\(color(n.kind))\" "
                    + "stroke=\"#fff\" data-id=\"\(SVGCanvas.escape(n.id))\"><title>\(SVGCanvas.escape(n.label))</title></circle>"
            )
            if labelAll || labelledKinds.contains(n.kind) {
                c.text(String(n.label.prefix(24)), x: p.x + 6 * u, y: p.y + 3.5 * u, size: 10, fill: "#333")
            }
        }
        // Legend: kinds with their counts.
        let lx = frame.width - 100 * u
        var y = box.top + 4 * u
        c.text(t.entities, x: lx, y: y, size: 11, weight: "bold")
        for k in kinds {
            y += 15 * u
            c.add(
                "<circle cx=\"\(SVGCanvas.n(lx + 5 * u))\" cy=\"\(SVGCanvas.n(y - 3.5 * u))\" r=\"\(SVGCanvas.n(4 * u))\" fill=\"\(color(k))\"/>"
            )
            c.text("\(k) (\(nodes.filter { $0.kind == k }.count))", x: lx + 13 * u, y: y, size: 10)
        }
        c.text(t.fill(t.links, ["n": t.number(Double(edges.count))]), x: lx, y: y + 18 * u, size: 10, fill: "#555")
        return c.document()
    }

    /// Fruchterman–Reingold in a box: start on a golden-angle spiral (deterministic), 200 rounds of
    /// repulsion between all pairs and attraction along links, with a cooling step size. Public for
    /// pages that draw the chart themselves.
    public static func layout(
        count n: Int,
        edges: [LinkEdge],
        box: (left: Double, top: Double, right: Double, bottom: Double)
    ) -> [(x: Double, y: Double)] {
        guard n > 0 else { return [] }
        let width = box.right - box.left
        let height = box.bottom - box.top
        let cx = box.left + width / 2
        let cy = box.top + height / 2
        var x = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let r = min(width, height) / 2 * (Double(i) + 0.5).squareRoot() / Double(n).squareRoot()
            let angle = Double(i) * 2.399_963_229_728_653
            x[i] = cx + r * cos(angle)
            y[i] = cy + r * sin(angle)
        }
        let k = (width * height / Double(n)).squareRoot() * 0.6
        var step = min(width, height) / 10
        for _ in 0..<200 {
            var dx = [Double](repeating: 0, count: n)
            var dy = [Double](repeating: 0, count: n)
            for i in 0..<n {
                for j in (i + 1)..<n {
                    var ux = x[i] - x[j]
                    var uy = y[i] - y[j]
                    var d = (ux * ux + uy * uy).squareRoot()
                    if d < 0.01 {
                        ux = 0.01 * Double(i - j)
                        uy = 0.01
                        d = (ux * ux + uy * uy).squareRoot()
                    }
                    let f = k * k / d
                    dx[i] += ux / d * f
                    dy[i] += uy / d * f
                    dx[j] -= ux / d * f
                    dy[j] -= uy / d * f
                }
            }
            for e in edges where e.source < n && e.target < n && e.source != e.target {
                let ux = x[e.source] - x[e.target]
                let uy = y[e.source] - y[e.target]
                let d = max((ux * ux + uy * uy).squareRoot(), 0.01)
                let f = d * d / k
                dx[e.source] -= ux / d * f
                dy[e.source] -= uy / d * f
                dx[e.target] += ux / d * f
                dy[e.target] += uy / d * f
            }
            for i in 0..<n {
                let d = max((dx[i] * dx[i] + dy[i] * dy[i]).squareRoot(), 0.01)
                x[i] = min(box.right, max(box.left, x[i] + dx[i] / d * min(d, step)))
                y[i] = min(box.bottom, max(box.top, y[i] + dy[i] / d * min(d, step)))
            }
            step = max(step * 0.97, 0.5)
        }
        return (0..<n).map { (x[$0], y[$0]) }
    }
}
