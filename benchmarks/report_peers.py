"""Peers for the report benchmark: the SQL equivalent of IronTrace reports 1-8 for one filter, run
by DuckDB (in memory, all cores) and SQLite over the same pre-joined fact table, best of N runs.

Usage: report_peers.py IRONTRACE_DB WORK_DIR RUNS [WHERE]
The fact table (one row per trace joined to its recovery and sale) is built once and not timed,
as IronTrace's own fact table build is reported apart.
"""
import os
import sqlite3
import subprocess
import sys
import time

import duckdb

db, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
where = sys.argv[4] if len(sys.argv) > 4 else "1=1"

FLAT = """
SELECT CAST(substr(r.recovery_date, 1, 4) AS INTEGER) AS year, r.country AS country,
  substr(coalesce(r.area, r.country), 1, 5) AS state, r.type AS type, r.caliber AS caliber,
  r.manufacturer AS manufacturer, r.crime_category AS crime, t.source_state AS source_state,
  t.licensee_id AS licensee, t.time_to_crime_days AS ttc, t.outcome AS outcome, t.source_class AS source_class,
  CASE WHEN s.multiple_sale_id IS NOT NULL THEN 1 ELSE 0 END AS multiple, r.serial_obliterated AS obliterated
FROM o.traces t JOIN o.recoveries r ON r.id = t.recovery_id LEFT JOIN o.sales s ON s.id = t.sale_id
"""

BUCKET = """CASE WHEN ttc < 91.32 THEN 0 WHEN ttc < 213.08 THEN 1 WHEN ttc < 365.25 THEN 2
  WHEN ttc < 730.5 THEN 3 WHEN ttc < 1095.75 THEN 4 ELSE 5 END"""


def queries(median):
    w = where
    return [
        # 1 summary
        f"SELECT year, outcome, source_class, count(*) FROM f WHERE {w} GROUP BY 1, 2, 3",
        f"SELECT country, source_class, count(*) FROM f WHERE {w} GROUP BY 1, 2",
        f"SELECT sum(obliterated), sum(multiple) FROM f WHERE {w}",
        # 2 sources
        f"SELECT source_state, count(*) FROM f WHERE {w} AND source_class = 'us_sourced' GROUP BY 1",
        # 3 flows
        f"SELECT source_state, state, count(*) FROM f WHERE {w} GROUP BY 1, 2",
        f"SELECT count(*), sum(CASE WHEN state = 'US-' || source_state THEN 1 ELSE 0 END) FROM f WHERE {w} AND country = 'US' AND source_state <> ''",
        # 4 firearms
        f"SELECT type, count(*) FROM f WHERE {w} GROUP BY 1",
        f"SELECT caliber, count(*) FROM f WHERE {w} GROUP BY 1 ORDER BY 2 DESC LIMIT 20",
        f"SELECT manufacturer, count(*) FROM f WHERE {w} GROUP BY 1 ORDER BY 2 DESC LIMIT 20",
        # 5 time-to-crime
        f"SELECT {BUCKET}, count(*) FROM f WHERE {w} AND ttc IS NOT NULL GROUP BY 1",
        f"SELECT type, count(*), {median('ttc', 'type')}, avg(ttc), sum(CASE WHEN ttc < 365 THEN 1 ELSE 0 END), sum(CASE WHEN ttc <= 1096 THEN 1 ELSE 0 END) FROM f WHERE {w} AND ttc IS NOT NULL GROUP BY type",
        # 6 crimes
        f"SELECT crime, count(*) FROM f WHERE {w} GROUP BY 1",
        # 7 dealers
        f"SELECT licensee, count(*), sum(CASE WHEN country = 'MX' THEN 1 ELSE 0 END), sum(CASE WHEN ttc <= 1096 THEN 1 ELSE 0 END) FROM f WHERE {w} AND licensee IS NOT NULL GROUP BY 1",
        f"SELECT licensee, year, count(*) FROM f WHERE {w} AND licensee IS NOT NULL AND ttc <= 1096 GROUP BY 1, 2 HAVING count(*) >= 25",
        # 8 multiple sales
        f"SELECT multiple, {BUCKET}, count(*) FROM f WHERE {w} AND ttc IS NOT NULL GROUP BY 1, 2",
        f"SELECT multiple, count(*), {median('ttc', 'multiple')} FROM f WHERE {w} AND ttc IS NOT NULL GROUP BY multiple",
    ]


def sqlite_medians():
    # SQLite has no median aggregate: the lower median per group with window functions, as extra queries.
    return [
        f"SELECT {g}, ttc FROM (SELECT {g}, ttc, row_number() OVER (PARTITION BY {g} ORDER BY ttc) AS rn, "
        f"count(*) OVER (PARTITION BY {g}) AS c FROM f WHERE {where} AND ttc IS NOT NULL) WHERE rn = (c + 1) / 2"
        for g in ("type", "multiple")
    ]


def best(run):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


stem = os.path.splitext(os.path.basename(db))[0]
peer_db = os.path.join(work, f"peer-{stem}.sqlite")
if not os.path.exists(peer_db):
    t0 = time.perf_counter()
    c = sqlite3.connect(peer_db)
    c.execute(f"ATTACH '{db}' AS o")
    c.execute("CREATE TABLE f AS " + FLAT)
    c.commit()
    c.close()
    print(f"fact table for the peers: {time.perf_counter() - t0:.1f} s (not timed below)")
csv_path = os.path.join(work, f"facts-{stem}.csv")
if not os.path.exists(csv_path):
    subprocess.run(["sqlite3", "-header", "-csv", peer_db, "SELECT * FROM f"], stdout=open(csv_path, "w"), check=True)

duck = duckdb.connect()
duck.execute(f"CREATE TABLE f AS SELECT * FROM read_csv_auto('{csv_path}', nullstr='')")
n = duck.execute("SELECT count(*) FROM f").fetchone()[0]
threads = duck.execute("SELECT current_setting('threads')").fetchone()[0]
dq = queries(lambda col, group: f"median({col})")
duck_ms = best(lambda: [duck.execute(q).fetchall() for q in dq])
print(f"duckdb {duckdb.__version__} ({threads} threads): reports 1-8 over {n} traces: best of {runs} {duck_ms:.1f} ms")

lite = sqlite3.connect(peer_db)
sq = queries(lambda col, group: "NULL") + sqlite_medians()
lite_runs = max(1, min(runs, 2))
t = []
for _ in range(lite_runs):
    t0 = time.perf_counter()
    for q in sq:
        lite.execute(q).fetchall()
    t.append(time.perf_counter() - t0)
print(f"sqlite {sqlite3.sqlite_version}: reports 1-8: best of {lite_runs} {min(t) * 1000:.1f} ms")
