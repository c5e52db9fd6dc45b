"""CSV import and CSV / Excel export of the registry (src/transfer).

A private server: imports add people and places, which other test files
must not see. Tests that write use people of their own (fresh ID numbers)."""
import csv
import io
import random
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import BIN, REPO, Server, _finish
import helpers
from helpers import assert_problem, new_id_number as id_number

SAMPLES = REPO / "samples"
HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积", "网格", "姓名", "性别", "出生日期",
          "身份证号", "手机", "关系", "入住日期", "标签"]
def csv_bytes(rows, header=HEADER, encoding="utf-8-sig"):
    return helpers.csv_bytes(rows, header, encoding)


def person(room, name, relation="业主", building="1幢", compound="紫薇花园", grid="第一网格",
           tags="", male=True, phone=""):
    return [compound, building, "1单元", room, "", "89.57", grid, name, "男" if male else "女", "",
            id_number(male), phone, relation, "2020/3/5", tags]


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


def find_place(srv, kind, name, token=None):
    """Breadth-first over what the admin sees: the first place of kind and name."""
    token = token or srv.admin()
    queue = srv.get("/api/v1/places", token).json()["items"]
    while queue:
        p = queue.pop(0)
        if p["kind"] == kind and p["name"] == name:
            return p
        if p["kind"] in ("subdistrict", "community", "compound"):
            r = srv.get(f"/api/v1/places?parent_id={p['id']}", token)
            queue += [c for c in r.json()["items"] if c["parent_id"] == p["id"]]
    raise AssertionError(f"no {kind} {name}")


@pytest.fixture(scope="module")
def community(srv):
    return find_place(srv, "community", "聚龙湖社区")["id"]


@pytest.fixture(scope="module")
def staff(srv):
    return srv.token("demo-community-staff")


def do_import(srv, token, kind, community_id, body, dry_run=False, **headers):
    q = f"?community_id={community_id}" + ("&dry_run=1" if dry_run else "")
    h = {"Content-Type": "text/csv"}
    h.update(headers)
    return srv.post(f"/api/v1/imports/{kind}{q}", token, data=body, headers=h)


def residents_with(srv, token, q):
    r = srv.get(f"/api/v1/residents?q={q}", token)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def count_residents(srv, token):
    n, after = 0, None
    while True:
        r = srv.get("/api/v1/residents?limit=200" + (f"&after={after}" if after else ""), token)
        assert r.status_code == 200, r.text
        n += len(r.json()["items"])
        after = r.json()["next_after"]
        if not after:
            return n


# --- import ---------------------------------------------------------------


def test_demo_residents_came_through_the_import(srv):
    """`hongwu demo` loads its residents with the CSV import."""
    found, after = [], None
    for _ in range(50):
        r = srv.get("/api/v1/audit?limit=200" + (f"&after={after}" if after else ""), srv.admin())
        assert r.status_code == 200, r.text
        page = r.json()
        found += [x for x in page["items"] if x["action"] == "import"]
        after = page.get("next_after")
        if not after:
            break
    demo = [x for x in found if x["user_id"] is None]
    assert len(demo) == 2, found  # one sheet per demo community
    assert sorted(x["after"]["rows"] for x in demo) == [1, 21]


def test_sample_imports_then_reimport_changes_nothing(srv, community, staff):
    body = (SAMPLES / "registry-sample.csv").read_bytes()
    before = count_residents(srv, staff)
    r = do_import(srv, staff, "residents", community, body)
    assert r.status_code == 200, r.text
    rep = r.json()
    assert (rep["rows"], rep["created"], rep["updated"], rep["unchanged"]) == (10, 10, 0, 0)
    assert rep["rejected"] == [] and rep["committed"] is True and rep["dry_run"] is False
    assert rep["encoding"] == "UTF-8"
    # 紫薇花园 5幢 was new: the building, its entrance and dwelling were created.
    assert rep["places_created"] >= 3
    assert count_residents(srv, staff) == before + 10
    found = residents_with(srv, staff, "320902193805170227")
    assert [p["name"] for p in found] == ["周桂英"]
    assert sorted(found[0]["tags"]) == ["aged_80_plus", "living_alone"]
    assert found[0]["sex"] == "female" and found[0]["birth_date"] == "1938-05-17"

    again = do_import(srv, staff, "residents", community, body)
    assert again.status_code == 200, again.text
    rep = again.json()
    assert (rep["rows"], rep["created"], rep["updated"], rep["unchanged"]) == (10, 0, 0, 10)
    assert rep["places_created"] == 0
    assert count_residents(srv, staff) == before + 10


