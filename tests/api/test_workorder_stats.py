"""Work-order statistics (docs/api-workorders.md, "Statistics"): orders are
built through the API on a day of their own (the test clock), and every
figure the server answers is checked against a count this test makes from
the orders themselves; the scope of each role, the minimum count of a
ranking, and the CSV and Excel exports. SQLite and PostgreSQL."""
import csv
import io
import re
import statistics
import time
import zipfile
from datetime import datetime, timedelta, timezone

import pytest

from conftest import Server, _finish
from helpers import assert_field_error
from wo_helpers import ORDERS, act, category, file_order, place, user_id

STATS = "/api/v1/work-order-stats"
CST = timezone(timedelta(hours=8))
STAFF = "demo-community-staff"
WORKER = "demo-grid-worker"
RATES = ["response", "resolve_on_time", "resolution", "satisfaction", "closed_on_time",
         "reopen", "sendback"]
DWELLING = "紫薇花园/1幢/1单元/101"


def epoch(text):
    return int(datetime.fromisoformat(text).timestamp())


def clock_of(order, name):
    return next(c for c in order["clocks"] if c["name"] == name)


def file_at_grid(s, grid_id, difficulty="general"):
    """A staff report of a free-text place in grid_id."""
    token = s.token(STAFF)
    r = s.post(ORDERS, token, json={
        "channel": "phone", "category_id": category(s, token, "greening"),
        "description": "绿化带枯死", "place_id": grid_id, "place_text": "路边绿化带",
        "reporter_kind": "staff", "difficulty": difficulty})
    assert r.status_code == 201, r.text
    return r.json()


def file_home(s, code="water", difficulty="general"):
    return file_order(s, login=STAFF, code=code, where=DWELLING, reporter_kind="staff",
                      difficulty=difficulty)


def work(s, o, arrive_after, resolve_after=None):
    """Dispatched to the grid worker, taken, on site arrive_after seconds
    later, resolved resolve_after seconds after that."""
    o = act(s, STAFF, o, "dispatch", assignee_user_id=user_id(s, WORKER))
    o = act(s, WORKER, o, "take")
    s.advance(arrive_after)
    o = act(s, WORKER, o, "arrive")
    if resolve_after is not None:
        s.advance(resolve_after)
        o = act(s, WORKER, o, "resolve", note="已处理")
    return o


def wait_for_level(s, order_id, level, timeout=30.0):
    """The overdue job runs in the server's scheduler once the clock has
    passed the deadline: wait for it rather than race it."""
    end = time.monotonic() + timeout
    while True:
        o = s.get(f"{ORDERS}/{order_id}", s.admin()).json()
        if o["level"] == level:
            return o
        assert time.monotonic() < end, f"order {order_id} still at {o['level']}"
        time.sleep(0.1)


