"""Posts (grid leader, grid worker, micro-grid worker, building leader,
stairwell steward) and the coverage report against one micro-grid worker per
400-450 households (docs/domain.md GR-3)."""
import secrets

import pytest

from helpers import assert_field_error, assert_problem
from places_helpers import children, grid_place, place, srv  # noqa: F401


def uniq(prefix):
    return prefix + secrets.token_hex(3)


@pytest.fixture(scope="module")
def demo(srv):
    return {
        "julonghu": place(srv, "新都街道", "聚龙湖社区"),
        "ziwei": place(srv, "新都街道", "聚龙湖社区", "紫薇花园"),
        "ziwei_b1": place(srv, "新都街道", "聚龙湖社区", "紫薇花园", "1幢"),
        "ziwei_b1_e1": place(srv, "新都街道", "聚龙湖社区", "紫薇花园", "1幢", "1单元"),
        "grid1": place(srv, "新都街道", "聚龙湖社区", "第一网格"),
        "grid2": place(srv, "新都街道", "聚龙湖社区", "第二网格"),
        "micro1": grid_place(srv, "第一网格", "第一微网格"),
        "jiankang": place(srv, "盐渎街道", "健康社区"),
        "jiankang_grid": place(srv, "盐渎街道", "健康社区", "第一网格"),
    }


def staff(srv):
    return srv.token("demo-community-staff")


def posts(srv, token, query):
    r = srv.get("/api/v1/posts" + query, token)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def appoint(srv, token=None, **body):
    return srv.post("/api/v1/posts", token or staff(srv), json=body)


# ---- posts ----------------------------------------------------------------------

def test_demo_posts_and_one_person_holding_two(srv, demo):
    on_grid1 = posts(srv, staff(srv), f"?place_id={demo['grid1']['id']}")
    assert {(p["kind"], p["person_name"]) for p in on_grid1} == \
        {("grid_leader", "孙达"), ("grid_worker", "董甜")}
    worker = srv.get("/api/v1/auth/me", srv.token("demo-grid-worker")).json()["user"]
    mine = posts(srv, staff(srv), "?kind=micro_grid_worker")
    assert [(p["person_name"], p["place_id"], p["user_id"]) for p in mine] == \
        [("董甜", demo["micro1"]["id"], worker["id"])]
    held = [p for p in posts(srv, staff(srv), "") if p["user_id"] == worker["id"]]
    assert sorted(p["kind"] for p in held) == ["grid_worker", "micro_grid_worker"]
    leader = posts(srv, staff(srv), f"?place_id={demo['ziwei_b1']['id']}")
    assert [(p["kind"], p["person_name"], p["current"]) for p in leader] == \
        [("building_leader", "李宗元", True)]


def test_post_phones_are_masked_for_those_who_cannot_edit_posts(srv, demo):
    q = f"?place_id={demo['grid1']['id']}&kind=grid_leader"
    assert posts(srv, staff(srv), q)[0]["phone"] == "13805110005"
    assert posts(srv, srv.token("demo-resident"), q)[0]["phone"] == "138****0005"
    assert posts(srv, srv.token("demo-grid-worker"), q)[0]["phone"] == "138****0005"


def test_kind_must_fit_the_place(srv, demo):
    cases = [("grid_leader", demo["micro1"]), ("micro_grid_worker", demo["grid1"]),
             ("building_leader", demo["ziwei_b1_e1"]), ("stairwell_steward", demo["ziwei_b1"]),
             ("grid_worker", demo["ziwei"])]
    for kind, p in cases:
        r = appoint(srv, kind=kind, place_id=p["id"], person_name="王五")
        assert_field_error(r, "place_id", "invalid")
    r = appoint(srv, kind="mayor", place_id=demo["grid1"]["id"], person_name="王五")
    assert_field_error(r, "kind", "invalid")
    for kind, p in [("grid_leader", demo["grid2"]), ("micro_grid_worker", demo["micro1"]),
                    ("building_leader", demo["ziwei_b1"]), ("stairwell_steward", demo["ziwei_b1_e1"])]:
        r = appoint(srv, kind=kind, place_id=p["id"], person_name=uniq("王"), phone="13900002222",
                    started="2024-01-01")
        assert r.status_code == 201, r.text
        assert (r.json()["kind"], r.json()["place_kind"], r.json()["current"]) == (kind, p["kind"], True)


