"""Residents: scope, writes, occupancy history, tags, consents,
search and filters, cursor pagination, list matching.

The demo (src/demo/demo.c, demo_residents) puts households into 紫薇花园 1幢
(第一网格), 紫薇花园 2幢 (第一网格), 紫薇花园 3幢 and 聚龙湖花园 (第二网格),
老粮站小区 (第三网格), and one into 盐渎街道, which 新都街道 never sees.
Helpers here are also used by test_privacy.py."""
import secrets

import pytest

from helpers import HAN, all_pages, assert_field_error, assert_problem

# The demo's people by grid (demo.c).
GRID1 = {"吕文娟", "周建国", "周子涵", "陈桂英", "刘洪涛", "王丽", "孙晓明", "杨秀兰", "杨军", "缪蓉",
         "郭美玲"}
GRID1_MOVED_OUT = {"赵磊"}
GRID2 = {"黄建华", "黄思雨", "徐志强", "马玉珍", "吴国平"}
GRID3 = {"钱德福", "朱小红", "朱浩", "陶志明"}
HOUSEHOLD_101 = {"吕文娟", "周建国", "周子涵"}
CHILDREN = {"周子涵", "黄思雨"}  # under 14: PIPL art. 28
OTHER_DISTRICT_ID = "320903198808180104"  # 韩梅, 盐渎街道
OTHER_DISTRICT_PHONE = "13805120021"
YANG_ID = "32090219480520046X"  # 杨秀兰: check digit X, tag disabled (sensitive)
DEMO = GRID1 | GRID1_MOVED_OUT | GRID2 | GRID3 | {"韩梅"}
# Tests add people (into 杨秀兰's and 黄建华's homes): scope checks compare the
# demo's people by name and everyone's homes by label.
GRID1_BUILDINGS = ("紫薇花园 1幢 ", "紫薇花园 2幢 ", "紫薇花园 6幢 ")

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def check_digit(first17):
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def new_id_number(birth="19800101", region="320902", want_x=None):
    """A fresh valid GB 11643 number (random order code); want_x picks the check digit kind."""
    while True:
        first = f"{region}{birth}{secrets.randbelow(1000):03d}"
        n = first + check_digit(first)
        if want_x is None or (n[-1] == "X") == want_x:
            return n


def new_phone():
    return "139" + f"{secrets.randbelow(10 ** 8):08d}"


def put(server, path, token, **kw):
    return server.request("PUT", path, token, **kw)


def all_residents(server, token, **params):
    """Every page of GET /residents, following next_after."""
    return all_pages(server, token, "/api/v1/residents", **dict({"limit": 50}, **params))


def names(items):
    return {i["name"] for i in items}


def demo_resident(server, name):
    """The demo resident as community staff (who sees all of 聚龙湖社区) lists them."""
    found = [i for i in all_residents(server, server.token("demo-community-staff"), q=name,
                                      include_moved_out=1) if i["name"] == name]
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def dwelling_of(server, name):
    return demo_resident(server, name)["dwellings"][0]["id"]


def create_resident(server, token=None, dwelling=None, **over):
    token = token or server.token("demo-community-staff")
    body = {"name": "测试居民" + secrets.token_hex(2), "id_number": new_id_number(),
            "phone": new_phone(), "dwelling_id": dwelling or dwelling_of(server, "杨秀兰"),
            "relation": "family"}
    body.update(over)
    body = {k: v for k, v in body.items() if v is not None}
    r = server.post("/api/v1/residents", token, json=body)
    assert r.status_code == 201, r.text
    return r.json()


# --- scope -----------------------------------------------------------------------

def test_grid_worker_lists_only_their_grid(server):
    token = server.token("demo-grid-worker")
    items = all_residents(server, token)
    assert names(items) & DEMO == GRID1, names(items)
    labels = {d["label"] for i in items for d in i["dwellings"]}
    assert labels and all(label.startswith(GRID1_BUILDINGS) for label in labels), labels
    with_past = all_residents(server, token, include_moved_out=1)
    assert names(with_past) & DEMO == GRID1 | GRID1_MOVED_OUT