def build(s):
    """Moves the clock to 09:00 local of a day after the demo's, and files
    and works the orders of that day. Returns the day."""
    now = s.advance(0)
    local = datetime.fromtimestamp(now, CST)
    nine = (local + timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    s.advance(int(nine.timestamp()) - now)
    grids = sorted(p["id"] for p in s.get("/api/v1/places", s.admin(), params={
        "parent_id": s.scope_for("community_staff"), "limit": 200}).json()["items"]
        if p["kind"] == "grid")
    leader_grid = s.scope_for("grid_leader")
    others = [g for g in grids if g != leader_grid]

    # In the leader's grid (a home in 紫薇花园, served by its property company).
    a1 = work(s, file_home(s), 200, 1000)                      # on site in time
    a1 = act(s, STAFF, a1, "visit", note="回访满意", rating=5)
    a1 = act(s, STAFF, a1, "close")                            # fixed
    a2 = act(s, STAFF, file_home(s), "dispatch", assignee_user_id=user_id(s, WORKER))
    a2 = act(s, WORKER, a2, "take")
    s.advance(400)                                             # on site late:
    wait_for_level(s, a2["id"], "community")                   # the scheduler escalates it
    a2 = act(s, WORKER, a2, "arrive")
    s.advance(600)
    a2 = act(s, WORKER, a2, "resolve", note="已处理")
    a2 = act(s, STAFF, a2, "visit", note="回访", rating=2)
    a2 = act(s, STAFF, a2, "close")
    a3 = file_home(s)
    s.advance(120)
    a3 = act(s, STAFF, a3, "close", outcome="not_fixed", note="业主拒绝入户")  # unfixed
    a4 = act(s, STAFF, file_home(s), "dispatch", assignee_user_id=user_id(s, WORKER))
    a4 = act(s, WORKER, a4, "send_back", note="不归网格管")   # sent back, open
    a5 = work(s, file_home(s, code="electricity"), 100, 300)
    a5 = act(s, STAFF, a5, "close")
    a5 = act(s, STAFF, a5, "reopen", note="又坏了")           # reopened
    s.advance(60)
    a5 = act(s, WORKER, act(s, WORKER, a5, "take"), "arrive")  # back to the worker
    a6 = file_home(s)
    a6 = act(s, STAFF, a6, "merge", into=a4["id"])             # a duplicate
    a7 = file_home(s, difficulty="difficult")
    a7 = act(s, STAFF, a7, "dispatch", assignee_user_id=user_id(s, WORKER))
    a7 = act(s, WORKER, a7, "take")
    a7 = act(s, WORKER, a7, "arrive")
    a7 = act(s, WORKER, a7, "plan", note="先出方案")
    a8 = act(s, STAFF, file_home(s), "suspend", note="等配件")  # suspended
    # In the other grids: a closure not ours, and a lucky single order.
    b1 = file_at_grid(s, others[0])
    b1 = act(s, STAFF, b1, "close", outcome="not_ours", responsible="供电公司")
    b2 = file_at_grid(s, others[0])
    c1 = work(s, file_at_grid(s, others[1], difficulty="simple"), 60, 60)
    c1 = act(s, STAFF, c1, "close")
    # Time passes: the open orders' clocks run past their deadlines.
    s.advance(4 * 3600)
    return nine.date(), leader_grid, others


@pytest.fixture(scope="module")
def stats_server():
    s = Server(test_clock=True)
    try:
        day, leader_grid, others = build(s)
        yield s, day, leader_grid, others
    finally:
        _finish(s)


def all_orders(s):
    out, after = [], None
    while True:
        params = {"limit": 200}
        if after is not None:
            params["after"] = after
        page = s.get(ORDERS, s.admin(), params=params).json()
        out += page["items"]
        after = page["next_after"]
        if after is None:
            return out


def clock_start(s, o):
    """The clocks' start: the report, or the last reopening."""
    if not o["reopen_count"]:
        return epoch(o["reported_at"])
    events = s.get(f"{ORDERS}/{o['id']}/events", s.admin(), params={"limit": 200}).json()
    return max(epoch(e["at"]) for e in events["items"] if e["action"] == "reopen")


def median(values):
    if not values:
        return None
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else v[n // 2 - 1] + (v[n // 2] - v[n // 2 - 1]) // 2


def expected(s, orders):
    """The figures of orders, counted here from their answers."""
    ratio = {r: [0, 0] for r in RATES}

    def tally(name, counted, hit):
        if counted:
            ratio[name][1] += 1
            ratio[name][0] += bool(hit)

    f = {"received": len(orders), "duplicates": 0, "orders": 0, "closed": 0,
         "outcomes": {"fixed": 0, "not_fixed": 0, "not_ours": 0},
         "closed_levels": {"grid": 0, "community": 0, "district": 0}}
    on_site, resolved = [], []
    for o in orders:
        if o["outcome"] == "duplicate":
            f["duplicates"] += 1
            continue
        f["orders"] += 1
        closed = o["status"] == "closed"
        on, res = clock_of(o, "on_site"), clock_of(o, "resolve")
        tally("response", on["met"] is not None, on["met"])
        tally("resolve_on_time", res["met"] is not None, res["met"])
        if closed:
            f["closed"] += 1
            f["outcomes"][o["outcome"]] += 1
            f["closed_levels"][o["closed_level"]] += 1
        tally("resolution", closed, o["outcome"] == "fixed")
        tally("satisfaction", o["rating"] is not None, (o["rating"] or 0) >= 4)
        if o["difficulty"] != "difficult":
            due = epoch(res["due_at"])
            tally("closed_on_time", closed or res["left_s"] < 0,
                  closed and epoch(o["closed_at"]) <= due)
        tally("reopen", True, o["reopen_count"] > 0)
        tally("sendback", True, o["sendback_count"] > 0)
        start = clock_start(s, o)
        if o["on_site_at"]:
            on_site.append(epoch(o["on_site_at"]) - start)
        if o["resolved_at"]:
            resolved.append(epoch(o["resolved_at"]) - start)
    f["rates"] = {r: {"num": n, "den": d, "rate": round(n / d, 4) if d else None}
                  for r, (n, d) in ratio.items()}
    f["median_s"] = {"on_site": median(on_site), "resolved": median(resolved)}
    return f


def figures(unit):
    keys = ["received", "duplicates", "orders", "closed", "outcomes", "rates", "median_s",
            "closed_levels"]
    return {k: unit[k] for k in keys}


def of_day(orders, day):
    return [o for o in orders if datetime.fromisoformat(o["reported_at"]).date() == day]


def stats(s, token, day, **params):
    r = s.get(STATS, token, params={"from": str(day), "to": str(day), **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_every_figure_matches_a_count_of_the_orders(stats_server):
    s, day, leader_grid, others = stats_server
    orders = of_day(all_orders(s), day)
    body = stats(s, s.token(STAFF), day)
    # What the scenario built, counted by hand.
    assert body["total"]["received"] == 11 and body["total"]["duplicates"] == 1
    assert body["total"]["outcomes"] == {"fixed": 3, "not_fixed": 1, "not_ours": 1}
    # 解决率: the unfixed and not-ours closures stay in the denominator.
    assert body["total"]["rates"]["resolution"] == {"num": 3, "den": 5, "rate": 0.6}
    assert body["total"]["rates"]["reopen"]["num"] == 1
    assert body["total"]["rates"]["sendback"]["num"] == 1
    assert body["total"]["rates"]["satisfaction"] == {"num": 1, "den": 2, "rate": 0.5}
    # Every figure against the count made here from the orders themselves.
    assert figures(body["total"]) == expected(s, orders)
    for unit in body["items"]:
        mine = [o for o in orders if o["grid_id"] == unit["id"]]
        assert figures(unit) == expected(s, mine), unit["name"]
    assert {u["id"] for u in body["items"]} == {o["grid_id"] for o in orders}
    # a2 went overdue on site and rose to the community before it closed.
    assert body["total"]["closed_levels"] == {"grid": 4, "community": 1, "district": 0}
    # The trend: one day, the same figures.
    assert len(body["trend"]) == 1 and body["trend"][0]["start"] == str(day)
    assert figures(body["trend"][0]) == figures(body["total"])
    # Top categories: most orders first.
    counts = {}
    for o in orders:
        if o["outcome"] != "duplicate":
            counts[o["category"]["id"]] = counts.get(o["category"]["id"], 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    assert [(c["id"], c["orders"]) for c in body["top_categories"]] == top
    # No person appears in the answer.
    text = str(body)
    for login in (STAFF, WORKER):
        me = s.get("/api/v1/auth/me", s.token(login)).json()["user"]
        assert me["name"] not in text


def test_units_of_every_kind_add_up_to_the_total(stats_server):
    s, day, leader_grid, others = stats_server
    token = s.token(STAFF)
    total = stats(s, token, day)["total"]
    for by in ("grid", "community", "district", "team", "property_company"):
        body = stats(s, token, day, by=by)
        assert body["by"] == by and figures(body["total"]) == total
        assert sum(u["received"] for u in body["items"]) == total["received"]
        assert sum(u["closed"] for u in body["items"]) == total["closed"]
    companies = stats(s, token, day, by="property_company")["items"]
    orders = of_day(all_orders(s), day)
    homes = [o for o in orders if o["place"]["id"] == place(s, DWELLING)]
    ziwei = [u for u in companies if u["name"] == "紫薇物业服务有限公司"]
    assert len(ziwei) == 1 and ziwei[0]["received"] == len(homes)
    assert figures(ziwei[0]) == expected(s, homes)
    none = [u for u in companies if u["id"] is None]
    assert none and none[0]["received"] == len(orders) - len(homes)


def test_a_grid_leader_sees_their_grid_only(stats_server):
    s, day, leader_grid, others = stats_server
    orders = [o for o in of_day(all_orders(s), day) if o["grid_id"] == leader_grid]
    body = stats(s, s.token("demo-grid-leader"), day)
    assert [u["id"] for u in body["items"]] == [leader_grid]
    assert figures(body["total"]) == expected(s, orders)
    # A grid outside their scope is refused as a filter.
    r = s.get(STATS, s.token("demo-grid-leader"), params={"grid_id": others[0]})
    assert_field_error(r, "grid_id", "invalid")


def test_residents_and_volunteers_are_refused(stats_server):
    s, day, _, _ = stats_server
    for login in ("demo-resident", "demo-volunteer", WORKER):
        r = s.get(STATS, s.token(login))
        assert r.status_code == 403, (login, r.status_code)


def test_the_ranking_leaves_out_units_under_the_minimum(stats_server):
    s, day, leader_grid, others = stats_server
    token = s.token(STAFF)
    body = stats(s, token, day, rank="resolution", min_orders=2)
    units = {u["id"]: u for u in body["items"] if u["id"]}
    ranking = body["ranking"]
    assert ranking["rate"] == "resolution" and ranking["min_orders"] == 2
    ranked = [i["id"] for i in ranking["items"]]
    left = {i["id"]: i for i in ranking["left_out"]}
    for uid, u in units.items():
        den = u["rates"]["resolution"]["den"]
        if den >= 2:
            assert uid in ranked
        else:  # the lucky single order (100 %) does not top the list
            assert uid not in ranked and left[uid]["reason"] == "below_min_orders"
            assert left[uid]["den"] == den
    rates = [i["rate"] for i in ranking["items"]]
    assert rates == sorted(rates, reverse=True)
    c1 = units[others[1]]
    assert c1["rates"]["resolution"]["rate"] == 1.0 and others[1] in left
    # With a minimum of 1 it is ranked, and first.
    body = stats(s, token, day, rank="resolution", min_orders=1)
    assert body["ranking"]["items"][0]["id"] == others[1]
    # Sending back is a failure: the lowest rate ranks first.
    body = stats(s, token, day, rank="sendback", min_orders=1)
    rates = [i["rate"] for i in body["ranking"]["items"]]
    assert rates == sorted(rates)
    # The default minimum is 5.
    assert stats(s, token, day)["ranking"]["min_orders"] == 5


def test_bad_parameters_are_named(stats_server):
    s, day, _, _ = stats_server
    token = s.token(STAFF)
    for params, field in [({"from": "2026-13-01"}, "from"), ({"by": "building"}, "by"),
                          ({"from": "2026-01-02", "to": "2026-01-01"}, "to"),
                          ({"from": "2025-01-01", "to": "2026-01-02"}, "to"),
                          ({"bucket": "year"}, "bucket"), ({"min_orders": "0"}, "min_orders"),
                          ({"min_orders": "1001"}, "min_orders"), ({"rank": "speed"}, "rank"),
                          ({"format": "pdf"}, "format")]:
        assert_field_error(s.get(STATS, token, params=params), field, "invalid")


def test_a_week_bucketed_trend(stats_server):
    s, day, _, _ = stats_server
    start = day - timedelta(days=20)
    body = s.get(STATS, s.token(STAFF), params={"from": str(start), "to": str(day),
                                                 "bucket": "week"}).json()
    assert body["bucket"] == "week"
    assert body["trend"][0]["start"] == str(start) and body["trend"][-1]["end"] == str(day)
    for b in body["trend"][1:]:
        assert datetime.fromisoformat(b["start"]).weekday() == 0  # Mondays
    assert sum(b["received"] for b in body["trend"]) == body["total"]["received"]


def audit_exports(s):
    items = s.get("/api/v1/audit", s.admin(), params={"limit": 200}).json()["items"]
    return [i for i in items if i.get("action") == "export"
            and i.get("entity") == "work_order_stats"]


def test_csv_export_has_the_same_figures(stats_server):
    s, day, _, _ = stats_server
    token = s.token(STAFF)
    body = stats(s, token, day)
    before = len(audit_exports(s))
    r = s.get(STATS, token, params={"from": str(day), "to": str(day), "format": "csv"},
              headers={"Accept-Language": "en"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/csv")
    assert r.headers["Content-Disposition"] == (
        f'attachment; filename="work-order-stats-grid-{day}-{day}.csv"')
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == len(body["items"]) + 1 and rows[-1]["unit"] == "total"
    for row, unit in zip(rows, body["items"] + [dict(body["total"], id=None)]):
        assert row["unit_id"] == ("" if unit["id"] is None else str(unit["id"]))
        assert int(row["received"]) == unit["received"]
        assert int(row["closed"]) == unit["closed"]
        for rate in RATES:
            q = unit["rates"][rate]
            assert int(row[f"{rate}_num"]) == q["num"] and int(row[f"{rate}_den"]) == q["den"]
            pct = "" if q["rate"] is None else f"{q['num'] / q['den'] * 100:.1f}"
            assert row[f"{rate}_pct"] == pct
        assert row["median_on_site_s"] == str(unit["median_s"]["on_site"] or "")
        assert int(row["closed_grid"]) == unit["closed_levels"]["grid"]
    assert len(audit_exports(s)) == before + 1


def test_xlsx_export_has_the_same_figures(stats_server):
    s, day, _, _ = stats_server
    token = s.token(STAFF)
    body = stats(s, token, day)
    r = s.get(STATS, token, params={"from": str(day), "to": str(day), "format": "xlsx"})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert r.headers["Content-Disposition"].endswith(f'-{day}-{day}.xlsx"')
    book = zipfile.ZipFile(io.BytesIO(r.content))
    sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    strings = []
    if "xl/sharedStrings.xml" in book.namelist():
        shared = book.read("xl/sharedStrings.xml").decode("utf-8")
        strings = re.findall(r"<t[^>]*>([^<]*)</t>", shared)
    rows = []
    for row in re.findall(r"<row[^>]*>(.*?)</row>", sheet, re.S):
        cells = {}
        for attrs, inner in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row, re.S):
            column = re.search(r'r="([A-Z]+)\d+"', attrs).group(1)
            index = 0
            for letter in column:  # empty cells are not written: place by reference
                index = index * 26 + ord(letter) - 64
            v = re.search(r"<v>([^<]*)</v>", inner or "")
            t = re.search(r"<t[^>]*>([^<]*)</t>", inner or "")
            if 't="s"' in attrs and v:
                cells[index - 1] = strings[int(v.group(1))]
            elif t:
                cells[index - 1] = t.group(1)
            elif v:
                cells[index - 1] = v.group(1)
        rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
    header = rows[0]
    assert header[:3] == ["单位编号", "单位", "受理量"] and "解决率(%)" in header
    assert len(rows) == len(body["items"]) + 2 and rows[-1][1] == "合计"
    col = {name: i for i, name in enumerate(header)}
    for cells, unit in zip(rows[1:], body["items"] + [body["total"]]):
        assert int(float(cells[col["受理量"]])) == unit["received"]
        q = unit["rates"]["resolution"]
        assert int(float(cells[col["解决率分子"]])) == q["num"]
        assert int(float(cells[col["解决率分母"]])) == q["den"]
        if q["rate"] is not None:
            assert cells[col["解决率(%)"]] == f"{q['num'] / q['den'] * 100:.1f}"
