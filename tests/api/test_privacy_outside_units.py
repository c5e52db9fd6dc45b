"""Privacy towards roles outside the registry (PIPL art. 6, minimum necessary;
src/place/elevation_http.c, src/registry/consent.h):

- GET /places/{id}/elevation is open to every role, but how many people live
  in each dwelling, and their tags, only to roles that may read residents
  (PERM_RESIDENT_READ); alliance units, volunteers, party members and the
  owners' committee get the structure (entrances, floors, names, areas).
- A consent is as visible as what it consents to: a health_data consent is
  shown only to roles that may see sensitive tags, in the resident detail,
  in the answers of the consent routes and in the audit log the inspector reads.

A server of this module's own (places_helpers.srv): the tests add consents."""
import pytest

from helpers import assert_problem
from places_helpers import place, srv  # noqa: F401
from test_residents import all_residents

# Who holds PERM_RESIDENT_READ (src/auth/access.c), of the demo logins that
# see 紫薇花园 1幢; and who sees sensitive tags among them (src/privacy).
RESIDENT_READERS = ["demo-community-staff", "demo-subdistrict-officer", "demo-grid-leader",
                    "demo-grid-worker", "demo-admin", "demo-building-leader",
                    "demo-property-staff", "demo-inspector"]
SEES_SENSITIVE = {"demo-community-staff", "demo-subdistrict-officer", "demo-grid-leader",
                  "demo-grid-worker", "demo-admin"}
NO_SENSITIVE = ["demo-building-leader", "demo-property-staff", "demo-inspector"]
OUTSIDE = ["demo-alliance-unit", "demo-volunteer", "demo-party-member", "demo-owners-committee"]
SENSITIVE_TAGS = {"disabled", "seriously_ill", "low_income"}


def elevation(srv, login, building):
    r = srv.get(f"/api/v1/places/{building['id']}/elevation", srv.token(login))
    assert r.status_code == 200, (login, r.text)
    return r.json()


def dwellings(ev):
    return {d["name"]: d for e in ev["entrances"] for f in e["floors"] for d in f["dwellings"]}


@pytest.fixture(scope="module")
def b1(srv):
    """紫薇花园 1幢, its 101 with a registered area (the demo's have none)."""
    b = place(srv, "新都街道", "聚龙湖社区", "紫薇花园", "1幢")
    home = dwellings(elevation(srv, "demo-community-staff", b))["101"]
    r = srv.patch(f"/api/v1/places/{home['id']}", srv.token("demo-community-staff"),
                  json={"area_m2": "89.57"})
    assert r.status_code == 200, r.text
    return b


def structure(ev):
    """What every role gets: entrances, floors, dwellings with names and areas."""
    return [(e["id"], e["name"], [(f["floor"], [(d["id"], d["name"], d["area_m2"])
                                                for d in f["dwellings"]])
                                  for f in e["floors"]])
            for e in ev["entrances"]]


# ---- elevation ---------------------------------------------------------------------

@pytest.mark.parametrize("login", OUTSIDE)
def test_outside_units_get_the_structure_without_counts_or_tags(srv, b1, login):
    ev = elevation(srv, login, b1)
    staff = elevation(srv, "demo-community-staff", b1)
    assert ev["building"]["id"] == b1["id"]
    # the whole structure, areas included (the owners' committee weighs votes by area)
    assert structure(ev) == structure(staff)
    homes = dwellings(ev)
    assert {"101", "102", "202", "301", "401"} <= set(homes)
    assert homes["101"]["area_m2"] == "89.57"
    for d in homes.values():
        assert set(d) == {"id", "name", "area_m2"}, (login, d)
    # nothing in the answer tells who lives alone or who is tagged
    text = str(ev)
    assert "residents" not in text and "living_alone" not in text and "disabled" not in text


def test_counts_and_tags_exactly_for_roles_that_read_residents(srv, b1):
    """Every demo role: of those that see 1幢, counts and tags for PERM_RESIDENT_READ,
    sensitive tags only per privacy_sees_sensitive_tags; the rest nothing."""
    staff = elevation(srv, "demo-community-staff", b1)
    for login in RESIDENT_READERS + OUTSIDE:
        ev = elevation(srv, login, b1)
        assert structure(ev) == structure(staff), login
        homes = dwellings(ev)
        if login in OUTSIDE:
            assert all("residents" not in d and "tags" not in d for d in homes.values()), login
            continue
        assert homes["101"]["residents"] == 3, login
        assert homes["102"]["residents"] == 1, login  # 陈桂英, living alone
        assert homes["102"]["tags"] == ["aged_80_plus", "living_alone"], login
        want_301 = ["disabled"] if login in SEES_SENSITIVE else []
        assert homes["301"]["tags"] == want_301, login
    # the last demo role, a resident, is bound to their dwelling: no building at all
    assert_problem(srv.get(f"/api/v1/places/{b1['id']}/elevation", srv.token("demo-resident")),
                   404, "not-found")


# ---- consents ----------------------------------------------------------------------

