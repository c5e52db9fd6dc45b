"""Organizations (property companies and the compounds they serve, owners'
committees, alliance units), the party tree and party members' public cards."""
import secrets

import pytest

from helpers import assert_field_error, assert_problem
from places_helpers import place, srv  # noqa: F401


def uniq(prefix):
    return prefix + secrets.token_hex(3)


@pytest.fixture(scope="module")
def demo(srv):
    return {
        "xindu": place(srv, "新都街道"),
        "julonghu": place(srv, "新都街道", "聚龙湖社区"),
        "ziwei": place(srv, "新都街道", "聚龙湖社区", "紫薇花园"),
        "ziwei_b1": place(srv, "新都街道", "聚龙湖社区", "紫薇花园", "1幢"),
        "kangxin": place(srv, "新都街道", "聚龙湖社区", "康欣花园"),
        "grid1": place(srv, "新都街道", "聚龙湖社区", "第一网格"),
        "jiankang": place(srv, "盐渎街道", "健康社区"),
        "huimin": place(srv, "盐渎街道", "健康社区", "惠民小区"),
        "huimin_b1": place(srv, "盐渎街道", "健康社区", "惠民小区", "1幢"),
    }


def staff(srv):
    return srv.token("demo-community-staff")


def orgs(srv, token, query=""):
    r = srv.get("/api/v1/organizations" + query, token)
    assert r.status_code == 200, r.text
    return {o["name"]: o for o in r.json()["items"]}


def new_compound(srv, demo):
    r = srv.post("/api/v1/places", staff(srv),
                 json={"kind": "compound", "name": uniq("小区"), "parent_id": demo["julonghu"]["id"]})
    assert r.status_code == 201, r.text
    return r.json()


# ---- organizations --------------------------------------------------------------

def test_demo_organizations(srv, demo):
    # public inside the sub-district: even a resident reads them
    found = orgs(srv, srv.token("demo-resident"))
    ziwei = found["紫薇物业服务有限公司"]
    assert ziwei["kind"] == "property_company"
    assert [(c["name"], c["started"], c["ended"], c["current"]) for c in ziwei["compounds"]] == \
        [("紫薇花园", "2020-07-01", None, True)]
    assert ziwei["contact_phone"] == "13805110003"
    assert [c["name"] for c in found["东方物业管理有限公司"]["compounds"]] == ["康欣花园"]
    assert found["紫薇花园业主委员会"]["kind"] == "owners_committee"
    units = orgs(srv, staff(srv), "?kind=alliance_unit")
    assert {"盐南医院", "新都派出所", "新都农商银行"} <= set(units)
    assert all(o["kind"] == "alliance_unit" and o["offers"] for o in units.values())
    # another sub-district sees none of them
    assert "紫薇物业服务有限公司" not in orgs(srv, srv.token("demo2-community-staff"))
    r = srv.get("/api/v1/organizations?kind=bank", staff(srv))
    assert_field_error(r, "kind", "invalid")


def test_create_and_patch_an_alliance_unit(srv, demo):
    name = uniq("供电公司")
    r = srv.post("/api/v1/organizations", staff(srv),
                 json={"kind": "alliance_unit", "name": name, "contact_name": "钱工",
                       "contact_phone": "13900001111", "offers": "用电安全检查"})
    assert r.status_code == 201, r.text
    o = r.json()
    assert o["place_id"] == demo["julonghu"]["id"]  # the caller's scope by default
    assert (o["offers"], o["contact_phone"], o["compounds"]) == ("用电安全检查", "13900001111", [])
    r = srv.patch(f"/api/v1/organizations/{o['id']}", staff(srv),
                  json={"offers": "用电安全检查、线路改造", "contact_phone": ""})
    assert r.status_code == 200, r.text
    assert (r.json()["offers"], r.json()["contact_phone"]) == ("用电安全检查、线路改造", None)
    r = srv.patch(f"/api/v1/organizations/{o['id']}", staff(srv), json={"contact_phone": "12345"})
    assert_field_error(r, "contact_phone", "invalid")
    r = srv.post("/api/v1/organizations", staff(srv), json={"kind": "alliance_unit", "name": name})
    assert_problem(r, 409, "conflict")
    r = srv.post("/api/v1/organizations", staff(srv), json={"kind": "club", "name": uniq("x")})
    assert_field_error(r, "kind", "invalid")
    r = srv.post("/api/v1/organizations", staff(srv),
                 json={"kind": "social_org", "name": uniq("x"), "place_id": demo["grid1"]["id"]})
    assert_field_error(r, "place_id", "invalid")
    audit = srv.get("/api/v1/audit?limit=20", srv.admin()).json()["items"]
    assert any(a["entity"] == "organization" and a["entity_id"] == o["id"] and a["action"] == "update"
               for a in audit)