def test_post_validation_scope_and_roles(srv, demo):
    base = {"kind": "grid_worker", "place_id": demo["grid2"]["id"], "person_name": "王五"}
    assert_field_error(appoint(srv, **base, phone="123"), "phone", "invalid")
    assert_field_error(appoint(srv, **base, started="2024-13-01"), "started", "invalid")
    assert_field_error(appoint(srv, **base, started="2024-05-01", ended="2024-04-01"), "ended", "invalid")
    other = srv.get("/api/v1/auth/me", srv.token("demo2-community-staff")).json()["user"]
    assert_field_error(appoint(srv, **base, user_id=other["id"]), "user_id", "invalid")
    assert_field_error(appoint(srv, **{**base, "person_name": ""}), "person_name", "invalid")
    r = appoint(srv, kind="grid_worker", place_id=demo["jiankang_grid"]["id"], person_name="王五")
    assert_problem(r, 404, "not-found")
    for login in ("demo-grid-worker", "demo-grid-leader", "demo-inspector"):
        assert_problem(appoint(srv, srv.token(login), **base), 403, "forbidden")
    r = srv.get(f"/api/v1/posts?place_id={demo['jiankang_grid']['id']}", staff(srv))
    assert_problem(r, 404, "not-found")
    assert_field_error(srv.get("/api/v1/posts?kind=mayor", staff(srv)), "kind", "invalid")


def test_ending_a_post_keeps_it(srv, demo):
    r = appoint(srv, kind="grid_worker", place_id=demo["grid2"]["id"], person_name=uniq("赵"),
                started="2023-01-01")
    assert r.status_code == 201, r.text
    post = r.json()
    r = srv.patch(f"/api/v1/posts/{post['id']}", staff(srv), json={"ended": "2024-01-01"})
    assert r.status_code == 200, r.text
    assert (r.json()["ended"], r.json()["current"]) == ("2024-01-01", False)
    q = f"?place_id={demo['grid2']['id']}&kind=grid_worker"
    assert post["id"] in {p["id"] for p in posts(srv, staff(srv), q)}
    assert post["id"] not in {p["id"] for p in posts(srv, staff(srv), q + "&current=1")}
    r = srv.patch(f"/api/v1/posts/{post['id']}", staff(srv), json={"ended": "2022-12-31"})
    assert_field_error(r, "ended", "invalid")  # before it started
    r = srv.patch(f"/api/v1/posts/{post['id']}", staff(srv), json={"ended": "", "phone": "13900003333"})
    assert (r.json()["ended"], r.json()["current"], r.json()["phone"]) == (None, True, "13900003333")
    r = srv.patch(f"/api/v1/posts/{post['id']}", srv.token("demo2-community-staff"), json={"ended": "2024-01-01"})
    assert_problem(r, 404, "not-found")
    audit = srv.get("/api/v1/audit?limit=20", srv.admin()).json()["items"]
    ended = [a for a in audit if a["entity"] == "post" and a["entity_id"] == post["id"] and a["action"] == "update"]
    assert any(a["before"]["ended"] is None and a["after"]["ended"] == "2024-01-01" for a in ended)


# ---- coverage -------------------------------------------------------------------

def coverage(srv, token, query=""):
    r = srv.get("/api/v1/reports/coverage" + query, token)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rule"]["households_per_worker_min"] == 400
    assert body["rule"]["households_per_worker_max"] == 450
    return {g["name"]: g for g in body["items"]}


