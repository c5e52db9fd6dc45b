"""Notifications (docs/architecture.md, "Jobs and notifications"): the inbox,
announcements delivered by the scheduler at their time, and signed webhooks
with retries and a delivery log. SQLite and PostgreSQL."""
import json
import secrets
import time

import pytest

from helpers import assert_field_error, assert_problem
from jobs_helpers import (Receiver, announce, inbox, now_of, pretty, signature_ok, titled,
                          wait_for)
from places_helpers import place


def settle(server):
    """Waits until no announcement is still to be delivered."""
    wait_for("announcements delivered", lambda: all(
        a["state"] == "delivered"
        for a in server.get("/api/v1/announcements?limit=200", server.admin()).json()["items"]))


def me_unread(server, token):
    r = server.get("/api/v1/auth/me", token)
    assert r.status_code == 200, r.text
    return r.json()["unread_notifications"]


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.stop()


def add_webhook(server, token, url, **extra):
    r = server.post("/api/v1/webhooks", token, json=dict(extra, url=url, events=["announcement"]))
    assert r.status_code == 201, r.text
    return r.json()


def deliveries(server, token, hook_id):
    r = server.get(f"/api/v1/webhooks/{hook_id}/deliveries", token)
    assert r.status_code == 200, r.text
    return r.json()["items"]


# --- announcements and the inbox ----------------------------------------------

def test_a_scheduled_announcement_is_delivered_at_its_time_once(own_server):
    s = own_server
    officer = s.token("demo-subdistrict-officer")
    worker, resident = s.token("demo-grid-worker"), s.token("demo-resident")
    other = s.token("demo2-community-staff")
    now = now_of(s)
    a = announce(s, officer, at=now + 3600)
    assert a["state"] == "scheduled" and a["delivered_at"] is None and a["recipients"] is None
    s.advance(1800)
    time.sleep(1.5)
    assert titled(s, worker, a["title"]) == []
    s.advance(1800)
    wait_for("delivery", lambda: titled(s, worker, a["title"]))
    got = s.get(f"/api/v1/announcements/{a['id']}", officer).json()
    assert got["state"] == "delivered" and got["recipients"] >= 10, pretty(got)
    s.advance(7200)  # later rounds of the scheduler deliver nothing more
    time.sleep(2)
    for token in (worker, resident, officer):
        items = titled(s, token, a["title"])
        assert len(items) == 1
        assert items[0]["kind"] == "announcement" and not items[0]["read"]
        assert items[0]["link"] == f"/announcements/{a['id']}"
    assert titled(s, other, a["title"]) == []  # another sub-district's staff
    assert titled(s, s.admin(), a["title"]) == []  # the installation admin is in no scope
    audit = s.get("/api/v1/audit?limit=100", s.admin()).json()["items"]
    assert any(e["action"] == "create" and e["entity"] == "announcement"
               and e["entity_id"] == a["id"] for e in audit)


def test_an_announcement_reaches_the_roles_asked_inside_the_scope(server):
    staff = server.token("demo-community-staff")
    a = announce(server, staff, roles=["grid_worker", "resident"])
    worker = server.token("demo-grid-worker")
    wait_for("delivery", lambda: titled(server, worker, a["title"]))
    assert len(titled(server, server.token("demo-resident"), a["title"])) == 1
    assert titled(server, server.token("demo-grid-leader"), a["title"]) == []
    assert titled(server, staff, a["title"]) == []
    # The community staff's scope is the community; the other sub-district
    # cannot read it.
    other = server.token("demo2-community-staff")
    assert_problem(server.get(f"/api/v1/announcements/{a['id']}", other), 404, "not-found")
    assert a["id"] not in [x["id"] for x in
                           server.get("/api/v1/announcements", other).json()["items"]]
    assert a["id"] in [x["id"] for x in server.get("/api/v1/announcements",
                                                   server.token("demo-subdistrict-officer"))
                       .json()["items"]]


def test_announcement_validation_and_permissions(server):
    officer = server.token("demo-subdistrict-officer")
    post = lambda body: server.post("/api/v1/announcements", officer, json=body)
    assert_field_error(post({"body": "x"}), "title", "required")
    assert_field_error(post({"title": "  ", "body": "x"}), "title", "invalid")
    assert_field_error(post({"title": "t" * 201, "body": "x"}), "title", "too-long")
    assert_field_error(post({"title": "t", "body": "x", "roles": ["king"]}), "roles", "invalid")
    assert_field_error(post({"title": "t", "body": "x", "roles": []}), "roles", "invalid")
    assert_field_error(post({"title": "t", "body": "x", "at": "next monday"}), "at", "invalid")
    far = now_of(server) + 400 * 86400
    assert_field_error(post({"title": "t", "body": "x", "at": far}), "at", "invalid")
    assert_field_error(post({"title": "t", "body": "x", "colour": "red"}), "colour",
                       "unknown-field")
    for login in ("demo-grid-worker", "demo-inspector", "demo-resident"):
        r = server.post("/api/v1/announcements", server.token(login),
                        json={"title": "t", "body": "x"})
        assert_problem(r, 403, "forbidden")
    ok = announce(server, officer, at="2020-01-01T08:00:00+08:00")  # past: now
    assert ok["state"] in ("scheduled", "delivered")