def test_community_staff_sees_the_community_not_the_other_district(server):
    items = all_residents(server, server.token("demo-community-staff"))
    assert names(items) & DEMO == GRID1 | GRID2 | GRID3
    assert all(d["label"].split()[0] in ("紫薇花园", "聚龙湖花园", "老粮站小区")
               for i in items for d in i["dwellings"])


def test_grid_worker_by_id_only_in_their_grid(server):
    token = server.token("demo-grid-worker")
    mine, other = demo_resident(server, "陈桂英"), demo_resident(server, "黄建华")
    r = server.get(f"/api/v1/residents/{mine['id']}", token)
    assert r.status_code == 200 and r.json()["name"] == "陈桂英"
    assert_problem(server.get(f"/api/v1/residents/{other['id']}", token), 404, "not-found")
    # Writes answer the same 404 outside the grid.
    assert_problem(server.patch(f"/api/v1/residents/{other['id']}", token, json={"note": "x"}),
                   404, "not-found")
    assert_problem(put(server, f"/api/v1/residents/{other['id']}/tags", token,
                       json={"tags": []}), 404, "not-found")


def test_grid_worker_cannot_place_someone_outside_their_grid(server):
    r = server.post("/api/v1/residents", server.token("demo-grid-worker"),
                    json={"name": "越界", "dwelling_id": dwelling_of(server, "黄建华"),
                          "relation": "owner"})
    assert_field_error(r, "dwelling_id", "invalid")


def test_resident_sees_own_household_only(server):
    token = server.token("demo-resident")
    items = all_residents(server, token, include_moved_out=1)
    assert names(items) == HOUSEHOLD_101
    me = next(i for i in items if i["name"] == "吕文娟")
    assert me["id_number"] == "320902198604120103" and me["phone"] == "13805110012"
    neighbour = demo_resident(server, "陈桂英")
    assert_problem(server.get(f"/api/v1/residents/{neighbour['id']}", token), 404, "not-found")
    r = server.get("/api/v1/residents", token, params={"q": "320902194002290166"})
    assert r.status_code == 200 and r.json()["items"] == []


def test_resident_cannot_write(server):
    me = demo_resident(server, "吕文娟")
    r = server.patch(f"/api/v1/residents/{me['id']}", server.token("demo-resident"),
                     json={"note": "改自己"})
    assert_problem(r, 403, "forbidden")


@pytest.mark.parametrize("q", [OTHER_DISTRICT_ID, OTHER_DISTRICT_PHONE, "韩梅"])
def test_other_district_invisible_even_by_exact_search(server, q):
    for login in ("demo-community-staff", "demo-subdistrict-officer", "demo-inspector"):
        r = server.get("/api/v1/residents", server.token(login),
                       params={"q": q, "include_moved_out": 1})
        if login == "demo-inspector" and q != "韩梅":
            # Sees numbers masked: may not search by them at all (test_privacy_search.py).
            assert_field_error(r, "q", "invalid")
            continue
        assert r.status_code == 200, r.text
        assert r.json()["items"] == [], (login, r.json())
    # Their own sub-district finds her.
    r = server.get("/api/v1/residents", server.token("demo2-community-staff"), params={"q": q})
    assert names(r.json()["items"]) == {"韩梅"}


def test_other_district_by_id_is_404(server):
    r = server.get("/api/v1/residents", server.token("demo2-community-staff"),
                   params={"q": OTHER_DISTRICT_ID})
    han = r.json()["items"][0]
    for login in ("demo-community-staff", "demo-subdistrict-officer", "demo-inspector"):
        assert_problem(server.get(f"/api/v1/residents/{han['id']}", server.token(login)), 404,
                       "not-found")
    mine = demo_resident(server, "陈桂英")
    assert_problem(server.get(f"/api/v1/residents/{mine['id']}",
                              server.token("demo2-community-staff")), 404, "not-found")