def test_organization_scope_and_roles(srv, demo):
    r = srv.post("/api/v1/organizations", staff(srv),
                 json={"kind": "social_org", "name": uniq("x"), "place_id": demo["jiankang"]["id"]})
    assert_problem(r, 404, "not-found")
    theirs = srv.post("/api/v1/organizations", srv.token("demo2-community-staff"),
                      json={"kind": "social_org", "name": uniq("健康志愿队")})
    assert theirs.status_code == 201, theirs.text
    r = srv.patch(f"/api/v1/organizations/{theirs.json()['id']}", staff(srv), json={"name": "x"})
    assert_problem(r, 404, "not-found")
    for login in ("demo-grid-worker", "demo-inspector", "demo-property-staff"):
        r = srv.post("/api/v1/organizations", srv.token(login),
                     json={"kind": "social_org", "name": uniq("x")})
        assert_problem(r, 403, "forbidden")


def test_property_company_serves_compounds_with_dates(srv, demo):
    compound = new_compound(srv, demo)
    assert compound["has_property_company"] is False  # a 无物管小区
    first = srv.post("/api/v1/organizations", staff(srv),
                     json={"kind": "property_company", "name": uniq("物业甲")}).json()
    second = srv.post("/api/v1/organizations", staff(srv),
                      json={"kind": "property_company", "name": uniq("物业乙")}).json()
    url = f"/api/v1/organizations/{first['id']}/compounds"
    r = srv.post(url, staff(srv), json={"compound_id": compound["id"], "started": "2021-01-01"})
    assert r.status_code == 201, r.text
    link = r.json()["compounds"][0]
    assert (link["compound_id"], link["current"]) == (compound["id"], True)
    assert srv.get(f"/api/v1/places/{compound['id']}", staff(srv)).json()["has_property_company"] is True
    # one property company at a time
    r = srv.post(f"/api/v1/organizations/{second['id']}/compounds", staff(srv),
                 json={"compound_id": compound["id"], "started": "2023-07-01"})
    assert_problem(r, 409, "conflict")
    # the first ends on 2023-07-01, then the second starts that day
    r = srv.patch(f"/api/v1/org-compounds/{link['id']}", staff(srv), json={"ended": "2023-07-01"})
    assert r.status_code == 200, r.text
    assert r.json()["compounds"][0]["current"] is False
    assert srv.get(f"/api/v1/places/{compound['id']}", staff(srv)).json()["has_property_company"] is False
    r = srv.post(f"/api/v1/organizations/{second['id']}/compounds", staff(srv),
                 json={"compound_id": compound["id"], "started": "2023-07-01"})
    assert r.status_code == 201, r.text
    assert srv.get(f"/api/v1/places/{compound['id']}", staff(srv)).json()["has_property_company"] is True
    # the history stays with the first company
    assert orgs(srv, staff(srv))[first["name"]]["compounds"][0]["ended"] == "2023-07-01"
    # reopening the first would overlap the second
    r = srv.patch(f"/api/v1/org-compounds/{link['id']}", staff(srv), json={"ended": ""})
    assert_problem(r, 409, "conflict")
    r = srv.post(url, staff(srv), json={"compound_id": compound["id"], "started": "2024-01-01",
                                        "ended": "2023-01-01"})
    assert_field_error(r, "ended", "invalid")
    r = srv.post(url, staff(srv), json={"compound_id": compound["id"], "started": "2024-02-30"})
    assert_field_error(r, "started", "invalid")
    r = srv.post(url, staff(srv), json={"compound_id": demo["grid1"]["id"]})
    assert_field_error(r, "compound_id", "invalid")
    r = srv.post(url, staff(srv), json={"compound_id": demo["huimin"]["id"]})
    assert_problem(r, 404, "not-found")
    unit = srv.post("/api/v1/organizations", staff(srv),
                    json={"kind": "alliance_unit", "name": uniq("x")}).json()
    r = srv.post(f"/api/v1/organizations/{unit['id']}/compounds", staff(srv),
                 json={"compound_id": compound["id"]})
    assert_field_error(r, "organization", "invalid")


# ---- the party tree -------------------------------------------------------------

def tree(srv, token):
    r = srv.get("/api/v1/party-orgs", token)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_demo_party_tree_is_nested(srv, demo):
    roots = tree(srv, srv.token("demo-resident"))
    committee = [r for r in roots if r["name"] == "聚龙湖社区党委"]
    assert len(committee) == 1
    chain, node = [], committee[0]
    while node:
        chain.append((node["level"], node["name"]))
        node = node["children"][0] if node["children"] else None
    assert chain == [("community_committee", "聚龙湖社区党委"), ("command_room", "红色物业指挥室"),
                     ("grid_branch", "第一网格党支部"), ("building_group", "1幢党小组"),
                     ("central_household", "缪蓉党员中心户")]
    assert committee[0]["place_id"] == demo["julonghu"]["id"]
    assert not [r for r in tree(srv, srv.token("demo2-community-staff")) if r["name"] == "聚龙湖社区党委"]


def find(nodes, name):
    for n in nodes:
        if n["name"] == name:
            return n
        hit = find(n["children"], name)
        if hit:
            return hit
    return None


