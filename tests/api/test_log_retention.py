"""Logs kept for a period, then archived (docs/operations.md, "Log
retention"): with the test clock, months of the audit log and of the
sensitive reads wholly older than 180 days are written to gzip'd JSON Lines
an inspector can read, checked by the manifest's SHA-256, and deleted; newer
rows stay; the archive job runs once a day and survives a restart; a period
shorter than the law's six months is refused."""
import gzip
import hashlib
import json
import sqlite3
import subprocess
import time

import pytest

from conftest import BIN, PG_BASE, Server
from jobs_helpers import Peer, jobs, now_of, wait_for

DAY = 86400


def scalar(server, sql):
    if PG_BASE:
        out = subprocess.run(["psql", server.db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
                             check=True, capture_output=True, text=True, timeout=60).stdout
        return int(out.strip() or 0)
    with sqlite3.connect(server.db, timeout=30) as c:
        return c.execute(sql).fetchone()[0] or 0


def read_archive(path):
    """The lines of an archive as `hongwu logs read` prints them, checked
    against plain gzip."""
    r = subprocess.run([BIN, "logs", "read", str(path)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    with gzip.open(path, "rt") as f:
        assert f.read() == r.stdout
    return [json.loads(line) for line in r.stdout.splitlines()]


def archived_ids(folder, log):
    ids = []
    for path in sorted(folder.glob(f"{log}-*.jsonl.gz")):
        ids += [row["id"] for row in read_archive(path)]
    return ids


def read_residents(server):
    staff = server.login("demo-community-staff")
    r = server.get("/api/v1/residents?limit=20", staff)
    assert r.status_code == 200, r.text


def test_old_months_are_archived_readable_and_deleted_newer_kept(make_server, monkeypatch,
                                                                  tmp_path):
    folder = tmp_path / "archive"
    monkeypatch.setenv("HONGWU_LOG_ARCHIVE", str(folder))
    s = make_server(True)
    read_residents(s)
    old_reads = scalar(s, "SELECT MAX(id) FROM sensitive_reads")
    old_audit = scalar(s, "SELECT MAX(id) FROM audit_log")
    assert old_reads > 0 and old_audit > 0
    old_read_count = scalar(s, f"SELECT COUNT(*) FROM sensitive_reads WHERE id <= {old_reads}")
    old_audit_count = scalar(s, f"SELECT COUNT(*) FROM audit_log WHERE id <= {old_audit}")

    s.advance(100 * DAY)
    read_residents(s)  # 100 days old at the end: kept
    newer = scalar(s, f"SELECT COUNT(*) FROM sensitive_reads WHERE id > {old_reads}")
    assert newer > 0

    # 242 days on, every month of the first reads lies wholly before the
    # 180 days kept; the daily run that falls due archives them. The
    # scheduler first works through every demo job that fell due in those
    # days, which on a loaded machine under the sanitizers takes a while.
    s.advance(142 * DAY)
    wait_for("the old reads archived and deleted",
             lambda: scalar(s, f"SELECT COUNT(*) FROM sensitive_reads WHERE id <= {old_reads}")
             == 0 and scalar(s, f"SELECT COUNT(*) FROM audit_log WHERE id <= {old_audit}") == 0,
             timeout=120)
    assert scalar(s, f"SELECT COUNT(*) FROM sensitive_reads WHERE id > {old_reads}") == newer

    reads = archived_ids(folder, "sensitive_reads")
    assert sorted(reads) == sorted(set(reads)), "a row archived twice"
    assert len([i for i in reads if i <= old_reads]) == old_read_count
    audit = archived_ids(folder, "audit_log")
    assert sorted(audit) == sorted(set(audit)), "a row archived twice"
    assert len([i for i in audit if i <= old_audit]) == old_audit_count

    row = read_archive(next(folder.glob("sensitive_reads-*.jsonl.gz")))[0]
    assert set(row) >= {"id", "at", "time", "user_id", "subject", "subject_id", "fields"}
    assert row["time"].endswith("+08:00")

    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]
    assert {m["file"] for m in manifest} == {p.name for p in folder.glob("*.jsonl.gz")}
    for m in manifest:
        data = (folder / m["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == m["sha256"]
        assert m["rows"] == len(gzip.decompress(data).splitlines())

    # A changed file is refused by `hongwu logs read`.
    path = folder / manifest[0]["file"]
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    r = subprocess.run([BIN, "logs", "read", str(path)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 1 and "differs from the manifest" in r.stderr


def archive_jobs(server):
    return jobs(server, kind="logs.archive")


def test_the_archive_runs_once_a_day_and_survives_a_restart(monkeypatch, tmp_path):
    monkeypatch.setenv("HONGWU_LOG_ARCHIVE", str(tmp_path / "archive"))
    first = Server(test_clock=True)
    peer = None
    try:
        def done(server):
            return [j for j in archive_jobs(server) if j["state"] == "done"]

        def pending(server):
            return [j for j in archive_jobs(server) if j["state"] == "pending"]

        # Start-up schedules today's run (03:00, China Standard Time): due
        # already, or later today.
        def settled(server):
            """Nothing due or running: every run done or pending for later."""
            now = now_of(server)
            runs = archive_jobs(server)
            return runs and all(j["state"] == "done" or
                                (j["state"] == "pending" and j["due_at_epoch"] > now)
                                for j in runs) and runs

        runs = wait_for("start-up's run scheduled", lambda: settled(first))
        if not done(first):
            [job] = runs
            first.advance(job["due_at_epoch"] - now_of(first) + 60)
        wait_for("today's run", lambda: len(done(first)) == 1 and len(pending(first)) == 1)

        # The next is tomorrow's at 03:00, never sooner.
        [job] = pending(first)
        wait = job["due_at_epoch"] - now_of(first)
        assert 3 * 3600 - 120 <= wait <= 27 * 3600 + 120, wait
        first.advance(wait - 600)
        time.sleep(2)
        assert len(done(first)) == 1
        first.advance(660)
        wait_for("tomorrow's run", lambda: len(done(first)) == 2 and len(pending(first)) == 1)

        # Killed; back two days later: the run missed in between happens once
        # (with today's, which start-up schedules), nothing runs twice, and
        # one run stays ahead.
        # --test-clock-offset counts from the wall clock.
        offset = now_of(first) - int(time.time()) + 2 * DAY
        first.proc.kill()
        first.proc.wait()
        peer = Peer(first, offset=int(offset))
        wait_for("the runs after the restart",
                 lambda: settled(peer) and len(done(peer)) >= 3 and pending(peer))
        runs = archive_jobs(peer)
        keys = [j["dedup_key"] for j in runs]
        assert len(keys) == len(set(keys)), keys
        assert len(done(peer)) <= 4 and len(pending(peer)) <= 2, runs
    finally:
        if peer:
            rc, tail = peer.stop()
            assert rc == 0, f"restarted server exit {rc}:\n{tail}"
        first.stop()
        first.cleanup()


@pytest.mark.parametrize("days", ["179", "30"])
def test_a_period_shorter_than_six_months_is_refused(tmp_path, days):
    for command in (["serve", "--port", "0"], ["logs", "archive"]):
        r = subprocess.run([BIN, *command, "--db", str(tmp_path / "x.db"),
                            "--log-retention-days", days],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 2, r.stderr
        assert "Cybersecurity Law" in r.stderr and "art. 21" in r.stderr, r.stderr
