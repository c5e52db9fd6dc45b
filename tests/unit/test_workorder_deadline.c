#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/err.h"
#include "workorder/deadline.h"

enum { MIN = 60, HOUR = 3600, DAY = 86400 };

/* The instant of a local (UTC+8) date and time. */
static int64_t at(const char *date, int h, int m, int s)
{
    int32_t day = 0;
    assert_int_equal(wo_day_parse(date, &day), HW_OK);
    return (int64_t)day * DAY - 8 * HOUR + h * HOUR + m * MIN + s;
}

/* 54321 counted in working time, 08:30-17:30 (9 hours a day). */
static struct wo_standard working_54321(void)
{
    struct wo_standard s = wo_standard_54321;
    s.working_time = true;
    return s;
}

/* National Day 2025: 1-8 October off, Sunday 28 September and Saturday 11
 * October worked (国务院办公厅关于2025年部分节假日安排的通知). */
static const struct wo_calendar_day national_day_2025[] = {
    {20359, true}, /* 2025-09-28 Sun, make-up working day */
    {20362, false}, {20363, false}, {20364, false}, {20365, false},
    {20366, false}, {20367, false}, {20368, false}, {20369, false}, /* 10-01 .. 10-08 */
    {20372, true}, /* 2025-10-11 Sat, make-up working day */
};
static const struct wo_calendar national_day = {national_day_2025, sizeof national_day_2025 /
                                                                       sizeof national_day_2025[0]};

static void names(void **state)
{
    (void)state;
    const char *expect[] = {"simple", "general", "complex", "difficult"};
    for (int d = 0; d < WO_DIFFICULTY_COUNT; d++) {
        enum wo_difficulty back = WO_DIFFICULTY_COUNT;
        assert_string_equal(wo_difficulty_name((enum wo_difficulty)d), expect[d]);
        assert_int_equal(wo_difficulty_parse(expect[d], &back), HW_OK);
        assert_int_equal(back, d);
    }
    enum wo_difficulty d;
    assert_int_equal(wo_difficulty_parse("Simple", &d), HW_EINVAL);
    assert_int_equal(wo_difficulty_parse("", &d), HW_EINVAL);
    assert_int_equal(wo_difficulty_parse(NULL, &d), HW_EINVAL);
    assert_null(wo_difficulty_name(WO_DIFFICULTY_COUNT));

    enum wo_clock c;
    assert_string_equal(wo_clock_name(WO_CLOCK_ON_SITE), "on_site");
    assert_string_equal(wo_clock_name(WO_CLOCK_RESOLVE), "resolve");
    assert_int_equal(wo_clock_parse("resolve", &c), HW_OK);
    assert_int_equal(c, WO_CLOCK_RESOLVE);
    assert_int_equal(wo_clock_parse("plan", &c), HW_EINVAL);
    assert_null(wo_clock_name(WO_CLOCK_COUNT));
}

static void standard_checks(void **state)
{
    (void)state;
    const char *bad = "unset";
    assert_int_equal(wo_standard_check(&wo_standard_54321, &bad), HW_OK);
    assert_null(bad);

    struct wo_standard s = wo_standard_54321;
    s.on_site_s = 0;
    assert_int_equal(wo_standard_check(&s, &bad), HW_EINVAL);
    assert_string_equal(bad, "on_site_s");

    s = wo_standard_54321;
    s.resolve_s[WO_COMPLEX] = 366 * DAY + 1;
    assert_int_equal(wo_standard_check(&s, &bad), HW_EINVAL);
    assert_string_equal(bad, "resolve_s.complex");
    s.resolve_s[WO_COMPLEX] = 366 * DAY;
    assert_int_equal(wo_standard_check(&s, &bad), HW_OK);

    s.work_start_min = -1;
    assert_int_equal(wo_standard_check(&s, &bad), HW_EINVAL);
    assert_string_equal(bad, "work_start_min");
    s.work_start_min = 1050;
    assert_int_equal(wo_standard_check(&s, &bad), HW_EINVAL); /* start == end */
    assert_string_equal(bad, "work_end_min");
    s.work_start_min = 0;
    s.work_end_min = 24 * 60 + 1;
    assert_int_equal(wo_standard_check(&s, &bad), HW_EINVAL);
    assert_string_equal(bad, "work_end_min");
    s.work_end_min = 24 * 60;
    assert_int_equal(wo_standard_check(&s, &bad), HW_OK);
}

