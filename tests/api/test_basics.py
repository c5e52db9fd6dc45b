"""Health, routing errors, static files."""
import pytest

from conftest import ASSET_JS, INDEX_HTML, SECRET_MARKER
from helpers import assert_problem, raw_get


def test_healthz(server):
    r = server.get("/healthz")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.json() == {"status": "ok"}


def test_readyz(server):
    r = server.get("/readyz")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.json()["status"] == "ready"


def test_unknown_api_route_is_404_problem(server):
    assert_problem(server.get("/api/v1/no-such-thing", server.admin()), 404, "not-found")


def test_unknown_api_route_without_token_is_404_or_401_not_html(server):
    r = server.get("/api/v1/no-such-thing")
    assert r.status_code in (401, 404)
    assert r.headers.get("Content-Type", "").startswith("application/problem+json")


def test_unknown_record_is_404_problem(server):
    assert_problem(server.get("/api/v1/users/99999999", server.admin()), 404, "not-found")
    assert_problem(server.get("/api/v1/places/99999999", server.admin()), 404, "not-found")


@pytest.mark.parametrize("method,path,allowed", [
    ("DELETE", "/api/v1/users", {"GET", "POST"}),
    ("PUT", "/api/v1/users/1", {"GET", "PATCH"}),
    ("GET", "/api/v1/auth/login", {"POST"}),
    ("POST", "/healthz", {"GET"}),
])
def test_wrong_method_is_405_with_allow(server, method, path, allowed):
    r = server.request(method, path, server.admin(), json={})
    assert_problem(r, 405, "method-not-allowed")
    allow = {m.strip() for m in r.headers.get("Allow", "").split(",") if m.strip()}
    assert allowed <= allow, f"Allow: {r.headers.get('Allow')!r}"


def test_bearer_token_works(server):
    token = server.login("demo-grid-worker")
    r = server.get("/api/v1/auth/me", token)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["user"]["login"] == "demo-grid-worker"
    assert body["user"]["role"] == "grid_worker"
    assert isinstance(body["permissions"], list)
    assert isinstance(body["csrf_token"], str) and body["csrf_token"]


def test_bad_bearer_token_is_401(server):
    r = server.get("/api/v1/auth/me", "not-a-real-token")
    assert_problem(r, 401, "unauthenticated")
    assert r.headers.get("WWW-Authenticate", "").startswith("Bearer")


def test_test_clock_is_404_without_flag(make_server):
    s = make_server(test_clock=False)
    r = s.post("/api/v1/test/clock", s.admin(), json={"advance_seconds": 60})
    assert_problem(r, 404, "not-found")


# --- static files ------------------------------------------------------------

TRAVERSALS = [
    "/../../etc/passwd",
    "/%2e%2e/etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/assets/../../secret.txt",
    "/assets/%2e%2e/%2e%2e/secret.txt",
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/assets/..%5c..%5csecret.txt",
    "/....//....//secret.txt",
    "//etc/passwd",
    "/%00/../secret.txt",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_static_path_traversal_never_leaves_web_dir(server, target):
    status, headers, body = raw_get(server.base, target)
    text = body.decode("utf-8", "replace")
    assert "root:x:0:0" not in text, f"{target} -> /etc/passwd"
    assert SECRET_MARKER not in text, f"{target} -> file outside the web dir"
    assert status is None or status in (200, 301, 308, 400, 403, 404), status
    if status == 200:  # only the SPA's index.html may come back
        assert "INDEX-MARKER-7c1e" in text, f"{target}: 200 with unexpected body {text[:200]!r}"


def test_spa_route_returns_index_html(server):
    r = server.get("/places/3", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert r.text == INDEX_HTML


def test_root_returns_index_html(server):
    r = server.get("/", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    assert "INDEX-MARKER-7c1e" in r.text


def test_asset_has_js_type_and_long_cache(server):
    r = server.get("/assets/x.js", headers={"Accept": "*/*"})
    assert r.status_code == 200
    assert r.text == ASSET_JS
    ctype = r.headers["Content-Type"].split(";")[0].strip()
    assert ctype in ("text/javascript", "application/javascript"), ctype
    cc = r.headers.get("Cache-Control", "")
    assert "immutable" in cc or any(
        int(p.split("=")[1]) >= 86400 for p in cc.replace(" ", "").split(",") if p.startswith("max-age=")
    ), f"Cache-Control {cc!r}"


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_refused_before_the_body_is_read(server, token):
    """An import takes 64 MiB, so the route, session and permission are checked
    on the headers alone: the 401 comes without the client sending any body."""
    from urllib.parse import urlparse
    import socket
    u = urlparse(server.base)
    head = (f"POST /api/v1/imports/residents?community_id=2 HTTP/1.1\r\n"
            f"Host: {u.hostname}:{u.port}\r\nContent-Type: text/csv\r\n"
            f"Content-Length: {60 * 1024 * 1024}\r\n"
            + (f"Authorization: Bearer {token}\r\n" if token else "")
            + "Connection: close\r\n\r\n").encode()
    with socket.create_connection((u.hostname, u.port), timeout=5) as s:
        s.sendall(head)
        answer = s.recv(4096)  # times out if the server waits for the body
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]


def test_forbidden_role_refused_before_the_body_is_read(server):
    from urllib.parse import urlparse
    import socket
    u = urlparse(server.base)
    head = (f"POST /api/v1/imports/residents?community_id=2 HTTP/1.1\r\n"
            f"Host: {u.hostname}:{u.port}\r\nContent-Length: {60 * 1024 * 1024}\r\n"
            f"Authorization: Bearer {server.token('demo-grid-worker')}\r\n"
            "Connection: close\r\n\r\n").encode()
    with socket.create_connection((u.hostname, u.port), timeout=5) as s:
        s.sendall(head)
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 403"), answer[:200]
