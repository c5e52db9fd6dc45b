"""Fixtures that start the real `hongwu serve` and speak HTTP to it.

Env:
  HONGWU_BIN      the binary (default <repo>/build/hongwu)
  HONGWU_TEST_PG  PostgreSQL base URL (postgresql://user@host:port); when set each
                  server gets a fresh database hongwu_test_<random>, else SQLite.
"""
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
BIN = os.environ.get("HONGWU_BIN") or str(REPO / "build" / "hongwu")
PG_BASE = os.environ.get("HONGWU_TEST_PG", "").rstrip("/")
TIMEOUT = 15

INDEX_HTML = "<!doctype html><html><head><title>hongwu-test-index</title></head><body>INDEX-MARKER-7c1e</body></html>\n"
ASSET_JS = "console.log('ASSET-MARKER-52aa');\n"
SECRET_MARKER = "SECRET-OUTSIDE-WEB-9d3f"

_running = []  # servers alive, for failure reports


def hongwu_routes(public=None):
    """[(METHOD, PATH)] from `hongwu routes`; None when there is no binary.
    public=True: only the routes anyone may call without signing in;
    public=False: only those that need a sign-in."""
    if not os.access(BIN, os.X_OK):
        return None
    out = subprocess.run([BIN, "routes"], capture_output=True, text=True, timeout=30, check=True).stdout
    routes = []
    for line in out.splitlines():
        parts = line.split()
        # `METHOD PATH PERMISSION ...`
        if len(parts) >= 2 and re.fullmatch(r"[A-Z]+", parts[0]) and parts[1].startswith("/"):
            is_public = len(parts) >= 3 and parts[2] == "public"
            if public is None or public == is_public:
                routes.append((parts[0], parts[1]))
    return routes


def _pg_admin_url():
    # Maintenance connection: the base URL with /postgres as database.
    return PG_BASE + "/postgres"