def test_party_tree_levels(srv, demo):
    committee = find(tree(srv, staff(srv)), "聚龙湖社区党委")
    post = lambda body: srv.post("/api/v1/party-orgs", staff(srv), json=body)  # noqa: E731
    # four levels: the command room may be skipped
    branch = post({"level": "grid_branch", "name": uniq("网格党支部"), "parent_id": committee["id"],
                   "place_id": demo["grid1"]["id"]})
    assert branch.status_code == 201, branch.text
    group = post({"level": "building_group", "name": uniq("党小组"), "parent_id": branch.json()["id"],
                  "place_id": demo["ziwei_b1"]["id"]})
    assert group.status_code == 201, group.text
    assert find(tree(srv, staff(srv)), branch.json()["name"])["children"][0]["id"] == group.json()["id"]
    # a parent's level must come before the child's
    r = post({"level": "grid_branch", "name": uniq("x"), "parent_id": group.json()["id"]})
    assert_field_error(r, "level", "invalid")
    r = post({"level": "command_room", "name": uniq("x"), "parent_id": branch.json()["id"]})
    assert_field_error(r, "level", "invalid")
    # a tree starts at a committee naming its community
    r = post({"level": "grid_branch", "name": uniq("x"), "place_id": demo["grid1"]["id"]})
    assert_field_error(r, "level", "invalid")
    r = post({"level": "community_committee", "name": uniq("x")})
    assert_field_error(r, "place_id", "invalid")
    r = post({"level": "building_group", "name": uniq("x"), "parent_id": branch.json()["id"],
              "place_id": demo["grid1"]["id"]})
    assert_field_error(r, "place_id", "invalid")
    r = post({"level": "cell", "name": uniq("x"), "parent_id": committee["id"]})
    assert_field_error(r, "level", "invalid")
    r = post({"level": "grid_branch", "name": branch.json()["name"], "parent_id": committee["id"]})
    assert_problem(r, 409, "conflict")
    # other sub-district, other roles
    r = post({"level": "community_committee", "name": uniq("x"), "place_id": demo["jiankang"]["id"]})
    assert_problem(r, 404, "not-found")
    r = srv.post("/api/v1/party-orgs", srv.token("demo2-community-staff"),
                 json={"level": "grid_branch", "name": uniq("x"), "parent_id": committee["id"]})
    assert_problem(r, 404, "not-found")
    r = srv.post("/api/v1/party-orgs", srv.token("demo-party-member"),
                 json={"level": "grid_branch", "name": uniq("x"), "parent_id": committee["id"]})
    assert_problem(r, 403, "forbidden")


# ---- party cards (亮身份) -------------------------------------------------------

def test_party_cards_show_the_published_phone(srv, demo):
    b1 = demo["ziwei_b1"]["id"]
    for login in ("demo-resident", "demo-grid-worker", "demo-community-staff"):
        r = srv.get(f"/api/v1/party-cards?building_id={b1}", srv.token(login))
        assert r.status_code == 200, r.text
        cards = {c["name"]: c for c in r.json()["items"]}
        assert cards["缪蓉"]["phone"] == "13805110008"  # unmasked by design
        assert cards["缪蓉"]["building_label"] == "紫薇花园 1幢"
        assert "李宗元" in cards
    r = srv.get(f"/api/v1/party-cards?building_id={demo['huimin_b1']['id']}", staff(srv))
    assert_problem(r, 404, "not-found")


def test_create_party_card(srv, demo):
    b1 = demo["ziwei_b1"]["id"]
    r = srv.post("/api/v1/party-cards", staff(srv),
                 json={"building_id": b1, "name": "周建国", "phone": "13912340001",
                       "responsibility": "环境卫生监督", "photo": "cards/zhou.jpg"})
    assert r.status_code == 201, r.text
    card = r.json()
    assert (card["phone"], card["photo"], card["building_id"]) == ("13912340001", "cards/zhou.jpg", b1)
    listed = srv.get(f"/api/v1/party-cards?building_id={b1}", srv.token("demo-resident")).json()["items"]
    assert card["id"] in {c["id"] for c in listed}
    for field, value in [("phone", "1391234"), ("photo", "../etc/passwd"), ("photo", "/abs.jpg")]:
        r = srv.post("/api/v1/party-cards", staff(srv), json={"building_id": b1, "name": "x", field: value})
        assert_field_error(r, field, "invalid")
    r = srv.post("/api/v1/party-cards", staff(srv), json={"building_id": demo["ziwei"]["id"], "name": "x"})
    assert_field_error(r, "building_id", "invalid")
    r = srv.post("/api/v1/party-cards", staff(srv), json={"building_id": demo["huimin_b1"]["id"], "name": "x"})
    assert_problem(r, 404, "not-found")
    r = srv.post("/api/v1/party-cards", srv.token("demo-grid-worker"), json={"building_id": b1, "name": "x"})
    assert_problem(r, 403, "forbidden")
