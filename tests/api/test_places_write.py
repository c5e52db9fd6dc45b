"""Places write API: create under the right parent kind, buildings from a
pattern, PATCH (rename, code, area, move), grid history, elevation, and the
scope rules of every write."""
import secrets

import pytest

from helpers import assert_field_error, assert_problem
from places_helpers import child, children, grid_place, place, srv  # noqa: F401


def uniq(prefix):
    return prefix + secrets.token_hex(3)


@pytest.fixture(scope="module")
def demo(srv):
    return {
        "xindu": place(srv, "新都街道"),
        "julonghu": place(srv, "新都街道", "聚龙湖社区"),
        "ziwei": place(srv, "新都街道", "聚龙湖社区", "紫薇花园"),
        "ziwei_b1": place(srv, "新都街道", "聚龙湖社区", "紫薇花园", "1幢"),
        "laoliangzhan": place(srv, "新都街道", "聚龙湖社区", "老粮站小区"),
        "grid1": place(srv, "新都街道", "聚龙湖社区", "第一网格"),
        "grid2": place(srv, "新都街道", "聚龙湖社区", "第二网格"),
        "micro1": grid_place(srv, "第一网格", "第一微网格"),
        "yandu": place(srv, "盐渎街道"),
        "jiankang": place(srv, "盐渎街道", "健康社区"),
        "huimin": place(srv, "盐渎街道", "健康社区", "惠民小区"),
        "jiankang_grid": place(srv, "盐渎街道", "健康社区", "第一网格"),
    }


def staff(srv):
    return srv.token("demo-community-staff")


def create(srv, token, **body):
    return srv.post("/api/v1/places", token, json=body)


def new_building(srv, demo, grid, **pattern):
    body = {"name": uniq("幢"), "grid_id": grid["id"], "entrances": 1, "floors": 2, "per_floor": 2}
    body.update(pattern)
    r = srv.post(f"/api/v1/places/{demo['ziwei']['id']}/buildings", staff(srv), json=body)
    assert r.status_code == 201, r.text
    return r.json()


# ---- creating places ----------------------------------------------------------

def test_community_staff_creates_a_compound_in_their_community(srv, demo):
    name = uniq("新苑")
    r = create(srv, staff(srv), kind="compound", name=name, parent_id=demo["julonghu"]["id"])
    assert r.status_code == 201, r.text
    p = r.json()
    assert (p["kind"], p["name"], p["parent_id"]) == ("compound", name, demo["julonghu"]["id"])
    assert p["district_id"] == demo["xindu"]["id"]
    assert p["has_property_company"] is False
    assert r.headers["Location"] == f"/api/v1/places/{p['id']}"
    assert srv.get(f"/api/v1/places/{p['id']}", staff(srv)).json()["name"] == name
    # audited in the same transaction
    audit = srv.get("/api/v1/audit?limit=20", srv.admin()).json()["items"]
    assert any(a["entity"] == "place" and a["entity_id"] == p["id"] and a["action"] == "create"
               and a["after"]["name"] == name for a in audit)


def test_writes_outside_the_scope_answer_404(srv, demo):
    # 聚龙湖社区's staff cannot write into 盐渎街道 ...
    r = create(srv, staff(srv), kind="compound", name=uniq("x"), parent_id=demo["jiankang"]["id"])
    assert_problem(r, 404, "not-found")
    r = srv.post(f"/api/v1/places/{demo['huimin']['id']}/buildings", staff(srv),
                 json={"name": "9幢", "grid_id": demo["jiankang_grid"]["id"], "entrances": 1,
                       "floors": 1, "per_floor": 1})
    assert_problem(r, 404, "not-found")
    r = srv.patch(f"/api/v1/places/{demo['huimin']['id']}", staff(srv), json={"name": "改名"})
    assert_problem(r, 404, "not-found")
    # ... nor create a community under their sub-district (above their scope)
    r = create(srv, staff(srv), kind="community", name=uniq("社区"), parent_id=demo["xindu"]["id"])
    assert_problem(r, 404, "not-found")
    # and 盐渎街道's staff cannot touch 聚龙湖社区
    other = srv.token("demo2-community-staff")
    r = srv.patch(f"/api/v1/places/{demo['ziwei']['id']}", other, json={"name": "改名"})
    assert_problem(r, 404, "not-found")
    assert srv.get(f"/api/v1/places/{demo['ziwei']['id']}", srv.admin()).json()["name"] == "紫薇花园"


