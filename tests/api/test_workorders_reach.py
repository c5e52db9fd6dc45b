"""Work orders: who reaches which orders, on the list and one by one (a
resident, the grab pool of party members and volunteers, every demo role),
"me too" without anyone's reporter, the label of the place a QR code names,
and photos: their size cap and the order's version after one
(docs/api-workorders.md). SQLite and PostgreSQL."""
from helpers import assert_problem
from wo_helpers import ORDERS, act, category, file_order, jpeg_with_gps, place, user_id

ROLES = ["admin", "subdistrict-officer", "community-staff", "property-staff",
         "owners-committee", "grid-leader", "grid-worker", "building-leader", "party-member",
         "alliance-unit", "volunteer", "inspector", "resident"]


def walk(server, token, **params):
    """Every item of the list, page by page (limit 50)."""
    items, after = [], None
    for _ in range(1000):
        q = {"limit": 50, **params}
        if after is not None:
            q["after"] = after
        r = server.get(ORDERS, token, params=q)
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        after = page["next_after"]
        if after is None:
            return items
    raise AssertionError("the list did not end")


def ids(server, login, **params):
    return [o["id"] for o in walk(server, server.token(login), **params)]


def test_a_resident_sees_their_own_and_the_ones_they_support(server):
    mine = file_order(server)
    # A neighbour's leak, filed by staff for them: not the resident's to see...
    theirs = file_order(server, login="demo-community-staff", where="紫薇花园/1幢",
                        reporter_kind="resident", reporter_name="徐志强",
                        reporter_phone="13585000081")
    resident = server.token("demo-resident")
    assert mine["id"] in ids(server, "demo-resident")
    assert theirs["id"] not in ids(server, "demo-resident")
    assert theirs["id"] not in ids(server, "demo-resident", sort="due")
    assert server.get(f"{ORDERS}/{theirs['id']}", resident).status_code == 404
    assert server.get(f"{ORDERS}/{theirs['id']}/events", resident).status_code == 404
    # ...until they join it ("me too"): then on the list, one by one, and in the queue,
    # with the neighbour's name and phone masked.
    assert server.post(f"{ORDERS}/{theirs['id']}/support", resident).status_code == 200
    assert theirs["id"] in ids(server, "demo-resident")
    assert theirs["id"] in ids(server, "demo-resident", sort="due")
    seen = server.get(f"{ORDERS}/{theirs['id']}", resident)
    assert seen.status_code == 200 and seen.json()["supporting"] is True
    assert seen.json()["reporter"]["name"] == "徐*"
    assert seen.json()["reporter"]["phone"] == "135****0081"
    listed = next(o for o in walk(server, resident) if o["id"] == theirs["id"])
    assert listed["reporter"]["phone"] == "135****0081" and listed["reporter"]["name"] == "徐*"
    # Every order on the resident's list is theirs or supported.
    me = user_id(server, "demo-resident")
    for o in walk(server, resident):
        assert o["reporter"]["user_id"] == me or o["supporting"] is True, o["id"]
    # A resident is no dispatcher: 409 with nothing allowed on the actions route
    # (wo_read, the lifecycle decides), 403 on the dispatcher's own routes.
    for order in (mine, theirs):
        body = act(server, "demo-resident", order, "dispatch", expect=409,
                   assignee_user_id=user_id(server, "demo-grid-worker"))
        assert "dispatch" not in body["allowed_actions"]
    body = act(server, "demo-resident", theirs, "close", expect=409, outcome="not_fixed",
               note="x")
    assert body["allowed_actions"] == []
    orgs = server.get("/api/v1/organizations", server.admin(), params={"limit": 1}).json()
    r = server.post(f"{ORDERS}/{mine['id']}/whistles", resident,
                    json={"org_id": orgs["items"][0]["id"]})
    assert_problem(r, 403, "forbidden")
    assert server.get("/api/v1/wo-teams", resident).status_code == 403


