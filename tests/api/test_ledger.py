"""The public-revenue ledger on the demo (docs/api-ledger.md): who reads
which compound's ledger, spending refused without a passed vote or a held
meeting's decision, reversals, statements and their workbook, and the hash
chain catching a row edited by hand."""
import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from conftest import PG_BASE, Server, _finish
from helpers import assert_field_error
from test_meetings import NEIGHBOUR, ZIWEI, all_items, place, query, resident_of

CS, RES, PS, OC, INSPECTOR, OFFICER = (
    "demo-community-staff", "demo-resident", "demo-property-staff", "demo-owners-committee",
    "demo-inspector", "demo-subdistrict-officer")


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


def today(server):
    """The server's date in China Standard Time."""
    china = timezone(timedelta(hours=8))
    return datetime.fromtimestamp(server.advance(0), tz=china).date().isoformat()


def sewer_decision(server):
    rows = query(server, "SELECT d.id FROM meeting_decisions d JOIN meetings m"
                         " ON m.id = d.meeting_id WHERE m.topic = '污水主管塌陷抢修协商会'")
    return int(rows[0][0])


def add_vote(server, compound, title, status, outcome):
    """A vote row as the votes capability leaves it at its end."""
    district = int(query(server, f"SELECT district_id FROM places WHERE id = {compound}")[0][0])
    outcome_sql = "NULL" if outcome is None else f"'{outcome}'"
    query(server, "INSERT INTO votes (district_id, place_id, compound_id, title, matter, special,"
                  " secret, status, outcome, opens_at, closes_at, objection_days, created_at,"
                  f" updated_at) VALUES ({district}, {compound}, {compound}, '{title}', 'other',"
                  f" FALSE, FALSE, '{status}', {outcome_sql}, 1, 2, 7, 1, 1)")
    return int(query(server, f"SELECT max(id) FROM votes WHERE title = '{title}'")[0][0])


def spend(server, token, compound, **extra):
    body = {"compound_id": compound, "date": today(server), "category": "repair",
            "amount_fen": 12345, "description": "单元门闭门器更换", **extra}
    return server.post("/api/v1/ledger/entries", token, json=body)


def test_owners_read_their_compound_and_nobody_elses(srv):
    ziwei = place(srv, ZIWEI)
    mine = all_items(srv, "/api/v1/ledger/compounds", srv.token(RES))
    assert [c["id"] for c in mine] == [ziwei]
    assert mine[0]["entries"] > 12 and mine[0]["balance_fen"] > 0
    entries = all_items(srv, "/api/v1/ledger/entries", srv.token(RES))
    assert entries and {e["compound"]["id"] for e in entries} == {ziwei}
    sewer = next(e for e in entries if e["category"] == "repair")
    assert sewer["authorisation"]["kind"] == "decision"
    assert sewer["authorisation"]["decision"]["meeting"]["topic"] == "污水主管塌陷抢修协商会"
    assert sewer["amount_fen"] == 4860000 and sewer["amount_yuan"] == "48600.00"
    # The property staff and the owners' committee of the compound read it too.
    for login in (PS, OC, CS, INSPECTOR):
        assert srv.get(f"/api/v1/ledger/entries/{sewer['id']}", srv.token(login)).status_code == 200
    # A resident and the property staff of another compound see nothing of it.
    neighbour = resident_of(srv, NEIGHBOUR)
    neighbour_compound_staff, pw = srv.create_user(role="property_staff", scope_id=place(srv, NEIGHBOUR))
    other_staff = srv.login(neighbour_compound_staff["login"], pw)
    for token in (neighbour, other_staff, srv.token("demo2-community-staff")):
        assert srv.get(f"/api/v1/ledger/entries/{sewer['id']}", token).status_code == 404
        assert srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement", token).status_code == 404
        assert srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement.xlsx",
                       token).status_code == 404
        assert all(e["compound"]["id"] != ziwei
                   for e in all_items(srv, "/api/v1/ledger/entries", token))
    assert all(c["id"] != ziwei for c in all_items(srv, "/api/v1/ledger/compounds", neighbour))
    # Nor do they enter anything for it.
    assert_field_error(spend(srv, other_staff, ziwei, decision_id=sewer_decision(srv)),
                       "compound_id", "invalid")
    assert spend(srv, srv.token(RES), ziwei).status_code == 403


