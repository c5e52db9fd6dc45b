/* The import (src/transfer): cells as Excel users type them, header
 * aliases, and whole imports into a temporary SQLite database: all or
 * nothing, dry runs, a second import creating nothing, any piece size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "kit/principal.h"
#include "place/place.h"
#include "store/db.h"
#include "store/migrate.h"
#include "transfer/cell.h"
#include "transfer/columns.h"
#include "transfer/transfer.h"
#include "unit_db.h"

static void cleaning(void **state)
{
    (void)state;
    char a[] = "\xE3\x80\x80 紫薇花园\xC2\xA0\t";
    assert_string_equal(cell_clean(a), "紫薇花园");
    char b[] = "'=1+2";
    assert_string_equal(cell_clean(b), "=1+2"); /* csv_writer.h's formula guard */
    char c[] = "'quoted";
    assert_string_equal(cell_clean(c), "'quoted");
    char d[] = "   ";
    assert_string_equal(cell_clean(d), "");
}

static void areas_in_context(void **state)
{
    (void)state;
    int64_t cm2 = 0;
    assert_true(cell_area("89.57", &cm2));
    assert_int_equal(cm2, 895700);
    assert_true(cell_area("89.57㎡", &cm2));
    assert_int_equal(cm2, 895700);
    assert_true(cell_area("89.57 m2", &cm2));
    assert_true(cell_area("120平方米", &cm2));
    assert_int_equal(cm2, 1200000);
    assert_true(cell_area("1,234.5平米", &cm2));
    assert_int_equal(cm2, 12345000);
    assert_true(cell_area("0.0001", &cm2)); /* four decimals: exact */
    assert_int_equal(cm2, 1);
    assert_false(cell_area("0.00001", &cm2));
    assert_false(cell_area("-3", &cm2));
    assert_false(cell_area("九十", &cm2));
    assert_false(cell_area("㎡", &cm2));
    assert_false(cell_area("1e2", &cm2));
}

