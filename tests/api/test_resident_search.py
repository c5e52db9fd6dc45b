"""The residents list's search box and its filters (docs/api-registry.md,
"Searching residents"): pieces of phone numbers and the ends of ID numbers
for the roles that see them, building and room ("1幢 301", "1-301"), the
entrance filter, the total ("count=1"), and what stays out: roles that see
numbers masked cannot search by them at all, and nobody finds anyone outside
their scope, however the search is worded.

A private server: a second community with the same building and room names
as the demo's is added, and a thousand people are imported into it.
"""
import pytest

from conftest import Server, _finish
import helpers
from helpers import assert_field_error, new_id_number

MASKED_ROLES = ("demo-inspector", "demo-building-leader", "demo-property-staff")
HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积", "网格", "姓名", "性别", "出生日期",
          "身份证号", "手机", "关系", "入住日期", "标签"]


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


def search(srv, token, **params):
    """Every resident the list answers for these parameters."""
    return helpers.all_pages(srv, token, "/api/v1/residents", **params)


def names(items):
    return sorted(i["name"] for i in items)


def label_parts(dwelling):
    """"紫薇花园 1幢 1单元 301" -> ("紫薇花园", "1幢", "1单元", "301")."""
    return tuple(dwelling["label"].split(" "))


@pytest.fixture(scope="module")
def staff(srv):
    return srv.token("demo-community-staff")


@pytest.fixture(scope="module")
def everyone(srv, staff):
    """Every resident community staff see, unmasked."""
    items = search(srv, staff)
    assert len(items) > 10
    return items