def test_dry_run_writes_nothing(srv, community, staff):
    rows = [person("601", "试运行甲"), person("601", "试运行乙", "家属", male=False)]
    r = do_import(srv, staff, "residents", community, csv_bytes(rows), dry_run=True)
    assert r.status_code == 200, r.text
    rep = r.json()
    assert rep["dry_run"] is True and rep["committed"] is False
    assert (rep["rows"], rep["created"]) == (2, 2)
    assert residents_with(srv, staff, rows[0][10]) == []
    # The same file for real writes both.
    r = do_import(srv, staff, "residents", community, csv_bytes(rows))
    assert r.status_code == 200, r.text
    assert [p["name"] for p in residents_with(srv, staff, rows[1][10])] == ["试运行乙"]


def test_broken_file_rejects_every_bad_row_and_writes_nothing(srv, community, staff):
    body = (SAMPLES / "registry-broken.csv").read_bytes()
    before = count_residents(srv, staff)
    r = do_import(srv, staff, "residents", community, body, **{"Accept-Language": "en"})
    rep = assert_problem(r, 422, "validation-failed")
    got = {(x["line"], x["field"]) for x in rep["rejected"]}
    assert got == {(3, "id_number"), (4, "id_number"), (5, "phone"), (5, "relation"),
                   (6, "grid"), (7, "birth_date"), (7, "area_m2"), (7, "tags"), (8, "name"),
                   (10, "id_number"), (11, "floor")}, rep["rejected"]
    assert rep["rows"] == 10 and rep["rejected_rows"] == 8 and rep["committed"] is False
    by_line = {x["line"]: x for x in rep["rejected"]}
    assert "Excel" in by_line[4]["message"]
    assert by_line[4]["column"] == "身份证号"
    # Line 2 is a good row: still not written, the file is all or nothing.
    assert residents_with(srv, staff, "320902196001016033") == []
    assert count_residents(srv, staff) == before
    # Messages in Chinese by default.
    zh = do_import(srv, staff, "residents", community, body).json()
    assert any("身份证" in x["message"] for x in zh["rejected"])


def test_missing_columns_and_empty_files(srv, community, staff):
    r = do_import(srv, staff, "residents", community,
                  csv_bytes([["紫薇花园", "1幢", "101"]], header=["小区", "楼栋", "房号"]))
    rep = assert_problem(r, 422, "validation-failed")
    assert {x["field"] for x in rep["rejected"]} == {"name", "relation"}
    assert all(x["line"] == 1 for x in rep["rejected"])
    r = do_import(srv, staff, "residents", community, b"")
    assert assert_problem(r, 422, "validation-failed")["rejected"][0]["field"] == "file"
    r = do_import(srv, staff, "residents", community, b"PK\x03\x04 not a csv")
    assert "xlsx" in assert_problem(r, 422, "validation-failed")["rejected"][0]["message"]


def test_headers_in_english_with_notes_and_gbk(srv, community, staff):
    n = id_number(male=False, born="1985-07-07")
    header = ["Compound", "Building", "Room*", "name", "relation", "id_number", "面积(㎡)", "序号"]
    rows = [["紫薇花园", "1幢", "702", "英文表头", "family", n, "88.5㎡", "1"]]
    r = do_import(srv, staff, "residents", community, csv_bytes(rows, header=header))
    assert r.status_code == 200, r.text
    assert r.json()["ignored_columns"] == ["序号"]
    got = residents_with(srv, staff, n)
    assert got and got[0]["sex"] == "female" and got[0]["birth_date"] == "1985-07-07"
    # Excel on Chinese Windows saves GBK.
    g = id_number(born="1966-06-16")
    rows = [person("703", "国标编码")]
    rows[0][10] = g
    r = do_import(srv, staff, "residents", community, csv_bytes(rows, encoding="gbk"))
    assert r.status_code == 200, r.text
    assert r.json()["encoding"] == "GB18030"
    assert [p["name"] for p in residents_with(srv, staff, g)] == ["国标编码"]


def test_scope_and_permissions(srv, community, staff):
    rows = [person("801", "越权者")]
    body = csv_bytes(rows)
    other = find_place(srv, "community", "健康社区")["id"]
    # Another sub-district's community is not there for this caller, either way round.
    assert_problem(do_import(srv, staff, "residents", other, body), 404, "not-found")
    other_staff = srv.token("demo2-community-staff")
    assert_problem(do_import(srv, other_staff, "residents", community, body), 404, "not-found")
    # A place that is no community.
    building = find_place(srv, "building", "3幢")["id"]
    assert_problem(do_import(srv, staff, "residents", building, body), 404, "not-found")
    for login in ("demo-grid-worker", "demo-property-staff", "demo-inspector"):
        r = do_import(srv, srv.token(login), "residents", community, body)
        assert_problem(r, 403, "forbidden")
    r = srv.post("/api/v1/imports/residents", staff, data=body)
    assert_problem(r, 422, "validation-failed")
    assert residents_with(srv, staff, rows[0][10]) == []


