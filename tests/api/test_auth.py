"""Login, logout, sessions, cookies + CSRF, throttling, disabled users."""
import re

import pytest

from helpers import HAN, assert_problem

HOUR = 3600


def session_cookie(r):
    """(value, raw Set-Cookie header) of hongwu_session in a response."""
    raw = r.headers.get("Set-Cookie", "")
    m = re.search(r"(?:^|[,\s])hongwu_session=([^;,\s]*)", raw)
    assert m, f"no hongwu_session in Set-Cookie: {raw!r}"
    return m.group(1), raw


def cookie_attrs(raw):
    part = raw[raw.index("hongwu_session="):]
    return [a.strip().lower() for a in part.split(";")[1:]]


# --- login -------------------------------------------------------------------

def test_login_returns_token_csrf_user_and_cookie(server):
    r = server.login_response("demo-admin")
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    for k in ("token", "csrf_token", "expires_at", "user"):
        assert k in body, f"missing {k}"
    assert isinstance(body["token"], str) and len(body["token"]) >= 20
    assert isinstance(body["csrf_token"], str) and len(body["csrf_token"]) >= 16
    assert body["token"] != body["csrf_token"]
    user = body["user"]
    assert user["login"] == "demo-admin" and user["role"] == "admin"
    for k in ("id", "login", "name", "phone", "role", "scope", "district_id", "disabled"):
        assert k in user, f"user lacks {k}"
    assert not any("password" in k for k in user), "password material in user"
    value, raw = session_cookie(r)
    assert value, "empty session cookie"
    attrs = cookie_attrs(raw)
    assert "httponly" in attrs, raw
    assert "samesite=strict" in attrs, raw
    assert "path=/" in attrs, raw


def test_two_logins_give_different_tokens(server):
    assert server.login("demo-inspector") != server.login("demo-inspector")


def test_bad_password_is_401_zh_title_by_default(server):
    r = server.login_response("demo-volunteer", "wrong-password-1")
    body = assert_problem(r, 401, "bad-credentials")
    assert HAN.search(body["title"]), f"default title not Chinese: {body['title']!r}"
    assert not re.search(r"hongwu_session=[^;\s]", r.headers.get("Set-Cookie", "")), "failed login set a cookie"


def test_bad_password_english_title_with_accept_language(server):
    r = server.login_response("demo-volunteer", "wrong-password-2", headers={"Accept-Language": "en"})
    body = assert_problem(r, 401, "bad-credentials")
    assert not HAN.search(body["title"]) and re.search(r"[A-Za-z]", body["title"]), body["title"]