def test_inspector_reads_but_never_writes(server):
    token = server.token("demo-inspector")
    seen = names(all_residents(server, token))
    # Children under 14 are shown to an inspector by a masked name (docs/privacy.md).
    assert seen & DEMO == (GRID1 | GRID2 | GRID3) - CHILDREN
    assert {"周*", "黄*"} <= seen
    yang = demo_resident(server, "杨秀兰")
    assert server.get(f"/api/v1/residents/{yang['id']}", token).status_code == 200
    writes = [
        ("POST", "/api/v1/residents", {"name": "x", "dwelling_id": 1, "relation": "owner"}),
        ("PATCH", f"/api/v1/residents/{yang['id']}", {"note": "x"}),
        ("PUT", f"/api/v1/residents/{yang['id']}/tags", {"tags": []}),
        ("POST", f"/api/v1/residents/{yang['id']}/occupancies",
         {"dwelling_id": 1, "relation": "owner"}),
        ("POST", f"/api/v1/residents/{yang['id']}/consents",
         {"purpose": "registry", "given_by": "x"}),
        ("POST", "/api/v1/occupancies/1/move-out", {"moved_out": "2024-01-01"}),
        ("POST", "/api/v1/consents/1/withdraw", {}),
        ("POST", "/api/v1/tags", {"code": "x", "name_zh": "x", "name_en": "x"}),
        ("POST", "/api/v1/residents/match", None),
    ]
    for method, path, body in writes:
        kw = {"json": body} if body is not None else {"data": YANG_ID}
        assert_problem(server.request(method, path, token, **kw), 403, "forbidden")


@pytest.mark.parametrize("login", ["demo-party-member", "demo-volunteer", "demo-alliance-unit",
                                   "demo-owners-committee"])
def test_roles_without_registry_access_get_403(server, login):
    assert_problem(server.get("/api/v1/residents", server.token(login)), 403, "forbidden")


# --- create, validate, edit --------------------------------------------------------

def test_create_resident_and_read_it_back(server):
    staff = server.token("demo-community-staff")
    number = new_id_number("19900215", want_x=True).lower()
    made = create_resident(server, staff, id_number=number, relation="tenant",
                           moved_in="2024-03-01", note="新租户")
    assert made["id_number"] == number.upper()  # a lower-case x is normalised
    assert made["birth_date"] == "1990-02-15" and made["sex"] in ("male", "female")
    assert made["note"] == "新租户" and made["consents"] == []
    [occ] = made["occupancies"]
    assert occ["relation"] == "tenant" and occ["moved_in"] == "2024-03-01"
    assert occ["moved_out"] is None and occ["label"] == "紫薇花园 1幢 1单元 301"
    r = server.get(f"/api/v1/residents/{made['id']}", staff)
    assert r.status_code == 200 and r.json()["id_number"] == number.upper()
    # The grid worker of that grid finds the new tenant by name.
    found = all_residents(server, server.token("demo-grid-worker"), q=made["name"])
    assert [i["id"] for i in found] == [made["id"]]


def test_create_is_audited_with_masked_identifiers(server):
    made = create_resident(server)
    r = server.get("/api/v1/audit", server.admin(), params={"limit": 200})
    [entry] = [e for e in r.json()["items"]
               if e["entity"] == "resident" and e["entity_id"] == made["id"]]
    assert entry["action"] == "create"
    assert entry["after"]["id_number"] == made["id_number"][:6] + "********" + made["id_number"][-4:]
    assert made["phone"] not in str(entry) and made["id_number"] not in str(entry)


def test_grid_worker_may_add_a_resident_in_their_grid(server):
    made = create_resident(server, server.token("demo-grid-worker"))
    assert made["dwellings"][0]["label"] == "紫薇花园 1幢 1单元 301"


