"""Visit schedules with the test clock at their boundaries (docs/domain.md
CT-8 .. CT-12): the first day a tier applies, the half-month's turn on the
16th, weeks Monday to Sunday with 5+2 counting, the month's end, the overdue
notification to the grid leader, and a month's compliance."""
import calendar
import datetime as dt
import time
import uuid

import pytest

from conftest import Server, _finish

CST = dt.timezone(dt.timedelta(hours=8))
CS, GW, GL = "demo-community-staff", "demo-grid-worker", "demo-grid-leader"


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


def now(srv):
    return dt.datetime.fromtimestamp(srv.advance(0), CST)


def move_to(srv, when):
    """Moves the test clock forward to `when` (local), and signs in again."""
    gap = int((when - now(srv)).total_seconds())
    assert gap >= 0, (when, now(srv))
    while gap > 0:
        step = min(gap, 300 * 24 * 3600)
        srv.advance(step)
        gap -= step
    srv._tokens.clear()


def households(srv):
    page = srv.get("/api/v1/care/households", srv.token(CS), params={"limit": 200}).json()
    return {h["label"].replace(" 1单元", ""): h["id"] for h in page["items"]}


def set_tier(srv, hid, tier, reason=None):
    body = {"tier": tier, **({"reason": reason} if reason else {})}
    r = srv.post(f"/api/v1/care/households/{hid}/tier", srv.token(CS), json=body)
    assert r.status_code == 200, r.text
    return r.json()


def visit(srv, hid, accompanied=False):
    body = {"client_key": uuid.uuid4().hex, "seen": "走访"}
    if accompanied:
        body.update(medical_staff="林医生", police="王警官")
    r = srv.post(f"/api/v1/care/households/{hid}/visits", srv.token(GW), json=body)
    assert r.status_code == 201, r.text
    return r.json()


def due(srv, hid, token=GW):
    d = srv.get("/api/v1/care/due", srv.token(token)).json()
    today = {i["household"]["id"]: i for i in d["today"]}
    week = {i["household"]["id"]: i for i in d["this_week"]}
    return d, today.get(hid), week.get(hid)


def overdue_items(srv, label, first, last):
    """The grid leader's notices that label's period first..last ended unmet."""
    items, after = [], None
    token = srv.login(GL)
    while True:
        page = srv.get("/api/v1/inbox", token,
                       params={"limit": 200, **({"after": after} if after else {})}).json()
        items += page["items"]
        after = page["next_after"]
        if after is None:
            break
    return [i for i in items if i["kind"] == "care_overdue" and label in i["body"]
            and f"{first} 至 {last}" in i["body"]]


def wait_for(pred, what):
    for _ in range(100):
        if pred():
            return
        time.sleep(0.1)
    pytest.fail(what)


