"""What RFC 9110 and RFC 9112 tell a server to refuse, one rule per test, over raw
sockets; the access log's escaping; static files only from inside the web root."""
import json
import os
import secrets
import socket
import time
from urllib.parse import urlparse

from helpers import assert_problem

BIG = 2 * 1024 * 1024  # over the server's 1 MiB body cap


def _connect(server):
    u = urlparse(server.base)
    return socket.create_connection((u.hostname, u.port), timeout=5)


def _read_all(sock, timeout=3.0):
    """Everything the server sends until it closes or falls silent for `timeout`."""
    sock.settimeout(timeout)
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not chunk:
            break
        data += chunk
    return data


def _exchange(server, raw, timeout=3.0):
    s = _connect(server)
    try:
        s.sendall(raw)
        return _read_all(s, timeout)
    finally:
        s.close()


def _statuses(data):
    """The status codes of every answer in data, in order."""
    return [int(line.split()[1]) for line in data.split(b"\r\n")
            if line.startswith(b"HTTP/1.") and len(line.split()) >= 2]


def _problem_type(data):
    head, _, body = data.partition(b"\r\n\r\n")
    return json.loads(body[:body.index(b"}") + 1] if b"}" in body else b"{}").get("type", "")


def _host(server):
    return urlparse(server.base).netloc


# --- RFC 9112 section 3.2: Host ---------------------------------------------------------