@pytest.mark.parametrize("field,value,fragment", [
    ("id_number", "320902198001010011", "校验码"),         # wrong check digit
    ("id_number", "320902198002300012", "出生日期"),        # Feb 30 inside the number
    ("id_number", "32090219800101001", "18 位"),           # 17 characters
    ("phone", "12812345678", "手机号"),
    ("phone", "1381234567", "手机号"),
    ("birth_date", "2023-02-30", "日期"),
    ("birth_date", "2023/01/01", "日期"),
    ("sex", "unknown", "性别"),
    ("relation", "lodger", "关系"),
    ("moved_in", "2023-13-01", "日期"),
    ("name", "", "姓名"),
    ("name", "名" * 65, "姓名"),
])
def test_validation_errors_name_the_field_in_chinese(server, field, value, fragment):
    body = {"name": "校验", "dwelling_id": dwelling_of(server, "杨秀兰"), "relation": "family",
            field: value}
    if field == "birth_date":
        body["id_number"] = None
    body = {k: v for k, v in body.items() if v is not None}
    r = server.post("/api/v1/residents", server.token("demo-community-staff"), json=body)
    err = assert_field_error(r, field, "invalid")
    [e] = [e for e in err["errors"] if e["field"] == field]
    assert HAN.search(e["message"]) and fragment in e["message"], e


def test_birth_date_must_agree_with_the_id_number(server):
    body = {"name": "不一致", "dwelling_id": dwelling_of(server, "杨秀兰"), "relation": "family",
            "id_number": new_id_number("19800101"), "birth_date": "1980-01-02"}
    r = server.post("/api/v1/residents", server.token("demo-community-staff"), json=body)
    err = assert_field_error(r, "birth_date", "invalid")
    assert "不一致" in err["errors"][0]["message"]
    r = server.post("/api/v1/residents", server.token("demo-community-staff"),
                    json=body, headers={"Accept-Language": "en"})
    assert "match" in assert_field_error(r, "birth_date", "invalid")["errors"][0]["message"]


def test_duplicate_id_number_in_district_is_409(server):
    made = create_resident(server)
    r = server.post("/api/v1/residents", server.token("demo-community-staff"),
                    json={"name": "重复", "id_number": made["id_number"], "relation": "owner",
                          "dwelling_id": dwelling_of(server, "黄建华")})
    body = assert_problem(r, 409, "conflict")
    assert ("id_number", "invalid") in [(e["field"], e["code"]) for e in body["errors"]]


def test_patch_resident(server):
    staff = server.token("demo-community-staff")
    made = create_resident(server, staff)
    phone = new_phone()
    r = server.patch(f"/api/v1/residents/{made['id']}", staff,
                     json={"phone": phone, "note": "已核实", "name": "改名"})
    assert r.status_code == 200, r.text
    assert (r.json()["phone"], r.json()["note"], r.json()["name"]) == (phone, "已核实", "改名")
    # "" clears an optional field; a new ID number brings its own birth date.
    number = new_id_number("19700707")
    r = server.patch(f"/api/v1/residents/{made['id']}", staff, json={"phone": "", "id_number": number})
    assert r.status_code == 200, r.text
    assert r.json()["phone"] is None and r.json()["birth_date"] == "1970-07-07"
    assert_field_error(server.patch(f"/api/v1/residents/{made['id']}", staff,
                                    json={"phone": "110"}), "phone", "invalid")
    assert_field_error(server.patch(f"/api/v1/residents/{made['id']}", staff,
                                    json={"dwelling_id": 3}), "dwelling_id", "unknown-field")


def test_unknown_resident_is_404(server):
    assert_problem(server.get("/api/v1/residents/99999999", server.admin()), 404, "not-found")


# --- occupancies: moving in and out keeps history -----------------------------------

