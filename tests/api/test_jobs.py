"""The durable scheduler (docs/architecture.md, "Jobs and notifications"):
jobs live in the database, run once when due, survive kill -9, are shared
safely by several processes, and retry with backoff. SQLite and PostgreSQL."""
import secrets
import time

import pytest

from conftest import Server
from helpers import assert_problem
from jobs_helpers import Peer, announce, inbox, job, jobs, now_of, titled, wait_for, pretty

LEASE_S = 120  # JOBS_LEASE_S in src/kit/jobs_core.h


def schedule(server, **body):
    r = server.post("/api/v1/test/jobs", server.admin(), json=body)
    assert r.status_code == 201, r.text
    return r.json()["ids"]


def notes(server, note):
    return [i for i in inbox(server, server.admin()) if i["title"] == note]


@pytest.mark.parametrize("login", ["demo-subdistrict-officer", "demo-community-staff",
                                   "demo-grid-worker", "demo-inspector", "demo-resident"])
def test_only_admins_see_jobs(server, login):
    token = server.token(login)
    assert_problem(server.get("/api/v1/jobs", token), 403, "forbidden")
    assert_problem(server.get("/api/v1/jobs/1", token), 403, "forbidden")
    assert_problem(server.post("/api/v1/jobs/1/retry", token), 403, "forbidden")
    assert_problem(server.post("/api/v1/test/jobs", token, json={}), 403, "forbidden")


def test_jobs_list_filters_and_pages(server):
    admin = server.admin()
    assert_problem(server.get("/api/v1/jobs?state=sleeping", admin), 422, "validation-failed")
    note = "page-" + secrets.token_hex(3)
    ids = schedule(server, count=3, due_in=3600, note=note)
    page = server.get("/api/v1/jobs?kind=test.echo&state=pending&limit=2", admin).json()
    assert [j["id"] for j in page["items"]] == sorted(ids, reverse=True)[:2]
    assert page["next_after"] == page["items"][-1]["id"]
    rest = server.get(f"/api/v1/jobs?kind=test.echo&state=pending&after={page['next_after']}",
                      admin).json()["items"]
    assert min(ids) in [j["id"] for j in rest]
    one = job(server, ids[0])
    assert one["state"] == "pending" and one["attempts"] == 0 and one["max_attempts"] == 5
    assert one["payload"]["note"] == note
    assert_problem(server.get("/api/v1/jobs/999999999", admin), 404, "not-found")


def test_failing_job_backs_off_then_fails_and_admin_retries_it(own_server):
    s = own_server
    admin = s.admin()
    now = now_of(s)
    note = "flaky-" + secrets.token_hex(3)
    [jid] = schedule(s, note=note, fail_until=now + 100000, max_attempts=3)

    # Attempt 1 at once, then 30 s, then 60 s (JOBS_BACKOFF_BASE_S doubling).
    first = wait_for("attempt 1", lambda: (j := job(s, jid))["attempts"] == 1
                     and j["state"] == "pending" and j)
    assert "asked to fail" in first["last_error"]
    assert now + 30 <= first["due_at_epoch"] <= now_of(s) + 30
    now = s.advance(30)
    second = wait_for("attempt 2", lambda: (j := job(s, jid))["attempts"] == 2
                      and j["state"] == "pending" and j)
    assert now + 60 <= second["due_at_epoch"] <= now_of(s) + 60
    s.advance(50)  # (the real clock goes on too: a margin of a few seconds)
    time.sleep(1.5)
    assert job(s, jid)["attempts"] == 2, "ran before its backoff was over"
    s.advance(10)
    failed = wait_for("failed", lambda: (j := job(s, jid))["state"] == "failed" and j)
    assert failed["attempts"] == 3 and "asked to fail" in failed["last_error"]
    assert failed["locked_by"] is None
    assert jid in [j["id"] for j in jobs(s, state="failed", kind="test.echo")]
    assert notes(s, note) == []  # nothing of the failed attempts was kept

    # The cause is gone: an admin retries it, and it runs once.
    s.advance(100000)
    admin = s.admin()
    r = s.post(f"/api/v1/jobs/{jid}/retry", admin)
    assert r.status_code == 200, r.text
    assert r.json()["state"] in ("pending", "running", "done")
    done = wait_for("done", lambda: (j := job(s, jid))["state"] == "done" and j)
    assert done["attempts"] == 1 and done["last_error"] is None
    assert len(notes(s, note)) == 1
    assert_problem(s.post(f"/api/v1/jobs/{jid}/retry", admin), 409, "conflict")
    audit = s.get("/api/v1/audit?limit=50", admin).json()["items"]
    retried = [e for e in audit if e["action"] == "retry" and e["entity"] == "job"
               and e["entity_id"] == jid]
    assert retried and retried[0]["before"]["state"] == "failed"
    assert retried[0]["after"]["state"] == "pending"


