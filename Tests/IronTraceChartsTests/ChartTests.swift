import Foundation
import IronTraceCharts
import IronTraceTesting
import Testing

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
        let p = try #require(XMLProbe.parse(svg), "the SVG must be well-formed XML")
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
        let p = try #require(XMLProbe.parse(svg))
        #expect(!p.texts.contains("SYNTHETIC"))
        #expect(p.texts.contains("Year"))
    }

    @Test(arguments: [(Charts.MapKind.mexicoStates, 32), (.usStates, 51), (.mexicoMunicipalities, 2_469)])
    func mapsDrawEveryArea(_ kind: Charts.MapKind, _ areas: Int) throws {
        let values = ["MX-14": 10.0, "MX-09": 20, "US-TX": 5, "MX-14039": 3]
        let svg = Charts.choropleth(frame, map: kind, values: values, unit: "per 100,000", digits: 1)
        let p = try #require(XMLProbe.parse(svg))
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
        let p = try #require(XMLProbe.parse(svg))
        #expect(p.texts.contains("Texas (150)"))
        #expect(p.texts.contains("Sonora (75)"))
        #expect(p.texts.contains { $0.contains("total 175") })
    }
}

@Suite struct LinkChartTests {
    /// Two straw buyers sharing an address, three guns, a dealer and a recovery at an event.
    let nodes = [
        Charts.LinkNode(id: "person:1", kind: "person", label: "P-0000001"),
        Charts.LinkNode(id: "person:2", kind: "person", label: "P-0000002"),
        Charts.LinkNode(id: "address:ab", kind: "address", label: "shared address"),
        Charts.LinkNode(id: "firearm:1", kind: "firearm", label: "Glock 19 9mm"),
        Charts.LinkNode(id: "firearm:2", kind: "firearm", label: "Glock 19 9mm"),
        Charts.LinkNode(id: "firearm:3", kind: "firearm", label: "Colt AR-15 5.56mm"),
        Charts.LinkNode(id: "dealer:7", kind: "dealer", label: "Alamo Guns & <Ammo>"),
        Charts.LinkNode(id: "recovery:9", kind: "recovery", label: "recovered 2021-04-02 in MX-05"),
        Charts.LinkNode(id: "event:3", kind: "event", label: "battles 2021-04-01"),
    ]
    let edges = [
        Charts.LinkEdge(source: 0, target: 2, kind: "shares-address"),
        Charts.LinkEdge(source: 1, target: 2, kind: "shares-address"),
        Charts.LinkEdge(source: 3, target: 0, kind: "bought-by"),
        Charts.LinkEdge(source: 4, target: 0, kind: "bought-by"),
        Charts.LinkEdge(source: 5, target: 1, kind: "bought-by"),
        Charts.LinkEdge(source: 3, target: 6, kind: "bought-at"),
        Charts.LinkEdge(source: 4, target: 6, kind: "bought-at"),
        Charts.LinkEdge(source: 5, target: 6, kind: "bought-at"),
        Charts.LinkEdge(source: 5, target: 7, kind: "recovered-as"),
        Charts.LinkEdge(source: 7, target: 8, kind: "recovered-at"),
    ]
    let frame = Charts.Frame(title: "Lead 1: straw-purchase ring", source: "IronTrace link graph", synthetic: true)

    @Test func drawsEveryEntityAndLinkInsideTheFrame() throws {
        let svg = Charts.linkChart(frame, nodes: nodes, edges: edges)
        let probe = try #require(XMLProbe.parse(svg), "well-formed SVG")
        // One dot per entity plus one per legend kind; one line per link.
        #expect(probe.elements["circle"] == nodes.count + 6)
        #expect(probe.elements["line"] == edges.count)
        #expect(probe.texts.contains("person (2)") && probe.texts.contains("firearm (3)"))
        #expect(probe.texts.contains("Alamo Guns & <Ammo>"))
        #expect(probe.texts.contains("SYNTHETIC"))
        let positions = Charts.layout(count: nodes.count, edges: edges, box: (40, 80, 760, 550))
        #expect(positions.allSatisfy { $0.x >= 40 && $0.x <= 760 && $0.y >= 80 && $0.y <= 550 })
        // Linked entities end up nearer each other than the average pair.
        func distance(_ a: Int, _ b: Int) -> Double {
            let dx: Double = positions[a].x - positions[b].x
            let dy: Double = positions[a].y - positions[b].y
            return (dx * dx + dy * dy).squareRoot()
        }
        let linkedSum: Double = edges.map { distance($0.source, $0.target) }.reduce(0, +)
        var all: [Double] = []
        for a in nodes.indices { for b in nodes.indices where b > a { all.append(distance(a, b)) } }
        let allSum: Double = all.reduce(0, +)
        #expect(linkedSum / Double(edges.count) < allSum / Double(all.count))
        // The same graph always draws the same picture.
        #expect(svg == Charts.linkChart(frame, nodes: nodes, edges: edges))
    }
}
