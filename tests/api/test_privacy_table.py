"""docs/privacy.md's table, checked row by row against the server with the
demo's account of each role: what the page promises is what the API does."""
import re

import pytest

from conftest import REPO
from helpers import all_pages

FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9])")
FULL_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
COLUMNS = ["role", "residents", "identifiers", "birth date", "sensitive tags",
           "children under 14", "health consents", "dwelling counts", "export and match",
           "audit log"]


def privacy_table():
    rows = {}
    lines = (REPO / "docs" / "privacy.md").read_text().splitlines()
    start = lines.index("| " + " | ".join(COLUMNS) + " |")
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert len(cells) == len(COLUMNS), line
        rows[cells[0]] = dict(zip(COLUMNS[1:], cells[1:]))
    return rows


TABLE = privacy_table()


def test_the_table_names_every_role(server):
    roles = {u["role"] for u in server.get("/api/v1/users?limit=100",
                                           server.admin()).json()["items"]}
    assert roles == set(TABLE)


@pytest.mark.parametrize("role", sorted(TABLE))
def test_role_sees_what_the_table_says(server, role):
    want = TABLE[role]
    login = "demo-" + role.replace("_", "-")
    token = server.token(login)
    community = server.scope_for("community_staff")

    r = server.get("/api/v1/residents", token)
    if want["residents"] == "none":
        assert r.status_code == 403, r.text
        for column in ("identifiers", "birth date", "sensitive tags", "children under 14",
                       "health consents"):
            assert want[column] == "—", column
    else:
        items = all_pages(server, token, "/api/v1/residents")
        assert items, login
        labels = {d["label"] for i in items for d in i["dwellings"]}
        if want["residents"] == "household":
            assert labels == {"紫薇花园 1幢 1单元 101"}, labels
        else:
            assert len(labels) > 1, labels
        ids = [i["id_number"] for i in items if i["id_number"]]
        assert ids
        assert all(("*" in n) == (want["identifiers"] == "masked") for n in ids), ids
        adults = [i for i in items if not i["minor"] and i["age"] is not None]
        assert adults
        assert all((i["birth_date"] is None) == (want["birth date"] == "hidden")
                   for i in adults)
        codes = {t["code"] for t in server.get("/api/v1/tags", token).json()["items"]}
        assert ("disabled" in codes) == (want["sensitive tags"] == "shown"), codes
        children = [i for i in items if i["minor"]]
        assert children, login
        for child in children:
            masked = child["name"].endswith("*") and child["age"] is None and not child["tags"]
            assert masked == (want["children under 14"] == "masked"), child
        yang = [i for i in items if i["name"] == "杨秀兰"]
        for person in yang:  # her son's health_data consent
            detail = server.get(f"/api/v1/residents/{person['id']}", token).json()
            purposes = {c["purpose"] for c in detail["consents"]}
            assert ("health_data" in purposes) == (want["health consents"] == "shown")

    building = server.scope_for("building_leader")
    r = server.get(f"/api/v1/places/{building}/elevation", token)
    if r.status_code == 200:
        dwellings = [d for e in r.json()["entrances"] for f in e["floors"]
                     for d in f["dwellings"]]
        assert dwellings
        counted = all("residents" in d and "tags" in d for d in dwellings)
        bare = all("residents" not in d and "tags" not in d for d in dwellings)
        assert counted if want["dwelling counts"] == "shown" else bare, dwellings[:2]
    else:
        assert r.status_code == 404 and want["residents"] == "household", r.text

    exported = server.get("/api/v1/exports/residents.csv", token,
                          params={"community_id": community})
    matched = server.post("/api/v1/residents/match", token, data=b"13305150051\n",
                          headers={"Content-Type": "text/csv"})
    for answer in (exported, matched):
        assert answer.status_code == (200 if want["export and match"] == "yes" else 403)

    audit = server.get("/api/v1/audit", token, params={"limit": 200})
    if want["audit log"] == "masked":
        assert audit.status_code == 200, audit.text
        assert not FULL_ID.search(audit.text) and not FULL_MOBILE.search(audit.text)
    else:
        assert audit.status_code == 403
