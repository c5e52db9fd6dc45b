#!/usr/bin/env python3
"""Fills a demo database with many work orders, for measuring the order
lists at a city's scale (docs/api-workorders.md, "Lists").

    build/hongwu demo --db var/bench.db
    bench/gen_workorders.py --db var/bench.db --orders 200000
    bench/gen_workorders.py --db postgresql://user:pass@host/db --orders 200000

The orders are written straight into the tables (not through the API, which
would take hours): spread over the first sub-district's dwellings and
buildings over two years, most of them closed, a few hundred open with
running clocks, some in the grab pool, some filed by or supported by the
demo resident, as a year of a sub-district's work looks. Each order copies
its place's ids as filing does. Run it once, after `hongwu demo`, against a
database no server is writing to.
"""
import argparse
import csv
import io
import random
import sqlite3
import subprocess
import time

CHUNK = 5000
DISTRICT = "新都街道"


class Db:
    """The few statements this script needs, on SQLite or PostgreSQL (psql)."""

    def __init__(self, url):
        self.pg = url.startswith("postgres")
        self.url = url
        self.conn = None if self.pg else sqlite3.connect(url)

    def rows(self, sql):
        if not self.pg:
            return self.conn.execute(sql).fetchall()
        out = subprocess.run(["psql", self.url, "-v", "ON_ERROR_STOP=1", "-qAt", "-F", "\t",
                              "-c", sql], capture_output=True, text=True, check=True).stdout
        return [tuple(None if v == "" else v for v in line.split("\t"))
                for line in out.splitlines() if line]

    def columns(self, table):
        if not self.pg:
            return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]
        return [r[0] for r in self.rows(
            f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'")]

    def insert(self, table, cols, rows):
        if not rows:
            return
        if not self.pg:
            marks = ", ".join("?" for _ in cols)
            self.conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
            return
        buf = io.StringIO()
        csv.writer(buf).writerows([["" if v is None else v for v in r] for r in rows])
        subprocess.run(["psql", self.url, "-v", "ON_ERROR_STOP=1", "-qc",
                        f"\\copy {table} ({', '.join(cols)}) FROM STDIN WITH (FORMAT csv)"],
                       input=buf.getvalue(), text=True, check=True, capture_output=True)

    def commit(self):
        if not self.pg:
            self.conn.commit()

    def analyze(self):
        if self.pg:
            self.rows("ANALYZE")
        else:
            self.conn.execute("ANALYZE")
            self.conn.commit()


def one(db, sql):
    found = db.rows(sql)
    if not found:
        raise SystemExit(f"not found: {sql}")
    return found[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a SQLite file or a postgresql:// URL")
    ap.add_argument("--orders", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    db = Db(a.db)

    district = int(one(db, f"SELECT id FROM places WHERE kind = 'subdistrict' AND name = '{DISTRICT}'")[0])
    places = [tuple(int(v) if v is not None else None for v in r) for r in db.rows(
        "SELECT id, community_id, zone_id, compound_id, grid_id, building_id FROM places"
        f" WHERE district_id = {district} AND kind IN ('dwelling', 'building')")]
    categories = [int(r[0]) for r in db.rows(
        f"SELECT id FROM wo_categories WHERE district_id = {district} AND parent_id IS NOT NULL")]
    users = {r[0]: int(r[1]) for r in db.rows("SELECT login, id FROM users WHERE login LIKE 'demo-%'")}
    workers = [users[x] for x in ("demo-grid-worker", "demo-property-staff", "demo-grid-leader")]
    resident = users["demo-resident"]
    staff = users["demo-community-staff"]
    start_id = int(one(db, "SELECT COALESCE(max(id), 0) FROM work_orders")[0]) + 1
    has_copies = "compound_id" in db.columns("work_orders")
    if not places or not categories:
        raise SystemExit("load the demo first: hongwu demo --db ...")

    now = int(time.time())
    cols = ["id", "district_id", "number", "channel", "reporter_kind", "reporter_user_id",
            "reporter_name", "place_id", "community_id", "grid_id", "building_id", "category_id",
            "description", "difficulty", "status", "level", "closed_level", "outcome",
            "assignee_user_id", "grab", "reported_at", "clock_start_at", "dispatched_at",
            "on_site_at", "resolved_at", "closed_at", "on_site_due_at", "resolve_due_at",
            "queue_due", "version", "created_at", "updated_at"]
    if has_copies:
        cols += ["zone_id", "compound_id"]
    supporters = []
    rows = []
    made = 0
    t0 = time.time()
    for i in range(a.orders):
        oid = start_id + i
        pl = rnd.choice(places)
        reported = now - rnd.randint(600, 2 * 365 * 86400)
        # What became of it: most closed, the last days' still open.
        age = now - reported
        roll = rnd.random()
        if age < 3 * 86400 and roll < 0.6:
            status = rnd.choice(["reported", "dispatched", "dispatched", "taken", "on_site",
                                 "resolved", "suspended"])
        else:
            status = "closed"
        grab = status == "dispatched" and rnd.random() < 0.3
        assignee = None if status == "reported" or grab else rnd.choice(workers)
        reporter = resident if rnd.random() < 0.0005 else staff
        on_due, res_due = reported + 300, reported + 10800
        running = status in ("reported", "dispatched", "taken", "on_site")
        queue = (on_due if status in ("reported", "dispatched", "taken") else res_due) if running else None
        row = [oid, district, f"WO-B{oid:09d}", "phone", "staff", reporter, "压测",
               pl[0], pl[1], pl[4], pl[5], rnd.choice(categories), "压测工单 水管漏水", "general",
               status, "grid", "grid" if status == "closed" else None,
               "fixed" if status == "closed" else None, assignee, grab, reported, reported,
               reported + 60 if status != "reported" else None,
               reported + 200 if status in ("on_site", "resolved", "closed") else None,
               reported + 3000 if status in ("resolved", "closed") else None,
               reported + 4000 if status == "closed" else None,
               on_due, res_due, queue, 1, reported, reported]
        if has_copies:
            row += [pl[2], pl[3]]
        if db.pg:
            row = ["true" if v is True else "false" if v is False else v for v in row]
        else:
            row = [int(v) if isinstance(v, bool) else v for v in row]
        rows.append(row)
        if rnd.random() < 0.0005:
            supporters.append((oid, resident, reported + 100))
        if len(rows) >= CHUNK:
            db.insert("work_orders", cols, rows)
            made += len(rows)
            rows = []
    db.insert("work_orders", cols, rows)
    made += len(rows)
    db.insert("wo_supporters", ["order_id", "user_id", "created_at"], supporters)
    db.commit()
    if db.pg:  # the identity column goes on after the ids written here
        db.rows("SELECT setval(pg_get_serial_sequence('work_orders', 'id'),"
                " (SELECT max(id) FROM work_orders))")
    db.analyze()
    print(f"{made} orders ({len(supporters)} supported by demo-resident) in"
          f" {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