static void dates(void **state)
{
    (void)state;
    char out[11];
    const char *ok[][2] = {{"2020-03-05", "2020-03-05"},   {"2020-3-5", "2020-03-05"},
                           {"2020/3/5", "2020-03-05"},     {"2020.03.05", "2020-03-05"},
                           {"2020年3月5日", "2020-03-05"}, {"20200305", "2020-03-05"},
                           {"2024/2/29", "2024-02-29"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_true(cell_date(ok[i][0], out));
        assert_string_equal(out, ok[i][1]);
    }
    const char *bad[] = {"2023/2/29", "2020-13-01", "20-3-5", "2020/3/5 extra", "3/5/2020", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(cell_date(bad[i], out));
}

static void words(void **state)
{
    (void)state;
    const char *v;
    assert_true(cell_sex("男", &v) && strcmp(v, "male") == 0);
    assert_true(cell_sex("Female", &v) && strcmp(v, "female") == 0);
    assert_false(cell_sex("未知", &v));
    assert_true(cell_relation("业主", &v) && strcmp(v, "owner") == 0);
    assert_true(cell_relation("户主", &v) && strcmp(v, "owner") == 0);
    assert_true(cell_relation("家属", &v) && strcmp(v, "family") == 0);
    assert_true(cell_relation("租客", &v) && strcmp(v, "tenant") == 0);
    assert_true(cell_relation("TENANT", &v) && strcmp(v, "tenant") == 0);
    assert_false(cell_relation("邻居", &v));
}

static void phones_and_id_numbers(void **state)
{
    (void)state;
    char phone[12], id[19];
    assert_true(cell_phone("138 0013 8000", phone));
    assert_string_equal(phone, "13800138000");
    assert_true(cell_phone("+86-138-0013-8000", phone));
    assert_string_equal(phone, "13800138000");
    assert_false(cell_phone("1380013800", phone));
    assert_false(cell_phone("0515-88888888", phone));
    enum id_problem why;
    assert_true(cell_id_number("32090219480520046x", id, &why));
    assert_string_equal(id, "32090219480520046X");
    assert_false(cell_id_number("3.20902E+17", id, &why));
    assert_int_equal(why, ID_EXCEL_NUMBER);
    assert_false(cell_id_number("320902********0467", id, &why));
    assert_int_equal(why, ID_MASKED);
    assert_false(cell_id_number("320902194805200461", id, &why)); /* check digit */
    assert_int_equal(why, ID_INVALID);
    char born[11];
    id_number_birth_date("32090219480520046X", born);
    assert_string_equal(born, "1948-05-20");
    assert_string_equal(id_number_sex("32090219480520046X"), "female"); /* 6: even */
    assert_string_equal(id_number_sex("320902197208080037"), "male");
}

static void places_in_context(void **state)
{
    (void)state;
    char e[32];
    assert_true(cell_entrance("", e, sizeof e));
    assert_string_equal(e, "1单元");
    assert_true(cell_entrance("2", e, sizeof e));
    assert_string_equal(e, "2单元");
    assert_true(cell_entrance("东单元", e, sizeof e));
    assert_string_equal(e, "东单元");
    int64_t f = 0;
    assert_true(cell_floor("18", &f) && f == 18);
    assert_true(cell_floor("18层", &f) && f == 18);
    assert_true(cell_floor("-1", &f) && f == -1);
    assert_false(cell_floor("0", &f)); /* no floor 0 */
    assert_false(cell_floor("-6", &f));
    assert_false(cell_floor("100", &f));
    assert_true(cell_floor_from_room("1802", &f) && f == 18);
    assert_true(cell_floor_from_room("101", &f) && f == 1);
    assert_false(cell_floor_from_room("100", &f));
    assert_false(cell_floor_from_room("0101", &f));
    assert_false(cell_floor_from_room("商铺A", &f));
    assert_false(cell_floor_from_room("12", &f));
}

static void tag_lists(void **state)
{
    (void)state;
    const char *cursor = "独居、 空巢;low_income；；残疾 , aged 80+|x";
    const char *want[] = {"独居", "空巢", "low_income", "残疾", "aged 80+", "x"};
    char tag[64];
    for (size_t i = 0; i < 6; i++) {
        assert_true(cell_next_tag(&cursor, tag, sizeof tag));
        assert_string_equal(tag, want[i]);
    }
    assert_false(cell_next_tag(&cursor, tag, sizeof tag));
    cursor = "";
    assert_false(cell_next_tag(&cursor, tag, sizeof tag));
}

static void header_aliases(void **state)
{
    (void)state;
    assert_int_equal(column_lookup("小区"), COL_COMPOUND);
    assert_int_equal(column_lookup("Compound"), COL_COMPOUND);
    assert_int_equal(column_lookup(" 小区名称 "), COL_COMPOUND);
    assert_int_equal(column_lookup("面积(㎡)"), COL_AREA);
    assert_int_equal(column_lookup("建筑面积（平方米）"), COL_AREA);
    assert_int_equal(column_lookup("area_m2"), COL_AREA);
    assert_int_equal(column_lookup("*姓名"), COL_NAME);
    assert_int_equal(column_lookup("姓名＊"), COL_NAME);
    assert_int_equal(column_lookup("Birth Date"), COL_BIRTH_DATE);
    assert_int_equal(column_lookup("公民身份号码"), COL_ID_NUMBER);
    assert_int_equal(column_lookup("联系电话"), COL_PHONE);
    assert_int_equal(column_lookup("序号"), -1);
    assert_int_equal(column_lookup(""), -1);
    assert_true(column_required(TRANSFER_RESIDENTS, COL_RELATION));
    assert_false(column_required(TRANSFER_RESIDENTS, COL_ID_NUMBER));
    assert_true(column_required(TRANSFER_BUILDINGS, COL_GRID));
    assert_false(column_used(TRANSFER_DWELLINGS, COL_NAME));
}

/* ---- whole imports on a temporary database ---- */

struct fixture {
    struct db *db;
    char path[64];
    int64_t community;
};

static int open_db(void **state)
{
    static struct fixture f;
    unit_db_path(f.path, sizeof f.path, "import");
    unit_db_remove(f.path);
    if (db_open(f.path, &f.db) != HW_OK || migrate_run(f.db, NULL) != HW_OK)
        return -1;
    int64_t district, grid;
    const char *bad;
    struct place_new sub = {.kind = "subdistrict", .name = "新都街道", .area_cm2 = -1};
    if (db_begin(f.db, DB_TXN_WRITE) != HW_OK || place_create(f.db, &sub, &district, &bad) != HW_OK)
        return -1;
    struct place_new com = {
        .kind = "community", .name = "聚龙湖社区", .parent_id = district, .area_cm2 = -1};
    if (place_create(f.db, &com, &f.community, &bad) != HW_OK)
        return -1;
    struct place_new g = {
        .kind = "grid", .name = "第一网格", .parent_id = f.community, .area_cm2 = -1};
    if (place_create(f.db, &g, &grid, &bad) != HW_OK || db_commit(f.db) != HW_OK)
        return -1;
    *state = &f;
    return 0;
}

static int close_db(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    unit_db_remove(f->path);
    return 0;
}

static int64_t count(struct db *db, const char *table)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    int64_t n = -1;
    assert_int_equal(db_scalar_int(db, &n, sql, ""), HW_OK);
    return n;
}

/* Imports text fed in pieces of `step` bytes; copies the report's counts. */
static void run(struct fixture *f, enum transfer_kind kind, const char *text, bool dry_run,
                size_t step, struct import_report *out, char *first_rejection, size_t size)
{
    struct import_options o = {.kind = kind,
                               .community_id = f->community,
                               .dry_run = dry_run,
                               .actor = {.kind = ACTOR_COMMAND_LINE, .ip = "test"},
                               .who = &principal_operator};
    struct import_job *job;
    assert_int_equal(import_begin(f->db, &o, &job), HW_OK);
    size_t len = strlen(text);
    for (size_t at = 0; at < len;) {
        size_t n = step && step < len - at ? step : len - at;
        assert_int_equal(import_feed(job, text + at, n), HW_OK);
        at += n;
    }
    const struct import_report *r;
    assert_int_equal(import_finish(job, &r), HW_OK);
    *out = *r;
    if (first_rejection) {
        first_rejection[0] = '\0';
        if (r->nrejections)
            snprintf(first_rejection, size, "%lld:%s", (long long)r->rejections[0].line,
                     r->rejections[0].field);
    }
    import_free(job);
}

static const char residents_csv[] =
    "\xEF\xBB\xBF小区,楼栋,单元,房号,面积,网格,姓名,身份证号,手机,关系,标签\r\n"
    "紫薇花园,1幢,1,101,89.57,第一网格,吕文娟,320902198604120103,13805110012,业主,\r\n"
    "紫薇花园,1幢,1,101,89.57,第一网格,周建国,320902198409030073,,家属,\r\n"
    "紫薇花园,1幢,1,101,89.57,第一网格,周子涵,,,家属,学龄前儿童\r\n"
    "紫薇花园,1幢,2,1802,,第一网格,陈桂英,320902194002290166,,户主,独居、aged_80_plus\r\n";

static void import_is_idempotent(void **state)
{
    struct fixture *f = *state;
    struct import_report r;
    run(f, TRANSFER_RESIDENTS, residents_csv, false, 0, &r, NULL, 0);
    assert_int_equal(r.rows, 4);
    assert_int_equal(r.created, 4);
    assert_int_equal(r.rejected_rows, 0);
    /* compound, building, two entrances, two dwellings */
    assert_int_equal(r.places_created, 6);
    assert_int_equal(count(f->db, "residents"), 4);
    assert_int_equal(count(f->db, "occupancies"), 4);
    assert_int_equal(count(f->db, "resident_tags"), 3);
    int64_t floor = 0;
    assert_int_equal(db_scalar_int(f->db, &floor,
                                   "SELECT floor FROM places WHERE kind = 'dwelling'"
                                   " AND name = '1802'",
                                   ""),
                     HW_OK);
    assert_int_equal(floor, 18); /* from the room number */

    /* Again, byte by byte: nothing new, every row unchanged. */
    run(f, TRANSFER_RESIDENTS, residents_csv, false, 1, &r, NULL, 0);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.unchanged, 4);
    assert_int_equal(r.places_created, 0);
    assert_int_equal(count(f->db, "residents"), 4);
    assert_int_equal(count(f->db, "occupancies"), 4);
    assert_int_equal(count(f->db, "resident_tags"), 3);
}

