#!/usr/bin/env bash
# Benchmark: importing 1,000,000 native sales rows with `irontrace import` (validating, normalising,
# ledger, SHA-256, indexes rebuilt) beside the sqlite3 shell's `.import` of the same CSV into an
# unindexed table, in the same run. Also times the generation of the medium world and its peak
# memory. Release build. Usage: benchmarks/import-vs-sqlite3.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)/irontrace"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== generate the medium world (seed 2015)"
/usr/bin/time -f "generate medium: %e s wall, %M KiB peak RSS" "$bin" generate --scale medium --out "$work/medium" >/dev/null
head -n 1000001 "$work/medium/sales.csv" > "$work/sales-1m.csv"
rows=$(($(wc -l < "$work/sales-1m.csv") - 1))
echo "sales rows: $rows ($(du -h "$work/sales-1m.csv" | cut -f1))"

best() { sort -n | head -n 1; }
ours=()
peer=()
for i in $(seq "$runs"); do
    rm -f "$work/ours.sqlite"* "$work/peer.sqlite"
    s=$(date +%s.%N); "$bin" import sales "$work/sales-1m.csv" --database "$work/ours.sqlite" >/dev/null; e=$(date +%s.%N)
    ours+=("$(echo "$e - $s" | bc)")
    s=$(date +%s.%N); sqlite3 "$work/peer.sqlite" ".mode csv" ".import $work/sales-1m.csv sales_raw"; e=$(date +%s.%N)
    peer+=("$(echo "$e - $s" | bc)")
done
o=$(printf '%s\n' "${ours[@]}" | best)
p=$(printf '%s\n' "${peer[@]}" | best)
stored=$(sqlite3 "$work/ours.sqlite" "select count(*) from sales")
echo "irontrace import: best of $runs ${o}s -> $(echo "$rows / $o" | bc) rows/s (stored $stored)"
echo "sqlite3 .import : best of $runs ${p}s -> $(echo "$rows / $p" | bc) rows/s"
echo "ratio (irontrace rows/s / sqlite3 rows/s): $(echo "scale=3; $p / $o" | bc)  (goal >= 0.5)"
