"""hongwu behind nginx, configured exactly as docs/operations.md says (the nginx blocks
are read from that page; only ports, certificate, web root and upstream are replaced):
200 concurrent clients pass with no error, per-client rules apply to the client nginx
reports, and X-Forwarded-For from anyone but the trusted proxy is not believed."""
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO, _pg_admin_url

CLIENTS = 200
ROUNDS = 5
DOC = REPO / "docs" / "operations.md"


def _nginx_binary():
    path = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(path, os.X_OK):
        pytest.fail("nginx is not installed (scripts/install-deps.sh installs nginx-light)")
    return path


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _doc_blocks():
    """The main-context block and the site block of docs/operations.md."""
    blocks = re.findall(r"```nginx\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    site = [b for b in blocks if "upstream hongwu" in b]
    main = [b for b in blocks if "events" in b and "upstream" not in b]
    assert len(site) == 1 and len(main) == 1, "docs/operations.md: expected one main and one site nginx block"
    return main[0], site[0]


def _replace(text, old, new):
    assert text.count(old) == 1, f"docs/operations.md's nginx block no longer has {old!r} once"
    return text.replace(old, new)


class Nginx:
    """nginx with the documented configuration, proxying to one hongwu."""

    def __init__(self, upstream_port, web_dir):
        self.dir = Path(tempfile.mkdtemp(prefix="hongwu-nginx-"))
        os.chmod(self.dir, 0o755)  # nginx's workers run as another user when started as root
        self.crt, self.key = self.dir / "hongwu.crt", self.dir / "hongwu.key"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=localhost", "-keyout", str(self.key), "-out", str(self.crt)],
                       check=True, capture_output=True, timeout=60)
        self.port = _free_port()
        main, site = _doc_blocks()
        site = _replace(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{self.port} ssl http2;")
        site = _replace(site, "listen 80;", f"listen 127.0.0.1:{_free_port()};")
        site = _replace(site, "/etc/ssl/hongwu.crt", str(self.crt))
        site = _replace(site, "/etc/ssl/hongwu.key", str(self.key))
        site = _replace(site, "root /usr/local/share/hongwu-web;", f"root {web_dir};")
        site = _replace(site, "server 127.0.0.1:8081;", f"server 127.0.0.1:{upstream_port};")
        site = re.sub(r"\n[ \t]*server 127\.0\.0\.1:8082;", "", site)
        d = self.dir
        conf = (f"pid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n{main}\n"
                f"http {{\n    access_log {d}/access.log;\n"
                f"    client_body_temp_path {d}/body;\n    proxy_temp_path {d}/proxy;\n"
                f"    fastcgi_temp_path {d}/fastcgi;\n    uwsgi_temp_path {d}/uwsgi;\n"
                f"    scgi_temp_path {d}/scgi;\n{site}\n}}\n")
        (d / "nginx.conf").write_text(conf)
        self.proc = subprocess.Popen([_nginx_binary(), "-p", str(d), "-c", str(d / "nginx.conf"),
                                      "-e", str(d / "error.log"), "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            if self.proc.poll() is not None:
                pytest.fail(f"nginx exited {self.proc.returncode}: {self.proc.stderr.read()[-2000:]!r}\n"
                            f"{self.error_log()}\n{conf}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("nginx did not start listening")

    def error_log(self):
        try:
            return (self.dir / "error.log").read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def connection(self, source, timeout=30):
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return http.client.HTTPSConnection("127.0.0.1", self.port, context=ctx, timeout=timeout,
                                           source_address=(source, 0))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def _port(server):
    return int(server.base.rsplit(":", 1)[1])


@pytest.fixture
def proxied(make_server, monkeypatch):
    """(hongwu trusting 127.0.0.1, nginx in front of it)."""
    monkeypatch.setenv("HONGWU_TRUSTED_PROXY", "127.0.0.1")
    server = make_server(False)
    nginx = Nginx(_port(server), server.web)
    yield server, nginx
    nginx.stop()


def _audit_ips(server, action):
    sql = f"SELECT ip FROM audit_log WHERE action = '{action}' ORDER BY id"
    if server.pg_db:
        url = _pg_admin_url().rsplit("/", 1)[0] + "/" + server.pg_db
        out = subprocess.run(["psql", url, "-qAtc", sql], check=True, capture_output=True, text=True)
        return out.stdout.split()
    with sqlite3.connect(server.db) as db:
        return [row[0] for row in db.execute(sql)]


def _access_log_ips(server, marker):
    for _ in range(40):
        lines = [ln for ln in server.stderr_path.read_text(errors="replace").splitlines() if marker in ln]
        if lines:
            return [m.group(1) for ln in lines for m in [re.search(r" ip=(\S+)", ln)] if m]
        time.sleep(0.05)
    return []


def test_200_concurrent_clients_through_nginx_without_error(proxied):
    server, nginx = proxied
    token = server.admin()
    start = threading.Barrier(CLIENTS)
    results, lock = [], threading.Lock()

    def client(i):
        # Each client from an address of its own, as 200 people would be.
        conn = nginx.connection(f"127.0.0.{i + 2}")
        try:
            conn.connect()
            start.wait(60)
            for _ in range(ROUNDS):
                conn.request("GET", "/api/v1/auth/me", headers={"Authorization": "Bearer " + token})
                r = conn.getresponse()
                r.read()
                with lock:
                    results.append(r.status)
        except Exception as e:  # noqa: BLE001 - every failure counts as an error
            with lock:
                results.append(repr(e))
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(180)
    errors = [r for r in results if r != 200]
    assert len(results) == CLIENTS * ROUNDS and not errors, (
        f"{len(errors)} errors of {len(results)}: {sorted(set(map(str, errors)))[:10]}\n"
        f"nginx: {nginx.error_log()[-1500:]}")


def test_hongwu_records_the_address_nginx_reports(proxied):
    server, nginx = proxied
    login = "nobody-" + secrets.token_hex(4)
    conn = nginx.connection("127.0.0.77")
    try:
        # A header the client wrote itself is kept by nginx, to the left of the real address.
        conn.request("POST", "/api/v1/auth/login", body=f'{{"login":"{login}","password":"wrong-password"}}',
                     headers={"Content-Type": "application/json", "X-Forwarded-For": "6.6.6.6"})
        r = conn.getresponse()
        r.read()
    finally:
        conn.close()
    assert r.status == 401
    assert _audit_ips(server, "login_failed") == ["127.0.0.77"]
    assert _access_log_ips(server, "POST /api/v1/auth/login 401") == ["127.0.0.77"]


def test_login_throttle_counts_the_client_nginx_reports(proxied):
    server, nginx = proxied

    def login(source, name, password):
        conn = nginx.connection(source)
        try:
            conn.request("POST", "/api/v1/auth/login", body=f'{{"login":"{name}","password":"{password}"}}',
                         headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            return r.status
        finally:
            conn.close()

    for i in range(20):
        assert login("127.0.0.20", f"nobody-{i}", "wrong-password") == 401
    assert login("127.0.0.20", "demo-resident", server.passwords["demo-resident"]) == 429
    # Another client behind the same nginx is not locked out.
    assert login("127.0.0.21", "demo-resident", server.passwords["demo-resident"]) == 200


def test_x_forwarded_for_from_an_untrusted_peer_is_not_believed(make_server, monkeypatch):
    monkeypatch.setenv("HONGWU_TRUSTED_PROXY", "127.0.0.1")
    server = make_server(False)
    for spoof in ("10.9.8.7", "127.0.0.1", "10.9.8.7, 127.0.0.1"):
        conn = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=15,
                                          source_address=("127.0.0.2", 0))
        try:
            conn.request("POST", "/api/v1/auth/login", body='{"login":"nobody-spoof","password":"wrong-password"}',
                         headers={"Content-Type": "application/json", "X-Forwarded-For": spoof})
            r = conn.getresponse()
            r.read()
        finally:
            conn.close()
        assert r.status == 401
    assert _audit_ips(server, "login_failed") == ["127.0.0.2"] * 3
    assert set(_access_log_ips(server, "POST /api/v1/auth/login 401")) == {"127.0.0.2"}


def _held_request(server, client, token):
    """Headers of a signed-in POST whose body never comes, sent as the trusted proxy
    on behalf of client: it stays in flight until the socket closes."""
    s = socket.create_connection(("127.0.0.1", _port(server)), timeout=10)
    s.sendall((f"POST /api/v1/users HTTP/1.1\r\nHost: hongwu\r\nAuthorization: Bearer {token}\r\n"
               f"Content-Type: application/json\r\nContent-Length: 100\r\n"
               f"X-Forwarded-For: {client}\r\n\r\n").encode())
    return s


def _status_of(server, client, token):
    conn = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=10)
    try:
        conn.request("GET", "/api/v1/auth/me", headers={"Authorization": "Bearer " + token,
                                                         "X-Forwarded-For": client})
        r = conn.getresponse()
        r.read()
        return r.status
    except (ConnectionError, http.client.HTTPException) as e:
        return repr(e)
    finally:
        conn.close()


def test_requests_in_flight_are_limited_per_reported_client(make_server, monkeypatch):
    monkeypatch.setenv("HONGWU_TRUSTED_PROXY", "127.0.0.1")
    monkeypatch.setenv("HONGWU_PER_IP", "3")
    server = make_server(False)
    token = server.admin()
    held = [_held_request(server, "10.0.0.5", token) for _ in range(3)]
    try:
        time.sleep(0.5)
        # The proxy carries more than 3 requests at once; one client may not.
        assert _status_of(server, "10.0.0.5", token) == 429
        assert _status_of(server, "10.0.0.6", token) == 200
        assert _status_of(server, "10.0.0.7", token) == 200
    finally:
        for s in held:
            s.close()
    time.sleep(0.5)
    assert _status_of(server, "10.0.0.5", token) == 200
