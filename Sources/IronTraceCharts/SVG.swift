import IronTraceCore

/// The frame every chart shares: a title (wrapped to the width), a subtitle (the filter), the data
/// source in the footer, and, for synthetic data, a visible mark in the corner and the footer. Pure
/// text building, no I/O.
///
/// Text sizes are given in phone pixels: the size the text has when the chart is shown 360 px wide
/// (the narrowest phone layout). ``text(_:x:y:size:anchor:weight:fill:rotate:)`` scales them by
/// ``unit`` (viewBox width / 360), so no text drawn at 10 or more phone pixels is smaller than 10 px
/// on a phone, whatever the viewBox width.
struct SVGCanvas {
    /// The narrowest width a chart is shown at, in CSS pixels.
    static let phoneWidth = 360.0
    /// The smallest text size at the phone width, in CSS pixels.
    static let minimumPhoneSize = 10.0

    let width: Double
    let height: Double
    let frame: Charts.Frame
    /// ViewBox units per phone pixel.
    let unit: Double
    /// The title, wrapped into lines that fit beside the synthetic mark.
    let titleLines: [String]
    private(set) var body = ""

    init(_ frame: Charts.Frame, height: Double? = nil) {
        self.frame = frame
        width = frame.width
        self.height = height ?? frame.height
        unit = frame.width / SVGCanvas.phoneWidth
        let room = frame.width - 16 * unit - (frame.synthetic ? 84 * unit : 0)
        titleLines = SVGCanvas.wrap(frame.title, chars: max(12, Int(room / (14 * unit * 0.56))), lines: 3)
    }

    /// Where the chart's content may start: below the title lines and the subtitle.
    var contentTop: Double {
        (8 + 17 * Double(titleLines.count) + (frame.subtitle == nil ? 4 : 16) + 8) * unit
    }

    /// Room kept for the footer (source line, synthetic note): four lines, enough for a map's
    /// sources and the synthetic note in Spanish on a phone (three cut it off).
    var footerHeight: Double { 56 * unit }

    /// A text length estimate in viewBox units (Helvetica averages about 0.56 em per character).
    func textWidth(_ s: String, size: Double) -> Double { Double(s.count) * size * unit * 0.56 }

    mutating func add(_ element: String) { body += element + "\n" }

    /// Text at a size in phone pixels (see the type's note).
    mutating func text(
        _ s: String,
        x: Double,
        y: Double,
        size: Double = 11,
        anchor: String = "start",
        weight: String = "normal",
        fill: String = "#222",
        rotate: Double? = nil
    ) {
        let transform =
            rotate.map { " transform=\"rotate(\(SVGCanvas.n($0)) \(SVGCanvas.n(x)) \(SVGCanvas.n(y)))\"" } ?? ""
        add(
            "<text x=\"\(SVGCanvas.n(x))\" y=\"\(SVGCanvas.n(y))\" font-size=\"\(SVGCanvas.n(max(size, SVGCanvas.minimumPhoneSize) * unit))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(SVGCanvas.escape(s))</text>"
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

    /// An element wrapped in a link when there is one (`<a href>` works in static SVG, without script).
    mutating func linked(_ href: String?, _ element: String) {
        guard let href else { return add(element) }
        add("<a href=\"\(SVGCanvas.escape(href))\">\(element)</a>")
    }

    /// The finished document with the shared frame; `source` replaces the frame's source line.
    func document(source: String? = nil) -> String {
        let t = frame.text
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGCanvas.n(width))\" height=\"\(SVGCanvas.n(height))\" viewBox=\"0 0 \(SVGCanvas.n(width)) \(SVGCanvas.n(height))\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">\n"
        out += "<title>\(SVGCanvas.escape(frame.title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
        for (i, line) in titleLines.enumerated() {
            out +=
                "<text x=\"\(SVGCanvas.n(8 * unit))\" y=\"\(SVGCanvas.n((22 + 17 * Double(i)) * unit))\" font-size=\"\(SVGCanvas.n(14 * unit))\" font-weight=\"bold\" fill=\"#111\">\(SVGCanvas.escape(line))</text>\n"
        }
        if let subtitle = frame.subtitle {
            let y = (22 + 17 * Double(titleLines.count) - 2) * unit
            let chars = Int((width - 16 * unit) / (10 * unit * 0.56))
            let shown = subtitle.count > chars ? String(subtitle.prefix(chars - 1)) + "…" : subtitle
            out +=
                "<text x=\"\(SVGCanvas.n(8 * unit))\" y=\"\(SVGCanvas.n(y))\" font-size=\"\(SVGCanvas.n(10 * unit))\" fill=\"#555\"><title>\(SVGCanvas.escape(subtitle))</title>\(SVGCanvas.escape(shown))</text>\n"
        }
        out += body
        var footer = "\(t.source): \(source ?? frame.source)" + (frame.synthetic ? ". \(t.syntheticFooter)" : "")
        let chars = Int((width - 16 * unit) / (10 * unit * 0.56))
        let footerLines = SVGCanvas.wrap(footer, chars: chars, lines: 4)
        footer = ""
        for (i, line) in footerLines.enumerated() {
            let y = height - (Double(footerLines.count - 1 - i) * 12 + 6) * unit
            out +=
                "<text class=\"source\" x=\"\(SVGCanvas.n(8 * unit))\" y=\"\(SVGCanvas.n(y))\" font-size=\"\(SVGCanvas.n(10 * unit))\" fill=\"#555\">\(SVGCanvas.escape(line))</text>\n"
        }
        if frame.synthetic {
            out +=
                "<g class=\"synthetic-mark\"><rect x=\"\(SVGCanvas.n(width - 84 * unit))\" y=\"\(SVGCanvas.n(8 * unit))\" width=\"\(SVGCanvas.n(76 * unit))\" height=\"\(SVGCanvas.n(18 * unit))\" rx=\"4\" fill=\"#fff3cd\" stroke=\"#b45309\"/>"
                + "<text x=\"\(SVGCanvas.n(width - 46 * unit))\" y=\"\(SVGCanvas.n(21 * unit))\" font-size=\"\(SVGCanvas.n(10 * unit))\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#b45309\">\(SVGCanvas.escape(t.syntheticBadge))</text></g>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// Words into at most `lines` lines of at most `chars` characters; the last line ends in "…" when cut.
    static func wrap(_ s: String, chars: Int, lines: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for word in s.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= chars {
                current += " " + word
            } else {
                out.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { out.append(current) }
        if out.count > lines {
            out = Array(out.prefix(lines))
            out[lines - 1] = String(out[lines - 1].prefix(max(1, chars - 1))) + "…"
        }
        return out.map { $0.count > chars ? String($0.prefix(chars - 1)) + "…" : $0 }
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

/// Nice axis ticks.
enum Label {
    /// "Nice" axis ticks from 0 to at least `maximum`. With `integer` (counts) the step is a whole
    /// number of at least 1, so a count axis never reads 0.25 or 0.00–1.00.
    static func ticks(_ maximum: Double, count: Int = 5, integer: Bool = false) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        var step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        if integer {
            step = max(1, step.rounded(.up))
        }
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
