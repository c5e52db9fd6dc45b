"""Owners' votes on the demo (docs/api-votes.md): the elevator vote's final
result recomputed from the published anonymised ballots, an owner's ballot
and receipt, one ballot per head (also under concurrent requests), proxies
only on an authorization, who reaches a vote, names masked, secrecy."""
import sqlite3
import subprocess
import threading
from fractions import Fraction

import pytest

from conftest import PG_BASE, Server, _finish
from helpers import assert_field_error, assert_problem

OC, CS, OWNER, RESIDENT = ("demo-owners-committee", "demo-community-staff", "demo-owner",
                           "demo-resident")


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


def query(server, sql):
    """Rows of sql on the server's database (SQLite file or PostgreSQL)."""
    if PG_BASE:
        out = subprocess.run(["psql", server.db, "-v", "ON_ERROR_STOP=1", "-qAt", "-F", "\t",
                              "-c", sql], capture_output=True, text=True, timeout=60,
                             check=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]
    with sqlite3.connect(server.db) as db:
        return [tuple(str(v) for v in row) for row in db.execute(sql).fetchall()]


def place(server, where):
    """The id of the one place matching where (SQL over places p, parents c, b)."""
    rows = query(server, "SELECT p.id FROM places p JOIN places c ON c.id = p.compound_id"
                         f" LEFT JOIN places b ON b.id = p.building_id WHERE {where}")
    assert len(rows) >= 1, where
    return int(rows[0][0])


def vote_titled(srv, title, token=None):
    r = srv.get("/api/v1/votes", token or srv.token(OC), params={"limit": 200})
    assert r.status_code == 200, r.text
    found = [v for v in r.json()["items"] if v["title"] == title]
    assert found, [v["title"] for v in r.json()["items"]]
    return found[0]


def elevator(srv):
    return vote_titled(srv, "6幢加装电梯")


def roof(srv):
    return vote_titled(srv, "使用专项维修资金维修1幢屋面防水")


def all_lines(srv, vote_id, token):
    lines, after = [], None
    while True:
        params = {"limit": 3, **({"after": after} if after else {})}
        page = srv.get(f"/api/v1/votes/{vote_id}/lines", token, params=params)
        assert page.status_code == 200, page.text
        lines += page.json()["items"]
        after = page.json()["next_after"]
        if after is None:
            return lines


def test_the_elevator_result_is_recomputed_from_the_anonymised_ballots(srv):
    v = elevator(srv)
    assert v["status"] == "final" and v["outcome"] == "passed"
    assert v["matter"]["item"] == 7 and v["special"] is True
    # 12 homes, 9 heads: one buyer of three, the developer's two as one.
    assert v["electorate"]["heads"] == 9
    # Anyone in reach may add the published lines up: a resident of the building's compound.
    lines = all_lines(srv, v["id"], srv.token(OWNER))
    assert len(lines) == 7
    assert [line["receipt_hash"] for line in lines] == sorted(line["receipt_hash"] for line in lines)
    sums = {c: [0, 0] for c in ("yes", "no", "abstain")}
    for line in lines:
        sums[line["choice"]][0] += line["area_cm2"]
        sums[line["choice"]][1] += line["heads"]
    result = v["result"]
    for c in sums:
        assert [result[c]["area_cm2"], result[c]["heads"]] == sums[c], c
    part_area = sum(s[0] for s in sums.values())
    part_heads = sum(s[1] for s in sums.values())
    elect = v["electorate"]
    want = {
        "turnout_area": Fraction(part_area, elect["area_cm2"]) >= Fraction(2, 3),
        "turnout_heads": Fraction(part_heads, elect["heads"]) >= Fraction(2, 3),
        "approval_area": Fraction(sums["yes"][0], part_area) >= Fraction(3, 4),
        "approval_heads": Fraction(sums["yes"][1], part_heads) >= Fraction(3, 4),
    }
    got = {c["name"]: c["met"] for c in result["conditions"]}
    assert got == want
    assert all(want.values()) and result["passed"] is True
    # Six of seven owners taking part said yes; seven of nine took part.
    assert (sums["yes"][1], part_heads, elect["heads"]) == (6, 7, 9)


