"""A large import beside everyone else's work (docs/import-format.md, "All or
nothing"): its rows are checked before anything is written and written in
short steps, so other users' writes and sign-ins go on while it runs; a
file with one bad row far down writes nothing; a server killed half-way
through the writing is undone when it starts again.

How long others wait behind an import is measured by bench/import_wait.py,
not here."""
import datetime
import os
import re
import subprocess
import threading
import time

import pytest
import requests

import helpers
from conftest import BIN, Server, _finish
from jobs_helpers import Peer

HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积", "网格", "姓名", "性别", "出生日期",
          "身份证号", "手机", "关系", "入住日期", "标签"]


def id_number(i):
    """The i-th of many valid ID numbers: 400 a day from 1950 on."""
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=i // 400)
    body = "330106" + born.strftime("%Y%m%d") + f"{100 + i % 400:03d}"
    return body + helpers._ID_CHECK[sum(int(d) * w for d, w in zip(body, helpers._ID_WEIGHTS)) % 11]


def big_file(compound, rows, bad_line=None):
    """rows residents, four to a floor, in a new compound; bad_line (a line
    of the file, the header being 1) with a broken ID number."""
    table = []
    for i in range(rows):
        building, rest = divmod(i, 80)
        floor, n = divmod(rest, 4)
        number = id_number(i)
        if bad_line == i + 2:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")
        table.append([compound, f"{building + 1}幢", "1单元", f"{floor + 1}{n + 1:02d}", "",
                      "80", "第一网格", f"导入{i}", "", "", number, "", "业主", "", ""])
    return helpers.csv_bytes(table, HEADER)


def post_import(base, token, community, body):
    return requests.post(f"{base}/api/v1/imports/residents?community_id={community}", data=body,
                         headers={"Authorization": "Bearer " + token,
                                  "Content-Type": "text/csv"}, timeout=600)


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=True)
    yield s
    _finish(s)


@pytest.fixture(scope="module")
def community(srv):
    places = srv.get("/api/v1/places", srv.admin()).json()["items"]
    queue = list(places)
    while queue:
        p = queue.pop(0)
        if p["kind"] == "community" and p["name"] == "聚龙湖社区":
            return p["id"]
        if p["kind"] == "subdistrict":
            queue += srv.get(f"/api/v1/places?parent_id={p['id']}", srv.admin()).json()["items"]
    raise AssertionError("no demo community")


def compound_exists(srv, community, name):
    items = srv.get(f"/api/v1/places?parent_id={community}", srv.admin()).json()["items"]
    return any(p["name"] == name for p in items)


def a_dwelling(srv):
    token = srv.token("demo-community-staff")
    home = srv.get("/api/v1/residents", token, params={"q": "杨秀兰"}).json()["items"][0]
    return home["dwellings"][0]["id"]


query = helpers.db_value


def test_one_bad_row_far_down_writes_nothing(srv, community):
    staff = srv.token("demo-community-staff")
    body = big_file("深处一行", 3000, bad_line=2990)
    r = post_import(srv.base, staff, community, body)
    assert r.status_code == 422, r.text[:500]
    report = r.json()
    assert report["rejected_rows"] == 1 and report["committed"] is False
    assert [x["line"] for x in report["rejected"]] == [2990]
    assert not compound_exists(srv, community, "深处一行")
    assert query(srv.db, "SELECT count(*) FROM residents WHERE name LIKE '导入%'") == "0"
    assert query(srv.db, "SELECT count(*) FROM imports") == "0"


