"""Shared by the places/organizations/posts API tests: a private server per
module (these tests change the demo), and finding demo places by name."""
import pytest

from conftest import Server, _finish


@pytest.fixture(scope="module")
def srv():
    """A server of this module's own: its writes never reach other tests."""
    s = Server(test_clock=True)
    yield s
    _finish(s)


def children(srv, token, parent_id):
    r = srv.get(f"/api/v1/places?parent_id={parent_id}", token)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def child(srv, token, parent_id, name, kind=None):
    """The child of parent_id called name (of kind, when given)."""
    found = [p for p in children(srv, token, parent_id)
             if p["name"] == name and (kind is None or p["kind"] == kind)]
    assert len(found) == 1, f"{name} under {parent_id}: {found}"
    return found[0]


def place(srv, *names):
    """The demo place at the end of a path of names, from a sub-district
    down, as the installation admin sees it: place(srv, "新都街道", "聚龙湖社区")."""
    token = srv.admin()
    roots = srv.get("/api/v1/places", token).json()["items"]
    found = [p for p in roots if p["name"] == names[0]]
    assert len(found) == 1, f"{names[0]}: {roots}"
    p = found[0]
    for name in names[1:]:
        p = child(srv, token, p["id"], name)
    return p


def grid_place(srv, grid_name, *rest):
    """A place under a grid of 聚龙湖社区 (its micro-grids and buildings)."""
    return place(srv, "新都街道", "聚龙湖社区", grid_name, *rest)