def test_spending_needs_a_passed_vote_or_a_decision(srv):
    ziwei, neighbour_compound = place(srv, ZIWEI), place(srv, NEIGHBOUR)
    ps = srv.token(PS)
    before = len(all_items(srv, "/api/v1/ledger/entries", ps))
    assert_field_error(spend(srv, ps, ziwei), "authorisation", "invalid")
    failed = add_vote(srv, ziwei, "更换单元门（未通过）", "final", "failed")
    assert_field_error(spend(srv, ps, ziwei, vote_id=failed), "vote_id", "invalid")
    counting = add_vote(srv, ziwei, "更换单元门（计票中）", "preliminary", None)
    assert_field_error(spend(srv, ps, ziwei, vote_id=counting), "vote_id", "invalid")
    elsewhere = add_vote(srv, neighbour_compound, "聚龙湖花园更换单元门", "final", "passed")
    assert_field_error(spend(srv, ps, ziwei, vote_id=elsewhere), "vote_id", "invalid")
    assert_field_error(spend(srv, ps, ziwei, vote_id=987654321), "vote_id", "invalid")
    passed = add_vote(srv, ziwei, "更换单元门", "final", "passed")
    assert_field_error(spend(srv, ps, ziwei, vote_id=passed, decision_id=sewer_decision(srv)),
                       "decision_id", "invalid")
    assert_field_error(spend(srv, ps, ziwei, category="parking", vote_id=passed), "vote_id",
                       "invalid")  # income cites nothing
    assert len(all_items(srv, "/api/v1/ledger/entries", ps)) == before  # nothing written
    r = spend(srv, ps, ziwei, vote_id=passed)
    assert r.status_code == 201, r.text
    assert r.json()["authorisation"]["vote"] == {"id": passed, "title": "更换单元门",
                                                 "status": "final", "outcome": "passed",
                                                 "final_at": None}
    assert r.json()["flagged"] is False and len(r.json()["hash"]) == 64
    r = spend(srv, ps, ziwei, decision_id=sewer_decision(srv), amount_fen=100)
    assert r.status_code == 201, r.text
    # Money is whole fen, dates not after today.
    assert_field_error(spend(srv, ps, ziwei, vote_id=passed, amount_fen=0), "amount_fen", "invalid")
    assert_field_error(spend(srv, ps, ziwei, vote_id=passed, date="2999-01-01"), "date", "invalid")
    r = srv.post("/api/v1/ledger/entries", ps, json={
        "compound_id": ziwei, "date": today(srv), "category": "repair", "amount_fen": 1.5,
        "description": "x", "vote_id": passed})
    assert r.status_code == 422


def test_a_sub_district_may_accept_and_flag_instead(srv):
    ziwei = place(srv, ZIWEI)
    assert srv.get("/api/v1/ledger/settings", srv.token(RES)).json()["unauthorised"] == "refuse"
    assert_field_error(srv.request("PUT", "/api/v1/ledger/settings", srv.token(CS),
                               json={"unauthorised": "flag"}), "district_id", "invalid")
    r = srv.request("PUT", "/api/v1/ledger/settings", srv.token(OFFICER), json={"unauthorised": "flag"})
    assert r.status_code == 200 and r.json()["unauthorised"] == "flag", r.text
    try:
        r = spend(srv, srv.token(OC), ziwei, description="应急抢修化粪池")
        assert r.status_code == 201 and r.json()["flagged"] is True, r.text
        flagged = all_items(srv, "/api/v1/ledger/entries", srv.token(INSPECTOR), flagged="1")
        assert r.json()["id"] in {e["id"] for e in flagged}
        # A false link is refused all the same.
        failed = add_vote(srv, ziwei, "应急抢修（未通过）", "final", "failed")
        assert_field_error(spend(srv, srv.token(OC), ziwei, vote_id=failed), "vote_id", "invalid")
    finally:
        r = srv.request("PUT", "/api/v1/ledger/settings", srv.token(OFFICER), json={"unauthorised": "refuse"})
        assert r.status_code == 200, r.text


