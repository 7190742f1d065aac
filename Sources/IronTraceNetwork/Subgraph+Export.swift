import IronTraceCore
import IronTraceDataset

/// Link-chart files: GraphML (yEd, Cytoscape, Gephi), GEXF (Gephi), FollowTheMoney entities (Aleph;
/// see `Subgraph+FollowTheMoney.swift`) and the JSON the dashboard's link chart draws. Nodes carry their reference (`person:12`), kind and a label that is safe to
/// share (pseudonyms; addresses and phones only as "shared address"/"shared phone"); edges their
/// kind and date.
extension Subgraph {
    public enum ExportFormat: String, CaseIterable, Sendable { case graphml, gexf, json, ftm }

    /// `label`: an entity's label in the reader's language (the graph's English label otherwise).
    public func export(
        _ format: ExportFormat,
        graph g: LinkGraph,
        dataset d: Dataset,
        title: String,
        label: ((Int32) -> String)? = nil
    ) -> String {
        let nodes = self.nodes.map { n in
            (
                id: g.reference(n, in: d), kind: g.nodeKind(n).name, label: label?(n) ?? g.label(n, in: d),
                degree: g.degree(n)
            )
        }
        let edges = self.edges.map { e in
            let day = g.date[e]
            return (
                source: g.reference(g.source(ofHalfEdge: e), in: d),
                target: g.reference(g.neighbour[e], in: d),
                kind: g.edgeKind(e).name,
                date: day == Int32.min ? "" : CivilDate(dayNumber: day).description
            )
        }
        switch format {
        case .ftm:
            return followTheMoney(graph: g, dataset: d)
        case .graphml:
            var out = """
                <?xml version="1.0" encoding="UTF-8"?>
                <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
                  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
                  <key id="label" for="node" attr.name="label" attr.type="string"/>
                  <key id="degree" for="node" attr.name="degree" attr.type="int"/>
                  <key id="ekind" for="edge" attr.name="kind" attr.type="string"/>
                  <key id="date" for="edge" attr.name="date" attr.type="string"/>
                  <graph id="\(xml(title))" edgedefault="undirected">

                """
            for n in nodes {
                out += "    <node id=\"\(xml(n.id))\"><data key=\"kind\">\(n.kind)</data>"
                out += "<data key=\"label\">\(xml(n.label))</data><data key=\"degree\">\(n.degree)</data></node>\n"
            }
            for (i, e) in edges.enumerated() {
                out += "    <edge id=\"e\(i)\" source=\"\(xml(e.source))\" target=\"\(xml(e.target))\">"
                out += "<data key=\"ekind\">\(e.kind)</data><data key=\"date\">\(e.date)</data></edge>\n"
            }
            return out + "  </graph>\n</graphml>\n"
        case .gexf:
            var out = """
                <?xml version="1.0" encoding="UTF-8"?>
                <gexf xmlns="http://gexf.net/1.3" version="1.3">
                  <meta><creator>IronTrace</creator><description>\(xml(title))</description></meta>
                  <graph defaultedgetype="undirected" mode="static">
                    <attributes class="node">
                      <attribute id="kind" title="kind" type="string"/>
                      <attribute id="degree" title="degree" type="integer"/>
                    </attributes>
                    <attributes class="edge">
                      <attribute id="kind" title="kind" type="string"/>
                      <attribute id="date" title="date" type="string"/>
                    </attributes>
                    <nodes>

                """
            for n in nodes {
                out += "      <node id=\"\(xml(n.id))\" label=\"\(xml(n.label))\"><attvalues>"
                out += "<attvalue for=\"kind\" value=\"\(n.kind)\"/><attvalue for=\"degree\" value=\"\(n.degree)\"/>"
                out += "</attvalues></node>\n"
            }
            out += "    </nodes>\n    <edges>\n"
            for (i, e) in edges.enumerated() {
                out += "      <edge id=\"e\(i)\" source=\"\(xml(e.source))\" target=\"\(xml(e.target))\" "
                out += "label=\"\(e.kind)\"><attvalues><attvalue for=\"kind\" value=\"\(e.kind)\"/>"
                out += "<attvalue for=\"date\" value=\"\(e.date)\"/></attvalues></edge>\n"
            }
            return out + "    </edges>\n  </graph>\n</gexf>\n"
        case .json:
            let nodeText = nodes.map {
                "{\"id\":\(json($0.id)),\"kind\":\(json($0.kind)),\"label\":\(json($0.label)),\"degree\":\($0.degree)}"
            }
            let edgeText = edges.map {
                "{\"source\":\(json($0.source)),\"target\":\(json($0.target)),\"kind\":\(json($0.kind)),"
                    + "\"date\":\($0.date.isEmpty ? "null" : json($0.date))}"
            }
            let hubs = unexpanded.map { json(g.reference($0, in: d)) }
            return "{\"title\":\(json(title)),\"nodes\":[\(nodeText.joined(separator: ","))],"
                + "\"edges\":[\(edgeText.joined(separator: ","))],\"unexpanded\":[\(hubs.joined(separator: ","))]}\n"
        }
    }
}

private func xml(_ s: String) -> String { MarkupText.xml(s) }
private func json(_ s: String) -> String { MarkupText.json(s) }