def test_subdistrict_officer_creates_a_community(srv, demo):
    officer = srv.token("demo-subdistrict-officer")
    r = create(srv, officer, kind="community", name=uniq("社区"), parent_id=demo["xindu"]["id"],
               code="320971001009")
    assert r.status_code == 201, r.text
    assert r.json()["code"] == "320971001009"
    r = create(srv, officer, kind="community", name=uniq("社区"), parent_id=demo["yandu"]["id"])
    assert_problem(r, 404, "not-found")


def test_only_the_installation_admin_creates_a_subdistrict(srv):
    r = create(srv, srv.token("demo-subdistrict-officer"), kind="subdistrict", name=uniq("街道"))
    assert_problem(r, 403, "forbidden")
    r = create(srv, srv.admin(), kind="subdistrict", name=uniq("街道"))
    assert r.status_code == 201, r.text
    assert r.json()["district_id"] == r.json()["id"]


@pytest.mark.parametrize("login", ["demo-grid-worker", "demo-grid-leader", "demo-inspector",
                                   "demo-resident", "demo-property-staff"])
def test_roles_without_place_write_get_403(srv, demo, login):
    token = srv.token(login)
    r = create(srv, token, kind="compound", name=uniq("x"), parent_id=demo["julonghu"]["id"])
    assert_problem(r, 403, "forbidden")
    r = srv.patch(f"/api/v1/places/{demo['ziwei_b1']['id']}", token, json={"name": "x"})
    assert_problem(r, 403, "forbidden")
    r = srv.post(f"/api/v1/places/{demo['ziwei']['id']}/buildings", token,
                 json={"name": "x", "grid_id": demo["grid1"]["id"], "entrances": 1, "floors": 1,
                       "per_floor": 1})
    assert_problem(r, 403, "forbidden")


def test_kind_tree_errors_in_chinese_and_english(srv, demo):
    # a building under a community
    r = create(srv, staff(srv), kind="building", name="9幢", parent_id=demo["julonghu"]["id"],
               grid_id=demo["grid1"]["id"])
    body = assert_field_error(r, "parent_id", "invalid")
    assert "上级" in body["errors"][0]["message"]
    r = srv.post("/api/v1/places", staff(srv), headers={"Accept-Language": "en"},
                 json={"kind": "dwelling", "name": "101", "parent_id": demo["ziwei_b1"]["id"]})
    body = assert_field_error(r, "parent_id", "invalid")
    assert "parent" in body["errors"][0]["message"]
    # a building without its grid, or with a grid of another sub-district
    r = create(srv, staff(srv), kind="building", name="9幢", parent_id=demo["ziwei"]["id"])
    assert_field_error(r, "grid_id", "invalid")
    r = create(srv, staff(srv), kind="building", name="9幢", parent_id=demo["ziwei"]["id"],
               grid_id=demo["jiankang_grid"]["id"])
    assert_field_error(r, "grid_id", "invalid")
    r = create(srv, staff(srv), kind="tower", name="9幢", parent_id=demo["ziwei"]["id"])
    assert_field_error(r, "kind", "invalid")
    r = create(srv, staff(srv), kind="compound", name="x")
    assert_field_error(r, "parent_id", "required")
    r = create(srv, staff(srv), kind="compound", name="x", parent_id=demo["julonghu"]["id"],
               area_m2="10")
    assert_field_error(r, "area_m2", "invalid")
    r = create(srv, staff(srv), kind="grid", name=uniq("网格"), parent_id=demo["julonghu"]["id"],
               grid_type="special")
    assert_field_error(r, "grid_type", "invalid")
    # nothing was created by any of these
    names = {p["name"] for p in children(srv, staff(srv), demo["ziwei"]["id"])}
    assert "9幢" not in names


def test_grid_codes(srv, demo):
    ok = create(srv, staff(srv), kind="grid", name=uniq("网格"), parent_id=demo["julonghu"]["id"],
                code="32097100100101000001", grid_type="comprehensive")
    assert ok.status_code == 201, ok.text
    assert (ok.json()["code"], ok.json()["grid_type"]) == ("32097100100101000001", "comprehensive")
    local = create(srv, staff(srv), kind="micro_grid", name=uniq("微网格"), parent_id=ok.json()["id"],
                   code="WG-01-A")
    assert local.status_code == 201, local.text
    for bad in ["320971001001010000011", "02097100100101000001", "WG 01", "网格一"]:
        r = create(srv, staff(srv), kind="grid", name=uniq("网格"), parent_id=demo["julonghu"]["id"],
                   code=bad)
        assert_field_error(r, "code", "invalid" if len(bad) <= 32 else "too-long")
    r = srv.patch(f"/api/v1/places/{ok.json()['id']}", staff(srv), json={"code": "1" * 21})
    assert_field_error(r, "code", "invalid")


