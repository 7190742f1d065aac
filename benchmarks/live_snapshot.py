#!/usr/bin/env python3
"""Submit→visible latency of the live snapshot (driven by benchmarks/live-snapshot.sh).

Submits N trace requests, one after the other, through server A's API. For each: the time until A's
trace list finds it by its request id and A's summary report has changed (A applies the delta inside
the submitting request), and the time until server B, another process on the same database, does the
same (B polls the database every 250 ms). Prints p50, p99 and max of each, in milliseconds.

Usage: live_snapshot.py A_URL B_URL TOKEN COUNT SALES_CSV
SALES_CSV: serials and manufacturers are taken from it so that most requests trace to a sale.
"""
import csv
import http.client
import json
import sys
import time
import urllib.parse


def client(url):
    u = urllib.parse.urlparse(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=60)


def get(conn, path, token):
    conn.request("GET", path, headers={"Authorization": "Bearer " + token})
    r = conn.getresponse()
    return r.status, r.read()


def post(conn, path, token, body):
    conn.request(
        "POST",
        path,
        body=json.dumps(body),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
    )
    r = conn.getresponse()
    return r.status, r.read()


def visible(conn, token, request_id, summary_before):
    s, body = get(conn, "/api/v1/traces?request_id=" + urllib.parse.quote(request_id), token)
    if s != 200 or json.loads(body)["total"] < 1:
        return False, summary_before
    s, summary = get(conn, "/api/v1/reports/summary", token)
    return s == 200 and summary != summary_before, summary


def percentile(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def main():
    a_url, b_url, token, count, sales_csv = sys.argv[1:6]
    count = int(count)
    picks = []
    with open(sales_csv, newline="") as f:
        rows = csv.DictReader(f)
        for i, r in enumerate(rows):
            if i % 997 == 0:
                picks.append((r["manufacturer"], r["serial"]))
            if len(picks) >= count:
                break
    a, b = client(a_url), client(b_url)
    _, summary_a = get(a, "/api/v1/reports/summary", token)
    _, summary_b = get(b, "/api/v1/reports/summary", token)
    submit, on_a, on_b, failures = [], [], [], 0
    run = int(time.time())
    for i in range(count):
        make, serial = picks[i % len(picks)]
        rid = f"LIVE-{run}-{i}"
        body = {
            "manufacturer": make,
            "serial": serial,
            "recovery_date": "2024-06-%02d" % (1 + i % 28),
            "recovery_country": "MX",
            "request_id": rid,
        }
        t0 = time.perf_counter()
        status, _ = post(a, "/api/v1/traces", token, body)
        t1 = time.perf_counter()
        if status != 201:
            failures += 1
            continue
        submit.append(t1 - t0)
        while True:
            ok, summary_a = visible(a, token, rid, summary_a)
            if ok:
                on_a.append(time.perf_counter() - t0)
                break
            if time.perf_counter() - t0 > 30:
                failures += 1
                break
        while True:
            ok, summary_b = visible(b, token, rid, summary_b)
            if ok:
                on_b.append(time.perf_counter() - t0)
                break
            if time.perf_counter() - t0 > 30:
                failures += 1
                break
            time.sleep(0.005)

    def line(name, xs):
        ms = [x * 1000 for x in xs]
        if not ms:
            return f"{name}: no samples"
        return (
            f"{name}: n={len(ms)} p50={percentile(ms, 50):.1f} ms p99={percentile(ms, 99):.1f} ms "
            f"max={max(ms):.1f} ms"
        )

    print(line("submit (POST /api/v1/traces answered, delta applied)", submit))
    print(line("submit -> visible on A (trace list by request id + summary report changed)", on_a))
    print(line("submit -> visible on B (another process, 250 ms polling)", on_b))
    print(f"failures (non-201 or not visible in 30 s): {failures}")


if __name__ == "__main__":
    main()
