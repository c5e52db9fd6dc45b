"""Supervision on the demo (docs/api-oversight.md): complaints filed
anonymously and followed by their tracking code, the discipline inspector's
steps, a complaint never reaching the company, staff or inspector it names
(list, detail, audit log, sensitive reads, inbox, jobs, exports; an inspector
named after being told of it loses the notice), the
throttle on public filing, and the red-black list: its figures recomputed
from the inputs published beside them, the companies listed apart, and a
published quarter frozen."""
import secrets

import pytest

from conftest import Server, _finish
from helpers import assert_field_error, assert_problem

INSPECTOR, OFFICER = "demo-inspector", "demo-subdistrict-officer"
PROPERTY, COMMUNITY = "demo-property-staff", "demo-community-staff"
OUTSIDERS = (PROPERTY, COMMUNITY, OFFICER, "demo-admin", "demo-grid-worker", "demo-resident",
             "demo-owners-committee")


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


@pytest.fixture(scope="module")
def places(srv):
    r = srv.get("/api/v1/public/oversight/places")
    assert r.status_code == 200, r.text
    district = next(d for d in r.json()["districts"] if d["name"] == "新都街道")
    return {"district": district["id"],
            "compound": next(p["id"] for p in district["places"] if p["name"] == "紫薇花园"),
            "company": next(c["id"] for c in district["companies"]
                            if c["name"] == "紫薇物业服务有限公司")}


def file_public(srv, places, **more):
    body = {"place_id": places["compound"], "subject_kind": "property_company",
            "subject_org_id": places["company"], "matter": "楼道垃圾三天无人清运"}
    body.update(more)
    return srv.post("/api/v1/public/complaints",
                    json={k: v for k, v in body.items() if v is not None})


def status_of(srv, code):
    return srv.post("/api/v1/public/complaints/status", json={"code": code})


def inspector_find(srv, marker):
    items = srv.get("/api/v1/complaints", srv.token(INSPECTOR), params={"limit": 200}).json()
    return [c for c in items["items"] if marker in c["matter"]]


def test_anonymous_filing_and_status_by_code(srv, places):
    r = file_public(srv, places)
    assert r.status_code == 201, r.text
    code = r.json()["tracking_code"]
    assert len(code) == 19 and code.count("-") == 3
    assert r.json()["complaint"]["status"] == "received"
    r = status_of(srv, code.lower().replace("-", " "))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "received" and r.json()["finding"] is None
    assert "id" not in r.json() and "matter" not in r.json()
    # A code nobody was given is as absent as any other.
    other = "".join(secrets.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(16))
    assert_problem(status_of(srv, other), 404, "not-found")
    assert_field_error(status_of(srv, "not-a-code"), "code", "invalid")


def test_filing_is_checked_field_by_field(srv, places):
    assert_field_error(file_public(srv, places, matter=" "), "matter", "invalid")
    assert_field_error(file_public(srv, places, matter="x" * 2001), "matter", "too-long")
    assert_field_error(file_public(srv, places, phone="12345"), "phone", "invalid")
    assert_field_error(file_public(srv, places, subject_org_id=None), "subject_org_id", "invalid")
    assert_field_error(file_public(srv, places, subject_kind="mayor"), "subject_kind", "invalid")
    assert_field_error(file_public(srv, places, subject_kind="fund", subject_org_id=None),
                       "subject_text", "invalid")
    r = srv.post("/api/v1/public/complaints", json={"place_id": places["compound"],
                                                      "subject_kind": "staff", "matter": "态度差",
                                                      "subject_text": "前台", "extra": 1})
    assert r.status_code == 422, r.text