def test_import_body_cap_is_per_route(srv, community, staff):
    # Over the server's 1 MiB default: the import route takes it, others refuse.
    rows = [person("901", "大文件", tags="")]
    big = csv_bytes(rows) + b"\r\n" * (1536 * 1024)
    r = do_import(srv, staff, "residents", community, big, dry_run=True)
    assert r.status_code == 200, r.text[:500]
    assert r.json()["rows"] == 1
    r = srv.post("/api/v1/residents", staff, data=big, headers={"Content-Type": "application/json"})
    assert_problem(r, 413, "payload-too-large")


def test_buildings_and_dwellings(srv, community, staff):
    header = ["小区", "楼栋", "网格", "单元数", "层数", "每层户数", "面积"]
    name = f"导入楼{random.randrange(10**6)}"
    body = csv_bytes([["聚龙湖花园", name, "第二网格", "2", "3", "2", "95.5"]], header=header)
    r = do_import(srv, staff, "buildings", community, body)
    assert r.status_code == 200, r.text
    rep = r.json()
    assert rep["created"] == 1
    assert rep["places_created"] == 1 + 2 * (1 + 3 * 2)
    assert do_import(srv, staff, "buildings", community, body).json()["unchanged"] == 1
    # The same building in another grid: moved.
    moved = csv_bytes([["聚龙湖花园", name, "第三网格", "", "", "", ""]], header=header)
    r = do_import(srv, staff, "buildings", community, moved)
    assert r.status_code == 200 and r.json()["updated"] == 1, r.text
    assert find_place(srv, "building", name)["grid_id"] == find_place(srv, "grid", "第三网格")["id"]

    # Dwellings: a generated one (unchanged), a new one, an area change.
    header = ["小区", "楼栋", "单元", "房号", "楼层", "面积"]
    rows = [["聚龙湖花园", name, "1", "101", "1", "95.5"],
            ["聚龙湖花园", name, "1单元", "B101", "-1", "30"],
            ["聚龙湖花园", name, "2", "302", "", "100.25"]]
    r = do_import(srv, staff, "dwellings", community, csv_bytes(rows, header=header))
    assert r.status_code == 200, r.text
    rep = r.json()
    assert (rep["unchanged"], rep["created"], rep["updated"]) == (1, 1, 1), rep
    again = do_import(srv, staff, "dwellings", community, csv_bytes(rows, header=header)).json()
    assert again["unchanged"] == 3


def test_cli_import_reports_lines_and_exit_codes(srv, community):
    broken = subprocess.run([BIN, "import", "residents", str(SAMPLES / "registry-broken.csv"),
                             "--community", str(community), "--db", srv.db],
                            capture_output=True, text=True, timeout=120, env={"LANG": "C"})
    assert broken.returncode == 1, broken.stderr
    assert "line 3: id_number:" in broken.stdout
    assert "line 11: floor:" in broken.stdout
    rows = [person("902", "命令行")]
    f = Path(srv.dir) / "cli.csv"
    f.write_bytes(csv_bytes(rows))
    dry = subprocess.run([BIN, "import", "residents", str(f), "--community", str(community),
                          "--dry-run", "--db", srv.db], capture_output=True, text=True, timeout=120)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "1 created" in dry.stdout
    usage = subprocess.run([BIN, "import", "people", str(f), "--community", "1"],
                           capture_output=True, text=True, timeout=30)
    assert usage.returncode == 2
    assert subprocess.run([BIN, "import", "--help"], capture_output=True, text=True).returncode == 0


# --- export ---------------------------------------------------------------


def read_export(r):
    assert r.status_code == 200, r.text[:500]
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_export_csv_round_trip(srv, community, staff):
    rows = [person("1001", "导出甲", tags="独居"), person("1001", "导出乙", "租户", male=False)]
    assert do_import(srv, staff, "residents", community, csv_bytes(rows)).status_code == 200
    r = srv.get(f"/api/v1/exports/residents.csv?community_id={community}", staff)
    table = read_export(r)
    assert table[0] == HEADER + ["备注"]  # the note last: it may run over lines
    mine = [t for t in table[1:] if t[10] in (rows[0][10], rows[1][10])]
    assert len(mine) == 2
    first = next(t for t in mine if t[7] == "导出甲")
    assert first[:4] == ["紫薇花园", "1幢", "1单元", "1001"]
    assert first[4] == "10" and first[5] == "89.57" and first[6] == "第一网格"
    assert first[12] == "业主" and first[13] == "2020-03-05" and first[14] == "独居"
    # The export goes back in unchanged.
    back = do_import(srv, staff, "residents", community, r.content)
    assert back.status_code == 200, back.text
    rep = back.json()
    assert rep["created"] == 0 and rep["rows"] == len(table) - 1
    assert rep["unchanged"] == rep["rows"], rep