def test_duplicate_name_is_a_conflict(srv, demo):
    r = create(srv, staff(srv), kind="building", name="1幢", parent_id=demo["ziwei"]["id"],
               grid_id=demo["grid1"]["id"])
    assert_problem(r, 409, "conflict")


# ---- buildings from a pattern ---------------------------------------------------

def test_building_pattern_2x6x2(srv, demo):
    b = new_building(srv, demo, demo["grid1"], entrances=2, floors=6, per_floor=2, area_m2="89.57",
                     micro_grid_id=demo["micro1"]["id"])
    assert b["kind"] == "building" and b["dwellings_created"] == 24
    assert (b["grid_id"], b["micro_grid_id"]) == (demo["grid1"]["id"], demo["micro1"]["id"])
    entrances = children(srv, staff(srv), b["id"])
    assert [e["name"] for e in entrances] == ["1单元", "2单元"]
    rooms = []
    for e in entrances:
        ds = children(srv, staff(srv), e["id"])
        assert all(d["kind"] == "dwelling" and d["area_m2"] == "89.57" for d in ds)
        assert all(d["grid_id"] == demo["grid1"]["id"] for d in ds)
        rooms.append(sorted(int(d["name"]) for d in ds))
        assert {d["floor"] for d in ds} == set(range(1, 7))
    expected = sorted(f * 100 + n for f in range(1, 7) for n in (1, 2))
    assert rooms == [expected, expected]


def test_building_pattern_tall_and_bounds(srv, demo):
    b = new_building(srv, demo, demo["grid2"], entrances=1, floors=18, per_floor=2)
    assert b["dwellings_created"] == 36
    e = children(srv, staff(srv), b["id"])[0]
    names = {d["name"] for d in children(srv, staff(srv), e["id"])}
    assert {"101", "1801", "1802"} <= names and "1803" not in names
    url = f"/api/v1/places/{demo['ziwei']['id']}/buildings"
    base = {"name": uniq("幢"), "grid_id": demo["grid1"]["id"], "entrances": 1, "floors": 1,
            "per_floor": 1}
    for field, value in [("entrances", 0), ("entrances", 21), ("floors", 100), ("per_floor", 21)]:
        r = srv.post(url, staff(srv), json={**base, field: value})
        assert_field_error(r, field, "invalid")
    r = srv.post(url, staff(srv), json={**base, "entrances": 20, "floors": 99, "per_floor": 20})
    assert_field_error(r, "floors", "invalid")  # over 2000 dwellings
    r = srv.post(url, staff(srv), json={**base, "area_m2": "89.571234"})
    assert_field_error(r, "area_m2", "invalid")
    r = srv.post(url, staff(srv), json={k: v for k, v in base.items() if k != "grid_id"})
    assert_field_error(r, "grid_id", "required")
    # {id} must be a compound
    r = srv.post(f"/api/v1/places/{demo['julonghu']['id']}/buildings", staff(srv), json=base)
    assert_problem(r, 404, "not-found")


# ---- PATCH ----------------------------------------------------------------------