def test_inspector_steps_and_what_the_complainant_sees(srv, places):
    marker = "步骤测试 " + secrets.token_hex(3)
    r = file_public(srv, places, matter=marker, name="王小明", phone="13905110099")
    assert r.status_code == 201, r.text
    code = r.json()["tracking_code"]
    [c] = inspector_find(srv, marker)
    assert c["complainant"] == {"name": "王*", "phone": "139****0099"}
    path = f"/api/v1/complaints/{c['id']}"
    tok = srv.token(INSPECTOR)
    contact = srv.get(path + "/contact", tok).json()
    assert contact == {"name": "王小明", "phone": "13905110099"}
    steps = path + "/steps"
    assert_field_error(srv.post(steps, tok, json={"step": "find", "finding": "upheld",
                                                 "note": "未核实先认定"}), "step", "invalid")
    assert_field_error(srv.post(steps, tok, json={"step": "verify", "note": ""}), "note",
                       "invalid")
    r = srv.post(steps, tok, json={"step": "verify", "note": "内部：调取保洁台账"})
    assert r.status_code == 200 and r.json()["status"] == "verifying", r.text
    assert_field_error(srv.post(steps, tok, json={"step": "find", "finding": "maybe",
                                                 "note": "x"}), "finding", "invalid")
    r = srv.post(steps, tok, json={"step": "find", "finding": "upheld", "note": "内部：属实"})
    assert r.status_code == 200 and r.json()["finding"] == "upheld", r.text
    assert_field_error(srv.post(steps, tok, json={"step": "act", "note": "x"}), "action",
                       "invalid")
    r = srv.post(steps, tok, json={"step": "act", "action": "责令物业限期整改，已复查",
                                   "note": "内部：约谈记录存档"})
    assert r.status_code == 200 and r.json()["status"] == "closed", r.text
    assert [s["step"] for s in r.json()["steps"]] == ["verify", "find", "act"]
    public = status_of(srv, code).json()
    assert public["status"] == "closed" and public["finding"] == "upheld"
    assert public["action"] == "责令物业限期整改，已复查"
    assert "内部" not in str(public) and "steps" not in public
    # The inspector's audit log has each step; contact reads are logged.
    log = srv.get("/api/v1/audit", tok, params={"entity": "complaint",
                                                "entity_id": c["id"]}).json()["items"]
    assert [e["action"] for e in log] == ["update", "update", "update", "create"]
    assert "13905110099" not in str(log)
    reads = srv.get("/api/v1/audit/sensitive-reads", tok,
                    params={"subject": "complaint"}).json()["items"]
    assert any(x["subject_id"] == c["id"] for x in reads)


def test_never_visible_to_whom_it_names(srv, places):
    marker = "不可见 " + secrets.token_hex(3)
    r = file_public(srv, places, matter=marker, name="李四", phone="13905110098")
    assert r.status_code == 201, r.text
    [c] = inspector_find(srv, marker)
    property_user = srv.get("/api/v1/auth/me", srv.token(PROPERTY)).json()["user"]["id"]
    r = srv.post(f"/api/v1/complaints/{c['id']}/steps", srv.token(INSPECTOR),
                 json={"step": "verify", "note": "被投诉人为物业经理", "subject_user_id": property_user})
    assert r.status_code == 200 and r.json()["subject_user"]["id"] == property_user, r.text
    srv.get(f"/api/v1/complaints/{c['id']}/contact", srv.token(INSPECTOR))
    for login in OUTSIDERS:
        tok = srv.token(login)
        assert srv.get("/api/v1/complaints", tok).status_code == 403, login
        assert srv.get(f"/api/v1/complaints/{c['id']}", tok).status_code == 403, login
        assert srv.post(f"/api/v1/complaints/{c['id']}/steps", tok,
                        json={"step": "verify", "note": "x"}).status_code == 403, login
        inbox = srv.get("/api/v1/inbox", tok, params={"limit": 200})
        assert inbox.status_code == 200 and marker not in inbox.text, login
        assert "complaint" not in {n.get("kind") for n in inbox.json()["items"]}, login
        audit = srv.get("/api/v1/audit", tok, params={"limit": 200})
        if audit.status_code == 200:  # the officer and the admin read the log
            assert marker not in audit.text and '"complaint"' not in audit.text, login
            only = srv.get("/api/v1/audit", tok, params={"entity": "complaint"}).json()
            assert only["items"] == [], login
            csv = srv.get("/api/v1/audit/export.csv", tok)
            assert csv.status_code == 200 and marker not in csv.text, login
            reads = srv.get("/api/v1/audit/sensitive-reads", tok, params={"limit": 200})
            assert '"complaint"' not in reads.text, login
        for export in ("/api/v1/exports/residents.csv", "/api/v1/exports/dwellings.csv"):
            e = srv.get(export, tok, params={"community_id": 0})
            assert marker not in e.text, (login, export)
    jobs = srv.get("/api/v1/jobs", srv.admin(), params={"limit": 200})
    assert jobs.status_code == 200 and marker not in jobs.text
    # The sub-district's inspector was told; the notice names nobody.
    inbox = srv.get("/api/v1/inbox", srv.token(INSPECTOR), params={"limit": 200}).json()
    told = [n for n in inbox["items"] if n.get("kind") == "complaint"]
    assert told and all("李四" not in str(n) for n in told)