static void local_days(void **state)
{
    (void)state;
    /* Local midnight of 2026-01-01 is 16:00 UTC the day before. */
    int64_t midnight = 1767196800; /* 2025-12-31T16:00:00Z */
    char out[11];
    wo_day_format(wo_local_day(midnight), out);
    assert_string_equal(out, "2026-01-01");
    wo_day_format(wo_local_day(midnight - 1), out);
    assert_string_equal(out, "2025-12-31");
    assert_int_equal(at("2026-01-01", 0, 0, 0), midnight);

    assert_int_equal(wo_local_day(0), 0);         /* 08:00 local, 1970-01-01 */
    assert_int_equal(wo_local_day(-8 * HOUR), 0); /* local midnight */
    assert_int_equal(wo_local_day(-8 * HOUR - 1), -1);

    int32_t day;
    assert_int_equal(wo_day_parse("1970-01-01", &day), HW_OK);
    assert_int_equal(day, 0);
    assert_int_equal(wo_day_parse("2024-02-29", &day), HW_OK);
    wo_day_format(day, out);
    assert_string_equal(out, "2024-02-29");
    assert_int_equal(wo_day_parse("2025-10-01", &day), HW_OK);
    assert_int_equal(day, 20362);
    assert_int_equal(wo_day_parse("2023-02-29", &day), HW_EINVAL);
    assert_int_equal(wo_day_parse("2100-02-29", &day), HW_EINVAL);
    assert_int_equal(wo_day_parse("2026-13-01", &day), HW_EINVAL);
    assert_int_equal(wo_day_parse("2026-04-31", &day), HW_EINVAL);
    assert_int_equal(wo_day_parse("2026-1-01", &day), HW_EINVAL);
    assert_int_equal(wo_day_parse("2026-01-01 ", &day), HW_EINVAL);
    assert_int_equal(wo_day_parse("2026/01/01", &day), HW_EINVAL);
    assert_int_equal(wo_day_parse("+026-01-01", &day), HW_EINVAL);
    assert_int_equal(wo_day_parse(NULL, &day), HW_EINVAL);
}

static void working_days(void **state)
{
    (void)state;
    int32_t wed = 20775; /* 2026-11-18 */
    assert_true(wo_calendar_is_working_day(NULL, wed));
    assert_true(wo_calendar_is_working_day(NULL, wed + 2));         /* Friday */
    assert_false(wo_calendar_is_working_day(NULL, wed + 3));        /* Saturday */
    assert_false(wo_calendar_is_working_day(NULL, wed + 4));        /* Sunday */
    assert_true(wo_calendar_is_working_day(NULL, wed + 5));         /* Monday */
    assert_false(wo_calendar_is_working_day(&national_day, 20362)); /* holiday Wednesday */
    assert_true(wo_calendar_is_working_day(&national_day, 20359));  /* make-up Sunday */
    assert_true(wo_calendar_is_working_day(&national_day, 20372));  /* make-up Saturday */
    assert_false(wo_calendar_is_working_day(&national_day, 20358)); /* plain Saturday */
    assert_true(wo_calendar_is_working_day(&national_day, 20370));  /* Thursday after */
}

