#!/usr/bin/env bash
# Benchmark: reports 1-8 (`irontrace report all`) over N traces (default 10,000,000) for two filters
# (none, and guns recovered in Mexico), beside DuckDB and SQLite running the equivalent SQL over the
# same data in the same run. Also the snapshot load time and peak memory. Release build.
# Needs: sqlite3, python3 with duckdb (pip install duckdb).
# Usage: benchmarks/reports-vs-duckdb.sh [traces] [runs]   (REPORT_BENCH_DIR keeps the data between runs)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000000}
runs=${2:-5}
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)/irontrace"
work=${REPORT_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
db="$work/reports-$n.sqlite"
if [ ! -f "$db" ]; then
    echo "== building $n traces (dealers from the small demo world; the rest generated in SQL)"
    "$bin" generate --scale small --out "$work/world" >/dev/null
    "$bin" import licensees "$work/world/licensees.csv" --database "$db" >/dev/null
    s=$(date +%s)
    sqlite3 "$db" <<SQL
CREATE TEMP TABLE params(n INTEGER);
INSERT INTO params VALUES ($n);
.read benchmarks/make_report_world.sql
SQL
    echo "built in $(( $(date +%s) - s )) s; $(sqlite3 "$db" 'select count(*) from traces') traces, $(sqlite3 "$db" 'select count(*) from sales') sales"
fi
for filter in "" "--country MX"; do
    echo "== filter: ${filter:-none}"
    # shellcheck disable=SC2086
    /usr/bin/time -f "irontrace peak RSS: %M KiB" "$bin" report all --database "$db" --repeat "$runs" $filter >/dev/null
    where="1=1"
    [ -n "$filter" ] && where="country = 'MX'"
    python3 benchmarks/report_peers.py "$db" "$work" "$runs" "$where"
done