def test_schedules_across_their_boundaries(srv):
    start = now(srv)
    # The 1st of the month after next, 00:00:10: a full month ahead of the demo.
    y, m = start.year + (start.month + 1) // 12, (start.month + 1) % 12 + 1
    # Not February: the week walked below, from the first Monday after the
    # 16th, can end on the 30th, which must still be in the month.
    if m == 2:
        m = 3
    d1 = dt.datetime(y, m, 1, 0, 0, 10, tzinfo=CST)
    move_to(srv, d1)
    hh = households(srv)
    green, yellow = hh["紫薇花园 1幢 202"], hh["紫薇花园 2幢 101"]
    red, orange = hh["紫薇花园 1幢 102"], hh["紫薇花园 1幢 301"]

    # The first day of a tier: a whole month (green) and a whole half-month (yellow).
    set_tier(srv, green, "green")
    set_tier(srv, yellow, "yellow", "独自带两个孩子")
    d, item, _ = due(srv, green)
    assert d["date"] == d1.strftime("%Y-%m-%d")
    last = calendar.monthrange(y, m)[1]
    assert item["period"] == {"kind": "month", "start": f"{y:04d}-{m:02d}-01",
                              "end": f"{y:04d}-{m:02d}-{last:02d}"}
    assert item["owed"] == 1 and item["days_left"] == last
    visit(srv, green)
    d, item, week_item = due(srv, green)
    assert item is None and week_item is None
    # Red first, then by slack: the red household leads today's list.
    assert d["today"][0]["tier"] == "red"
    tiers = [i["tier"] for i in d["today"]]
    assert tiers == sorted(tiers, key=["red", "orange", "yellow", "green"].index)

    # The 15th at 23:59:30: the yellow half-month's last day, unvisited.
    move_to(srv, d1 + dt.timedelta(days=14, hours=23, minutes=59, seconds=20))
    _, item, _ = due(srv, yellow)
    assert item["period"]["end"] == f"{y:04d}-{m:02d}-15"
    assert item["days_left"] == 1 and not item["behind"]
    first_half = (f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-15")
    the_15th = (f"{y:04d}-{m:02d}-15", f"{y:04d}-{m:02d}-15")
    assert overdue_items(srv, "2幢 1单元 101", *first_half) == []
    # 60 seconds on, the 16th: a new half-month owes one visit, and at 00:05
    # the grid leader hears of the one that ended unmet.
    move_to(srv, d1 + dt.timedelta(days=15, seconds=30))
    _, item, _ = due(srv, yellow)
    assert item["period"] == {"kind": "half_month", "start": f"{y:04d}-{m:02d}-16",
                              "end": f"{y:04d}-{m:02d}-{last:02d}"}
    assert item["owed"] == 1
    move_to(srv, d1 + dt.timedelta(days=15, minutes=6))
    wait_for(lambda: overdue_items(srv, "1幢 1单元 102", *the_15th),
             "no overdue notice for the red household's 15th")
    assert len(overdue_items(srv, "2幢 1单元 101", *first_half)) == 1
    # The green household's month has not ended: nothing to flag.
    assert overdue_items(srv, "1幢 1单元 202", f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{last:02d}") == []

    # 5+2: the first Monday after the 16th, at 00:00:30.
    day16 = d1 + dt.timedelta(days=15)
    monday = (day16 + dt.timedelta(days=(7 - day16.weekday()) % 7 or 7)).replace(
        hour=0, minute=0, second=30)
    move_to(srv, monday)
    set_tier(srv, orange, "orange")
    _, item, week_item = due(srv, orange)
    assert item["required"] == 5 and item["accompanied_required"] == 2
    assert week_item["week_owed"] == 5
    visit(srv, orange, accompanied=True)
    visit(srv, orange)  # the same day: counted once
    _, item, week_item = due(srv, orange)
    assert item is None and week_item["made"] == 1 and week_item["accompanied_made"] == 1
    for n, acc in ((1, True), (2, False), (3, False)):
        move_to(srv, monday + dt.timedelta(days=n))
        visit(srv, orange, accompanied=acc)
    _, _, week_item = due(srv, orange)
    assert (week_item["made"], week_item["accompanied_made"], week_item["owed"]) == (4, 2, 1)
    move_to(srv, monday + dt.timedelta(days=6, hours=23, minutes=59, seconds=10))  # Sunday
    _, item, _ = due(srv, orange)
    assert item["days_left"] == 1 and item["owed"] == 1
    visit(srv, orange)
    _, item, week_item = due(srv, orange)
    assert item is None and week_item is None  # 5 days, 2 accompanied: met
    move_to(srv, monday + dt.timedelta(days=7, seconds=10))  # Monday again
    _, item, _ = due(srv, orange)
    assert item["period"]["start"] == (monday + dt.timedelta(days=7)).strftime("%Y-%m-%d")
    assert (item["made"], item["owed"]) == (0, 5)

    # The month's end: the green household's new month owes again.
    nxt = d1.replace(year=y + m // 12, month=m % 12 + 1, second=5)
    move_to(srv, nxt - dt.timedelta(seconds=20))
    _, item, _ = due(srv, green)
    assert item is None
    move_to(srv, nxt)
    _, item, _ = due(srv, green)
    assert item["owed"] == 1 and item["period"]["start"] == nxt.strftime("%Y-%m-%d")

    # Compliance of the month that ended, for the grid leader.
    c = srv.get("/api/v1/care/compliance", srv.token(GL),
                params={"month": f"{y:04d}-{m:02d}"}).json()
    assert c["through"] == f"{y:04d}-{m:02d}-{last:02d}"
    grid = c["grids"][0]
    sundays = sum(1 for k in range(1, last + 1) if dt.date(y, m, k).weekday() == 6)
    # red every day, orange every week ending in the month, two yellow
    # households twice, green households once: three in 1幢 and 2幢, and the
    # ten lived-in homes of 6幢 (the owners' vote of the demo).
    assert grid["periods_due"] == last + sundays + 2 * 2 + 3 + 10
    orange_weeks_met = 1 if (monday + dt.timedelta(days=6)).month == m else 0
    assert grid["periods_met"] == 1 + orange_weeks_met  # 202's month, the orange week
    worker = [w for w in c["workers"] if w["user"]["name"] == "董甜"][0]
    assert worker["visits_by_worker"] >= 7 and worker["periods_due"] == grid["periods_due"]
    by_tier = {t["tier"]: t for t in c["by_tier"]}
    assert by_tier["red"]["periods_due"] == last and by_tier["red"]["periods_met"] == 0
    # Another sub-district sees its own grids only.
    other = srv.get("/api/v1/care/compliance", srv.token("demo2-community-staff"),
                    params={"month": f"{y:04d}-{m:02d}"}).json()
    assert other["grids"] and grid["grid"]["id"] not in {g["grid"]["id"] for g in other["grids"]}