def test_coverage_of_the_demo(make_server):
    # a fresh demo: the other tests of this module add posts and places
    s = make_server()
    julonghu = place(s, "新都街道", "聚龙湖社区")
    grids = coverage(s, s.token("demo-community-staff"), f"?community_id={julonghu['id']}")
    assert set(grids) == {"第一网格", "第二网格", "第三网格"}
    g1 = grids["第一网格"]
    # 紫薇花园 1幢 (101, 102, 201, 202, 301, 401) and 2幢 (101) hold people (src/demo/demo.c),
    # and ten homes of 6幢 (the owners' vote of the votes demo)
    assert (g1["households"], g1["micro_grid_workers"], g1["households_per_worker"], g1["status"]) == \
        (17, 1, "17.0", "under")
    m1 = g1["micro_grids"]
    assert [(m["name"], m["households"], m["micro_grid_workers"], m["status"]) for m in m1] == \
        [("第一微网格", 7, 1, "under")]
    # 3幢 101 and 聚龙湖花园 1幢 101, 102; 老粮站小区 101, 102, 201: no micro-grid worker
    assert (grids["第二网格"]["households"], grids["第二网格"]["status"]) == (3, "unstaffed")
    assert (grids["第三网格"]["households"], grids["第三网格"]["status"]) == (3, "unstaffed")
    assert grids["第二网格"]["households_per_worker"] is None
    # the grid leader sees their grid only; the inspector all of the sub-district
    assert set(coverage(s, s.token("demo-grid-leader"))) == {"第一网格"}
    assert set(coverage(s, s.token("demo-inspector"))) == {"第一网格", "第二网格", "第三网格"}
    assert set(coverage(s, s.token("demo2-community-staff"))) == {"第一网格"}
    assert coverage(s, s.token("demo2-community-staff"))["第一网格"]["households"] == 1
    assert_problem(s.get("/api/v1/reports/coverage", s.token("demo-grid-worker")), 403, "forbidden")
    assert_problem(s.get(f"/api/v1/reports/coverage?community_id={julonghu['id']}",
                         s.token("demo2-community-staff")), 404, "not-found")


def add_household(srv, dwelling_id):
    r = srv.post("/api/v1/residents", staff(srv),
                 json={"name": uniq("住户"), "dwelling_id": dwelling_id, "relation": "owner"})
    assert r.status_code == 201, r.text
    return r.json()


def test_coverage_counts_households_and_current_workers(srv, demo):
    s = staff(srv)
    grid = srv.post("/api/v1/places", s, json={"kind": "grid", "name": uniq("网格"),
                                               "parent_id": demo["julonghu"]["id"]}).json()
    micro = srv.post("/api/v1/places", s, json={"kind": "micro_grid", "name": uniq("微网格"),
                                                "parent_id": grid["id"]}).json()
    b = srv.post(f"/api/v1/places/{demo['ziwei']['id']}/buildings", s,
                 json={"name": uniq("幢"), "grid_id": grid["id"], "micro_grid_id": micro["id"],
                       "entrances": 1, "floors": 2, "per_floor": 2})
    assert b.status_code == 201, b.text
    dwellings = children(srv, s, children(srv, s, b.json()["id"])[0]["id"])
    report = coverage(srv, s, f"?community_id={demo['julonghu']['id']}")
    assert (report[grid["name"]]["households"], report[grid["name"]]["status"]) == (0, "empty")
    for d in dwellings[:3]:
        add_household(srv, d["id"])
    add_household(srv, dwellings[0]["id"])  # a second person in one household
    g = coverage(srv, s)[grid["name"]]
    assert (g["households"], g["micro_grid_workers"], g["status"]) == (3, 0, "unstaffed")
    assert g["micro_grids"][0]["status"] == "unstaffed"
    # two posts of one person count once; an ended post not at all
    w = appoint(srv, kind="micro_grid_worker", place_id=micro["id"], person_name="钱七",
                phone="13900004444").json()
    appoint(srv, kind="micro_grid_worker", place_id=micro["id"], person_name="钱七", phone="13900004444")
    gone = appoint(srv, kind="micro_grid_worker", place_id=micro["id"], person_name="孙八",
                   started="2020-01-01").json()
    srv.patch(f"/api/v1/posts/{gone['id']}", s, json={"ended": "2021-01-01"})
    g = coverage(srv, s)[grid["name"]]
    assert (g["households"], g["micro_grid_workers"], g["households_per_worker"], g["status"]) == \
        (3, 1, "3.0", "under")
    m = g["micro_grids"][0]
    assert (m["name"], m["households"], m["micro_grid_workers"], m["status"]) == \
        (micro["name"], 3, 1, "under")
    # ending the last post leaves the grid unstaffed again
    srv.patch(f"/api/v1/posts/{w['id']}", s, json={"ended": "2000-01-02", "started": "2000-01-01"})
    g = coverage(srv, s)[grid["name"]]
    assert (g["micro_grid_workers"], g["status"]) == (1, "under")  # the second post remains