static void calendar_checks(void **state)
{
    (void)state;
    int32_t bad = 0;
    assert_int_equal(wo_calendar_check(&national_day, &bad), HW_OK);
    assert_int_equal(wo_calendar_check(NULL, &bad), HW_OK);

    struct wo_calendar_day unsorted[] = {{20363, false}, {20362, false}};
    struct wo_calendar cal = {unsorted, 2};
    assert_int_equal(wo_calendar_check(&cal, &bad), HW_EINVAL);
    assert_int_equal(bad, 20362);

    struct wo_calendar_day twice[] = {{20362, false}, {20362, true}};
    cal = (struct wo_calendar){twice, 2};
    assert_int_equal(wo_calendar_check(&cal, &bad), HW_EINVAL);

    struct wo_calendar_day before_1970[] = {{-1, false}};
    cal = (struct wo_calendar){before_1970, 1};
    assert_int_equal(wo_calendar_check(&cal, &bad), HW_EINVAL);

    /* From Tuesday 2026-11-17 every day off: 31 days in a row (to Thursday
     * 17 December) pass; one more day is 32, and the weekend after it too. */
    struct wo_calendar_day idle[40];
    for (int i = 0; i < 40; i++)
        idle[i] = (struct wo_calendar_day){20774 + i, false};
    cal = (struct wo_calendar){idle, 31};
    assert_int_equal(wo_calendar_check(&cal, &bad), HW_OK);
    cal.n = 32;
    assert_int_equal(wo_calendar_check(&cal, &bad), HW_EINVAL);
    assert_int_equal(bad, 20774);
}

/* Each 54321 clock in wall-clock time: due exactly at its limit from the
 * report, so the second before is in time and the second after is late. */
static void wall_clock_54321(void **state)
{
    (void)state;
    const struct wo_standard *s = &wo_standard_54321;
    int64_t t = at("2026-11-21", 23, 50, 0); /* a Saturday night: wall-clock ignores it */
    struct {
        enum wo_clock clock;
        enum wo_difficulty d;
        int64_t limit;
    } cases[] = {
        {WO_CLOCK_ON_SITE, WO_SIMPLE, 5 * MIN},  {WO_CLOCK_ON_SITE, WO_DIFFICULT, 5 * MIN},
        {WO_CLOCK_RESOLVE, WO_SIMPLE, 40 * MIN}, {WO_CLOCK_RESOLVE, WO_GENERAL, 3 * HOUR},
        {WO_CLOCK_RESOLVE, WO_COMPLEX, 2 * DAY}, {WO_CLOCK_RESOLVE, WO_DIFFICULT, 1 * DAY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t due = wo_clock_due(s, NULL, cases[i].clock, cases[i].d, t, 0);
        assert_int_equal(due, t + cases[i].limit);
        assert_int_equal(wo_counted_between(s, NULL, t, due - 1), cases[i].limit - 1);
        assert_int_equal(wo_counted_between(s, NULL, t, due + 1), cases[i].limit + 1);
        assert_true(due - 1 < due && due + 1 > due);
    }
    /* The general clock runs to 02:50 on Sunday. */
    assert_int_equal(wo_clock_due(s, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, t, 0),
                     at("2026-11-22", 2, 50, 0));
    assert_int_equal(wo_counted_between(s, NULL, t, t), 0);
    assert_int_equal(wo_counted_between(s, NULL, t, t - 5), 0);
    assert_int_equal(wo_deadline_add(s, NULL, t, 0), t);
    assert_int_equal(wo_deadline_add(s, NULL, t, -7), t);
}

static void working_time_within_a_day(void **state)
{
    (void)state;
    struct wo_standard s = working_54321();
    int64_t t = at("2026-11-18", 10, 0, 0); /* Wednesday */
    assert_int_equal(wo_clock_due(&s, NULL, WO_CLOCK_ON_SITE, WO_SIMPLE, t, 0),
                     at("2026-11-18", 10, 5, 0));
    assert_int_equal(wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_SIMPLE, t, 0),
                     at("2026-11-18", 10, 40, 0));
    assert_int_equal(wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, t, 0),
                     at("2026-11-18", 13, 0, 0));
    /* Ending exactly at closing time is closing time, not the next morning. */
    int64_t t2 = at("2026-11-18", 14, 30, 0);
    assert_int_equal(wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, t2, 0),
                     at("2026-11-18", 17, 30, 0));
    assert_int_equal(wo_deadline_add(&s, NULL, t2, 3 * HOUR + 1), at("2026-11-19", 8, 30, 1));
}

