/* Visit schedules at their boundaries (docs/domain.md CT-8 .. CT-11): local
 * days, weeks Monday to Sunday, half-months, month ends in leap and common
 * years, a tier starting part-way, 5+2 counting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/err.h"
#include "care/schedule.h"

static int64_t day(const char *text)
{
    int64_t d = 0;
    assert_int_equal(care_day_parse(text, &d), HW_OK);
    return d;
}

static void assert_period(enum care_period p, const char *on, const char *first, const char *last)
{
    int64_t f, l;
    char a[CARE_DATE_SIZE], b[CARE_DATE_SIZE];
    care_period_of(p, day(on), &f, &l);
    care_day_format(f, a);
    care_day_format(l, b);
    assert_string_equal(a, first);
    assert_string_equal(b, last);
}

static void local_days_turn_at_midnight_utc8(void **state)
{
    (void)state;
    /* 2026-11-15T16:00:00Z is 2026-11-16 00:00 in China. */
    int64_t midnight = 1794758400;
    assert_int_equal(care_day_of_epoch(midnight - 1), day("2026-11-15"));
    assert_int_equal(care_day_of_epoch(midnight), day("2026-11-16"));
    assert_int_equal(care_day_start_epoch(day("2026-11-16")), midnight);
    char out[CARE_DATE_SIZE];
    care_day_format(day("2024-02-29"), out);
    assert_string_equal(out, "2024-02-29");
    int64_t d;
    assert_int_equal(care_day_parse("2025-02-29", &d), HW_EINVAL);
    assert_int_equal(care_day_parse("2026-13-01", &d), HW_EINVAL);
    assert_int_equal(care_day_parse("2026-1-01", &d), HW_EINVAL);
}

static void weeks_run_monday_to_sunday(void **state)
{
    (void)state;
    assert_int_equal(care_weekday(day("2026-11-16")), 0); /* a Monday */
    assert_int_equal(care_weekday(day("2026-11-22")), 6);
    assert_int_equal(care_weekday(day("1970-01-01")), 3); /* a Thursday */
    assert_period(CARE_WEEK, "2026-11-22", "2026-11-16", "2026-11-22");
    assert_period(CARE_WEEK, "2026-11-23", "2026-11-23", "2026-11-29");
    /* A week across a month and a year. */
    assert_period(CARE_WEEK, "2027-01-01", "2026-12-28", "2027-01-03");
}

static void half_months_and_month_ends(void **state)
{
    (void)state;
    assert_period(CARE_HALF_MONTH, "2026-11-15", "2026-11-01", "2026-11-15");
    assert_period(CARE_HALF_MONTH, "2026-11-16", "2026-11-16", "2026-11-30");
    assert_period(CARE_HALF_MONTH, "2026-12-31", "2026-12-16", "2026-12-31");
    assert_period(CARE_HALF_MONTH, "2027-02-28", "2027-02-16", "2027-02-28");
    assert_period(CARE_HALF_MONTH, "2028-02-29", "2028-02-16", "2028-02-29");
    assert_period(CARE_MONTH, "2026-11-30", "2026-11-01", "2026-11-30");
    assert_period(CARE_MONTH, "2026-12-01", "2026-12-01", "2026-12-31");
    assert_period(CARE_MONTH, "2100-02-15", "2100-02-01", "2100-02-28"); /* no leap day */
    assert_period(CARE_DAY, "2026-11-30", "2026-11-30", "2026-11-30");
}

static void a_tier_starting_part_way_owes_in_proportion(void **state)
{
    (void)state;
    struct care_rule orange, yellow, green;
    care_rule_default(CARE_ORANGE, &orange);
    care_rule_default(CARE_YELLOW, &yellow);
    care_rule_default(CARE_GREEN, &green);
    int64_t mon = day("2026-11-16"), sun = day("2026-11-22");
    struct care_need n = care_period_need(&orange, mon, sun, mon, CARE_DAY_OPEN);
    assert_int_equal(n.visits, 5);
    assert_int_equal(n.accompanied, 2);
    n = care_period_need(&orange, mon, sun, day("2026-11-18"), CARE_DAY_OPEN); /* Wednesday */
    assert_int_equal(n.visits, 3);
    assert_int_equal(n.accompanied, 1);
    n = care_period_need(&orange, mon, sun, sun, CARE_DAY_OPEN); /* Sunday: 5/7 */
    assert_int_equal(n.visits, 0);
    n = care_period_need(&orange, mon, sun, day("2026-11-23"), CARE_DAY_OPEN);
    assert_int_equal(n.visits, 0);
    /* Ended part-way: the old tier owes its days only. */
    n = care_period_need(&orange, mon, sun, 0, day("2026-11-19"));
    assert_int_equal(n.visits, 2);
    n = care_period_need(&yellow, day("2026-11-01"), day("2026-11-15"), day("2026-11-10"),
                         CARE_DAY_OPEN);
    assert_int_equal(n.visits, 0);
    n = care_period_need(&yellow, day("2026-11-01"), day("2026-11-15"), day("2026-11-01"),
                         CARE_DAY_OPEN);
    assert_int_equal(n.visits, 1);
    n = care_period_need(&green, day("2026-11-01"), day("2026-11-30"), day("2026-11-02"),
                         CARE_DAY_OPEN);
    assert_int_equal(n.visits, 0);
}

