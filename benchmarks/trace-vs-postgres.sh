#!/usr/bin/env bash
# Benchmark: the trace engine on a registry of the large world (about 9.3 million sales) beside
# PostgreSQL with pg_trgm and SQLite GLOB, on the same registry and the same requests, in one run.
# Release build. Needs Debian's postgresql and postgresql-contrib, sqlite3, and psycopg2-binary
# (pip). Usage: benchmarks/trace-vs-postgres.sh [DATABASE] [REQUESTS] [PG_SAMPLE]
#   DATABASE defaults to a large demo world generated into a temporary directory (about 8 minutes).
#   PG_PORT=P runs the peer on your own cluster at 127.0.0.1:P instead of Debian's 15/main;
#   IRONTRACE_BIN=PATH uses an already built release binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${IRONTRACE_BIN:-}" ]; then
    swift build -c release >/dev/null
    bin="$(swift build -c release --show-bin-path)/irontrace"
else
    bin=$IRONTRACE_BIN
fi
db=${1:-}
requests=${2:-100000}
sample=${3:-1000}
work=$(mktemp -d)
if [ -z "$db" ]; then
    db="$work/large.sqlite"
    (cd "$work" && "$bin" demo --scale large --database "$db" >/dev/null)
fi
echo "== irontrace trace engine ($requests mixed requests)"
/usr/bin/time -f "irontrace: %e s wall, %M KiB peak RSS (load, index, trace)" \
    "$bin" trace --database "$db" --benchmark "$requests" --write-requests "$work/requests.csv"
echo "== peers on the first $sample of the same requests"
python3 benchmarks/trace_peers.py --sqlite "$db" --requests "$work/requests.csv" --pg-sample "$sample" --sqlite-sample 100 \
    ${PG_PORT:+--pg-port "$PG_PORT"}
