import IronTraceCharts
import IronTraceDataset
import IronTraceNetwork

/// Glue from the network engine's subgraphs to the chart library's link chart (Network and Charts
/// do not know each other).
public enum LinkChartDrawing {
    public static func svg(_ sub: Subgraph, graph g: LinkGraph, dataset d: Dataset, title: String) -> String {
        var position: [Int32: Int] = [:]
        for (i, n) in sub.nodes.enumerated() { position[n] = i }
        let nodes = sub.nodes.map {
            Charts.LinkNode(id: g.reference($0, in: d), kind: g.nodeKind($0).name, label: g.label($0, in: d))
        }
        let edges = sub.edges.compactMap { e -> Charts.LinkEdge? in
            guard let a = position[g.source(ofHalfEdge: e)], let b = position[g.neighbour[e]] else { return nil }
            return Charts.LinkEdge(source: a, target: b, kind: g.edgeKind(e).name)
        }
        let synthetic = d.events.sourceDataset.contains { d.strings[$0] == "synthetic" }
        let frame = Charts.Frame(
            title: title,
            subtitle: "\(nodes.count) entities, \(edges.count) links; people by pseudonym",
            source: "IronTrace link graph over the database's sales, traces and recoveries",
            synthetic: synthetic,
            width: 1100,
            height: 760
        )
        return Charts.linkChart(frame, nodes: nodes, edges: edges)
    }
}
