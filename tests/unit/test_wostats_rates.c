/* Work-order statistics arithmetic (src/wostats/rates.c): the rates'
 * numerators and denominators (docs/domain.md WS-1 to WS-3) at their edges,
 * and medians. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/err.h"
#include "wostats/rates.h"

enum { T0 = 1800000000, ON_SITE_S = 300, RESOLVE_S = 10800 };

/* A general order reported at T0 under 54321, nothing done yet. */
static struct wostats_order fresh(void)
{
    return (struct wostats_order){
        .clock_start_at = T0, .due = {T0 + ON_SITE_S, T0 + RESOLVE_S}, .closed_level = -1};
}

/* Closed with outcome at T0 + at, at the grid. */
static struct wostats_order closed(enum wostats_outcome outcome, int64_t at)
{
    struct wostats_order o = fresh();
    o.closed = true;
    o.outcome = outcome;
    o.closed_at = T0 + at;
    o.closed_level = WOSTATS_GRID;
    return o;
}

static void check(struct wostats_ratio r, int64_t num, int64_t den)
{
    assert_int_equal(r.num, num);
    assert_int_equal(r.den, den);
}

static void no_orders_no_rates(void **state)
{
    (void)state;
    struct wostats_figures f = {0};
    for (int i = 0; i < WOSTATS_RATE_COUNT; i++) {
        double v = -1;
        assert_false(wostats_ratio_value(f.rates[i], &v));
        assert_true(v == -1);
    }
    int64_t m = -1;
    assert_false(wostats_median(NULL, 0, &m));
    assert_int_equal(m, -1);
}

static void all_not_fixed_is_zero_resolution(void **state)
{
    (void)state;
    struct wostats_figures f = {0};
    for (int i = 0; i < 4; i++) {
        struct wostats_order o = closed(WOSTATS_NOT_FIXED, 600);
        wostats_count(&f, &o, T0 + 1000);
    }
    assert_int_equal(f.closed, 4);
    assert_int_equal(f.not_fixed, 4);
    check(f.rates[WOSTATS_RESOLUTION], 0, 4);
    double v = -1;
    assert_true(wostats_ratio_value(f.rates[WOSTATS_RESOLUTION], &v));
    assert_true(v == 0.0);
    /* Closing them quickly is on time, and still not a fix. */
    check(f.rates[WOSTATS_CLOSED_ON_TIME], 4, 4);
}

static void closing_unfixed_lowers_resolution(void **state)
{
    (void)state;
    struct wostats_figures f = {0};
    struct wostats_order fixed = closed(WOSTATS_FIXED, 600),
                         unfixed = closed(WOSTATS_NOT_FIXED, 600),
                         not_ours = closed(WOSTATS_NOT_OURS, 600), open = fresh();
    wostats_count(&f, &fixed, T0 + 700);
    wostats_count(&f, &open, T0 + 700);
    check(f.rates[WOSTATS_RESOLUTION], 1, 1);
    wostats_count(&f, &unfixed, T0 + 700);
    wostats_count(&f, &not_ours, T0 + 700);
    check(f.rates[WOSTATS_RESOLUTION], 1, 3);
    assert_int_equal(f.not_ours, 1);
}

static void duplicates_are_left_out(void **state)
{
    (void)state;
    struct wostats_figures f = {0};
    struct wostats_order dup = closed(WOSTATS_DUPLICATE, 10), fixed = closed(WOSTATS_FIXED, 100);
    dup.rating = 1;
    dup.reopen_count = 1;
    dup.on_site_at = T0 + 9999; /* late, were it counted */
    wostats_count(&f, &dup, T0 + 20000);
    wostats_count(&f, &fixed, T0 + 20000);
    assert_int_equal(f.received, 2);
    assert_int_equal(f.duplicates, 1);
    assert_int_equal(f.orders, 1);
    assert_int_equal(f.closed, 1);
    check(f.rates[WOSTATS_RESOLUTION], 1, 1);
    check(f.rates[WOSTATS_SATISFACTION], 0, 0);
    check(f.rates[WOSTATS_REOPEN], 0, 1);
    assert_int_equal(f.closed_levels[WOSTATS_GRID], 1);
    int64_t s;
    assert_false(wostats_on_site_s(&dup, &s));
}

