"""User administration, roles, phone masking, audit log."""
import json
import re
import secrets

import pytest

from helpers import assert_field_error, assert_problem, field_errors

MASKED = re.compile(r"^1[3-9]\d\*{4}\d{4}$")
USER_KEYS = {"id", "login", "name", "phone", "role", "scope", "district_id", "disabled"}


def new_login():
    return "t-" + secrets.token_hex(5)


# --- creation ------------------------------------------------------------------

def test_admin_creates_user_and_user_can_log_in(server):
    login = new_login()
    body = {"login": login, "password": "correct-horse-1", "name": "张三", "role": "grid_worker",
            "phone": "13912345678", "scope_id": server.scope_for("grid_worker")}
    r = server.post("/api/v1/users", server.admin(), json=body)
    assert r.status_code == 201, r.text
    user = r.json()
    assert USER_KEYS <= set(user), set(user)
    assert user["login"] == login and user["name"] == "张三" and user["role"] == "grid_worker"
    assert user["disabled"] is False
    assert isinstance(user["id"], int)
    assert not any("password" in k for k in user)
    assert "correct-horse-1" not in r.text
    token = server.login(login, "correct-horse-1")
    me = server.get("/api/v1/auth/me", token).json()
    assert me["user"]["id"] == user["id"]
    assert me["user"]["phone"] == "13912345678", "own phone should be unmasked"


def test_duplicate_login_is_409(server):
    user, _ = server.create_user()
    r = server.post("/api/v1/users", server.admin(),
                    json={"login": user["login"], "password": "another-pass-1", "name": "重复", "role": "admin"})
    assert_problem(r, 409, "conflict")


def test_duplicate_of_demo_login_is_409(server):
    r = server.post("/api/v1/users", server.admin(),
                    json={"login": "demo-admin", "password": "another-pass-1", "name": "重复", "role": "admin"})
    assert_problem(r, 409, "conflict")


def test_user_with_scope(server):
    root = server.get("/api/v1/places", server.admin()).json()["items"][0]
    user, _ = server.create_user(role="subdistrict_officer", scope_id=root["id"])
    assert user["scope"]["id"] == root["id"]
    assert user["scope"]["kind"] == root["kind"] and user["scope"]["name"] == root["name"]
    assert user["district_id"] == root["district_id"]


@pytest.mark.parametrize("field,value", [
    ("role", "king"),
    ("role", ""),
    ("password", "short"),
    ("password", "123456789"),
    ("login", "Bad Login!"),
    ("login", "ab"),
    ("login", "-starts-with-dash"),
    ("phone", "12345"),
    ("phone", "23812345678"),
    ("phone", "1381234567a"),
    ("scope_id", 999999999),
])
def test_bad_values_are_422(server, field, value):
    body = {"login": new_login(), "password": "long-enough-pw-1", "name": "坏值", "role": "resident",
            "scope_id": server.scope_for("resident")}
    body[field] = value
    r = server.post("/api/v1/users", server.admin(), json=body)
    b = assert_problem(r, 422, "validation-failed")
    errs = field_errors(b)
    assert any(f == field and c in ("invalid", "too-long", "required") for f, c in errs), errs


def test_too_long_login_is_422(server):
    r = server.post("/api/v1/users", server.admin(),
                    json={"login": "a" * 65, "password": "long-enough-pw-1", "name": "长", "role": "admin"})
    b = assert_problem(r, 422, "validation-failed")
    assert any(f == "login" and c in ("too-long", "invalid") for f, c in field_errors(b))


def test_password_of_10_chars_is_accepted(server):
    user, _ = server.create_user(password="0123456789")
    assert server.login(user["login"], "0123456789")


# --- roles -----------------------------------------------------------------------

@pytest.mark.parametrize("who,method,path,body", [
    ("demo-grid-worker", "GET", "/api/v1/users", None),
    ("demo-grid-worker", "POST", "/api/v1/users", {"login": "nope-1", "password": "long-enough-1",
                                                   "name": "x", "role": "admin"}),
    ("demo-community-staff", "PATCH", "/api/v1/users/1", {"name": "x"}),
    ("demo-resident", "GET", "/api/v1/audit", None),
    ("demo-grid-worker", "GET", "/api/v1/audit", None),
    ("demo-inspector", "POST", "/api/v1/test/clock", {"advance_seconds": 1}),
])
def test_wrong_role_is_403(server, who, method, path, body):
    kw = {"json": body} if body is not None else {}
    assert_problem(server.request(method, path, server.token(who), **kw), 403, "forbidden")


