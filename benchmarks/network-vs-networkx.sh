#!/usr/bin/env bash
# Benchmark: the link graph on a generated world (default: large, ~10M sales): graph build,
# indicators, ring detection and ranking, then connected components and degrees beside igraph and
# networkx on the same edge list, in the same run. Release build.
# Needs: python3 with numpy, igraph and networkx (pip install numpy igraph networkx).
# Usage: benchmarks/network-vs-networkx.sh [scale] [runs]   (NETWORK_BENCH_DIR keeps the edge list)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-large}
runs=${2:-3}
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)/irontrace"
work=${NETWORK_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
edges="$work/edges-$scale.bin"
echo "== IronTrace ($scale world)"
out=$("$bin" network benchmark --scale "$scale" --runs "$runs" --edge-list "$edges")
echo "$out"
nodes=$(echo "$out" | sed -n 's/^edge list: .*, \([0-9]*\) nodes)$/\1/p')
echo "== peers on the same edge list"
python3 benchmarks/network_peers.py "$edges" "$nodes" "$runs" ${SKIP_NETWORKX:+--skip-networkx}
