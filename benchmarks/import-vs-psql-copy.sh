#!/usr/bin/env bash
# Benchmark: 1,000,000 native sales rows with `irontrace import --database postgres://...` (reading,
# validating and normalising every row, COPY into a staging table, one INSERT ... SELECT, ledger,
# SHA-256, indexes rebuilt) beside `psql \copy` of the same CSV into an unindexed table of text
# columns, in the same run, on a PostgreSQL cluster of its own (Debian's package, as the postgres
# user, on 127.0.0.1:${PGPORT:-54339}). Usage: benchmarks/import-vs-psql-copy.sh [runs] [build: release|debug]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
config=${2:-release}
swift build -c "$config" --product irontrace >/dev/null
bin="$(swift build -c "$config" --show-bin-path)/irontrace"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=${PGPORT:-54339}
work=$(mktemp -d)
chmod 755 "$work"
pgdata="$work/pg"
mkdir -p "$pgdata" && chown postgres "$pgdata"
stop() {
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop EXIT
runuser -u postgres -- "$pgbin/initdb" -D "$pgdata/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata/data" -l "$pgdata/log" -w \
    -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1" start >/dev/null
psql() { command psql -X -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }

if [ -n "${SALES_CSV:-}" ]; then
    cp "$SALES_CSV" "$work/sales-src.csv"
else
    "$bin" generate --scale medium --out "$work/medium" >/dev/null
    cp "$work/medium/sales.csv" "$work/sales-src.csv"
fi
head -n 1000001 "$work/sales-src.csv" > "$work/sales-1m.csv"
rows=$(($(wc -l < "$work/sales-1m.csv") - 1))
echo "sales rows: $rows ($(du -h "$work/sales-1m.csv" | cut -f1)); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}')"
cols=$(head -n 1 "$work/sales-1m.csv" | tr ',' '\n' | sed 's/.*/"&" text/' | paste -sd, -)

best() { sort -n | head -n 1; }
ours=()
peer=()
for i in $(seq "$runs"); do
    psql -d postgres -c "DROP DATABASE IF EXISTS ours" -c "DROP DATABASE IF EXISTS peer" \
        -c "CREATE DATABASE ours" -c "CREATE DATABASE peer"
    psql -d peer -c "CREATE TABLE sales_raw ($cols)"
    # Tables made first (the migrations), so that both timings are of the load alone.
    "$bin" info --database "postgres://postgres@127.0.0.1:$port/ours" >/dev/null
    s=$(date +%s.%N)
    "$bin" import sales "$work/sales-1m.csv" --database "postgres://postgres@127.0.0.1:$port/ours" >/dev/null
    e=$(date +%s.%N)
    ours+=("$(echo "$e - $s" | bc)")
    s=$(date +%s.%N)
    psql -d peer -c "\\copy sales_raw FROM '$work/sales-1m.csv' WITH (FORMAT csv, HEADER true)"
    e=$(date +%s.%N)
    peer+=("$(echo "$e - $s" | bc)")
done
o=$(printf '%s\n' "${ours[@]}" | best)
p=$(printf '%s\n' "${peer[@]}" | best)
stored=$(psql -d ours -At -c "select count(*) from sales")
copied=$(psql -d peer -At -c "select count(*) from sales_raw")
echo "irontrace import ($config): best of $runs ${o}s -> $(echo "$rows / $o" | bc) rows/s (stored $stored)"
echo "psql \\copy            : best of $runs ${p}s -> $(echo "$rows / $p" | bc) rows/s (copied $copied)"
echo "ratio (irontrace rows/s / psql rows/s): $(echo "scale=3; $p / $o" | bc)  (goal >= 0.7)"
