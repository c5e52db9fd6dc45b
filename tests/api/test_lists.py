"""One list shape, checked on every GET route of `hongwu routes` that answers
a list: {"items": [...], "next_after": cursor or null}, `limit` honoured and
capped, and following `next_after` walks every item once. A new list route is
covered without a test of its own."""
import subprocess

import pytest

from conftest import BIN
from helpers import assert_field_error

# Answers that hold items but are no list: a report over one community, a
# tree, and the work-order statistics, each bounded by what it describes.
NOT_LISTS = {"/api/v1/reports/coverage", "/api/v1/party-orgs", "/api/v1/work-order-stats"}


def list_routes():
    out = subprocess.run([BIN, "routes"], capture_output=True, text=True, timeout=30,
                         check=True).stdout
    found = []
    for line in out.splitlines():
        method, path, perm, record, roles = line.split(" ")
        if method == "GET" and "{id}" not in path and path not in NOT_LISTS:
            found.append((path, roles.split(",")))
    return found


def caller(server, roles):
    role = "admin" if "admin" in roles else sorted(roles)[0]
    return server.token("demo-" + role.replace("_", "-"))


@pytest.mark.parametrize("path,roles", list_routes(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_list_pages_by_cursor(server, path, roles):
    token = caller(server, roles)
    r = server.get(path, token)
    if (r.status_code != 200 or not r.headers.get("Content-Type", "").startswith("application/json")
            or "items" not in r.json()):
        pytest.skip(f"{path} answers no list here ({r.status_code})")
    whole = r.json()
    assert "next_after" in whole, path
    assert_field_error(server.get(path, token, params={"limit": 201}), "limit", "invalid")
    # One item a page: every item once, in the order of the whole list.
    seen, after = [], None
    for _ in range(500):
        params = {"limit": 1}
        if after is not None:
            params["after"] = after
        page = server.get(path, token, params=params).json()
        assert len(page["items"]) <= 1, path
        seen += page["items"]
        after = page["next_after"]
        if after is None:
            break
    # Records are compared by id: an order's clocks tick between two requests.
    def keys(items):
        return [i["id"] if isinstance(i, dict) and "id" in i else i for i in items]
    first = whole["items"][: len(seen)]
    if whole["next_after"] is None:
        assert keys(seen) == keys(whole["items"]), path
    else:
        assert keys(seen[: len(first)]) == keys(first), path


def test_a_level_of_places_pages_in_name_order(server):
    token = server.token("demo-community-staff")
    community = server.scope_for("community_staff")
    whole = server.get("/api/v1/places", token, params={"parent_id": community,
                                                         "limit": 200}).json()
    assert whole["next_after"] is None and len(whole["items"]) > 3
    keys = [(p["kind"], p["name"], p["id"]) for p in whole["items"]]
    assert keys == sorted(keys)
    first = server.get("/api/v1/places", token, params={"parent_id": community, "limit": 2}).json()
    assert first["items"] == whole["items"][:2] and first["next_after"] == whole["items"][1]["id"]
    rest = server.get("/api/v1/places", token, params={"parent_id": community, "limit": 200,
                                                       "after": first["next_after"]}).json()
    assert first["items"] + rest["items"] == whole["items"]
