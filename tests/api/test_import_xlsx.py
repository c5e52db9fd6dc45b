""".xlsx import (src/transfer/xlsx_*, docs/import-format.md): the same
columns, validation and report as CSV, from the sheets Excel writes.

Workbooks are built here with zipfile, a few lines of XML each, the way
Excel stores what a community types: shared strings, dates as serial numbers
under a date format, ID numbers that became numbers, merged header cells,
several sheets. The round trip takes the server's own .xlsx export back,
text that reads as an _xHHHH_ escape included.

A private server: the imports add people and places."""
import io
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from conftest import BIN, Server, _finish
from helpers import all_pages, assert_problem, new_id_number as id_number
from places_helpers import children, place

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积", "网格", "姓名", "性别", "出生日期",
          "身份证号", "手机", "关系", "入住日期", "标签"]
DATE = 1      # style: built-in date format 14
CN_DATE = 2   # style: a custom date format, 2020年3月5日
TEXT = 3      # style: Text (@)


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Book:
    """A workbook as Excel writes one: text cells as shared strings."""

    def __init__(self):
        self.strings, self.index = [], {}
        self.sheets = []  # (name, state, sheet xml)

    def string(self, text):
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]

    def cell(self, ref, value):
        """value: str (shared string), ("n", number, style), ("inline", text)."""
        if isinstance(value, str):
            return f'<c r="{ref}" t="s"><v>{self.string(value)}</v></c>'
        if value[0] == "inline":
            return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value[1])}</t></is></c>'
        _, number, style = value
        return f'<c r="{ref}" s="{style}"><v>{number}</v></c>'

    def sheet(self, name, rows, first_row=1, merges=(), state=None):
        """rows: lists of cell values (None: no cell), from first_row on."""
        xml = []
        for n, row in enumerate(rows, first_row):
            cells = "".join(self.cell(f"{col_letter(i)}{n}", v)
                            for i, v in enumerate(row) if v not in (None, ""))
            xml.append(f'<row r="{n}">{cells}</row>')
        merged = ""
        if merges:
            merged = (f'<mergeCells count="{len(merges)}">'
                      + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>")
        self.sheets.append((name, state, f'<?xml version="1.0" encoding="UTF-8"?>'
                            f'<worksheet {MAIN}><sheetData>{"".join(xml)}</sheetData>'
                            f'{merged}</worksheet>'))
        return self

    def bytes(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("_rels/.rels", f'<Relationships {RELS}><Relationship Id="rId1" '
                       f'Type="{TYPE}officeDocument" Target="xl/workbook.xml"/></Relationships>')
            sheets = "".join(
                f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"'
                + (f' state="{state}"' if state else "") + "/>"
                for i, (name, state, _) in enumerate(self.sheets))
            z.writestr("xl/workbook.xml", f'<workbook {MAIN} {R_NS}><sheets>{sheets}</sheets>'
                       "</workbook>")
            rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{TYPE}worksheet" '
                           f'Target="worksheets/sheet{i + 1}.xml"/>'
                           for i in range(len(self.sheets)))
            n = len(self.sheets)
            rels += (f'<Relationship Id="rId{n + 1}" Type="{TYPE}sharedStrings" '
                     f'Target="sharedStrings.xml"/><Relationship Id="rId{n + 2}" '
                     f'Type="{TYPE}styles" Target="styles.xml"/>')
            z.writestr("xl/_rels/workbook.xml.rels", f"<Relationships {RELS}>{rels}</Relationships>")
            z.writestr("xl/styles.xml",
                       f'<styleSheet {MAIN}><numFmts count="1"><numFmt numFmtId="176" '
                       'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
                       '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/>'
                       '<xf numFmtId="176"/><xf numFmtId="49"/></cellXfs></styleSheet>')
            sst = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>'
                          for s in self.strings)
            z.writestr("xl/sharedStrings.xml", f'<sst {MAIN} count="{len(self.strings)}" '
                       f'uniqueCount="{len(self.strings)}">{sst}</sst>')
            for i, (_, _, xml) in enumerate(self.sheets):
                z.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
        return out.getvalue()


