"""How an import's rows are written (src/transfer/import_apply.c; on
PostgreSQL through COPY into staging tables, src/transfer/import_copy.c).

What an import writes reads back exactly as the file had it: backslashes,
quotes, line breaks, Chinese, text that looks like a marker (\\N, \\.), and
empty cells as no value (null), never as "". COPY's text format gives a
backslash, a tab, a line break and \\N meanings of their own
(src/store/db_copy.h): each value here would come back changed, or fail the
import, if one were not escaped.

An ID number someone registers while the import is being written refuses
its row, reported by line, and nothing of the import stays."""
import datetime
import threading
import time

import pytest

import helpers
from conftest import Server, _finish

HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积", "网格", "姓名", "性别", "出生日期",
          "身份证号", "手机", "关系", "入住日期", "标签", "备注"]
COMPOUND = '反斜杠\\小区"东"'

# (building, room, name, sex, with an ID number, phone, moved in, tags, note as written)
PEOPLE = [
    ("\\N幢", "101", "\\N", "", True, "13800138000", "2020/3/5", "独居",
     "C:\\new\\table\n第二行 \\N 与 \\. 结尾\\"),
    ("\\N幢", "102", "\\.", "女", False, "", "", "", ""),
    ("C:\\new", "101", "张\\t三", "", True, "", "2021/1/2", "独居",
     '单\'引\'号与双"引"号，\\t 不是制表符'),
    ("C:\\new", "102", '李"四"', "男", False, "", "", "", "\\"),
    ("C:\\new", "201", "王'五'", "", True, "", "", "", "行一\r\n行二\r\n\\r 不是回车"),
]


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


def child(srv, token, parent_id, name):
    r = srv.get(f"/api/v1/places?parent_id={parent_id}&limit=200", token)
    assert r.status_code == 200, r.text
    found = [p for p in r.json()["items"] if p["name"] == name]
    assert len(found) == 1, (name, [p["name"] for p in r.json()["items"]])
    return found[0]


@pytest.fixture(scope="module")
def body():
    out = []
    for building, room, name, sex, with_id, phone, moved_in, tags, note in PEOPLE:
        number = helpers.new_id_number(male=(name != "王'五'")) if with_id else ""
        out.append([COMPOUND, building, "1单元", room, "", "80", "第一网格", name, sex, "", number,
                    phone, "业主", moved_in, tags, note])
    return helpers.csv_bytes(out, HEADER)


@pytest.fixture(scope="module")
def community(srv):
    admin = srv.admin()
    queue = srv.get("/api/v1/places", admin).json()["items"]
    while queue:
        p = queue.pop(0)
        if p["kind"] == "community" and p["name"] == "聚龙湖社区":
            return p["id"]
        if p["kind"] == "subdistrict":
            queue += srv.get(f"/api/v1/places?parent_id={p['id']}", admin).json()["items"]
    raise AssertionError("no 聚龙湖社区")


def post_import(srv, community, body):
    return srv.post(f"/api/v1/imports/residents?community_id={community}",
                    srv.token("demo-community-staff"), data=body,
                    headers={"Content-Type": "text/csv"})


