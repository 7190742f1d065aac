import IronTraceCore

extension Charts {
    /// One thing that happened, for ``timeline(_:lanes:items:)``.
    public struct TimelineItem: Sendable {
        /// Days since 1970-01-01 (``CivilDate/dayNumber``).
        public var day: Int32
        /// The row it is drawn on (a purchase, a recovery, an event).
        public var lane: Int
        /// What happened, in words: shown when the mark is pointed at, and read by screen readers.
        public var label: String
        /// Where a click on the mark leads (the entity's page); none for no link.
        public var link: String?

        public init(day: Int32, lane: Int, label: String, link: String? = nil) {
            self.day = day
            self.lane = lane
            self.label = label
            self.link = link
        }
    }

    /// A timeline: one row per lane (named on the left), a time axis to scale (years, or months
    /// when the span is under two years, the year written where it changes), each item a mark at its
    /// date with its words as a tooltip and, when it has one, a link. Items too close to tell apart
    /// on one lane share one larger mark whose tooltip lists them all; the marks' shapes differ by
    /// lane, not only their colours.
    public static func timeline(_ frame: Frame, lanes: [String], items: [TimelineItem]) -> String {
        let probe = SVGCanvas(frame)
        let u = probe.unit
        let t = frame.text
        let laneHeight = 34 * u
        let top = probe.contentTop + 6 * u
        let height = max(frame.height, top + Double(lanes.count) * laneHeight + 30 * u + probe.footerHeight)
        var c = SVGCanvas(frame, height: height)
        let longest = lanes.map(\.count).max() ?? 0
        let left = min(frame.width * 0.3, Double(longest) * 11 * u * 0.56 + 16 * u)
        let right = frame.width - 14 * u
        let bottom = top + Double(lanes.count) * laneHeight
        let days = items.map(\.day)
        guard let first = days.min(), let last = days.max() else {
            c.text(t.noData, x: frame.width / 2, y: top + 20 * u, size: 12, anchor: "middle", fill: "#555")
            return c.document()
        }
        // The axis: whole years (or months) around the items, to scale.
        let start = CivilDate(dayNumber: first)
        let end = CivilDate(dayNumber: last)
        let monthly = (end.year - start.year) < 2
        var ticks: [(day: Int32, label: String)] = []
        if monthly {
            var (y, m) = (start.year, start.month)
            while true {
                guard let d = CivilDate(year: y, month: m, day: 1) else { break }
                ticks.append((d.dayNumber, t.months[m - 1]))
                if y > end.year || (y == end.year && m > end.month) { break }
                (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
            }
        } else {
            for y in start.year...(end.year + 1) {
                if let d = CivilDate(year: y, month: 1, day: 1) { ticks.append((d.dayNumber, String(y))) }
            }
        }
        let from = Double(ticks.first?.day ?? first)
        let to = Double(max(ticks.last?.day ?? last, last + 1))
        func x(_ day: Int32) -> Double { left + (Double(day) - from) / max(1, to - from) * (right - left) }
        // Thin out tick labels so they never overlap.
        // (Room for a month with its year, as where the year changes.)
        let labelRoom =
            (ticks.map { c.textWidth(monthly ? $0.label + " 0000" : $0.label, size: 10) }.max() ?? 0) + 10 * u
        let step = max(1, Int((labelRoom / max(1, (right - left) / Double(max(1, ticks.count - 1)))).rounded(.up)))
        var shownYear: Int?
        for (i, tick) in ticks.enumerated() {
            c.line(x1: x(tick.day), y1: top, x2: x(tick.day), y2: bottom, stroke: "#e5e5e5")
            if i % step == 0 {
                let year = CivilDate(dayNumber: tick.day).year
                let label = monthly && year != shownYear ? "\(tick.label.split(separator: " ")[0]) \(year)" : tick.label
                shownYear = year
                c.text(label, x: x(tick.day), y: bottom + 14 * u, size: 10, anchor: "middle", fill: "#555")
            }
        }
        let colours = ["#2b6cb0", "#a4161a", "#6b4f00", "#2f7d32", "#6a1b9a"]
        for (lane, name) in lanes.enumerated() {
            let mid = top + (Double(lane) + 0.5) * laneHeight
            c.line(x1: left, y1: mid, x2: right, y2: mid, stroke: "#c8ccd2")
            c.text(name, x: left - 6 * u, y: mid + 4 * u, size: 11, anchor: "end", weight: "bold")
        }
        // Items close in time on one lane share one mark (bigger for more items, never text that
        // could overlap); its tooltip lists every item with its date.
        for lane in lanes.indices {
            let mid = top + (Double(lane) + 0.5) * laneHeight
            let colour = colours[lane % colours.count]
            let sorted = items.filter { $0.lane == lane }.sorted { $0.day < $1.day }
            var groups: [[TimelineItem]] = []
            for item in sorted {
                if let head = groups.last?.first, x(item.day) - x(head.day) < 8 * u {
                    groups[groups.count - 1].append(item)
                } else {
                    groups.append([item])
                }
            }
            for list in groups {
                let cx = (x(list.first!.day) + x(list.last!.day)) / 2
                let r = 3.5 * u * min(2.4, Double(list.count).squareRoot())
                let lines = list.map { "\(CivilDate(dayNumber: $0.day)): \($0.label)" }
                let tip = (list.count > 1 ? "\(list.count):\n" : "") + lines.joined(separator: "\n")
                let shape: String
                switch lane % 3 {
                case 0:
                    shape =
                        "<circle cx=\"\(SVGCanvas.n(cx))\" cy=\"\(SVGCanvas.n(mid))\" r=\"\(SVGCanvas.n(r))\" fill=\"\(colour)\" fill-opacity=\"0.85\"/>"
                case 1:
                    shape =
                        "<rect x=\"\(SVGCanvas.n(cx - r))\" y=\"\(SVGCanvas.n(mid - r))\" width=\"\(SVGCanvas.n(2 * r))\" height=\"\(SVGCanvas.n(2 * r))\" fill=\"\(colour)\" fill-opacity=\"0.85\"/>"
                default:
                    shape =
                        "<path d=\"M\(SVGCanvas.n(cx)) \(SVGCanvas.n(mid - r * 1.2)) L\(SVGCanvas.n(cx + r * 1.1)) \(SVGCanvas.n(mid + r)) L\(SVGCanvas.n(cx - r * 1.1)) \(SVGCanvas.n(mid + r)) Z\" fill=\"\(colour)\" fill-opacity=\"0.85\"/>"
                }
                c.linked(
                    list.count == 1 ? list[0].link : nil,
                    "<g class=\"mark\" data-count=\"\(list.count)\"><title>\(SVGCanvas.escape(tip))</title>\(shape)</g>"
                )
            }
        }
        c.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#333")
        return c.document()
    }
}
