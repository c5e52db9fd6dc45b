"""What the API masks stays masked on every side path, and no write reaches
outside the writer's scope (docs/privacy.md): searching by identifier,
matching by ID number in imports, creation and list matching, the audit log,
children under 14, and writes to someone who lives nowhere now.

A private server: these tests add a second community to 新都街道 and change
people in the demo.
"""
import re

import pytest

from conftest import Server, _finish
import helpers
from helpers import assert_field_error, assert_problem, new_id_number

HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积", "网格", "姓名", "性别", "出生日期",
          "身份证号", "手机", "关系", "入住日期", "标签"]
MASKED_ROLES = ("demo-inspector", "demo-building-leader", "demo-property-staff")
FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])")
FULL_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def id_number(born="1980-01-01", male=True):
    return new_id_number(male, born)


def csv_bytes(rows):
    return helpers.csv_bytes(rows, HEADER)


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


def staff_list(srv, token, **params):
    r = srv.get("/api/v1/residents", token, params=dict(params, limit=200))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def demo(srv, name):
    """A demo resident as 聚龙湖社区's staff sees them (unmasked), with detail."""
    found = [i for i in staff_list(srv, srv.token("demo-community-staff"), q=name,
                                   include_moved_out=1) if i["name"] == name]
    assert len(found) == 1, (name, found)
    r = srv.get(f"/api/v1/residents/{found[0]['id']}", srv.token("demo-community-staff"),
                params={"include_moved_out": 1})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def beiyuan(srv):
    """A second community of 新都街道, 北苑社区, with a grid, a building of
    four dwellings and its own community staff: another scope in the same
    sub-district."""
    officer = srv.token("demo-subdistrict-officer")
    district = next(p for p in srv.get("/api/v1/places", srv.admin()).json()["items"]
                    if p["name"] == "新都街道")["id"]
    r = srv.post("/api/v1/places", officer,
                 json={"kind": "community", "name": "北苑社区", "parent_id": district})
    assert r.status_code == 201, r.text
    community = r.json()["id"]
    r = srv.post("/api/v1/places", officer,
                 json={"kind": "grid", "name": "北苑第一网格", "parent_id": community})
    assert r.status_code == 201, r.text
    grid = r.json()["id"]
    r = srv.post("/api/v1/places", officer,
                 json={"kind": "compound", "name": "北苑小区", "parent_id": community})
    assert r.status_code == 201, r.text
    compound = r.json()["id"]
    r = srv.post(f"/api/v1/places/{compound}/buildings", officer,
                 json={"name": "1幢", "grid_id": grid, "entrances": 1, "floors": 2,
                       "per_floor": 2})
    assert r.status_code == 201, r.text
    building = r.json()["id"]
    user, password = srv.create_user(role="community_staff", scope_id=community)
    token = srv.login(user["login"], password)
    dwellings = []
    queue = [compound]
    while queue:
        for p in srv.get(f"/api/v1/places?parent_id={queue.pop()}", token).json()["items"]:
            if p["kind"] == "dwelling":
                dwellings.append(p["id"])
            elif p["kind"] in ("building", "entrance"):
                queue.append(p["id"])
    assert len(dwellings) == 4
    return {"community": community, "grid": grid, "token": token, "dwellings": sorted(dwellings),
            "user_id": user["id"], "building": building}


def audit_entries(srv, token, **params):
    r = srv.get("/api/v1/audit", token, params=dict(params, limit=200))
    assert r.status_code == 200, r.text
    return r.json()["items"]


# --- 1. A masked identifier cannot be completed by searching for it ---------

def test_roles_that_see_masks_cannot_search_by_identifier(srv):
    yang = demo(srv, "杨秀兰")
    unknown = id_number("1950-02-03")
    for login in MASKED_ROLES:
        token = srv.token(login)
        listed = {i["name"]: i for i in staff_list(srv, token)}
        assert "杨秀兰" in listed, login  # in scope: the search is refused, not the person
        assert "*" in listed["杨秀兰"]["id_number"]
        for q in (yang["id_number"], yang["phone"], unknown, "13800000000",
                  yang["id_number"][:10], yang["id_number"][-4:], yang["phone"][:7],
                  yang["id_number"][:6] + "********" + yang["id_number"][-4:]):
            r = srv.get("/api/v1/residents", token, params={"q": q})
            body = assert_field_error(r, "q", "invalid")
            # The same answer whether the number exists or not.
            assert "杨秀兰" not in r.text and body["errors"][0]["message"]
        # Names still work.
        r = srv.get("/api/v1/residents", token, params={"q": "杨秀"})
        assert "杨秀兰" in {i["name"] for i in r.json()["items"]}
    # Those who see the numbers search by them.
    for login in ("demo-community-staff", "demo-grid-worker"):
        r = srv.get("/api/v1/residents", srv.token(login), params={"q": yang["id_number"]})
        assert [i["name"] for i in r.json()["items"]] == ["杨秀兰"]