def test_move_out_keeps_history(server):
    staff = server.token("demo-community-staff")
    made = create_resident(server, staff, relation="tenant", moved_in="2023-05-01")
    occ = made["occupancies"][0]["id"]
    r = server.post(f"/api/v1/occupancies/{occ}/move-out", staff, json={"moved_out": "2023-04-30"})
    assert_field_error(r, "moved_out", "invalid")  # before moving in
    r = server.post(f"/api/v1/occupancies/{occ}/move-out", staff, json={"moved_out": "2024-06-30"})
    assert r.status_code == 200, r.text
    assert r.json()["moved_out"] == "2024-06-30" and r.json()["moved_in"] == "2023-05-01"
    assert_problem(server.post(f"/api/v1/occupancies/{occ}/move-out", staff,
                               json={"moved_out": "2024-07-01"}), 409, "conflict")
    # Gone from the current lists, kept in the history.
    assert made["id"] not in {i["id"] for i in all_residents(server, staff, q=made["name"])}
    past = all_residents(server, staff, q=made["name"], include_moved_out=1)
    assert [p["dwellings"][0]["moved_out"] for p in past] == ["2024-06-30"]
    assert_problem(server.get(f"/api/v1/residents/{made['id']}", staff), 404, "not-found")
    r = server.get(f"/api/v1/residents/{made['id']}", staff, params={"include_moved_out": 1})
    assert r.status_code == 200
    assert [(o["id"], o["moved_out"]) for o in r.json()["occupancies"]] == [(occ, "2024-06-30")]
    # Moving into another home adds a row; the old one stays.
    r = server.post(f"/api/v1/residents/{made['id']}/occupancies", staff,
                    json={"dwelling_id": dwelling_of(server, "黄建华"), "relation": "tenant",
                          "moved_in": "2024-07-01"})
    assert r.status_code == 201, r.text
    r = server.get(f"/api/v1/residents/{made['id']}", staff, params={"include_moved_out": 1})
    assert [o["moved_out"] for o in r.json()["occupancies"]] == ["2024-06-30", None]


def test_demo_moved_out_tenant_is_history(server):
    zhao = demo_resident(server, "赵磊")
    assert zhao["dwellings"][0]["moved_out"] == "2024-06-30"
    staff = server.token("demo-community-staff")
    r = server.get(f"/api/v1/residents/{zhao['id']}", staff, params={"include_moved_out": 1})
    [occ] = r.json()["occupancies"]
    assert (occ["relation"], occ["moved_in"], occ["moved_out"]) == ("tenant", "2022-03-01",
                                                                       "2024-06-30")


def test_identical_open_link_is_kept(server):
    staff = server.token("demo-community-staff")
    made = create_resident(server, staff, relation="family")
    r = server.post(f"/api/v1/residents/{made['id']}/occupancies", staff,
                    json={"dwelling_id": made["occupancies"][0]["dwelling_id"],
                          "relation": "family"})
    assert r.status_code == 200 and r.json()["id"] == made["occupancies"][0]["id"]


def test_move_out_outside_scope_is_404(server):
    occ = demo_resident(server, "黄建华")
    staff = server.token("demo-community-staff")
    detail = server.get(f"/api/v1/residents/{occ['id']}", staff).json()
    r = server.post(f"/api/v1/occupancies/{detail['occupancies'][0]['id']}/move-out",
                    server.token("demo-grid-worker"), json={"moved_out": "2024-01-01"})
    assert_problem(r, 404, "not-found")


# --- tags and consents ------------------------------------------------------------

def test_tag_catalogue(server):
    r = server.get("/api/v1/tags", server.token("demo-grid-worker"))
    codes = {t["code"]: t for t in r.json()["items"]}
    assert {"aged_80_plus", "living_alone", "disabled", "seriously_ill"} <= set(codes)
    assert codes["disabled"]["sensitive"] is True and codes["aged_80_plus"]["sensitive"] is False


