"""Privacy (domain.md, "Privacy"; src/privacy): who sees ID numbers and
phones unmasked, who sees sensitive (health-related) tags at all, and the log
of every read of unmasked or sensitive data (GET /api/v1/audit/sensitive-reads)."""
import re

import pytest

from helpers import assert_field_error, assert_problem
from test_residents import YANG_ID, all_residents, demo_resident

UNMASKED = ["demo-community-staff", "demo-subdistrict-officer", "demo-grid-leader",
            "demo-grid-worker", "demo-admin"]
MASKED = ["demo-building-leader", "demo-property-staff", "demo-inspector"]
ID_MASK = re.compile(r"^\d{6}\*{8}\d{3}[\dX]$")
PHONE_MASK = re.compile(r"^1\d{2}\*{4}\d{4}$")


def me(server, login):
    return server.get("/api/v1/auth/me", server.token(login)).json()["user"]["id"]


def reads(server, **params):
    """The log of sensitive reads as the installation admin sees it."""
    r = server.get("/api/v1/audit/sensitive-reads", server.admin(),
                   params=dict(params, limit=200))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def yang_as(server, login):
    """杨秀兰 (紫薇花园 1幢, tag disabled) as login sees her."""
    found = [i for i in all_residents(server, server.token(login), q="杨秀兰")]
    assert [i["name"] for i in found] == ["杨秀兰"], (login, found)
    return found[0]


@pytest.mark.parametrize("login", UNMASKED)
def test_need_to_know_roles_see_identifiers_and_sensitive_tags(server, login):
    yang = yang_as(server, login)
    assert yang["id_number"] == YANG_ID and yang["phone"] == "13305150051"
    assert yang["birth_date"] == "1948-05-20" and yang["tags"] == ["disabled"]
    detail = server.get(f"/api/v1/residents/{yang['id']}", server.token(login)).json()
    assert detail["id_number"] == YANG_ID and detail["tags"] == ["disabled"]


@pytest.mark.parametrize("login", MASKED)
def test_others_see_masks_and_no_sensitive_tags(server, login):
    yang = yang_as(server, login)
    assert yang["id_number"] == "320902********046X" and ID_MASK.match(yang["id_number"])
    assert yang["phone"] == "133****0051" and PHONE_MASK.match(yang["phone"])
    # The birth date would complete the masked number; the age stays.
    assert yang["birth_date"] is None and yang["age"] >= 76
    assert yang["tags"] == []
    token = server.token(login)
    detail = server.get(f"/api/v1/residents/{yang['id']}", token).json()
    assert detail["id_number"] == "320902********046X" and detail["tags"] == []
    for item in all_residents(server, token):
        assert item["id_number"] is None or ID_MASK.match(item["id_number"]), item
        assert item["phone"] is None or PHONE_MASK.match(item["phone"]), item
        assert not {"disabled", "seriously_ill", "low_income"} & set(item["tags"]), item
    assert_field_error(server.get("/api/v1/residents", token, params={"tag": "disabled"}),
                       "tag", "invalid")
    catalogue = server.get("/api/v1/tags", token).json()["items"]
    assert catalogue and not [t for t in catalogue if t["sensitive"]]


def test_non_sensitive_tags_stay_visible_to_building_leader(server):
    chen = [i for i in all_residents(server, server.token("demo-building-leader"), q="陈桂英")]
    assert sorted(chen[0]["tags"]) == ["aged_80_plus", "living_alone"]


def test_grid_worker_filters_by_sensitive_tag(server):
    found = all_residents(server, server.token("demo-grid-worker"), tag="disabled")
    assert "杨秀兰" in {i["name"] for i in found}
    assert all("disabled" in i["tags"] for i in found)


def test_reading_one_resident_is_logged(server):
    yang = demo_resident(server, "杨秀兰")
    user = me(server, "demo-grid-leader")
    before = reads(server, subject_id=yang["id"], user_id=user)
    r = server.get(f"/api/v1/residents/{yang['id']}", server.token("demo-grid-leader"))
    assert r.status_code == 200
    after = reads(server, subject_id=yang["id"], user_id=user)
    assert len(after) == len(before) + 1
    row = after[0]
    assert (row["subject"], row["subject_id"], row["user_id"]) == ("resident", yang["id"], user)
    assert row["fields"] == "id_number,phone,sensitive_tags"
    assert row["at"].endswith("+08:00")