def _psql(sql):
    subprocess.run(["psql", _pg_admin_url(), "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
                   check=True, capture_output=True, text=True, timeout=60)


class Server:
    """One `hongwu serve` process with a fresh database and web dir."""

    def __init__(self, test_clock=True):
        if not os.access(BIN, os.X_OK):
            pytest.fail(f"no hongwu binary at {BIN} (set HONGWU_BIN)")
        self.dir = Path(tempfile.mkdtemp(prefix="hongwu-api-"))
        self.web = self.dir / "web"
        (self.web / "assets").mkdir(parents=True)
        (self.web / "index.html").write_text(INDEX_HTML)
        (self.web / "assets" / "x.js").write_text(ASSET_JS)
        # A file beside (outside) the web dir that traversal must never reach.
        (self.dir / "secret.txt").write_text(SECRET_MARKER + "\n")
        self.pg_db = None
        if PG_BASE:
            self.pg_db = "hongwu_test_" + secrets.token_hex(6)
            _psql(f"CREATE DATABASE {self.pg_db}")
            self.db = f"{PG_BASE}/{self.pg_db}"
        else:
            self.db = str(self.dir / "hongwu.db")
        self.stderr_path = self.dir / "stderr.log"
        self.stderr = open(self.stderr_path, "ab")
        try:
            self._start(test_clock)
        except BaseException:
            self._drop_db()  # keep no database behind when start-up fails
            raise

    def _drop_db(self):
        if self.pg_db:
            try:
                _psql(f"DROP DATABASE IF EXISTS {self.pg_db} WITH (FORCE)")
            except subprocess.CalledProcessError:
                pass
            self.pg_db = None

    def _start(self, test_clock):
        demo = subprocess.run([BIN, "demo", "--db", self.db, "--files", str(self.dir / "files")],
                              stdout=subprocess.PIPE,
                              stderr=self.stderr, text=True, timeout=120)
        if demo.returncode != 0:
            self.stderr.flush()
            pytest.fail(f"hongwu demo exited {demo.returncode}:\n{self.stderr_tail()}")
        self.passwords = {}
        for line in demo.stdout.splitlines():
            parts = line.rstrip("\r").split("\t")
            if len(parts) == 2 and parts[0] and parts[1]:
                self.passwords[parts[0]] = parts[1]
        if "demo-admin" not in self.passwords:
            pytest.fail(f"hongwu demo printed no demo-admin password:\n{demo.stdout[:2000]}")

        args = [BIN, "serve", "--port", "0", "--db", self.db, "--web", str(self.web),
                "--files", str(self.dir / "files")]
        if test_clock:
            args.append("--test-clock")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.stderr,
                                     stdin=subprocess.DEVNULL, text=True, bufsize=1)
        self.stdout_lines = []
        found = threading.Event()
        self.base = None

        def reader():
            for line in self.proc.stdout:
                self.stdout_lines.append(line)
                m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
                if m and not found.is_set():
                    self.base = m.group(1)
                    found.set()
            found.set()

        self._reader = threading.Thread(target=reader, daemon=True)
        self._reader.start()
        if not found.wait(30) or self.base is None:
            self.proc.kill()
            self.proc.wait()
            self.stderr.flush()
            pytest.fail("server did not print 'listening on http://127.0.0.1:PORT'\nstdout: "
                        + "".join(self.stdout_lines)[-2000:] + "\nstderr: " + self.stderr_tail())
        _running.append(self)
        self._tokens = {}

    # --- process -------------------------------------------------------------
    def stderr_tail(self, n=60):
        try:
            self.stderr.flush()
            return "\n".join(self.stderr_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self):
        """SIGTERM; returns (exit code or None on timeout, stderr tail)."""
        if self in _running:
            _running.remove(self)
        rc = None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                rc = None
        else:
            rc = self.proc.returncode
        self._reader.join(5)
        tail = self.stderr_tail()
        self.stderr.close()
        self._drop_db()
        return rc, tail

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- HTTP ----------------------------------------------------------------
    def url(self, path):
        return self.base + path

    def request(self, method, path, token=None, headers=None, **kw):
        h = {"Accept": "application/json"}
        if token:
            h["Authorization"] = "Bearer " + token
        h.update(headers or {})
        kw.setdefault("timeout", TIMEOUT)
        kw.setdefault("allow_redirects", False)
        # No requests.Session: no cookie jar, so nothing is sent by accident.
        return requests.request(method, self.url(path), headers=h, **kw)

    def get(self, path, token=None, **kw):
        return self.request("GET", path, token, **kw)

    def post(self, path, token=None, **kw):
        return self.request("POST", path, token, **kw)

    def patch(self, path, token=None, **kw):
        return self.request("PATCH", path, token, **kw)

    def login_response(self, name, password=None, **kw):
        if password is None:
            password = self.passwords[name]
        return self.post("/api/v1/auth/login", json={"login": name, "password": password}, **kw)

    def login(self, name, password=None):
        """A fresh session token for `name` (a demo login unless password given)."""
        r = self.login_response(name, password)
        assert r.status_code == 200, f"login {name}: {r.status_code} {r.text}"
        return r.json()["token"]

    def token(self, name):
        """A cached token per login (do not log it out)."""
        if name not in self._tokens:
            self._tokens[name] = self.login(name)
        return self._tokens[name]

    def admin(self):
        return self.token("demo-admin")

    def scope_for(self, role):
        """A valid scope_id for `role`: the scope of the demo user with that role."""
        if not hasattr(self, "_scopes"):
            r = self.get("/api/v1/users?limit=100", self.admin())
            assert r.status_code == 200, r.text
            self._scopes = {}
            for u in r.json()["items"]:
                if u["login"].startswith("demo-") and u["scope"]:
                    self._scopes.setdefault(u["role"], u["scope"]["id"])
        return self._scopes.get(role)

    def create_user(self, login=None, role="resident", password=None, **extra):
        """Admin creates a user (in the demo user's scope for that role);
        returns (user json, password)."""
        login = login or "u-" + secrets.token_hex(4)
        password = password or "pw-" + secrets.token_hex(8)
        body = {"login": login, "password": password, "name": "测试用户 " + login, "role": role}
        if "scope_id" not in extra and self.scope_for(role) is not None:
            body["scope_id"] = self.scope_for(role)
        body.update(extra)
        r = self.post("/api/v1/users", self.admin(), json=body)
        assert r.status_code == 201, f"create user: {r.status_code} {r.text}"
        return r.json(), password

    def advance(self, seconds):
        r = self.post("/api/v1/test/clock", self.admin(), json={"advance_seconds": seconds})
        assert r.status_code == 200, f"test clock: {r.status_code} {r.text}"
        self._tokens.pop("demo-admin", None)  # may expire with the jump
        return r.json()["now"]


def _finish(server):
    rc, tail = server.stop()
    if rc != 0:
        pytest.fail(f"hongwu serve did not exit 0 within {TIMEOUT}s of SIGTERM "
                    f"(exit {rc}); stderr tail:\n{tail}", pytrace=False)
    server.cleanup()


@pytest.fixture(scope="session")
def server():
    """The shared server (do not move its clock)."""
    s = Server(test_clock=True)
    yield s
    _finish(s)


@pytest.fixture
def make_server():
    """Factory for private servers (clock tests, throttle tests); each is
    stopped at teardown and must exit 0."""
    made = []

    def make(test_clock=True):
        s = Server(test_clock=test_clock)
        made.append(s)
        return s

    yield make
    errors = []
    for s in made:
        rc, tail = s.stop()
        if rc != 0:
            errors.append(f"exit {rc}; stderr tail:\n{tail}")
        else:
            s.cleanup()
    if errors:
        pytest.fail("hongwu serve did not exit 0 after SIGTERM:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def own_server(make_server):
    """A private server with --test-clock."""
    return make_server(True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.failed:
        for s in list(_running):
            rep.sections.append((f"hongwu stderr tail ({s.base})", s.stderr_tail(40)))


def pytest_generate_tests(metafunc):
    if "api_route" in metafunc.fixturenames:
        routes = hongwu_routes(public=False) or []
        routes = [r for r in routes if r[1].startswith("/api/v1/")]
        metafunc.parametrize("api_route", routes, ids=[f"{m} {p}" for m, p in routes])
