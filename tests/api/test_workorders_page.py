"""Work orders: a page of the list shows each order exactly as the order's own
answer does, to every role (the same bytes: fields, their order, masking,
photos, whistles, what the caller may do), and logs the same reads of other
people's phones as opening each of its orders would (docs/api-workorders.md).
SQLite and PostgreSQL."""
import json

from test_workorders_reach import ROLES
from wo_helpers import ORDERS, act, file_order, jpeg_with_gps, user_id


def pages(server, token, **params):
    """Every page of the list (7 orders a page, so cursors are crossed)."""
    after = None
    for _ in range(1000):
        q = {"limit": 7, **params}
        if after is not None:
            q["after"] = after
        r = server.get(ORDERS, token, params=q)
        assert r.status_code == 200, r.text
        page = r.json()
        yield q, page["items"]
        after = page["next_after"]
        if after is None:
            return
    raise AssertionError("the list did not end")


def as_sent(order):
    """An item as the server writes an order: compact, UTF-8, keys in order."""
    return json.dumps(order, ensure_ascii=False, separators=(",", ":"))


def same_answer(item, text):
    """Whether a page's item is the order's own answer `text`, byte for byte
    but for the seconds left on its clocks: the server's clock runs between
    the two requests."""
    one = json.loads(text)
    assert as_sent(one) == text  # the comparison below is of the bytes sent
    if len(item["clocks"]) != len(one["clocks"]):
        return False
    for mine, theirs in zip(item["clocks"], one["clocks"]):
        if abs(mine["left_s"] - theirs["left_s"]) > 5:
            return False
        theirs["left_s"] = mine["left_s"]
    return as_sent(item) == as_sent(one)


def reads_since(server, login, after_id):
    """The sensitive reads of orders by login logged after read after_id."""
    items = server.get("/api/v1/audit/sensitive-reads", server.admin(),
                       params={"subject": "work_order", "user_id": user_id(server, login),
                               "limit": 200}).json()["items"]
    return sorted(r["subject_id"] for r in items if r["id"] > after_id)


def last_read(server):
    items = server.get("/api/v1/audit/sensitive-reads", server.admin(),
                       params={"limit": 1}).json()["items"]
    return items[0]["id"] if items else 0


def orders_of_every_kind(server):
    """Orders with what a page must carry: a phone staff may see, photos, a
    whistle, a supporter, an assignee."""
    phoned = file_order(server, login="demo-community-staff", reporter_kind="resident",
                        reporter_name="徐志强", reporter_phone="13585000081",
                        where="紫薇花园/1幢")
    resident = server.token("demo-resident")
    photographed = file_order(server)
    for _ in range(2):
        r = server.post(f"{ORDERS}/{photographed['id']}/photos", resident, data=jpeg_with_gps(),
                        headers={"Content-Type": "image/jpeg"})
        assert r.status_code == 201, r.text
    whistled = file_order(server, code="construction", where="紫薇花园/2幢")
    orgs = server.get("/api/v1/organizations", server.admin(),
                      params={"kind": "alliance_unit", "limit": 200}).json()["items"]
    hospital = next(x["id"] for x in orgs if x["name"] == "盐南医院")
    r = server.post(f"{ORDERS}/{whistled['id']}/whistles", server.token("demo-community-staff"),
                    json={"org_id": hospital, "limit_s": 3600})
    assert r.status_code == 201, r.text
    supported = file_order(server, code="lifts", where="紫薇花园/2幢")
    r = server.post(f"{ORDERS}/{supported['id']}/support", server.token("demo-grid-worker"))
    assert r.status_code == 200, r.text
    act(server, "demo-community-staff", phoned, "dispatch",
        assignee_user_id=user_id(server, "demo-grid-worker"))


def test_every_item_is_the_orders_own_answer(server):
    orders_of_every_kind(server)
    for role in ROLES:
        login = "demo-" + role
        token = server.token(login)
        seen = 0
        for sort in ("id", "due"):
            for query, items in pages(server, token, sort=sort):
                for item in items:
                    one = server.get(f"{ORDERS}/{item['id']}", token)
                    assert one.status_code == 200, (role, item["id"])
                    # The deadlines' jobs may change an order between the two
                    # reads: then the page is read again.
                    for _ in range(3):
                        if same_answer(item, one.text):
                            break
                        again = server.get(ORDERS, token, params=query).json()["items"]
                        item = next(o for o in again if o["id"] == item["id"])
                        one = server.get(f"{ORDERS}/{item['id']}", token)
                    assert same_answer(item, one.text), (role, sort, item["id"], one.text)
                    seen += 1
        assert seen, role
    everything = [o for _, items in pages(server, server.admin()) for o in items]
    photographed = [o for o in everything if o["photos"]]
    whistled = [o for o in everything if o["whistles"]]
    assert photographed and whistled


def test_a_page_logs_the_reads_its_orders_would(server):
    orders_of_every_kind(server)
    for login in ("demo-subdistrict-officer", "demo-community-staff", "demo-grid-worker",
                  "demo-property-staff"):
        token = server.token(login)
        mark = last_read(server)
        items = [o for _, page in pages(server, token, sort="due") for o in page]
        by_page = reads_since(server, login, mark)
        mark = last_read(server)
        for o in items:
            assert server.get(f"{ORDERS}/{o['id']}", token).status_code == 200
        assert by_page == reads_since(server, login, mark), login
        if login == "demo-subdistrict-officer":
            assert by_page, "the officer sees the filed phone whole: a read"
