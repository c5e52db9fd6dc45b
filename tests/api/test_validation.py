"""Request validation, body limits, authentication required everywhere."""
import json

import pytest

from helpers import assert_field_error, assert_problem, raw_request


# --- authentication required --------------------------------------------------

def test_every_api_route_needs_a_token(server, api_route):
    method, path = api_route
    path = path.replace("{id}", "1")
    kw = {"json": {}} if method in ("POST", "PATCH", "PUT") else {}
    r = server.request(method, path, **kw)
    assert_problem(r, 401, "unauthenticated")
    assert r.headers.get("WWW-Authenticate", "").startswith("Bearer"), r.headers


def test_the_only_public_api_routes_are_sign_in_and_the_public_pages():
    """A route needing no sign-in is either the sign-in itself or lives under
    /api/v1/public/ (the complaint form, its status, the red-black list), so
    that a new one cannot go unnoticed."""
    from conftest import hongwu_routes
    public = hongwu_routes(public=True)
    if public is None:
        pytest.skip("no binary")
    api = [(m, p) for m, p in public if p.startswith("/api/")]
    assert ("POST", "/api/v1/auth/login") in api
    assert all(p == "/api/v1/auth/login" or p.startswith("/api/v1/public/") for _, p in api), api


def test_routes_table_is_not_empty():
    from conftest import hongwu_routes
    routes = hongwu_routes()
    if routes is None:
        pytest.skip("no binary")
    assert ("POST", "/api/v1/auth/login") in routes
    assert len([r for r in routes if r[1].startswith("/api/v1/")]) >= 10


# --- malformed JSON -------------------------------------------------------------

@pytest.mark.parametrize("body", [
    b'{"login": "x", "password": ',
    b"not json at all",
    b"[1, 2, 3]",
    b'"just a string"',
    b"",
    b'{"login": "dup-a", "login": "dup-b", "password": "long-enough-1", "name": "n", "role": "resident"}',
    b'{"login": "x"} trailing',
], ids=["truncated", "text", "array", "string", "empty", "duplicate-keys", "trailing"])
def test_malformed_json_is_400(server, body):
    r = server.post("/api/v1/users", server.admin(), data=body,
                    headers={"Content-Type": "application/json"})
    assert_problem(r, 400, "malformed-json")


def test_malformed_json_on_login_is_400(server):
    r = server.post("/api/v1/auth/login", data=b"{login: x}", headers={"Content-Type": "application/json"})
    assert_problem(r, 400, "malformed-json")


# --- validation -------------------------------------------------------------------

def valid_user(**over):
    import secrets
    body = {"login": "v-" + secrets.token_hex(4), "password": "long-enough-pw-1",
            "name": "验证", "role": "admin"}  # admin may have no scope
    body.update(over)
    return body


@pytest.mark.parametrize("field,value", [
    ("login", 5),
    ("password", ["a", "b"]),
    ("name", {"x": 1}),
    ("role", True),
    ("phone", 13812345678),
    ("scope_id", "one"),
])
def test_wrong_type_is_422_wrong_type(server, field, value):
    r = server.post("/api/v1/users", server.admin(), json=valid_user(**{field: value}))
    assert_field_error(r, field, "wrong-type")


def test_wrong_type_on_login_is_422(server):
    r = server.post("/api/v1/auth/login", json={"login": 12345, "password": "whatever-123"})
    assert_field_error(r, "login", "wrong-type")


def test_wrong_type_on_patch_is_422(server):
    r = server.patch("/api/v1/users/1", server.admin(), json={"disabled": "yes"})
    assert_field_error(r, "disabled", "wrong-type")


def test_unknown_field_is_422(server):
    r = server.post("/api/v1/users", server.admin(), json=valid_user(is_superuser=True))
    assert_field_error(r, "is_superuser", "unknown-field")


def test_unknown_field_on_login_is_422(server):
    r = server.post("/api/v1/auth/login", json={"login": "nobody-val", "password": "x-123456789", "remember": True})
    assert_field_error(r, "remember", "unknown-field")


def test_unknown_field_on_patch_is_422(server):
    r = server.patch("/api/v1/users/1", server.admin(), json={"role": "admin"})
    assert_field_error(r, "role", "unknown-field")


@pytest.mark.parametrize("missing", ["login", "password", "name", "role"])
def test_missing_required_is_422(server, missing):
    body = valid_user()
    del body[missing]
    assert_field_error(server.post("/api/v1/users", server.admin(), json=body), missing, "required")


def test_missing_password_on_login_is_422(server):
    r = server.post("/api/v1/auth/login", json={"login": "nobody-val"})
    assert_field_error(r, "password", "required")


