"""Only an owner votes online (docs/api-votes.md, "Who votes online"): an
account of role resident is linked by staff to the person it speaks for
(docs/api-registry.md, "Resident accounts"), and its online ballot is taken
only when that person owns a unit of the head now. Tenants, family members
and accounts linked to no one are refused; co-owners share one ballot;
linking is staff's, within their scope, and audited."""
import time
from datetime import datetime

import pytest

from conftest import Server, _finish
from helpers import assert_field_error, assert_problem

OC, CS, GRID = "demo-owners-committee", "demo-community-staff", "demo-grid-worker"


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


def vote_titled(srv, title):
    items = srv.get("/api/v1/votes", srv.token(OC), params={"limit": 200}).json()["items"]
    return [v for v in items if v["title"] == title][0]


def roof(srv):
    return vote_titled(srv, "使用专项维修资金维修1幢屋面防水")


def homes(srv, vote_id):
    heads = srv.get(f"/api/v1/votes/{vote_id}/electorate", srv.token(OC),
                    params={"limit": 200}).json()["items"]
    return {u["label"].split(" ")[-1]: u["dwelling_id"] for h in heads for u in h["units"]}


def resident(srv, name, token=None):
    r = srv.get("/api/v1/residents", token or srv.token(CS), params={"q": name})
    assert r.status_code == 200, r.text
    return [x for x in r.json()["items"] if x["name"] == name][0]["id"]


def account(srv, dwelling, link_to=None):
    """A new resident account of dwelling, linked by community staff to
    link_to (a name) when given; (user id, token)."""
    user, password = srv.create_user(role="resident", scope_id=dwelling)
    if link_to:
        r = srv.post(f"/api/v1/resident-accounts/{user['id']}/link", srv.token(CS),
                     json={"resident_id": resident(srv, link_to)})
        assert r.status_code == 200, r.text
    return user["id"], srv.login(user["login"], password)


def refused_as_not_owner(r):
    body = assert_field_error(r, "owner", "invalid")
    assert "只有业主" in [e["message"] for e in body["errors"] if e["field"] == "owner"][0]


def test_the_demo_tenant_reaches_the_vote_but_is_refused(srv):
    v = roof(srv)
    token = srv.token("demo-tenant")
    assert srv.get(f"/api/v1/votes/{v['id']}", token).status_code == 200
    me = srv.get(f"/api/v1/votes/{v['id']}/voter", token).json()
    assert me == {"standing": "not_owner", "owner": False, "voted": None, "head": None}
    refused_as_not_owner(srv.post(f"/api/v1/votes/{v['id']}/ballot", token,
                                  json={"choice": "yes"}))
    en = srv.post(f"/api/v1/votes/{v['id']}/ballot", token, json={"choice": "yes"},
                  headers={"Accept-Language": "en"}).json()
    assert en["errors"][0]["message"].startswith("only an owner votes online")
    # The owner of 1幢 101 sees the units she owns as her head.
    mine = srv.get(f"/api/v1/votes/{v['id']}/voter", srv.token("demo-resident")).json()
    assert mine["standing"] == "owner" and mine["voted"] is False
    assert mine["head"]["mine"] is True
    assert [u["owners"] for u in mine["head"]["units"]] == [["吕文娟"]]


def test_a_family_member_and_an_unlinked_account_are_refused(srv):
    v = roof(srv)
    home = homes(srv, v["id"])
    _, family = account(srv, home["301"], link_to="杨军")  # 杨秀兰's son
    refused_as_not_owner(srv.post(f"/api/v1/votes/{v['id']}/ballot", family,
                                  json={"choice": "yes"}))
    assert srv.get(f"/api/v1/votes/{v['id']}/voter", family).json()["standing"] == "not_owner"
    user, unlinked = account(srv, home["301"])
    assert srv.get(f"/api/v1/votes/{v['id']}/voter", unlinked).json()["standing"] == "not_linked"
    refused_as_not_owner(srv.post(f"/api/v1/votes/{v['id']}/ballot", unlinked,
                                  json={"choice": "yes"}))
    # Linked to the owner, the same account votes for the head.
    r = srv.post(f"/api/v1/resident-accounts/{user}/link", srv.token(CS),
                 json={"resident_id": resident(srv, "杨秀兰")})
    assert r.status_code == 200 and r.json()["relation"] == "owner", r.text
    assert srv.post(f"/api/v1/votes/{v['id']}/ballot", unlinked,
                    json={"choice": "abstain"}).status_code == 201
    assert srv.get(f"/api/v1/votes/{v['id']}/voter", unlinked).json()["voted"] is True