def test_a_correction_is_a_reversing_entry(srv):
    ziwei = place(srv, ZIWEI)
    ps = srv.token(PS)
    r = srv.post("/api/v1/ledger/entries", ps, json={
        "compound_id": ziwei, "date": today(srv), "category": "rent", "amount_fen": 50000,
        "description": "场地租金（录错）"})
    assert r.status_code == 201, r.text
    wrong = r.json()
    before = srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement", ps,
                     params={"period": today(srv)[:7]}).json()
    r = srv.post(f"/api/v1/ledger/entries/{wrong['id']}/reverse", ps, json={"reason": "金额录错"})
    assert r.status_code == 201, r.text
    reversal = r.json()
    assert reversal["amount_fen"] == -50000 and reversal["reverses_id"] == wrong["id"]
    assert srv.get(f"/api/v1/ledger/entries/{wrong['id']}", ps).json()["reversed_by"] == reversal["id"]
    assert_field_error(srv.post(f"/api/v1/ledger/entries/{wrong['id']}/reverse", ps,
                                json={"reason": "再冲一次"}), "id", "invalid")
    assert_field_error(srv.post(f"/api/v1/ledger/entries/{reversal['id']}/reverse", ps,
                                json={"reason": "冲正的冲正"}), "id", "invalid")
    after = srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement", ps,
                    params={"period": today(srv)[:7]}).json()
    assert after["income_fen"] == before["income_fen"] - 50000
    # Residents read but never change the ledger.
    assert srv.post(f"/api/v1/ledger/entries/{wrong['id']}/reverse", srv.token(RES),
                    json={"reason": "x"}).status_code == 403


def test_a_description_or_reason_of_blanks_or_non_characters_is_refused(srv):
    ziwei = place(srv, ZIWEI)
    ps = srv.token(PS)
    income = {"compound_id": ziwei, "date": today(srv), "category": "parking",
              "amount_fen": 100}
    for blank in ("   ", "\u3000\u200b", "\n"):
        r = srv.post("/api/v1/ledger/entries", ps, json={**income, "description": blank})
        assert_field_error(r, "description", "invalid")
    # U+FFFE and U+FFFF are no characters of XML: the statement's workbook
    # could not be opened with one in it.
    # A direction override (U+202E) makes the text read otherwise than it is.
    for nonchar in ("租金\uffff", "\ufffe租金", "退款\u202e0001元", "租\u200b金"):
        r = srv.post("/api/v1/ledger/entries", ps, json={**income, "description": nonchar})
        assert_field_error(r, "description", "invalid")
    r = srv.post("/api/v1/ledger/entries", ps, json={**income, "description": "停车费（待冲正）"})
    assert r.status_code == 201, r.text
    r = srv.post(f"/api/v1/ledger/entries/{r.json()['id']}/reverse", ps, json={"reason": " \t "})
    assert_field_error(r, "reason", "invalid")


def test_entries_and_reversals_at_once_keep_the_chain(srv):
    """Many entries and reversals of one entry at the same moment: one
    reversal wins, the rest are refused on id, and the chain stays whole."""
    ziwei = place(srv, ZIWEI)
    tokens = [srv.token(PS), srv.token(OC), srv.token(CS)]
    body = {"compound_id": ziwei, "date": today(srv), "category": "advertising",
            "amount_fen": 10_000_000_000, "description": "电梯广告（并发录入）"}
    with ThreadPoolExecutor(6) as pool:
        made = list(pool.map(lambda i: srv.post("/api/v1/ledger/entries", tokens[i % 3],
                                                json=body), range(36)))
    assert {r.status_code for r in made} == {201}, [r.text for r in made if r.status_code != 201]
    target = made[0].json()["id"]
    with ThreadPoolExecutor(6) as pool:
        reversals = list(pool.map(lambda i: srv.post(
            f"/api/v1/ledger/entries/{target}/reverse", tokens[i % 3],
            json={"reason": "重复录入"}), range(12)))
    assert sorted(r.status_code for r in reversals) == [201] + [422] * 11
    for r in reversals:
        if r.status_code == 422:
            assert_field_error(r, "id", "invalid")
    statement = srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement", tokens[0],
                        params={"period": today(srv)[:4]}).json()
    assert statement["closing_fen"] == (statement["opening_fen"] + statement["income_fen"]
                                        - statement["spending_fen"])
    report = srv.get("/api/v1/chains/verify", srv.token(INSPECTOR)).json()
    assert report["intact"] is True, report


def test_the_database_refuses_changes_to_entries(srv):
    entry = query(srv, "SELECT min(id) FROM ledger_entries")[0][0]
    for sql in (f"UPDATE ledger_entries SET amount_fen = 1 WHERE id = {entry}",
                f"DELETE FROM ledger_entries WHERE id = {entry}"):
        with pytest.raises(Exception):
            query(srv, sql)