def test_others_write_and_sign_in_while_an_import_is_written(srv, community):
    staff = srv.token("demo-community-staff")
    dwelling = a_dwelling(srv)
    body = big_file("同时写", 12000)
    result = {}

    def run_import():
        result["response"] = post_import(srv.base, staff, community, body)
        result["done"] = time.monotonic()

    importer = threading.Thread(target=run_import)
    importer.start()
    during, statuses = 0, []
    while importer.is_alive():
        r = srv.post("/api/v1/residents", staff,
                     json={"name": f"旁人{len(statuses)}", "relation": "tenant",
                           "dwelling_id": dwelling})
        statuses.append(r.status_code)
        login = srv.login_response("demo-grid-worker")
        statuses.append(login.status_code)
        if importer.is_alive():
            during += 1
    importer.join()
    r = result["response"]
    assert r.status_code == 200, r.text[:500]
    assert r.json()["created"] == 12000 and r.json()["committed"] is True
    assert all(s in (200, 201) for s in statuses), statuses
    # Writes went on while the import was being written, not only after it.
    assert during >= 5, (during, statuses)
    assert query(srv.db, "SELECT state FROM imports ORDER BY id DESC LIMIT 1") == "done"
    assert query(srv.db, "SELECT count(*) FROM import_undo") == "0"


def test_a_long_import_leaves_its_io_thread_to_others(make_server, monkeypatch, community):
    """With one I/O thread, every connection is that thread's: an import
    handled on it would leave everyone unanswered until it ends."""
    monkeypatch.setenv("HONGWU_THREADS", "1")
    one = make_server(True)
    staff = one.token("demo-community-staff")
    body = big_file("一个线程", 12000)
    result = {}

    def run_import():
        result["response"] = post_import(one.base, staff, community, body)

    importer = threading.Thread(target=run_import)
    importer.start()
    answered_during = 0
    while importer.is_alive():
        # A new connection each time, on the only I/O thread there is.
        r = requests.get(one.url("/api/v1/auth/me"), timeout=60,
                         headers={"Authorization": "Bearer " + staff, "Connection": "close"})
        assert r.status_code == 200
        if importer.is_alive():
            answered_during += 1
    importer.join()
    assert result["response"].status_code == 200, result["response"].text[:500]
    assert result["response"].json()["created"] == 12000
    assert answered_during >= 5, answered_during


def serve_crashing_at(srv, point):
    env = dict(os.environ, HONGWU_TEST_CRASH_AT=point)
    proc = subprocess.Popen([BIN, "serve", "--port", "0", "--db", srv.db, "--web", str(srv.web),
                             "--test-clock"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True,
                            env=env)
    m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", proc.stdout.readline())
    assert m
    return proc, m.group(1)


def test_a_crash_half_way_is_undone_at_the_next_start(make_server, community):
    first = make_server(True)
    staff = first.token("demo-community-staff")
    residents_before = query(first.db, "SELECT count(*) FROM residents")
    places_before = query(first.db, "SELECT count(*) FROM places")
    first.proc.terminate()
    assert first.proc.wait(15) == 0
    proc, base = serve_crashing_at(first, "import-step")
    try:
        with pytest.raises(requests.exceptions.ConnectionError):
            post_import(base, staff, community, big_file("断电小区", 2000))
        assert proc.wait(10) == 86
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # The first step was committed: the import's places (or, on PostgreSQL, where
    # places and residents are written side by side, its first residents) are
    # there, half-applied.
    assert query(first.db, "SELECT state FROM imports") == "applying"
    assert (int(query(first.db, "SELECT count(*) FROM places")) > int(places_before) or
            int(query(first.db, "SELECT count(*) FROM residents")) > int(residents_before))
    peer = Peer(first)
    try:
        assert query(first.db, "SELECT state FROM imports") == "undone"
        assert query(first.db, "SELECT count(*) FROM import_undo") == "0"
        assert query(first.db, "SELECT count(*) FROM places") == places_before
        assert query(first.db, "SELECT count(*) FROM residents") == residents_before
        assert not compound_exists(peer, community, "断电小区")
        # And the same file goes in whole afterwards.
        r = post_import(peer.base, peer.token("demo-community-staff"), community,
                        big_file("断电小区", 2000))
        assert r.status_code == 200 and r.json()["created"] == 2000, r.text[:500]
    finally:
        peer.stop()
