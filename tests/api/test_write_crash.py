"""A write, its audit entry and its Idempotency-Key answer survive a crash
together or not at all: the server is made to die just before and just after
a write commits (HONGWU_TEST_CRASH_AT, honoured only with the test clock),
then restarted on the same database, and the client retries with the same
key. The record exists exactly once, with exactly one audit entry, and a
retry after the commit is answered with the first answer, not an error."""
import os
import re
import secrets
import subprocess

import pytest
import requests

from conftest import BIN, Server, _finish
from jobs_helpers import Peer

CLAIM_S = 60  # a claim older than this was left by a crash (kit/idempotency.h)


@pytest.fixture
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


def serve_crashing_at(srv, point):
    """A `hongwu serve` on srv's database that dies at the crash point."""
    env = dict(os.environ, HONGWU_TEST_CRASH_AT=point)
    proc = subprocess.Popen([BIN, "serve", "--port", "0", "--db", srv.db, "--web", str(srv.web),
                             "--test-clock"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True,
                            env=env)
    line = proc.stdout.readline()
    m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
    assert m, line
    return proc, m.group(1)


def body(srv, name):
    token = srv.token("demo-community-staff")
    home = srv.get("/api/v1/residents", token, params={"q": "杨秀兰"}).json()["items"][0]
    return {"name": name, "relation": "tenant", "dwelling_id": home["dwellings"][0]["id"]}


def count(peer, name):
    items = peer.get("/api/v1/residents", peer.token("demo-community-staff"),
                     params={"q": name}).json()["items"]
    return [i for i in items if i["name"] == name]


def audited(peer, resident_id):
    entries = peer.get("/api/v1/audit", peer.admin(), params={"limit": 200}).json()["items"]
    return [e for e in entries if e["entity"] == "resident" and e["entity_id"] == resident_id]


@pytest.mark.parametrize("point", ["before-commit", "after-commit"])
def test_a_crash_leaves_the_write_whole_or_absent(srv, point):
    name = "断电" + secrets.token_hex(3)
    payload = body(srv, name)
    token = srv.token("demo-community-staff")
    key = "crash-" + secrets.token_hex(6)
    srv.proc.terminate()  # the database stays: the crashing server takes it over
    assert srv.proc.wait(15) == 0
    proc, base = serve_crashing_at(srv, point)
    try:
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.post(base + "/api/v1/residents", json=payload, timeout=10,
                          headers={"Authorization": "Bearer " + token, "Idempotency-Key": key})
        assert proc.wait(10) == 86
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    peer = Peer(srv)
    try:
        headers = {"Idempotency-Key": key}
        if point == "before-commit":
            # Nothing was written; the crashed request's claim lapses, then the retry runs.
            assert count(peer, name) == []
            r = peer.post("/api/v1/residents", token, json=payload, headers=headers)
            assert r.status_code == 409, r.text
            peer.advance(CLAIM_S + 1)
            token = peer.login("demo-community-staff")
        r = peer.post("/api/v1/residents", token, json=payload, headers=headers)
        assert r.status_code == 201, r.text
        assert (r.headers.get("Idempotent-Replayed") == "true") == (point == "after-commit")
        made = count(peer, name)
        assert len(made) == 1 and made[0]["id"] == r.json()["id"]
        assert len(audited(peer, made[0]["id"])) == 1
        # And again: the same answer, still one record.
        again = peer.post("/api/v1/residents", token, json=payload, headers=headers)
        assert again.status_code == 201 and again.json()["id"] == r.json()["id"]
        assert len(count(peer, name)) == 1
    finally:
        peer.stop()