@pytest.fixture(scope="module")
def beiyuan(srv):
    """北苑社区, a second community of the same sub-district, whose compound
    has a 1幢 with rooms 101, 102, 201, 202 like the demo's, a person living
    in 101 and its own community staff."""
    officer = srv.token("demo-subdistrict-officer")
    district = next(p for p in srv.get("/api/v1/places", srv.admin()).json()["items"]
                    if p["name"] == "新都街道")["id"]

    def made(path, body):
        r = srv.post(path, officer, json=body)
        assert r.status_code == 201, r.text
        return r.json()["id"]

    community = made("/api/v1/places", {"kind": "community", "name": "北苑社区",
                                        "parent_id": district})
    grid = made("/api/v1/places", {"kind": "grid", "name": "北苑第一网格",
                                   "parent_id": community})
    compound = made("/api/v1/places", {"kind": "compound", "name": "北苑小区",
                                       "parent_id": community})
    made(f"/api/v1/places/{compound}/buildings",
         {"name": "1幢", "grid_id": grid, "entrances": 1, "floors": 2, "per_floor": 2})
    user, password = srv.create_user(role="community_staff", scope_id=community)
    token = srv.login(user["login"], password)
    r = srv.post("/api/v1/imports/residents", token, params={"community_id": community},
                 data=helpers.csv_bytes([["北苑小区", "1幢", "1单元", "301", "3", "90",
                                          "北苑第一网格", "北苑住户", "女", "",
                                          new_id_number(False, "1950-05-05"), "13912345670",
                                          "业主", "2024/1/1", ""]], HEADER),
                 headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["created"] == 1, r.text
    person = search(srv, token, q="北苑住户")
    assert len(person) == 1
    return {"community": community, "token": token, "person": person[0]}


# --- pieces of numbers, for the roles that see them -------------------------

def test_a_piece_of_a_phone_number_anywhere_in_it(srv, staff, everyone):
    someone = next(i for i in everyone if i["phone"])
    for piece in (someone["phone"][3:7], someone["phone"][-4:], someone["phone"][:7],
                  someone["phone"][2:12]):
        found = search(srv, staff, q=piece)
        assert someone["id"] in {i["id"] for i in found}, piece
        # Exactly those whose phone holds the digits, or whose ID number ends in them.
        want = {i["id"] for i in everyone
                if piece in (i["phone"] or "")
                or (len(piece) <= 6 and (i["id_number"] or "").endswith(piece))}
        assert {i["id"] for i in found} == want, piece
    # Digits typed in groups read as one number.
    spaced = someone["phone"][:3] + " " + someone["phone"][3:7]
    assert someone["id"] in {i["id"] for i in search(srv, staff, q=spaced)}
    # Three digits are too few to be a number: a name search, finding no one.
    assert search(srv, staff, q=someone["phone"][-3:]) == []


def test_the_end_of_an_id_number_x_included(srv, staff, everyone):
    with_x = next(i for i in everyone if (i["id_number"] or "").endswith("X"))
    for tail in (with_x["id_number"][-4:], with_x["id_number"][-5:], with_x["id_number"][-6:],
                 with_x["id_number"][-4:].lower()):
        found = search(srv, staff, q=tail)
        assert with_x["id"] in {i["id"] for i in found}, tail
        assert all(i["id_number"].endswith(tail.upper()) for i in found), tail
    # Seven characters ending in X are no tail: nothing is found by them.
    assert search(srv, staff, q=with_x["id_number"][-7:]) == []
    # The whole number still finds exactly one person.
    assert [i["id"] for i in search(srv, staff, q=with_x["id_number"])] == [with_x["id"]]


# --- building and room ------------------------------------------------------

@pytest.mark.parametrize("q,building,entrance,room", [
    ("1幢 301", "1幢", None, "301"),
    ("1栋301", "1幢", None, "301"),
    ("1号楼 301室", "1幢", None, "301"),
    ("1-301", "1幢", None, "301"),
    ("1-1-101", "1幢", "1单元", "101"),
    ("1幢1单元101", "1幢", "1单元", "101"),
    ("1幢", "1幢", None, None),
    ("301室", None, None, "301"),
])
def test_building_and_room(srv, staff, everyone, q, building, entrance, room):
    def lives_there(i):
        for d in i["dwellings"]:
            _, b, e, r = label_parts(d)
            if ((building is None or b == building) and (entrance is None or e == entrance)
                    and (room is None or r == room)):
                return True
        return False
    want = {i["id"] for i in everyone if lives_there(i)}
    assert want, q
    assert {i["id"] for i in search(srv, staff, q=q)} == want


def test_entrance_filter_narrows_a_building(srv, staff, everyone):
    someone = everyone[0]
    dwelling = srv.get(f"/api/v1/places/{someone['dwellings'][0]['id']}", staff).json()
    entrance = dwelling["parent_id"]
    building = srv.get(f"/api/v1/places/{entrance}", staff).json()["parent_id"]
    # A resident's page names each home's building, for a link to its elevation.
    detail = srv.get(f"/api/v1/residents/{someone['id']}", staff).json()
    assert detail["occupancies"][0]["building_id"] == building
    found = search(srv, staff, building_id=building, entrance_id=entrance)
    assert someone["id"] in {i["id"] for i in found}
    inside = {i["id"] for i in everyone
              if any(label_parts(d)[:3] == label_parts(someone["dwellings"][0])[:3]
                     for d in i["dwellings"])}
    assert {i["id"] for i in found} == inside
    # 楼栋 → 单元 → 房号: the room narrows it to the dwelling.
    found = search(srv, staff, building_id=building, entrance_id=entrance,
                   dwelling_id=dwelling["id"])
    assert {i["id"] for i in found} == {i["id"] for i in everyone
                                        if dwelling["id"] in [d["id"] for d in i["dwellings"]]}
    assert_field_error(srv.get("/api/v1/residents", staff, params={"entrance_id": "x"}),
                       "entrance_id", "invalid")


# --- the total --------------------------------------------------------------

def test_the_total_counts_within_scope(srv, staff, everyone):
    r = srv.get("/api/v1/residents", staff, params={"count": 1, "limit": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["items"]) == 2
    assert body["total"] == len(everyone) and body["total_capped"] is False
    # Filters count as they list.
    piece = everyone[0]["phone"][-4:]
    body = srv.get("/api/v1/residents", staff, params={"count": 1, "q": piece}).json()
    assert body["total"] == len(search(srv, staff, q=piece))
    # Only asked for, and only on a first page.
    assert "total" not in srv.get("/api/v1/residents", staff, params={"limit": 2}).json()
    assert "total" not in srv.get("/api/v1/residents", staff,
                                  params={"count": 1, "limit": 2,
                                          "after": body["items"][0]["id"]}).json()
    # A grid worker counts their grid only.
    worker = srv.token("demo-grid-worker")
    theirs = search(srv, worker)
    assert 0 < len(theirs) < len(everyone)
    assert srv.get("/api/v1/residents", worker, params={"count": 1}).json()["total"] == len(theirs)


def test_the_total_stops_at_a_thousand(srv, beiyuan):
    rows = [["北苑小区", "1幢", "1单元", "202", "2", "90", "北苑第一网格", f"租客{n:04d}", "男",
             "", "", "", "租户", "2024/1/1", ""] for n in range(1001)]
    r = srv.post("/api/v1/imports/residents", beiyuan["token"],
                 params={"community_id": beiyuan["community"]},
                 data=helpers.csv_bytes(rows, HEADER), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["created"] == 1001, r.text[:500]
    body = srv.get("/api/v1/residents", beiyuan["token"], params={"count": 1}).json()
    assert body["total"] == 1000 and body["total_capped"] is True
    body = srv.get("/api/v1/residents", beiyuan["token"],
                   params={"count": 1, "q": "北苑住户"}).json()
    assert body["total"] == 1 and body["total_capped"] is False


# --- what stays out ---------------------------------------------------------

def test_roles_that_see_masks_get_no_number_search(srv, everyone):
    someone = next(i for i in everyone if i["phone"] and (i["id_number"] or "").endswith("X"))
    for login in MASKED_ROLES:
        token = srv.token(login)
        for q in (someone["phone"][3:7], someone["phone"][-4:], someone["id_number"][-4:],
                  someone["id_number"][-6:], someone["phone"][:3] + " " + someone["phone"][3:7],
                  "1-301", "1-1-101"):
            assert_field_error(srv.get("/api/v1/residents", token, params={"q": q}), "q",
                               "invalid")
        # A building and room in words is no number: found, and masked as always.
        found = search(srv, token, q="1幢 301")
        assert found, login
        for i in found:
            assert i["phone"] is None or "*" in i["phone"], login
            assert i["id_number"] is None or "*" in i["id_number"], login


def test_nobody_outside_the_scope_is_found(srv, staff, everyone, beiyuan):
    outsider = beiyuan["person"]
    # 北苑's 1幢 301 has the same name as the demo's: each staff finds only their own.
    mine = search(srv, staff, q="1幢 301")
    assert outsider["id"] not in {i["id"] for i in mine} and mine
    theirs = search(srv, beiyuan["token"], q="1幢 301")
    assert [i["id"] for i in theirs] == [outsider["id"]]
    # Nor by a piece of a number.
    for q in (outsider["phone"][-4:], outsider["phone"][2:9], outsider["id_number"][-4:]):
        assert outsider["id"] not in {i["id"] for i in search(srv, staff, q=q)}, q
        assert outsider["id"] in {i["id"] for i in search(srv, beiyuan["token"], q=q)}, q
    # 北苑's staff find none of the demo's residents.
    demo_ids = {i["id"] for i in everyone}
    someone = next(i for i in everyone if i["phone"])
    for q in (someone["phone"][-4:], someone["id_number"][-4:], "1-101", "1幢"):
        assert not demo_ids & {i["id"] for i in search(srv, beiyuan["token"], q=q)}, q
    # A grid worker finds only their grid's people, whatever the search.
    worker = srv.token("demo-grid-worker")
    theirs = {i["id"] for i in search(srv, worker)}
    for q in ("1幢", "101室", someone["phone"][-4:]):
        assert {i["id"] for i in search(srv, worker, q=q)} <= theirs, q
    # Another sub-district sees nothing of these, and counts nothing either.
    other = srv.token("demo2-community-staff")
    for q in ("1幢 301", someone["phone"][-4:], someone["id_number"][-4:]):
        found = {i["id"] for i in search(srv, other, q=q)}
        assert not found & (demo_ids | {outsider["id"]}), q
