#!/usr/bin/env python3
"""How long other users wait behind a large import, and what uploads cost in
memory (docs/benchmarks.md, "Writes beside an import").

  bench/import_wait.py --bin BUILD/hongwu --gen BUILD/bench/gen_city --dir DIR
                       [--dwellings 300000] [--writers 2] [--uploads 4] [--upload-mib 60]

1. A SQLite database with gen_city's one-community skeleton and its
   residents file (--dwellings rows, about one person each); a server on it.
2. For --alone-seconds, --writers clients create residents (`POST
   /api/v1/residents`) and one client signs in (`POST /api/v1/auth/login`)
   over and over with no import: the same run's baseline ("..._alone").
   Then, while `POST /api/v1/imports/residents` takes the whole file, the
   same clients do the same again (with --id-numbers each person they
   create has an ID number). Printed: each kind's count,
   errors, median, p99 and maximum in ms as the server's access log times
   them (from the request's arrival to its answer: what the server made it
   wait, without the load generator's own delays on a busy machine), the
   same as the clients saw them, the import's own time and status, the
   server's peak RSS.
3. On a fresh server, --uploads clients at once each send an import body of
   --upload-mib MiB that is refused on its first line (no known header), so
   what the server holds is the bodies; printed: the server's peak RSS
   (VmHWM) before and after.

With --pg (run inside pg_virtualenv, as bench/run.sh does: PGHOST and the
rest set), the same on a PostgreSQL database made for the run (the wait
only).

Every result line is "result key=value ..."."""
import argparse
import datetime
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time

import requests

PASSWORD = "bench-password-2025"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_number(writer, i):
    """A valid GB 11643 number of its own for a writer's i-th person: born i
    days after 1930-01-01, the writer's number as the order code, in a
    region the generated city does not use."""
    born = (datetime.date(1930, 1, 1) + datetime.timedelta(days=i % 30000)).strftime("%Y%m%d")
    first = f"659001{born}{(writer * 10 + i // 30000) % 1000:03d}"
    return first + CHECK[sum(int(c) * w for c, w in zip(first, WEIGHTS)) % 11]


def log(*a):
    print(time.strftime("[%H:%M:%S]"), *a, file=sys.stderr, flush=True)


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Server:
    def __init__(self, binary, db, extra, log):
        self.log = log
        self.proc = subprocess.Popen([binary, "serve", "--port", "0", "--db", db, "--web",
                                      "/nonexistent"] + extra, stdout=subprocess.PIPE,
                                     stderr=open(self.log, "w"), text=True)
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", self.proc.stdout.readline())
        if not m:
            self.proc.kill()
            raise SystemExit("the server did not start")
        self.base = m.group(1)

    def login(self, user):
        r = requests.post(self.base + "/api/v1/auth/login",
                          json={"login": user, "password": PASSWORD}, timeout=60)
        r.raise_for_status()
        return r.json()["token"]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(60)


def add_user(binary, db, login, role, scope):
    subprocess.run([binary, "user", "add", login, "--role", role, "--scope", scope, "--db", db],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)


