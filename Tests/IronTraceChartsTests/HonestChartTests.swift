import Foundation
import IronTraceCharts
import IronTraceTesting
import Testing

/// Charts that do not mislead: zero is a figure, legend classes do not overlap, counts have whole
/// ticks, time gaps show, text is legible at phone width, and Spanish charts write no English.
@Suite struct HonestChartTests {
    let frame = Charts.Frame(title: "Traced guns recovered in Mexico, by state", source: "test", synthetic: false)

    /// The fill of the area with this code.
    func fill(_ svg: String, _ area: String) -> String? {
        guard let r = svg.range(of: "data-area=\"\(area)\"") else { return nil }
        let before = svg[..<r.lowerBound]
        guard let f = before.range(of: "fill=\"", options: .backwards) else { return nil }
        return String(before[f.upperBound...].prefix { $0 != "\"" })
    }

    /// The `attribute="number"` values in the SVG.
    func numbers(_ svg: String, _ attribute: String) -> [Double] {
        svg.components(separatedBy: "\(attribute)=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
    }

    @Test func zeroIsDrawnInTheLowestClassAndMissingIsNoData() throws {
        let svg = Charts.choropleth(
            frame,
            map: .mexicoStates,
            values: ["MX-14": 0, "MX-09": 5, "MX-02": 40, "MX-08": 900],
            unit: "traces",
            digits: 0
        )
        let zero = try #require(fill(svg, "MX-14"))
        let missing = try #require(fill(svg, "MX-19"))
        #expect(missing == "#d4d4d4")
        #expect(zero != missing)
        #expect(zero == "#fef0d9")
        let p = try #require(XMLProbe.parse(svg))
        #expect(p.texts.contains("0"))
        #expect(p.texts.contains("no data"))
    }

    @Test(arguments: [0, 1])
    func legendClassesNeverOverlap(_ digits: Int) {
        let values: [Double] = [0, 0, 1, 3, 7, 12, 12, 45, 46, 99, 100, 230, 999, 1000, 4321].map {
            digits == 0 ? $0 : $0 / 7
        }
        let classes = Charts.mapClasses(values, digits: digits)
        #expect(classes.count >= 3 && classes.count <= 5)
        #expect(classes.first == Charts.MapClass(low: 0, high: 0))
        let step = digits == 0 ? 1.0 : 0.1
        for (a, b) in zip(classes, classes.dropFirst()) {
            #expect(a.high < b.low, "\(a) overlaps \(b)")
            #expect(abs(b.low - a.high - step) < 1e-9 || a.high == 0, "a gap between \(a) and \(b)")
        }
        if digits == 0 {
            #expect(classes.allSatisfy { $0.low == $0.low.rounded() && $0.high == $0.high.rounded() })
            #expect(classes.last?.high == 4321)
        }
    }

    @Test func countAxesHaveWholeNumberTicks() throws {
        let svg = Charts.lines(
            frame,
            x: ["2019", "2020", "2021"],
            series: [("Traces", [1, 0, 1])],
            xAxis: "Year",
            yAxis: "Traces",
            integer: true
        )
        let p = try #require(XMLProbe.parse(svg))
        #expect(!p.texts.contains { $0.contains(".") && Double($0) != nil }, "\(p.texts)")
        #expect(p.texts.contains("1") && !p.texts.contains("0.5"))
        let bars = Charts.bars(frame, labels: ["a", "b"], values: [1, 2], valueAxis: "Traces", categoryAxis: "x")
        let q = try #require(XMLProbe.parse(bars))
        #expect(!q.texts.contains { Double($0) != nil && $0.contains(".") }, "\(q.texts)")
    }

    @Test func aYearWithoutFiguresIsAGapNotASkippedLabel() throws {
        let svg = Charts.lines(
            frame,
            x: ["2018", "2019", "2020", "2021"],
            series: [("Homicides", [10, nil, 12, 14])],
            xAxis: "Year",
            yAxis: "Homicides",
            integer: true,
            partial: [3]
        )
        // Two runs of the line (a break at 2019), four label slots evenly spaced.
        let path = try #require(svg.components(separatedBy: "<path d=\"").dropFirst().first)
        #expect(path.prefix { $0 != "\"" }.filter { $0 == "M" }.count == 2)
        let p = try #require(XMLProbe.parse(svg))
        #expect(p.texts.contains("2019"))
        #expect(svg.contains("class=\"partial\""))
        #expect(p.texts.contains { $0.contains("partial period") })
    }

    @Test(arguments: [640.0, 960, 1100])
    func textIsAtLeastTenPixelsAtPhoneWidth(_ width: Double) throws {
        var f = frame
        f.width = width
        f.synthetic = true
        f.subtitle = "Filter: country=MX"
        let charts = [
            Charts.bars(f, labels: ["Texas", "Arizona"], values: [3, 1], valueAxis: "Traces", categoryAxis: "State"),
            Charts.lines(f, x: ["2020-01", "2020-02"], series: [("a", [1, 2])], xAxis: "Month", yAxis: "n"),
            Charts.choropleth(f, map: .mexicoStates, values: ["MX-14": 1], unit: "traces", digits: 0),
            Charts.flows(f, flows: [("Texas", "Jalisco", 3)], sourceAxis: "From", destinationAxis: "To", unit: "t"),
        ]
        for svg in charts {
            let sizes = numbers(svg, "font-size")
            let smallest = try #require(sizes.min())
            // Shown 360 px wide, a viewBox unit is 360 / width px.
            #expect(smallest * 360 / width >= 9.95, "smallest text \(smallest) in a \(width)-wide viewBox")
        }
    }

    @Test func spanishChartsWriteNoEnglishOfTheirOwn() throws {
        var f = frame
        f.text = .spanish
        f.synthetic = true
        let charts = [
            Charts.choropleth(f, map: .mexicoStates, values: ["MX-14": 1234.5], unit: "tasa", digits: 1),
            Charts.lines(
                f,
                x: ["2020-01", "2020-02", "2020-03"],
                series: [("Eventos", [1, nil, 3])],
                xAxis: "Mes",
                yAxis: "n",
                partial: [2]
            ),
            Charts.flows(f, flows: [("Texas", "Jalisco", 3)], sourceAxis: "De", destinationAxis: "A", unit: "rastreos"),
            Charts.linkChart(f, nodes: [.init(id: "a", kind: "persona", label: "P-1")], edges: []),
        ]
        let e = ChartText.english
        let english =
            [e.source + ":", e.syntheticBadge, e.syntheticFooter, e.noData, "areas with data", "Band width", "links"]
            + [e.entities, "partial period", "Jan 2020", "Feb 2020", "Mar 2020"]
        for svg in charts {
            let p = try #require(XMLProbe.parse(svg))
            for word in english {
                #expect(!p.texts.contains { $0.contains(word) }, "'\(word)' on a Spanish chart")
            }
            #expect(p.texts.contains("SINTÉTICO"))
        }
        let map = try #require(XMLProbe.parse(charts[0]))
        #expect(map.texts.contains("sin datos"))
        // INEGI's convention: narrow-space groups and a decimal point.
        #expect(charts[0].contains("1\u{202F}234.5"))
        #expect(try #require(XMLProbe.parse(charts[1])).texts.contains("ene 2020"))
    }

    @Test func areasAndBarsLinkWithoutScript() throws {
        let svg = Charts.choropleth(
            frame,
            map: .mexicoMunicipalities,
            values: ["MX-14039": 3],
            unit: "per 100,000",
            digits: 1,
            areaLink: "/violence?years=2015&area={area}",
            focus: "MX-14"
        )
        #expect(svg.contains("<a href=\"/violence?years=2015&amp;area=MX-14039\">"))
        let p = try #require(XMLProbe.parse(svg))
        #expect(p.areas.allSatisfy { $0.hasPrefix("MX-14") } && p.areas.count > 100)
        let bars = Charts.bars(
            frame,
            labels: ["Alamo Guns (San Antonio, TX)"],
            values: [5],
            valueAxis: "Traces",
            categoryAxis: "Dealer",
            links: ["/dealers/5-74-123-01-2K-12345"]
        )
        #expect(bars.contains("<a href=\"/dealers/5-74-123-01-2K-12345\">"))
        #expect(bars.contains("<title>Alamo Guns (San Antonio, TX): 5</title>"))
    }
}