def resident_named(srv, name):
    found = [i for i in all_residents(srv, srv.token("demo-community-staff"), q=name)
             if i["name"] == name]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def consents(srv):
    """杨军 (紫薇花园 1幢 301, no tags of his own) consents to health data and
    to the care tier, recorded by community staff."""
    staff = srv.token("demo-community-staff")
    yang_jun = resident_named(srv, "杨军")
    made = {}
    for purpose in ("health_data", "care_tier"):
        r = srv.post(f"/api/v1/residents/{yang_jun['id']}/consents", staff,
                     json={"purpose": purpose, "given_by": "杨军"})
        assert r.status_code == 201, r.text
        assert r.json()["purpose"] == purpose  # staff see their own write
        made[purpose] = r.json()
    return {"resident": yang_jun, "yang_xiulan": resident_named(srv, "杨秀兰"), **made}


def detail(srv, login, resident):
    r = srv.get(f"/api/v1/residents/{resident['id']}", srv.token(login))
    assert r.status_code == 200, (login, r.text)
    return r.json()


@pytest.mark.parametrize("login", NO_SENSITIVE)
def test_health_consent_hidden_from_roles_without_sensitive_tags(srv, consents, login):
    jun = detail(srv, login, consents["resident"])
    ids = [c["id"] for c in jun["consents"]]
    # the consent to the care tier stays; the one to health data is not there
    assert consents["care_tier"]["id"] in ids, (login, jun["consents"])
    assert consents["health_data"]["id"] not in ids, (login, jun["consents"])
    # the demo's own: 杨秀兰's health_data consent, whose tag (disabled) is hidden too
    xiulan = detail(srv, login, consents["yang_xiulan"])
    assert xiulan["tags"] == [] and xiulan["consents"] == [], (login, xiulan["consents"])
    assert "health_data" not in str(jun) + str(xiulan), login
    # ?include_moved_out=1 answers through the same path
    r = srv.get(f"/api/v1/residents/{consents['resident']['id']}", srv.token(login),
                params={"include_moved_out": 1})
    assert "health_data" not in r.text, login


def test_health_consent_follows_the_sensitive_tag(srv, consents):
    """Whoever sees 杨秀兰's disabled tag sees the health_data consents, and
    nobody else: community staff and grid workers yes; building leader,
    property staff and inspector no."""
    seen = {}
    for login in RESIDENT_READERS:
        tags = detail(srv, login, consents["yang_xiulan"])["tags"]
        jun = {c["id"]: c["purpose"] for c in detail(srv, login, consents["resident"])["consents"]}
        xiulan = [c["purpose"] for c in detail(srv, login, consents["yang_xiulan"])["consents"]]
        seen[login] = ("disabled" in tags, consents["health_data"]["id"] in jun,
                       "health_data" in xiulan)
        assert jun.get(consents["care_tier"]["id"]) == "care_tier", login
    want = {login: (login in SEES_SENSITIVE,) * 3 for login in RESIDENT_READERS}
    assert seen == want
    assert seen["demo-community-staff"] == seen["demo-grid-worker"] == (True, True, True)


def test_audit_log_read_by_the_inspector_keeps_the_purpose_out(srv, consents):
    """The audit log is a list of consents too, and the inspector reads it."""
    entries = srv.get("/api/v1/audit", srv.token("demo-inspector"),
                      params={"limit": 200}).json()["items"]
    mine = {e["entity_id"]: e for e in entries if e["entity"] == "consent"}
    health = mine[consents["health_data"]["id"]]
    assert health["after"]["purpose"] is None and health["after"]["sensitive_purpose"] is True
    assert health["after"]["resident_id"] == consents["resident"]["id"]
    assert mine[consents["care_tier"]["id"]]["after"]["purpose"] == "care_tier"
    assert "health_data" not in str(entries)


def test_withdrawing_the_health_consent_is_audited_without_its_purpose(srv, consents):
    """Withdrawn by a grid worker (who sees it); the answer shows it to them,
    the audit's before and after keep the purpose out, and roles without
    sensitive tags still do not see it, withdrawn or not."""
    staff = srv.token("demo-community-staff")
    r = srv.post(f"/api/v1/residents/{consents['resident']['id']}/consents", staff,
                 json={"purpose": "health_data", "given_by": "杨军"})
    assert r.status_code == 201, r.text
    c = r.json()
    r = srv.post(f"/api/v1/consents/{c['id']}/withdraw", srv.token("demo-grid-worker"))
    assert r.status_code == 200, r.text
    assert r.json()["purpose"] == "health_data" and r.json()["withdrawn_at"]
    entries = srv.get("/api/v1/audit", srv.token("demo-inspector"),
                      params={"limit": 200}).json()["items"]
    [entry] = [e for e in entries if e["entity"] == "consent" and e["entity_id"] == c["id"]
               and e["action"] == "update"]
    assert entry["before"]["purpose"] is None and entry["after"]["purpose"] is None
    assert entry["before"]["withdrawn_at"] is None and entry["after"]["withdrawn_at"]
    for login in NO_SENSITIVE:
        ids = [x["id"] for x in detail(srv, login, consents["resident"])["consents"]]
        assert c["id"] not in ids, login
