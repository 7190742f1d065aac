#!/usr/bin/env bash
# Load on the dashboard and the API: wrk with 64 connections for 30 seconds on the overview page
# (a logged-in analyst's session cookie; cached per URL, language and role), on the traces list and
# on one trace (bodies cached the same way, each request audited), on random traces and random list
# pages (bodies drawn on nearly every request), and on a
# report API endpoint (a Bearer token), against `irontrace serve` (release build) over the medium
# demo world. Prints requests per second,
# latency percentiles and errors as wrk reports them. wrk runs on the same machine as the server.
#
# Usage: benchmarks/server-load.sh [DATABASE] [SECONDS]
#   DATABASE defaults to a medium demo world built in $SERVER_BENCH_DIR (default /tmp/irontrace-server-bench).
# Needs: wrk and curl (apt-get install wrk curl).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${2:-30}
dir=${SERVER_BENCH_DIR:-/tmp/irontrace-server-bench}
port=${SERVER_BENCH_PORT:-18090}
mkdir -p "$dir"
# IRONTRACE_BIN: another build to compare (an older commit's binary), else this tree's release build.
if [ -n "${IRONTRACE_BIN:-}" ]; then
    bin=$IRONTRACE_BIN
else
    swift build -c release >/dev/null
    bin="$(swift build -c release --show-bin-path)/irontrace"
fi
db=${1:-$dir/medium.sqlite}
if [ ! -f "$db" ]; then
    (cd "$dir" && "$bin" demo --scale medium --database "$db" >/dev/null)
fi
work=$(mktemp -d)
cp "$db" "$work/bench.sqlite"
db="$work/bench.sqlite"
trap 'pkill -f "serve --database $db" 2>/dev/null || true; rm -rf "$work"' EXIT
if curl -s "http://127.0.0.1:$port/health" >/dev/null; then
    echo "error: port $port is in use (set SERVER_BENCH_PORT)" >&2
    exit 1
fi

once=$("$bin" users add bench --role analyst --database "$db" | awk '{print $NF}')
/usr/bin/time -v "$bin" serve --database "$db" --port "$port" >"$work/serve.out" 2>"$work/serve.time" &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
head -1 "$work/serve.out" || true

# Log in as a browser would and choose a password (the first one is one-time).
jar="$work/jar"
curl -s -c "$jar" -b "$jar" -o /dev/null -d "user=bench&password=$once" "http://127.0.0.1:$port/login"
csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/account/password" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "current=$once" \
    --data-urlencode "new=load-test-password-2026" "http://127.0.0.1:$port/account/password"
cookie=$(awk '$6 == "it_session" {print $7}' "$jar")
# After the password change: a new password ends the account's earlier tokens.
token=$("$bin" users token bench --database "$db" 2>/dev/null)

page="http://127.0.0.1:$port/"
api="http://127.0.0.1:$port/api/v1/reports/summary?country=MX"
# First requests draw and cache; time them separately (cold).
cold_page=$(curl -s -o /dev/null -w '%{http_code} %{time_total}s %{size_download} bytes' -H "Cookie: it_session=$cookie" "$page")
cold_api=$(curl -s -o /dev/null -w '%{http_code} %{time_total}s %{size_download} bytes' -H "Authorization: Bearer $token" "$api")
echo "cold overview: $cold_page"
echo "cold API:      $cold_api"
# Measure real answers only: a redirect to the login page or an error would be fast and meaningless.
[[ $cold_page == 200* && $cold_api == 200* ]] || { echo "error: not logged in or API refused" >&2; exit 1; }

echo "== overview page, 64 connections, ${seconds}s"
wrk -t2 -c64 -d"${seconds}s" --latency -H "Cookie: it_session=$cookie" "$page"
for path in "/traces?country=MX" "/traces/1" "/flows?country=MX"; do
    echo "== page $path, 64 connections, ${seconds}s"
    wrk -t2 -c64 -d"${seconds}s" --latency -H "Cookie: it_session=$cookie" "http://127.0.0.1:$port$path"
done
# The pages above repeat one URL, so after the first request their bodies come from the
# snapshot's page cache. These two draw (nearly) every body: a random trace of the 250,000, and a
# random page (1-2000) and size (20-100) of the Mexico list, about 160,000 URLs against a cache of
# 2,000 bodies.
cat >"$work/random-trace.lua" <<'LUA'
math.randomseed(os.time())
request = function() return wrk.format("GET", "/traces/" .. math.random(1, 250000)) end
LUA
cat >"$work/random-page.lua" <<'LUA'
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/traces?country=MX&page=" .. math.random(1, 2000) .. "&per_page=" .. math.random(20, 100))
end
LUA
for script in random-trace random-page; do
    echo "== uncached: $script, 64 connections, ${seconds}s"
    wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/$script.lua" -H "Cookie: it_session=$cookie" \
        "http://127.0.0.1:$port/"
done
echo "== report API (summary, country=MX), 64 connections, ${seconds}s"
wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$api"
pkill -INT -f "serve --database $db" || true
wait $server 2>/dev/null || true
grep -E "Maximum resident" "$work/serve.time" || true