def test_an_inspector_named_does_not_see_it(srv, places):
    other, password = srv.create_user(role="inspector")
    named = srv.login(other["login"], password)
    r = srv.post("/api/v1/complaints", srv.token(INSPECTOR), json={
        "place_id": places["compound"], "box_place": "紫薇花园东门意见箱",
        "subject_kind": "staff", "subject_user_id": other["id"],
        "matter": "监察员收受物业礼品 " + secrets.token_hex(3)})
    assert r.status_code == 201, r.text
    code = r.json()["tracking_code"]
    assert status_of(srv, code).status_code == 200
    mine = [c for c in srv.get("/api/v1/complaints", srv.token(INSPECTOR)).json()["items"]
            if c["subject_user"] and c["subject_user"]["id"] == other["id"]]
    assert mine and mine[0]["source"] == "box"
    assert srv.get(f"/api/v1/complaints/{mine[0]['id']}", named).status_code == 404
    listed = srv.get("/api/v1/complaints", named, params={"limit": 200}).json()["items"]
    assert mine[0]["id"] not in {c["id"] for c in listed}
    inbox = srv.get("/api/v1/inbox", named, params={"limit": 200}).json()["items"]
    assert f"/oversight/complaints/{mine[0]['id']}" not in str(inbox)
    # Nobody records a complaint about themselves.
    me = srv.get("/api/v1/auth/me", srv.token(INSPECTOR)).json()["user"]["id"]
    assert_field_error(srv.post("/api/v1/complaints", srv.token(INSPECTOR), json={
        "place_id": places["compound"], "box_place": "东门", "subject_kind": "staff",
        "subject_user_id": me, "matter": "x"}), "subject_user_id", "invalid")


def test_an_inspector_named_finds_nothing_of_it_in_the_log(srv, places):
    """The audit log and the sensitive reads leave out, for an inspector, the
    entries of a complaint naming them, whether named at filing or later."""
    other, password = srv.create_user(role="inspector")
    named = srv.login(other["login"], password)
    tok = srv.token(INSPECTOR)
    marker = "点名监察员 " + secrets.token_hex(3)
    r = srv.post("/api/v1/complaints", tok, json={
        "place_id": places["compound"], "box_place": "紫薇花园北门意见箱", "subject_kind": "staff",
        "subject_user_id": other["id"], "matter": marker, "name": "赵六", "phone": "13905110097"})
    assert r.status_code == 201, r.text
    later = file_public(srv, places, subject_kind="staff", subject_org_id=None,
                        subject_text="街道监察员", matter=marker + " 后来点名",
                        phone="13905110096")
    assert later.status_code == 201, later.text
    ids = [c["id"] for c in inspector_find(srv, marker)]
    assert len(ids) == 2
    # Still unnamed: the other inspector handles the second one, then it is
    # found to be about them.
    second = max(ids)
    assert srv.get(f"/api/v1/complaints/{second}/contact", named).status_code == 200
    r = srv.post(f"/api/v1/complaints/{second}/steps", tok, json={
        "step": "verify", "note": "所涉为另一监察员", "subject_user_id": other["id"]})
    assert r.status_code == 200, r.text
    for cid in ids:
        assert srv.get(f"/api/v1/complaints/{cid}/contact", tok).status_code == 200
    audit = srv.get("/api/v1/audit", named, params={"entity": "complaint", "limit": 200})
    assert audit.status_code == 200
    assert not {e["entity_id"] for e in audit.json()["items"]} & set(ids)
    assert marker not in srv.get("/api/v1/audit", named, params={"limit": 200}).text
    assert marker not in srv.get("/api/v1/audit/export.csv", named).text
    reads = srv.get("/api/v1/audit/sensitive-reads", named,
                    params={"subject": "complaint", "limit": 200}).json()["items"]
    assert not {s["subject_id"] for s in reads} & set(ids)
    # The inspector not named reads them all.
    mine = srv.get("/api/v1/audit", tok, params={"entity": "complaint", "limit": 200}).json()
    assert set(ids) <= {e["entity_id"] for e in mine["items"]}
    reads = srv.get("/api/v1/audit/sensitive-reads", tok,
                    params={"subject": "complaint", "limit": 200}).json()["items"]
    assert set(ids) <= {s["subject_id"] for s in reads}