def test_export_filters_and_english(srv, community, staff):
    tagged = person("1101", "高龄导出", tags="80岁以上高龄")
    assert do_import(srv, staff, "residents", community, csv_bytes([tagged])).status_code == 200
    r = srv.get(f"/api/v1/exports/residents.csv?community_id={community}&tag=aged_80_plus",
                staff, headers={"Accept-Language": "en"})
    table = read_export(r)
    assert table[0][:4] == ["compound", "building", "entrance", "room"]
    assert tagged[10] in [t[10] for t in table[1:]]
    assert all("aged_80_plus" in t[14].split(";") for t in table[1:])
    assert len(table) > 1
    grid1 = find_place(srv, "grid", "第一网格")["id"]
    table = read_export(srv.get(f"/api/v1/exports/residents.csv?grid_id={grid1}", staff))
    assert table[1:] and all(t[6] == "第一网格" for t in table[1:])
    r = srv.get(f"/api/v1/exports/residents.csv?tag=no_such_tag", staff)
    assert_problem(r, 422, "validation-failed")


def test_export_xlsx_is_a_workbook(srv, community, staff):
    r = srv.get(f"/api/v1/exports/residents.xlsx?community_id={community}", staff)
    assert r.status_code == 200, r.text[:300]
    assert r.content[:2] == b"PK"
    assert "spreadsheetml" in r.headers["Content-Type"]
    assert "attachment" in r.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
    # constant-memory workbooks write strings inline
    assert "身份证号" in sheet + shared
    r = srv.get(f"/api/v1/exports/dwellings.xlsx?community_id={community}", staff)
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_export_dwellings_csv(srv, community, staff):
    table = read_export(srv.get(f"/api/v1/exports/dwellings.csv?community_id={community}", staff))
    assert table[0] == HEADER[:7]
    assert ["紫薇花园", "1幢", "1单元", "101"] in [t[:4] for t in table[1:]]


def test_export_scope_masking_and_log(srv, community, staff):
    # Roles without the export permission.
    for login in ("demo-grid-worker", "demo-inspector", "demo-property-staff", "demo-resident"):
        r = srv.get(f"/api/v1/exports/residents.csv?community_id={community}", srv.token(login))
        assert_problem(r, 403, "forbidden")
    # Another sub-district's staff: the community is not there.
    other = srv.token("demo2-community-staff")
    r = srv.get(f"/api/v1/exports/residents.csv?community_id={community}", other)
    assert_problem(r, 404, "not-found")
    # ... and its own export holds none of this sub-district's people.
    table = read_export(srv.get("/api/v1/exports/residents.csv", other))
    assert all(t[0] != "紫薇花园" for t in table[1:])
    # Staff see full numbers, and each disclosed row is logged as theirs.
    me = srv.get("/api/v1/auth/me", staff).json()["user"]["id"]
    table = read_export(srv.get(f"/api/v1/exports/residents.csv?community_id={community}", staff))
    full = [t for t in table[1:] if t[10]]
    assert full and all(len(t[10]) == 18 and "*" not in t[10] for t in full)
    r = srv.get(f"/api/v1/audit/sensitive-reads?user_id={me}&limit=200", srv.admin())
    assert r.status_code == 200, r.text
    logged = r.json()["items"]
    assert logged and all(x["subject"] == "resident" for x in logged)
    assert any("id_number" in x["fields"] for x in logged)


def test_cli_export_masks_unless_asked(srv, community):
    out = Path(srv.dir) / "residents.csv"
    r = subprocess.run([BIN, "export", "residents", str(out), "--community", str(community),
                        "--db", srv.db], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    ids = [t[10] for t in table[1:] if t[10]]
    assert ids and all("*" in i for i in ids)
    r = subprocess.run([BIN, "export", "residents", str(out), "--community", str(community),
                        "--unmasked", "--db", srv.db], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert all("*" not in t[10] for t in table[1:])
    x = Path(srv.dir) / "dwellings.xlsx"
    r = subprocess.run([BIN, "export", "dwellings", str(x), "--community", str(community),
                        "--db", srv.db], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and x.read_bytes()[:2] == b"PK", r.stderr
