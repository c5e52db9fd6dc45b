"""Deliberation on the demo (docs/api-meetings.md): who sees which meetings
and topics, a meeting from its hall to its decisions and a follow-up work
order, topics with comments and their authors' names masked."""
import sqlite3
import subprocess
from datetime import datetime, timedelta, timezone

import pytest

from conftest import PG_BASE, Server, _finish
from helpers import assert_field_error

CS, RES, PS, OC = ("demo-community-staff", "demo-resident", "demo-property-staff",
                   "demo-owners-committee")


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


def query(server, sql):
    """Rows of sql on the server's database, as text."""
    if PG_BASE:
        out = subprocess.run(["psql", server.db, "-v", "ON_ERROR_STOP=1", "-qAt", "-F", "\t",
                              "-c", sql], capture_output=True, text=True, timeout=60,
                             check=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]
    with sqlite3.connect(server.db) as db:
        return [tuple("" if v is None else str(v) for v in row) for row in db.execute(sql)]


def place(server, path):
    """The id of the place at a path of names under 新都街道 or 盐渎街道."""
    parent = None
    for name in path.split("/"):
        cond = "parent_id IS NULL" if parent is None else f"parent_id = {parent}"
        rows = query(server, f"SELECT id FROM places WHERE name = '{name}' AND {cond}")
        assert len(rows) == 1, (path, name, rows)
        parent = int(rows[0][0])
    return parent


def dwelling_in(server, compound_path):
    compound = place(server, compound_path)
    return int(query(server, f"SELECT id FROM places WHERE compound_id = {compound}"
                             " AND kind = 'dwelling' ORDER BY id LIMIT 1")[0][0])


def resident_of(server, compound_path):
    """A new resident account bound to a dwelling of that compound; its token."""
    user, password = server.create_user(role="resident",
                                        scope_id=dwelling_in(server, compound_path))
    return server.login(user["login"], password)


def soon(server, days=1):
    """An RFC 3339 time days after the server's clock."""
    now = server.advance(0)
    return datetime.fromtimestamp(now + days * 86400, tz=timezone(timedelta(hours=8))).isoformat()


def all_items(server, path, token, **params):
    items, after = [], None
    while True:
        page = server.get(path, token, params={"limit": 200, **params,
                                               **({"after": after} if after else {})})
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        after = page.json()["next_after"]
        if after is None:
            return items


ZIWEI = "新都街道/聚龙湖社区/紫薇花园"
NEIGHBOUR = "新都街道/聚龙湖社区/聚龙湖花园"


def test_the_demo_meetings_and_who_sees_them(srv):
    staff = {m["topic"]: m for m in all_items(srv, "/api/v1/meetings", srv.token(CS))}
    assert {"1幢加装电梯协商会", "污水主管塌陷抢修协商会"} <= set(staff)
    assert "惠民小区停车秩序协商会" not in staff  # the other sub-district's
    elevator = srv.get(f"/api/v1/meetings/{staff['1幢加装电梯协商会']['id']}", srv.token(CS)).json()
    assert elevator["status"] == "held" and elevator["minutes"]
    assert [p["kind"] for p in elevator["parties"]][:3] == [
        "community", "owners_committee", "property_company"]
    assert all(p["attended"] is True for p in elevator["parties"])
    assert "业主表决" in elevator["decisions"][0]["text"]
    sewer = srv.get(f"/api/v1/meetings/{staff['污水主管塌陷抢修协商会']['id']}", srv.token(CS)).json()
    order = sewer["tasks"][0]["work_order"]
    assert order["number"].startswith("WO-") and order["status"]
    assert any(p["attended"] is False for p in sewer["parties"])

    # The demo resident lives in 紫薇花园 1幢: both meetings are theirs.
    mine = {m["topic"] for m in all_items(srv, "/api/v1/meetings", srv.token(RES))}
    assert mine == {"1幢加装电梯协商会", "污水主管塌陷抢修协商会"}
    assert srv.get(f"/api/v1/meetings/{elevator['id']}", srv.token(RES)).status_code == 200
    # A resident of 康欣花园 sees neither, nor does the other sub-district.
    neighbour = resident_of(srv, NEIGHBOUR)
    assert all_items(srv, "/api/v1/meetings", neighbour) == []
    assert srv.get(f"/api/v1/meetings/{elevator['id']}", neighbour).status_code == 404
    other = srv.token("demo2-community-staff")
    assert srv.get(f"/api/v1/meetings/{sewer['id']}", other).status_code == 404
    # The decisions a ledger may cite, by compound.
    decisions = all_items(srv, "/api/v1/meeting-decisions", srv.token(RES),
                          compound_id=place(srv, ZIWEI))
    assert {d["meeting"]["topic"] for d in decisions} == {"1幢加装电梯协商会",
                                                          "污水主管塌陷抢修协商会"}


