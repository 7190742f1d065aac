#!/usr/bin/env python3
"""Peers for the trace engine benchmark, on the same registry and requests.

PostgreSQL with pg_trgm: a GIN trigram index on the normalised serial; `serial % q ORDER BY
similarity(serial, q) DESC LIMIT 5` for readable serials and `serial LIKE pattern` (the trigram
index serves LIKE) for obliterated ones. SQLite: `serial_normal GLOB pattern` for obliterated ones.

Usage: trace_peers.py --sqlite DB --requests REQUESTS.csv [--pg-sample N] [--sqlite-sample N] [--pg-port P]
With --pg-port the peer runs on an already running cluster at 127.0.0.1:P (user postgres, trust or
PGPASSWORD); without it, Debian's cluster 15/main is started and used.
Prints throughput, latency percentiles and top-5 accuracy on the answerable requests.
"""
import argparse, csv, sqlite3, subprocess, time, statistics, os, sys

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]

def report(name, lat, hits, answerable, n):
    total = sum(lat)
    print(f"{name}: {n} requests, {n / total:,.0f} requests/s on one connection; "
          f"p50 {pct(lat, .5) * 1000:.2f} ms, p99 {pct(lat, .99) * 1000:.2f} ms; "
          f"top-5 {hits / max(1, answerable):.1%} of {answerable} answerable")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", required=True)
    ap.add_argument("--requests", required=True)
    ap.add_argument("--pg-sample", type=int, default=2000)
    ap.add_argument("--sqlite-sample", type=int, default=200)
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--pg-port", type=int, default=None)
    a = ap.parse_args()
    reqs = list(csv.DictReader(open(a.requests)))
    import psycopg2
    port = a.pg_port or 5432
    if a.pg_port is None:
        subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=False)
        subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-q", "-c", "ALTER USER postgres PASSWORD 'bench'"], check=True)
    password = os.environ.get("PGPASSWORD", "bench")
    if not a.skip_load:
        admin = psycopg2.connect(dbname="postgres", user="postgres", password=password, host="127.0.0.1", port=port)
        admin.autocommit = True
        admin.cursor().execute("DROP DATABASE IF EXISTS irontrace_bench")
        admin.cursor().execute("CREATE DATABASE irontrace_bench")
        admin.close()
    conn = psycopg2.connect(dbname="irontrace_bench", user="postgres", password=password, host="127.0.0.1", port=port)
    conn.autocommit = True
    cur = conn.cursor()
    if not a.skip_load:
        dump = os.path.join(os.path.dirname(os.path.abspath(a.requests)), "registry.csv")
        with open(dump, "w") as f:
            src = sqlite3.connect(a.sqlite)
            w = csv.writer(f)
            for row in src.execute("SELECT id, serial_normal, manufacturer FROM sales ORDER BY id"):
                w.writerow(row)
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cur.execute("CREATE TABLE sales (id bigint PRIMARY KEY, serial text NOT NULL, manufacturer text NOT NULL)")
        t = time.time()
        with open(dump) as f:
            cur.copy_expert("COPY sales FROM STDIN WITH (FORMAT csv)", f)
        print(f"postgres: loaded registry in {time.time() - t:.1f} s")
        t = time.time()
        cur.execute("CREATE INDEX sales_serial_trgm ON sales USING gin (serial gin_trgm_ops)")
        cur.execute("ANALYZE sales")
        print(f"postgres: GIN trigram index built in {time.time() - t:.1f} s")
    cur.execute("SELECT pg_relation_size('sales_serial_trgm'), count(*) FROM sales")
    size, n = cur.fetchone()
    print(f"postgres: trigram index {size / n:.1f} bytes per sale ({size / 2**20:.0f} MiB)")
    sample = reqs[:a.pg_sample]
    lat, hits, answerable = [], 0, 0
    for r in sample:
        s = r["serial"]
        t = time.perf_counter()
        if "?" in s:
            cur.execute("SELECT id FROM sales WHERE serial LIKE %s LIMIT 5", (s.replace("?", "_"),))
        else:
            cur.execute("SELECT id FROM sales WHERE serial %% %s ORDER BY similarity(serial, %s) DESC LIMIT 5", (s, s))
        ids = [x[0] for x in cur.fetchall()]
        lat.append(time.perf_counter() - t)
        if r["expected_sale_id"]:
            answerable += 1
            hits += int(r["expected_sale_id"]) in ids
    report("postgres pg_trgm", lat, hits, answerable, len(sample))
    kinds = {}
    for r, l in zip(sample, lat):
        kinds.setdefault(r["kind"], []).append(l)
    for k, v in sorted(kinds.items()):
        print(f"  {k}: p50 {pct(v, .5) * 1000:.2f} ms, p99 {pct(v, .99) * 1000:.2f} ms")
    # SQLite GLOB on the obliterated requests.
    db = sqlite3.connect(a.sqlite)
    patterns = [r for r in reqs if "?" in r["serial"]][:a.sqlite_sample]
    lat, hits, answerable = [], 0, 0
    for r in patterns:
        t = time.perf_counter()
        ids = [x[0] for x in db.execute("SELECT id FROM sales WHERE serial_normal GLOB ? LIMIT 5", (r["serial"],))]
        lat.append(time.perf_counter() - t)
        answerable += 1
        hits += int(r["expected_sale_id"]) in ids
    if patterns:
        report("sqlite GLOB (obliterated only)", lat, hits, answerable, len(patterns))

if __name__ == "__main__":
    main()