def sql_value(db, sql):
    """The first column of the first row, from SQLite or PostgreSQL."""
    if db.startswith("postgresql://"):
        out = subprocess.run(["psql", db, "-qAtc", sql], check=True, capture_output=True,
                             text=True)
        return int(out.stdout.split()[0])
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def fresh_database(args):
    if args.pg:
        base = "postgresql://{}:{}@{}:{}".format(os.environ["PGUSER"], os.environ["PGPASSWORD"],
                                                 os.environ["PGHOST"], os.environ["PGPORT"])
        subprocess.run(["dropdb", "--if-exists", "bench_import_wait"], check=True)
        subprocess.run(["createdb", "bench_import_wait"], check=True)
        return base + "/bench_import_wait", ["--pg"]
    db = os.path.join(args.dir, "wait.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    return db, ["--sqlite"]


def prepare(args):
    os.makedirs(args.dir, exist_ok=True)
    db, gen_db = fresh_database(args)
    csv_path = os.path.join(args.dir, "residents.csv")
    subprocess.run([args.bin, "migrate", "--db", db], check=True, capture_output=True)
    subprocess.run([args.gen, "--dwellings", str(args.dwellings), "--one-community",
                    "--residents-per-dwelling", "1.0"] + gen_db + [db, "--skeleton-only",
                    "--csv", csv_path], check=True, capture_output=True)
    community = sql_value(db, "SELECT id FROM places WHERE kind = 'community'")
    add_user(args.bin, db, "bench-importer", "community_staff", f"community:{community}")
    add_user(args.bin, db, "bench-writer", "community_staff", f"community:{community}")
    add_user(args.bin, db, "bench-signer", "community_staff", f"community:{community}")
    # One dwelling outside the file for the writers: the file's first row in
    # a compound of its own, imported first.
    with open(csv_path, encoding="utf-8-sig") as f:
        header, first = f.readline(), f.readline()
    small = os.path.join(args.dir, "one.csv")
    with open(small, "w", encoding="utf-8") as f:
        f.write(header + "旁边小区" + first[first.index(","):])
    subprocess.run([args.bin, "import", "residents", small, "--community", str(community),
                    "--db", db], check=True, capture_output=True)
    dwelling = sql_value(db, "SELECT d.id FROM places d JOIN places c ON c.id = d.compound_id"
                             " WHERE c.name = '旁边小区' AND d.kind = 'dwelling'")
    if not args.pg:
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(db, db + ".template")
    return db, csv_path, community, dwelling


def server_times(log_path, method_path, status):
    """The durations the access log gives for method_path answered status."""
    pattern = re.compile(re.escape(method_path) + rf" {status} ([0-9.]+)ms")
    with open(log_path, errors="replace") as f:
        return [float(m.group(1)) / 1000 for m in map(pattern.search, f) if m]


def summary(kind, times, errors):
    ms = sorted(t * 1000 for t in times)
    if not ms:
        return f"result kind={kind} count=0 errors={errors}"
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return (f"result kind={kind} count={len(ms)} errors={errors} "
            f"median_ms={statistics.median(ms):.1f} p99_ms={p99:.1f} max_ms={ms[-1]:.1f}")


def measure_wait(args, db, csv_path, community, dwelling):
    server = Server(args.bin, db, args.serve_arg, os.path.join(args.dir, "wait.server.log"))
    try:
        importer = server.login("bench-importer")
        writer = server.login("bench-writer")
        with open(csv_path, "rb") as f:
            body = f.read()
        done = threading.Event()
        result = {}

        def run_import():
            t0 = time.monotonic()
            r = requests.post(f"{server.base}/api/v1/imports/residents?community_id={community}",
                              data=body, timeout=3600,
                              headers={"Authorization": "Bearer " + importer,
                                       "Content-Type": "text/csv"})
            result["seconds"] = time.monotonic() - t0
            result["status"] = r.status_code
            result["created"] = r.json().get("created") if r.status_code == 200 else r.text[:200]
            done.set()

        def write_loop(n, done, writes, write_errors):
            s = requests.Session()
            s.headers["Authorization"] = "Bearer " + writer
            i = 0
            while not done.is_set():
                t0 = time.monotonic()
                try:
                    person = {"name": f"旁人{n}-{i}", "relation": "tenant",
                              "dwelling_id": dwelling}
                    if args.id_numbers:
                        person["id_number"] = id_number(n, i)
                    r = s.post(server.base + "/api/v1/residents", timeout=60, json=person)
                    ok = r.status_code == 201
                except requests.RequestException:
                    ok = False
                (writes if ok else []).append(time.monotonic() - t0)
                write_errors[0] += not ok
                i += 1

        def login_loop(done, logins, login_errors):
            s = requests.Session()
            while not done.is_set():
                t0 = time.monotonic()
                try:
                    r = s.post(server.base + "/api/v1/auth/login", timeout=60,
                               json={"login": "bench-signer", "password": PASSWORD})
                    ok = r.status_code == 200
                except requests.RequestException:
                    ok = False
                (logins if ok else []).append(time.monotonic() - t0)
                login_errors[0] += not ok

        def clients(done, first):
            writes, write_errors, logins, login_errors = [], [0], [], [0]
            threads = [threading.Thread(target=write_loop,
                                        args=(first + n, done, writes, write_errors))
                       for n in range(args.writers)]
            threads += [threading.Thread(target=login_loop, args=(done, logins, login_errors))]
            for t in threads:
                t.start()
            return threads, (writes, write_errors, logins, login_errors)

        alone_done = threading.Event()
        threads, alone = clients(alone_done, 0)
        time.sleep(args.alone_seconds)
        alone_done.set()
        for t in threads:
            t.join()
        load = os.getloadavg()[0]
        threads, during = clients(done, args.writers)
        writes, write_errors, logins, login_errors = during
        threads.append(threading.Thread(target=run_import))
        threads[-1].start()
        for t in threads:
            t.join()
        print(f"result kind=import backend={'postgresql' if args.pg else 'sqlite'} "
              f"rows={args.dwellings} status={result['status']} "
              f"created={result['created']} seconds={result['seconds']:.2f} loadavg={load:.2f} "
              f"server_peak_rss_mib={peak_rss_mib(server.proc.pid):.0f}", flush=True)
        print(summary("create_resident_client_alone", alone[0], alone[1][0]), flush=True)
        print(summary("login_client_alone", alone[2], alone[3][0]), flush=True)
        print(summary("create_resident_client", writes, write_errors[0]), flush=True)
        print(summary("login_client", logins, login_errors[0]), flush=True)
    finally:
        server.stop()
    # The log is in the order of the answers: the alone phase's come first,
    # after the two sign-ins of the set-up (importer and writer).
    creates = server_times(server.log, "POST /api/v1/residents", 201)
    signs = server_times(server.log, "POST /api/v1/auth/login", 200)[2:]
    nc, nl = len(alone[0]), len(alone[2])
    print(summary("create_resident_server_alone", creates[:nc], alone[1][0]), flush=True)
    print(summary("login_server_alone", signs[:nl], alone[3][0]), flush=True)
    print(summary("create_resident_server", creates[nc:], write_errors[0]), flush=True)
    print(summary("login_server", signs[nl:], login_errors[0]), flush=True)


def measure_uploads(args, db, community):
    shutil.copy(db + ".template", db)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    server = Server(args.bin, db, args.serve_arg, os.path.join(args.dir, "uploads.server.log"))
    try:
        token = server.login("bench-importer")
        line = "未知列一,未知列二\n" + "x" * 200 + ",y\n"
        body = (line * (args.upload_mib * 1048576 // len(line.encode()) + 1)).encode()
        body = body[:args.upload_mib * 1048576]
        before = peak_rss_mib(server.proc.pid)
        statuses = []

        def upload():
            r = requests.post(f"{server.base}/api/v1/imports/residents?community_id={community}",
                              data=body, timeout=600,
                              headers={"Authorization": "Bearer " + token,
                                       "Content-Type": "text/csv"})
            statuses.append(r.status_code)

        threads = [threading.Thread(target=upload) for _ in range(args.uploads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"result kind=uploads uploads={args.uploads} mib_each={args.upload_mib} "
              f"statuses={','.join(map(str, sorted(statuses)))} "
              f"server_peak_rss_mib_before={before:.0f} "
              f"server_peak_rss_mib_after={peak_rss_mib(server.proc.pid):.0f}", flush=True)
    finally:
        server.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--dwellings", type=int, default=300000)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--alone-seconds", type=float, default=10,
                    help="the same clients first without an import, for the baseline")
    ap.add_argument("--uploads", type=int, default=4)
    ap.add_argument("--upload-mib", type=int, default=60)
    ap.add_argument("--serve-arg", action="append", default=[],
                    help="one more argument for hongwu serve (repeat)")
    ap.add_argument("--id-numbers", action="store_true",
                    help="the writers give each person an ID number (on PostgreSQL they"
                         " then wait for the import's ID-number lock)")
    ap.add_argument("--only", choices=["wait", "uploads"])
    ap.add_argument("--pg", action="store_true",
                    help="on PostgreSQL (inside pg_virtualenv); the wait only")
    args = ap.parse_args()
    if args.pg:
        args.only = "wait"
    log("preparing", args.bin)
    db, csv_path, community, dwelling = prepare(args)
    if args.only != "uploads":
        log("import with concurrent writes and sign-ins")
        measure_wait(args, db, csv_path, community, dwelling)
    if args.only != "wait":
        log("concurrent uploads")
        measure_uploads(args, db, community)


if __name__ == "__main__":
    main()
