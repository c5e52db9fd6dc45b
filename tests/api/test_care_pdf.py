"""The 户情图 on paper (docs/api-care.md, "The 户情图 on paper"): the PDF
parses, its pages are A4 or A3, the public one shows only the households whose
head consented (a room number is printed only where its colour is), carries a
QR code of the building's report page, and stays inside the caller's scope.

The PDF is read with the standard library: its streams are inflated and the
text shown on each page is decoded from the content streams (the font is a
CID font with Identity-H, so each string is UTF-16BE)."""
import re
import uuid
import zlib

import pytest

from conftest import Server, _finish
from helpers import assert_field_error

CS, GW = "demo-community-staff", "demo-grid-worker"


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


# ---- reading a PDF ----------------------------------------------------------

OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)


def objects(pdf):
    """{number: (dictionary bytes, inflated stream bytes or None)}"""
    out = {}
    for m in OBJ.finditer(pdf):
        body = m.group(2)
        s = re.search(rb"stream\r?\n", body)
        if not s:
            out[int(m.group(1))] = (body, None)
            continue
        head, data = body[:s.start()], body[s.end():]
        # The stream's /Length says where its bytes end: stripping line ends
        # instead would cut compressed data that happens to end in one.
        length = re.search(rb"/Length\s+(\d+)(\s+\d+\s+R)?", head)
        if length and not length.group(2):
            data = data[:int(length.group(1))]
        else:
            data = data[:data.rfind(b"endstream")]
            data = data[:-2] if data.endswith(b"\r\n") else data[:-1] if data.endswith(b"\n") else data
        if b"/FlateDecode" in head:
            data = zlib.decompress(data)
        out[int(m.group(1))] = (head, data)
    return out