def test_accept_language_zh_gives_chinese(server):
    r = server.login_response("no-such-user-zh", "whatever-123",
                              headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    body = assert_problem(r, 401, "bad-credentials")
    assert HAN.search(body["title"]), body["title"]


def test_unknown_login_gets_same_answer_as_bad_password(server):
    a = server.login_response("demo-owners-committee", "wrong-password-3")
    b = server.login_response("no-such-user-xyz", "wrong-password-3")
    ba = assert_problem(a, 401, "bad-credentials")
    bb = assert_problem(b, 401, "bad-credentials")
    assert ba == bb, f"answers differ: {ba} vs {bb}"
    assert a.headers.get("WWW-Authenticate") == b.headers.get("WWW-Authenticate")


# --- throttling (own servers: the address limit is shared) --------------------

def test_account_throttle_after_5_failures(own_server):
    s = own_server
    other = s.login("demo-resident")  # noqa: F841 - a session from before
    for i in range(5):
        assert_problem(s.login_response("demo-volunteer", f"wrong-{i}-xxxxxx"), 401, "bad-credentials")
    r = s.login_response("demo-volunteer", "wrong-5-xxxxxx")
    assert_problem(r, 429, "too-many-attempts")
    retry = r.headers.get("Retry-After", "")
    assert retry.isdigit() and 0 < int(retry) <= 15 * 60, f"Retry-After {retry!r}"
    # The right password is refused too while the account is locked.
    assert_problem(s.login_response("demo-volunteer"), 429, "too-many-attempts")
    # Other accounts are not affected.
    assert s.login_response("demo-resident").status_code == 200
    # After Retry-After has passed the account can log in again.
    s.advance(int(r.headers["Retry-After"]) + 1)
    assert s.login_response("demo-volunteer").status_code == 200


def test_address_throttle_after_20_failures(own_server):
    s = own_server
    for i in range(20):
        r = s.login_response(f"nobody-{i}", "wrong-password")
        assert r.status_code in (401, 429), r.text
        if r.status_code == 429:
            pytest.fail(f"address locked after only {i} failures")
    r = s.login_response("demo-resident")
    assert_problem(r, 429, "too-many-attempts")
    assert r.headers.get("Retry-After", "").isdigit()


# --- logout and expiry ---------------------------------------------------------

def test_logged_out_token_is_401(server):
    token = server.login("demo-building-leader")
    assert server.get("/api/v1/auth/me", token).status_code == 200
    r = server.post("/api/v1/auth/logout", token)
    assert r.status_code == 204, r.text
    assert r.content == b""
    r = server.get("/api/v1/auth/me", token)
    assert_problem(r, 401, "unauthenticated")
    assert r.headers.get("WWW-Authenticate", "").startswith("Bearer")


def test_logout_without_token_is_401(server):
    assert_problem(server.post("/api/v1/auth/logout"), 401, "unauthenticated")


def test_token_expires_after_12h_idle(own_server):
    s = own_server
    token = s.login("demo-grid-worker")
    assert s.get("/api/v1/auth/me", token).status_code == 200
    s.advance(13 * HOUR)
    r = s.get("/api/v1/auth/me", token)
    assert_problem(r, 401, "unauthenticated")
    assert r.headers.get("WWW-Authenticate", "").startswith("Bearer")


def test_idle_timeout_slides_and_absolute_limit_is_7_days(own_server):
    s = own_server
    token = s.login("demo-grid-worker")
    elapsed = 0
    while elapsed + 11 * HOUR < 7 * 24 * HOUR:
        s.advance(11 * HOUR)
        elapsed += 11 * HOUR
        r = s.get("/api/v1/auth/me", token)
        assert r.status_code == 200, f"token dead after {elapsed // HOUR} h of use: {r.text}"
    s.advance(11 * HOUR)  # now past 7 days since login, idle only 11 h
    assert_problem(s.get("/api/v1/auth/me", token), 401, "unauthenticated")


# --- cookie authentication and CSRF ---------------------------------------------

def cookie_login(s, name, password=None):
    r = s.login_response(name, password)
    assert r.status_code == 200, r.text
    value, _ = session_cookie(r)
    return {"Cookie": f"hongwu_session={value}"}, r.json()["csrf_token"]


def test_cookie_alone_authenticates_get(server):
    cookie, csrf = cookie_login(server, "demo-community-staff")
    r = server.get("/api/v1/auth/me", headers=cookie)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["login"] == "demo-community-staff"
    assert r.json()["csrf_token"] == csrf


def test_cookie_write_without_csrf_is_403_and_with_it_ok(server):
    user, _ = server.create_user(name="改名前")
    cookie, csrf = cookie_login(server, "demo-admin")
    path = f"/api/v1/users/{user['id']}"
    r = server.patch(path, headers=cookie, json={"name": "改名后"})
    assert_problem(r, 403, "csrf-failed")
    r = server.patch(path, headers={**cookie, "X-CSRF-Token": "wrong" + csrf}, json={"name": "改名后"})
    assert_problem(r, 403, "csrf-failed")
    assert server.get(path, server.admin()).json()["name"] == "改名前", "refused write changed data"
    r = server.patch(path, headers={**cookie, "X-CSRF-Token": csrf}, json={"name": "改名后"})
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "改名后"


def test_another_sessions_csrf_token_is_refused(server):
    cookie, _ = cookie_login(server, "demo-admin")
    _, other_csrf = cookie_login(server, "demo-admin")
    r = server.post("/api/v1/auth/logout", headers={**cookie, "X-CSRF-Token": other_csrf})
    assert_problem(r, 403, "csrf-failed")


def test_cookie_logout_needs_csrf_and_clears_cookie(server):
    cookie, csrf = cookie_login(server, "demo-property-staff")
    assert_problem(server.post("/api/v1/auth/logout", headers=cookie), 403, "csrf-failed")
    assert server.get("/api/v1/auth/me", headers=cookie).status_code == 200
    r = server.post("/api/v1/auth/logout", headers={**cookie, "X-CSRF-Token": csrf})
    assert r.status_code == 204, r.text
    value, raw = session_cookie(r)
    attrs = cookie_attrs(raw)
    assert value == "" or "max-age=0" in attrs or any("1970" in a for a in attrs), \
        f"logout does not clear the cookie: {raw!r}"
    assert_problem(server.get("/api/v1/auth/me", headers=cookie), 401, "unauthenticated")


def test_bearer_write_needs_no_csrf(server):
    token = server.login("demo-party-member")
    assert server.post("/api/v1/auth/logout", token).status_code == 204


# --- disabled users ------------------------------------------------------------

def test_disabled_user_cannot_log_in_and_token_stops(server):
    user, pw = server.create_user(role="volunteer")
    token = server.login(user["login"], pw)
    assert server.get("/api/v1/auth/me", token).status_code == 200
    r = server.patch(f"/api/v1/users/{user['id']}", server.admin(), json={"disabled": True})
    assert r.status_code == 200, r.text
    assert r.json()["disabled"] is True
    assert_problem(server.get("/api/v1/auth/me", token), 401, "unauthenticated")
    assert_problem(server.login_response(user["login"], pw), 401, "bad-credentials")
    r = server.patch(f"/api/v1/users/{user['id']}", server.admin(), json={"disabled": False})
    assert r.status_code == 200 and r.json()["disabled"] is False
    assert server.login_response(user["login"], pw).status_code == 200


def test_password_change_by_admin(server):
    user, pw = server.create_user()
    r = server.patch(f"/api/v1/users/{user['id']}", server.admin(), json={"password": "new-password-123"})
    assert r.status_code == 200, r.text
    assert "password" not in r.json() and "password_hash" not in r.json()
    assert_problem(server.login_response(user["login"], pw), 401, "bad-credentials")
    assert server.login_response(user["login"], "new-password-123").status_code == 200


def test_idle_timeout_boundary(own_server):
    s = own_server
    token = s.login("demo-grid-worker")
    s.advance(12 * HOUR - 60)
    assert s.get("/api/v1/auth/me", token).status_code == 200, "dead before 12 h idle"
    s.advance(12 * HOUR + 60)
    assert_problem(s.get("/api/v1/auth/me", token), 401, "unauthenticated")


def test_expired_cookie_session_is_401(own_server):
    s = own_server
    cookie, _ = cookie_login(s, "demo-community-staff")
    s.advance(13 * HOUR)
    assert_problem(s.get("/api/v1/auth/me", headers=cookie), 401, "unauthenticated")


def test_bearer_and_cookie_of_different_users(server):
    """With both, one identity wins consistently; never a mix."""
    cookie, _ = cookie_login(server, "demo-grid-leader")
    token = server.login("demo-resident")
    r = server.get("/api/v1/auth/me", token, headers=cookie)
    assert r.status_code == 200
    assert r.json()["user"]["login"] in ("demo-grid-leader", "demo-resident")