def test_text_reads_back_exactly(srv, community, body):
    staff, admin = srv.token("demo-community-staff"), srv.admin()
    r = post_import(srv, community, body)
    assert r.status_code == 200, r.text
    assert r.json()["created"] == len(PEOPLE) and r.json()["committed"] is True

    compound = child(srv, admin, community, COMPOUND)
    assert compound["kind"] == "compound"
    for building in ("\\N幢", "C:\\new"):
        assert child(srv, admin, compound["id"], building)["kind"] == "building"

    listed = helpers.all_pages(srv, staff, "/api/v1/residents", compound_id=compound["id"])
    by_name = {p["name"]: p for p in listed}
    assert sorted(by_name) == sorted(p[2] for p in PEOPLE)
    for building, room, name, sex, with_id, phone, moved_in, tags, note in PEOPLE:
        summary = by_name[name]
        assert summary["dwellings"][0]["label"] == f"{COMPOUND} {building} 1单元 {room}"
        detail = srv.get(f"/api/v1/residents/{summary['id']}", staff)
        assert detail.status_code == 200, detail.text
        d = detail.json()
        assert d["note"] == (note.replace("\r\n", "\n") or None), (name, d["note"])
        assert (d["phone"] is None) == (phone == ""), (name, d["phone"])
        assert (d["id_number"] is None) == (not with_id), (name, d["id_number"])
        if not with_id:
            assert d["birth_date"] is None and d["sex"] == {"女": "female", "男": "male"}[sex]
        moved = d["occupancies"][0]["moved_in"]
        assert (moved is None) == (moved_in == ""), (name, moved)
        assert summary["tags"] == (["living_alone"] if tags else []), (name, summary["tags"])

    # The search keys the triggers keep: found by a piece of the name, and by
    # tag, over the whole community.
    def found(**params):
        return {p["id"] for p in helpers.all_pages(srv, staff, "/api/v1/residents", **params)}
    assert by_name['李"四"']["id"] in found(q="四")
    assert by_name["王'五'"]["id"] in found(q="五")
    alone = found(tag="living_alone")
    assert {by_name["\\N"]["id"], by_name["张\\t三"]["id"]} <= alone
    assert by_name["\\."]["id"] not in alone


def test_the_same_file_again_changes_nothing(srv, community, body):
    """Matched again by ID number, or by name in the dwelling, and compared
    cell by cell: a value stored otherwise than the file has it would be an
    update, a name or place name stored otherwise a new record."""
    r = post_import(srv, community, body)
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["created"], report["updated"], report["places_created"]) == (0, 0, 0), report


query = helpers.db_value


def id_number(i):
    """The i-th of many valid ID numbers of a region no other test here uses."""
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=i // 400)
    body = "330106" + born.strftime("%Y%m%d") + f"{100 + i % 400:03d}"
    return body + helpers._ID_CHECK[sum(int(d) * w for d, w in zip(body, helpers._ID_WEIGHTS)) % 11]


def test_a_number_registered_during_the_write_refuses_its_row(srv, community):
    staff = srv.token("demo-community-staff")
    rows = []
    for i in range(6000):
        building, rest = divmod(i, 80)
        floor, n = divmod(rest, 4)
        rows.append(["抢号小区", f"{building + 1}幢", "1单元", f"{floor + 1}{n + 1:02d}", "", "80",
                     "第一网格", f"抢号{i}", "", "", id_number(i), "", "业主", "", "", ""])
    late = rows[-1][10]  # in the import's last residents step
    home = srv.get("/api/v1/residents", staff, params={"q": "杨秀兰"}).json()["items"][0]
    body, result = helpers.csv_bytes(rows, HEADER), {}
    importer = threading.Thread(
        target=lambda: result.update(r=post_import(srv, community, body)))
    importer.start()
    # The rows are checked before anything is written; once the import is
    # being written, someone registers the last row's number in another home.
    deadline = time.monotonic() + 120
    while query(srv.db, "SELECT count(*) FROM imports WHERE state = 'applying'") != "1":
        assert importer.is_alive() and time.monotonic() < deadline
        time.sleep(0.005)
    r = srv.post("/api/v1/residents", staff,
                 json={"name": "抢先登记", "id_number": late, "relation": "tenant",
                       "dwelling_id": home["dwellings"][0]["id"]})
    assert r.status_code == 201, r.text
    importer.join()
    r = result["r"]
    assert r.status_code == 422, r.text[:500]
    report = r.json()
    assert report["committed"] is False and report["rejected_rows"] == 1, report
    assert [(x["line"], x["field"]) for x in report["rejected"]] == [(6001, "id_number")]
    assert query(srv.db, "SELECT state FROM imports ORDER BY id DESC LIMIT 1") == "undone"
    assert query(srv.db, "SELECT count(*) FROM import_undo") == "0"
    assert query(srv.db, "SELECT count(*) FROM residents WHERE name LIKE '抢号%'") == "0"
    assert query(srv.db, "SELECT count(*) FROM places WHERE name = '抢号小区'") == "0"
    assert query(srv.db, "SELECT count(*) FROM residents WHERE name = '抢先登记'") == "1"
    # The search keys of the undone rows went with them.
    helpers.assert_search_keys_derived(srv.db)
