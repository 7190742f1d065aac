#!/usr/bin/env bash
# Benchmark: the first answer of `irontrace report summary` from a cold process (a new process each
# time; the operating system's file cache as it is) over N traces (default 10,000,000, the world of
# benchmarks/reports-vs-duckdb.sh), without and with the persisted snapshot beside the database,
# beside DuckDB opening its own database file of the same pre-joined facts and answering report 1's
# queries in a new process, in the same run. Release build. Needs: sqlite3, python3 with duckdb.
# Usage: benchmarks/cold-start.sh [traces] [runs]   (REPORT_BENCH_DIR keeps the data between runs)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000000}
runs=${2:-3}
swift build -c release --product irontrace >/dev/null
bin="$(swift build -c release --show-bin-path)/irontrace"
work=${REPORT_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
db="$work/reports-$n.sqlite"
if [ ! -f "$db" ]; then
    echo "== building $n traces (dealers from the small demo world; the rest generated in SQL)"
    "$bin" generate --scale small --out "$work/world" >/dev/null
    "$bin" import licensees "$work/world/licensees.csv" --database "$db" >/dev/null
    sqlite3 "$db" <<SQL
CREATE TEMP TABLE params(n INTEGER);
INSERT INTO params VALUES ($n);
.read benchmarks/make_report_world.sql
SQL
fi
echo "traces: $(sqlite3 "$db" 'select count(*) from traces'); database $(du -h "$db" | cut -f1)"
best() { sort -n | head -n 1; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }

rm -f "$db-snapshot"
t=$(for _ in $(seq "$runs"); do IRONTRACE_SNAPSHOT=off seconds "$bin" report summary --database "$db"; done | best)
echo "irontrace report summary, snapshot off (every row read from SQLite): best of $runs ${t}s"
t=$(seconds "$bin" report summary --database "$db")
echo "irontrace report summary, first run (reads the rows, writes the snapshot, $(du -h "$db-snapshot" | cut -f1)): ${t}s"
t=$(for _ in $(seq "$runs"); do seconds "$bin" report summary --database "$db"; done | best)
echo "irontrace report summary, from the persisted snapshot: best of $runs ${t}s"

duck="$work/facts-$n.duckdb"
if [ ! -f "$duck" ]; then
    # The same facts report 1 counts, pre-joined once (not timed), into DuckDB's own file.
    sqlite3 -header -csv "$db" "SELECT CAST(substr(r.recovery_date, 1, 4) AS INTEGER) AS year, r.country AS country,
        t.outcome AS outcome, t.source_class AS source_class, r.serial_obliterated AS obliterated,
        CASE WHEN s.multiple_sale_id IS NOT NULL THEN 1 ELSE 0 END AS multiple, t.time_to_crime_days AS ttc
        FROM traces t JOIN recoveries r ON r.id = t.recovery_id LEFT JOIN sales s ON s.id = t.sale_id" > "$work/facts-$n.csv"
    python3 -c "import duckdb, sys; d = duckdb.connect(sys.argv[1]); d.execute(\"CREATE TABLE f AS SELECT * FROM read_csv_auto('\" + sys.argv[2] + \"', nullstr='')\"); d.close()" "$duck" "$work/facts-$n.csv"
fi
cat > "$work/duck_summary.py" <<'PY'
import sys, duckdb
d = duckdb.connect(sys.argv[1], read_only=True)
for q in ["SELECT year, outcome, source_class, count(*) FROM f GROUP BY 1, 2, 3",
          "SELECT country, source_class, count(*) FROM f GROUP BY 1, 2",
          "SELECT sum(obliterated), sum(multiple), median(ttc) FROM f"]:
    d.execute(q).fetchall()
PY
t=$(for _ in $(seq "$runs"); do seconds python3 "$work/duck_summary.py" "$duck"; done | best)
p=$(for _ in $(seq "$runs"); do seconds python3 -c "import duckdb"; done | best)
echo "duckdb $(python3 -c 'import duckdb; print(duckdb.__version__)'), a new process opening its file and answering report 1's queries: best of $runs ${t}s (of which starting python and importing duckdb ${p}s)"