def test_one_co_owner_votes_for_the_head(srv):
    """A new vote of 6幢, where 202 is 周敏's and 钱伟's together."""
    token = srv.token(CS)
    el = vote_titled(srv, "6幢加装电梯")
    now = srv.advance(0)
    iso = lambda t: datetime.fromtimestamp(t).astimezone().isoformat()  # noqa: E731
    r = srv.post("/api/v1/votes", token, json={
        "place_id": el["place"]["id"], "title": "6幢外墙清洗", "matter": "other",
        "opens_at": iso(now + 3600), "closes_at": iso(now + 5 * 86400)})
    assert r.status_code == 201, r.text
    vid = r.json()["id"]
    assert srv.post(f"/api/v1/votes/{vid}/publish", token, json={}).status_code == 200
    home = homes(srv, vid)
    _, zhou = account(srv, home["202"], link_to="周敏")
    _, qian = account(srv, home["202"], link_to="钱伟")
    srv.advance(3600 + 5)
    srv._tokens.pop(CS, None)
    deadline = time.time() + 20
    while srv.get(f"/api/v1/votes/{vid}", srv.token(CS)).json()["status"] != "open":
        assert time.time() < deadline, "the vote did not open"
        time.sleep(0.2)
    assert srv.post(f"/api/v1/votes/{vid}/ballot", zhou, json={"choice": "yes"}).status_code == 201
    assert_problem(srv.post(f"/api/v1/votes/{vid}/ballot", qian, json={"choice": "no"}),
                   409, "conflict")
    assert srv.get(f"/api/v1/votes/{vid}/voter", qian).json()["voted"] is True
    # 徐海's head is his three units, his name whole on each.
    xu = srv.get(f"/api/v1/votes/{vid}/voter", srv.token("demo-owner")).json()
    assert xu["standing"] == "owner"
    assert [u["owners"] for u in xu["head"]["units"]] == [["徐海"]] * 3
    heads = srv.get(f"/api/v1/votes/{vid}/electorate", srv.token("demo-owner"),
                    params={"limit": 200}).json()["items"]
    assert [len(h["units"]) for h in heads if h["mine"]] == [3]
    # The developer's unsold units have no online voter, as before.
    assert [h for h in heads if h["developer"]][0]["mine"] is False


def test_linking_is_staff_s_within_their_scope(srv):
    v = roof(srv)
    home = homes(srv, v["id"])
    user, _ = account(srv, home["401"])
    path = f"/api/v1/resident-accounts/{user}/link"
    miao = resident(srv, "缪蓉")
    # A resident, the building leader and the owners' committee may not link.
    for login in ("demo-resident", "demo-building-leader", OC):
        assert srv.post(path, srv.token(login), json={"resident_id": miao}).status_code == 403
    # Someone who does not live in the account's home, or no one in reach.
    assert_field_error(srv.post(path, srv.token(CS), json={"resident_id": resident(srv, "陈桂英")}),
                       "resident_id", "invalid")
    han = resident(srv, "韩梅", srv.token("demo2-community-staff"))
    assert_field_error(srv.post(path, srv.token(CS), json={"resident_id": han}),
                       "resident_id", "invalid")
    # The other sub-district's staff do not reach the account at all.
    assert srv.post(path, srv.token("demo2-community-staff"),
                    json={"resident_id": han}).status_code == 404
    assert srv.get(f"/api/v1/resident-accounts/{user}",
                   srv.token("demo2-community-staff")).status_code == 404
    # A grid worker of another grid does not reach it either.
    other_grid = [u for u in srv.get("/api/v1/users?limit=200", srv.admin()).json()["items"]
                  if u["login"] == "demo2-resident"][0]
    assert srv.get(f"/api/v1/resident-accounts/{other_grid['id']}",
                   srv.token(GRID)).status_code == 404
    # Not an account of role resident: as if absent.
    staff_id = srv.get("/api/v1/auth/me", srv.token(OC)).json()["user"]["id"]
    assert srv.get(f"/api/v1/resident-accounts/{staff_id}", srv.token(CS)).status_code == 404
    # The grid worker of the building links (the permission table's resident_write).
    r = srv.post(path, srv.token(GRID), json={"resident_id": miao})
    assert r.status_code == 200, r.text
    shown = srv.get(f"/api/v1/resident-accounts/{user}", srv.token(CS)).json()
    assert shown["resident_id"] == miao and shown["relation"] == "owner"
    assert shown["resident"]["name"] == "缪蓉" and shown["linked_at"]
    again = srv.post(path, srv.token(GRID), json={"resident_id": miao})
    assert again.status_code == 200
    r = srv.post(f"/api/v1/resident-accounts/{user}/unlink", srv.token(CS), json={})
    assert r.status_code == 200 and r.json()["resident_id"] is None and r.json()["linked"] is False
    # Both are in the audit log, once each, with before and after.
    log = srv.get("/api/v1/audit", srv.admin(), params={
        "entity": "resident_account", "entity_id": user, "limit": 200}).json()["items"]
    actions = sorted(x["action"] for x in log)
    assert actions == ["link", "unlink"], log
    link = [x for x in log if x["action"] == "link"][0]
    assert link["before"]["resident_id"] is None and link["after"]["resident_id"] == miao
    unlink = [x for x in log if x["action"] == "unlink"][0]
    assert unlink["before"]["resident_id"] == miao and unlink["after"]["resident_id"] is None


def test_the_demo_authorization_is_where_the_server_reads(srv):
    """`hongwu demo` stores files where `hongwu serve` reads them (--files, or
    the same default beside the database)."""
    el = vote_titled(srv, "6幢加装电梯")
    inspector = srv.token("demo-inspector")
    auth = srv.get(f"/api/v1/votes/{el['id']}/authorizations", inspector).json()["items"][0]
    f = srv.get(f"/api/v1/votes/{el['id']}/authorization-file", inspector,
                params={"authorization_id": auth["id"]})
    assert f.status_code == 200 and f.content.startswith(b"%PDF"), f.status_code
