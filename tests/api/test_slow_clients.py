"""Slow clients and open files (docs/operations.md, "Slow clients"): a
request's headers and body must arrive within a bound however they trickle
in; idle connections cannot crowd out a client that sends its request; the
connection limit fits the open-file limit; the systemd unit verifies."""
import os
import re
import resource
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from conftest import BIN, REPO


@pytest.fixture
def slow_server(make_server, monkeypatch):
    """A private server started with the given HONGWU_* variables."""
    def make(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, str(value))
        return make_server(True)
    return make


def host_port(server):
    m = re.match(r"http://([\d.]+):(\d+)", server.base)
    return m.group(1), int(m.group(2))


def closed(sock):
    """Whether the server has closed (or answered and closed) sock."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        data = sock.recv(4096)
    except (ConnectionResetError, BrokenPipeError):
        return True
    return data == b"" or data.startswith(b"HTTP/1.1 408")


def trickle(server, head, drip, seconds):
    """Sends head, then one byte of drip a second; returns how long the
    server kept the connection open (None: still open after `seconds`)."""
    sock = socket.create_connection(host_port(server))
    start = time.monotonic()
    try:
        sock.sendall(head)
        for i in range(seconds):
            time.sleep(1)
            if closed(sock):
                return time.monotonic() - start
            try:
                sock.sendall(drip[i % len(drip):][:1])
            except (BrokenPipeError, ConnectionResetError):
                return time.monotonic() - start
        return None
    finally:
        sock.close()


def test_headers_trickling_in_are_cut_off_while_others_are_served(slow_server):
    s = slow_server(HONGWU_HEADER_TIMEOUT=2)
    result = {}

    def normal_clients():
        # Served throughout, while the slow client is held and cut.
        for _ in range(4):
            r = requests.get(s.url("/healthz"), timeout=3)
            result.setdefault("statuses", []).append(r.status_code)
            time.sleep(0.5)

    t = threading.Thread(target=normal_clients)
    t.start()
    held = trickle(s, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", b"abcdefgh", 10)
    t.join(15)
    assert held is not None, "a client sending one header byte a second was never cut off"
    assert held < 5, f"cut off after {held:.1f}s, the bound is 2s"
    assert result["statuses"] == [200] * 4


def test_a_body_trickling_in_is_cut_off(slow_server):
    s = slow_server(HONGWU_HEADER_TIMEOUT=2, HONGWU_BODY_MIN_RATE=100)
    head = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n{")
    held = trickle(s, head, b'"', 10)
    assert held is not None, "a body sent at one byte a second was never cut off"
    assert held < 5, f"cut off after {held:.1f}s; 2s + bytes / 100 B/s allowed"
    assert requests.get(s.url("/healthz"), timeout=3).status_code == 200


def test_a_body_at_a_fair_rate_is_read_whole(slow_server):
    s = slow_server(HONGWU_HEADER_TIMEOUT=1, HONGWU_BODY_MIN_RATE=100)
    body = b'{"login": "nobody", "password": "not-this-one"' + b" " * 400 + b"}"
    sock = socket.create_connection(host_port(s))
    try:
        sock.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body))
        for i in range(0, len(body), 100):  # 300 bytes a second over about 1.5 s
            sock.sendall(body[i:i + 100])
            time.sleep(0.33)
        sock.settimeout(10)
        answer = sock.recv(4096)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]


def test_idle_connections_do_not_block_a_client_that_sends_its_request(slow_server):
    s = slow_server(HONGWU_MAX_CONNS=60, HONGWU_PER_IP=100000, HONGWU_TIMEOUT=30)
    idle = []
    try:
        for _ in range(200):
            idle.append(socket.create_connection(host_port(s)))
        start = time.monotonic()
        r = requests.get(s.url("/healthz"), timeout=5)
        assert r.status_code == 200
        assert time.monotonic() - start < 3
    finally:
        for sock in idle:
            sock.close()
    assert "waiting for headers" in s.stderr_tail(400)


def test_the_connection_limit_fits_the_open_files_and_accepting_goes_on():
    """Soft limit 128, hard 256: the server raises the soft limit to 256 and
    takes (256 - 64 - (4 threads + 8 long requests) x 8) / 2 = 48 connections; 300 idle
    connections, more than the files it has, never stop it accepting."""
    work = Path(tempfile.mkdtemp(prefix="hongwu-files-"))
    log = open(work / "stderr.log", "wb")

    def limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (128, 256))

    proc = subprocess.Popen([BIN, "serve", "--port", "0", "--threads", "4",
                             "--db", str(work / "hongwu.db"), "--web", str(work / "none"),
                             "--per-ip", "100000"],
                            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                            text=True, preexec_fn=limit)
    idle = []
    try:
        line = proc.stdout.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:(\d+))", line)
        assert m, (work / "stderr.log").read_text()
        base, port = m.group(1), int(m.group(2))
        text = (work / "stderr.log").read_text()
        assert "open files 256 (was 128); 48 connections (asked 1000)" in text, text
        for _ in range(300):
            try:
                idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
            except OSError:
                break
        assert requests.get(base + "/healthz", timeout=5).status_code == 200
        for sock in idle:
            sock.close()
        idle = []
        time.sleep(0.5)
        for _ in range(20):
            assert requests.get(base + "/healthz", timeout=5).status_code == 200
    finally:
        for sock in idle:
            sock.close()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait()
        log.close()
        tail = (work / "stderr.log").read_text(errors="replace")[-3000:]
        shutil.rmtree(work, ignore_errors=True)
    assert rc == 0, tail


def test_the_systemd_unit_verifies():
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed")
    unit = REPO / "deploy" / "hongwu.service"
    text = unit.read_text()
    for needed in ("LimitNOFILE=", "ProtectSystem=strict", "ReadWritePaths=",
                   "NoNewPrivileges=yes", "PrivateTmp=yes", "User=hongwu"):
        assert needed in text, needed
    # verify wants ExecStart's binary to exist: check a copy that names the one built.
    work = Path(tempfile.mkdtemp(prefix="hongwu-unit-"))
    try:
        copy = work / "hongwu.service"
        copy.write_text(text.replace("/usr/local/bin/hongwu", os.path.abspath(BIN)))
        r = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True,
                           timeout=60)
        problems = [l for l in (r.stdout + r.stderr).splitlines()
                    if "hongwu.service" in l]
        assert r.returncode == 0 and not problems, r.stdout + r.stderr
    finally:
        shutil.rmtree(work, ignore_errors=True)