def test_subdistrict_adds_its_own_tag(server):
    staff = server.token("demo-community-staff")
    code = "t_" + secrets.token_hex(3)
    r = server.post("/api/v1/tags", staff, json={"code": code, "name_zh": "退役军人",
                                                 "name_en": "veteran"})
    assert r.status_code == 201, r.text
    assert r.json()["built_in"] is False and r.json()["sensitive"] is False
    assert code in {t["code"] for t in server.get("/api/v1/tags", staff).json()["items"]}
    # Not in the other sub-district's catalogue.
    other = server.get("/api/v1/tags", server.token("demo2-community-staff")).json()["items"]
    assert code not in {t["code"] for t in other}
    assert_problem(server.post("/api/v1/tags", staff, json={"code": code, "name_zh": "重复",
                                                            "name_en": "dup"}), 409, "conflict")
    assert_problem(server.post("/api/v1/tags", staff, json={"code": "disabled", "name_zh": "残",
                                                            "name_en": "x"}), 409, "conflict")
    assert_field_error(server.post("/api/v1/tags", staff, json={"code": "Bad Code",
                                                                "name_zh": "x", "name_en": "x"}),
                       "code", "invalid")
    made = create_resident(server, staff)
    r = put(server, f"/api/v1/residents/{made['id']}/tags", staff, json={"tags": [code]})
    assert r.status_code == 200 and r.json()["tags"] == [code]


def test_set_tags_and_filter_by_tag(server):
    staff = server.token("demo-community-staff")
    made = create_resident(server, staff)
    path = f"/api/v1/residents/{made['id']}/tags"
    r = put(server, path, staff, json={"tags": ["living_alone", "aged_80_plus", "living_alone"]})
    assert r.status_code == 200, r.text
    assert sorted(r.json()["tags"]) == ["aged_80_plus", "living_alone"]
    found = all_residents(server, staff, tag="living_alone")
    assert made["id"] in {i["id"] for i in found}
    assert {"陈桂英", "钱德福"} <= names(found)
    assert all("living_alone" in i["tags"] for i in found)
    r = put(server, path, staff, json={"tags": ["aged_80_plus"]})
    assert r.json()["tags"] == ["aged_80_plus"]
    assert_field_error(put(server, path, staff, json={"tags": ["no_such_tag"]}), "tags", "invalid")
    assert_field_error(put(server, path, staff, json={"tags": "aged_80_plus"}), "tags",
                       "wrong-type")
    assert_field_error(put(server, path, staff, json={}), "tags", "required")
    assert_problem(put(server, path, staff, data=b"{", headers={"Content-Type":
                                                                "application/json"}),
                   400, "malformed-json")
    r = server.get("/api/v1/residents", staff, params={"tag": "no_such_tag"})
    assert_field_error(r, "tag", "invalid")


def test_consent_given_and_withdrawn_with_who_and_when(server):
    staff = server.token("demo-community-staff")
    me = server.get("/api/v1/auth/me", staff).json()["user"]
    made = create_resident(server, staff)
    r = server.post(f"/api/v1/residents/{made['id']}/consents", staff,
                    json={"purpose": "care_tier", "given_by": "户主 张三"})
    assert r.status_code == 201, r.text
    c = r.json()
    assert (c["purpose"], c["given_by"], c["recorded_by"]) == ("care_tier", "户主 张三", me["id"])
    assert c["given_at"].endswith("+08:00") and c["withdrawn_at"] is None
    worker = server.token("demo-grid-worker")
    worker_id = server.get("/api/v1/auth/me", worker).json()["user"]["id"]
    r = server.post(f"/api/v1/consents/{c['id']}/withdraw", worker)
    assert r.status_code == 200, r.text
    assert r.json()["withdrawn_by"] == worker_id and r.json()["withdrawn_at"]
    assert_problem(server.post(f"/api/v1/consents/{c['id']}/withdraw", staff), 409, "conflict")
    detail = server.get(f"/api/v1/residents/{made['id']}", staff).json()
    assert [(x["id"], x["withdrawn_by"]) for x in detail["consents"]] == [(c["id"], worker_id)]
    assert_field_error(server.post(f"/api/v1/residents/{made['id']}/consents", staff,
                                   json={"purpose": "marketing", "given_by": "x"}),
                       "purpose", "invalid")
    # Another grid's worker cannot withdraw it.
    other = demo_resident(server, "黄建华")
    r = server.post(f"/api/v1/residents/{other['id']}/consents", staff,
                    json={"purpose": "registry", "given_by": "黄建华"})
    assert_problem(server.post(f"/api/v1/consents/{r.json()['id']}/withdraw", worker), 404,
                   "not-found")


