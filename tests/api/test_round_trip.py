"""What the export writes, the import takes back unchanged (docs/import-format.md).

As demo-community-staff: export every resident and every dwelling of the
demo community, import both files again, and nothing changes: the reports
say created 0 and updated 0, and the residents (with their notes, homes and
tags) and the audit log are as they were, but for the import's and export's
own entries. Among the residents: multi-line notes, notes a spreadsheet would
take for a formula, and two housemates of one name without ID numbers.

The .xlsx export goes round too: imported back, it changes nothing, and its
cells keep the notes' line breaks.

A private server: the tests add people and places."""
import csv
import io
import zipfile

import pytest

from conftest import Server, _finish
from helpers import all_pages
from places_helpers import children, place


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


@pytest.fixture(scope="module")
def staff(srv):
    return srv.token("demo-community-staff")


@pytest.fixture(scope="module")
def community(srv):
    return place(srv, "新都街道", "聚龙湖社区")["id"]


NOTES = ["第一行：独居老人\n第二行：子女在外地\n\n第四行：每周探访", "=SUM(A1:A3)",
         "'=这不是公式", "-3 度时注意保暖", "引号\"和,逗号\n下一行"]


@pytest.fixture(scope="module")
def people(srv, staff):
    """Residents the demo has not got, made through the API."""
    entrance = place(srv, "新都街道", "聚龙湖社区", "紫薇花园", "1幢", "1单元")
    rooms = {p["name"]: p for p in children(srv, srv.admin(), entrance["id"])}
    home = None
    for n in range(1, 99):
        name = f"15{n:02d}"
        if name not in rooms:
            r = srv.post("/api/v1/places", staff, json={"kind": "dwelling", "name": name,
                                                        "parent_id": entrance["id"],
                                                        "area_m2": "96.3"})
            assert r.status_code == 201, r.text
            home = r.json()
            break
    made = []

    def add(**body):
        body.setdefault("dwelling_id", home["id"])
        body.setdefault("relation", "family")
        r = srv.post("/api/v1/residents", staff, json=body)
        assert r.status_code == 201, r.text
        made.append(r.json())

    add(name="往返户主", relation="owner", id_number="320902197503150034", phone="13912340001",
        note=NOTES[0], moved_in="2015-04-01")
    # Two housemates of one name without ID numbers, told apart only by order.
    add(name="往返同名", birth_date="2012-09-01", sex="female", note="姐姐\n上初中")
    add(name="往返同名", birth_date="2015-03-02", sex="female", note="妹妹")
    for i, note in enumerate(NOTES[1:]):
        add(name=f"往返备注{i}", note=note)
    add(name="往返 空格 名")  # a space inside a name stays
    r = srv.request("PUT", f"/api/v1/residents/{made[0]['id']}/tags", staff,
                    json={"tags": ["living_alone", "aged_80_plus"]})
    assert r.status_code == 200, r.text
    return made


def everyone(srv, staff):
    """Every resident staff may list, with the detail a sheet carries."""
    items = all_pages(srv, staff, "/api/v1/residents")
    out = {}
    for i in items:
        d = srv.get(f"/api/v1/residents/{i['id']}", staff)
        assert d.status_code == 200, d.text
        d = d.json()
        out[i["id"]] = {k: d.get(k) for k in ("name", "sex", "birth_date", "id_number", "phone",
                                              "note", "tags", "party_org_id")}
        out[i["id"]]["occupancies"] = sorted(
            (o["id"], o["dwelling_id"], o["relation"], o["moved_in"], o["moved_out"])
            for o in d["occupancies"])
    return out


def audit_log(srv):
    """The whole audit log, newest first."""
    return all_pages(srv, srv.admin(), "/api/v1/audit")


def export(srv, staff, community, what):
    r = srv.get(f"/api/v1/exports/{what}?community_id={community}", staff)
    assert r.status_code == 200, r.text[:300]
    return r.content


def reimport(srv, staff, community, kind, body):
    r = srv.post(f"/api/v1/imports/{kind}?community_id={community}", staff, data=body,
                 headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text[:2000]
    return r.json()


def test_export_then_import_changes_nothing(srv, staff, community, people):
    before = everyone(srv, staff)
    assert {p["id"] for p in people} <= set(before)
    audit_before = audit_log(srv)

    dwellings = export(srv, staff, community, "dwellings.csv")
    residents = export(srv, staff, community, "residents.csv")
    table = list(csv.reader(io.StringIO(residents.decode("utf-8-sig"))))
    assert table[0][-1] == "备注"
    notes = [t[-1] for t in table[1:]]
    # Written so a spreadsheet shows them, and the import takes the guard off.
    assert NOTES[0] in notes and "姐姐\n上初中" in notes
    assert "'=SUM(A1:A3)" in notes and "''=这不是公式" in notes
    same_name = [t for t in table[1:] if t[7] == "往返同名"]
    assert [t[9] for t in same_name] == ["2012-09-01", "2015-03-02"]  # in the order made

    rep = reimport(srv, staff, community, "dwellings", dwellings)
    assert (rep["created"], rep["updated"], rep["places_created"]) == (0, 0, 0), rep
    assert rep["unchanged"] == rep["rows"] == len(dwellings.splitlines()) - 1
    rep = reimport(srv, staff, community, "residents", residents)
    assert (rep["created"], rep["updated"], rep["places_created"]) == (0, 0, 0), rep
    assert rep["unchanged"] == rep["rows"] == len(table) - 1

    assert everyone(srv, staff) == before
    # The log as it was, and on top only the two exports and the two imports.
    after = audit_log(srv)
    last = audit_before[0]["id"]
    assert [e for e in after if e["id"] <= last] == audit_before
    # (The scheduler may escalate the demo's overdue work orders meanwhile:
    # those entries are the jobs', not the round trip's.)
    new = [e for e in after if e["id"] > last and e["entity"] != "work_order"]
    assert sorted(e["action"] for e in new) == ["export", "export", "import", "import"], new


def test_the_same_holds_for_the_english_export(srv, staff, community, people):
    before = everyone(srv, staff)
    r = srv.get(f"/api/v1/exports/residents.csv?community_id={community}", staff,
                headers={"Accept-Language": "en"})
    assert r.status_code == 200, r.text[:300]
    assert r.content.decode("utf-8-sig").split("\r\n", 1)[0].endswith(",note")
    rep = reimport(srv, staff, community, "residents", r.content)
    assert (rep["created"], rep["updated"]) == (0, 0), rep
    assert everyone(srv, staff) == before


def test_the_xlsx_export_goes_round_and_keeps_the_notes(srv, staff, community, people):
    book = export(srv, staff, community, "residents.xlsx")
    r = srv.post(f"/api/v1/imports/residents?community_id={community}&dry_run=1", staff,
                 data=book, headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.text[:300]
    report = r.json()
    assert (report["created"], report["updated"], report["places_created"]) == (0, 0, 0), report
    assert report["rejected_rows"] == 0 and report["unchanged"] == report["rows"] > 0, report
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert "第一行：独居老人\n第二行" in sheet  # the line breaks, as stored
    assert 'wrapText="1"' in styles  # shown on several lines in Excel
