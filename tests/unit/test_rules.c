/* The rules the API and the import share (one validator for every path):
 * base/text.h, the resident's field rules, move-in dates, areas, place
 * names and floors, tag names, and what the CSV writer guards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/civil_days.h"
#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"
#include "place/place.h"
#include "registry/resident.h"
#include "registry/tag.h"
#include "transfer/cell.h"
#include "transfer/csv_writer.h"

static void blanks(void **state)
{
    (void)state;
    assert_int_equal(text_blank_at(" x"), 1);
    assert_int_equal(text_blank_at("\tx"), 1);
    assert_int_equal(text_blank_at("\nx"), 1);
    assert_int_equal(text_blank_at("\rx"), 1);
    assert_int_equal(text_blank_at("\u00a0"), 2);
    assert_int_equal(text_blank_at("\u3000"), 3);
    assert_int_equal(text_blank_at("\u2000"), 3);
    assert_int_equal(text_blank_at("\u200a"), 3);
    assert_int_equal(text_blank_at("\u200b"), 3); /* zero-width space */
    assert_int_equal(text_blank_at("\u200d"), 3);
    assert_int_equal(text_blank_at("\u2060"), 3);
    assert_int_equal(text_blank_at("\ufeff"), 3);
    assert_int_equal(text_blank_at("\u202f"), 3);
    assert_int_equal(text_blank_at("x"), 0);
    assert_int_equal(text_blank_at("张"), 0);
    assert_int_equal(text_blank_at("\u200e"), 0); /* a direction mark: invisible, not blank */
    assert_int_equal(text_blank_at(""), 0);
    assert_int_equal(text_blank_at("\xE2"), 0); /* cut short */
}

static void trimming(void **state)
{
    (void)state;
    char a[] = "\u3000\u00a0 张\u3000三 \t\u200b\ufeff";
    assert_string_equal(text_trim(a), "张\u3000三"); /* inside stays */
    char b[] = "\u200b\u2060\u3000";
    assert_string_equal(text_trim(b), "");
    char c[] = "\r\n第一行\n第二行\r\n";
    assert_string_equal(text_trim(c), "第一行\n第二行");
    char d[] = "plain";
    assert_string_equal(text_trim(d), "plain");
    char e[] = "";
    assert_string_equal(text_trim(e), "");
    assert_true(text_untrimmed(" x"));
    assert_true(text_untrimmed("x\u3000"));
    assert_true(text_untrimmed("x\u200b"));
    assert_true(text_untrimmed("x\n"));
    assert_false(text_untrimmed("张 三"));
    assert_false(text_untrimmed(""));
    assert_false(text_untrimmed(NULL));
    /* The import's cells are trimmed by the same rule. */
    char f[] = "\u200b\u3000 '=1+2 \u00a0";
    assert_string_equal(cell_clean(f), "=1+2");
}

static void newlines_and_controls(void **state)
{
    (void)state;
    char a[] = "a\r\nb\rc\nd\r\n\r\ne";
    assert_string_equal(text_unify_newlines(a), "a\nb\nc\nd\n\ne");
    assert_int_equal(text_chars("张三", false), 2);
    assert_int_equal(text_chars("a\nb", false), -1);
    assert_int_equal(text_chars("a\nb", true), 3);
    assert_int_equal(text_chars("a\rb", true), -1); /* unify first */
    assert_int_equal(text_chars("a\tb", true), -1);
    assert_int_equal(text_chars("a\xEF\xBF\xBE" "b", false), -1);     /* U+FFFE */
    assert_int_equal(text_chars("\xEF\xB7\x90", false), -1);       /* U+FDD0 */
    assert_int_equal(text_chars("\xF0\x9F\xBF\xBF", false), -1);  /* U+1FFFF */
    assert_int_equal(text_chars("\xEF\xBF\xBD", false), 1);        /* U+FFFD is a character */
    assert_int_equal(text_chars("a\x7f", true), -1);
    assert_int_equal(text_chars("a\xC2\x85", true), -1);     /* C1 */
    assert_int_equal(text_chars("\xC0\x80", false), -1);     /* overlong */
    assert_int_equal(text_chars("\xED\xA0\x80", false), -1); /* surrogate */
    assert_int_equal(text_chars("\xE5\xBC", false), -1);     /* cut short */
    assert_int_equal(text_chars("😀", false), 1);
    assert_int_equal(text_chars(NULL, false), -1);
    assert_true(text_has_invisible("王\u200b五"));
    assert_true(text_has_invisible("王\u200e五"));
    assert_true(text_has_invisible("\u202e六"));
    assert_true(text_has_invisible("\u00ad"));
    assert_false(text_has_invisible("王五"));
    assert_false(text_has_invisible("张\u3000三"));
}