static void five_plus_two(void **state)
{
    (void)state;
    struct care_rule orange;
    care_rule_default(CARE_ORANGE, &orange);
    int64_t mon = day("2026-11-16");
    struct care_visit_day v[] = {
        {mon, true}, {mon, false}, /* twice on Monday: one day */
        {mon + 1, false}, {mon + 2, true}, {mon + 3, false},
    };
    struct care_standing s;
    care_standing_at(&orange, 0, v, 5, mon + 3, &s);
    assert_int_equal(s.made, 4);
    assert_int_equal(s.accompanied_made, 2);
    assert_int_equal(s.owed, 1);
    assert_int_equal(s.accompanied_owed, 0);
    assert_true(s.visited_today);
    assert_int_equal(s.days_left, 3); /* Friday to Sunday */
    assert_false(s.met);
    assert_false(s.behind);
    /* Five days but one accompanied: not met. */
    struct care_visit_day w[] = {{mon, true}, {mon + 1, false}, {mon + 2, false},
                                 {mon + 3, false}, {mon + 4, false}};
    care_standing_at(&orange, 0, w, 5, mon + 4, &s);
    assert_int_equal(s.made, 5);
    assert_int_equal(s.accompanied_owed, 1);
    assert_false(s.met);
    /* Nothing by Thursday: four days left, five owed. */
    care_standing_at(&orange, 0, NULL, 0, mon + 3, &s);
    assert_true(s.behind);
    /* Sunday's visit does not count on Monday: a new week. */
    struct care_visit_day sunday[] = {{mon + 6, true}};
    care_standing_at(&orange, 0, sunday, 1, mon + 7, &s);
    assert_int_equal(s.made, 0);
    assert_int_equal(s.owed, 5);
}

static void a_red_week(void **state)
{
    (void)state;
    struct care_rule red;
    care_rule_default(CARE_RED, &red);
    int64_t mon = day("2026-11-16");
    struct care_visit_day v[] = {{mon + 2, false}};
    struct care_standing s;
    care_standing_at(&red, 0, v, 1, mon + 2, &s);
    assert_true(s.met);
    assert_int_equal(care_week_owed(&red, &s, mon + 2, v, 1), 4); /* Thursday to Sunday */
    care_standing_at(&red, 0, v, 1, mon + 6, &s);
    assert_false(s.met);
    assert_int_equal(care_week_owed(&red, &s, mon + 6, v, 1), 1);
    /* The tier set today: today is owed, yesterday was not. */
    care_standing_at(&red, mon + 3, v, 1, mon + 3, &s);
    assert_int_equal(s.need.visits, 1);
    care_standing_at(&red, mon + 4, v, 1, mon + 3, &s);
    assert_int_equal(s.need.visits, 0);
}

static void a_month_tallied(void **state)
{
    (void)state;
    struct care_rule orange, red;
    care_rule_default(CARE_ORANGE, &orange);
    care_rule_default(CARE_RED, &red);
    /* November 2026: Sundays on the 1st, 8th, 15th, 22nd, 29th. */
    int64_t first = day("2026-11-01"), last = day("2026-11-30");
    struct care_tally t = {0};
    care_tally_ended(&orange, 0, CARE_DAY_OPEN, NULL, 0, first, last, &t);
    assert_int_equal(t.periods_due, 5);
    assert_int_equal(t.periods_met, 0);
    assert_int_equal(t.visits_required, 25);
    /* Through the 21st only: the 1st, 8th and 15th. */
    struct care_tally u = {0};
    care_tally_ended(&orange, 0, CARE_DAY_OPEN, NULL, 0, first, day("2026-11-21"), &u);
    assert_int_equal(u.periods_due, 3);
    /* A red tier from the 20th: eleven days, two visited. */
    struct care_visit_day v[] = {{day("2026-11-19"), false}, {day("2026-11-20"), false},
                                 {day("2026-11-30"), false}};
    struct care_tally r = {0};
    care_tally_ended(&red, day("2026-11-20"), CARE_DAY_OPEN, v, 3, first, last, &r);
    assert_int_equal(r.periods_due, 11);
    assert_int_equal(r.periods_met, 2);
    assert_int_equal(r.visits_made, 2);
    char rate[16];
    care_rate_text(2, 11, rate, sizeof rate);
    assert_string_equal(rate, "18.2");
    care_rate_text(1, 8, rate, sizeof rate); /* 12.5 exactly */
    assert_string_equal(rate, "12.5");
    care_rate_text(0, 0, rate, sizeof rate);
    assert_string_equal(rate, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(local_days_turn_at_midnight_utc8),
        cmocka_unit_test(weeks_run_monday_to_sunday),
        cmocka_unit_test(half_months_and_month_ends),
        cmocka_unit_test(a_tier_starting_part_way_owes_in_proportion),
        cmocka_unit_test(five_plus_two),
        cmocka_unit_test(a_red_week),
        cmocka_unit_test(a_month_tallied),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