def test_all_errors_are_listed_at_once(server):
    r = server.post("/api/v1/users", server.admin(), json={"login": 1, "bogus": 2})
    body = assert_problem(r, 422, "validation-failed")
    fields = {e["field"] for e in body["errors"]}
    assert {"login", "bogus"} <= fields, fields


def test_missing_clock_seconds_is_422(server):
    r = server.post("/api/v1/test/clock", server.admin(), json={})
    assert_field_error(r, "advance_seconds", "required")


def test_negative_clock_seconds_is_422(server):
    r = server.post("/api/v1/test/clock", server.admin(), json={"advance_seconds": -5})
    assert_problem(r, 422, "validation-failed")


# --- body size -------------------------------------------------------------------

def _post_raw(server, path, body, token=None):
    host = server.base.split("//")[1]
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n")
    if token:
        head += f"Authorization: Bearer {token}\r\n"
    return raw_request(server.base, (head + "\r\n").encode(), body=body)


def test_body_of_2_mib_is_413(server):
    body = json.dumps({"login": "demo-admin", "password": "x" * (2 * 1024 * 1024)}).encode()
    status, headers, resp = _post_raw(server, "/api/v1/auth/login", body)
    assert status == 413, f"status {status}: {resp[:300]!r}"
    assert headers.get("content-type", "").startswith("application/problem+json")
    assert json.loads(resp)["type"] == "urn:hongwu:problem:payload-too-large"
    # The server is still fine afterwards.
    assert server.get("/healthz").status_code == 200


def test_body_of_2_mib_authenticated_is_413(server):
    body = json.dumps(valid_user(name="x" * (2 * 1024 * 1024))).encode()
    status, _, resp = _post_raw(server, "/api/v1/users", body, server.admin())
    assert status == 413, f"status {status}: {resp[:300]!r}"


def test_body_under_limit_is_not_413(server):
    body = json.dumps(valid_user(name="x" * (900 * 1024))).encode()
    r = server.post("/api/v1/users", server.admin(), data=body, headers={"Content-Type": "application/json"})
    assert r.status_code in (201, 422), r.text[:300]  # e.g. too-long name, but not 413


@pytest.mark.parametrize("body", [
    b'{"login": "a\\u0000b", "password": "long-enough-1"}',
    b'{"login": "\xff\xfe", "password": "long-enough-1"}',
    b"[" * 100000 + b"]" * 100000,
    b'{"a":' * 50000 + b"1" + b"}" * 50000,
], ids=["nul-escape", "bad-utf8", "deep-array", "deep-object"])
def test_hostile_json_is_400(server, body):
    r = server.post("/api/v1/auth/login", data=body, headers={"Content-Type": "application/json"})
    assert_problem(r, 400, "malformed-json")
    assert server.get("/healthz").status_code == 200


def test_body_limit_boundary_is_exactly_1_mib(server):
    for n, want in ((1024 * 1024, 422), (1024 * 1024 + 1, 413)):
        head = b'{"login": "nobody-size", "password": "'
        body = head + b"x" * (n - len(head) - 2) + b'"}'
        assert len(body) == n
        status, _, resp = _post_raw(server, "/api/v1/auth/login", body)
        assert status == want if want == 413 else status != 413, f"{n} bytes: {status} {resp[:200]!r}"


def test_chunked_body_over_limit_is_413(server):
    host = server.base.split("//")[1]
    head = (f"POST /api/v1/auth/login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode()
    chunk = b"x" * 65536
    body = b'23\r\n{"login":"nobody-c","password":"xxx\r\n'
    body += (b"%x\r\n" % len(chunk) + chunk + b"\r\n") * 40 + b'2\r\n"}\r\n0\r\n\r\n'
    status, headers, resp = raw_request(server.base, head, body=body)
    assert status == 413, f"status {status}: {resp[:200]!r}"
    assert server.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/users/abc", "/api/v1/users/0", "/api/v1/users/-1",
                                  "/api/v1/users/99999999999999999999999", "/api/v1/users/1x",
                                  "/api/v1/places/1.5"])
def test_bad_ids_are_404(server, path):
    assert_problem(server.get(path, server.admin()), 404, "not-found")


@pytest.mark.parametrize("q", ["/api/v1/places?parent_id=abc", "/api/v1/users?limit=0",
                               "/api/v1/users?limit=1000000", "/api/v1/audit?after=-5x"])
def test_bad_query_parameters_are_422(server, q):
    assert_problem(server.get(q, server.admin()), 422, "validation-failed")


@pytest.mark.parametrize("value,code", [(1.5, "wrong-type"), (2 ** 62, "invalid"), ("60", "wrong-type")])
def test_bad_clock_values_are_422(server, value, code):
    r = server.post("/api/v1/test/clock", server.admin(), json={"advance_seconds": value})
    assert_problem(r, 422, "validation-failed")