def test_patch_dwelling_area_and_names(srv, demo):
    b = new_building(srv, demo, demo["grid1"])
    e = children(srv, staff(srv), b["id"])[0]
    d = [x for x in children(srv, staff(srv), e["id"]) if x["name"] == "101"][0]
    assert d["area_m2"] is None
    r = srv.patch(f"/api/v1/places/{d['id']}", staff(srv), json={"area_m2": "89.57"})
    assert r.status_code == 200, r.text
    assert r.json()["area_m2"] == "89.57"
    r = srv.patch(f"/api/v1/places/{d['id']}", staff(srv), json={"area_m2": "120.5"})
    assert r.json()["area_m2"] == "120.50"
    for bad in ["89.5x", "-1", "1e3", "89.57891"]:
        r = srv.patch(f"/api/v1/places/{d['id']}", staff(srv), json={"area_m2": bad})
        assert_field_error(r, "area_m2", "invalid")
    r = srv.patch(f"/api/v1/places/{d['id']}", staff(srv), json={"area_m2": ""})
    assert r.json()["area_m2"] is None
    r = srv.patch(f"/api/v1/places/{b['id']}", staff(srv), json={"area_m2": "10"})
    assert_field_error(r, "area_m2", "invalid")
    new = uniq("幢")
    r = srv.patch(f"/api/v1/places/{b['id']}", staff(srv), json={"name": new, "code": "B-7"})
    assert r.status_code == 200 and (r.json()["name"], r.json()["code"]) == (new, "B-7"), r.text
    r = srv.patch(f"/api/v1/places/{b['id']}", staff(srv), json={"name": "1幢"})
    assert_problem(r, 409, "conflict")
    r = srv.patch(f"/api/v1/places/{d['id']}", staff(srv), json={"grid_id": demo["grid2"]["id"]})
    assert_field_error(r, "grid_id", "invalid")  # only buildings move
    audit = srv.get("/api/v1/audit?limit=30", srv.admin()).json()["items"]
    renamed = [a for a in audit if a["entity_id"] == b["id"] and a["action"] == "update"]
    assert renamed and renamed[-1]["after"]["name"] == new and renamed[-1]["before"]["name"] != new


def test_moving_a_building_keeps_history_and_moves_visibility(srv, demo):
    worker1 = srv.token("demo-grid-worker")  # 第一网格
    worker2_user, pw = srv.create_user(role="grid_worker", scope_id=demo["grid2"]["id"])
    worker2 = srv.login(worker2_user["login"], pw)
    b = new_building(srv, demo, demo["grid1"], micro_grid_id=demo["micro1"]["id"])
    dwelling = children(srv, staff(srv), children(srv, staff(srv), b["id"])[0]["id"])[0]
    for pid in (b["id"], dwelling["id"]):
        assert srv.get(f"/api/v1/places/{pid}", worker1).status_code == 200
        assert_problem(srv.get(f"/api/v1/places/{pid}", worker2), 404, "not-found")

    r = srv.patch(f"/api/v1/places/{b['id']}", staff(srv), json={"grid_id": demo["grid2"]["id"]})
    assert r.status_code == 200, r.text
    assert (r.json()["grid_id"], r.json()["micro_grid_id"]) == (demo["grid2"]["id"], None)
    for pid in (b["id"], dwelling["id"]):
        assert_problem(srv.get(f"/api/v1/places/{pid}", worker1), 404, "not-found")
        assert srv.get(f"/api/v1/places/{pid}", worker2).status_code == 200
    assert b["id"] in {p["id"] for p in children(srv, worker2, demo["grid2"]["id"])}
    assert b["id"] not in {p["id"] for p in children(srv, staff(srv), demo["grid1"]["id"])}

    h = srv.get(f"/api/v1/places/{b['id']}/grid-history", worker2)
    assert h.status_code == 200, h.text
    items = h.json()["items"]
    assert [(i["grid_name"], i["micro_grid_id"]) for i in items] == \
        [("第一网格", demo["micro1"]["id"]), ("第二网格", None)]
    assert items[0]["ended_at"] is not None and items[1]["ended_at"] is None
    me = srv.get("/api/v1/auth/me", staff(srv)).json()["user"]
    assert items[1]["changed_by"] == me["id"]

    # a micro-grid of another grid, a grid of another community: refused, nothing changes
    r = srv.patch(f"/api/v1/places/{b['id']}", staff(srv), json={"micro_grid_id": demo["micro1"]["id"]})
    assert_field_error(r, "micro_grid_id", "invalid")
    r = srv.patch(f"/api/v1/places/{b['id']}", staff(srv), json={"grid_id": demo["jiankang_grid"]["id"]})
    assert_field_error(r, "grid_id", "invalid")
    # back into 第一网格 with its micro-grid
    r = srv.patch(f"/api/v1/places/{b['id']}", staff(srv),
                  json={"grid_id": demo["grid1"]["id"], "micro_grid_id": demo["micro1"]["id"]})
    assert r.status_code == 200 and r.json()["micro_grid_id"] == demo["micro1"]["id"], r.text
    assert len(srv.get(f"/api/v1/places/{b['id']}/grid-history", worker1).json()["items"]) == 3
    assert_problem(srv.get(f"/api/v1/places/{b['id']}/grid-history", worker2), 404, "not-found")
    assert_problem(srv.get(f"/api/v1/places/{demo['ziwei']['id']}/grid-history", staff(srv)),
                   404, "not-found")