static void clocks_at_their_deadlines(void **state)
{
    (void)state;
    struct wostats_order o = fresh();
    /* Running: undecided until the second after the deadline. */
    assert_int_equal(wostats_clock_met(&o, WOSTATS_ON_SITE, T0 + ON_SITE_S), -1);
    assert_int_equal(wostats_clock_met(&o, WOSTATS_ON_SITE, T0 + ON_SITE_S + 1), 0);
    o.on_site_at = T0 + ON_SITE_S; /* arrived at the last second */
    assert_int_equal(wostats_clock_met(&o, WOSTATS_ON_SITE, T0 + 99999), 1);
    o.on_site_at = T0 + ON_SITE_S + 1;
    assert_int_equal(wostats_clock_met(&o, WOSTATS_ON_SITE, T0 + 99999), 0);
    /* Suspended before the deadline: the clock stands still there. */
    struct wostats_order s = fresh();
    s.suspended = true;
    s.suspended_at = T0 + 100;
    assert_int_equal(wostats_clock_met(&s, WOSTATS_ON_SITE, T0 + 99999), -1);
    /* Closed without arriving: missed only once it was due. */
    struct wostats_order early = closed(WOSTATS_NOT_FIXED, 100),
                         late = closed(WOSTATS_NOT_FIXED, 400);
    assert_int_equal(wostats_clock_met(&early, WOSTATS_ON_SITE, T0 + 99999), -1);
    assert_int_equal(wostats_clock_met(&late, WOSTATS_ON_SITE, T0 + 99999), 0);
    /* A difficult order's resolve clock stops at its plan. */
    struct wostats_order d = fresh();
    d.difficult = true;
    d.plan_at = T0 + 50;
    assert_int_equal(wostats_clock_met(&d, WOSTATS_RESOLVE, T0 + 99999), 1);
}

static void closed_on_time_and_difficult_orders(void **state)
{
    (void)state;
    struct wostats_figures f = {0};
    struct wostats_order in_time = closed(WOSTATS_FIXED, RESOLVE_S),
                         late = closed(WOSTATS_FIXED, RESOLVE_S + 1), open_due = fresh(),
                         open_running = fresh(), difficult = closed(WOSTATS_FIXED, 999999);
    open_running.due[WOSTATS_RESOLVE] = T0 + 10 * RESOLVE_S;
    difficult.difficult = true;
    int64_t now = T0 + 2 * RESOLVE_S;
    wostats_count(&f, &in_time, now);
    wostats_count(&f, &late, now);
    wostats_count(&f, &open_due, now);     /* past its deadline, open: counts against */
    wostats_count(&f, &open_running, now); /* not yet due: in neither part */
    wostats_count(&f, &difficult, now);    /* a plan's deadline only: left out */
    check(f.rates[WOSTATS_CLOSED_ON_TIME], 1, 3);
}

static void satisfaction_reopen_sendback(void **state)
{
    (void)state;
    struct wostats_figures f = {0};
    int ratings[] = {0, 1, 3, 4, 5};
    for (size_t i = 0; i < sizeof ratings / sizeof ratings[0]; i++) {
        struct wostats_order o = fresh();
        o.rating = ratings[i];
        o.reopen_count = i == 1 ? 2 : 0;
        o.sendback_count = i >= 3;
        wostats_count(&f, &o, T0);
    }
    check(f.rates[WOSTATS_SATISFACTION], 2, 4);
    check(f.rates[WOSTATS_REOPEN], 1, 5);
    check(f.rates[WOSTATS_SENDBACK], 2, 5);
    double v;
    assert_true(wostats_ratio_value(f.rates[WOSTATS_SENDBACK], &v));
    assert_true(v == 0.4);
    struct wostats_ratio third = {1, 3};
    assert_true(wostats_ratio_value(third, &v));
    assert_true(v == 0.3333);
    struct wostats_ratio two_thirds = {2, 3};
    assert_true(wostats_ratio_value(two_thirds, &v));
    assert_true(v == 0.6667);
}

static void medians(void **state)
{
    (void)state;
    int64_t odd[] = {300, 100, 200}, even[] = {400, 100, 200, 301}, one[] = {7}, two[] = {1, 2};
    int64_t m;
    assert_true(wostats_median(odd, 3, &m));
    assert_int_equal(m, 200);
    assert_true(wostats_median(even, 4, &m)); /* (200 + 301) / 2, rounded down */
    assert_int_equal(m, 250);
    assert_true(wostats_median(one, 1, &m));
    assert_int_equal(m, 7);
    assert_true(wostats_median(two, 2, &m));
    assert_int_equal(m, 1);
    /* Times run from the clocks' start: the last reopening, not the report. */
    struct wostats_order o = fresh();
    o.clock_start_at = T0 + 5000;
    o.on_site_at = T0 + 5120;
    assert_true(wostats_on_site_s(&o, &m));
    assert_int_equal(m, 120);
    assert_false(wostats_resolved_s(&o, &m));
}

static void names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < WOSTATS_RATE_COUNT; i++) {
        enum wostats_rate r;
        assert_int_equal(wostats_rate_parse(wostats_rate_name((enum wostats_rate)i), &r), HW_OK);
        assert_int_equal(r, i);
    }
    enum wostats_rate r;
    assert_int_equal(wostats_rate_parse("speed", &r), HW_EINVAL);
    assert_int_equal(wostats_level_parse("community"), WOSTATS_COMMUNITY);
    assert_int_equal(wostats_level_parse(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_orders_no_rates),
        cmocka_unit_test(all_not_fixed_is_zero_resolution),
        cmocka_unit_test(closing_unfixed_lowers_resolution),
        cmocka_unit_test(duplicates_are_left_out),
        cmocka_unit_test(clocks_at_their_deadlines),
        cmocka_unit_test(closed_on_time_and_difficult_orders),
        cmocka_unit_test(satisfaction_reopen_sendback),
        cmocka_unit_test(medians),
        cmocka_unit_test(names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
