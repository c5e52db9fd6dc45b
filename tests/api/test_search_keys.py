"""The search keys a community-wide or sub-district-wide search reads
(src/registry/schema/018_search.sql): the pieces of names and the tags,
once per community a resident has lived in, and the tags once per grid
(022_tag_grid_keys.sql), kept by the database itself.
Every writer must leave them right: creating, renaming, moving, tagging,
untagging, importing. After each step the searches find exactly what they
should, and the tables hold exactly what their views derive from the rows.
"""
import sqlite3
import subprocess

import pytest

from conftest import Server, _finish
import helpers
from helpers import new_id_number

HEADER = ["小区", "楼栋", "单元", "房号", "楼层", "面积", "网格", "姓名", "性别", "出生日期",
          "身份证号", "手机", "关系", "入住日期", "标签"]


@pytest.fixture(scope="module")
def srv():
    s = Server(test_clock=False)
    yield s
    _finish(s)


def sql_rows(srv, sql):
    """Rows of a query on the server's database, as tuples of text."""
    if srv.db.startswith("postgresql://"):
        out = subprocess.run(["psql", srv.db, "-v", "ON_ERROR_STOP=1", "-qAtF", "\t", "-c", sql],
                             check=True, capture_output=True, text=True, timeout=60).stdout
        return sorted(tuple(line.split("\t")) for line in out.splitlines() if line)
    with sqlite3.connect(srv.db) as db:
        return sorted(tuple(str(v) for v in row) for row in db.execute(sql))


def ids(srv, token, **params):
    return {i["id"] for i in helpers.all_pages(srv, token, "/api/v1/residents", **params)}


@pytest.fixture(scope="module")
def places(srv):
    """The demo's community and a second one of the same sub-district
    (北苑社区, one building of 2 × 2 dwellings), with a staff account each."""
    officer = srv.token("demo-subdistrict-officer")
    district = next(p for p in srv.get("/api/v1/places", srv.admin()).json()["items"]
                    if p["name"] == "新都街道")["id"]

    def made(path, body):
        r = srv.post(path, officer, json=body)
        assert r.status_code == 201, r.text
        return r.json()["id"]

    community = made("/api/v1/places", {"kind": "community", "name": "北苑社区",
                                        "parent_id": district})
    grid = made("/api/v1/places", {"kind": "grid", "name": "北苑第一网格", "parent_id": community})
    compound = made("/api/v1/places", {"kind": "compound", "name": "北苑小区",
                                       "parent_id": community})
    made(f"/api/v1/places/{compound}/buildings",
         {"name": "1幢", "grid_id": grid, "entrances": 1, "floors": 2, "per_floor": 2})
    dwellings = [int(row[0]) for row in sql_rows(
        srv, f"SELECT id FROM places WHERE community_id = {community} AND kind = 'dwelling'")]
    assert len(dwellings) == 4
    user, password = srv.create_user(role="community_staff", scope_id=community)
    staff = srv.token("demo-community-staff")
    home = next(i for i in helpers.all_pages(srv, staff, "/api/v1/residents", q="杨秀兰"))
    return {"officer": officer, "staff": staff, "home": home["dwellings"][0]["id"],
            "beiyuan": community, "beiyuan_grid": grid, "beiyuan_dwellings": dwellings,
            "beiyuan_staff": srv.login(user["login"], password)}


def create(srv, token, dwelling, name):
    r = srv.post("/api/v1/residents", token,
                 json={"name": name, "id_number": new_id_number(), "dwelling_id": dwelling,
                       "relation": "family"})
    assert r.status_code == 201, r.text
    return r.json()


def test_created_resident_is_found_by_any_piece_of_the_name(srv, places):
    p = places
    made = create(srv, p["staff"], p["home"], "欧阳建国")
    for q in ("建国", "阳建", "国", "欧", "欧阳建国", "阳建国"):
        for token in (p["staff"], p["officer"]):
            assert made["id"] in ids(srv, token, q=q), q
    assert made["id"] not in ids(srv, p["staff"], q="建华")
    assert made["id"] not in ids(srv, p["beiyuan_staff"], q="建国")
    helpers.assert_search_keys_derived(srv.db)


def test_repeated_characters_and_latin_letters(srv, places):
    p = places
    lili = create(srv, p["staff"], p["home"], "李丽丽")
    anna = create(srv, p["staff"], p["home"], "Anna Lee")
    assert lili["id"] in ids(srv, p["staff"], q="丽丽")
    assert lili["id"] in ids(srv, p["staff"], q="丽")
    for q in ("lee", "LEE", "a L", "ANNA"):
        assert anna["id"] in ids(srv, p["staff"], q=q), q
    # A search that matches a first piece but not the rest finds no one.
    assert anna["id"] not in ids(srv, p["staff"], q="Annb")
    helpers.assert_search_keys_derived(srv.db)