static void working_time_across_a_night(void **state)
{
    (void)state;
    struct wo_standard s = working_54321();
    int64_t t = at("2026-11-18", 16, 0, 0); /* Wednesday, 1.5 h before closing */
    int64_t due = wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, t, 0);
    assert_int_equal(due, at("2026-11-19", 10, 0, 0));
    assert_int_equal(wo_counted_between(&s, NULL, t, due - 1), 3 * HOUR - 1);
    assert_int_equal(wo_counted_between(&s, NULL, t, due + 1), 3 * HOUR + 1);
    /* The night counts for nothing. */
    assert_int_equal(
        wo_counted_between(&s, NULL, at("2026-11-18", 17, 30, 0), at("2026-11-19", 8, 30, 0)), 0);
    /* The difficult plan (1 day = 24 counted hours) from Wednesday 16:00:
     * 1.5 h Wed, 9 h Thu, 9 h Fri, 4.5 h Mon -> Monday 13:00. */
    assert_int_equal(wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_DIFFICULT, t, 0),
                     at("2026-11-23", 13, 0, 0));
}

static void working_time_across_a_weekend(void **state)
{
    (void)state;
    struct wo_standard s = working_54321();
    int64_t fri = at("2026-11-20", 17, 0, 0);
    int64_t due = wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, fri, 0);
    assert_int_equal(due, at("2026-11-23", 11, 0, 0)); /* 0.5 h Friday, 2.5 h Monday */
    assert_int_equal(wo_counted_between(&s, NULL, fri, due - 1), 3 * HOUR - 1);
    assert_int_equal(wo_counted_between(&s, NULL, fri, due + 1), 3 * HOUR + 1);
    assert_int_equal(
        wo_counted_between(&s, NULL, at("2026-11-21", 0, 0, 0), at("2026-11-23", 0, 0, 0)), 0);
    /* A week of working time: five days of nine hours. */
    assert_int_equal(
        wo_counted_between(&s, NULL, at("2026-11-16", 0, 0, 0), at("2026-11-23", 0, 0, 0)),
        5 * 9 * HOUR);
}

static void start_outside_working_hours(void **state)
{
    (void)state;
    struct wo_standard s = working_54321();
    enum wo_clock on = WO_CLOCK_ON_SITE;
    /* Before opening: counting starts at 08:30. */
    assert_int_equal(wo_clock_due(&s, NULL, on, WO_SIMPLE, at("2026-11-18", 7, 0, 0), 0),
                     at("2026-11-18", 8, 35, 0));
    /* After closing: the next morning. */
    assert_int_equal(wo_clock_due(&s, NULL, on, WO_SIMPLE, at("2026-11-18", 20, 0, 0), 0),
                     at("2026-11-19", 8, 35, 0));
    /* Exactly at closing: nothing left today. */
    assert_int_equal(wo_clock_due(&s, NULL, on, WO_SIMPLE, at("2026-11-18", 17, 30, 0), 0),
                     at("2026-11-19", 8, 35, 0));
    /* On a Saturday: Monday morning. */
    assert_int_equal(wo_clock_due(&s, NULL, on, WO_SIMPLE, at("2026-11-21", 12, 0, 0), 0),
                     at("2026-11-23", 8, 35, 0));
    /* One second before closing leaves one second today. */
    assert_int_equal(wo_clock_due(&s, NULL, on, WO_SIMPLE, at("2026-11-18", 17, 29, 59), 0),
                     at("2026-11-19", 8, 34, 59));
}