static void rejected_row_writes_nothing(void **state)
{
    struct fixture *f = *state;
    int64_t places = count(f->db, "places"), audit = count(f->db, "audit_log");
    struct import_report r;
    char first[64];
    run(f, TRANSFER_RESIDENTS,
        "小区,楼栋,房号,姓名,关系,网格\n"
        "新小区,1幢,101,甲,业主,第一网格\n"
        "新小区,1幢,102,乙,邻居,第一网格\n",
        false, 0, &r, first, sizeof first);
    assert_int_equal(r.rejected_rows, 1);
    assert_string_equal(first, "3:relation");
    assert_false(r.committed);
    assert_int_equal(count(f->db, "places"), places);
    assert_int_equal(count(f->db, "residents"), 4);
    assert_int_equal(count(f->db, "audit_log"), audit);
}

static void dry_run_writes_nothing(void **state)
{
    struct fixture *f = *state;
    int64_t places = count(f->db, "places");
    struct import_report r;
    run(f, TRANSFER_DWELLINGS, "小区,楼栋,单元,房号,楼层,网格\n新小区,2幢,1,301,3,第一网格\n", true,
        0, &r, NULL, 0);
    assert_int_equal(r.created, 1);
    assert_int_equal(r.places_created, 4);
    assert_true(r.dry_run);
    assert_int_equal(count(f->db, "places"), places);
}