def test_unread_count_in_me_goes_down_after_read(server):
    leader = server.token("demo-grid-leader")
    settle(server)
    before = me_unread(server, leader)
    a = announce(server, server.token("demo-subdistrict-officer"))
    wait_for("delivery", lambda: titled(server, leader, a["title"]))
    settle(server)
    assert me_unread(server, leader) == before + 1
    page = server.get("/api/v1/inbox?unread=1", leader).json()
    assert page["unread"] == before + 1
    assert all(not i["read"] for i in page["items"])
    [item] = titled(server, leader, a["title"])
    # Nobody else reads it for them.
    assert_problem(server.post(f"/api/v1/inbox/{item['id']}/read",
                               server.token("demo-grid-worker")), 404, "not-found")
    r = server.post(f"/api/v1/inbox/{item['id']}/read", leader)
    assert r.status_code == 200, r.text
    assert r.json()["read"] is True and r.json()["read_at"]
    assert me_unread(server, leader) == before
    assert item["id"] not in [i["id"] for i in inbox(server, leader, unread=1)]
    r = server.post("/api/v1/inbox/read-all", leader)
    assert r.status_code == 200 and r.json()["marked"] == before
    assert me_unread(server, leader) == 0
    assert server.get("/api/v1/inbox?unread=1", leader).json()["items"] == []
    assert_field_error(server.get("/api/v1/inbox?unread=maybe", leader), "unread", "invalid")


def test_the_demo_announcement_and_webhook_are_there(server):
    worker = server.token("demo-grid-worker")
    assert [i for i in inbox(server, worker) if i["title"] == "欢迎使用红物网格治理平台"]
    officer = server.token("demo-subdistrict-officer")
    hooks = server.get("/api/v1/webhooks", officer).json()["items"]
    demo = [h for h in hooks if h["url"] == "http://127.0.0.1:9/"]
    assert demo and "secret" not in demo[0]
    # Nobody listens on port 9: its first delivery fails visibly.
    failed = wait_for("a failed attempt", lambda: [
        d for d in deliveries(server, officer, demo[0]["id"])
        if d["attempt_log"] and d["attempt_log"][0]["error"]])
    assert failed[0]["attempt_log"][0]["http_status"] is None


# --- webhooks ------------------------------------------------------------------

def test_a_webhook_gets_a_signed_post(own_server, receiver):
    s = own_server
    officer = s.token("demo-subdistrict-officer")
    hook = add_webhook(s, officer, receiver.url)
    secret = hook["secret"]
    assert secret.startswith("whsec_") and hook["enabled"] is True
    assert "secret" not in s.get(f"/api/v1/webhooks/{hook['id']}", officer).json()
    audit = s.get("/api/v1/audit?limit=50", s.admin()).json()["items"]
    created = [e for e in audit if e["entity"] == "webhook" and e["entity_id"] == hook["id"]]
    assert created and created[0]["action"] == "create"
    assert secret not in json.dumps(created, ensure_ascii=False)

    a = announce(s, officer)
    headers, body = wait_for("the POST", lambda: receiver.posts and receiver.posts[0])
    assert headers["x-hongwu-event"] == "announcement"
    assert headers["content-type"] == "application/json"
    assert signature_ok(secret, headers, body)
    assert not signature_ok("whsec_wrong", headers, body)
    assert abs(int(headers["x-hongwu-timestamp"]) - now_of(s)) < 60
    sent = json.loads(body)
    assert sent["event"] == "announcement" and sent["id"] == int(headers["x-hongwu-delivery"])
    assert sent["data"]["id"] == a["id"] and sent["data"]["title"] == a["title"]
    log = wait_for("delivered", lambda: [d for d in deliveries(s, officer, hook["id"])
                                         if d["state"] == "delivered"])
    assert log[0]["attempts"] == 1 and log[0]["attempt_log"][0]["http_status"] == 200
    time.sleep(1.5)
    assert len(receiver.posts) == 1

    # A secret of one's own, and a disabled webhook receives nothing.
    own = add_webhook(s, officer, receiver.url, secret="my-own-secret-0123456789")
    assert own["secret"] == "my-own-secret-0123456789"
    r = s.patch(f"/api/v1/webhooks/{hook['id']}", officer, json={"enabled": False})
    assert r.status_code == 200 and r.json()["enabled"] is False
    receiver.posts.clear()
    announce(s, officer)
    headers, body = wait_for("the POST", lambda: receiver.posts and receiver.posts[0])
    assert signature_ok("my-own-secret-0123456789", headers, body)
    time.sleep(1.5)
    assert len(receiver.posts) == 1