def test_a_meeting_from_hall_to_follow_up_work_order(srv):
    cs = srv.token(CS)
    compound = place(srv, ZIWEI)
    hall = srv.post("/api/v1/meeting-halls", cs, json={"place_id": compound,
                                                       "name": "紫薇花园议事角"})
    assert hall.status_code == 201, hall.text
    assert srv.post("/api/v1/meeting-halls", cs, json={
        "place_id": compound, "name": "紫薇花园议事角"}).status_code == 422  # one name per place
    topic = srv.post("/api/v1/topics", srv.token(RES), json={
        "title": "消防通道被占", "body": "北门消防通道常停私家车。"}).json()
    assert topic["place"]["id"] == compound and topic["status"] == "open"

    r = srv.post("/api/v1/meetings", cs, json={
        "place_id": compound, "hall_id": hall.json()["id"], "topic": "消防通道整治协商会",
        "starts_at": "2099-01-01T19:00:00+08:00"})
    assert_field_error(r, "starts_at", "invalid")  # more than a year ahead
    r = srv.post("/api/v1/meetings", cs, json={
        "place_id": compound, "hall_id": hall.json()["id"], "topic": "消防通道整治协商会",
        "starts_at": soon(srv)})
    assert r.status_code == 201, r.text
    mid = r.json()["id"]
    assert r.headers["Location"] == f"/api/v1/meetings/{mid}"
    path = f"/api/v1/meetings/{mid}"
    assert srv.post(path + "/agenda", cs, json={"topic_id": topic["id"]}).status_code == 200
    assert_field_error(srv.post(path + "/agenda", cs, json={"topic_id": topic["id"]}),
                       "topic_id", "invalid")  # taken up once
    r = srv.post(path + "/agenda", cs, json={"title": "整治办法"})
    assert [a["title"] for a in r.json()["agenda"]] == ["消防通道被占", "整治办法"]
    taken = srv.get(f"/api/v1/topics/{topic['id']}", srv.token(RES)).json()
    assert taken["status"] == "on_agenda" and taken["meeting"]["id"] == mid

    orgs = srv.get("/api/v1/organizations", cs, params={"limit": 200}).json()["items"]
    company = next(o for o in orgs if o["name"] == "紫薇物业服务有限公司")
    assert_field_error(srv.post(path + "/parties", cs, json={
        "kind": "owners_committee", "org_id": company["id"]}), "org_id", "invalid")
    r = srv.post(path + "/parties", cs, json={"kind": "property_company", "org_id": company["id"]})
    assert r.status_code == 200, r.text
    r = srv.post(path + "/parties", cs, json={"kind": "resident", "name": "北门住户代表"})
    parties = r.json()["parties"]
    assert [p["name"] for p in parties] == ["紫薇物业服务有限公司", "北门住户代表"]
    assert_field_error(srv.post(path + "/decisions", cs, json={"text": "早了"}), "status",
                       "invalid")  # not held yet
    for p, came in zip(parties, (True, False)):
        r = srv.post(path + "/attendance", cs, json={"party_id": p["id"], "attended": came})
        assert r.status_code == 200, r.text
    r = srv.post(path + "/minutes", cs, json={"minutes": "议定：设置隔离桩，物业每日巡查。"})
    assert r.status_code == 200 and r.json()["status"] == "held", r.text
    assert_field_error(srv.post(path + "/agenda", cs, json={"title": "晚了"}), "status", "invalid")
    r = srv.post(path + "/decisions", cs, json={"text": "北门消防通道设置隔离桩。"})
    decision = r.json()["decisions"][0]
    assert decision["position"] == 1

    cats = srv.get("/api/v1/wo-categories", cs).json()["items"]
    doors = next(c for c in cats if c["code"] == "doors")
    assert_field_error(srv.post(path + "/tasks", cs, json={
        "title": "安装隔离桩", "work_order": {"category_id": 987654}}),
        "work_order.category_id", "invalid")
    r = srv.post(path + "/tasks", cs, json={
        "title": "安装隔离桩", "assignee": "紫薇物业服务有限公司", "due_date": "2026-12-31",
        "decision_id": decision["id"],
        "work_order": {"category_id": doors["id"], "description": "北门消防通道安装隔离桩"}})
    assert r.status_code == 200, r.text
    task = r.json()["tasks"][0]
    assert task["decision_id"] == decision["id"] and task["status"] == "open"
    order = srv.get(f"/api/v1/work-orders/{task['work_order']['id']}", cs).json()
    assert order["number"] == task["work_order"]["number"]
    assert order["description"] == "北门消防通道安装隔离桩"
    assert task["work_order"]["status"] == order["status"]
    r = srv.post(f"/api/v1/meeting-tasks/{task['id']}/done", cs, json={})
    assert r.json()["tasks"][0]["status"] == "done"
    assert_field_error(srv.post(f"/api/v1/meeting-tasks/{task['id']}/done", cs, json={}),
                       "status", "invalid")
    # Audited as updates of the meeting.
    audit = srv.get("/api/v1/audit", srv.token("demo-subdistrict-officer"),
                    params={"entity": "meeting", "entity_id": mid, "limit": 50}).json()["items"]
    assert len(audit) >= 8


