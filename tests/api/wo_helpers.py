"""Shared by the work-order API tests (tests/api/test_workorders_*.py)."""
import struct

from conftest import PG_BASE  # noqa: F401  (the backend the run is on)

ORDERS = "/api/v1/work-orders"


def category(server, token, code):
    page = server.get("/api/v1/wo-categories", token, params={"limit": 200}).json()
    return next(c["id"] for c in page["items"] if c["code"] == code)


def place(server, path):
    """The id of the place at path, "紫薇花园/1幢/1单元/101", below 聚龙湖社区."""
    token = server.admin()
    parent = server.scope_for("community_staff")
    for name in path.split("/"):
        items = server.get("/api/v1/places", token, params={"parent_id": parent,
                                                              "limit": 200}).json()["items"]
        parent = next(p["id"] for p in items if p["name"] == name)
    return parent


def user_id(server, login):
    return server.get("/api/v1/auth/me", server.token(login)).json()["user"]["id"]


def file_order(server, login="demo-resident", code="water", where="紫薇花园/1幢/1单元/101",
               **extra):
    token = server.token(login)
    body = {"channel": "resident_page" if login == "demo-resident" else "phone",
            "category_id": category(server, token, code), "description": "水管漏水",
            "place_id": place(server, where)}
    body.update(extra)
    r = server.post(ORDERS, token, json=body)
    assert r.status_code == 201, r.text
    return r.json()


def act(server, login, order, action, expect=200, **fields):
    """Takes an action with the order's current ETag; returns the answer."""
    token = server.token(login)
    current = server.get(f"{ORDERS}/{order['id']}", server.admin())
    assert current.status_code == 200, current.text
    r = server.post(f"{ORDERS}/{order['id']}/actions", token,
                    headers={"If-Match": current.headers["ETag"]},
                    json={"action": action, **fields})
    assert r.status_code == expect, (action, login, r.status_code, r.text[:500])
    return r.json()


def clock(order, name):
    return next(c for c in order["clocks"] if c["name"] == name)


def jpeg_with_gps():
    """A small baseline JPEG carrying an Exif APP1 segment with GPS data."""
    def seg(marker, body):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body
    exif = (b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08" + b"GPSLatitude=33.347812;"
            + b"GPSLongitude=120.163051")
    out = b"\xff\xd8" + seg(0xE1, exif)
    out += seg(0xDB, b"\x00" + bytes(range(1, 65)))
    out += seg(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")
    out += seg(0xC4, b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00")
    out += seg(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x12\x34\x56"
    return out + b"\xff\xd9"


def jump(server, seconds):
    """Moves the test clock; the sessions cached before it may have ended
    (12 hours idle), so every login signs in again."""
    now = server.advance(seconds)
    server._tokens.clear()
    return now


def advance_to(server, at):
    """Moves the test clock to epoch second `at` (not back), with one admin
    session for both steps, so no sign-in runs between reading the clock and
    moving it. Returns the new now."""
    admin = server.token("demo-admin")
    now = server.post("/api/v1/test/clock", admin, json={"advance_seconds": 0}).json()["now"]
    r = server.post("/api/v1/test/clock", admin, json={"advance_seconds": max(0, at - now)})
    assert r.status_code == 200, r.text
    return r.json()["now"]
