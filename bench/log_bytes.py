#!/usr/bin/env python3
"""Bytes per logged sensitive read, on SQLite or PostgreSQL.

Loads the demo into a fresh database, serves it, has community staff list
residents (each answer writes one sensitive_reads row per person shown), and
divides the growth of the table and of its indexes by the rows written.

  bench/log_bytes.py [--bin build/hongwu] [--pages 200]
  scripts/with-postgres.sh bench/log_bytes.py     (PostgreSQL: HONGWU_TEST_PG)
"""
import argparse
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import tempfile

import requests

SQLITE_SIZE = """SELECT d.name, SUM(d.pgsize) FROM dbstat d JOIN sqlite_master m
                 ON m.name = d.name WHERE m.tbl_name = 'sensitive_reads' GROUP BY d.name"""
PG_SIZE = """SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c
             WHERE c.relkind IN ('r', 'i') AND (c.relname LIKE 'sensitive_reads%'
                   OR c.oid IN (SELECT indexrelid FROM pg_index i JOIN pg_class t
                                ON t.oid = i.indrelid WHERE t.relname LIKE 'sensitive_reads%'))"""


def sizes(db):
    """{relation: bytes} of the sensitive reads' table(s) and indexes."""
    if db.startswith("postgresql://"):
        out = subprocess.run(["psql", db, "-qAtF", "\t", "-c", "CHECKPOINT", "-c", PG_SIZE],
                             check=True, capture_output=True, text=True).stdout
        return {name: int(size) for name, size in
                (line.split("\t") for line in out.splitlines() if "\t" in line)}
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return dict(c.execute(SQLITE_SIZE).fetchall())


def rows(db):
    sql = "SELECT COUNT(*) FROM sensitive_reads"
    if db.startswith("postgresql://"):
        return int(subprocess.run(["psql", db, "-qAtc", sql], check=True, capture_output=True,
                                  text=True).stdout)
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchone()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/hongwu")
    ap.add_argument("--pages", type=int, default=200)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="hongwu-logbytes-")
    pg = os.environ.get("HONGWU_TEST_PG", "").rstrip("/")
    name = None
    if pg:
        name = "hongwu_bench_" + secrets.token_hex(4)
        subprocess.run(["psql", pg + "/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        db = f"{pg}/{name}"
    else:
        db = os.path.join(work, "hongwu.db")
    server = None
    try:
        demo = subprocess.run([args.bin, "demo", "--db", db], capture_output=True, text=True,
                              check=True)
        passwords = dict(line.split("\t") for line in demo.stdout.splitlines() if "\t" in line)
        server = subprocess.Popen([args.bin, "serve", "--port", "0", "--db", db, "--web", work,
                                   "--files", os.path.join(work, "files")],
                                  env=dict(os.environ,
                                           HONGWU_LOG_ARCHIVE=os.path.join(work, "archive")),
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        base = re.search(r"listening on (\S+)", server.stdout.readline()).group(1)
        login = requests.post(base + "/api/v1/auth/login",
                              json={"login": "demo-community-staff",
                                    "password": passwords["demo-community-staff"]})
        token = login.json()["token"]
        rows0, size0 = rows(db), sizes(db)
        for _ in range(args.pages):
            r = requests.get(base + "/api/v1/residents?limit=50",
                             headers={"Authorization": "Bearer " + token})
            r.raise_for_status()
        written, size1 = rows(db) - rows0, sizes(db)
        grew = {k: size1.get(k, 0) - size0.get(k, 0) for k in size1}
        table = sum(v for k, v in grew.items() if k.startswith("sensitive_reads")
                    and not any(w in k for w in ("_at", "_district", "_subject", "pkey",
                                                 "autoindex")))
        total = sum(grew.values())
        print(f"{'postgresql' if pg else 'sqlite'}: {written} reads logged;"
              f" table {table / written:.0f} B/read, with indexes {total / written:.0f} B/read")
        for k, v in sorted(grew.items()):
            if v:
                print(f"  {k}: {v / written:.1f} B/read")
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
        if name:
            subprocess.run(["psql", pg + "/postgres", "-qc",
                            f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