static void holidays_and_make_up_days(void **state)
{
    (void)state;
    struct wo_standard s = working_54321();
    const struct wo_calendar *cal = &national_day;
    /* Tuesday 30 September 17:00: 0.5 h, then eight days off, then Thursday. */
    int64_t t = at("2025-09-30", 17, 0, 0);
    int64_t due = wo_clock_due(&s, cal, WO_CLOCK_RESOLVE, WO_GENERAL, t, 0);
    assert_int_equal(due, at("2025-10-09", 11, 0, 0));
    assert_int_equal(wo_counted_between(&s, cal, t, due - 1), 3 * HOUR - 1);
    assert_int_equal(wo_counted_between(&s, cal, t, due + 1), 3 * HOUR + 1);
    /* Without the calendar, 1 October would have been a working Wednesday. */
    assert_int_equal(wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, t, 0),
                     at("2025-10-01", 11, 0, 0));
    /* A report on an ordinary Saturday waits for the make-up Sunday. */
    assert_int_equal(
        wo_clock_due(&s, cal, WO_CLOCK_ON_SITE, WO_SIMPLE, at("2025-09-27", 10, 0, 0), 0),
        at("2025-09-28", 8, 35, 0));
    /* Friday 10 October 16:30: 1 h Friday, 2 h on the make-up Saturday. */
    assert_int_equal(
        wo_clock_due(&s, cal, WO_CLOCK_RESOLVE, WO_GENERAL, at("2025-10-10", 16, 30, 0), 0),
        at("2025-10-11", 10, 30, 0));
    /* The whole holiday counts for nothing. */
    assert_int_equal(
        wo_counted_between(&s, cal, at("2025-10-01", 0, 0, 0), at("2025-10-09", 0, 0, 0)), 0);
    /* Complex (48 counted hours) from Tuesday 30 September 08:30: 9 h that day,
     * Oct 9, 10, 11 (make-up), 13 = 36 h more, 3 h on Tuesday 14 -> 11:30. */
    assert_int_equal(
        wo_clock_due(&s, cal, WO_CLOCK_RESOLVE, WO_COMPLEX, at("2025-09-30", 8, 30, 0), 0),
        at("2025-10-14", 11, 30, 0));
}

static void suspension_pauses_the_clock(void **state)
{
    (void)state;
    /* Wall-clock: half an hour suspended moves the general deadline by half an hour. */
    const struct wo_standard *w = &wo_standard_54321;
    int64_t t = at("2026-11-18", 10, 0, 0);
    int64_t paused =
        wo_counted_between(w, NULL, at("2026-11-18", 10, 30, 0), at("2026-11-18", 11, 0, 0));
    assert_int_equal(paused, 30 * MIN);
    int64_t due = wo_clock_due(w, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, t, paused);
    assert_int_equal(due, at("2026-11-18", 13, 30, 0));
    /* Time worked: from the report to the due instant less the pause. */
    assert_int_equal(wo_counted_between(w, NULL, t, due - 1) - paused, 3 * HOUR - 1);

    /* Working time: suspended from Wednesday 17:00 to Thursday 09:00, which
     * is one counted hour; the general clock from Wednesday 16:00 moves from
     * Thursday 10:00 to 11:00. */
    struct wo_standard s = working_54321();
    int64_t t2 = at("2026-11-18", 16, 0, 0);
    int64_t p2 =
        wo_counted_between(&s, NULL, at("2026-11-18", 17, 0, 0), at("2026-11-19", 9, 0, 0));
    assert_int_equal(p2, HOUR);
    assert_int_equal(wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, t2, p2),
                     at("2026-11-19", 11, 0, 0));
    /* A negative pause is no pause. */
    assert_int_equal(wo_clock_due(&s, NULL, WO_CLOCK_RESOLVE, WO_GENERAL, t2, -HOUR),
                     at("2026-11-19", 10, 0, 0));
}

static void change_of_class(void **state)
{
    (void)state;
    /* The clock runs from the report whatever the class: reclassifying
     * recomputes the due instant from the report, not from the change. */
    const struct wo_standard *s = &wo_standard_54321;
    int64_t t = at("2026-11-18", 10, 0, 0);
    enum wo_clock r = WO_CLOCK_RESOLVE;
    assert_int_equal(wo_clock_due(s, NULL, r, WO_GENERAL, t, 0), at("2026-11-18", 13, 0, 0));
    assert_int_equal(wo_clock_due(s, NULL, r, WO_COMPLEX, t, 0), at("2026-11-20", 10, 0, 0));
    /* Set to simple 50 minutes after the report: due 10:40, already late. */
    int64_t changed = at("2026-11-18", 10, 50, 0);
    int64_t due = wo_clock_due(s, NULL, r, WO_SIMPLE, t, 0);
    assert_int_equal(due, at("2026-11-18", 10, 40, 0));
    assert_true(changed > due);
    /* The on-site clock does not depend on the class. */
    for (int d = 0; d < WO_DIFFICULTY_COUNT; d++)
        assert_int_equal(wo_clock_due(s, NULL, WO_CLOCK_ON_SITE, (enum wo_difficulty)d, t, 0),
                         t + 5 * MIN);
    /* Out of range: no limit. */
    assert_int_equal(wo_clock_limit(s, r, WO_DIFFICULTY_COUNT), 0);
    assert_int_equal(wo_clock_limit(s, WO_CLOCK_COUNT, WO_SIMPLE), 0);
}