def test_statements_add_up_and_list_the_authorisations(srv):
    ziwei = place(srv, ZIWEI)
    res = srv.token(RES)
    year = today(srv)[:4]
    assert_field_error(srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement", res,
                               params={"period": "2026-13"}), "period", "invalid")
    months = {}
    for back in range(13):
        y, m = divmod(int(year) * 12 + int(today(srv)[5:7]) - 1 - back, 12)
        period = f"{y:04d}-{m + 1:02d}"
        s = srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement", res,
                    params={"period": period}).json()
        months[period] = s
        assert s["closing_fen"] == s["opening_fen"] + s["income_fen"] - s["spending_fen"]
        assert s["income_fen"] == sum(c["amount_fen"] for c in s["categories"]
                                      if c["direction"] == "income")
        assert s["spending_fen"] == sum(c["amount_fen"] for c in s["categories"]
                                        if c["direction"] == "spending")
        assert sum(e["amount_fen"] for e in s["entries"] if e["direction"] == "income") \
            == s["income_fen"]
        for e in s["entries"]:
            assert s["period"]["from"] <= e["date"] <= s["period"]["to"]
            if e["direction"] == "spending" and not e["reverses_id"]:
                assert e["authorisation"] or e["flagged"]
    ordered = sorted(months)
    for a, b in zip(ordered, ordered[1:]):
        assert months[a]["closing_fen"] == months[b]["opening_fen"]
    assert any(e["category"] == "repair" for s in months.values() for e in s["entries"])
    whole = srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement", res,
                    params={"period": year}).json()
    assert whole["period"] == {"name": year, "kind": "year", "from": f"{year}-01-01",
                               "to": f"{year}-12-31"}
    assert whole["closing_fen"] == months[ordered[-1]]["closing_fen"]


def test_the_statement_as_a_workbook(srv):
    ziwei = place(srv, ZIWEI)
    sewer = next(e for e in all_items(srv, "/api/v1/ledger/entries", srv.token(RES))
                 if e["description"].startswith("更换2幢北侧塌陷污水主管"))
    period = sewer["date"][:7]
    r = srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement.xlsx", srv.token(RES),
                params={"period": period})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = zipfile.ZipFile(io.BytesIO(r.content))
    assert "xl/workbook.xml" in book.namelist()
    sheet = book.read("xl/worksheets/sheet1.xml").decode()
    strings = book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in \
        book.namelist() else sheet
    statement = srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement", srv.token(RES),
                        params={"period": period}).json()
    rows = len(re.findall(r"<row ", sheet))
    # Title, opening, six categories, income, spending, closing, the entries'
    # header and the entries; the blank row between may or may not be written.
    assert rows - len(statement["entries"]) in (12, 13), rows
    for text in ("期初余额", "期末余额", "48600.00", "污水主管塌陷抢修协商会", "授权依据"):
        assert text in strings, text
    english = srv.get(f"/api/v1/ledger/compounds/{ziwei}/statement.xlsx", srv.token(RES),
                      params={"period": period}, headers={"Accept-Language": "en"})
    assert english.status_code == 200
    audit = srv.get("/api/v1/audit", srv.token(OFFICER),
                    params={"action": "export", "entity": "ledger_statement"}).json()["items"]
    assert audit


def test_verification_reports_a_row_edited_by_hand(make_server):
    srv = make_server()
    report = srv.get("/api/v1/chains/verify", srv.token(INSPECTOR)).json()
    ledger = next(c for c in report["chains"] if c["name"] == "ledger")
    assert ledger["intact"] and ledger["rows"] > 12
    entry = int(query(srv, "SELECT id FROM ledger_entries WHERE category = 'repair'"
                           " ORDER BY id LIMIT 1")[0][0])
    # Whoever edits the file by hand first removes the guard.
    if PG_BASE:
        query(srv, "ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only")
    else:
        query(srv, "DROP TRIGGER ledger_entries_no_update")
    query(srv, f"UPDATE ledger_entries SET amount_fen = 486000 WHERE id = {entry}")
    report = srv.get("/api/v1/chains/verify", srv.token(INSPECTOR)).json()
    ledger = next(c for c in report["chains"] if c["name"] == "ledger")
    assert not ledger["intact"] and ledger["broken_id"] == entry, ledger
    assert report["intact"] is False