def test_me_too_shows_no_reporter_to_anyone(server):
    theirs = file_order(server, login="demo-community-staff", code="lifts",
                        where="紫薇花园/3幢", reporter_kind="resident", reporter_name="徐志强",
                        reporter_phone="13585000081")
    for login in ("demo-resident", "demo-community-staff"):
        token = server.token(login)
        found = server.get(f"{ORDERS}/similar", token, params={
            "category_id": category(server, token, "lifts"),
            "place_id": place(server, "紫薇花园/3幢/1单元")}).json()["items"]
        item = next(x for x in found if x["id"] == theirs["id"])
        assert set(item) == {"id", "number", "category_id", "description", "status", "place",
                             "reported_at", "supporters", "supporting", "distance_m"}, item
        assert "徐" not in str(item) and "13585000081" not in str(item)
        assert item["place"]["label"] and item["distance_m"] == 0


def test_the_place_a_qr_code_names_reads_by_its_label(server):
    """The public 户情图's QR code opens /report?place_id= of its building or
    compound; a resident, who may not read places, reads its label there and
    nothing beyond: no other kind of place, nothing outside the sub-district."""
    resident = server.token("demo-resident")
    building, compound = place(server, "紫薇花园/3幢"), place(server, "紫薇花园")
    assert server.get(f"/api/v1/places/{building}", resident).status_code == 404
    r = server.get(f"/api/v1/wo-places/{building}", resident)
    assert r.status_code == 200, r.text
    assert r.json() == {"id": building, "kind": "building", "label": "紫薇花园 3幢"}
    r = server.get(f"/api/v1/wo-places/{compound}", resident)
    assert r.status_code == 200, r.text
    assert r.json() == {"id": compound, "kind": "compound", "label": "紫薇花园"}
    # Staff read it the same way.
    r = server.get(f"/api/v1/wo-places/{building}", server.token("demo-grid-worker"))
    assert r.status_code == 200 and r.json()["label"] == "紫薇花园 3幢", r.text
    # No code names a dwelling, an entrance or a community: as if absent.
    absent = server.get("/api/v1/wo-places/987654321", resident)
    assert_problem(absent, 404, "not-found")
    for where in ("紫薇花园/3幢/1单元", "紫薇花园/3幢/1单元/101"):
        r = server.get(f"/api/v1/wo-places/{place(server, where)}", resident)
        assert (r.status_code, r.content) == (404, absent.content), where
    community = server.scope_for("community_staff")
    r = server.get(f"/api/v1/wo-places/{community}", resident)
    assert (r.status_code, r.content) == (404, absent.content)


def test_the_grab_pool_is_its_places_outside_roles(server):
    o = file_order(server, where="紫薇花园/1幢", code="cleaning")
    o = act(server, "demo-community-staff", o, "dispatch", mode="grab")
    assert o["grab"] is True and o["assignee"] is None
    # The party member of 1幢 and the community's volunteer see it in the pool...
    for login in ("demo-party-member", "demo-volunteer"):
        assert o["id"] in ids(server, login, pool=1)
        assert server.get(f"{ORDERS}/{o['id']}", server.token(login)).status_code == 200
    # ...a volunteer of another grid's compound does not, and cannot take it.
    other = place(server, "康欣花园")
    user, password = server.create_user(role="volunteer", scope_id=other)
    elsewhere = server.login(user["login"], password)
    assert o["id"] not in [x["id"] for x in walk(server, elsewhere, pool=1)]
    assert server.get(f"{ORDERS}/{o['id']}", elsewhere).status_code == 404
    r = server.post(f"{ORDERS}/{o['id']}/actions", elsewhere,
                    headers={"If-Match": f'"{o["version"]}"'}, json={"action": "take"})
    assert r.status_code == 404
    # The volunteer of the community takes it: out of the pool, theirs.
    taken = act(server, "demo-volunteer", o, "take")
    assert taken["status"] == "taken"
    assert taken["assignee"]["user_id"] == user_id(server, "demo-volunteer")
    assert o["id"] not in ids(server, "demo-party-member", pool=1)
    assert o["id"] not in ids(server, "demo-party-member")
    assert o["id"] in ids(server, "demo-volunteer", assignee_id="me")


