"""Every route of `hongwu routes` × every role × a record inside and one
outside the caller's scope, generated from the route table: a new route is
covered without anyone writing a test for it.

For each route and each demo account:
- a role without the route's permission gets 403;
- a role with it gets 404 for a record of the route's kind lying wholly in
  the other sub-district (盐渎街道), and neither 403 nor 404 for one lying in
  its own scope (when the demo has one);
- a route without {id} answers a role with the permission with anything but
  403 and 5xx.

Which records lie where is read from the database with each kind's
`places_sql` (`hongwu routes --records`): a record is inside a scope when one
of its places is, outside when all of them lie in the other sub-district.
"""
import sqlite3
import subprocess

import pytest

from conftest import BIN, PG_BASE, Server, _finish

NO_SUCH_ID = 987654321
PLACE_COLUMNS = ("id", "district_id", "community_id", "zone_id", "compound_id", "building_id",
                 "entrance_id", "grid_id", "micro_grid_id")


def routes():
    out = subprocess.run([BIN, "routes"], capture_output=True, text=True, timeout=30,
                         check=True).stdout
    table = []
    for line in out.splitlines():
        method, path, perm, record, roles = line.split(" ")
        table.append({"method": method, "path": path, "perm": perm,
                      "record": None if record == "-" else record,
                      "roles": set(roles.split(","))})
    return table


def record_kinds():
    out = subprocess.run([BIN, "routes", "--records"], capture_output=True, text=True,
                         timeout=30, check=True).stdout
    kinds = {}
    for line in out.splitlines():
        kind, table, places_sql = line.split("\t")
        kinds[kind] = {"table": table, "places_sql": places_sql}
    return kinds


ROUTES = routes()
KINDS = record_kinds()


def query(server, sql):
    """Rows of sql on the server's database (SQLite file or PostgreSQL)."""
    if PG_BASE:
        out = subprocess.run(["psql", server.db, "-v", "ON_ERROR_STOP=1", "-qAt", "-F", "\t",
                              "-c", sql], capture_output=True, text=True, timeout=60,
                             check=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]
    with sqlite3.connect(server.db) as db:
        return [tuple(str(v) if v is not None else "" for v in row)
                for row in db.execute(sql).fetchall()]


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


@pytest.fixture(scope="module")
def accounts(srv):
    """Each demo role's token, user id, scope place and sub-district."""
    found = {}
    for role in sorted(ROUTES[0]["roles"] | {r for x in ROUTES for r in x["roles"]}):
        login = "demo-" + role.replace("_", "-")
        token = srv.login(login)
        me = srv.get("/api/v1/auth/me", token).json()["user"]
        found[role] = {"token": token, "user_id": me["id"],
                       "scope": (me.get("scope") or {}).get("id"),
                       "district": me.get("district_id")}
    return found


@pytest.fixture(scope="module")
def places(srv):
    """Each place's ancestor ids (itself included) and its sub-district."""
    rows = query(srv, "SELECT " + ", ".join(PLACE_COLUMNS) + " FROM places")
    return {int(r[0]): {"ancestors": {int(v) for v in r if v}, "district": int(r[1])}
            for r in rows}


@pytest.fixture(scope="module")
def other_district(srv):
    return int(query(srv, "SELECT id FROM places WHERE kind = 'subdistrict'"
                          " AND name = '盐渎街道'")[0][0])


@pytest.fixture(scope="module")
def anchored(srv, places):
    """kind -> [(record id, set of its places)], every record of each kind
    that hangs on some place (in one query a kind: places_sql correlated to
    each row)."""
    out = {}
    for kind, k in KINDS.items():
        if k["places_sql"] == "-":  # a rule of its own (an owner's, an admin's)
            out[kind] = []
            continue
        inner = k["places_sql"].replace("$1", "rec_.id")
        rows = query(srv, f"SELECT rec_.id, pl_.id FROM {k['table']} rec_"
                          f" JOIN places pl_ ON pl_.id IN ({inner}) ORDER BY rec_.id")
        found = {}
        for rid, place in rows:
            found.setdefault(int(rid), set()).add(int(place))
        out[kind] = sorted(found.items())
    return out


def inside(account, anchors, places):
    if account["scope"] is None:  # an installation admin: everywhere
        return bool(anchors)
    return any(account["scope"] in places[p]["ancestors"] for p in anchors)


def outside(anchors, places, other_district):
    return bool(anchors) and all(places[p]["district"] == other_district for p in anchors)


def call(srv, route, token, rid=None):
    path = route["path"].replace("{id}", str(rid if rid is not None else 1))
    kw = {}
    if route["method"] in ("POST", "PUT", "PATCH"):
        kw["json"] = {}
    return srv.request(route["method"], path, token, **kw)


def test_every_id_route_names_a_known_kind():
    for r in ROUTES:
        if "{id}" in r["path"]:
            assert r["record"] in KINDS, r


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r['method']} {r['path']}")
def test_route_answers_each_role_by_permission_and_scope(srv, accounts, places, anchored,
                                                         other_district, route):
    if route["path"] == "/api/v1/auth/logout":
        pytest.skip("ends the shared session of every role")
    checked = 0
    for role, account in accounts.items():
        token = account["token"]
        if route["perm"] != "public" and role not in route["roles"]:
            r = call(srv, route, token)
            assert r.status_code == 403, (role, route["path"], r.status_code, r.text[:200])
            checked += 1
            continue
        if not route["record"]:
            r = call(srv, route, token)
            assert r.status_code != 403 and r.status_code < 500, (role, r.status_code,
                                                                  r.text[:200])
            checked += 1
            continue
        records = anchored[route["record"]]
        if route["record"] == "user":  # an account is its owner's
            ins = [account["user_id"]] if route["method"] == "GET" or role == "admin" else []
        else:
            ins = [rid for rid, a in records if inside(account, a, places)][:1]
        outs = [] if account["scope"] is None else [
            rid for rid, a in records if outside(a, places, other_district)][:1]
        for rid in outs:
            r = call(srv, route, token, rid)
            assert r.status_code == 404, (role, route["path"], rid, r.status_code,
                                          r.text[:200])
            checked += 1
        for rid in ins:
            r = call(srv, route, token, rid)
            assert r.status_code not in (403, 404) and r.status_code < 500, (
                role, route["path"], rid, r.status_code, r.text[:200])
            checked += 1
        # No such record: the same 404 as one out of scope.
        r = call(srv, route, token, NO_SUCH_ID)
        assert r.status_code == 404, (role, route["path"], r.status_code, r.text[:200])
        checked += 1
    assert checked, route


def test_the_demo_has_records_on_both_sides(anchored, accounts, places, other_district):
    """Each kind has a record in the other sub-district, so the 404 side of
    the test above runs for it."""
    for kind, k in KINDS.items():
        if kind == "user" or k["places_sql"] == "-":
            continue
        assert any(outside(a, places, other_district) for _, a in anchored[kind]), kind