def test_an_inspector_named_later_gets_what_a_missing_complaint_gets(srv, places):
    """Told of a complaint when it was filed, then named in it: by id the
    inspector gets what an id never used gets, byte for byte, and the list,
    the inbox and its counts are as if the complaint had never been filed."""
    other, password = srv.create_user(role="inspector")
    named = srv.login(other["login"], password)
    tok = srv.token(INSPECTOR)

    def seen():
        inbox = srv.get("/api/v1/inbox", named, params={"limit": 200}).json()
        listed = srv.get("/api/v1/complaints", named, params={"limit": 200}).json()["items"]
        me = srv.get("/api/v1/auth/me", named).json()
        return inbox, sorted(c["id"] for c in listed), me["unread_notifications"]

    before = seen()
    marker = "后来点名 " + secrets.token_hex(3)
    r = file_public(srv, places, subject_kind="staff", subject_org_id=None,
                    subject_text="街道监察员", matter=marker)
    assert r.status_code == 201, r.text
    [c] = inspector_find(srv, marker)
    link = f"/oversight/complaints/{c['id']}"
    inbox = srv.get("/api/v1/inbox", named, params={"limit": 200}).json()
    [notice] = [n for n in inbox["items"] if n["link"] == link]  # told, not yet named
    r = srv.post(f"/api/v1/complaints/{c['id']}/steps", tok, json={
        "step": "verify", "note": "所涉为另一监察员", "subject_user_id": other["id"]})
    assert r.status_code == 200, r.text

    missing = c["id"] + 100000
    for method, path, body in [("GET", "/api/v1/complaints/{}", None),
                               ("GET", "/api/v1/complaints/{}/contact", None),
                               ("POST", "/api/v1/complaints/{}/steps",
                                {"step": "verify", "note": "x"})]:
        kw = {"json": body} if body is not None else {}
        hidden = srv.request(method, path.format(c["id"]), named, **kw)
        absent = srv.request(method, path.format(missing), named, **kw)
        assert hidden.status_code == absent.status_code == 404, path
        assert hidden.content == absent.content, path
        assert hidden.headers["Content-Type"] == absent.headers["Content-Type"], path
    assert seen() == before
    # Its notice is gone too: marking it read answers as for an item never sent.
    hidden = srv.post(f"/api/v1/inbox/{notice['id']}/read", named)
    absent = srv.post(f"/api/v1/inbox/{notice['id'] + 100000}/read", named)
    assert hidden.status_code == absent.status_code == 404
    assert hidden.content == absent.content
    # The inspector who named them is still told of it.
    mine = srv.get("/api/v1/inbox", tok, params={"limit": 200}).json()["items"]
    assert link in {n["link"] for n in mine}


# ---- the red-black list -----------------------------------------------------

def term(weight, num, den):
    """weight × num / den points in ten-thousandths, rounded half up."""
    return (2 * weight * num * 10000 + den) // (2 * den) if weight else 0


def points(v):
    sign = "-" if v < 0 else ""
    return f"{sign}{abs(v) // 10000}.{abs(v) % 10000:04d}"


def published(srv, places):
    lists = srv.get("/api/v1/public/red-black-lists", params={"district_id": places["district"]})
    assert lists.status_code == 200, lists.text
    quarter = lists.json()["items"][0]["quarter"]
    r = srv.get("/api/v1/public/red-black-list",
                params={"district_id": places["district"], "quarter": quarter})
    assert r.status_code == 200, r.text
    return quarter, r.json()


def test_published_figures_recompute_from_their_inputs(srv, places):
    quarter, pub = published(srv, places)
    fig = pub["figures"]
    f = fig["formula"]
    ranked = [c for c in fig["companies"] if c["rank"]]
    assert len(ranked) == 3 and [c["rank"] for c in ranked] == [1, 2, 3]
    totals = []
    for c in ranked:
        tp = term(f["w_third_party"], c["third_party"]["sum"], 100 * c["third_party"]["count"])
        total = (term(f["w_on_time"], c["on_time"]["num"], c["on_time"]["den"])
                 + term(f["w_resolution"], c["resolution"]["num"], c["resolution"]["den"])
                 + term(f["w_satisfaction"], c["satisfaction"]["num"], c["satisfaction"]["den"])
                 + tp - 10000 * (f["penalty_upheld"] * c["upheld"]
                                 + f["penalty_partly"] * c["partly_upheld"]))
        assert c["score"] == points(total), c
        assert c["orders"] >= f["min_orders"]
        totals.append(total)
    assert totals == sorted(totals, reverse=True)
    assert fig["red"] == [ranked[0]["org_id"]] and fig["black"] == [ranked[-1]["org_id"]]
    names = {c["org_id"]: c["name"] for c in ranked}
    assert names[fig["red"][0]] == "紫薇物业服务有限公司"
    assert names[fig["black"][0]] == "东方物业管理有限公司"
    assert ranked[-1]["upheld"] == 1  # the demo's upheld complaint counts against it
    # "Closed, not fixed" is unresolved: 东方物业 closed 6, fixed 4.
    assert ranked[-1]["resolution"] == {"num": 4, "den": 6}