def test_every_role_lists_exactly_the_orders_it_may_open(server):
    """The list's SQL is chosen by the caller's kind: it must answer the orders
    the one-order rule lets them open, no more, no fewer, in both orders."""
    everything = walk(server, server.admin())
    every_id = [o["id"] for o in everything]
    assert every_id == sorted(every_id, reverse=True) and len(set(every_id)) == len(every_id)
    for role in ROLES:
        login = "demo-" + role
        token = server.token(login)
        listed = walk(server, token)
        got = [o["id"] for o in listed]
        assert got == sorted(got, reverse=True) and len(set(got)) == len(got), role
        for oid in every_id:
            status = server.get(f"{ORDERS}/{oid}", token).status_code
            assert status == (200 if oid in got else 404), (role, oid, status)
        # The queue holds the same orders, the open ones, most urgent first.
        queue = walk(server, token, sort="due")
        assert sorted(o["id"] for o in queue) == sorted(
            o["id"] for o in listed if o["status"] != "closed"), role
        # Filters narrow what the caller sees, never widen it.
        for params in ({"status": "open"}, {"status": "closed"}, {"pool": 1},
                       {"assignee_id": "me"}, {"reported_by": "me"}, {"q": "漏水"}):
            narrowed = ids(server, login, **params)
            assert set(narrowed) <= set(got), (role, params)


def test_a_photo_over_the_cap_is_refused_and_changes_nothing(server):
    o = file_order(server)
    resident = server.token("demo-resident")
    before = server.get(f"{ORDERS}/{o['id']}", resident).json()
    r = server.post(f"{ORDERS}/{o['id']}/photos", resident, data=b"\xff" * (8 * 1024 * 1024 + 1),
                    headers={"Content-Type": "image/jpeg"})
    assert_problem(r, 413, "payload-too-large")
    after = server.get(f"{ORDERS}/{o['id']}", resident).json()
    assert after["photos"] == [] and after["version"] == before["version"]


def test_a_photo_answers_the_orders_new_version(server):
    o = file_order(server)
    worker = user_id(server, "demo-grid-worker")
    o = act(server, "demo-community-staff", o, "dispatch", assignee_user_id=worker)
    for step in ("take", "arrive"):
        o = act(server, "demo-grid-worker", o, step)
    token = server.token("demo-grid-worker")
    r = server.post(f"{ORDERS}/{o['id']}/photos", token, data=jpeg_with_gps(),
                    headers={"Content-Type": "image/jpeg"})
    assert r.status_code == 201, r.text
    photo = r.json()
    now = server.get(f"{ORDERS}/{o['id']}", token)
    assert photo["order_version"] == now.json()["version"] > o["version"]
    assert now.headers["ETag"] == f'"{photo["order_version"]}"'
    # The version seen before the photo is stale; the photo's answer is not.
    stale = server.post(f"{ORDERS}/{o['id']}/actions", token,
                        headers={"If-Match": f'"{o["version"]}"'},
                        json={"action": "resolve", "photo_id": photo["id"]})
    assert_problem(stale, 412, "precondition-failed")
    done = server.post(f"{ORDERS}/{o['id']}/actions", token,
                       headers={"If-Match": f'"{photo["order_version"]}"'},
                       json={"action": "resolve", "photo_id": photo["id"]})
    assert done.status_code == 200, done.text
    resolved = done.json()
    resolve_clock = next(c for c in resolved["clocks"] if c["name"] == "resolve")
    assert resolve_clock["running"] is False and resolve_clock["met"] is True
