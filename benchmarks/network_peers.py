"""Connected components and degrees on IronTrace's link graph edge list, in igraph and networkx.

The edge list is the one `irontrace network benchmark --edge-list FILE` writes (int32 pairs). Loading
the file into numpy is not timed; graph construction is, as the issue asks ("including its graph
construction"). Usage: python3 network_peers.py EDGES NODES RUNS [--skip-networkx]
"""

import resource
import sys
import time

import numpy as np

path, nodes, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
skip_networkx = "--skip-networkx" in sys.argv
edges = np.fromfile(path, dtype=np.int32).reshape(-1, 2)
print(f"edge list: {len(edges):,} edges, {nodes:,} nodes")


def report(name, times, components):
    times.sort()
    print(f"{name}: min {times[0]:.3f} s, median {times[len(times) // 2]:.3f} s ({components:,} components)")


import igraph  # noqa: E402

times = []
for _ in range(runs):
    t = time.perf_counter()
    g = igraph.Graph(n=nodes, edges=edges, directed=False)
    comps = g.connected_components()
    deg = g.degree()
    times.append(time.perf_counter() - t)
    count = len(comps)
    del g, comps, deg
report(f"igraph {igraph.__version__} (build + components + degrees)", times, count)

if not skip_networkx:
    import networkx as nx  # noqa: E402

    times = []
    # networkx takes minutes here; one run.
    t = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(range(nodes))
    g.add_edges_from(edges.tolist())
    count = nx.number_connected_components(g)
    deg = dict(g.degree())
    times.append(time.perf_counter() - t)
    report(f"networkx {nx.__version__} (build + components + degrees, one run)", times, count)
print(f"python peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
