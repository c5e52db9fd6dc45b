"""Owners' votes against the server's clock (docs/api-votes.md, "Lifecycle"):
nothing accepted from the deadline on, the preliminary result published by
the job at the deadline, objections holding the opening and the final
result until staff resolve them; and the ballot chain, intact after the demo
and reporting a ballot edited by hand."""
import sqlite3
import subprocess
import time
from datetime import datetime

import pytest

from conftest import PG_BASE
from helpers import assert_field_error, assert_problem

OC, CS, RESIDENT = "demo-owners-committee", "demo-community-staff", "demo-resident"


def roof(srv):
    items = srv.get("/api/v1/votes", srv.token(OC), params={"limit": 200}).json()["items"]
    return [v for v in items if v["title"].startswith("使用专项维修资金")][0]


def epoch(rfc3339):
    return int(datetime.fromisoformat(rfc3339).timestamp())


def server_now(srv):
    return srv.advance(0)


def jump(srv, seconds):
    """Moves the clock; sessions idle that long have ended, so sign in again."""
    srv.advance(seconds)
    srv._tokens.clear()


def wait_for(srv, vote_id, status, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        v = srv.get(f"/api/v1/votes/{vote_id}", srv.token(CS)).json()
        if v["status"] == status:
            return v
        time.sleep(0.2)
    pytest.fail(f"vote {vote_id} still {v['status']}, want {status}")


def sql(srv, statement):
    if PG_BASE:
        out = subprocess.run(["psql", srv.db, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", statement],
                             capture_output=True, text=True, timeout=60, check=True).stdout
        return [tuple(line.split("|")) for line in out.splitlines() if line]
    with sqlite3.connect(srv.db) as db:
        rows = db.execute(statement).fetchall()
        db.commit()
        return rows


def test_the_deadline_the_count_and_the_objection_period(own_server):
    srv = own_server
    v = roof(srv)
    home = {u["label"].split(" ")[-1]: u["dwelling_id"]
            for h in srv.get(f"/api/v1/votes/{v['id']}/electorate", srv.token(OC),
                             params={"limit": 200}).json()["items"] for u in h["units"]}
    closes = epoch(v["closes_at"])
    jump(srv, closes - server_now(srv) - 30)
    # Just before the deadline a paper ballot is taken.
    r = srv.post(f"/api/v1/votes/{v['id']}/ballots", srv.token(OC),
                 json={"dwelling_id": home["301"], "choice": "abstain", "paper_number": "1-201"})
    assert r.status_code == 201, r.text
    # From one second after it, nothing is: the owner online, nor a paper ballot.
    jump(srv, closes + 1 - server_now(srv))
    late = srv.post(f"/api/v1/votes/{v['id']}/ballot", srv.token(RESIDENT), json={"choice": "yes"})
    assert_problem(late, 409, "conflict")
    late = srv.post(f"/api/v1/votes/{v['id']}/ballots", srv.token(OC),
                    json={"dwelling_id": home["401"], "choice": "yes", "paper_number": "1-202"})
    assert_problem(late, 409, "conflict")
    # The job at the deadline has published the preliminary result.
    v = wait_for(srv, v["id"], "preliminary")
    assert v["result"] is not None and v["outcome"] is None
    assert epoch(v["objections_until"]) - epoch(v["preliminary_at"]) == 7 * 86400
    # 3 of 6 heads took part (102 yes, 201 no, 301 abstained): exactly half, not 2/3.
    conditions = {c["name"]: c for c in v["result"]["conditions"]}
    assert (conditions["turnout_heads"]["count"], conditions["turnout_heads"]["of"]) == (3, 6)
    assert conditions["turnout_heads"]["met"] is False and v["result"]["valid"] is False
    # An owner objects to the result; the final result waits for staff.
    obj = srv.post(f"/api/v1/votes/{v['id']}/objections", srv.token(RESIDENT),
                   json={"text": "我家的纸质票没有计入"})
    assert obj.status_code == 201, obj.text
    assert obj.json()["stage"] == "result" and obj.json()["owners"] == ["吕文娟"]
    jump(srv, 7 * 86400 + 5)
    time.sleep(2)
    assert srv.get(f"/api/v1/votes/{v['id']}", srv.token(CS)).json()["status"] == "preliminary"
    assert_field_error(srv.post(f"/api/v1/votes/{v['id']}/objections/resolve", srv.token(CS),
                                json={"objection_id": obj.json()["id"], "decision": "maybe",
                                      "note": "x"}), "decision", "invalid")
    r = srv.post(f"/api/v1/votes/{v['id']}/objections/resolve", srv.token(CS),
                 json={"objection_id": obj.json()["id"], "decision": "dismissed",
                       "note": "经核对，该户未投票"})
    assert r.status_code == 200, r.text
    v = srv.get(f"/api/v1/votes/{v['id']}", srv.token(CS)).json()
    assert v["status"] == "final" and v["outcome"] == "failed"


def test_an_objection_to_the_electorate_holds_the_opening(own_server):
    srv = own_server
    token = srv.token(OC)
    rows = sql(srv, "SELECT p.id FROM places p JOIN places c ON c.id = p.compound_id"
                    " WHERE p.kind = 'building' AND p.name = '1幢' AND c.name = '紫薇花园'")
    building = int(rows[0][0])
    now = server_now(srv)
    iso = lambda t: datetime.fromtimestamp(t).astimezone().isoformat()  # noqa: E731
    r = srv.post("/api/v1/votes", token, json={
        "place_id": building, "title": "1幢楼道加装感应灯", "matter": "other",
        "opens_at": iso(now + 2 * 86400), "closes_at": iso(now + 9 * 86400),
        "objection_days": 2})
    assert r.status_code == 201, r.text
    vid = r.json()["id"]
    # A draft is its callers' alone.
    assert srv.post(f"/api/v1/votes/{vid}/objections", srv.token(RESIDENT),
                    json={"text": "面积不对"}).status_code == 404
    r = srv.post(f"/api/v1/votes/{vid}/publish", token, json={})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "published" and r.json()["electorate"]["heads"] == 6
    # Only an owner objects: a tenant's objection would hold the opening.
    refused = srv.post(f"/api/v1/votes/{vid}/objections", srv.token("demo-tenant"),
                       json={"text": "我也有意见"})
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["objector"]
    obj = srv.post(f"/api/v1/votes/{vid}/objections", srv.token(RESIDENT),
                   json={"text": "我家面积应为 92.30 平方米"})
    assert obj.status_code == 201 and obj.json()["stage"] == "electorate", obj.text
    # A ballot before the opening is refused.
    assert_problem(srv.post(f"/api/v1/votes/{vid}/ballot", srv.token(RESIDENT),
                            json={"choice": "yes"}), 409, "conflict")
    jump(srv, 2 * 86400 + 5)
    time.sleep(2)
    assert srv.get(f"/api/v1/votes/{vid}", srv.token(OC)).json()["status"] == "published"
    mine = srv.get(f"/api/v1/votes/{vid}/objections", srv.token(RESIDENT)).json()["items"]
    assert [o["id"] for o in mine] == [obj.json()["id"]]
    r = srv.post(f"/api/v1/votes/{vid}/objections/resolve", srv.token(CS),
                 json={"objection_id": obj.json()["id"], "decision": "upheld",
                       "note": "已按房产证更正面积"})
    assert r.status_code == 200, r.text
    assert srv.get(f"/api/v1/votes/{vid}", srv.token(OC)).json()["status"] == "open"
    r = srv.post(f"/api/v1/votes/{vid}/ballot", srv.token(RESIDENT), json={"choice": "yes"})
    assert r.status_code == 201, r.text


def test_the_ballot_chain_is_intact_and_shows_a_ballot_edited_by_hand(own_server):
    srv = own_server
    inspector = srv.token("demo-inspector")
    report = srv.get("/api/v1/chains/verify", inspector)
    assert report.status_code == 200, report.text
    chain = [c for c in report.json()["chains"] if c["name"] == "vote_ballots"][0]
    assert report.json()["intact"] is True and chain["intact"] is True and chain["rows"] >= 9
    victim = int(sql(srv, "SELECT id FROM vote_ballots WHERE choice = 'no' ORDER BY id LIMIT 1")[0][0])
    # The database itself refuses to change a linked ballot...
    with pytest.raises((sqlite3.DatabaseError, subprocess.CalledProcessError)):
        sql(srv, f"UPDATE vote_ballots SET choice = 'yes' WHERE id = {victim}")
    # ...so a forger drops the guard first; the chain still tells.
    if PG_BASE:
        sql(srv, "DROP TRIGGER vote_ballots_append_only ON vote_ballots")
    else:
        sql(srv, "DROP TRIGGER vote_ballots_no_update")
    sql(srv, f"UPDATE vote_ballots SET choice = 'yes' WHERE id = {victim}")
    report = srv.get("/api/v1/chains/verify", inspector).json()
    chain = [c for c in report["chains"] if c["name"] == "vote_ballots"][0]
    assert report["intact"] is False and chain["intact"] is False
    assert chain["broken_id"] == victim
