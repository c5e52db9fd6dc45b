"""Shared by test_jobs.py and test_notify.py: another `hongwu serve` on a
server's database (a restart after kill -9, a second process), a local
webhook receiver, and waiting for the scheduler."""
import hashlib
import hmac
import json
import re
import secrets
import signal
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import BIN, TIMEOUT, Server


def wait_for(what, check, timeout=20.0, every=0.2):
    """Polls check() until it returns something truthy; returns it."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}; last: {last!r}")


class Peer:
    """Another `hongwu serve` on first's database: a restart (after the first
    was killed) or a second process beside it. Speaks HTTP like Server."""

    def __init__(self, first, offset=None, test_clock=True):
        self.first = first
        self.db = first.db
        self.passwords = first.passwords
        self._tokens = {}
        args = [BIN, "serve", "--port", "0", "--db", first.db, "--web", str(first.web)]
        if test_clock:
            args.append("--test-clock")
        if offset is not None:
            args += ["--test-clock-offset", str(offset)]
        self.stderr_path = first.dir / f"peer-{secrets.token_hex(3)}.log"
        self.stderr = open(self.stderr_path, "ab")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.stderr,
                                     stdin=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not m:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"peer did not start: {line!r}\n{self.stderr_tail()}")
        self.base = m.group(1)

    # The same HTTP helpers as the first server's.
    url = Server.url
    request = Server.request
    get = Server.get
    post = Server.post
    patch = Server.patch
    login_response = Server.login_response
    login = Server.login
    token = Server.token
    admin = Server.admin
    advance = Server.advance

    def stderr_tail(self, n=60):
        self.stderr.flush()
        return "\n".join(self.stderr_path.read_text(errors="replace").splitlines()[-n:])

    def stop(self):
        """SIGTERM; (exit code, stderr tail)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None, self.stderr_tail()
        tail = self.stderr_tail()
        self.stderr.close()
        return self.proc.returncode, tail


class Receiver:
    """A webhook receiver on 127.0.0.1 (a random port): keeps every POST and
    answers `status` (changeable while it runs)."""

    def __init__(self, status=200):
        self.status = status
        self.posts = []  # (headers lower-cased, body bytes)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                outer.posts.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(outer.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def signature_ok(secret, headers, body):
    """X-Hongwu-Signature is sha256=HMAC-SHA256(secret, timestamp "." body)."""
    signed = headers["x-hongwu-timestamp"].encode() + b"." + body
    want = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(want, headers["x-hongwu-signature"])


def now_of(server):
    """The server's clock (epoch seconds), without moving it."""
    return server.advance(0)


def inbox(server, token, **params):
    """Every item of token's inbox (all pages)."""
    items, after = [], None
    while True:
        q = dict(params, limit=200)
        if after:
            q["after"] = after
        r = server.get("/api/v1/inbox", token, params=q)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        after = page["next_after"]
        if not after:
            return items


def titled(server, token, title):
    return [i for i in inbox(server, token) if i["title"] == title]


def job(server, job_id):
    r = server.get(f"/api/v1/jobs/{job_id}", server.admin())
    assert r.status_code == 200, r.text
    return r.json()


def jobs(server, **params):
    """Every job (all pages) matching params (state=, kind=)."""
    items, after = [], None
    while True:
        q = dict(params, limit=200)
        if after:
            q["after"] = after
        r = server.get("/api/v1/jobs", server.admin(), params=q)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        after = page["next_after"]
        if not after:
            return items


def announce(server, token, title=None, **body):
    body = dict(body, title=title or "公告 " + secrets.token_hex(4))
    body.setdefault("body", "请各位居民注意：本周六上午九点小区停水检修。")
    r = server.post("/api/v1/announcements", token, json=body)
    assert r.status_code == 201, r.text
    return r.json()


def pretty(v):
    return json.dumps(v, ensure_ascii=False, indent=1)[:3000]
