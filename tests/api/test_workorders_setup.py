"""Work orders: a sub-district's dispatch teams, units, dispatch rules and
working calendar through their routes, and what they change: least-loaded
dispatch to a team, a new order dispatched by a rule, working-time deadlines
on a holiday calendar at the second before and after
(docs/api-workorders.md, "Dispatch rules, teams, units, the calendar").
SQLite and PostgreSQL."""
import secrets
from datetime import datetime, timedelta, timezone

from helpers import assert_field_error, assert_problem, field_errors
from wo_helpers import (ORDERS, act, advance_to, category, clock, file_order, jump, place,
                        user_id)

TEAMS = "/api/v1/wo-teams"
RULES = "/api/v1/wo-dispatch-rules"
UNITS = "/api/v1/wo-units"
CALENDAR = "/api/v1/wo-calendar"
LOCAL = timezone(timedelta(hours=8))


def new_team(server, members):
    officer = server.token("demo-subdistrict-officer")
    r = server.post(TEAMS, officer, json={"name": "维修队 " + secrets.token_hex(3)})
    assert r.status_code == 201, r.text
    team = r.json()
    r = server.request("PUT", f"{TEAMS}/{team['id']}/members", officer,
                       json={"user_ids": [user_id(server, login) for login in members]})
    assert r.status_code == 200, r.text
    return r.json()


def team_loads(server, team_id):
    """{member: open orders} as the dispatcher's list of teams shows them."""
    teams = server.get(TEAMS, server.token("demo-community-staff"),
                       params={"limit": 200}).json()["items"]
    return {m["user_id"]: m["open_orders"]
            for m in next(t for t in teams if t["id"] == team_id)["members"]}


def test_teams_are_configured_by_the_sub_district_and_read_by_dispatchers(server):
    officer = server.token("demo-subdistrict-officer")
    team = new_team(server, ["demo-grid-worker", "demo-property-staff"])
    assert sorted(m["user_id"] for m in team["members"]) == sorted(
        [user_id(server, "demo-grid-worker"), user_id(server, "demo-property-staff")])
    assert all(isinstance(m["open_orders"], int) for m in team["members"])
    # A dispatcher reads the teams; only wo_config changes them; a resident sees none.
    staff = server.token("demo-community-staff")
    listed = server.get(TEAMS, staff, params={"limit": 200}).json()
    assert team["id"] in [t["id"] for t in listed["items"]]
    assert server.post(TEAMS, staff, json={"name": "x"}).status_code == 403
    assert server.get(TEAMS, server.token("demo-resident")).status_code == 403
    # The other sub-district's staff see none of this one's teams.
    other = server.get(TEAMS, server.token("demo2-community-staff"), params={"limit": 200}).json()
    assert team["id"] not in [t["id"] for t in other["items"]]
    # A name the sub-district has is a conflict on the field; a member must work orders.
    r = server.post(TEAMS, officer, json={"name": team["name"]})
    assert r.status_code == 409 and ("name", "invalid") in field_errors(r.json()), r.text
    resident = user_id(server, "demo-resident")
    assert_field_error(server.request("PUT", f"{TEAMS}/{team['id']}/members", officer,
                                      json={"user_ids": [resident]}), "user_ids", "invalid")
    assert_field_error(server.request("PUT", f"{TEAMS}/{team['id']}/members", officer,
                                      json={"user_ids": "all"}), "user_ids", "wrong-type")
    renamed = server.patch(f"{TEAMS}/{team['id']}", officer, json={"name": team["name"] + "甲"})
    assert renamed.status_code == 200 and renamed.json()["name"] == team["name"] + "甲"
    # Every change is audited with before and after.
    audit = server.get("/api/v1/audit", server.admin(), params={"limit": 200}).json()["items"]
    assert any(a["entity"] == "wo_team" and a["entity_id"] == team["id"] for a in audit)


def test_least_loaded_dispatch_goes_to_the_member_with_fewest_open_orders(server):
    team = new_team(server, ["demo-grid-worker", "demo-property-staff", "demo-grid-leader"])
    staff = server.token("demo-community-staff")
    for _ in range(3):
        loads = team_loads(server, team["id"])
        expected = min(loads, key=lambda u: (loads[u], u))
        o = file_order(server, where="紫薇花园/2幢", code="greening")
        got = act(server, "demo-community-staff", o, "dispatch", mode="least_loaded",
                  team_id=team["id"])
        assert got["status"] == "dispatched" and got["team_id"] == team["id"]
        assert got["assignee"]["user_id"] == expected, (loads, got["assignee"])
    # least_loaded needs a team.
    o = file_order(server, where="紫薇花园/2幢", code="greening")
    r = server.post(f"{ORDERS}/{o['id']}/actions", staff, headers={"If-Match": f'"{o["version"]}"'},
                    json={"action": "dispatch", "mode": "least_loaded"})
    assert_field_error(r, "team_id", "invalid")


