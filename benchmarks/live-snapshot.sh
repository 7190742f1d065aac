#!/usr/bin/env bash
# Benchmark: the live snapshot. Two `irontrace serve` processes (release build) on one SQLite copy
# of a demo world; COUNT trace requests submitted one after the other through A's API. Prints:
#   - submit: the POST's own latency (A stores the trace, reads it back and applies the delta);
#   - submit -> visible on A: until A's trace list finds it by request id and A's summary report changed;
#   - submit -> visible on B: the same on the other process (which polls the database every 250 ms);
#   - wrk on A's summary report and trace list during the submissions: latency percentiles and the
#     maximum (the worst stall of a concurrent GET).
#
# Usage: benchmarks/live-snapshot.sh [DATABASE] [COUNT] [SCALE]
#   DATABASE defaults to a demo world of SCALE (default medium) built in $LIVE_BENCH_DIR
#   (default /tmp/irontrace-live-bench); it is copied, never written. COUNT defaults to 200.
# Needs: curl, wrk, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${2:-200}
scale=${3:-medium}
dir=${LIVE_BENCH_DIR:-/tmp/irontrace-live-bench}
pa=${LIVE_BENCH_PORT:-18190}
pb=$((pa + 1))
mkdir -p "$dir"
swift build -c release --product irontrace >/dev/null
bin="$(swift build -c release --show-bin-path)/irontrace"
db=${1:-$dir/$scale.sqlite}
if [ ! -f "$db" ]; then
    (cd "$dir" && "$bin" demo --scale "$scale" --database "$db" >/dev/null)
fi
work=$(mktemp -d)
cp "$db" "$work/bench.sqlite"
db="$work/bench.sqlite"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
for p in $pa $pb; do
    if curl -s "http://127.0.0.1:$p/health" >/dev/null; then
        echo "error: port $p is in use (set LIVE_BENCH_PORT)" >&2
        exit 1
    fi
done

once=$("$bin" users add bench --role analyst --database "$db" | awk '{print $NF}')
"$bin" export sales --out "$work/sales.csv" --database "$db" >/dev/null
for p in $pa $pb; do
    "$bin" serve --database "$db" --port "$p" >"$work/serve-$p.out" 2>&1 &
    pids+=($!)
done
for p in $pa $pb; do
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$p/health" >/dev/null && break; sleep 0.5; done
    head -1 "$work/serve-$p.out"
done

# The one-time password is changed at first login, as a user does; then a token.
jar="$work/jar"
curl -s -c "$jar" -b "$jar" -o /dev/null -d "user=bench&password=$once" "http://127.0.0.1:$pa/login"
csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$pa/account/password" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "current=$once" \
    --data-urlencode "new=live-snapshot-password-2026" "http://127.0.0.1:$pa/account/password"
token=$("$bin" users token bench --database "$db")
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$pa/api/v1/me") == 200 ]] ||
    { echo "error: the API refused the token" >&2; exit 1; }

echo "== $count submissions, one after the other, without other load"
python3 benchmarks/live_snapshot.py "http://127.0.0.1:$pa" "http://127.0.0.1:$pb" "$token" "$count" "$work/sales.csv"

echo "== $count submissions while wrk reads A's summary report and trace list (4 connections each)"
cat >"$work/paths.lua" <<'EOF'
local paths = {"/api/v1/reports/summary", "/api/v1/traces?per_page=50"}
local n = 0
request = function()
    n = n + 1
    return wrk.format("GET", paths[n % 2 + 1])
end
EOF
wrk -t2 -c8 -d600s --latency -s "$work/paths.lua" -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$pa" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
sleep 2
python3 benchmarks/live_snapshot.py "http://127.0.0.1:$pa" "http://127.0.0.1:$pb" "$token" "$count" "$work/sales.csv"
kill -INT "$wrk_pid" 2>/dev/null || true
wait "$wrk_pid" 2>/dev/null || true
echo "-- wrk (GETs on A during the submissions)"
cat "$work/wrk.out"
grep -h "snapshot rebuilt" "$work"/serve-*.out || true