def test_an_owner_votes_keeps_a_receipt_and_checks_it(srv):
    v = roof(srv)
    assert v["status"] == "open" and v["secret"] is True
    token = srv.token(RESIDENT)
    before = srv.get(f"/api/v1/votes/{v['id']}", token).json()["participation"]
    r = srv.post(f"/api/v1/votes/{v['id']}/ballot", token, json={"choice": "yes"})
    assert r.status_code == 201, r.text
    ballot = r.json()
    code = ballot["receipt_code"]
    assert len(code) == 19 and code.count("-") == 3
    after = srv.get(f"/api/v1/votes/{v['id']}", token).json()["participation"]
    assert after["heads"] == before["heads"] + 1
    assert after["area_cm2"] == before["area_cm2"] + 895700
    # The code finds the line, typed carelessly too; another code finds nothing.
    check = srv.post(f"/api/v1/votes/{v['id']}/receipt", token,
                     json={"code": code.lower().replace("-", " ")}).json()
    assert check["found"] is True and check["counted"] is False
    assert check["line"]["choice"] == "yes" and check["line"]["area_cm2"] == 895700
    assert check["line"]["receipt_hash"] == ballot["receipt_hash"]
    other = srv.post(f"/api/v1/votes/{v['id']}/receipt", token,
                     json={"code": "0000-0000-0000-0000"}).json()
    assert other["found"] is False and other["line"] is None
    assert_field_error(srv.post(f"/api/v1/votes/{v['id']}/receipt", token,
                                json={"code": "not a code"}), "code", "invalid")
    # One ballot per head: a second is refused.
    again = srv.post(f"/api/v1/votes/{v['id']}/ballot", token, json={"choice": "no"})
    assert_problem(again, 409, "conflict")
    # The anonymised list is published with the count, not before.
    assert srv.get(f"/api/v1/votes/{v['id']}/lines", token).status_code == 409