def test_a_failing_receiver_sees_retries_in_the_delivery_log(own_server, receiver):
    s = own_server
    receiver.status = 500
    officer = s.token("demo-subdistrict-officer")
    hook = add_webhook(s, officer, receiver.url)
    announce(s, officer)
    wait_for("attempt 1", lambda: len(receiver.posts) == 1)
    s.advance(30)
    wait_for("attempt 2", lambda: len(receiver.posts) == 2)
    s.advance(60)
    wait_for("attempt 3", lambda: len(receiver.posts) == 3)
    ids = {h["x-hongwu-delivery"] for h, _ in receiver.posts}
    assert len(ids) == 1  # one delivery, retried
    assert len({b for _, b in receiver.posts}) == 1  # the same body every time
    assert all(signature_ok(hook["secret"], h, b) for h, b in receiver.posts)
    officer = s.token("demo-subdistrict-officer")
    [d] = wait_for("3 attempts logged", lambda: [
        d for d in deliveries(s, officer, hook["id"]) if d["attempts"] == 3])
    assert d["state"] == "pending" and d["last_status"] == 500
    assert [a["http_status"] for a in d["attempt_log"]] == [500, 500, 500]
    assert "500" in d["last_error"]

    receiver.status = 204
    s.advance(120)
    [d] = wait_for("delivered", lambda: [
        d for d in deliveries(s, s.token("demo-subdistrict-officer"), hook["id"])
        if d["state"] == "delivered"])
    assert d["attempts"] == 4 and d["attempt_log"][-1]["http_status"] == 204
    assert len(receiver.posts) == 4


def test_webhooks_are_scoped_to_their_sub_district(own_server):
    s = own_server
    officer = s.token("demo-subdistrict-officer")
    hook = add_webhook(s, officer, "https://hooks.example.cn/hongwu")
    yandu = place(s, "盐渎街道")
    user, password = s.create_user(role="subdistrict_officer", scope_id=yandu["id"])
    stranger = s.login(user["login"], password)
    for r in (s.get(f"/api/v1/webhooks/{hook['id']}", stranger),
              s.patch(f"/api/v1/webhooks/{hook['id']}", stranger, json={"enabled": False}),
              s.get(f"/api/v1/webhooks/{hook['id']}/deliveries", stranger)):
        assert_problem(r, 404, "not-found")
    assert hook["id"] not in [h["id"] for h in
                              s.get("/api/v1/webhooks", stranger).json()["items"]]
    assert s.get(f"/api/v1/webhooks/{hook['id']}", officer).json()["enabled"] is True
    # Community staff manage no webhooks; an installation admin sees them all.
    assert_problem(s.get("/api/v1/webhooks", s.token("demo-community-staff")), 403, "forbidden")
    assert s.get(f"/api/v1/webhooks/{hook['id']}", s.admin()).status_code == 200

    # A change is audited with before and after.
    r = s.patch(f"/api/v1/webhooks/{hook['id']}", officer,
                json={"url": "https://hooks.example.cn/v2", "enabled": False})
    assert r.status_code == 200, r.text
    assert r.json()["url"] == "https://hooks.example.cn/v2" and r.json()["enabled"] is False
    audit = s.get("/api/v1/audit?limit=50", officer).json()["items"]
    [e] = [e for e in audit if e["entity"] == "webhook" and e["action"] == "update"]
    assert e["before"]["url"] == "https://hooks.example.cn/hongwu"
    assert e["after"]["url"] == "https://hooks.example.cn/v2"


def test_webhook_validation(server):
    officer = server.token("demo-subdistrict-officer")
    post = lambda body: server.post("/api/v1/webhooks", officer, json=body)
    ok = {"url": "https://hooks.example.cn/x", "events": ["announcement"]}
    for url in ("ftp://hooks.example.cn/", "file:///etc/passwd", "hooks.example.cn", "http://",
                "http://a b/", 7):
        r = post(dict(ok, url=url))
        assert r.status_code == 422, (url, r.text)
    assert_field_error(post(dict(ok, events=["nope"])), "events", "invalid")
    assert_field_error(post(dict(ok, events=[])), "events", "invalid")
    assert_field_error(post(dict(ok, events="announcement")), "events", "wrong-type")
    assert_field_error(post(dict(ok, secret="short")), "secret", "invalid")
    assert_field_error(post({"events": ["announcement"]}), "url", "required")
    assert_field_error(post(dict(ok, colour="red")), "colour", "unknown-field")
    assert_problem(server.patch("/api/v1/webhooks/999999999", officer, json={}), 404,
                   "not-found")
