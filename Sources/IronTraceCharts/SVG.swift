import IronTraceCore

/// The frame every chart shares: a title, a subtitle (the filter), the data source in the footer,
/// and, for synthetic data, a visible mark in the corner and the footer. Pure text building, no I/O.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func add(_ element: String) { body += element + "\n" }

    mutating func text(
        _ s: String,
        x: Double,
        y: Double,
        size: Double = 12,
        anchor: String = "start",
        weight: String = "normal",
        fill: String = "#222",
        rotate: Double? = nil
    ) {
        let transform =
            rotate.map { " transform=\"rotate(\(SVGCanvas.n($0)) \(SVGCanvas.n(x)) \(SVGCanvas.n(y)))\"" } ?? ""
        add(
            "<text x=\"\(SVGCanvas.n(x))\" y=\"\(SVGCanvas.n(y))\" font-size=\"\(SVGCanvas.n(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(SVGCanvas.escape(s))</text>"
        )
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil) {
        let tip = title.map { "<title>\(SVGCanvas.escape($0))</title>" } ?? ""
        add(
            "<rect x=\"\(SVGCanvas.n(x))\" y=\"\(SVGCanvas.n(y))\" width=\"\(SVGCanvas.n(max(0, width)))\" height=\"\(SVGCanvas.n(max(0, height)))\" fill=\"\(fill)\">\(tip)</rect>"
        )
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#999", width: Double = 1) {
        add(
            "<line x1=\"\(SVGCanvas.n(x1))\" y1=\"\(SVGCanvas.n(y1))\" x2=\"\(SVGCanvas.n(x2))\" y2=\"\(SVGCanvas.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVGCanvas.n(width))\"/>"
        )
    }

    /// The finished document with the shared frame.
    func document(title: String, subtitle: String?, source: String, synthetic: Bool) -> String {
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGCanvas.n(width))\" height=\"\(SVGCanvas.n(height))\" viewBox=\"0 0 \(SVGCanvas.n(width)) \(SVGCanvas.n(height))\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n"
        out += "<title>\(SVGCanvas.escape(title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        out +=
            "<text x=\"20\" y=\"32\" font-size=\"20\" font-weight=\"bold\" fill=\"#111\">\(SVGCanvas.escape(title))</text>\n"
        if let subtitle {
            out += "<text x=\"20\" y=\"54\" font-size=\"13\" fill=\"#555\">\(SVGCanvas.escape(subtitle))</text>\n"
        }
        out += body
        let footer = "Source: \(source)" + (synthetic ? ". SYNTHETIC DATA: generated for demonstration." : "")
        out +=
            "<text x=\"20\" y=\"\(SVGCanvas.n(height - 12))\" font-size=\"11\" fill=\"#555\">\(SVGCanvas.escape(footer))</text>\n"
        if synthetic {
            out +=
                "<g class=\"synthetic-mark\"><rect x=\"\(SVGCanvas.n(width - 128))\" y=\"12\" width=\"112\" height=\"26\" rx=\"4\" fill=\"#fff3cd\" stroke=\"#b45309\"/>"
                + "<text x=\"\(SVGCanvas.n(width - 72))\" y=\"30\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#b45309\">SYNTHETIC</text></g>\n"
        }
        out += "</svg>\n"
        return out
    }

    static func escape(_ s: String) -> String { MarkupText.xml(s) }

    /// Coordinates with at most one decimal.
    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        // A coordinate from a non-finite or absurd value is drawn at 0 rather than trapping on Int(_:).
        guard r.isFinite, r.magnitude < 1e15 else { return "0" }
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

/// Label text for axes and values (numbers through Core's `NumberText`) and nice axis ticks.
enum Label {
    static func number(_ v: Double, digits: Int = 0) -> String { NumberText.fixed(v, digits: digits) }

    /// "Nice" axis ticks from 0 to at least `maximum`.
    static func ticks(_ maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var t = 0.0
        while t < maximum + step * 0.999 && ticks.count <= count * 3 {
            ticks.append(t)
            t += step
        }
        return ticks
    }

    static func digits(for ticks: [Double]) -> Int {
        ticks.contains { $0 != $0.rounded() } ? (ticks.contains { ($0 * 10) != ($0 * 10).rounded() } ? 2 : 1) : 0
    }
}
