"""Work-order deadlines with the test clock: the 54321 clocks at the second
before and after, a suspension, a change of class, the scheduler marking
orders overdue and escalating them, also across a restart; and photos stored
without their location. SQLite and PostgreSQL."""
from datetime import datetime

from conftest import Server
from helpers import assert_field_error
from jobs_helpers import Peer, wait_for
from wo_helpers import ORDERS, act, advance_to, clock, file_order, jpeg_with_gps, user_id


def epoch(text):
    return int(datetime.fromisoformat(text).timestamp())


def now_of(server):
    return server.advance(0)


def test_on_site_at_the_second_before_and_after(own_server):
    s = own_server
    o = file_order(s)
    due = epoch(clock(o, "on_site")["due_at"])
    assert due - epoch(o["reported_at"]) == 300  # on site within 5 minutes (seeds 001)
    advance_to(s, due - 1)  # no sign-in between reading the clock and moving it
    before = s.get(f"{ORDERS}/{o['id']}", s.admin()).json()
    c = clock(before, "on_site")
    assert c["left_s"] in (0, 1) and c["met"] is None and before["overdue"] is False
    advance_to(s, due + 1)
    after = s.get(f"{ORDERS}/{o['id']}", s.admin()).json()
    c = clock(after, "on_site")
    assert c["left_s"] < 0 and c["met"] is False
    # The scheduler marks it overdue and escalates it one level, once.
    got = wait_for("overdue", lambda: (x := s.get(f"{ORDERS}/{o['id']}", s.admin()).json())
                   ["overdue"] and x["level"] == "community" and x)
    events = [e["action"] for e in s.get(f"{ORDERS}/{o['id']}/events", s.admin())
              .json()["items"]]
    assert events.count("overdue") == 1 and events.count("escalate") == 1, events
    assert got["due_soon"] is True  # the warning a minute before came first
    # The grid's leader and the community's staff were told.
    inbox = s.get("/api/v1/inbox", s.token("demo-community-staff")).json()["items"]
    assert any(i.get("link") == f"/work-orders/{o['id']}" for i in inbox)


def test_an_arrival_in_time_is_met_and_nothing_escalates(own_server):
    s = own_server
    o = file_order(s)
    o = act(s, "demo-community-staff", o, "dispatch",
            assignee_user_id=user_id(s, "demo-grid-worker"))
    o = act(s, "demo-grid-worker", o, "take")
    s.advance(250)
    o = act(s, "demo-grid-worker", o, "arrive")
    assert clock(o, "on_site")["met"] is True
    s.advance(100)
    import time
    time.sleep(2.5)  # the due job runs, and must do nothing
    o = s.get(f"{ORDERS}/{o['id']}", s.admin()).json()
    assert o["overdue"] is False and o["level"] == "grid"
    assert clock(o, "on_site")["met"] is True and clock(o, "on_site")["left_s"] >= 0


def test_a_suspension_pauses_the_clocks(own_server):
    s = own_server
    o = file_order(s)
    due = epoch(clock(o, "resolve")["due_at"])
    o = act(s, "demo-community-staff", o, "suspend", note="等业主在家")
    assert all(c["paused"] for c in o["clocks"])
    s.advance(1000)
    o = act(s, "demo-community-staff", o, "resume")
    assert o["paused_s"] >= 1000 and o["status"] == "reported"
    assert epoch(clock(o, "resolve")["due_at"]) - due == o["paused_s"]


def test_a_change_of_class_recomputes_the_deadline_from_the_report(own_server):
    s = own_server
    o = file_order(s)
    reported = epoch(o["reported_at"])
    s.advance(60)
    o = act(s, "demo-community-staff", o, "classify", difficulty="simple")
    assert epoch(clock(o, "resolve")["due_at"]) - reported == 2400  # 40 minutes (seeds 001)
    o = act(s, "demo-community-staff", o, "classify", difficulty="complex")
    assert epoch(clock(o, "resolve")["due_at"]) - reported == 2 * 86400  # 2 days
    assert o["classified_by"] == user_id(s, "demo-community-staff")


def test_escalation_happens_across_a_restart():
    first = Server(test_clock=True)
    peer = None
    try:
        o = file_order(first)
        first.proc.kill()  # nobody on site, and no server either
        first.proc.wait()
        # Back after 700 s: due at 300 (grid → community), again at 600 (→ sub-district).
        peer = Peer(first, offset=700)
        got = wait_for("escalated", lambda: (x := peer.get(f"{ORDERS}/{o['id']}", peer.admin())
                                             .json())["level"] == "district" and x)
        assert got["overdue"] is True
        events = peer.get(f"{ORDERS}/{o['id']}/events", peer.admin()).json()["items"]
        steps = [(e["data"] or {}).get("to_level") for e in events if e["action"] == "escalate"]
        assert steps == ["community", "district"], events
    finally:
        if peer:
            rc, tail = peer.stop()
            assert rc == 0, f"restarted server exit {rc}:\n{tail}"
        first.stop()
        first.cleanup()


def test_a_photo_is_stored_without_its_location(server):
    o = file_order(server)
    resident = server.token("demo-resident")
    raw = jpeg_with_gps()
    assert b"GPSLatitude" in raw
    r = server.post(f"{ORDERS}/{o['id']}/photos", resident, data=raw,
                    headers={"Content-Type": "image/jpeg"})
    assert r.status_code == 201, r.text
    photo = r.json()
    got = server.get(photo["url"], resident)
    assert got.status_code == 200 and got.headers["Content-Type"] == "image/jpeg"
    assert got.content.startswith(b"\xff\xd8") and got.content.endswith(b"\xff\xd9")
    assert b"GPS" not in got.content and b"Exif" not in got.content
    assert photo["bytes"] == len(got.content) < len(raw)
    # Visible exactly to those who see the order.
    assert server.get(photo["url"], server.token("demo2-community-staff")).status_code == 404
    assert server.get(photo["url"], server.token("demo-volunteer")).status_code == 404
    shown = server.get(f"{ORDERS}/{o['id']}", resident).json()["photos"]
    assert [p["id"] for p in shown] == [photo["id"]]
    assert_field_error(server.post(f"{ORDERS}/{o['id']}/photos", resident, data=b"GIF89a....",
                                   headers={"Content-Type": "image/gif"}), "body", "invalid")