# --- search, filters, pagination -----------------------------------------------------

def test_filters(server):
    staff = server.token("demo-community-staff")
    yang = demo_resident(server, "杨秀兰")
    dwelling = yang["dwellings"][0]["id"]
    place = server.get(f"/api/v1/places/{dwelling}", staff).json()
    entrance = server.get(f"/api/v1/places/{place['parent_id']}", staff).json()
    building = server.get(f"/api/v1/places/{entrance['parent_id']}", staff).json()
    compound = building["parent_id"]
    grid = place["grid_id"]
    by_dwelling = names(all_residents(server, staff, dwelling_id=dwelling))
    assert {"杨秀兰", "杨军"} <= by_dwelling
    by_building = names(all_residents(server, staff, building_id=building["id"]))
    assert {"吕文娟", "杨秀兰", "缪蓉"} <= by_building and not by_building & (GRID2 | {"郭美玲"})
    by_compound = names(all_residents(server, staff, compound_id=compound))
    assert {"郭美玲", "黄建华"} <= by_compound and not by_compound & GRID3
    assert names(all_residents(server, staff, grid_id=grid)) >= GRID1
    assert not names(all_residents(server, staff, grid_id=grid)) & (GRID2 | GRID3)
    # Filters combine.
    assert names(all_residents(server, staff, building_id=building["id"], q="杨")) >= {"杨秀兰",
                                                                                       "杨军"}
    assert all_residents(server, staff, dwelling_id=dwelling, q="吕文娟") == []


def test_search_by_name_phone_and_id_number(server):
    staff = server.token("demo-community-staff")
    assert names(all_residents(server, staff, q="秀兰")) == {"杨秀兰"}
    assert names(all_residents(server, staff, q=YANG_ID.lower())) == {"杨秀兰"}
    assert names(all_residents(server, staff, q="13305150051")) == {"杨秀兰"}
    assert all_residents(server, staff, q="%") == []  # LIKE wildcards are literal
    assert all_residents(server, staff, q="_") == []
    assert_field_error(server.get("/api/v1/residents", staff, params={"q": "长" * 65}), "q",
                       "invalid")


def test_cursor_pagination(server):
    staff = server.token("demo-community-staff")
    everyone = all_residents(server, staff, limit=200)
    paged = all_residents(server, staff, limit=4)
    assert [p["id"] for p in paged] == [p["id"] for p in everyone]
    assert [p["id"] for p in paged] == sorted(p["id"] for p in paged)
    r = server.get("/api/v1/residents", staff, params={"limit": 4})
    assert len(r.json()["items"]) == 4 and r.json()["next_after"] == r.json()["items"][-1]["id"]
    assert_field_error(server.get("/api/v1/residents", staff, params={"limit": 500}), "limit",
                       "invalid")
    assert_field_error(server.get("/api/v1/residents", staff, params={"grid_id": "x"}), "grid_id",
                       "invalid")


def test_summary_shape(server):
    yang = demo_resident(server, "杨秀兰")
    assert set(yang) == {"id", "name", "sex", "birth_date", "age", "id_number", "phone", "tags",
                         "dwellings", "party_member", "minor"}
    assert yang["minor"] is False
    assert yang["age"] >= 76 and yang["sex"] == "female" and yang["birth_date"] == "1948-05-20"
    assert yang["dwellings"] == [{"id": yang["dwellings"][0]["id"], "label": "紫薇花园 1幢 1单元 301",
                                  "relation": "owner", "moved_out": None}]
    assert demo_resident(server, "缪蓉")["party_member"] is True
    assert yang["party_member"] is False


