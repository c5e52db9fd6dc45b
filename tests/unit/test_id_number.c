/* Identifying residents: GB 11643 ID numbers (check digit, embedded birth
 * date, a lower-case x), masks, the resident's field rules, how a search
 * term and an uploaded list line are read, and the upsert keyed on
 * (sub-district, ID number) on a temporary SQLite database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/validate.h"
#include "place/place.h"
#include "registry/match.h"
#include "registry/resident.h"
#include "registry/resident_search.h"
#include "store/db.h"
#include "store/migrate.h"
#include "unit_db.h"

static void check_digits(void **state)
{
    (void)state;
    /* GB 11643-1999: sum of digit x weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) mod 11
     * picks the check character from 1 0 X 9 8 7 6 5 4 3 2. */
    assert_true(validate_id_number("320902198604120103"));
    assert_true(validate_id_number("11010519491231002X")); /* the standard's own example */
    assert_true(validate_id_number("32090219480520046X")); /* sum mod 11 = 2: X */
    assert_false(validate_id_number("320902194805200460"));
    assert_false(validate_id_number("320902198604120104")); /* check digit off by one */
    assert_false(validate_id_number("320902198604120113")); /* one body digit changed */
    assert_false(validate_id_number("32090219860412010"));  /* 17 characters */
    assert_false(validate_id_number("3209021986041201031"));
    assert_false(validate_id_number("32090219860412010A"));
    assert_false(validate_id_number("3209021986041201X3"));
    assert_false(validate_id_number(""));
    assert_false(validate_id_number(NULL));
}

static void dates_inside_the_number(void **state)
{
    (void)state;
    assert_false(validate_id_number("320902198002300012")); /* Feb 30 */
    assert_false(validate_id_number("320902198002300039"));
    assert_false(validate_id_number("320902198013010011")); /* month 13 */
    assert_false(validate_id_number("320902198004310013")); /* Apr 31 */
    assert_true(validate_id_number("320902194002290166"));  /* Feb 29 of leap 1940 */
    assert_false(validate_id_number("320902190002290169")); /* 1900 was no leap year */
}

static void lower_case_x(void **state)
{
    (void)state;
    char out[19];
    assert_false(validate_id_number("32090219480520046x"));
    assert_true(normalize_id_number("32090219480520046x", out, sizeof out));
    assert_string_equal(out, "32090219480520046X");
    assert_true(validate_id_number(out));
    assert_true(normalize_id_number("320902198604120103", out, sizeof out));
    assert_string_equal(out, "320902198604120103");
    assert_false(normalize_id_number("3209021986", out, sizeof out));
    assert_false(normalize_id_number("32090219480520046x", out, 18)); /* no room for NUL */
}

static void masks(void **state)
{
    (void)state;
    char out[32];
    mask_id_number("320902198604121234", out, sizeof out);
    assert_string_equal(out, "320902********1234");
    mask_id_number("32090219480520046X", out, sizeof out);
    assert_string_equal(out, "320902********046X");
    mask_id_number("1234", out, sizeof out);
    assert_string_equal(out, "****");
    mask_id_number(NULL, out, sizeof out);
    assert_string_equal(out, "****");
    mask_phone("13805115678", out, sizeof out);
    assert_string_equal(out, "138****5678");
    mask_phone("0515-8888888", out, sizeof out);
    assert_string_equal(out, "****");
}

static struct resident person(void)
{
    return (struct resident){.district_id = 1,
                             .name = "杨秀兰",
                             .sex = "female",
                             .birth_date = "1948-05-20",
                             .id_number = "32090219480520046X",
                             .phone = "13305150051"};
}

static const char *bad_field_of(struct resident r)
{
    const char *bad = NULL;
    int rc = resident_validate(&r, &bad);
    assert_int_equal(rc, bad ? HW_EINVAL : HW_OK);
    return bad;
}

static void resident_fields(void **state)
{
    (void)state;
    struct resident r = person();
    assert_null(bad_field_of(r));
    r.id_number = "32090219480520046x"; /* accepted, normalised on write */
    assert_null(bad_field_of(r));
    r = person();
    r.birth_date = "1948-05-21";
    assert_string_equal(bad_field_of(r), "birth_date"); /* disagrees with the number */
    r.birth_date = "1948-02-30";
    assert_string_equal(bad_field_of(r), "birth_date");
    r.birth_date = NULL;
    assert_null(bad_field_of(r));
    r.birth_date = "2199-01-01"; /* a real date, but not yet */
    r.id_number = NULL;
    assert_string_equal(bad_field_of(r), "birth_date");
    r = person();
    r.id_number = "320902194805200460";
    assert_string_equal(bad_field_of(r), "id_number");
    r.id_number = "320902219901010015"; /* a valid number, but born in 2199 */
    r.birth_date = NULL;
    assert_string_equal(bad_field_of(r), "id_number");
    r = person();
    r.phone = "1330515005";
    assert_string_equal(bad_field_of(r), "phone");
    r = person();
    r.sex = "f";
    assert_string_equal(bad_field_of(r), "sex");
    r = person();
    r.district_id = 0;
    assert_string_equal(bad_field_of(r), "district_id");
}

