"""Connected components and degrees on IronTrace's link graph edge list, in igraph and networkx.

The edge list is the one `irontrace network benchmark --edge-list FILE` writes (int32 pairs). Loading
the file into numpy is not timed. Graph construction and the components + degrees computation are
timed apart, so ratios can be given with and without construction.
Usage: python3 network_peers.py EDGES NODES RUNS [--skip-networkx]
"""

import resource
import sys
import time

import numpy as np

path, nodes, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
skip_networkx = "--skip-networkx" in sys.argv
edges = np.fromfile(path, dtype=np.int32).reshape(-1, 2)
print(f"edge list: {len(edges):,} edges, {nodes:,} nodes")


def summary(times):
    times = sorted(times)
    return f"min {times[0]:.3f} s, median {times[len(times) // 2]:.3f} s"


import igraph  # noqa: E402

build, compute = [], []
for _ in range(runs):
    t = time.perf_counter()
    g = igraph.Graph(n=nodes, edges=edges, directed=False)
    t1 = time.perf_counter()
    comps = g.connected_components()
    deg = g.degree()
    t2 = time.perf_counter()
    build.append(t1 - t)
    compute.append(t2 - t1)
    count = len(comps)
    del g, comps, deg
total = [a + b for a, b in zip(build, compute)]
print(f"igraph {igraph.__version__}: build {summary(build)}; components + degrees {summary(compute)}; "
      f"total {summary(total)} ({count:,} components)")

if not skip_networkx:
    import networkx as nx  # noqa: E402

    # networkx takes minutes at this size: one run.
    t = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(range(nodes))
    g.add_edges_from(edges.tolist())
    t1 = time.perf_counter()
    count = nx.number_connected_components(g)
    deg = dict(g.degree())
    t2 = time.perf_counter()
    print(f"networkx {nx.__version__} (one run): build {t1 - t:.3f} s; components + degrees {t2 - t1:.3f} s; "
          f"total {t2 - t:.3f} s ({count:,} components)")
print(f"python peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