def test_a_list_logs_one_row_per_resident(server):
    token = server.token("demo-grid-worker")
    user = me(server, "demo-grid-worker")
    newest = reads(server, user_id=user)
    start = newest[0]["id"] if newest else 0
    r = server.get("/api/v1/residents", token, params={"limit": 5})
    items = r.json()["items"]
    logged = [x for x in reads(server, user_id=user) if x["id"] > start]
    assert sorted(x["subject_id"] for x in logged) == sorted(i["id"] for i in items)
    by_id = {x["subject_id"]: x["fields"] for x in logged}
    for i in items:
        want = [f for f, shown in (("id_number", i["id_number"]), ("phone", i["phone"]),
                                   ("sensitive_tags", set(i["tags"]) & {"disabled",
                                                                        "seriously_ill",
                                                                        "low_income",
                                                                        "preschool_child"}),
                                   ("child", i["minor"]))
                if shown]
        assert by_id[i["id"]] == ",".join(want), (i, by_id[i["id"]])


def test_masked_reads_are_not_logged(server):
    user = me(server, "demo-building-leader")
    token = server.token("demo-building-leader")
    all_residents(server, token)
    yang = yang_as(server, "demo-building-leader")
    server.get(f"/api/v1/residents/{yang['id']}", token)
    assert reads(server, user_id=user) == []


def test_resident_reading_own_household_is_logged(server):
    user = me(server, "demo-resident")
    items = all_residents(server, server.token("demo-resident"))
    logged = {x["subject_id"] for x in reads(server, user_id=user)}
    assert {i["id"] for i in items if i["id_number"]} <= logged


def test_list_matching_is_logged(server):
    user = me(server, "demo-community-staff")
    yang = demo_resident(server, "杨秀兰")
    before = reads(server, user_id=user, subject_id=yang["id"])
    r = server.post("/api/v1/residents/match", server.token("demo-community-staff"),
                    data=(YANG_ID + "\n").encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and len(r.json()["matched"]) == 1
    after = reads(server, user_id=user, subject_id=yang["id"])
    assert len(after) == len(before) + 1 and after[0]["fields"] == "id_number"


def test_sensitive_reads_are_scoped_to_the_readers_district(server):
    r = server.get("/api/v1/residents", server.token("demo2-community-staff"),
                   params={"q": "韩梅"})
    han = r.json()["items"][0]
    assert han["id_number"] == "320903198808180104"
    assert reads(server, subject_id=han["id"]), "the admin sees every sub-district's log"
    for login in ("demo-subdistrict-officer", "demo-inspector"):
        r = server.get("/api/v1/audit/sensitive-reads", server.token(login),
                       params={"subject": "resident", "subject_id": han["id"]})
        assert r.status_code == 200 and r.json()["items"] == [], login
        r = server.get("/api/v1/audit/sensitive-reads", server.token(login))
        assert r.status_code == 200 and r.json()["items"], login


@pytest.mark.parametrize("login", ["demo-grid-worker", "demo-community-staff",
                                   "demo-building-leader"])
def test_sensitive_reads_need_audit_permission(server, login):
    assert_problem(server.get("/api/v1/audit/sensitive-reads", server.token(login)), 403,
                   "forbidden")


def test_sensitive_reads_cursor(server):
    first = server.get("/api/v1/audit/sensitive-reads", server.admin(), params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_after"] == first["items"][-1]["id"]
    second = server.get("/api/v1/audit/sensitive-reads", server.admin(),
                        params={"limit": 2, "after": first["next_after"]}).json()
    assert second["items"] and second["items"][0]["id"] < first["items"][-1]["id"]


def test_audit_log_keeps_sensitive_tags_and_identifiers_out(server):
    staff = server.token("demo-community-staff")
    yang = demo_resident(server, "杨秀兰")
    r = server.request("PUT", f"/api/v1/residents/{yang['id']}/tags", staff,
                       json={"tags": ["disabled", "aged_80_plus"]})
    assert r.status_code == 200 and sorted(r.json()["tags"]) == ["aged_80_plus", "disabled"]
    entries = server.get("/api/v1/audit", server.token("demo-inspector"),
                         params={"limit": 200}).json()["items"]
    [entry] = [e for e in entries if e["entity"] == "resident_tags" and e["entity_id"] == yang["id"]]
    assert entry["after"] == {"tags": ["aged_80_plus"], "sensitive_tags": 1}
    assert "disabled" not in str(entry) and YANG_ID not in str(entries)
    r = server.request("PUT", f"/api/v1/residents/{yang['id']}/tags", staff,
                       json={"tags": ["disabled"]})
    assert r.json()["tags"] == ["disabled"]