# --- 2. Matching by ID number stays within the caller's reach ---------------

def test_import_never_touches_a_person_of_another_community(srv, beiyuan):
    yang = demo(srv, "杨秀兰")
    before_audit = audit_entries(srv, srv.admin())
    known = ["北苑小区", "1幢", "1单元", "101", "1", "90", "北苑第一网格", "冒名者", "女", "",
             yang["id_number"], "13912345678", "业主", "2024/1/1", ""]
    fresh = ["北苑小区", "1幢", "1单元", "102", "1", "90", "北苑第一网格", "新住户", "女", "",
             id_number("1950-05-05", male=False), "13912345679", "业主", "2024/1/1", ""]
    reports = []
    for row in (known, fresh):
        r = srv.post("/api/v1/imports/residents", beiyuan["token"],
                     params={"community_id": beiyuan["community"]}, data=csv_bytes([row]),
                     headers={"Content-Type": "text/csv"})
        assert r.status_code == 200, r.text
        reports.append(r.json())
    # The report of a number registered elsewhere reads as for a new number.
    strip = [{k: v for k, v in rep.items() if k in ("rows", "created", "updated", "unchanged",
                                                     "rejected")} for rep in reports]
    assert strip[0] == strip[1] == {"rows": 1, "created": 1, "updated": 0, "unchanged": 0,
                                    "rejected": []}
    # 杨秀兰 is as she was.
    again = demo(srv, "杨秀兰")
    for key in ("name", "phone", "tags", "occupancies", "id_number"):
        assert again[key] == yang[key], key
    # The importer has a record of its own, and nothing of hers.
    mine = [i for i in staff_list(srv, beiyuan["token"]) if i["id_number"] == yang["id_number"]]
    assert len(mine) == 1 and mine[0]["id"] != yang["id"] and mine[0]["name"] == "冒名者"
    assert mine[0]["tags"] == [] and mine[0]["phone"] == "13912345678"
    assert_problem(srv.get(f"/api/v1/residents/{yang['id']}", beiyuan["token"]), 404,
                   "not-found")
    # No audit entry changed her.
    newer = [e for e in audit_entries(srv, srv.admin())
             if e["id"] > (before_audit[0]["id"] if before_audit else 0)]
    assert not [e for e in newer if e["entity"] == "resident" and e["entity_id"] == yang["id"]]
    # Importing the same file again matches the importer's own record.
    r = srv.post("/api/v1/imports/residents", beiyuan["token"],
                 params={"community_id": beiyuan["community"]}, data=csv_bytes([known]),
                 headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["created"] == 0, r.text


def test_creating_with_a_number_registered_elsewhere(srv, beiyuan):
    chen = demo(srv, "陈桂英")
    body = {"name": "同号者", "id_number": chen["id_number"], "relation": "owner",
            "dwelling_id": beiyuan["dwellings"][2]}
    r = srv.post("/api/v1/residents", beiyuan["token"], json=body)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["id"] != chen["id"] and created["name"] == "同号者"
    assert created["tags"] == [] and created["phone"] is None
    # Within the caller's reach the number is taken.
    r = srv.post("/api/v1/residents", beiyuan["token"], json=dict(body, name="第三位"))
    assert_problem(r, 409, "conflict")
    own = {"name": "再登记", "id_number": chen["id_number"], "relation": "owner",
           "dwelling_id": chen["occupancies"][0]["dwelling_id"]}
    assert_problem(srv.post("/api/v1/residents", srv.token("demo-community-staff"), json=own),
                   409, "conflict")
    # Changing someone's number follows the same rule.
    other = srv.post("/api/v1/residents", srv.token("demo-community-staff"),
                     json={"name": "改号者", "relation": "tenant",
                           "dwelling_id": chen["occupancies"][0]["dwelling_id"]})
    assert other.status_code == 201, other.text
    r = srv.patch(f"/api/v1/residents/{other.json()['id']}", srv.token("demo-community-staff"),
                  json={"id_number": chen["id_number"]})
    assert_problem(r, 409, "conflict")
    assert demo(srv, "陈桂英")["name"] == "陈桂英"


def test_list_matching_sees_only_the_callers_reach(srv, beiyuan):
    wang = demo(srv, "王丽")
    fresh = id_number("1961-07-07")
    r = srv.post("/api/v1/residents/match", beiyuan["token"],
                 data=f"{wang['id_number']}\n{fresh}\n".encode(),
                 headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text
    assert r.json()["matched"] == []
    assert r.json()["unmatched"] == [wang["id_number"], fresh]


def test_cards_and_posts_link_only_people_within_reach(srv, beiyuan):
    yang = demo(srv, "杨秀兰")
    r = srv.post("/api/v1/party-cards", beiyuan["token"],
                 json={"building_id": beiyuan["building"], "name": "党员",
                       "resident_id": yang["id"]})
    assert_field_error(r, "resident_id", "invalid")
    r = srv.post("/api/v1/posts", beiyuan["token"],
                 json={"kind": "grid_worker", "place_id": beiyuan["grid"], "person_name": "网格员",
                       "resident_id": yang["id"]})
    assert_field_error(r, "resident_id", "invalid")
    # The same answer as for nobody at all.
    r = srv.post("/api/v1/posts", beiyuan["token"],
                 json={"kind": "grid_worker", "place_id": beiyuan["grid"], "person_name": "网格员",
                       "resident_id": 999999})
    assert_field_error(r, "resident_id", "invalid")
    # Within reach it links.
    r = srv.post("/api/v1/party-cards", srv.token("demo-community-staff"),
                 json={"building_id": srv.scope_for("building_leader"),  # her 1幢
                       "name": "杨秀兰", "resident_id": yang["id"]})
    assert r.status_code == 201, r.text


# --- 3. The audit log shows no more than the API ----------------------------

def test_audit_log_masks_every_path(srv, beiyuan):
    staff = srv.token("demo-community-staff")
    guo = demo(srv, "郭美玲")
    dwelling = guo["occupancies"][0]
    # An import that changes someone already registered.
    row = ["", "", "", "", "", "", "", "郭美玲", "", "", guo["id_number"], "13812344321", "业主",
           "", ""]
    label = dwelling["label"].split(" ")
    row[0:4] = label[0:4]
    r = srv.post("/api/v1/imports/residents", staff,
                 params={"community_id": srv.scope_for("community_staff")},
                 data=csv_bytes([row]), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["updated"] == 1, r.text
    # A post holder's, an organization's, a party card's and an account's phone.
    grid = srv.scope_for("grid_worker")
    building = srv.scope_for("building_leader")
    assert srv.post("/api/v1/posts", staff, json={"kind": "grid_worker", "place_id": grid,
                                                   "person_name": "岗位人",
                                                   "phone": "13711112222"}).status_code == 201
    assert srv.post("/api/v1/organizations", staff,
                    json={"kind": "alliance_unit", "name": "共建医院",
                          "contact_phone": "13711113333"}).status_code == 201
    assert srv.post("/api/v1/party-cards", staff,
                    json={"building_id": building, "name": "党员卡",
                          "phone": "13711114444"}).status_code == 201
    srv.create_user(role="grid_worker", phone="13711115555")
    for login in ("demo-inspector", "demo-subdistrict-officer", "demo-admin"):
        entries = audit_entries(srv, srv.token(login))
        text = str(entries)
        assert not FULL_ID.search(text), (login, FULL_ID.search(text).group(0))
        assert not FULL_MOBILE.search(text), (login, FULL_MOBILE.search(text).group(0))
        for e in entries:
            for side in (e["before"], e["after"]):
                if isinstance(side, dict) and side.get("birth_date"):
                    assert re.fullmatch(r"[0-9]{4}-\*\*-\*\*", side["birth_date"]), e
    # The import's change has its before and after.
    change = next(e for e in audit_entries(srv, srv.admin())
                  if e["entity"] == "resident" and e["entity_id"] == guo["id"]
                  and e["action"] == "update")
    assert change["before"] and change["after"]
    assert change["before"]["phone"] != change["after"]["phone"]
    assert change["after"]["phone"] == "138****4321"


# --- 5. Children under 14 ----------------------------------------------------

def test_children_are_masked_for_roles_without_need(srv):
    child = demo(srv, "周子涵")
    assert child["minor"] is True and child["age"] < 14
    for login in ("demo-inspector", "demo-building-leader"):
        token = srv.token(login)
        shown = next(i for i in staff_list(srv, token) if i["id"] == child["id"])
        assert shown["name"] == "周*" and shown["minor"] is True
        assert shown["sex"] is None and shown["age"] is None and shown["birth_date"] is None
        assert shown["tags"] == [] and "*" in shown["id_number"]
        r = srv.get(f"/api/v1/residents/{child['id']}", token)
        assert r.json()["name"] == "周*" and r.json()["age"] is None
        # A name does not find a child for them.
        for q in ("周子涵", "子涵"):
            r = srv.get("/api/v1/residents", token, params={"q": q})
            assert r.status_code == 200 and r.json()["items"] == [], (login, q)
        # The child tag is sensitive now: neither shown nor usable as a filter.
        codes = {t["code"] for t in srv.get("/api/v1/tags", token).json()["items"]}
        assert "preschool_child" not in codes
        assert_field_error(srv.get("/api/v1/residents", token,
                                   params={"tag": "preschool_child"}), "tag", "invalid")
    # Those who visit households see the child whole, and the read is logged.
    worker = srv.token("demo-grid-worker")
    shown = srv.get(f"/api/v1/residents/{child['id']}", worker).json()
    assert shown["name"] == "周子涵" and shown["age"] == child["age"]
    user = srv.get("/api/v1/auth/me", worker).json()["user"]["id"]
    logged = srv.get("/api/v1/audit/sensitive-reads", srv.admin(),
                     params={"user_id": user, "subject_id": child["id"]}).json()["items"]
    assert logged and "child" in logged[0]["fields"].split(",")


def test_a_childs_audit_entry_masks_the_name(srv):
    staff = srv.token("demo-community-staff")
    dwelling = demo(srv, "周建国")["occupancies"][0]["dwelling_id"]
    r = srv.post("/api/v1/residents", staff,
                 json={"name": "周小宝", "id_number": id_number("2022-03-04"),
                       "relation": "family", "dwelling_id": dwelling})
    assert r.status_code == 201, r.text
    kid = r.json()["id"]
    for login in ("demo-inspector", "demo-admin"):
        entry = next(e for e in audit_entries(srv, srv.token(login))
                     if e["entity"] == "resident" and e["entity_id"] == kid)
        assert entry["after"]["name"] == "周*" and entry["after"]["minor"] is True
        assert entry["after"]["birth_date"] == "2022-**-**"
        assert "周小宝" not in str(entry)


def test_export_logs_childrens_records(srv):
    staff = srv.token("demo-community-staff")
    community = srv.scope_for("community_staff")
    user = srv.get("/api/v1/auth/me", staff).json()["user"]["id"]
    child = demo(srv, "黄思雨")
    r = srv.get("/api/v1/exports/residents.csv", staff, params={"community_id": community})
    assert r.status_code == 200 and "黄思雨" in r.content.decode("utf-8-sig")
    logged = srv.get("/api/v1/audit/sensitive-reads", srv.admin(),
                     params={"user_id": user, "subject_id": child["id"]}).json()["items"]
    assert logged and "child" in logged[0]["fields"].split(",")


# --- 8. Writes to someone living nowhere reach the scope of their last home --

def test_someone_living_nowhere_belongs_to_their_last_home(srv):
    staff = srv.token("demo-community-staff")
    grid1_home = demo(srv, "杨秀兰")["occupancies"][0]["dwelling_id"]
    grid2_home = demo(srv, "黄建华")["occupancies"][0]["dwelling_id"]
    r = srv.post("/api/v1/residents", staff,
                 json={"name": "搬家者", "relation": "tenant", "dwelling_id": grid1_home,
                       "moved_in": "2019-01-01"})
    assert r.status_code == 201, r.text
    person = r.json()
    first = person["occupancies"][0]["id"]
    r = srv.post(f"/api/v1/residents/{person['id']}/occupancies", staff,
                 json={"dwelling_id": grid2_home, "relation": "tenant", "moved_in": "2022-01-01"})
    assert r.status_code == 201, r.text
    second = r.json()["id"]
    assert srv.post(f"/api/v1/occupancies/{first}/move-out", staff,
                    json={"moved_out": "2021-12-31"}).status_code == 200
    assert srv.post(f"/api/v1/occupancies/{second}/move-out", staff,
                    json={"moved_out": "2024-06-30"}).status_code == 200
    # Now living nowhere: the last home was in 第二网格.
    grid2 = next(p for p in srv.get(f"/api/v1/places?parent_id={srv.scope_for('community_staff')}",
                                    srv.admin()).json()["items"] if p["name"] == "第二网格")
    worker2, password = srv.create_user(role="grid_worker", scope_id=grid2["id"])
    token2 = srv.login(worker2["login"], password)
    grid1_worker = srv.token("demo-grid-worker")
    for path, body in ((f"/api/v1/residents/{person['id']}", {"note": "改"}),):
        assert_problem(srv.patch(path, grid1_worker, json=body), 404, "not-found")
        assert srv.patch(path, token2, json=body).status_code == 200
    assert_problem(srv.request("PUT", f"/api/v1/residents/{person['id']}/tags", grid1_worker,
                               json={"tags": []}), 404, "not-found")
    assert_problem(srv.post(f"/api/v1/residents/{person['id']}/consents", grid1_worker,
                            json={"purpose": "registry", "given_by": "本人"}), 404,
                   "not-found")
    assert srv.post(f"/api/v1/residents/{person['id']}/consents", token2,
                    json={"purpose": "registry", "given_by": "本人"}).status_code == 201
    # The community reaches both grids.
    assert srv.patch(f"/api/v1/residents/{person['id']}", staff,
                     json={"note": "社区改"}).status_code == 200
