"""One validator for every path: what the CSV import refuses, the API refuses
too, for the same rule (registry/resident.h, place/place.h, base/text.h), and
what one takes the other takes. Each test asks both and compares verdicts.

A private server: the tests add people and places."""
import random
import secrets
from datetime import datetime, timedelta, timezone

import pytest

from conftest import Server, _finish
import helpers
from helpers import assert_problem, new_id_number as id_number
from places_helpers import children, place

HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积", "网格", "姓名", "性别", "出生日期",
          "身份证号", "手机", "关系", "入住日期", "标签", "备注"]
def today_cst():
    """The server's today: China Standard Time."""
    return datetime.now(timezone(timedelta(hours=8))).date()


def years_later(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


@pytest.fixture(scope="module")
def staff(srv):
    return srv.token("demo-community-staff")


@pytest.fixture(scope="module")
def demo(srv):
    """Ids of the demo places these tests write under."""
    community = place(srv, "新都街道", "聚龙湖社区")
    compound = place(srv, "新都街道", "聚龙湖社区", "紫薇花园")
    entrance = place(srv, "新都街道", "聚龙湖社区", "紫薇花园", "1幢", "1单元")
    d301 = [p for p in children(srv, srv.admin(), entrance["id"]) if p["name"] == "301"][0]
    grid = place(srv, "新都街道", "聚龙湖社区", "第一网格")
    return {"community": community["id"], "compound": compound["id"],
            "entrance": entrance["id"], "d301": d301["id"], "grid": grid["id"]}


def csv_bytes(rows, header=HEADER):
    return helpers.csv_bytes(rows, header)


def row(name="同一规则", sex="", birth="", idn="", relation="家属", moved_in="", note="",
        room="301"):
    return ["紫薇花园", "1幢", "1单元", room, "", "", "第一网格", name, sex, birth, idn, "",
            relation, moved_in, "", note]


def do_import(srv, token, kind, community, rows, header=HEADER, dry_run=True):
    q = f"?community_id={community}" + ("&dry_run=1" if dry_run else "")
    return srv.post(f"/api/v1/imports/{kind}{q}", token, data=csv_bytes(rows, header),
                    headers={"Content-Type": "text/csv"})


def api_verdict(r):
    """'ok', or the set of fields a 422 names."""
    if r.status_code in (200, 201):
        return "ok"
    body = assert_problem(r, 422, "validation-failed")
    return {e["field"] for e in body["errors"]}


def import_verdict(r):
    """'ok', or the set of fields the rejected rows name."""
    if r.status_code == 200:
        return "ok"
    body = assert_problem(r, 422, "validation-failed")
    return {x["field"] for x in body["rejected"]}


def new_resident(srv, staff, demo, dwelling=None, **over):
    body = {"name": "规则" + secrets.token_hex(2), "dwelling_id": dwelling or demo["d301"],
            "relation": "family"}
    body.update(over)
    return srv.post("/api/v1/residents", staff, json=body)


def detail(srv, staff, rid):
    r = srv.get(f"/api/v1/residents/{rid}", staff)
    assert r.status_code == 200, r.text
    return r.json()


def by_id_number(srv, staff, n):
    r = srv.get("/api/v1/residents", staff, params={"q": n})
    assert r.status_code == 200, r.text
    return r.json()["items"]


def new_dwelling(srv, staff, demo, floor=9):
    """A dwelling of its own under 紫薇花园 1幢 1单元, nobody living there."""
    for _ in range(20):
        name = f"{floor}{random.randrange(10, 99)}"
        r = srv.post("/api/v1/places", staff, json={"kind": "dwelling", "name": name,
                                                    "parent_id": demo["entrance"]})
        if r.status_code == 201:
            return r.json()
        assert r.status_code == 409, r.text
    raise AssertionError("no free room number")


# --- a. a sex that contradicts the ID number -----------------------------------------


def test_a_sex_that_contradicts_the_id_number(srv, staff, demo):
    man = id_number(male=True)
    imp = do_import(srv, staff, "residents", demo["community"],
                    [row(name="性别矛盾", sex="女", idn=man)])
    api = new_resident(srv, staff, demo, name="性别矛盾", id_number=man, sex="female")
    assert import_verdict(imp) == api_verdict(api) == {"sex"}
    msg = [e for e in api.json()["errors"] if e["field"] == "sex"][0]["message"]
    assert "身份证" in msg
    assert imp.json()["rejected"][0]["message"] == msg  # one rule, one message
    # The sex the number says passes both.
    imp = do_import(srv, staff, "residents", demo["community"],
                    [row(name="性别一致", sex="男", idn=man)])
    api = new_resident(srv, staff, demo, name="性别一致", id_number=man, sex="male")
    assert import_verdict(imp) == api_verdict(api) == "ok"
    # Changing the sex alone against the number: refused too.
    r = srv.patch(f"/api/v1/residents/{api.json()['id']}", staff, json={"sex": "female"})
    assert api_verdict(r) == {"sex"}
    # A new number without a sex: the sex follows the number.
    woman = id_number(male=False)
    r = srv.patch(f"/api/v1/residents/{api.json()['id']}", staff, json={"id_number": woman})
    assert r.status_code == 200, r.text
    assert r.json()["sex"] == "female"


# --- b. names blank once spaces and zero-width characters are trimmed ----------------

BLANK_NAMES = ["\u3000", "\u00a0\u200b", " \t ", "\u2003\ufeff", "\u200b", "\u2060\u200d",
               "\u3000\u3000"]


@pytest.mark.parametrize("name", BLANK_NAMES, ids=[repr(n) for n in BLANK_NAMES])
def test_b_blank_names_are_refused_on_both_paths(srv, staff, demo, name):
    imp = do_import(srv, staff, "residents", demo["community"], [row(name=name)])
    api = new_resident(srv, staff, demo, name=name)
    assert import_verdict(imp) == api_verdict(api) == {"name"}
    # PATCH too.
    made = new_resident(srv, staff, demo)
    assert made.status_code == 201, made.text
    r = srv.patch(f"/api/v1/residents/{made.json()['id']}", staff, json={"name": name})
    assert api_verdict(r) == {"name"}


def test_b_spaces_around_a_name_are_trimmed_on_both_paths(srv, staff, demo):
    api = new_resident(srv, staff, demo, name="\u3000张\u3000三\u00a0 ")
    assert api.status_code == 201, api.text
    assert api.json()["name"] == "张\u3000三"  # inside, a space stays
    n = id_number()
    imp = do_import(srv, staff, "residents", demo["community"],
                    [row(name="\u200b\u00a0李 四\u3000", idn=n)], dry_run=False)
    assert imp.status_code == 200, imp.text
    assert [p["name"] for p in by_id_number(srv, staff, n)] == ["李 四"]


@pytest.mark.parametrize("name", ["王\u200b五", "王\u200e五", "赵\u202e六", "\u00ad钱七"])
def test_b_invisible_characters_inside_a_name_are_refused(srv, staff, demo, name):
    imp = do_import(srv, staff, "residents", demo["community"], [row(name=name)])
    api = new_resident(srv, staff, demo, name=name)
    assert import_verdict(imp) == api_verdict(api) == {"name"}


# --- c. move-in dates ------------------------------------------------------------------


def test_c_move_in_far_in_the_future_is_refused(srv, staff, demo):
    far = years_later(today_cst(), 2).isoformat()
    imp = do_import(srv, staff, "residents", demo["community"], [row(moved_in=far)])
    api = new_resident(srv, staff, demo, moved_in=far)
    assert import_verdict(imp) == api_verdict(api) == {"moved_in"}
    made = new_resident(srv, staff, demo)
    assert made.status_code == 201, made.text
    other = new_dwelling(srv, staff, demo)
    r = srv.post(f"/api/v1/residents/{made.json()['id']}/occupancies", staff,
                 json={"dwelling_id": other["id"], "relation": "tenant", "moved_in": far})
    assert api_verdict(r) == {"moved_in"}
    # A lease signed for next month, or at the year's bound, is fine.
    for soon in ((today_cst() + timedelta(days=30)).isoformat(),
                 years_later(today_cst(), 1).isoformat()):
        imp = do_import(srv, staff, "residents", demo["community"], [row(moved_in=soon)])
        api = new_resident(srv, staff, demo, moved_in=soon)
        assert import_verdict(imp) == api_verdict(api) == "ok"
    day_after = (years_later(today_cst(), 1) + timedelta(days=1)).isoformat()
    imp = do_import(srv, staff, "residents", demo["community"], [row(moved_in=day_after)])
    api = new_resident(srv, staff, demo, moved_in=day_after)
    assert import_verdict(imp) == api_verdict(api) == {"moved_in"}


def test_c_move_in_before_birth_is_refused(srv, staff, demo):
    n = id_number(born="1990-06-15")
    imp = do_import(srv, staff, "residents", demo["community"],
                    [row(idn=n, moved_in="1990-01-01")])
    api = new_resident(srv, staff, demo, id_number=n, moved_in="1990-01-01")
    assert import_verdict(imp) == api_verdict(api) == {"moved_in"}
    # Birth date given without a number: the same.
    imp = do_import(srv, staff, "residents", demo["community"],
                    [row(birth="2001-02-03", moved_in="2000-12-31")])
    api = new_resident(srv, staff, demo, birth_date="2001-02-03", moved_in="2000-12-31")
    assert import_verdict(imp) == api_verdict(api) == {"moved_in"}
    # Moving a registered person in elsewhere: the registered birth date counts.
    made = new_resident(srv, staff, demo, birth_date="2001-02-03")
    assert made.status_code == 201, made.text
    other = new_dwelling(srv, staff, demo)
    r = srv.post(f"/api/v1/residents/{made.json()['id']}/occupancies", staff,
                 json={"dwelling_id": other["id"], "relation": "tenant", "moved_in": "2000-01-01"})
    assert api_verdict(r) == {"moved_in"}
    # ... and in an import, a row without the date matched by name to that person.
    name = made.json()["name"]
    imp = do_import(srv, staff, "residents", demo["community"],
                    [row(name=name, moved_in="2000-01-01")])
    assert import_verdict(imp) == {"moved_in"}
    # On the day of birth is fine.
    imp = do_import(srv, staff, "residents", demo["community"],
                    [row(name=name, moved_in="2001-02-03")])
    assert import_verdict(imp) == "ok"


# --- d. a floor area of 0 --------------------------------------------------------------

DWELLING_HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积"]
BUILDING_HEADER = ["小区", "楼栋", "网格", "单元数", "层数", "每层户数", "面积"]


@pytest.mark.parametrize("area", ["0", "0.00", "0.0000", "-5"])
def test_d_zero_or_negative_area_is_refused_everywhere(srv, staff, demo, area):
    room = f"8{random.randrange(10, 99)}"
    imp = do_import(srv, staff, "dwellings", demo["community"],
                    [["紫薇花园", "1幢", "1单元", room, "8", area]], header=DWELLING_HEADER)
    api = srv.post("/api/v1/places", staff, json={"kind": "dwelling", "name": room, "floor": 8,
                                                  "parent_id": demo["entrance"], "area_m2": area})
    assert import_verdict(imp) == api_verdict(api) == {"area_m2"}
    # PATCH of a registered dwelling.
    d = new_dwelling(srv, staff, demo)
    r = srv.patch(f"/api/v1/places/{d['id']}", staff, json={"area_m2": area})
    assert api_verdict(r) == {"area_m2"}
    imp = do_import(srv, staff, "dwellings", demo["community"],
                    [["紫薇花园", "1幢", "1单元", d["name"], "", area]], header=DWELLING_HEADER)
    assert import_verdict(imp) == {"area_m2"}
    # Generated buildings.
    name = "零面积" + secrets.token_hex(2)
    imp = do_import(srv, staff, "buildings", demo["community"],
                    [["紫薇花园", name, "第一网格", "1", "2", "2", area]], header=BUILDING_HEADER)
    api = srv.post(f"/api/v1/places/{demo['compound']}/buildings", staff,
                   json={"name": name, "grid_id": demo["grid"], "entrances": 1, "floors": 2,
                         "per_floor": 2, "area_m2": area})
    assert import_verdict(imp) == api_verdict(api) == {"area_m2"}


def test_d_a_small_area_is_still_an_area(srv, staff, demo):
    room = f"7{random.randrange(10, 99)}"
    imp = do_import(srv, staff, "dwellings", demo["community"],
                    [["紫薇花园", "1幢", "1单元", room, "7", "0.01"]], header=DWELLING_HEADER)
    api = srv.post("/api/v1/places", staff, json={"kind": "dwelling", "name": room, "floor": 7,
                                                  "parent_id": demo["entrance"], "area_m2": "0.01"})
    assert import_verdict(imp) == api_verdict(api) == "ok"


# --- e. notes with line breaks -----------------------------------------------------------


def test_e_a_note_keeps_its_line_breaks_as_lf_on_both_paths(srv, staff, demo):
    typed = "\r\n第一行：独居\r\n第二行\n\n第三行\r结尾 \r\n"
    stored = "第一行：独居\n第二行\n\n第三行\n结尾"
    api = new_resident(srv, staff, demo, note=typed)
    assert api.status_code == 201, api.text
    assert detail(srv, staff, api.json()["id"])["note"] == stored
    n = id_number()
    imp = do_import(srv, staff, "residents", demo["community"], [row(idn=n, note=typed)],
                    dry_run=False)
    assert imp.status_code == 200, imp.text
    [p] = by_id_number(srv, staff, n)
    assert detail(srv, staff, p["id"])["note"] == stored
    # PATCH the same way.
    r = srv.patch(f"/api/v1/residents/{api.json()['id']}", staff, json={"note": "甲\r\n乙"})
    assert r.status_code == 200 and r.json()["note"] == "甲\n乙", r.text


@pytest.mark.parametrize("note", ["响铃\x07", "制表\t符", "换页\x0c中间", "退格\x08", "C1\u0085控制"])
def test_e_other_control_characters_in_a_note_are_refused(srv, staff, demo, note):
    imp = do_import(srv, staff, "residents", demo["community"], [row(note=note)])
    api = new_resident(srv, staff, demo, note=note)
    assert import_verdict(imp) == api_verdict(api) == {"note"}


def test_e_a_note_of_500_characters_with_line_breaks(srv, staff, demo):
    note = ("一" * 99 + "\n") * 5  # 500 characters, the last break trimmed
    imp = do_import(srv, staff, "residents", demo["community"], [row(note=note)])
    api = new_resident(srv, staff, demo, note=note)
    assert import_verdict(imp) == api_verdict(api) == "ok"
    note = "二" * 501
    imp = do_import(srv, staff, "residents", demo["community"], [row(note=note)])
    api = new_resident(srv, staff, demo, note=note)
    assert import_verdict(imp) == api_verdict(api) == {"note"}


# --- f. two people of one name without ID numbers in one home --------------------------


def test_f_same_name_housemates_without_id_numbers_stay_apart(srv, staff, demo):
    d = new_dwelling(srv, staff, demo)
    for phone in ("13900000001", "13900000002"):
        r = new_resident(srv, staff, demo, dwelling=d["id"], name="同名同户", phone=phone)
        assert r.status_code == 201, r.text
    rows = [row(name="同名同户", room=d["name"]) for _ in range(2)]
    rep = do_import(srv, staff, "residents", demo["community"], rows)
    assert rep.status_code == 200, rep.text
    assert (rep.json()["created"], rep.json()["unchanged"]) == (0, 2), rep.json()
    # A third row of the name is a third person, not the first one again.
    rep = do_import(srv, staff, "residents", demo["community"], rows + [rows[0]], dry_run=False)
    assert rep.status_code == 200, rep.text
    assert (rep.json()["created"], rep.json()["unchanged"]) == (1, 2), rep.json()
    r = srv.get("/api/v1/residents", staff, params={"dwelling_id": d["id"]})
    assert [p["name"] for p in r.json()["items"]] == ["同名同户"] * 3
    # The same file again: three rows, three people, nothing new.
    rep = do_import(srv, staff, "residents", demo["community"], rows + [rows[0]])
    assert (rep.json()["created"], rep.json()["unchanged"]) == (0, 3), rep.json()


# --- other gaps of the same kind ---------------------------------------------------------


def test_a_new_dwelling_needs_its_floor_on_both_paths(srv, staff, demo):
    name = "商铺" + secrets.token_hex(2)
    imp = do_import(srv, staff, "dwellings", demo["community"],
                    [["紫薇花园", "1幢", "1单元", name, "", ""]], header=DWELLING_HEADER)
    api = srv.post("/api/v1/places", staff, json={"kind": "dwelling", "name": name,
                                                  "parent_id": demo["entrance"]})
    assert import_verdict(imp) == api_verdict(api) == {"floor"}
    # A room numbered floor*100 + n gives its floor, on both paths.
    d = new_dwelling(srv, staff, demo, floor=12)
    assert d["floor"] == 12


@pytest.mark.parametrize("name", ["\u3000", " \u200b", "1幢\n2幢", "1\u200b幢"])
def test_place_names_follow_one_rule(srv, staff, demo, name):
    imp = do_import(srv, staff, "dwellings", demo["community"],
                    [["紫薇花园", name, "1单元", "101", "1", ""]], header=DWELLING_HEADER)
    api = srv.post("/api/v1/places", staff, json={"kind": "building", "name": name,
                                                  "parent_id": demo["compound"],
                                                  "grid_id": demo["grid"]})
    assert import_verdict(imp) == {"building"}
    assert api_verdict(api) == {"name"}


def test_place_names_are_trimmed_on_both_paths(srv, staff, demo):
    name = "修剪楼" + secrets.token_hex(2)
    r = srv.post("/api/v1/places", staff, json={"kind": "building", "name": f"\u3000{name} ",
                                                "parent_id": demo["compound"],
                                                "grid_id": demo["grid"]})
    assert r.status_code == 201 and r.json()["name"] == name, r.text
    # The import finds it by the trimmed name: no second building.
    imp = do_import(srv, staff, "buildings", demo["community"],
                    [["紫薇花园", f"{name}\u00a0", "第一网格", "", "", "", ""]],
                    header=BUILDING_HEADER)
    assert imp.status_code == 200 and imp.json()["unchanged"] == 1, imp.text


def test_tag_names_must_read_back_from_a_sheet(srv, staff):
    code = "t_" + secrets.token_hex(3)
    for bad in ("独居、空巢", "a;b", "甲|乙", " 前空格"):
        r = srv.post("/api/v1/tags", staff, json={"code": code, "name_zh": bad, "name_en": "x y"})
        assert api_verdict(r) == {"name_zh"}, bad
    # A name another tag already answers to: the import could not tell them apart.
    r = srv.post("/api/v1/tags", staff, json={"code": code, "name_zh": "独居", "name_en": "x"})
    body = assert_problem(r, 409, "conflict")
    assert [e["field"] for e in body["errors"]] == ["name_zh"]
    r = srv.post("/api/v1/tags", staff, json={"code": code, "name_zh": "新标签" + code,
                                              "name_en": "Living_Alone"})
    assert [e["field"] for e in assert_problem(r, 409, "conflict")["errors"]] == ["name_en"]