def test_one_ballot_per_head_under_concurrent_requests(srv):
    v = roof(srv)
    # Two accounts of 缪蓉's home (1幢 401) and six requests at once.
    home = [u for h in srv.get(f"/api/v1/votes/{v['id']}/electorate", srv.token(OC),
                               params={"limit": 200}).json()["items"]
            for u in h["units"] if u["label"].endswith(" 401")][0]
    # Staff link both to 缪蓉, the owner: only an owner's account votes online.
    miao = srv.get("/api/v1/residents", srv.token(CS), params={"q": "缪蓉"}).json()["items"][0]
    tokens = []
    for _ in range(2):
        user, password = srv.create_user(role="resident", scope_id=home["dwelling_id"])
        r = srv.post(f"/api/v1/resident-accounts/{user['id']}/link", srv.token(CS),
                     json={"resident_id": miao["id"]})
        assert r.status_code == 200, r.text
        tokens.append(srv.login(user["login"], password))
    results = []

    def cast(token):
        r = srv.post(f"/api/v1/votes/{v['id']}/ballot", token, json={"choice": "no"})
        results.append(r.status_code)

    threads = [threading.Thread(target=cast, args=(tokens[i % 2],)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201, 409, 409, 409, 409, 409], results


def test_a_proxy_votes_only_on_an_authorization(srv):
    v = roof(srv)
    token = srv.token(OC)
    heads = srv.get(f"/api/v1/votes/{v['id']}/electorate", token,
                    params={"limit": 200}).json()["items"]
    home = {u["label"].split(" ")[-1]: u["dwelling_id"] for h in heads for u in h["units"]}
    path = f"/api/v1/votes/{v['id']}/ballots"
    # A proxy without an authorization on file is refused.
    r = srv.post(path, token, json={"dwelling_id": home["301"], "choice": "yes",
                                    "paper_number": "1-101", "proxy": True})
    assert_field_error(r, "authorization_id", "invalid")
    # A file that is no image or PDF is refused.
    bad = srv.post(f"/api/v1/votes/{v['id']}/authorizations", token,
                   params={"dwelling_id": home["301"], "proxy_name": "杨军"},
                   data=b"just some text", headers={"Content-Type": "application/octet-stream"})
    assert_field_error(bad, "body", "invalid")
    pdf = (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
           b"%%EOF\n")
    up = srv.post(f"/api/v1/votes/{v['id']}/authorizations", token,
                  params={"dwelling_id": home["301"], "proxy_name": "杨军"}, data=pdf,
                  headers={"Content-Type": "application/pdf"})
    assert up.status_code == 201, up.text
    auth = up.json()
    # Another head's authorization does not do.
    r = srv.post(path, token, json={"dwelling_id": home["401"], "choice": "yes",
                                    "paper_number": "1-102", "proxy": True,
                                    "authorization_id": auth["id"]})
    assert_field_error(r, "authorization_id", "invalid")
    r = srv.post(path, token, json={"dwelling_id": home["301"], "choice": "yes",
                                    "paper_number": "1-103", "proxy": True,
                                    "authorization_id": auth["id"]})
    assert r.status_code == 201, r.text
    assert r.json()["channel"] == "proxy"
    # The paper number is unique within the vote.
    dup = srv.post(path, token, json={"dwelling_id": home["202"], "choice": "no",
                                      "paper_number": "1-103"})
    assert_problem(dup, 409, "conflict")
    # The file is kept for those who check the ballots.
    f = srv.get(f"/api/v1/votes/{v['id']}/authorization-file", srv.token("demo-inspector"),
                params={"authorization_id": auth["id"]})
    assert f.status_code == 200 and f.content == pdf
    assert f.headers["Content-Type"] == "application/pdf"


def test_outsiders_neither_see_nor_vote(srv):
    v = roof(srv)
    # Community staff of the other sub-district.
    assert srv.get(f"/api/v1/votes/{v['id']}", srv.token("demo2-community-staff")).status_code == 404
    # The owners' committee of another compound of the same community.
    garden = place(srv, "p.kind = 'compound' AND p.name = '聚龙湖花园'")
    committee, pw = srv.create_user(role="owners_committee", scope_id=garden)
    t = srv.login(committee["login"], pw)
    assert srv.get(f"/api/v1/votes/{v['id']}", t).status_code == 404
    assert all(x["id"] != v["id"] for x in srv.get("/api/v1/votes", t).json()["items"])
    assert srv.post(f"/api/v1/votes/{v['id']}/ballots", t,
                    json={"dwelling_id": 1, "choice": "yes", "paper_number": "x"}).status_code == 404
    # A resident of that other compound.
    home = place(srv, "p.kind = 'dwelling' AND c.name = '聚龙湖花园'")
    resident, pw = srv.create_user(role="resident", scope_id=home)
    t = srv.login(resident["login"], pw)
    assert srv.get(f"/api/v1/votes/{v['id']}", t).status_code == 404
    assert srv.post(f"/api/v1/votes/{v['id']}/ballot", t, json={"choice": "yes"}).status_code == 404
    # A resident of another building of the same compound does not reach 1幢's vote either.
    assert srv.post(f"/api/v1/votes/{v['id']}/ballot", srv.token(OWNER),
                    json={"choice": "yes"}).status_code == 404
    # The other sub-district's draft stays invisible here, and a draft is only its callers'.
    titles = [x["title"] for x in srv.get("/api/v1/votes", srv.token(CS)).json()["items"]]
    assert "续聘物业服务企业" not in titles


def test_names_as_each_role_may_see_them(srv):
    v = roof(srv)
    url = f"/api/v1/votes/{v['id']}/electorate"

    def owners(login):
        r = srv.get(url, srv.token(login), params={"limit": 200})
        assert r.status_code == 200, r.text
        return {u["label"].split(" ")[-1]: u["owners"] for h in r.json()["items"]
                for u in h["units"]}

    assert owners(OC)["102"] == ["陈桂英"]
    assert owners("demo-inspector")["102"] == ["陈桂英"]
    leader = owners("demo-building-leader")
    assert leader["102"] == ["陈*"] and leader["101"] == ["吕*"]
    mine = owners(RESIDENT)
    assert mine["101"] == ["吕文娟"] and mine["102"] == ["陈*"]
    assert owners("demo-property-staff")["201"] == ["刘*"]
    # 1幢 202 has only a tenant: a head of its own, flagged for the register.
    heads = srv.get(url, srv.token(OC), params={"limit": 200}).json()["items"]
    flagged = [h for h in heads if any(u["label"].endswith(" 202") for u in h["units"])][0]
    assert flagged["flags"] == ["no_owner"]


def test_the_ballot_list_and_secrecy(srv):
    el, rf = elevator(srv), roof(srv)
    for login in ("demo-building-leader", RESIDENT, CS):
        assert srv.get(f"/api/v1/votes/{rf['id']}/ballots", srv.token(login)).status_code == 403
    open_list = srv.get(f"/api/v1/votes/{el['id']}/ballots", srv.token(OC),
                        params={"limit": 200}).json()["items"]
    assert {b["choice"] for b in open_list} == {"yes", "no"}
    xu = [b for b in open_list if any("徐海" in h["owners"] for h in b["homes"])][0]
    assert len(xu["homes"]) == 3 and xu["channel"] == "online"
    proxy = [b for b in open_list if b["channel"] == "proxy"][0]
    assert proxy["proxy_name"] == "郑小雨"
    # In a secret vote they see who voted, not how.
    secret = srv.get(f"/api/v1/votes/{rf['id']}/ballots", srv.token("demo-inspector"),
                     params={"limit": 200}).json()["items"]
    assert secret and all(b["choice"] is None for b in secret)
    assert any("陈桂英" in h["owners"] for b in secret for h in b["homes"])


def test_a_draft_shows_its_electorate_and_waits_for_the_register(srv):
    token = srv.token(CS)
    b2 = place(srv, "p.kind = 'building' AND p.name = '2幢' AND c.name = '紫薇花园'")
    r = srv.post("/api/v1/votes", token, json={
        "place_id": b2, "title": "2幢楼道照明改造", "matter": "other",
        "opens_at": "2099-01-10T09:00:00+08:00", "closes_at": "2099-01-20T18:00:00+08:00"})
    assert r.status_code == 201, r.text
    v = r.json()
    assert v["status"] == "draft" and v["objection_days"] == 7 and v["electorate"] is None
    e = srv.get(f"/api/v1/votes/{v['id']}/electorate", token).json()
    assert e["summary"]["ready"] is False and e["summary"]["flagged"]["no_area"] == 1
    assert_field_error(srv.post(f"/api/v1/votes/{v['id']}/publish", token, json={}),
                       "electorate", "invalid")
    # Residents do not see a draft.
    assert srv.get(f"/api/v1/votes/{v['id']}", srv.token(OWNER)).status_code == 404
    # The developer's mark is staff's, audited; the committee may read it.
    unit = e["items"][0]["units"][0]["dwelling_id"]
    assert srv.post(f"/api/v1/vote-dwellings/{unit}/developer", srv.token(OC),
                    json={"developer_unsold": True}).status_code == 403
    r = srv.post(f"/api/v1/vote-dwellings/{unit}/developer", token,
                 json={"developer_unsold": True, "note": "尚未交付"})
    assert r.status_code == 200 and r.json()["developer_unsold"] is True, r.text
    e = srv.get(f"/api/v1/votes/{v['id']}/electorate", token).json()
    assert e["summary"]["flagged"]["developer_owned"] == 1
    r = srv.post(f"/api/v1/vote-dwellings/{unit}/developer", token,
                 json={"developer_unsold": False})
    assert r.status_code == 200 and r.json()["developer_unsold"] is False
    # Bad fields, each in the capability's words.
    bad = srv.post("/api/v1/votes", token, json={
        "place_id": b2, "title": "x", "matter": "elevator",
        "opens_at": "2099-01-10T09:00:00+08:00", "closes_at": "2099-01-20T18:00:00+08:00"})
    body = assert_field_error(bad, "matter", "invalid")
    assert "二百七十八" in body["errors"][0]["message"]
    assert_field_error(srv.post("/api/v1/votes", token, json={
        "place_id": b2, "title": "x", "matter": "other",
        "opens_at": "2099-01-10T09:00:00+08:00", "closes_at": "2099-01-01T18:00:00+08:00"}),
        "closes_at", "invalid")