static void name_lengths(void **state)
{
    (void)state;
    char name[4 * 66];
    struct resident r = person();
    name[0] = '\0';
    for (int i = 0; i < 64; i++)
        strcat(name, "名"); /* 3 bytes each: 64 characters, 192 bytes */
    r.name = name;
    assert_null(bad_field_of(r));
    strcat(name, "名");
    assert_string_equal(bad_field_of(r), "name"); /* 65 characters */
    r.name = "";
    assert_string_equal(bad_field_of(r), "name");
    r.name = " 前导空格";
    assert_string_equal(bad_field_of(r), "name");
    r.name = "换\n行";
    assert_string_equal(bad_field_of(r), "name");
    r.name = "\xE5\x90"; /* a cut UTF-8 sequence */
    assert_string_equal(bad_field_of(r), "name");
    r.name = "A";
    assert_null(bad_field_of(r));
}

static void derived_from_the_number(void **state)
{
    (void)state;
    char id[19], birth[11];
    struct resident r = {.district_id = 1, .name = "某", .id_number = "32090219480520046x"};
    resident_derive_from_id(&r, id, birth);
    assert_string_equal(r.id_number, "32090219480520046X");
    assert_string_equal(r.birth_date, "1948-05-20");
    assert_string_equal(r.sex, "female"); /* 17th digit 6: even */
    r = (struct resident){
        .district_id = 1, .name = "某", .id_number = "320902197208080037", .sex = "female"};
    resident_derive_from_id(&r, id, birth);
    assert_string_equal(r.birth_date, "1972-08-08");
    assert_string_equal(r.sex, "female"); /* given values are kept */
    r = (struct resident){.district_id = 1, .name = "某", .id_number = "320902197208080037"};
    resident_derive_from_id(&r, id, birth);
    assert_string_equal(r.sex, "male"); /* 17th digit 3: odd */
    r = (struct resident){.district_id = 1, .name = "某", .id_number = "bogus"};
    resident_derive_from_id(&r, id, birth);
    assert_null(r.birth_date);
    assert_null(r.sex);
}

static void search_terms(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(resident_query_parse("13305150051", out, sizeof out), QUERY_PHONE);
    assert_string_equal(out, "13305150051");
    assert_int_equal(resident_query_parse("32090219480520046x", out, sizeof out), QUERY_ID_NUMBER);
    assert_string_equal(out, "32090219480520046X");
    assert_int_equal(resident_query_parse("秀兰", out, sizeof out), QUERY_NAME);
    assert_string_equal(out, "%秀兰%");
    assert_int_equal(resident_query_parse("50%_\\", out, sizeof out), QUERY_NAME);
    assert_string_equal(out, "%50\\%\\_\\\\%");
    /* 18 digits with a wrong check digit are searched as text, finding no name. */
    assert_int_equal(resident_query_parse("320902194805200460", out, sizeof out), QUERY_NAME);
    assert_int_equal(resident_query_parse("", out, sizeof out), QUERY_NONE);
    assert_int_equal(resident_query_parse(NULL, out, sizeof out), QUERY_NONE);
}

static enum match_kind line(const char *text, char *value)
{
    return match_line(text, strlen(text), value, MATCH_INPUT_MAX + 1);
}

