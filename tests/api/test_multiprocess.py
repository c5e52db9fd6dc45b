"""Two `hongwu serve` processes on one database: nothing that
matters lives in one process. Runs on SQLite (WAL) and on PostgreSQL."""
import re
import secrets
import signal
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from conftest import BIN, TIMEOUT


class SecondProcess:
    """Another `hongwu serve` on an existing server's database."""

    def __init__(self, first):
        self.first = first
        self.proc = subprocess.Popen(
            [BIN, "serve", "--port", "0", "--db", first.db, "--web", str(first.web)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        assert m, f"second server did not start: {line!r} {self.proc.stderr.read()[-2000:]}"
        self.base = m.group(1)
        # Drain stderr so the pipe never fills and blocks the server.
        self.err = []
        self._drain = threading.Thread(target=lambda: self.err.extend(self.proc.stderr), daemon=True)
        self._drain.start()

    def request(self, method, path, token=None, headers=None, **kw):
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        return requests.request(method, self.base + path, headers=h, timeout=TIMEOUT, **kw)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(TIMEOUT)
        self._drain.join(5)
        return rc, "".join(self.err[-40:])


@pytest.fixture
def pair(make_server):
    first = make_server(False)
    second = SecondProcess(first)
    yield first, second
    rc, tail = second.stop()
    assert rc == 0, f"second server exit {rc}:\n{tail}"


def test_session_made_on_one_works_on_the_other(pair):
    a, b = pair
    token = a.login("demo-community-staff")
    r = b.request("GET", "/api/v1/auth/me", token)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["login"] == "demo-community-staff"
    assert b.request("POST", "/api/v1/auth/logout", token).status_code == 204
    assert a.get("/api/v1/auth/me", token).status_code == 401


def test_concurrent_writes_through_both_lose_nothing(pair):
    a, b = pair
    admin = a.admin()
    scope = a.scope_for("volunteer")
    logins = [f"mp-{i:02d}-{secrets.token_hex(3)}" for i in range(24)]

    def create(i_login):
        i, login = i_login
        body = {"login": login, "password": "pw-" + secrets.token_hex(8), "name": "并发 " + login,
                "role": "volunteer", "scope_id": scope}
        target = a if i % 2 == 0 else b
        if target is a:
            return a.post("/api/v1/users", admin, json=body).status_code
        return b.request("POST", "/api/v1/users", admin, json=body).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(create, enumerate(logins)))
    assert statuses == [201] * len(logins)

    seen, query = set(), "limit=200"
    while True:
        page = a.get(f"/api/v1/users?{query}", admin).json()
        seen.update(u["login"] for u in page["items"])
        if not page.get("next_after"):
            break
        query = f"limit=200&after={page['next_after']}"
    assert set(logins) <= seen

    audit = b.request("GET", "/api/v1/audit?limit=200", admin).json()["items"]
    created = {e["after"]["login"] for e in audit
               if e["action"] == "create" and e["entity"] == "user" and e["after"]}
    assert set(logins) <= created


def test_idempotency_key_is_shared(pair):
    a, b = pair
    admin = a.admin()
    key = "mp-" + secrets.token_hex(8)
    body = {"login": "idem-" + secrets.token_hex(3), "password": "pw-" + secrets.token_hex(8),
            "name": "幂等", "role": "volunteer", "scope_id": a.scope_for("volunteer")}
    first = a.post("/api/v1/users", admin, json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201, first.text
    again = b.request("POST", "/api/v1/users", admin, json=body, headers={"Idempotency-Key": key})
    assert again.status_code == 201
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json()["id"] == first.json()["id"]


def test_login_throttle_is_shared(pair):
    a, b = pair
    for i in range(5):
        target_post = a.post if i % 2 == 0 else (lambda p, **kw: b.request("POST", p, **kw))
        r = target_post("/api/v1/auth/login", json={"login": "demo-volunteer", "password": "wrong-password"})
        assert r.status_code == 401, r.text
    r = b.request("POST", "/api/v1/auth/login",
                  json={"login": "demo-volunteer", "password": a.passwords["demo-volunteer"]})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