def test_compounds_say_whether_they_have_a_property_company(srv, demo):
    assert srv.get(f"/api/v1/places/{demo['ziwei']['id']}", staff(srv)).json()["has_property_company"] is True
    assert demo["laoliangzhan"]["has_property_company"] is False
    kinds = {p["name"]: p.get("has_property_company") for p in children(srv, staff(srv), demo["julonghu"]["id"])}
    assert kinds["紫薇花园"] is True and kinds["康欣花园"] is True and kinds["老粮站小区"] is False
    assert kinds["第一网格"] is None  # only compounds carry it


# ---- elevation ------------------------------------------------------------------

def test_elevation_of_a_generated_building(srv, demo):
    b = new_building(srv, demo, demo["grid1"], entrances=2, floors=3, per_floor=2, area_m2="75.5")
    r = srv.get(f"/api/v1/places/{b['id']}/elevation", staff(srv))
    assert r.status_code == 200, r.text
    ev = r.json()
    assert ev["building"]["id"] == b["id"]
    assert [e["name"] for e in ev["entrances"]] == ["1单元", "2单元"]
    for e in ev["entrances"]:
        assert [f["floor"] for f in e["floors"]] == [3, 2, 1]  # top floor first
        assert [[d["name"] for d in f["dwellings"]] for f in e["floors"]] == \
            [["301", "302"], ["201", "202"], ["101", "102"]]
        assert all(d["residents"] == 0 and d["area_m2"] == "75.50" and d["tags"] == []
                   for f in e["floors"] for d in f["dwellings"])


def test_elevation_counts_residents_and_shows_tags_by_role(srv, demo):
    b1 = demo["ziwei_b1"]
    r = srv.get(f"/api/v1/places/{b1['id']}/elevation", staff(srv))
    assert r.status_code == 200, r.text
    dwellings = {d["name"]: d for e in r.json()["entrances"] for f in e["floors"] for d in f["dwellings"]}
    # the demo households of 紫薇花园 1幢 (src/demo/demo.c)
    assert dwellings["101"]["residents"] == 3
    assert dwellings["202"]["residents"] == 1  # the earlier tenant moved out
    assert dwellings["102"]["tags"] == ["aged_80_plus", "living_alone"]
    assert dwellings["301"]["tags"] == ["disabled"]  # sensitive: staff may see it
    # the party member of 1幢 sees the building, but neither counts nor tags
    # (PIPL art. 6; tests/api/test_privacy_outside_units.py)
    r = srv.get(f"/api/v1/places/{b1['id']}/elevation", srv.token("demo-party-member"))
    assert r.status_code == 200, r.text
    pm = {d["name"]: d for e in r.json()["entrances"] for f in e["floors"] for d in f["dwellings"]}
    assert "residents" not in pm["101"] and "tags" not in pm["101"]
    # a building leader reads residents, but not sensitive tags
    r = srv.get(f"/api/v1/places/{b1['id']}/elevation", srv.token("demo-building-leader"))
    bl = {d["name"]: d for e in r.json()["entrances"] for f in e["floors"] for d in f["dwellings"]}
    assert bl["102"]["tags"] == ["aged_80_plus", "living_alone"]
    assert bl["301"]["tags"] == []
    # outside the scope: 404
    assert_problem(srv.get(f"/api/v1/places/{b1['id']}/elevation", srv.token("demo2-community-staff")),
                   404, "not-found")
    assert_problem(srv.get(f"/api/v1/places/{demo['ziwei']['id']}/elevation", staff(srv)), 404, "not-found")


def test_elevation_logs_sensitive_tag_reads(srv, demo):
    before = srv.get("/api/v1/audit/sensitive-reads?limit=200", srv.admin())
    if before.status_code == 404:
        pytest.skip("no sensitive-reads route in this build")
    n = len(before.json()["items"])
    srv.get(f"/api/v1/places/{demo['ziwei_b1']['id']}/elevation", staff(srv))
    after = srv.get("/api/v1/audit/sensitive-reads?limit=200", srv.admin()).json()["items"]
    assert len(after) > n
    assert any("sensitive_tags" in (x.get("fields") or "") for x in after)