def test_user_cannot_read_another_user(server):
    admin_id = server.get("/api/v1/auth/me", server.admin()).json()["user"]["id"]
    r = server.get(f"/api/v1/users/{admin_id}", server.token("demo-resident"))
    assert r.status_code in (403, 404), r.text
    assert r.headers["Content-Type"].startswith("application/problem+json")


def test_user_reads_themself_unmasked(server):
    user, pw = server.create_user(phone="13712345678")
    token = server.login(user["login"], pw)
    r = server.get(f"/api/v1/users/{user['id']}", token)
    assert r.status_code == 200, r.text
    assert r.json()["phone"] == "13712345678"


def test_non_admin_cannot_patch_themself(server):
    user, pw = server.create_user()
    token = server.login(user["login"], pw)
    r = server.patch(f"/api/v1/users/{user['id']}", token, json={"disabled": False})
    assert_problem(r, 403, "forbidden")


# --- phone masking -----------------------------------------------------------------

def all_users(server, limit=100):
    items, after = [], None
    for _ in range(100):
        q = f"?limit={limit}" + (f"&after={after}" if after else "")
        r = server.get("/api/v1/users" + q, server.admin())
        assert r.status_code == 200, r.text
        page = r.json()["items"]
        if not page:
            break
        items += page
        after = page[-1]["id"]
        if len(page) < limit:
            break
    return items


def test_phone_masked_in_list_unmasked_in_admin_get(server):
    user, _ = server.create_user(phone="13812345678")
    listed = [u for u in all_users(server) if u["id"] == user["id"]]
    assert listed, "created user not in list"
    assert listed[0]["phone"] == "138****5678"
    assert user["phone"] in ("138****5678", "13812345678")
    r = server.get(f"/api/v1/users/{user['id']}", server.admin())
    assert r.status_code == 200
    assert r.json()["phone"] == "13812345678"


def test_no_unmasked_phone_in_list(server):
    server.create_user(phone="15987654321")
    users = all_users(server)
    assert "15987654321" not in json.dumps(users)
    for u in users:
        assert u["phone"] is None or u["phone"] == "****" or MASKED.match(u["phone"]), u


def test_patch_phone(server):
    user, _ = server.create_user()
    r = server.patch(f"/api/v1/users/{user['id']}", server.admin(), json={"phone": "13600001111"})
    assert r.status_code == 200, r.text
    assert server.get(f"/api/v1/users/{user['id']}", server.admin()).json()["phone"] == "13600001111"
    assert_field_error(server.patch(f"/api/v1/users/{user['id']}", server.admin(), json={"phone": "1"}),
                       "phone", "invalid")


def test_patch_unknown_user_is_404(server):
    assert_problem(server.patch("/api/v1/users/987654321", server.admin(), json={"name": "x"}), 404, "not-found")


# --- pagination --------------------------------------------------------------------

def test_users_cursor_pagination(server):
    for _ in range(3):
        server.create_user()
    every = all_users(server, limit=100)
    ids = [u["id"] for u in every]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids), "users should come in id order for an id cursor"
    paged = all_users(server, limit=2)
    assert [u["id"] for u in paged] == ids
    r = server.get(f"/api/v1/users?limit=2&after={ids[0]}", server.admin())
    assert [u["id"] for u in r.json()["items"]] == ids[1:3]


@pytest.mark.parametrize("q", ["limit=abc", "limit=-1", "after=xyz"])
def test_bad_query_is_422(server, q):
    assert_problem(server.get("/api/v1/users?" + q, server.admin()), 422, "validation-failed")


# --- audit log -----------------------------------------------------------------------