# --- list matching ------------------------------------------------------------------

def test_list_matching(server):
    staff = server.token("demo-community-staff")
    unknown = new_id_number("19610101")
    lines = ["身份证号或手机号", YANG_ID.lower(), "13605150023", "", OTHER_DISTRICT_ID, unknown,
             "abc", "=\"320902193701080075\"", "13800000000x"]
    r = server.post("/api/v1/residents/match", staff, data="\r\n".join(lines).encode(),
                    headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text
    body = r.json()
    by_name = {m["name"]: m for m in body["matched"]}
    assert set(by_name) == {"杨秀兰", "陈桂英", "钱德福"}
    yang = by_name["杨秀兰"]
    assert yang["input"] == YANG_ID and yang["grid"] == "第一网格"
    assert yang["building"] == "紫薇花园 1幢" and yang["dwelling"] == "紫薇花园 1幢 1单元 301"
    assert "董甜" in yang["grid_workers"]
    assert by_name["钱德福"]["grid"] == "第三网格"
    assert body["unmatched"] == [OTHER_DISTRICT_ID, unknown]
    assert body["invalid"] == [{"line": 7, "input": "abc"}, {"line": 9, "input": "13800000000x"}]


def test_list_matching_needs_export_and_stays_in_scope(server):
    assert_problem(server.post("/api/v1/residents/match", server.token("demo-grid-worker"),
                               data=YANG_ID), 403, "forbidden")
    r = server.post("/api/v1/residents/match", server.token("demo2-community-staff"),
                    data=f"{YANG_ID}\n{OTHER_DISTRICT_PHONE}\n")
    assert r.status_code == 200, r.text
    assert [m["name"] for m in r.json()["matched"]] == ["韩梅"]
    assert r.json()["unmatched"] == [YANG_ID]


def test_list_matching_skips_moved_out(server):
    r = server.post("/api/v1/residents/match", server.token("demo-community-staff"),
                    data="320902199507070073\n")  # 赵磊 moved out
    assert r.json()["matched"] == [] and r.json()["unmatched"] == ["320902199507070073"]


def test_list_matching_too_long_is_422(server):
    body = ("13800000000\n" * 20001).encode()
    r = server.post("/api/v1/residents/match", server.token("demo-community-staff"), data=body)
    assert_field_error(r, "body", "too-long")


def test_former_home_reads_but_writes_only_while_they_live_nowhere_else(server):
    staff, worker = server.token("demo-community-staff"), server.token("demo-grid-worker")
    made = create_resident(server, staff, relation="tenant", moved_in="2023-01-01")
    occ = made["occupancies"][0]["id"]
    server.post(f"/api/v1/occupancies/{occ}/move-out", staff, json={"moved_out": "2024-01-31"})
    # Living nowhere now: the last home's grid keeps the record.
    r = server.patch(f"/api/v1/residents/{made['id']}", worker, json={"note": "已搬离"})
    assert r.status_code == 200, r.text
    # Moved into 第二网格: 第一网格 reads the history but no longer writes.
    r = server.post(f"/api/v1/residents/{made['id']}/occupancies", staff,
                    json={"dwelling_id": dwelling_of(server, "黄建华"), "relation": "tenant"})
    assert r.status_code == 201, r.text
    assert_problem(server.patch(f"/api/v1/residents/{made['id']}", worker, json={"note": "x"}),
                   404, "not-found")
    assert_problem(server.get(f"/api/v1/residents/{made['id']}", worker), 404, "not-found")
    r = server.get(f"/api/v1/residents/{made['id']}", worker, params={"include_moved_out": 1})
    assert r.status_code == 200
    # Only the home in the worker's grid is shown, not the new address.
    assert [o["id"] for o in r.json()["occupancies"]] == [occ]
