import IronTraceCharts
import IronTraceDataset
import IronTraceNetwork

/// Glue from the network engine's subgraphs to the chart library's link chart (Network and Charts
/// do not know each other).
public enum LinkChartDrawing {
    /// The chart in `language`: kinds, links, sentence-like labels and the frame's words.
    public static func svg(
        _ sub: Subgraph,
        graph g: LinkGraph,
        dataset d: Dataset,
        title: String,
        language l: Language = .en
    ) -> String {
        var position: [Int32: Int] = [:]
        for (i, n) in sub.nodes.enumerated() { position[n] = i }
        let nodes = sub.nodes.map {
            Charts.LinkNode(
                id: g.reference($0, in: d),
                kind: l.kindName(g.nodeKind($0)),
                label: l.entityLabel(g, $0, d)
            )
        }
        let edges = sub.edges.compactMap { e -> Charts.LinkEdge? in
            guard let a = position[g.source(ofHalfEdge: e)], let b = position[g.neighbour[e]] else { return nil }
            return Charts.LinkEdge(source: a, target: b, kind: l.linkName(g.edgeKind(e)))
        }
        let synthetic = d.events.sourceDataset.contains { d.strings[$0] == "synthetic" }
        let frame = Charts.Frame(
            title: title,
            subtitle: l == .es
                ? "\(l.integer(nodes.count)) entidades, \(l.integer(edges.count)) vínculos; personas por seudónimo"
                : "\(nodes.count) entities, \(edges.count) links; people by pseudonym",
            source: l == .es
                ? "grafo de vínculos de IronTrace sobre las ventas, rastreos y recuperaciones de la base de datos"
                : "IronTrace link graph over the database's sales, traces and recoveries",
            synthetic: synthetic,
            width: 1100,
            height: 760,
            text: l == .es ? .spanish : .english
        )
        let labelled: Set<LinkGraph.NodeKind> = [.person, .dealer, .event]
        return Charts.linkChart(frame, nodes: nodes, edges: edges, labelledKinds: Set(labelled.map(l.kindName)))
    }
}