static void new_building_needs_its_grid(void **state)
{
    struct fixture *f = *state;
    struct import_report r;
    char first[64];
    run(f, TRANSFER_DWELLINGS, "小区,楼栋,房号\n紫薇花园,9幢,101\n", false, 0, &r, first,
        sizeof first);
    assert_string_equal(first, "2:grid");
    run(f, TRANSFER_DWELLINGS, "小区,楼栋,房号,网格\n紫薇花园,9幢,101,第九网格\n", false, 0, &r,
        first, sizeof first);
    assert_string_equal(first, "2:grid");
    /* A registered building needs no grid. */
    run(f, TRANSFER_DWELLINGS, "小区,楼栋,房号\n紫薇花园,1幢,102\n", false, 0, &r, first,
        sizeof first);
    assert_string_equal(first, "");
    assert_int_equal(r.created, 1);
}

static void title_row_above_the_header(void **state)
{
    struct fixture *f = *state;
    struct import_report r;
    run(f, TRANSFER_DWELLINGS, "聚龙湖社区房屋登记表,,\n,,\n小区,楼栋,房号\n紫薇花园,1幢,101\n",
        false, 0, &r, NULL, 0);
    assert_int_equal(r.rejected_rows, 0);
    assert_int_equal(r.unchanged, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cleaning),
        cmocka_unit_test(areas_in_context),
        cmocka_unit_test(dates),
        cmocka_unit_test(words),
        cmocka_unit_test(phones_and_id_numbers),
        cmocka_unit_test(places_in_context),
        cmocka_unit_test(tag_lists),
        cmocka_unit_test(header_aliases),
    };
    const struct CMUnitTest db_tests[] = {
        cmocka_unit_test(import_is_idempotent),       cmocka_unit_test(rejected_row_writes_nothing),
        cmocka_unit_test(dry_run_writes_nothing),     cmocka_unit_test(new_building_needs_its_grid),
        cmocka_unit_test(title_row_above_the_header),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    return failed + cmocka_run_group_tests(db_tests, open_db, close_db);
}