static void names_and_notes(void **state)
{
    (void)state;
    assert_true(registry_name_valid("张三"));
    assert_true(registry_name_valid("Mary Ann"));
    assert_false(registry_name_valid(""));
    assert_false(registry_name_valid(" 张三"));
    assert_false(registry_name_valid("张三\u3000"));
    assert_false(registry_name_valid("\u200b"));
    assert_false(registry_name_valid("王\u200b五"));
    assert_false(registry_name_valid("张\n三"));
    char long_name[3 * 65 + 1] = "";
    for (int i = 0; i < 65; i++)
        strcat(long_name, "名");
    assert_false(registry_name_valid(long_name));
    long_name[3 * 64] = '\0';
    assert_true(registry_name_valid(long_name));

    assert_true(registry_note_valid(""));
    assert_true(registry_note_valid("第一行\n\n第二行"));
    assert_true(registry_note_valid("家庭👨\u200d👩\u200d👧")); /* joiners inside are kept */
    assert_false(registry_note_valid("a\r\nb"));
    assert_false(registry_note_valid("a\tb"));
    assert_false(registry_note_valid("a\x07"));
    assert_false(registry_note_valid("a\n"));
    assert_false(registry_note_valid(" a"));

    struct arena *ar = arena_create();
    struct resident r = {.district_id = 1, .name = "\u3000张三 ", .note = " \r\n甲\r\n乙\r "};
    assert_int_equal(resident_tidy(ar, &r), 0);
    assert_string_equal(r.name, "张三");
    assert_string_equal(r.note, "甲\n乙");
    struct resident blank = {.district_id = 1, .name = "\u200b", .note = " \r\n "};
    assert_int_equal(resident_tidy(ar, &blank), 0);
    assert_string_equal(blank.name, "");
    assert_null(blank.note); /* an empty note is none */
    const char *same = "王五";
    struct resident kept = {.district_id = 1, .name = same};
    assert_int_equal(resident_tidy(ar, &kept), 0);
    assert_ptr_equal(kept.name, same); /* nothing to change: no copy */
    arena_destroy(ar);
}

static void resident_rules(void **state)
{
    (void)state;
    const char *today = "2026-11-30";
    struct resident_fault f;
    /* 320902197503150034: born 1975-03-15, 17th digit 3: a man. */
    struct resident r = {.district_id = 1, .name = "张三", .id_number = "320902197503150034"};
    assert_true(resident_check_on(&r, today, &f));
    r.sex = "male";
    assert_true(resident_check_on(&r, today, &f));
    r.sex = "female";
    assert_false(resident_check_on(&r, today, &f));
    assert_string_equal(f.field, "sex");
    assert_non_null(strstr(f.zh, "身份证号"));
    r.sex = NULL;
    r.birth_date = "1975-03-16";
    assert_false(resident_check_on(&r, today, &f));
    assert_string_equal(f.field, "birth_date");
    r.birth_date = "1975-03-15";
    assert_true(resident_check_on(&r, today, &f));
    /* Born after today, by the date or by the number. */
    struct resident unborn = {.district_id = 1, .name = "x", .birth_date = "2026-12-01"};
    assert_false(resident_check_on(&unborn, today, &f));
    assert_string_equal(f.field, "birth_date");
    struct resident blank = {.district_id = 1, .name = "\u3000"};
    assert_false(resident_check_on(&blank, today, &f));
    assert_string_equal(f.field, "name");
    struct resident invisible = {.district_id = 1, .name = "王\u200b五"};
    assert_false(resident_check_on(&invisible, today, &f));
    assert_string_equal(f.field, "name");
    struct resident noted = {.district_id = 1, .name = "x", .note = "一\n二"};
    assert_true(resident_check_on(&noted, today, &f));
    noted.note = "一\r\n二";
    assert_false(resident_check_on(&noted, today, &f));
    assert_string_equal(f.field, "note");
    const char *bad = NULL;
    assert_int_equal(resident_validate(&noted, &bad), HW_EINVAL);
    assert_string_equal(bad, "note");
}

static void move_in_dates(void **state)
{
    (void)state;
    struct resident_fault f;
    const char *today = "2026-11-30";
    assert_true(occupancy_moved_in_check("2020-03-05", NULL, today, &f));
    assert_true(occupancy_moved_in_check("2027-11-30", NULL, today, &f)); /* a year ahead */
    assert_false(occupancy_moved_in_check("2027-12-01", NULL, today, &f));
    assert_string_equal(f.field, "moved_in");
    assert_false(occupancy_moved_in_check("2036-01-01", NULL, today, &f));
    assert_false(occupancy_moved_in_check("2020-02-30", NULL, today, &f));
    assert_false(occupancy_moved_in_check("2020/03/05", NULL, today, &f));
    assert_true(occupancy_moved_in_check("1990-06-15", "1990-06-15", today, &f));
    assert_false(occupancy_moved_in_check("1990-06-14", "1990-06-15", today, &f));
    assert_non_null(strstr(f.zh, "出生"));
    /* From 29 February, a year on is the 28th. */
    assert_true(occupancy_moved_in_check("2029-02-28", NULL, "2028-02-29", &f));
    assert_false(occupancy_moved_in_check("2029-03-01", NULL, "2028-02-29", &f));
    char out[11];
    date_add_years("2024-02-29", 1, out);
    assert_string_equal(out, "2025-02-28");
    date_add_years("2024-02-29", 4, out);
    assert_string_equal(out, "2028-02-29");
    date_add_years("2026-12-31", 1, out);
    assert_string_equal(out, "2027-12-31");
}

