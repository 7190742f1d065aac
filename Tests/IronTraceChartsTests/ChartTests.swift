import Foundation
import IronTraceCharts
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Counts elements and collects text while checking the SVG is well-formed XML.
final class SVGProbe: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var texts: [String] = []
    var areas: Set<String> = []
    private var current = ""

    static func parse(_ svg: String) -> SVGProbe? {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }

    func parser(
        _ parser: XMLParser,
        didStartElement name: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements[name, default: 0] += 1
        if let a = attributes["data-area"] { areas.insert(a) }
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
    }
}

@Suite struct ChartTests {
    let frame = Charts.Frame(
        title: "Source states & <corridors>",
        subtitle: "Filter: country=MX",
        source: "test data",
        synthetic: true
    )

    @Test func barsHaveTitleAxesSourceAndSyntheticMark() throws {
        let svg = Charts.bars(
            frame,
            labels: ["Texas", "Arizona", "California"],
            values: [300, 120, 80],
            valueAxis: "Traces",
            categoryAxis: "State"
        )
        let p = try #require(SVGProbe.parse(svg), "the SVG must be well-formed XML")
        #expect(p.texts.contains("Source states & <corridors>"))
        #expect(p.texts.contains("Traces"))
        #expect(p.texts.contains("State"))
        #expect(p.texts.contains("SYNTHETIC"))
        #expect(p.texts.contains { $0.hasPrefix("Source: test data") && $0.contains("SYNTHETIC DATA") })
        #expect(p.elements["rect", default: 0] >= 4)
        // Bars are proportional: Texas's bar is 2.5 times Arizona's.
        let widths = svg.split(separator: "\n").filter { $0.contains("fill=\"#2b6cb0\"") }.compactMap {
            line -> Double? in
            guard let r = line.range(of: "width=\"") else { return nil }
            return Double(line[r.upperBound...].prefix { $0 != "\"" })
        }
        #expect(widths.count == 3)
        #expect(abs(widths[0] / widths[1] - 2.5) < 0.02)
    }

    @Test func realDataIsNotMarkedSynthetic() throws {
        var real = frame
        real.synthetic = false
        let svg = Charts.lines(
            real,
            x: ["2019", "2020"],
            series: [("Homicides", [10, nil])],
            xAxis: "Year",
            yAxis: "Count"
        )
        let p = try #require(SVGProbe.parse(svg))
        #expect(!p.texts.contains("SYNTHETIC"))
        #expect(p.texts.contains("Year"))
    }

    @Test(arguments: [(Charts.MapKind.mexicoStates, 32), (.usStates, 51), (.mexicoMunicipalities, 2_469)])
    func mapsDrawEveryArea(_ kind: Charts.MapKind, _ areas: Int) throws {
        let values = ["MX-14": 10.0, "MX-09": 20, "US-TX": 5, "MX-14039": 3]
        let svg = Charts.choropleth(frame, map: kind, values: values, unit: "per 100,000", digits: 1)
        let p = try #require(SVGProbe.parse(svg))
        #expect(p.areas.count == areas)
        #expect(p.texts.contains("no data"))
        #expect(p.texts.contains("per 100,000"))
        #expect(svg.contains("boundaries:"))
    }

    @Test func flowsConserveTheTotal() throws {
        let svg = Charts.flows(
            frame,
            flows: [("Texas", "Jalisco", 100), ("Texas", "Sonora", 50), ("Arizona", "Sonora", 25)],
            sourceAxis: "Bought in",
            destinationAxis: "Recovered in",
            unit: "traces"
        )
        let p = try #require(SVGProbe.parse(svg))
        #expect(p.texts.contains("Texas (150)"))
        #expect(p.texts.contains("Sonora (75)"))
        #expect(p.texts.contains { $0.contains("total 175") })
    }
}