def test_units_say_who_answers_whistles(server):
    officer = server.token("demo-subdistrict-officer")
    orgs = server.get("/api/v1/organizations", server.admin(),
                      params={"kind": "alliance_unit", "limit": 200}).json()["items"]
    org = next(x for x in orgs if x["name"] == "盐南医院")
    units = server.get(UNITS, server.token("demo-community-staff"), params={"limit": 200}).json()
    unit = next(u for u in units["items"] if u["org_id"] == org["id"])
    assert [u["user_id"] for u in unit["users"]] == [user_id(server, "demo-alliance-unit")]
    r = server.request("PUT", f"{UNITS}/{org['id']}/users", officer,
                       json={"user_ids": [user_id(server, "demo-alliance-unit"),
                                          user_id(server, "demo-volunteer")]})
    assert r.status_code == 200, r.text
    assert sorted(u["user_id"] for u in r.json()["users"]) == sorted(
        [user_id(server, "demo-alliance-unit"), user_id(server, "demo-volunteer")])
    # The volunteer now sees an order whistled to the hospital, and responds for it.
    o = file_order(server, code="construction", where="紫薇花园/3幢")
    volunteer = server.token("demo-volunteer")
    assert server.get(f"{ORDERS}/{o['id']}", volunteer).status_code == 404
    w = server.post(f"{ORDERS}/{o['id']}/whistles", server.token("demo-community-staff"),
                    json={"org_id": org["id"]}).json()
    assert server.get(f"{ORDERS}/{o['id']}", volunteer).status_code == 200
    assert server.post(f"/api/v1/wo-whistles/{w['id']}/respond", volunteer,
                       json={"note": "志愿者到场"}).status_code == 200
    # Back as it was: the volunteer no longer answers for the hospital.
    r = server.request("PUT", f"{UNITS}/{org['id']}/users", officer,
                       json={"user_ids": [user_id(server, "demo-alliance-unit")]})
    assert r.status_code == 200
    assert server.get(f"{ORDERS}/{o['id']}", volunteer).status_code == 404


def test_a_rule_dispatches_a_new_order_of_its_grid_and_category(own_server):
    s = own_server
    officer = s.token("demo-subdistrict-officer")
    worker = user_id(s, "demo-grid-worker")
    first = file_order(s, where="紫薇花园/1幢", code="other")
    grid = first["grid_id"]
    cat = category(s, officer, "emergency")
    r = s.post(RULES, officer, json={"grid_id": grid, "category_id": cat, "mode": "direct",
                                     "assignee_user_id": worker})
    assert r.status_code == 201, r.text
    rule = r.json()
    assert rule["mode"] == "direct" and rule["enabled"] is True and rule["grid_id"] == grid
    assert rule["id"] in [x["id"] for x in s.get(RULES, s.token("demo-grid-leader"),
                                                   params={"limit": 200}).json()["items"]]
    o = file_order(s, where="紫薇花园/1幢", code="emergency")
    assert o["status"] == "dispatched" and o["assignee"]["user_id"] == worker
    events = s.get(f"{ORDERS}/{o['id']}/events", s.admin()).json()["items"]
    assert [e["action"] for e in events] == ["report", "dispatch"]
    assert events[1]["data"]["rule_id"] == rule["id"]
    # Another grid's order of the category is left to the dispatcher, as is one of another category.
    elsewhere = file_order(s, where="康欣花园/1幢", code="emergency",
                           login="demo-community-staff", reporter_kind="staff")
    assert elsewhere["grid_id"] != grid and elsewhere["status"] == "reported"
    assert file_order(s, where="紫薇花园/1幢", code="water")["status"] == "reported"
    # One enabled rule a grid and category; a rule's shape is checked.
    r = s.post(RULES, officer, json={"grid_id": grid, "category_id": cat, "mode": "grab"})
    assert r.status_code == 409 and ("category_id", "invalid") in field_errors(r.json()), r.text
    assert_field_error(s.post(RULES, officer, json={"mode": "least_loaded"}), "team_id", "invalid")
    assert_field_error(s.post(RULES, officer, json={"mode": "direct"}), "assignee_user_id",
                       "invalid")
    compound = place(s, "紫薇花园")
    assert_field_error(s.post(RULES, officer, json={"grid_id": compound, "mode": "grab"}),
                       "grid_id", "invalid")
    assert_field_error(s.post(RULES, officer, json={"mode": "teleport"}), "mode", "invalid")
    assert s.post(RULES, s.token("demo-community-staff"), json={"mode": "grab"}).status_code == 403
    # A changed rule sends the next order to the grab pool; a disabled one sends nothing.
    r = s.patch(f"{RULES}/{rule['id']}", officer, json={"mode": "grab"})
    assert r.status_code == 200 and r.json()["mode"] == "grab"
    assert r.json()["assignee_user_id"] is None
    pooled = file_order(s, where="紫薇花园/1幢", code="emergency")
    assert pooled["status"] == "dispatched" and pooled["grab"] is True
    assert pooled["assignee"] is None
    r = s.patch(f"{RULES}/{rule['id']}", officer, json={"enabled": False})
    assert r.status_code == 200 and r.json()["enabled"] is False
    assert file_order(s, where="紫薇花园/1幢", code="emergency")["status"] == "reported"