static void list_lines(void **state)
{
    (void)state;
    char v[MATCH_INPUT_MAX + 1];
    assert_int_equal(line("32090219480520046x\r", v), MATCH_ID_NUMBER);
    assert_string_equal(v, "32090219480520046X");
    assert_int_equal(line("\xEF\xBB\xBF"
                          "13305150051",
                          v),
                     MATCH_PHONE); /* a BOM */
    assert_string_equal(v, "13305150051");
    assert_int_equal(line(" \"13305150051\" ,杨秀兰,301", v), MATCH_PHONE);
    assert_int_equal(line("=\"320902198604120103\"", v), MATCH_ID_NUMBER);
    assert_int_equal(line("'320902198604120103", v), MATCH_ID_NUMBER);
    assert_int_equal(line("13305150051\t杨秀兰", v), MATCH_PHONE);
    assert_int_equal(line("   \r", v), MATCH_BLANK);
    assert_int_equal(line("320902194805200460", v), MATCH_INVALID);
    assert_string_equal(v, "320902194805200460");
    assert_int_equal(line("abc\x01", v), MATCH_INVALID);
    assert_string_equal(v, "abc?");
    char longer[200];
    memset(longer, '9', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(line(longer, v), MATCH_INVALID);
    assert_int_equal(strlen(v), MATCH_INPUT_MAX);
    /* Cut on a character boundary: 22 three-byte characters make 66 bytes. */
    char han[80] = "";
    for (int i = 0; i < 22; i++)
        strcat(han, "号");
    assert_int_equal(line(han, v), MATCH_INVALID);
    assert_int_equal(strlen(v), 63);
    assert_true(match_is_header("身份证号", strlen("身份证号")));
    assert_true(match_is_header("id_number,name", 14));
    assert_false(match_is_header("13305150051", 11));
    assert_false(match_is_header("  ", 2));
}

/* --- storage, on a temporary SQLite database ----------------------------------------- */

static char path[64];

struct fixture {
    struct db *db;
    int64_t district, other_district, dwelling, other_dwelling, far_dwelling;
};

static int64_t make(struct db *db, const char *kind, const char *name, int64_t parent, int64_t grid)
{
    int64_t id = 0;
    const char *bad = NULL;
    struct place_new p = {
        .kind = kind, .name = name, .parent_id = parent, .grid_id = grid, .area_cm2 = -1};
    if (place_create(db, &p, &id, &bad) != HW_OK)
        fail_msg("create %s %s (%s)", kind, name, bad ? bad : "-");
    return id;
}

/* A sub-district down to one dwelling; returns the dwelling. */
static int64_t one_home(struct db *db, const char *district_name, int64_t *district)
{
    *district = make(db, "subdistrict", district_name, 0, 0);
    int64_t community = make(db, "community", "社区", *district, 0);
    int64_t grid = make(db, "grid", "网格", community, 0);
    int64_t compound = make(db, "compound", "小区", community, 0);
    int64_t building = make(db, "building", "1幢", compound, grid);
    int64_t entrance = make(db, "entrance", "1单元", building, 0);
    make(db, "dwelling", "102", entrance, 0);
    return make(db, "dwelling", "101", entrance, 0);
}

static int open_db(void **state)
{
    unit_db_path(path, sizeof path, "id");
    static struct fixture f;
    int applied;
    if (db_open(path, &f.db) != HW_OK || migrate_run(f.db, &applied) != HW_OK)
        return -1;
    f.dwelling = one_home(f.db, "新都街道", &f.district);
    f.far_dwelling = one_home(f.db, "盐渎街道", &f.other_district);
    db_scalar_int(f.db, &f.other_dwelling,
                  "SELECT id FROM places WHERE kind = 'dwelling' AND name = '102'"
                  " AND district_id = $1",
                  "i", f.district);
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

/* The match is the caller's (found within its reach): with one, the row's
 * given fields are laid over that resident; without, a new one. */
static void upsert_lays_a_row_over_its_match(void **state)
{
    struct fixture *f = *state;
    struct resident r = person();
    r.district_id = f->district;
    r.id_number = "32090219480520046x";
    r.birth_date = NULL;
    int64_t id = 0, again = 0, other = 0;
    enum upsert_outcome outcome;
    assert_int_equal(resident_upsert_matched(f->db, &r, 0, &id, &outcome), HW_OK);
    assert_int_equal(outcome, UPSERT_CREATED);
    assert_int_equal(resident_upsert_matched(f->db, &r, id, &again, &outcome), HW_OK);
    assert_int_equal(again, id);
    assert_int_equal(outcome, UPSERT_UNCHANGED);
    r.phone = NULL; /* absent: the stored phone stays */
    r.note = "轮椅";
    assert_int_equal(resident_upsert_matched(f->db, &r, id, &again, &outcome), HW_OK);
    assert_int_equal(outcome, UPSERT_UPDATED);
    struct arena *a = arena_create();
    struct resident stored;
    assert_int_equal(resident_load(f->db, a, id, &stored), HW_OK);
    assert_string_equal(stored.id_number, "32090219480520046X");
    assert_string_equal(stored.birth_date, "1948-05-20");
    assert_string_equal(stored.phone, "13305150051");
    assert_string_equal(stored.note, "轮椅");
    arena_destroy(a);
    /* A match of another sub-district is never written. */
    r.district_id = f->other_district;
    assert_int_equal(resident_upsert_matched(f->db, &r, id, &other, &outcome), HW_ENOTFOUND);
    assert_int_equal(resident_upsert_matched(f->db, &r, 0, &other, &outcome), HW_OK);
    assert_int_not_equal(other, id);
    /* The same number may be registered twice: reach decides who matches. */
    r.district_id = f->district;
    assert_int_equal(resident_upsert_matched(f->db, &r, 0, &other, &outcome), HW_OK);
    assert_int_equal(outcome, UPSERT_CREATED);
    assert_int_not_equal(other, id);
    r = person();
    r.district_id = f->district;
    r.birth_date = "1948-05-21";
    assert_int_equal(resident_upsert_matched(f->db, &r, 0, &again, &outcome), HW_EINVAL);
}

static void occupancies_keep_history(void **state)
{
    struct fixture *f = *state;
    struct resident r = {
        .district_id = f->district, .name = "租户", .id_number = "320902199507070073"};
    int64_t id, occ, same, other;
    bool created;
    enum upsert_outcome outcome;
    assert_int_equal(resident_upsert_matched(f->db, &r, 0, &id, &outcome), HW_OK);
    assert_int_equal(occupancy_add(f->db, id, f->dwelling, "tenant", "2022-03-01", &occ, &created),
                     HW_OK);
    assert_true(created);
    /* An identical open link is kept. */
    assert_int_equal(occupancy_add(f->db, id, f->dwelling, "tenant", NULL, &same, &created), HW_OK);
    assert_false(created);
    assert_int_equal(same, occ);
    /* A dwelling of another sub-district, a non-dwelling, bad values. */
    assert_int_equal(occupancy_add(f->db, id, f->far_dwelling, "tenant", NULL, &other, &created),
                     HW_EINVAL);
    assert_int_equal(occupancy_add(f->db, id, f->district, "tenant", NULL, &other, &created),
                     HW_EINVAL);
    assert_int_equal(occupancy_add(f->db, id, f->dwelling, "lodger", NULL, &other, &created),
                     HW_EINVAL);
    assert_int_equal(occupancy_add(f->db, id, f->dwelling, "owner", "2022-02-30", &other, &created),
                     HW_EINVAL);
    assert_int_equal(occupancy_add(f->db, 999999, f->dwelling, "owner", NULL, &other, &created),
                     HW_ENOTFOUND);
    assert_int_equal(occupancy_end(f->db, occ, "2022-02-28"), HW_EINVAL); /* before moving in */
    assert_int_equal(occupancy_end(f->db, occ, "2024-06-30"), HW_OK);
    assert_int_equal(occupancy_end(f->db, occ, "2024-07-01"), HW_ECONFLICT);
    assert_int_equal(occupancy_end(f->db, 999999, "2024-07-01"), HW_ENOTFOUND);
    int64_t rows = 0;
    db_scalar_int(f->db, &rows, "SELECT count(*) FROM occupancies WHERE resident_id = $1", "i", id);
    assert_int_equal(rows, 1);
    /* Moving back in is a new row; the history stays. */
    assert_int_equal(occupancy_add(f->db, id, f->dwelling, "tenant", NULL, &other, &created),
                     HW_OK);
    assert_true(created);
    assert_int_not_equal(other, occ);
    assert_int_equal(occupancy_add(f->db, id, f->other_dwelling, "owner", NULL, &other, &created),
                     HW_OK);
}

static void tags_by_code(void **state)
{
    struct fixture *f = *state;
    struct resident r = {.district_id = f->district, .name = "高龄"};
    int64_t id, n = 0;
    enum upsert_outcome outcome;
    assert_int_equal(resident_upsert_matched(f->db, &r, 0, &id, &outcome), HW_OK);
    assert_int_equal(resident_tag_add(f->db, id, "aged_80_plus"), HW_OK);
    assert_int_equal(resident_tag_add(f->db, id, "aged_80_plus"), HW_OK); /* present is fine */
    assert_int_equal(resident_tag_add(f->db, id, "no_such_tag"), HW_EINVAL);
    db_run(f->db,
           "INSERT INTO tags (district_id, code, name_zh, name_en, created_at)"
           " VALUES ($1, 'veteran', '退役军人', 'veteran', 0)",
           "i", f->other_district);
    assert_int_equal(resident_tag_add(f->db, id, "veteran"), HW_EINVAL); /* not this district's */
    db_scalar_int(f->db, &n, "SELECT count(*) FROM resident_tags WHERE resident_id = $1", "i", id);
    assert_int_equal(n, 1);
}

int main(void)
{
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(check_digits),
        cmocka_unit_test(dates_inside_the_number),
        cmocka_unit_test(lower_case_x),
        cmocka_unit_test(masks),
        cmocka_unit_test(resident_fields),
        cmocka_unit_test(name_lengths),
        cmocka_unit_test(derived_from_the_number),
        cmocka_unit_test(search_terms),
        cmocka_unit_test(list_lines),
    };
    const struct CMUnitTest stored[] = {
        cmocka_unit_test(upsert_lays_a_row_over_its_match),
        cmocka_unit_test(occupancies_keep_history),
        cmocka_unit_test(tags_by_code),
    };
    int failed = cmocka_run_group_tests_name("identifiers", pure, NULL, NULL);
    return failed + cmocka_run_group_tests_name("residents stored", stored, open_db, close_db);
}
