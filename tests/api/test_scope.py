"""Places and data scope: a caller never sees places outside its scope."""
import pytest

from helpers import assert_problem

PLACE_KEYS = {"id", "kind", "name", "parent_id", "grid_id", "code", "district_id"}
KINDS = {"subdistrict", "community", "compound", "zone", "grid", "micro_grid", "building", "entrance",
         "dwelling"}
MAX_PLACES = 1500


def walk(server, token):
    """Breadth-first walk of what `token` can list: {id: place}, roots."""
    r = server.get("/api/v1/places", token)
    assert r.status_code == 200, r.text
    roots = r.json()["items"]
    seen, queue = {}, list(roots)
    while queue and len(seen) < MAX_PLACES:
        p = queue.pop(0)
        if p["id"] in seen:
            continue
        seen[p["id"]] = p
        if p["kind"] == "dwelling":
            continue
        r = server.get(f"/api/v1/places?parent_id={p['id']}", token)
        assert r.status_code == 200, f"children of visible place {p['id']}: {r.status_code} {r.text}"
        for c in r.json()["items"]:
            # A grid's "children" include its buildings (building.grid_id), a zone's
            # the compounds it groups (compound.zone_id), not only parent_id rows.
            assert (c["parent_id"] == p["id"]
                    or (p["kind"] == "grid" and c["grid_id"] == p["id"])
                    or (p["kind"] == "micro_grid" and c["micro_grid_id"] == p["id"])
                    or (p["kind"] == "zone" and c["zone_id"] == p["id"])), \
                f"child {c} of {p['id']} has another parent"
            queue.append(c)
    return seen, roots


@pytest.fixture(scope="module")
def tree(server):
    places, roots = walk(server, server.admin())
    return places, roots


@pytest.fixture(scope="module")
def worker(server):
    token = server.token("demo-grid-worker")
    me = server.get("/api/v1/auth/me", token).json()["user"]
    assert me["scope"] and me["scope"]["kind"] == "grid", f"grid worker scope {me['scope']}"
    return token, me


def ancestors(places, pid):
    out = []
    while pid is not None and pid in places:
        out.append(pid)
        pid = places[pid]["parent_id"]
    return out


def other_subdistrict(tree, district_id):
    places, roots = tree
    others = [p for p in roots if p["kind"] == "subdistrict" and p["id"] != district_id]
    assert others, f"demo has no second sub-district: roots {roots}"
    return others[0]


def outside_of_grid(tree, me):
    """Ids the grid worker must not see."""
    places, _ = tree
    grid = me["scope"]["id"]
    bad_roots = {p["id"] for p in places.values()
                 if (p["kind"] == "subdistrict" and p["id"] != me["district_id"])
                 or (p["kind"] == "grid" and p["id"] != grid)
                 or (p["kind"] == "building" and p["grid_id"] is not None and p["grid_id"] != grid)}
    return {pid for pid in places if bad_roots & set(ancestors(places, pid))}


def test_place_shape(tree):
    places, roots = tree
    assert roots and len(places) > 10
    for p in places.values():
        assert PLACE_KEYS <= set(p), p
        assert p["kind"] in KINDS, p
        assert isinstance(p["name"], str) and p["name"]
    for p in roots:
        assert p["kind"] == "subdistrict" and p["parent_id"] is None
    assert {p["kind"] for p in places.values()} >= {"subdistrict", "community", "compound", "grid", "building"}


def test_demo_has_named_places(tree):
    names = {p["name"] for p in tree[0].values()}
    for n in ("新都街道", "聚龙湖社区", "紫薇花园", "老粮站小区"):
        assert n in names, f"{n} missing from demo"


def test_admin_reads_every_place(server, tree):
    for pid in list(tree[0])[:200]:
        assert server.get(f"/api/v1/places/{pid}", server.admin()).status_code == 200


def test_grid_worker_root_is_own_grid(server, worker):
    token, me = worker
    items = server.get("/api/v1/places", token).json()["items"]
    assert [p["id"] for p in items] == [me["scope"]["id"]], items


def test_grid_worker_cannot_read_other_subdistrict(server, tree, worker):
    token, me = worker
    other = other_subdistrict(tree, me["district_id"])
    assert_problem(server.get(f"/api/v1/places/{other['id']}", token), 404, "not-found")
    communities = [p for p in tree[0].values() if p["parent_id"] == other["id"] and p["kind"] == "community"]
    assert communities, "second sub-district has no community"
    for c in communities:
        assert_problem(server.get(f"/api/v1/places/{c['id']}", token), 404, "not-found")
        r = server.get(f"/api/v1/places?parent_id={c['id']}", token)
        assert r.status_code == 404 or (r.status_code == 200 and r.json()["items"] == []), r.text


def test_grid_worker_cannot_read_places_outside_its_grid(server, tree, worker):
    token, me = worker
    outside = outside_of_grid(tree, me)
    same_district_outside = [pid for pid in outside if tree[0][pid]["district_id"] == me["district_id"]]
    assert same_district_outside, "demo has no place outside the worker's grid in its own district"
    leaked = [pid for pid in sorted(outside)[:300]
              if server.get(f"/api/v1/places/{pid}", token).status_code != 404]
    assert not leaked, f"outside places readable: {[tree[0][i] for i in leaked[:5]]}"


def test_grid_worker_lists_only_in_scope_places(server, tree, worker):
    token, me = worker
    seen, _ = walk(server, token)
    outside = outside_of_grid(tree, me)
    leaked = [p for pid, p in seen.items() if pid in outside]
    assert not leaked, f"lists show outside places: {leaked[:5]}"
    assert all(p["district_id"] == me["district_id"] for p in seen.values())


def test_community_staff_sees_own_community_not_the_other(server, tree):
    token = server.token("demo-community-staff")
    me = server.get("/api/v1/auth/me", token).json()["user"]
    assert me["scope"]["kind"] == "community", me
    seen, roots = walk(server, token)
    assert me["scope"]["id"] in [p["id"] for p in roots]
    other = other_subdistrict(tree, me["district_id"])
    assert all(other["id"] not in ancestors(tree[0], pid) for pid in seen), "other sub-district leaked"
    assert_problem(server.get(f"/api/v1/places/{other['id']}", token), 404, "not-found")


def test_other_community_staff_cannot_see_first_district(server, tree):
    others = [n for n in server.passwords if not n.startswith("demo-")]
    if not others:
        pytest.skip("demo prints no user of the second sub-district")
    token = server.token(others[0])
    me = server.get("/api/v1/auth/me", token).json()["user"]
    seen, _ = walk(server, token)
    assert all(p["district_id"] == me["district_id"] for p in seen.values())
    first = [p for p in tree[1] if p["id"] != me["district_id"]]
    for p in first:
        assert_problem(server.get(f"/api/v1/places/{p['id']}", token), 404, "not-found")


def test_unknown_parent_gives_nothing(server):
    r = server.get("/api/v1/places?parent_id=987654321", server.admin())
    assert r.status_code == 404 or (r.status_code == 200 and r.json()["items"] == []), r.text


def test_scope_enforced_on_users(server, tree):
    """A sub-district officer of one district cannot be used to read users of another."""
    token = server.token("demo-subdistrict-officer")
    assert_problem(server.get("/api/v1/users", token), 403, "forbidden")