def test_publishing_freezes_the_quarter(srv, places):
    quarter, pub = published(srv, places)
    tok = srv.token(OFFICER)
    r = srv.request("PUT", "/api/v1/ratings/formula", tok, json={
        "w_on_time": 10, "w_resolution": 10, "w_satisfaction": 10, "w_third_party": 70,
        "penalty_upheld": 50, "penalty_partly": 1, "min_orders": 1, "list_size": 1})
    assert r.status_code in (200, 201), r.text  # 201 when the sub-district had the default
    again = srv.get("/api/v1/public/red-black-list",
                    params={"district_id": places["district"], "quarter": quarter}).json()
    assert again == pub
    preview = srv.get("/api/v1/ratings/preview", tok, params={"quarter": quarter}).json()
    assert preview["published"] is True and preview["publication"] == pub
    assert_problem(srv.post("/api/v1/ratings/publish", tok, json={"quarter": quarter}), 409,
                   "conflict")
    assert_problem(srv.post("/api/v1/ratings/third-party", tok, json={
        "org_id": places["company"], "quarter": quarter, "evaluator": "另一测评机构",
        "score": 10}), 409, "conflict")
    assert_field_error(srv.post("/api/v1/ratings/publish", tok, json={"quarter": "2099Q1"}),
                       "quarter", "invalid")
    # A quarter before the platform is a typing error, and publishing is final.
    assert_field_error(srv.post("/api/v1/ratings/publish", tok, json={"quarter": "1970Q1"}),
                       "quarter", "invalid")
    bad = srv.request("PUT", "/api/v1/ratings/formula", tok, json={
        "w_on_time": 10, "w_resolution": 10, "w_satisfaction": 10, "w_third_party": 10,
        "penalty_upheld": 5, "penalty_partly": 1, "min_orders": 1, "list_size": 1})
    assert_field_error(bad, "weights", "invalid")
    # Property staff read the formula, never change it.
    assert srv.get("/api/v1/ratings/formula", srv.token(PROPERTY)).json()["w_third_party"] == 70
    assert srv.request("PUT", "/api/v1/ratings/formula", srv.token(PROPERTY),
                       json={}).status_code == 403


def test_a_quarter_without_orders_lists_every_company_apart(srv, places):
    tok = srv.token(OFFICER)
    r = srv.request("PUT", "/api/v1/ratings/formula", tok, json={
        "w_on_time": 30, "w_resolution": 20, "w_satisfaction": 30, "w_third_party": 20,
        "penalty_upheld": 5, "penalty_partly": 2, "min_orders": 5, "list_size": 3})
    assert r.status_code == 200, r.text
    r = srv.post("/api/v1/ratings/third-party", tok, json={
        "org_id": places["company"], "quarter": "2025Q1", "evaluator": "测评中心", "score": 90})
    assert r.status_code == 201, r.text
    assert_problem(srv.post("/api/v1/ratings/third-party", tok, json={
        "org_id": places["company"], "quarter": "2025Q1", "evaluator": "测评中心",
        "score": 80}), 409, "conflict")
    assert_field_error(srv.post("/api/v1/ratings/third-party", tok, json={
        "org_id": places["company"], "quarter": "2025Q1", "evaluator": "x", "score": 101}),
        "score", "invalid")
    fig = srv.get("/api/v1/ratings/preview", tok, params={"quarter": "2025Q1"}).json()
    assert fig["published"] is False
    companies = fig["figures"]["companies"]
    assert companies and all(c["rank"] is None and "too_few_orders" in c["unjudged"]
                             for c in companies)
    assert fig["figures"]["red"] == [] and fig["figures"]["black"] == []
    ziwei = next(c for c in companies if c["org_id"] == places["company"])
    assert ziwei["third_party"] == {"sum": 90, "count": 1} and ziwei["score"] is None
    r = srv.post("/api/v1/ratings/publish", tok, json={"quarter": "2025Q1"})
    assert r.status_code == 201, r.text
    assert r.json()["figures"]["companies"] == companies
    assert srv.get("/api/v1/ratings/preview", srv.token(PROPERTY),
                   params={"quarter": "2025Q1"}).status_code == 403


def test_public_filing_is_throttled(srv, places):
    """Last in the module: it spends this address's allowance."""
    statuses = [file_public(srv, places, matter=f"第 {i} 次").status_code for i in range(12)]
    assert 429 in statuses, statuses
    r = file_public(srv, places)
    assert_problem(r, 429, "too-many-attempts")
    assert int(r.headers["Retry-After"]) > 0