static void dates_written(void **state)
{
    (void)state;
    char out[11];
    assert_true(date_write(2026, 3, 9, out));
    assert_string_equal(out, "2026-03-09");
    assert_true(date_write(0, 1, 1, out));
    assert_string_equal(out, "0000-01-01");
    assert_true(date_write(9999, 12, 31, out));
    assert_string_equal(out, "9999-12-31");
    /* Out of range: refused, and nothing half written. */
    assert_false(date_write(10000, 1, 1, out));
    assert_string_equal(out, "0000-00-00");
    assert_false(date_write(-1, 1, 1, out));
    assert_false(date_write(2026, 0, 1, out));
    assert_false(date_write(2026, 13, 1, out));
    assert_false(date_write(2026, 1, 0, out));
    assert_false(date_write(2026, 1, 32, out));
    assert_string_equal(out, "0000-00-00");
    assert_int_equal(date_month_days(2026, 1), 31);
    assert_int_equal(date_month_days(2026, 4), 30);
    assert_int_equal(date_month_days(2026, 2), 28);
    assert_int_equal(date_month_days(2028, 2), 29);
    assert_int_equal(date_month_days(2100, 2), 28); /* a century, not leap */
    assert_int_equal(date_month_days(2000, 2), 29); /* every 400 years, leap */
}

static void days_and_dates(void **state)
{
    (void)state;
    assert_int_equal(days_from_civil(1970, 1, 1), 0);
    assert_int_equal(days_from_civil(1969, 12, 31), -1);
    assert_int_equal(days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(days_from_civil(1899, 12, 30), -25569); /* Excel's day 0 */
    /* Every day of 1600-2400 there and back, across leap days and centuries. */
    int64_t first = days_from_civil(1600, 1, 1), last = days_from_civil(2400, 12, 31);
    int64_t y;
    int m, d;
    for (int64_t day = first; day <= last; day++) {
        civil_from_days(day, &y, &m, &d);
        assert_true(d >= 1 && d <= date_month_days(y, m));
        assert_int_equal(days_from_civil(y, m, d), day);
    }
    civil_from_days(first - 1, &y, &m, &d);
    assert_true(y == 1599 && m == 12 && d == 31);
}

static void areas_floors_places(void **state)
{
    (void)state;
    int64_t cm2;
    assert_false(area_parse("0", &cm2));
    assert_false(area_parse("0.00", &cm2));
    assert_false(area_parse("0.0000", &cm2));
    assert_true(area_parse("0.0001", &cm2));
    assert_false(area_cm2_valid(0));
    assert_false(area_cm2_valid(-1));
    assert_true(area_cm2_valid(1));
    assert_false(cell_area("0㎡", &cm2)); /* the import reads it with the same rule */
    int64_t floor;
    assert_true(place_floor_from_room("1802", &floor) && floor == 18);
    assert_true(place_floor_from_room("101", &floor) && floor == 1);
    assert_false(place_floor_from_room("100", &floor));
    assert_false(place_floor_from_room("0101", &floor));
    assert_false(place_floor_from_room("商铺A", &floor));
    assert_false(place_floor_from_room(NULL, &floor));
    assert_true(place_name_valid("紫薇花园"));
    assert_true(place_name_valid("紫薇 花园"));
    assert_false(place_name_valid(" 紫薇花园"));
    assert_false(place_name_valid("紫薇花园\u3000"));
    assert_false(place_name_valid("1幢\n2幢"));
    assert_false(place_name_valid("1\u200b幢"));
    assert_false(place_name_valid(""));
}

static void tags_and_csv(void **state)
{
    (void)state;
    assert_int_equal(tag_separator_at("、x"), 3);
    assert_int_equal(tag_separator_at(";x"), 1);
    assert_int_equal(tag_separator_at("｜"), 0);
    assert_true(tag_name_valid("退役军人", 32));
    assert_false(tag_name_valid("独居、空巢", 32));
    assert_false(tag_name_valid("a|b", 32));
    assert_false(tag_name_valid("a，b", 32));
    assert_false(tag_name_valid(" 独居", 32));
    /* What the writer guards, the reader takes off again. */
    assert_true(csv_cell_is_formula_like("=SUM(A1)"));
    assert_true(csv_cell_is_formula_like("'=SUM(A1)"));
    assert_true(csv_cell_is_formula_like("'-3"));
    assert_false(csv_cell_is_formula_like("'abc"));
    assert_false(csv_cell_is_formula_like("-3"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blanks),
        cmocka_unit_test(trimming),
        cmocka_unit_test(newlines_and_controls),
        cmocka_unit_test(names_and_notes),
        cmocka_unit_test(resident_rules),
        cmocka_unit_test(move_in_dates),
        cmocka_unit_test(dates_written),
        cmocka_unit_test(days_and_dates),
        cmocka_unit_test(areas_floors_places),
        cmocka_unit_test(tags_and_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
