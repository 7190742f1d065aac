#!/usr/bin/env bash
# A primary and a streaming replica of PostgreSQL on loopback (Debian's package, as the postgres
# user, clusters of their own on 127.0.0.1:${PRIMARY_PORT:-54361} and :${REPLICA_PORT:-54362}):
# imports the tiny demo world into the primary with `irontrace import`, then reads it back from the
# replica with `irontrace info` and `irontrace report summary`, and checks that both answer the same,
# that the replica refuses writes, and how long a new import takes to show on the replica.
# docs/scaling.md says where this fits. Usage: benchmarks/replica.sh [build: release|debug]
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-release}
swift build -c "$config" --product irontrace >/dev/null
bin="$(swift build -c "$config" --show-bin-path)/irontrace"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pport=${PRIMARY_PORT:-54361}
rport=${REPLICA_PORT:-54362}
work=$(mktemp -d)
chmod 755 "$work"
mkdir -p "$work/pg" && chown postgres "$work/pg"
as_pg() { runuser -u postgres -- "$@"; }
stop() {
    as_pg "$pgbin/pg_ctl" -D "$work/pg/replica" -m fast stop >/dev/null 2>&1 || true
    as_pg "$pgbin/pg_ctl" -D "$work/pg/primary" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap stop EXIT
primary="postgres://postgres@127.0.0.1:$pport/irontrace"
replica="postgres://postgres@127.0.0.1:$rport/irontrace"
q() { psql -X -q -At -h 127.0.0.1 -U postgres "$@"; }

echo "== primary on 127.0.0.1:$pport (wal_level=replica)"
as_pg "$pgbin/initdb" -D "$work/pg/primary" -A trust -U postgres >/dev/null
# Replication connections from loopback (initdb's trust rules already include them for 127.0.0.1).
as_pg "$pgbin/pg_ctl" -D "$work/pg/primary" -l "$work/pg/primary.log" -w \
    -o "-p $pport -k $work/pg -c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=4" \
    start >/dev/null
q -p "$pport" -d postgres -c "CREATE DATABASE irontrace"

echo "== replica on 127.0.0.1:$rport (pg_basebackup -R: a hot standby streaming from the primary)"
as_pg "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$pport" -U postgres -D "$work/pg/replica" -R -X stream >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg/replica" -l "$work/pg/replica.log" -w \
    -o "-p $rport -k $work/pg -c listen_addresses=127.0.0.1 -c hot_standby=on" start >/dev/null
test "$(q -p "$rport" -d postgres -c 'SELECT pg_is_in_recovery()')" = t

echo "== write on the primary: the tiny demo world"
"$bin" generate --scale tiny --out "$work/world" >/dev/null
# Exit 5: the ground truth and look-alike lists in the directory are skipped (no reader takes them).
"$bin" import "$work/world" --database "$primary" > "$work/import.txt" || test $? -eq 5
grep -E "files imported|Skipped" "$work/import.txt"

# The replica has what the primary committed once it has replayed the primary's WAL position.
wait_replay() {
    local lsn
    lsn=$(q -p "$pport" -d postgres -c 'SELECT pg_current_wal_lsn()')
    local s e
    s=$(date +%s%N)
    until [ "$(q -p "$rport" -d postgres -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ]; do
        sleep 0.01
    done
    e=$(date +%s%N)
    echo "replica caught up in $(((e - s) / 1000000)) ms"
}
wait_replay

echo "== read on the replica"
"$bin" report summary --database "$primary" --format json > "$work/primary.json"
"$bin" report summary --database "$replica" --format json > "$work/replica.json"
cmp "$work/primary.json" "$work/replica.json"
echo "report summary: the same $(wc -c < "$work/replica.json") bytes of JSON from the primary and the replica"
for t in sales traces recoveries; do
    echo "$t: primary $(q -p "$pport" -d irontrace -c "SELECT count(*) FROM $t")," \
        "replica $(q -p "$rport" -d irontrace -c "SELECT count(*) FROM $t")"
done

echo "== the replica refuses writes"
if "$bin" users add replica-test --role viewer --database "$replica" > "$work/refused.txt" 2>&1; then
    echo "FAIL: a write on the replica succeeded"; exit 1
fi
grep -o 'PostgreSQL: .*' "$work/refused.txt" | head -n 1

echo "== a second write: how long until the replica shows it"
"$bin" users add replica-test --role viewer --database "$primary" >/dev/null
wait_replay
"$bin" users list --database "$replica" | grep -c replica-test
echo "ok"