def serial(iso):
    """Excel's 1900-system serial number of a date (after 1900-03-01)."""
    import datetime
    return (datetime.date.fromisoformat(iso) - datetime.date(1899, 12, 30)).days


def person(room, name, idn, relation="业主", born=None, moved_in=None, male=True):
    return ["紫薇花园", "1幢", "1单元", room, ("n", int(room) // 100, 0), ("n", "89.57", 0),
            "第一网格", name, "男" if male else "女", born, idn, "", relation, moved_in, ""]


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


@pytest.fixture(scope="module")
def staff(srv):
    return srv.token("demo-community-staff")


@pytest.fixture(scope="module")
def community(srv, staff):
    items = srv.get("/api/v1/places", srv.admin()).json()["items"]
    queue = list(items)
    while queue:
        p = queue.pop(0)
        if p["kind"] == "community" and p["name"] == "聚龙湖社区":
            return p["id"]
        if p["kind"] == "subdistrict":
            queue += srv.get(f"/api/v1/places?parent_id={p['id']}", srv.admin()).json()["items"]
    raise AssertionError("no demo community")


def do_import(srv, token, community, body, kind="residents", dry_run=False, sheet=None,
              **headers):
    params = {"community_id": community}
    if dry_run:
        params["dry_run"] = 1
    if sheet is not None:
        params["sheet"] = sheet
    return srv.post(f"/api/v1/imports/{kind}", token, params=params, data=body,
                    headers={"Content-Type": XLSX, **headers})


def find(srv, token, name):
    r = srv.get("/api/v1/residents", token, params={"q": name})
    assert r.status_code == 200, r.text
    items = [i for i in r.json()["items"] if i["name"] == name]
    assert len(items) == 1, items
    d = srv.get(f"/api/v1/residents/{items[0]['id']}", token)
    assert d.status_code == 200, d.text
    return d.json()


# ---- the round trip ---------------------------------------------------------

def everyone(srv, staff):
    out = {}
    for i in all_pages(srv, staff, "/api/v1/residents"):
        d = srv.get(f"/api/v1/residents/{i['id']}", staff).json()
        out[i["id"]] = {k: d.get(k) for k in ("name", "sex", "birth_date", "id_number", "phone",
                                              "note", "tags", "party_org_id")}
        out[i["id"]]["occupancies"] = sorted(
            (o["id"], o["dwelling_id"], o["relation"], o["moved_in"], o["moved_out"])
            for o in d["occupancies"])
    return out


NOTES = ["第一行：独居老人\n第二行：子女在外地\n\n第四行：每周探访", "=SUM(A1:A3)",
         "'=这不是公式", "-3 度时注意保暖", "写着_x0041_的备注", "  前后空白  "]
# Text that reads as OOXML's _xHHHH_ escapes, on a person with an ID number,
# whom an import updates (one without is matched by name and left as is).
ESCAPE_LIKE_NAME = "王_x0041_芳"
ESCAPE_LIKE_NOTE = "回车写作 _x000D_，下划线 _x005F_\n_x000d__x0041_x000A_ 照原样"


@pytest.fixture(scope="module")
def people(srv, staff):
    """Besides the demo's: notes a sheet must carry as they are, and two
    housemates of one name without ID numbers, told apart by order."""
    entrance = place(srv, "新都街道", "聚龙湖社区", "紫薇花园", "1幢", "1单元")
    rooms = {p["name"] for p in children(srv, srv.admin(), entrance["id"])}
    room = next(f"16{n:02d}" for n in range(1, 99) if f"16{n:02d}" not in rooms)
    r = srv.post("/api/v1/places", staff, json={"kind": "dwelling", "name": room,
                                                "parent_id": entrance["id"], "area_m2": "96.3"})
    assert r.status_code == 201, r.text
    home = r.json()["id"]
    bodies = [dict(name="表格户主", relation="owner", id_number=id_number(), phone="13912340002",
                   note=NOTES[0], moved_in="2015-04-01"),
              dict(name="表格同名", birth_date="2012-09-01", sex="female", note="姐姐"),
              dict(name="表格同名", birth_date="2015-03-02", sex="female", note="妹妹")]
    bodies += [dict(name=f"表格备注{i}", note=note) for i, note in enumerate(NOTES[1:])]
    bodies.append(dict(name=ESCAPE_LIKE_NAME, id_number=id_number(), note=ESCAPE_LIKE_NOTE))
    made = []
    for body in bodies:
        body.setdefault("relation", "family")
        r = srv.post("/api/v1/residents", staff, json=dict(body, dwelling_id=home))
        assert r.status_code == 201, r.text
        made.append(r.json())
    return made


def test_export_to_xlsx_then_import_changes_nothing(srv, staff, community, people):
    before = everyone(srv, staff)
    assert {p["id"] for p in people} <= set(before)
    assert "写着_x0041_的备注" in [p["note"] for p in before.values()]
    assert len(before) > 5
    audit_before = all_pages(srv, srv.admin(), "/api/v1/audit")
    books = {}
    for what in ("dwellings", "residents"):
        r = srv.get(f"/api/v1/exports/{what}.xlsx?community_id={community}", staff)
        assert r.status_code == 200 and r.content[:4] == b"PK\x03\x04", r.text[:300]
        books[what] = r.content
    with zipfile.ZipFile(io.BytesIO(books["residents"])) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert 't="inlineStr"' in sheet and "身份证号" in sheet  # what this export writes
    for what in ("dwellings", "residents"):
        r = do_import(srv, staff, community, books[what], kind=what)
        assert r.status_code == 200, r.text[:2000]
        rep = r.json()
        assert (rep["created"], rep["updated"], rep["places_created"]) == (0, 0, 0), rep
        assert rep["unchanged"] == rep["rows"] > 0, rep
        assert rep["rejected"] == [] and rep["ignored_columns"] == [], rep
    assert everyone(srv, staff) == before
    after = all_pages(srv, srv.admin(), "/api/v1/audit")
    last = audit_before[0]["id"]
    assert [e for e in after if e["id"] <= last] == audit_before
    # (The scheduler may escalate the demo's overdue work orders meanwhile:
    # those entries are the jobs', not the round trip's.)
    new = sorted(e["action"] for e in after if e["id"] > last and e["entity"] != "work_order")
    assert new == ["export", "export", "import", "import"], new


def test_text_like_an_escape_is_escaped_as_excel_escapes_it(srv, staff, community, people):
    before = everyone(srv, staff)
    r = srv.get(f"/api/v1/exports/residents.xlsx?community_id={community}", staff)
    assert r.status_code == 200, r.text[:300]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    # Excel shows "王_x0041_芳", not "王A芳"; and "_x000D_" as typed, not a CR.
    assert "王_x005F_x0041_芳" in sheet and ESCAPE_LIKE_NAME not in sheet
    assert "_x005F_x000D_" in sheet and "_x005F_x005F_" in sheet
    r = do_import(srv, staff, community, r.content)
    assert r.status_code == 200, r.text[:2000]
    assert (r.json()["created"], r.json()["updated"]) == (0, 0), r.json()
    after = everyone(srv, staff)
    assert after == before
    assert [p["note"] for p in after.values() if p["name"] == ESCAPE_LIKE_NAME] == [ESCAPE_LIKE_NOTE]


def test_the_english_xlsx_export_reads_back_too(srv, staff, community, people):
    before = everyone(srv, staff)
    r = srv.get(f"/api/v1/exports/residents.xlsx?community_id={community}", staff,
                headers={"Accept-Language": "en"})
    assert r.status_code == 200, r.text[:300]
    r = do_import(srv, staff, community, r.content)
    assert r.status_code == 200, r.text[:2000]
    assert (r.json()["created"], r.json()["updated"]) == (0, 0), r.json()
    assert everyone(srv, staff) == before


# ---- what Excel does to a sheet ---------------------------------------------

def test_id_numbers_excel_made_numbers_are_refused_row_by_row(srv, staff, community):
    good = id_number()
    book = Book().sheet("Sheet1", [
        HEADER,
        person("1901", "数字身份证甲", ("n", "3.2090219860412E+17", 0)),
        person("1901", "数字身份证乙", ("n", "320902198604121000", 0), relation="家属"),
        person("1902", "文本身份证", good),
        # Text-formatted but typed before the format was set: still a number.
        person("1903", "数字身份证丙", ("n", "320902198604121", TEXT)),
    ]).bytes()
    r = do_import(srv, staff, community, book)
    rep = assert_problem(r, 422, "validation-failed")
    assert rep["committed"] is False and rep["rejected_rows"] == 3, rep
    assert [(x["line"], x["field"]) for x in rep["rejected"]] == [
        (2, "id_number"), (3, "id_number"), (5, "id_number")], rep["rejected"]
    first = rep["rejected"][0]["message"]
    assert "Excel" in first and "数字" in first and "3.2090219860412E+17" in first, first
    assert "320902198604121000" not in rep["rejected"][1]["message"]  # shown as Excel shows it
    assert "3.20902198604121E+17" in rep["rejected"][1]["message"]
    en = assert_problem(do_import(srv, staff, community, book, **{"Accept-Language": "en"}),
                        422, "validation-failed")
    assert "last digits are lost" in en["rejected"][0]["message"], en
    assert not srv.get("/api/v1/residents", staff, params={"q": "数字身份证"}).json()["items"]
    assert not srv.get("/api/v1/residents", staff, params={"q": "文本身份证"}).json()["items"]


def test_serial_dates_and_shared_strings(srv, staff, community):
    n = id_number(male=False, born="1950-03-05")
    book = Book().sheet("Sheet1", [
        HEADER,
        person("1904", "序列日期", n, born=("n", serial("1950-03-05"), DATE),
               moved_in=("n", serial("2020-03-05"), CN_DATE), male=False),
        person("1904", "序列日期", n, born=("n", serial("1950-03-05"), 0), male=False),
    ]).bytes()
    rep = assert_problem(do_import(srv, staff, community, book), 422, "validation-failed")
    # A serial without a date format is a number, not a date: never guessed.
    assert [(x["line"], x["field"]) for x in rep["rejected"]] == [(3, "birth_date")], rep
    book = Book().sheet("Sheet1", [HEADER] + [
        person("1904", "序列日期", n, born=("n", serial("1950-03-05"), DATE),
               moved_in=("n", serial("2020-03-05"), CN_DATE), male=False)]).bytes()
    r = do_import(srv, staff, community, book)
    assert r.status_code == 200, r.text[:2000]
    assert (r.json()["created"], r.json()["rows"]) == (1, 1), r.json()
    d = find(srv, staff, "序列日期")
    assert d["birth_date"] == "1950-03-05" and d["id_number"] == n
    assert [o["moved_in"] for o in d["occupancies"]] == ["2020-03-05"]


def test_a_title_and_a_merged_header(srv, staff, community):
    """A title merged across the sheet above the header, and a header cell
    merged over two columns: its text names the first; the second has no
    header and is not read."""
    header = list(HEADER)
    header.insert(8, None)  # 姓名 merged over H2:I2
    n = id_number()
    row = person("1905", "合并表头", n)
    row.insert(8, "这一列不读")
    bad = person("1905", "合并表头二", "12345")
    bad.insert(8, None)
    book = Book().sheet("居民", [["聚龙湖社区居民花名册"], header, row, [], bad],
                        merges=("A1:P1", "H2:I2")).bytes()
    rep = assert_problem(do_import(srv, staff, community, book, dry_run=True), 422,
                         "validation-failed")
    assert rep["ignored_columns"] == [], rep
    assert [(x["line"], x["field"]) for x in rep["rejected"]] == [(5, "id_number")], rep
    assert rep["rows"] == 2  # the empty row 4 is not counted
    good = Book().sheet("居民", [["聚龙湖社区居民花名册"], header, row],
                        merges=("A1:P1", "H2:I2")).bytes()
    r = do_import(srv, staff, community, good)
    assert r.status_code == 200, r.text[:2000]
    assert find(srv, staff, "合并表头")["id_number"] == n


def test_a_named_sheet_in_the_api_and_the_command_line(srv, staff, community):
    n = id_number()
    book = Book().sheet("填表说明", [["请按下表填写"]]).sheet("居民", [
        HEADER, person("1906", "工作表", n)]).sheet("旧表", [HEADER], state="hidden").bytes()
    rep = assert_problem(do_import(srv, staff, community, book, dry_run=True), 422,
                         "validation-failed")
    assert rep["rejected"][0]["field"] == "file"  # the first sheet has no header
    rep = assert_problem(do_import(srv, staff, community, book, sheet="住户"), 422,
                         "validation-failed")
    assert "住户" in rep["rejected"][0]["message"] and "填表说明、居民、旧表" in \
        rep["rejected"][0]["message"], rep
    r = do_import(srv, staff, community, book, dry_run=True, sheet="居民")
    assert r.status_code == 200 and r.json()["created"] == 1, r.text[:2000]

    path = Path(srv.dir) / "named.xlsx"
    path.write_bytes(book)
    cli = [BIN, "import", "residents", str(path), "--community", str(community), "--db", srv.db]
    out = subprocess.run(cli + ["--sheet", "居民"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 rows: 1 created" in out.stdout, out.stdout
    assert find(srv, staff, "工作表")["id_number"] == n
    out = subprocess.run(cli + ["--sheet", "旧表", "--dry-run"], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0 and "0 rows" in out.stdout, out.stdout + out.stderr
    # By content, not by name: a workbook called .csv is read as a workbook.
    renamed = Path(srv.dir) / "named.csv"
    renamed.write_bytes(book)
    out = subprocess.run([BIN, "import", "residents", str(renamed), "--community",
                          str(community), "--db", srv.db, "--sheet", "居民", "--dry-run"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "1 unchanged" in out.stdout, out.stdout + out.stderr


def test_a_csv_file_has_no_sheets(srv, staff, community):
    body = ",".join(HEADER).encode() + b"\r\n"
    r = srv.post("/api/v1/imports/residents", staff, data=body,
                 params={"community_id": community, "sheet": "居民"},
                 headers={"Content-Type": "text/csv"})
    assert ".xlsx" in assert_problem(r, 422, "validation-failed")["rejected"][0]["message"]


# ---- files that are no workbook ---------------------------------------------

def test_a_zip_bomb_is_refused(srv, staff, community):
    """A sheet that unpacks to 300 MiB from a file of a few hundred KiB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        book = zipfile.ZipFile(io.BytesIO(Book().sheet("Sheet1", [HEADER]).bytes()))
        for name in book.namelist():
            if name != "xl/worksheets/sheet1.xml":
                z.writestr(name, book.read(name))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f"<worksheet {MAIN}><sheetData>".encode())
            blank = b" " * (1 << 20)
            for _ in range(300):
                f.write(blank)
            f.write(b"</sheetData></worksheet>")
    body = out.getvalue()
    assert len(body) < 2 << 20
    rep = assert_problem(do_import(srv, staff, community, body), 422, "validation-failed")
    assert rep["rejected"][0]["field"] == "file"
    assert "256 MiB" in rep["rejected"][0]["message"], rep


def test_a_zip_that_is_no_workbook_is_refused(srv, staff, community):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<document/>")
    rep = assert_problem(do_import(srv, staff, community, out.getvalue()), 422,
                         "validation-failed")
    assert "不是 Excel 工作簿" in rep["rejected"][0]["message"], rep
    rep = assert_problem(do_import(srv, staff, community, out.getvalue()[:40]), 422,
                         "validation-failed")
    assert ".xlsx" in rep["rejected"][0]["message"], rep