def test_rename_replaces_the_pieces(srv, places):
    p = places
    made = create(srv, p["staff"], p["home"], "司马建军")
    r = srv.patch(f"/api/v1/residents/{made['id']}", p["staff"], json={"name": "司马振华"})
    assert r.status_code == 200, r.text
    assert made["id"] not in ids(srv, p["staff"], q="建军")
    assert made["id"] not in ids(srv, p["officer"], q="建")
    assert made["id"] in ids(srv, p["staff"], q="振华")
    assert made["id"] in ids(srv, p["officer"], q="马振")
    helpers.assert_search_keys_derived(srv.db)


def test_tag_and_untag(srv, places):
    p = places
    made = create(srv, p["staff"], p["home"], "诸葛晓雯")
    path = f"/api/v1/residents/{made['id']}/tags"
    r = srv.request("PUT", path, p["staff"], json={"tags": ["living_alone", "empty_nest"]})
    assert r.status_code == 200, r.text
    for token in (p["staff"], p["officer"]):
        assert made["id"] in ids(srv, token, tag="empty_nest")
        assert made["id"] in ids(srv, token, tag="living_alone", q="晓雯")
    assert made["id"] not in ids(srv, p["beiyuan_staff"], tag="empty_nest")
    helpers.assert_search_keys_derived(srv.db)
    r = srv.request("PUT", path, p["staff"], json={"tags": ["living_alone"]})
    assert r.status_code == 200, r.text
    for token in (p["staff"], p["officer"]):
        assert made["id"] not in ids(srv, token, tag="empty_nest")
        assert made["id"] in ids(srv, token, tag="living_alone")
    helpers.assert_search_keys_derived(srv.db)


def test_move_to_another_community(srv, places):
    p = places
    made = create(srv, p["staff"], p["home"], "上官秋菊")
    r = srv.request("PUT", f"/api/v1/residents/{made['id']}/tags", p["staff"],
                    json={"tags": ["empty_nest"]})
    assert r.status_code == 200, r.text
    occ = made["occupancies"][0]["id"]
    r = srv.post(f"/api/v1/occupancies/{occ}/move-out", p["staff"],
                 json={"moved_out": "2024-06-30"})
    assert r.status_code == 200, r.text
    # Gone from the old community's current lists; its history keeps them.
    assert made["id"] not in ids(srv, p["staff"], q="秋菊")
    assert made["id"] not in ids(srv, p["staff"], tag="empty_nest")
    assert made["id"] in ids(srv, p["staff"], q="秋菊", include_moved_out=1)
    assert made["id"] in ids(srv, p["staff"], tag="empty_nest", include_moved_out=1)
    r = srv.post(f"/api/v1/residents/{made['id']}/occupancies", p["officer"],
                 json={"dwelling_id": p["beiyuan_dwellings"][0], "relation": "owner",
                       "moved_in": "2024-07-01"})
    assert r.status_code == 201, r.text
    for token in (p["beiyuan_staff"], p["officer"]):
        assert made["id"] in ids(srv, token, q="秋菊")
        assert made["id"] in ids(srv, token, q="秋")
        assert made["id"] in ids(srv, token, tag="empty_nest")
    # Found once over the sub-district, though its keys are in both communities.
    found = helpers.all_pages(srv, p["officer"], "/api/v1/residents", q="秋菊",
                              include_moved_out=1)
    assert [i["id"] for i in found].count(made["id"]) == 1
    assert made["id"] not in ids(srv, p["staff"], q="秋菊")
    helpers.assert_search_keys_derived(srv.db)