def test_the_backoff_counts_from_the_start_of_the_attempt(own_server):
    """The clock moves while an attempt runs: the next attempt's time is its
    start plus the backoff, not its end plus the backoff."""
    s = own_server
    now = now_of(s)
    note = "slow-" + secrets.token_hex(3)
    [jid] = schedule(s, note=note, fail_until=now + 100000, sleep_ms=2000, max_attempts=3)
    wait_for("attempt 1 running", lambda: (j := job(s, jid))["state"] == "running"
             and j["attempts"] == 1)
    s.advance(30)  # JOBS_BACKOFF_BASE_S, while attempt 1 still runs
    # Attempt 1 began 30 s ago on the server's clock: attempt 2 is due as
    # soon as attempt 1 has failed, without another move of the clock.
    second = wait_for("attempt 2", lambda: (j := job(s, jid))["attempts"] == 2 and j,
                      timeout=15)
    assert second["state"] in ("running", "pending"), pretty(second)
    assert notes(s, note) == []


def test_a_job_due_while_the_server_was_killed_runs_once_after_restart():
    first = Server(test_clock=True)
    peer = None
    try:
        officer = first.token("demo-subdistrict-officer")
        worker = first.token("demo-grid-worker")
        staff = first.token("demo-community-staff")
        other = first.token("demo2-community-staff")
        now = now_of(first)
        a = announce(first, officer, at=now + 600)
        assert a["state"] == "scheduled"
        time.sleep(1.5)
        assert titled(first, worker, a["title"]) == []
        first.proc.kill()  # SIGKILL: nothing is flushed or finished
        first.proc.wait()

        # Back up, ten minutes and more later: the announcement is due.
        peer = Peer(first, offset=700)
        wait_for("delivered", lambda: peer.get(f"/api/v1/announcements/{a['id']}", officer)
                 .json()["state"] == "delivered")
        time.sleep(2.5)  # any second run would have happened by now
        for token in (worker, staff, officer):
            assert len(titled(peer, token, a["title"])) == 1
        assert titled(peer, other, a["title"]) == []  # another sub-district
        got = peer.get(f"/api/v1/announcements/{a['id']}", officer).json()
        assert got["recipients"] >= 3
        j = job(peer, got["job_id"])
        assert j["state"] == "done" and j["attempts"] == 1, pretty(j)
    finally:
        if peer:
            rc, tail = peer.stop()
            assert rc == 0, f"restarted server exit {rc}:\n{tail}"
        first.stop()  # killed: its exit code is -9; drops the PostgreSQL database
        first.cleanup()


def test_a_job_killed_mid_run_runs_again_after_its_lease():
    first = Server(test_clock=True)
    peer = None
    try:
        note = "mid-run-" + secrets.token_hex(3)
        [jid] = schedule(first, note=note, sleep_ms=4000)
        wait_for("claimed", lambda: job(first, jid)["state"] == "running")
        time.sleep(1)  # inside the transaction that would mark it done
        first.proc.kill()
        first.proc.wait()
        # Before the lease ends nobody takes it; after, it runs and commits once.
        peer = Peer(first, offset=LEASE_S + 30)
        done = wait_for("done again", lambda: (j := job(peer, jid))["state"] == "done" and j,
                        timeout=30)
        assert done["attempts"] == 2, pretty(done)
        assert len(notes(peer, note)) == 1
    finally:
        if peer:
            rc, tail = peer.stop()
            assert rc == 0, f"restarted server exit {rc}:\n{tail}"
        first.stop()
        first.cleanup()


def test_two_servers_share_the_jobs_and_run_each_exactly_once(make_server):
    first = make_server(True)
    second = Peer(first)
    try:
        note = "shared-" + secrets.token_hex(3)
        n = 200
        # Due in two seconds: both schedulers wake to the same due jobs.
        ids = set(schedule(first, count=n, due_in=2, note=note))
        officer = first.token("demo-subdistrict-officer")
        worker = first.token("demo-grid-worker")
        titles = [announce(first, officer, at=now_of(first) + 2)["title"] for _ in range(8)]

        def all_done():
            done = [j for j in jobs(first, kind="test.echo", state="done") if j["id"] in ids]
            return len(done) == n and done
        done = wait_for("every job done", all_done, timeout=60)
        assert all(j["attempts"] == 1 for j in done)
        wait_for("announcements", lambda: all(
            a["state"] == "delivered"
            for a in first.get("/api/v1/announcements?limit=50", officer).json()["items"]
            if a["title"] in titles))
        time.sleep(2)
        assert len(notes(first, note)) == n  # one inbox item per job, none twice
        got = inbox(second, worker)
        for t in titles:
            assert len([i for i in got if i["title"] == t]) == 1
        assert jobs(first, kind="test.echo", state="running") == []
    finally:
        rc, tail = second.stop()
        assert rc == 0, f"second server exit {rc}:\n{tail}"


def test_test_clock_offset_needs_the_test_clock(own_server):
    import subprocess
    from conftest import BIN
    r = subprocess.run([BIN, "serve", "--port", "0", "--db", own_server.db,
                        "--test-clock-offset", "60"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "--test-clock-offset" in r.stderr