def pages(pdf):
    """[(width, height, [text shown])] in the order of the page tree."""
    objs = objects(pdf)
    kids = []
    for head, _ in objs.values():
        if re.search(rb"/Type\s*/Pages\b", head):
            kids = [int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids\s*\[(.*?)\]", head, re.S).group(1))]
    out = []
    for k in kids:
        head = objs[k][0]
        box = [float(x) for x in re.search(rb"/MediaBox\s*\[([^\]]*)\]", head).group(1).split()]
        refs = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", head).group(1)
        texts = []
        for ref in re.findall(rb"(\d+) 0 R", refs):
            for hexstr in re.findall(rb"<([0-9A-Fa-f\s]*)>\s*Tj", objs[int(ref)][1]):
                texts.append(bytes.fromhex(hexstr.decode()).decode("utf-16-be"))
        out.append((round(box[2] - box[0]), round(box[3] - box[1]), texts))
    return out


def images(pdf):
    """[(width, height, pixels)] of every image XObject (8-bit grey)."""
    out = []
    for head, data in objects(pdf).values():
        if re.search(rb"/Subtype\s*/Image", head):
            w = int(re.search(rb"/Width\s+(\d+)", head).group(1))
            h = int(re.search(rb"/Height\s+(\d+)", head).group(1))
            out.append((w, h, data))
    return out


def finder_at(pixels, side, row, col):
    """A QR finder pattern (7×7: a dark ring, a light ring, a dark 3×3) at row, col."""
    dark = lambda r, c: pixels[(row + r) * side + col + c] < 128
    for r in range(7):
        for c in range(7):
            ring = max(abs(r - 3), abs(c - 3))
            if dark(r, c) != (ring != 2):
                return False
    return True


# ---- the demo ----------------------------------------------------------------

def household(srv, label):
    items = srv.get("/api/v1/care/households", srv.token(CS), params={"limit": 200}).json()["items"]
    found = [h for h in items if h["label"].replace(" 1单元", "") == label]
    assert found, sorted(h["label"] for h in items)
    return found[0]


def map_pdf(srv, place, token, **params):
    r = srv.get(f"/api/v1/care/places/{place}/map.pdf", token, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-") and r.content.rstrip().endswith(b"%%EOF")
    return r.content


def dwelling_names(srv, place, shown):
    """Room numbers the public map colours (shown) or leaves blank (not shown)."""
    m = srv.get(f"/api/v1/care/places/{place}/public-map", srv.token(CS)).json()
    ds = [d for b in m["buildings"] for f in b["floors"] for c in f["cells"] for d in c["dwellings"]]
    coloured = {d["name"] for d in ds if d["tier"]}
    return coloured if shown else {d["name"] for d in ds if not d["tier"]} - coloured


def texts_of(pdf):
    return [t for _, _, ts in pages(pdf) for t in ts]


# ---- tests -------------------------------------------------------------------

def test_sizes_a4_and_a3_one_page_per_building(srv):
    building = household(srv, "紫薇花园 1幢 102")["building_id"]
    for params, size in (({}, (595, 842)), ({"size": "a4"}, (595, 842)), ({"size": "a3"}, (842, 1191))):
        ps = pages(map_pdf(srv, building, srv.token(CS), **params))
        assert [(w, h) for w, h, _ in ps] == [size], params
        assert any("紫薇花园 1幢" in t for t in ps[0][2])
    compound = srv.get(f"/api/v1/places/{building}", srv.token(CS)).json()["parent_id"]
    m = srv.get(f"/api/v1/care/places/{compound}/map", srv.token(CS)).json()
    ps = pages(map_pdf(srv, compound, srv.token(CS), size="a3", public="1"))
    assert len(ps) == len(m["buildings"]) > 1
    assert all((w, h) == (842, 1191) for w, h, _ in ps)
    assert_field_error(srv.get(f"/api/v1/care/places/{building}/map.pdf", srv.token(CS),
                               params={"size": "letter"}), "size", "invalid")


def test_staff_map_names_every_dwelling(srv):
    building = household(srv, "紫薇花园 1幢 102")["building_id"]
    texts = texts_of(map_pdf(srv, building, srv.token(CS)))
    for room in ("101", "102", "201", "202", "301", "401"):
        assert room in texts
    assert "内部资料，请勿张贴" in " ".join(texts)
    # The CJK font travels inside the file (a TrueType program, /FontFile2).
    pdf = map_pdf(srv, building, srv.token(CS))
    fonts = [h for h, _ in objects(pdf).values() if re.search(rb"/Type\s*/FontDescriptor", h)]
    assert fonts and all(b"/FontFile2" in h for h in fonts)
    assert not images(map_pdf(srv, building, srv.token(CS)))  # no QR code on the staff map


def test_public_map_omits_the_households_without_consent(srv):
    building = household(srv, "紫薇花园 1幢 102")["building_id"]
    shown, hidden = dwelling_names(srv, building, True), dwelling_names(srv, building, False)
    assert {"102", "401"} <= shown and {"202", "301"} <= hidden
    texts = texts_of(map_pdf(srv, building, srv.token(CS), public="1"))
    for room in shown:
        assert room in texts
    for room in hidden:
        assert room not in texts, room
    joined = " ".join(texts)
    for name in ("陈桂英", "缪蓉", "吕文娟", "独居", "独自带两个孩子"):  # heads, reasons
        assert name not in joined

    # Consent given prints the room; withdrawn, it is gone again.
    h202 = household(srv, "紫薇花园 1幢 202")["id"]
    r = srv.post(f"/api/v1/care/households/{h202}/consent", srv.token(CS),
                 json={"given_by": "测试户主", "method": "verbal"})
    assert r.status_code == 200, r.text
    assert "202" in texts_of(map_pdf(srv, building, srv.token(CS), public="1", size="a3"))
    r = srv.post(f"/api/v1/care/households/{h202}/consent/withdraw", srv.token(CS), json={})
    assert r.status_code == 200, r.text
    assert "202" not in texts_of(map_pdf(srv, building, srv.token(CS), public="1"))


def test_public_map_carries_the_report_pages_qr_code(srv):
    building = household(srv, "紫薇花园 1幢 102")["building_id"]
    pdf = map_pdf(srv, building, srv.token(CS), public="1")
    url = f"{srv.base}/report?place_id={building}"
    assert url in texts_of(pdf)
    (w, h, pixels), = images(pdf)
    assert w == h and len(pixels) == w * h and (w - 8 - 21) % 4 == 0  # a QR version's size
    # Three finder patterns inside the 4-module quiet zone; the fourth corner has none.
    q, n = 4, w - 8
    assert finder_at(pixels, w, q, q) and finder_at(pixels, w, q, q + n - 7)
    assert finder_at(pixels, w, q + n - 7, q) and not finder_at(pixels, w, q + n - 7, q + n - 7)
    # The quiet zone is white.
    assert all(pixels[i] == 255 for i in range(w * q))


def test_scope_another_grids_worker_gets_404(srv):
    building = household(srv, "紫薇花园 1幢 102")["building_id"]
    other = household(srv, "紫薇花园 3幢 101")  # 第二网格
    login = "gw-" + uuid.uuid4().hex[:8]
    _, password = srv.create_user(login, role="grid_worker", scope_id=other["grid_id"])
    theirs = srv.login(login, password)
    for params in ({}, {"public": "1"}, {"size": "a3", "public": "1"}):
        assert srv.get(f"/api/v1/care/places/{building}/map.pdf", theirs,
                       params=params).status_code == 404
    assert srv.get(f"/api/v1/care/places/{other['building_id']}/map.pdf", srv.token(GW)).status_code == 404
    # Each worker prints their own grid's buildings.
    map_pdf(srv, other["building_id"], theirs, public="1")
    map_pdf(srv, building, srv.token(GW))
    # A dwelling has no map.
    assert srv.get(f"/api/v1/care/places/{household(srv, '紫薇花园 1幢 102')['id']}/map.pdf",
                   srv.token(CS)).status_code == 404