def local_midnight(epoch_s):
    d = datetime.fromtimestamp(epoch_s, LOCAL)
    return datetime(d.year, d.month, d.day, tzinfo=LOCAL)


def test_working_time_skips_a_holiday_set_through_the_calendar(own_server):
    s = own_server
    officer = s.token("demo-subdistrict-officer")
    now = s.advance(0)
    # An eve: a Monday to Wednesday at least two days ahead, so the day after
    # (made a holiday) and the one after that (working) are weekdays.
    eve = local_midnight(now) + timedelta(days=2)
    while eve.weekday() > 2:
        eve += timedelta(days=1)
    holiday, back = eve + timedelta(days=1), eve + timedelta(days=2)
    saturday = eve + timedelta(days=(5 - eve.weekday()))
    year = holiday.year
    r = s.request("PUT", CALENDAR, officer, json={
        "year": year,
        "days": [{"date": holiday.strftime("%Y-%m-%d"), "working": False, "note": "测试假日"},
                 {"date": saturday.strftime("%Y-%m-%d"), "working": True, "note": "调休"}]
        if saturday.year == year else
        [{"date": holiday.strftime("%Y-%m-%d"), "working": False, "note": "测试假日"}]})
    assert r.status_code == 200, r.text
    assert r.json()["year"] == year and r.json()["days"][0]["date"] == holiday.strftime("%Y-%m-%d")
    # The calendar pages by date; anyone reads it; only wo_config sets it.
    listed = s.get(CALENDAR, s.token("demo-resident"), params={"year": year, "limit": 1}).json()
    assert listed["items"][0]["working"] is False and listed["next_after"] == \
        holiday.strftime("%Y-%m-%d")
    assert s.request("PUT", CALENDAR, s.token("demo-community-staff"),
                     json={"year": year, "days": []}).status_code == 403
    assert_field_error(s.request("PUT", CALENDAR, officer, json={"year": year, "days": [
        {"date": f"{year + 1}-01-05", "working": False}]}), "days", "invalid")
    assert_field_error(s.request("PUT", CALENDAR, officer, json={"year": year, "days": [
        {"date": holiday.strftime("%Y-%m-%d"), "working": False},
        {"date": holiday.strftime("%Y-%m-%d"), "working": True}]}), "days", "invalid")
    r = s.request("PUT", "/api/v1/wo-settings", officer,
                  json={"working_time": True, "work_start_min": 510, "work_end_min": 1050})
    assert r.status_code == 200 and r.json()["standard"]["working_time"] is True

    # Reported on the eve at 17:00 (and the seconds the request took): half an
    # hour of that day counts, the holiday none, and the general matter's
    # 3 hours end at 11:00 the day after it.
    jump(s, int((eve + timedelta(hours=17)).timestamp()) - s.advance(0))
    o = file_order(s)
    late = datetime.fromisoformat(o["reported_at"]) - (eve + timedelta(hours=17))
    assert o["difficulty"] == "general" and timedelta(0) <= late < timedelta(minutes=5)
    due = datetime.fromisoformat(clock(o, "resolve")["due_at"])
    assert due == back + timedelta(hours=11) + late, (due, back, late)
    assert datetime.fromisoformat(clock(o, "on_site")["due_at"]) == \
        datetime.fromisoformat(o["reported_at"]) + timedelta(minutes=5)
    # The second before and after the deadline, with the test clock: a minute
    # before it the sessions are new (the days between ended them), then the
    # last steps are taken with a signed-in officer and nothing in between.
    jump(s, int(due.timestamp()) - s.advance(0) - 60)
    officer = s.token("demo-subdistrict-officer")
    advance_to(s, int(due.timestamp()) - 1)
    before = clock(s.get(f"{ORDERS}/{o['id']}", officer).json(), "resolve")
    assert before["left_s"] in (0, 1) and before["met"] is None and before["running"] is True
    advance_to(s, int(due.timestamp()) + 1)
    after = clock(s.get(f"{ORDERS}/{o['id']}", officer).json(), "resolve")
    assert after["left_s"] < 0 and after["met"] is False and after["running"] is True
