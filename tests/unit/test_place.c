/* Places: codes, the kind tree, buildings from a pattern, labels and moving
 * a building between grids, on a temporary SQLite database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "place/place.h"
#include "store/db.h"
#include "store/migrate.h"
#include "unit_db.h"

static void grid_codes(void **state)
{
    (void)state;
    /* CJ/T 349: 20 digits, opening with a division code (first digit 1-8). */
    assert_true(grid_code_valid("32097100100101000001"));
    assert_true(grid_code_valid("11010100100100000001"));
    assert_false(grid_code_valid("02097100100101000001"));
    assert_false(grid_code_valid("92097100100101000001"));
    assert_false(grid_code_valid("320971001001010000011")); /* 21 digits */
    assert_true(grid_code_valid("3209710010010100000"));    /* 19: a local code */
    assert_true(grid_code_valid("32097100100101"));         /* the demo's local codes */
    assert_true(grid_code_valid("WG-01"));
    assert_true(grid_code_valid("A"));
    assert_true(grid_code_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"));   /* 32 */
    assert_false(grid_code_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")); /* 33 */
    assert_false(grid_code_valid(""));
    assert_false(grid_code_valid("WG 01"));
    assert_false(grid_code_valid("网格01"));
    assert_false(grid_code_valid("WG\t01"));
    assert_false(grid_code_valid(NULL));
}

static void codes_by_kind(void **state)
{
    (void)state;
    /* Only grid codes carry the 20-digit rule. */
    assert_true(place_code_valid("community", "320971001001123456789"));
    assert_false(place_code_valid("grid", "320971001001123456789"));
    assert_false(place_code_valid("micro_grid", "320971001001123456789"));
    assert_true(place_code_valid("micro_grid", "3209710010010101"));
    assert_false(place_code_valid("building", "3 幢"));
    assert_false(place_code_valid("building", NULL));
}

static void names(void **state)
{
    (void)state;
    char name[PLACE_NAME_MAX_BYTES + 2];
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    assert_false(place_name_valid(name)); /* 65 bytes */
    name[PLACE_NAME_MAX_BYTES] = '\0';
    assert_true(place_name_valid(name)); /* 64 */
    assert_false(place_name_valid(""));
    assert_false(place_name_valid(NULL));
    assert_true(place_name_valid("紫薇花园"));
}

/* ---- on a database --------------------------------------------------------- */

static char path[64];

struct fixture {
    struct db *db;
    int64_t district, community, grid1, grid2, micro1, compound;
};

static int64_t make(struct db *db, struct place_new p)
{
    int64_t id = 0;
    const char *bad = NULL;
    int rc = place_create(db, &p, &id, &bad);
    if (rc != HW_OK)
        fail_msg("create %s %s: %s (%s)", p.kind, p.name, hw_strerror(rc), bad ? bad : "-");
    return id;
}

static int open_db(void **state)
{
    unit_db_path(path, sizeof path, "place");
    static struct fixture f;
    int applied;
    if (db_open(path, &f.db) != HW_OK || migrate_run(f.db, &applied) != HW_OK)
        return -1;
    f.district = make(f.db, (struct place_new){.kind = "subdistrict", .name = "新都街道"});
    f.community = make(
        f.db,
        (struct place_new){.kind = "community", .name = "聚龙湖社区", .parent_id = f.district});
    f.grid1 = make(
        f.db, (struct place_new){.kind = "grid", .name = "第一网格", .parent_id = f.community});
    f.grid2 = make(
        f.db, (struct place_new){.kind = "grid", .name = "第二网格", .parent_id = f.community});
    f.micro1 = make(
        f.db, (struct place_new){.kind = "micro_grid", .name = "第一微网格", .parent_id = f.grid1});
    f.compound = make(
        f.db, (struct place_new){.kind = "compound", .name = "紫薇花园", .parent_id = f.community});
    *state = &f;
    return 0;
}

static int close_db(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    unit_db_remove(path);
    return 0;
}

static int create_bad(struct db *db, struct place_new p, const char **bad)
{
    int64_t id;
    return place_create(db, &p, &id, bad);
}

static void kind_tree(void **state)
{
    struct fixture *f = *state;
    const char *bad;
    /* A building stands in a compound, not a community. */
    assert_int_equal(create_bad(f->db,
                                (struct place_new){.kind = "building",
                                                   .name = "9幢",
                                                   .parent_id = f->community,
                                                   .grid_id = f->grid1},
                                &bad),
                     HW_EINVAL);
    assert_string_equal(bad, "parent_id");
    /* ...and needs its grid. */
    assert_int_equal(
        create_bad(f->db,
                   (struct place_new){.kind = "building", .name = "9幢", .parent_id = f->compound},
                   &bad),
        HW_EINVAL);
    assert_string_equal(bad, "grid_id");
    /* A micro-grid of another grid does not fit. */
    int64_t micro2 =
        make(f->db,
             (struct place_new){.kind = "micro_grid", .name = "第二微网格", .parent_id = f->grid2});
    assert_int_equal(create_bad(f->db,
                                (struct place_new){.kind = "building",
                                                   .name = "9幢",
                                                   .parent_id = f->compound,
                                                   .grid_id = f->grid1,
                                                   .micro_grid_id = micro2},
                                &bad),
                     HW_EINVAL);
    assert_string_equal(bad, "micro_grid_id");
    assert_int_equal(
        create_bad(f->db,
                   (struct place_new){.kind = "tower", .name = "x", .parent_id = f->compound},
                   &bad),
        HW_EINVAL);
    assert_string_equal(bad, "kind");
    assert_int_equal(create_bad(f->db,
                                (struct place_new){.kind = "grid",
                                                   .name = "第九网格",
                                                   .parent_id = f->community,
                                                   .code = "320971001001010000011"},
                                &bad),
                     HW_EINVAL);
    assert_string_equal(bad, "code");
    assert_int_equal(create_bad(f->db,
                                (struct place_new){
                                    .kind = "grid", .name = "第一网格", .parent_id = f->community},
                                &bad),
                     HW_ECONFLICT);
    assert_string_equal(bad, "name");
}

static int64_t count(struct db *db, const char *sql, int64_t arg)
{
    int64_t n = -1;
    assert_int_equal(db_scalar_int(db, &n, sql, "i", arg), HW_OK);
    return n;
}

static int64_t dwelling_named(struct db *db, int64_t building, const char *entrance,
                              const char *room)
{
    int64_t id = 0;
    assert_int_equal(db_scalar_int(db, &id,
                                   "SELECT d.id FROM places d JOIN places e ON e.id = d.entrance_id"
                                   " WHERE d.building_id = $1 AND e.name = $2 AND d.name = $3",
                                   "iss", building, entrance, room),
                     HW_OK);
    return id;
}

static void building_pattern(void **state)
{
    struct fixture *f = *state;
    struct place_new b = {.kind = "building",
                          .name = "3幢",
                          .parent_id = f->compound,
                          .grid_id = f->grid1,
                          .micro_grid_id = f->micro1,
                          .area_cm2 = -1};
    struct building_pattern pattern = {
        .entrances = 2, .floors = 18, .per_floor = 2, .area_cm2 = 895700};
    int64_t id = 0;
    const char *bad = NULL;
    assert_int_equal(place_create_building(f->db, &b, &pattern, &id, &bad), HW_OK);
    assert_int_equal(count(f->db,
                           "SELECT count(*) FROM places WHERE building_id = $1"
                           " AND kind = 'dwelling'",
                           id),
                     72);
    assert_int_equal(count(f->db,
                           "SELECT count(*) FROM places WHERE building_id = $1"
                           " AND kind = 'entrance'",
                           id),
                     2);
    /* Every dwelling copies the building's grid and micro-grid. */
    assert_int_equal(count(f->db,
                           "SELECT count(*) FROM places WHERE building_id = $1"
                           " AND kind = 'dwelling' AND grid_id = (SELECT grid_id FROM"
                           " places WHERE id = $1) AND micro_grid_id IS NOT NULL"
                           " AND area_cm2 = 895700 AND compound_id IS NOT NULL"
                           " AND community_id IS NOT NULL AND district_id IS NOT NULL",
                           id),
                     72);
    int64_t d1801 = dwelling_named(f->db, id, "2单元", "1801");
    assert_int_equal(count(f->db, "SELECT floor FROM places WHERE id = $1", d1801), 18);
    char label[PLACE_LABEL_MAX];
    assert_int_equal(place_label(f->db, d1801, label, sizeof label), HW_OK);
    assert_string_equal(label, "紫薇花园 3幢 2单元 1801");
    assert_int_equal(place_label(f->db, id, label, sizeof label), HW_OK);
    assert_string_equal(label, "紫薇花园 3幢");
    assert_int_equal(place_label(f->db, f->grid1, label, sizeof label), HW_OK);
    assert_string_equal(label, "第一网格");
    char small[8];
    assert_int_equal(place_label(f->db, d1801, small, sizeof small), HW_ELIMIT);
    assert_int_equal(place_label(f->db, 999999, label, sizeof label), HW_ENOTFOUND);

    /* Patterns are bounded: 20 x 99 x 20 is over 2000 dwellings. */
    struct building_pattern huge = {.entrances = 20, .floors = 99, .per_floor = 20};
    b.name = "4幢";
    assert_int_equal(place_create_building(f->db, &b, &huge, &id, &bad), HW_EINVAL);
    assert_string_equal(bad, "floors");
    struct building_pattern none = {.entrances = 0, .floors = 1, .per_floor = 1};
    assert_int_equal(place_create_building(f->db, &b, &none, &id, &bad), HW_EINVAL);
    assert_string_equal(bad, "entrances");
    struct building_pattern wide = {.entrances = 1, .floors = 1, .per_floor = 21};
    assert_int_equal(place_create_building(f->db, &b, &wide, &id, &bad), HW_EINVAL);
    assert_string_equal(bad, "per_floor");
}

static void move_keeps_history(void **state)
{
    struct fixture *f = *state;
    struct place_new b = {.kind = "building",
                          .name = "5幢",
                          .parent_id = f->compound,
                          .grid_id = f->grid1,
                          .micro_grid_id = f->micro1,
                          .area_cm2 = -1};
    struct building_pattern pattern = {.entrances = 1, .floors = 2, .per_floor = 1, .area_cm2 = -1};
    int64_t id = 0;
    const char *bad = NULL;
    assert_int_equal(place_create_building(f->db, &b, &pattern, &id, &bad), HW_OK);
    /* A micro-grid of the old grid cannot follow the building. */
    assert_int_equal(place_move_building(f->db, id, f->grid2, f->micro1, 0, &bad), HW_EINVAL);
    assert_string_equal(bad, "micro_grid_id");
    assert_int_equal(place_move_building(f->db, id, f->grid2, 0, 7, &bad), HW_OK);
    assert_int_equal(count(f->db,
                           "SELECT count(*) FROM places WHERE building_id = $1"
                           " AND grid_id = (SELECT id FROM places WHERE name = '第二网格')"
                           " AND micro_grid_id IS NULL",
                           id),
                     4); /* building, entrance, two dwellings */
    assert_int_equal(count(f->db,
                           "SELECT count(*) FROM building_grid_history"
                           " WHERE building_id = $1",
                           id),
                     2);
    assert_int_equal(count(f->db,
                           "SELECT count(*) FROM building_grid_history"
                           " WHERE building_id = $1 AND ended_at IS NULL AND changed_by = 7",
                           id),
                     1);
    /* A move to where it already is changes nothing. */
    assert_int_equal(place_move_building(f->db, id, f->grid2, 0, 7, &bad), HW_OK);
    assert_int_equal(count(f->db,
                           "SELECT count(*) FROM building_grid_history"
                           " WHERE building_id = $1",
                           id),
                     2);
    /* Only buildings move. */
    assert_int_equal(place_move_building(f->db, f->compound, f->grid2, 0, 7, &bad), HW_ENOTFOUND);
}

static void update_fields(void **state)
{
    struct fixture *f = *state;
    struct place_new b = {.kind = "building",
                          .name = "6幢",
                          .parent_id = f->compound,
                          .grid_id = f->grid1,
                          .area_cm2 = -1};
    struct building_pattern pattern = {.entrances = 1, .floors = 1, .per_floor = 1, .area_cm2 = -1};
    int64_t id = 0;
    const char *bad = NULL;
    assert_int_equal(place_create_building(f->db, &b, &pattern, &id, &bad), HW_OK);
    int64_t d = dwelling_named(f->db, id, "1单元", "101");
    struct place_patch area = {.area_set = true, .area_cm2 = 895700};
    assert_int_equal(place_update(f->db, d, &area, &bad), HW_OK);
    assert_int_equal(count(f->db, "SELECT area_cm2 FROM places WHERE id = $1", d), 895700);
    /* Areas belong to dwellings; grid types to grids. */
    assert_int_equal(place_update(f->db, id, &area, &bad), HW_EINVAL);
    assert_string_equal(bad, "area_m2");
    struct place_patch type = {.grid_type = "dedicated"};
    assert_int_equal(place_update(f->db, id, &type, &bad), HW_EINVAL);
    assert_string_equal(bad, "grid_type");
    assert_int_equal(place_update(f->db, f->grid1, &type, &bad), HW_OK);
    struct place_patch rename = {.name = "5幢"};
    assert_int_equal(place_update(f->db, id, &rename, &bad), HW_ECONFLICT);
    assert_string_equal(bad, "name");
    struct place_patch code = {.code = "20 digits?"};
    assert_int_equal(place_update(f->db, id, &code, &bad), HW_EINVAL);
    assert_string_equal(bad, "code");
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(grid_codes),
        cmocka_unit_test(codes_by_kind),
        cmocka_unit_test(names),
    };
    const struct CMUnitTest with_db[] = {
        cmocka_unit_test(kind_tree),
        cmocka_unit_test(building_pattern),
        cmocka_unit_test(move_keeps_history),
        cmocka_unit_test(update_fields),
    };
    int failed = cmocka_run_group_tests(pure, NULL, NULL);
    return failed + cmocka_run_group_tests(with_db, open_db, close_db);
}