def audit(server, token=None, limit=100):
    r = server.get(f"/api/v1/audit?limit={limit}", token or server.admin())
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_audit_records_login_failed_login_and_user_creation(server):
    user, pw = server.create_user(phone="13811112222")
    server.login(user["login"], pw)
    assert server.login_response(user["login"], "wrong-" + pw).status_code == 401
    items = audit(server)
    for e in items:
        assert {"id", "at", "user_id", "action", "entity", "entity_id", "before", "after"} <= set(e), e
    mine = [e for e in items if e["entity_id"] == user["id"] or e["user_id"] == user["id"]
            or user["login"] in json.dumps(e, ensure_ascii=False)]
    created = [e for e in mine if e["entity_id"] == user["id"] and e["before"] is None
               and isinstance(e["after"], dict) and e["after"].get("login") == user["login"]]
    assert created, f"no creation entry with before=null/after=user: {mine}"
    logins = [e for e in mine if "login" in e["action"] and not re.search(r"fail|bad|denied", e["action"])]
    assert any(e["user_id"] == user["id"] for e in logins), f"no successful login entry: {mine}"
    failed = [e for e in mine if re.search(r"fail|bad|denied", e["action"])]
    assert failed, f"no failed-login entry: {mine}"
    text = json.dumps(items, ensure_ascii=False)
    assert pw not in text, "password in audit log"
    assert "password_hash" not in text and "$argon2" not in text, "password hash in audit log"


def test_audit_records_patch_with_before_and_after(server):
    user, _ = server.create_user(name="旧名字")
    r = server.patch(f"/api/v1/users/{user['id']}", server.admin(), json={"name": "新名字"})
    assert r.status_code == 200
    entries = [e for e in audit(server) if e["entity_id"] == user["id"]
               and isinstance(e["before"], dict) and isinstance(e["after"], dict)
               and e["before"].get("name") == "旧名字" and e["after"].get("name") == "新名字"]
    assert entries, "no update entry with before/after names"


def test_audit_newest_first_and_cursor(server):
    server.create_user()
    server.create_user()
    items = audit(server, limit=5)
    ids = [e["id"] for e in items]
    assert ids == sorted(ids, reverse=True), ids
    assert len(ids) >= 3
    r = server.get(f"/api/v1/audit?limit=3&after={ids[1]}", server.admin())
    assert r.status_code == 200
    nxt = [e["id"] for e in r.json()["items"]]
    assert nxt and all(i < ids[1] for i in nxt), nxt
    assert nxt[0] == ids[2]


@pytest.mark.parametrize("who", ["demo-inspector", "demo-subdistrict-officer"])
def test_audit_readable_by_inspector_and_officer(server, who):
    assert isinstance(audit(server, server.token(who)), list)


def test_scope_must_fit_role(server):
    body = {"login": new_login(), "password": "long-enough-pw-1", "name": "错范围", "role": "resident",
            "scope_id": server.scope_for("subdistrict_officer")}
    assert_field_error(server.post("/api/v1/users", server.admin(), json=body), "scope_id", "invalid")


def test_audit_is_scoped_to_the_readers_district(server):
    """A district-1 officer/inspector never sees entries about district 20."""
    other = [p for p in server.get("/api/v1/places", server.admin()).json()["items"]
             if p["name"] != "新都街道"][0]
    community = server.get(f"/api/v1/places?parent_id={other['id']}", server.admin()).json()["items"][0]
    user, pw = server.create_user(role="community_staff", scope_id=community["id"], phone="13900009999")
    assert user["district_id"] == other["id"]
    server.login(user["login"], pw)
    for who in ("demo-subdistrict-officer", "demo-inspector"):
        items = audit(server, server.token(who))
        leaked = [e for e in items
                  if (e["entity"] == "user" and e["entity_id"] == user["id"]) or e["user_id"] == user["id"]]
        assert not leaked, f"{who} sees district {other['id']} entries: {leaked}"
        assert "13900009999" not in json.dumps(items)


def test_audit_never_holds_unmasked_phone(server):
    user, _ = server.create_user(phone="13544443333")
    server.patch(f"/api/v1/users/{user['id']}", server.admin(), json={"phone": "13544442222"})
    text = json.dumps(audit(server))
    assert "13544443333" not in text and "13544442222" not in text