def test_http11_without_host_is_400(server):
    data = _exchange(server, b"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert _statuses(data)[:1] == [400], data[:200]


def test_two_host_headers_are_400(server):
    data = _exchange(server, b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n")
    assert _statuses(data) == [400], data[:200]


def test_http10_without_host_is_served(server):
    data = _exchange(server, b"GET /healthz HTTP/1.0\r\n\r\n")
    assert _statuses(data) == [200], data[:200]


# --- RFC 9112 section 6.3 and RFC 9110 section 8.6: Content-Length ----------------------------

def test_duplicate_content_length_is_400_and_closes(server):
    # Two lengths: which one frames the body is ambiguous, so nothing after it is read.
    smuggled = b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n"
    raw = (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {_host(server)}\r\n"
           "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n").encode()
    data = _exchange(server, raw + b"{}" + smuggled)
    assert _statuses(data) == [400], data[:300]
    assert _problem_type(data) == "urn:hongwu:problem:bad-request"


def test_repeated_equal_content_length_is_400(server):
    raw = (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {_host(server)}\r\n"
           "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n"
           "Connection: close\r\n\r\n{}").encode()
    assert _statuses(_exchange(server, raw)) == [400]


# --- RFC 9112 sections 6.1 and 6.3: Transfer-Encoding ------------------------------------

def _te_request(server, coding, extra=""):
    return (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {_host(server)}\r\n"
            f"Content-Type: application/json\r\nTransfer-Encoding: {coding}\r\n{extra}\r\n"
            "2\r\n{}\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").encode()


def test_unknown_coding_before_chunked_is_501_and_closes(server):
    # Read until the connection closed, before; now refused at once.
    data = _exchange(server, _te_request(server, "gzip, chunked"), timeout=5)
    assert _statuses(data) == [501], data[:300]
    assert _problem_type(data) == "urn:hongwu:problem:not-implemented"


def test_chunked_not_last_is_400(server):
    for coding in ("gzip", "chunked, gzip", "chunked, chunked"):
        data = _exchange(server, _te_request(server, coding), timeout=5)
        assert _statuses(data) == [400], (coding, data[:300])


def test_transfer_encoding_with_content_length_is_400(server):
    data = _exchange(server, _te_request(server, "chunked", "Content-Length: 2\r\n"))
    assert _statuses(data) == [400], data[:300]


def test_plain_chunked_body_is_read(server):
    body = json.dumps({"login": "nobody-" + secrets.token_hex(3), "password": "wrong-password"}).encode()
    raw = (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {_host(server)}\r\n"
           "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode()
    raw += b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    assert _statuses(_exchange(server, raw)) == [401]


# --- RFC 9110 sections 10.1.1 and 15.5.14: a body over the cap -----------------------------

def _oversized_post(server, expect):
    head = (f"POST /api/v1/users HTTP/1.1\r\nHost: {_host(server)}\r\n"
            f"Authorization: Bearer {server.admin()}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {BIG}\r\n")
    if expect:
        head += "Expect: 100-continue\r\n"
    return (head + "\r\n").encode()


def test_no_100_continue_for_a_body_that_gets_413(server):
    s = _connect(server)
    try:
        s.sendall(_oversized_post(server, expect=True))
        s.settimeout(5)
        first = s.recv(65536)
    finally:
        s.close()
    assert first.startswith(b"HTTP/1.1 413"), first[:200]


def test_oversized_body_of_a_signed_in_client_is_refused_before_it_is_read(server):
    # The headers alone: the 413 comes without a byte of the body being sent.
    s = _connect(server)
    try:
        s.sendall(_oversized_post(server, expect=False))
        started = time.monotonic()
        data = _read_all(s, timeout=4)
    finally:
        s.close()
    assert _statuses(data)[:1] == [413], data[:200]
    assert time.monotonic() - started < 3


# --- RFC 9110 section 15.5.16: JSON bodies say so ---------------------------------------------

def test_json_body_without_json_content_type_is_415(server):
    body = json.dumps({"login": "nobody", "password": "wrong-password"})
    for headers in ({"Content-Type": "text/plain"}, {"Content-Type": "application/x-www-form-urlencoded"}):
        r = server.post("/api/v1/auth/login", data=body, headers=headers)
        assert_problem(r, 415, "unsupported-media-type")
        assert r.headers.get("Accept-Post") == "application/json"
    # No Content-Type at all.
    raw = (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {_host(server)}\r\nConnection: close\r\n"
           f"Content-Length: {len(body)}\r\n\r\n{body}").encode()
    assert _statuses(_exchange(server, raw)) == [415]


def test_json_content_type_with_charset_is_taken(server):
    r = server.post("/api/v1/auth/login", data=json.dumps({"login": "nobody", "password": "x" * 12}),
                    headers={"Content-Type": "Application/JSON; charset=utf-8"})
    assert_problem(r, 401, "bad-credentials")


# --- field errors are capped ------------------------------------------------------------------

def test_field_errors_are_capped_at_50(server):
    body = "{" + ",".join(f'"k{i}":1' for i in range(60000)) + "}"
    r = server.post("/api/v1/users", server.admin(), data=body,
                    headers={"Content-Type": "application/json"})
    problem = assert_problem(r, 422, "validation-failed")
    assert len(problem["errors"]) == 50
    assert problem["errors_omitted"] >= 60000 - 50
    assert len(r.content) < 20000, len(r.content)


# --- static files only from inside the web root -------------------------------------------------

def test_symlinked_directory_in_the_web_root_is_not_followed(server):
    name = "linked-" + secrets.token_hex(3)
    os.symlink(server.dir, server.web / name)  # the folder that holds secret.txt
    r = server.get(f"/{name}/secret.txt")
    assert "SECRET-OUTSIDE-WEB" not in r.text
    assert r.status_code == 404


def test_symlinked_file_in_the_web_root_is_not_followed(server):
    name = "file-" + secrets.token_hex(3) + ".txt"
    os.symlink(server.dir / "secret.txt", server.web / name)
    r = server.get(f"/{name}")
    assert "SECRET-OUTSIDE-WEB" not in r.text
    assert r.status_code == 404


# --- the access log cannot be forged ------------------------------------------------------------

def _log_lines_with(server, marker, want=1):
    for _ in range(40):
        lines = [line for line in server.stderr_path.read_bytes().split(b"\n") if marker in line]
        if len(lines) >= want:
            return lines
        time.sleep(0.05)
    return lines


def test_access_log_escapes_the_path_as_received(server):
    marker = secrets.token_hex(6).encode()
    fake = b"2026-01-01T00:00:00Z%20info%20POST%20/api/v1/users%20201%200.1ms%20user=1-" + marker
    raw = (b"GET /x-" + marker + b"%0a" + fake + b"\x1b[2J HTTP/1.1\r\nHost: " + _host(server).encode()
           + b"\r\nUser-Agent: evil\x1b[31m\r\nConnection: close\r\n\r\n")
    _exchange(server, raw)
    lines = _log_lines_with(server, marker)
    assert len(lines) == 1, lines  # one request, one line: nothing forged
    line = lines[0]
    assert b"\x1b" not in line and b"\r" not in line
    assert b"%0a2026-01-01T00:00:00Z%20info" in line  # as received, not decoded
    assert b"\\x1b[2J" in line
    assert not any(ln.startswith(b"2026-01-01T00:00:00Z") for ln in server.stderr_path.read_bytes().split(b"\n"))


def test_access_log_escapes_raw_control_bytes(server):
    marker = secrets.token_hex(6).encode()
    raw = (b"GET /y-" + marker + b"\x7f\x01\xff HTTP/1.1\r\nHost: " + _host(server).encode()
           + b"\r\nConnection: close\r\n\r\n")
    _exchange(server, raw)
    lines = _log_lines_with(server, marker)
    assert len(lines) == 1, lines
    assert b"\\x7f\\x01\\xff" in lines[0], lines[0]