def test_who_may_hold_meetings(srv):
    compound = place(srv, ZIWEI)
    hall = all_items(srv, "/api/v1/meeting-halls", srv.token(CS))[0]
    body = {"place_id": compound, "hall_id": hall["id"], "topic": "测试",
            "starts_at": soon(srv)}
    assert srv.post("/api/v1/meetings", srv.token(PS), json=body).status_code == 403
    assert srv.post("/api/v1/meetings", srv.token(RES), json=body).status_code == 403
    # The owners' committee holds its compound's meetings, and no other's.
    neighbour_compound = place(srv, NEIGHBOUR)
    assert_field_error(srv.post("/api/v1/meetings", srv.token(OC),
                                json={**body, "place_id": neighbour_compound}), "place_id", "invalid")
    r = srv.post("/api/v1/meetings", srv.token(OC), json=body)
    assert r.status_code == 201, r.text


def test_topics_comments_and_masked_authors(srv):
    res = srv.token(RES)
    r = srv.post("/api/v1/topics", res, json={"title": "", "body": "x"})
    assert_field_error(r, "title", "invalid")
    r = srv.post("/api/v1/topics", res, json={"title": "垃圾分类亭异味", "body": "夏天异味大，建议加盖。",
                                              "place_id": place(srv, NEIGHBOUR)})
    assert_field_error(r, "place_id", "invalid")  # not their compound
    r = srv.post("/api/v1/topics", res, json={"title": "垃圾分类亭异味", "body": "夏天异味大，建议加盖。"})
    assert r.status_code == 201, r.text
    topic = r.json()
    assert topic["opened_by"] == {"name": "吕文娟", "mine": True}

    neighbour_same = resident_of(srv, ZIWEI)
    seen = srv.get(f"/api/v1/topics/{topic['id']}", neighbour_same).json()
    assert seen["opened_by"] == {"name": "吕*", "mine": False}
    assert srv.get(f"/api/v1/topics/{topic['id']}", srv.token(CS)).json()["opened_by"]["name"] == "吕文娟"
    assert srv.get(f"/api/v1/topics/{topic['id']}", srv.token(PS)).json()["opened_by"]["name"] == "吕*"

    r = srv.post(f"/api/v1/topics/{topic['id']}/comments", neighbour_same, json={"body": "同意加盖"})
    assert r.status_code == 201, r.text
    r = srv.post(f"/api/v1/topics/{topic['id']}/comments", res, json={"body": "谢谢支持"})
    comments = all_items(srv, f"/api/v1/topics/{topic['id']}/comments", res)
    assert [c["body"] for c in comments] == ["同意加盖", "谢谢支持"]
    assert comments[0]["author"]["mine"] is False and comments[0]["author"]["name"].endswith("*")
    assert comments[1]["author"] == {"name": "吕文娟", "mine": True}
    assert srv.get(f"/api/v1/topics/{topic['id']}", res).json()["comments_count"] == 2

    neighbour = resident_of(srv, NEIGHBOUR)
    assert srv.get(f"/api/v1/topics/{topic['id']}", neighbour).status_code == 404
    assert srv.post(f"/api/v1/topics/{topic['id']}/comments", neighbour,
                    json={"body": "路过"}).status_code == 404
    assert topic["id"] not in {t["id"] for t in all_items(srv, "/api/v1/topics", neighbour)}
    demo_topic = [t for t in all_items(srv, "/api/v1/topics", res)
                  if t["title"] == "东门增设电动自行车充电棚"]
    assert demo_topic and demo_topic[0]["comments_count"] == 3
    # The audit log keeps the author masked.
    audit = srv.get("/api/v1/audit", srv.token("demo-subdistrict-officer"),
                    params={"entity": "meeting_topic", "entity_id": topic["id"]}).json()["items"]
    assert audit and audit[0]["after"]["opened_by"]["name"] == "吕*"