/* counted_between undoes deadline_add, and the deadline is the first
 * instant that has counted enough: one second earlier counts one less. */
static void counted_between_inverts_deadline_add(void **state)
{
    (void)state;
    struct wo_standard s = working_54321();
    const int64_t counts[] = {1, 299, 300, 301, 2400, 32399, 32400, 32401, 86400, 172800};
    int64_t from = at("2025-09-24", 0, 0, 0), to = at("2025-10-16", 0, 0, 0);
    long checked = 0;
    for (int with_calendar = 0; with_calendar < 2; with_calendar++) {
        const struct wo_calendar *cal = with_calendar ? &national_day : NULL;
        for (int64_t t = from; t < to; t += 17 * MIN + 13) {
            for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
                int64_t due = wo_deadline_add(&s, cal, t, counts[i]);
                assert_true(due > t);
                assert_int_equal(wo_counted_between(&s, cal, t, due), counts[i]);
                assert_int_equal(wo_counted_between(&s, cal, t, due - 1), counts[i] - 1);
                checked++;
            }
        }
    }
    assert_true(checked > 10000);
    /* Wall-clock too. */
    int64_t t = at("2026-11-18", 10, 0, 0);
    assert_int_equal(wo_counted_between(&wo_standard_54321, NULL, t,
                                        wo_deadline_add(&wo_standard_54321, NULL, t, 12345)),
                     12345);
}

static void unusual_inputs(void **state)
{
    (void)state;
    struct wo_standard s = working_54321();
    int64_t t = at("2026-11-18", 10, 0, 0);
    /* A calendar wo_calendar_check would refuse (100 days off) still gives
     * the first working moment after it, at once. */
    struct wo_calendar_day idle[100];
    for (int i = 0; i < 100; i++)
        idle[i] = (struct wo_calendar_day){20775 + i, false};
    struct wo_calendar cal = {idle, 100};
    int64_t due = wo_deadline_add(&s, &cal, t, 5 * MIN);
    assert_int_equal(wo_local_day(due), 20775 + 100); /* a Friday */
    assert_int_equal(due, at("2027-02-26", 8, 35, 0));
    /* Huge counted time is capped, and returns. */
    assert_true(wo_deadline_add(&s, &cal, t, INT64_MAX) > t);
    assert_true(wo_deadline_add(&wo_standard_54321, NULL, t, INT64_MAX) > t);
    /* Working hours that make no sense fall back to wall-clock. */
    s.work_start_min = s.work_end_min;
    assert_int_equal(wo_deadline_add(&s, NULL, t, HOUR), t + HOUR);
    /* Working hours of the whole day: every second of a working day counts. */
    s.work_start_min = 0;
    s.work_end_min = 24 * 60;
    assert_int_equal(wo_deadline_add(&s, NULL, at("2026-11-20", 23, 0, 0), 2 * HOUR),
                     at("2026-11-23", 1, 0, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names),
        cmocka_unit_test(standard_checks),
        cmocka_unit_test(local_days),
        cmocka_unit_test(working_days),
        cmocka_unit_test(calendar_checks),
        cmocka_unit_test(wall_clock_54321),
        cmocka_unit_test(working_time_within_a_day),
        cmocka_unit_test(working_time_across_a_night),
        cmocka_unit_test(working_time_across_a_weekend),
        cmocka_unit_test(start_outside_working_hours),
        cmocka_unit_test(holidays_and_make_up_days),
        cmocka_unit_test(suspension_pauses_the_clock),
        cmocka_unit_test(change_of_class),
        cmocka_unit_test(counted_between_inverts_deadline_add),
        cmocka_unit_test(unusual_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