def test_imported_people_are_found(srv, places):
    p = places
    row = ["北苑小区", "1幢", "1单元", "202", "2", "90", "北苑第一网格", "令狐冲霄", "男", "",
           new_id_number(True, "1940-03-03"), "", "业主", "2024/1/1", "独居"]
    r = srv.post("/api/v1/imports/residents", p["beiyuan_staff"],
                 params={"community_id": p["beiyuan"]}, data=helpers.csv_bytes([row], HEADER),
                 headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and r.json()["created"] == 1, r.text
    [person] = helpers.all_pages(srv, p["beiyuan_staff"], "/api/v1/residents", q="冲霄")
    for token in (p["beiyuan_staff"], p["officer"]):
        assert person["id"] in ids(srv, token, q="狐冲")
        assert person["id"] in ids(srv, token, tag="living_alone")
    assert person["id"] not in ids(srv, p["staff"], q="冲霄")
    helpers.assert_search_keys_derived(srv.db)


def test_a_narrower_scope_still_limits_a_community_search(srv, places):
    """A grid worker's search is driven by the grid's places, and a filter by
    grid narrows a community's search the same way."""
    p = places
    made = create(srv, p["staff"], p["home"], "东方明珠")
    grid_worker = srv.token("demo-grid-worker")
    assert made["id"] in ids(srv, grid_worker, q="明珠")
    assert made["id"] in ids(srv, p["staff"], q="明珠", grid_id=made_grid(srv, p, made))
    assert made["id"] not in ids(srv, p["officer"], q="明珠", grid_id=p["beiyuan_grid"])


def made_grid(srv, p, made):
    dwelling = srv.get(f"/api/v1/places/{made['dwellings'][0]['id']}", p["staff"]).json()
    return dwelling["grid_id"]


def test_a_tag_in_a_grid_follows_homes_tags_and_buildings(srv, places):
    """A tag over one grid is read from the grid's own keys. They follow a
    resident into and out of the grid, a tag put on and taken off, and a
    building moved to another grid."""
    p = places
    staff = p["beiyuan_staff"]
    r = srv.post("/api/v1/places", p["officer"],
                 json={"kind": "grid", "name": "北苑第二网格", "parent_id": p["beiyuan"]})
    assert r.status_code == 201, r.text
    grid1, grid2 = p["beiyuan_grid"], r.json()["id"]
    [(compound,)] = sql_rows(srv, f"SELECT id FROM places WHERE community_id = {p['beiyuan']}"
                                  " AND kind = 'compound'")
    r = srv.post(f"/api/v1/places/{compound}/buildings", staff,
                 json={"name": "2幢", "grid_id": grid1, "entrances": 1, "floors": 1,
                       "per_floor": 1})
    assert r.status_code == 201, r.text
    building = r.json()["id"]
    [(dwelling,)] = sql_rows(srv, f"SELECT id FROM places WHERE building_id = {building}"
                                  " AND kind = 'dwelling'")
    workers = {}
    for grid in (grid1, grid2):
        user, password = srv.create_user(role="grid_worker", scope_id=grid)
        workers[grid] = srv.login(user["login"], password)

    def in_grids(person, **params):
        found = {g for g in (grid1, grid2)
                 if person in ids(srv, workers[g], tag="empty_nest", **params)}
        by_staff = {g for g in (grid1, grid2)
                    if person in ids(srv, staff, tag="empty_nest", grid_id=g, **params)}
        assert found == by_staff
        helpers.assert_search_keys_derived(srv.db)
        return found

    made = create(srv, staff, int(dwelling), "慕容雪晴")["id"]
    tags = f"/api/v1/residents/{made}/tags"
    assert in_grids(made) == set()
    assert srv.request("PUT", tags, staff, json={"tags": ["empty_nest"]}).status_code == 200
    assert in_grids(made) == {grid1}

    r = srv.patch(f"/api/v1/places/{building}", staff, json={"grid_id": grid2})
    assert r.status_code == 200, r.text
    assert in_grids(made) == {grid2}

    assert srv.request("PUT", tags, staff, json={"tags": []}).status_code == 200
    assert in_grids(made) == set()
    assert srv.request("PUT", tags, staff, json={"tags": ["empty_nest"]}).status_code == 200
    assert in_grids(made) == {grid2}

    # A second home, in the first grid: found in both.
    r = srv.post(f"/api/v1/residents/{made}/occupancies", staff,
                 json={"dwelling_id": p["beiyuan_dwellings"][1], "relation": "owner",
                       "moved_in": "2024-07-01"})
    assert r.status_code == 201, r.text
    assert in_grids(made) == {grid1, grid2}

    # Moved out of the second grid: gone from its current list, kept in its history.
    [occ] = [o["id"] for o in srv.get(f"/api/v1/residents/{made}", staff).json()["occupancies"]
             if o["dwelling_id"] == int(dwelling)]
    r = srv.post(f"/api/v1/occupancies/{occ}/move-out", staff, json={"moved_out": "2024-08-01"})
    assert r.status_code == 200, r.text
    assert in_grids(made) == {grid1}
    assert in_grids(made, include_moved_out=1) == {grid1, grid2}

    # The building moved back: its former resident's key moves with it.
    r = srv.patch(f"/api/v1/places/{building}", staff, json={"grid_id": grid1})
    assert r.status_code == 200, r.text
    assert in_grids(made, include_moved_out=1) == {grid1}

    # The grid's list reads those keys: without them it finds no one.
    helpers.db_value(srv.db, "DELETE FROM resident_tag_grids")
    try:
        assert made not in ids(srv, workers[grid1], tag="empty_nest", include_moved_out=1)
        assert made in ids(srv, staff, tag="empty_nest", include_moved_out=1)
    finally:
        helpers.db_value(srv.db, "INSERT INTO resident_tag_grids"
                                 " SELECT DISTINCT * FROM resident_tag_grid_source")
    assert made in ids(srv, workers[grid1], tag="empty_nest", include_moved_out=1)
    helpers.assert_search_keys_derived(srv.db)