def test_an_agenda_takes_up_only_topics_of_the_meetings_place(srv):
    """A topic of another compound is not taken onto a meeting: the
    organisers do not read it, and its residents could not follow it."""
    oc, cs = srv.token(OC), srv.token(CS)
    ziwei, neighbour_compound = place(srv, ZIWEI), place(srv, NEIGHBOUR)
    community = place(srv, "新都街道/聚龙湖社区")
    neighbour = resident_of(srv, NEIGHBOUR)
    theirs = srv.post("/api/v1/topics", neighbour, json={"title": "聚龙湖花园路灯不亮",
                                                        "body": "南门路灯坏了一周。"}).json()
    assert theirs["place"]["id"] == neighbour_compound
    assert srv.get(f"/api/v1/topics/{theirs['id']}", oc).status_code == 404
    hall = next(h["id"] for h in all_items(srv, "/api/v1/meeting-halls", oc)
                if h["place"]["id"] == community)
    ours = srv.post("/api/v1/meetings", oc, json={"place_id": ziwei, "hall_id": hall,
                                                  "topic": "紫薇花园月度协商会",
                                                  "starts_at": soon(srv)})
    assert ours.status_code == 201, ours.text
    path = f"/api/v1/meetings/{ours.json()['id']}/agenda"
    assert_field_error(srv.post(path, oc, json={"topic_id": theirs["id"]}), "topic_id", "invalid")
    assert_field_error(srv.post(path, cs, json={"topic_id": theirs["id"]}), "topic_id", "invalid")
    again = srv.get(f"/api/v1/topics/{theirs['id']}", neighbour).json()
    assert again["status"] == "open" and again["meeting"] is None
    # A meeting of the community takes up a topic of a compound within it.
    whole = srv.post("/api/v1/meetings", cs, json={"place_id": community, "hall_id": hall,
                                                   "topic": "社区季度协商会",
                                                   "starts_at": soon(srv)})
    assert whole.status_code == 201, whole.text
    r = srv.post(f"/api/v1/meetings/{whole.json()['id']}/agenda", cs,
                 json={"topic_id": theirs["id"]})
    assert r.status_code == 200, r.text
    assert r.json()["agenda"][-1]["topic_id"] == theirs["id"]
