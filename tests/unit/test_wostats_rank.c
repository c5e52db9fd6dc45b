/* Rankings and the trend's days (src/wostats/rank.c, days.c): units under
 * the minimum are left out (docs/domain.md WS-5); weeks start on Monday,
 * months on the first, days are UTC+8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/err.h"
#include "wostats/days.h"
#include "wostats/rank.h"

static void one_lucky_order_does_not_top_the_list(void **state)
{
    (void)state;
    struct wostats_rank_in units[] = {
        {.id = 7, .ratio = {1, 1}},  /* 100 %, one order */
        {.id = 3, .ratio = {8, 10}}, /* 80 % */
        {.id = 0, .ratio = {9, 9}},  /* orders without a unit: never ranked */
        {.id = 5, .ratio = {9, 10}}, /* 90 % */
        {.id = 4, .ratio = {4, 5}},  /* 80 %, fewer orders than unit 3 */
        {.id = 2, .ratio = {0, 0}},  /* nothing to rate */
    };
    size_t ranked[6], left[6], nranked, nleft;
    wostats_rank(units, 6, WOSTATS_RESOLUTION, 5, ranked, &nranked, left, &nleft);
    assert_int_equal(nranked, 3);
    assert_int_equal(units[ranked[0]].id, 5);
    assert_int_equal(units[ranked[1]].id, 3); /* a tie: the larger denominator first */
    assert_int_equal(units[ranked[2]].id, 4);
    assert_int_equal(nleft, 2);
    assert_int_equal(units[left[0]].id, 2); /* in id order */
    assert_int_equal(units[left[1]].id, 7);
    /* With a minimum of 1 the lucky one leads. */
    wostats_rank(units, 6, WOSTATS_RESOLUTION, 1, ranked, &nranked, left, &nleft);
    assert_int_equal(units[ranked[0]].id, 7);
    assert_int_equal(nleft, 1);
}

static void failures_rank_lowest_first(void **state)
{
    (void)state;
    struct wostats_rank_in units[] = {
        {.id = 1, .ratio = {3, 10}}, {.id = 2, .ratio = {0, 10}}, {.id = 3, .ratio = {1, 10}}};
    size_t ranked[3], left[3], nranked, nleft;
    wostats_rank(units, 3, WOSTATS_REOPEN, 5, ranked, &nranked, left, &nleft);
    assert_int_equal(nranked, 3);
    assert_int_equal(units[ranked[0]].id, 2);
    assert_int_equal(units[ranked[1]].id, 3);
    assert_int_equal(units[ranked[2]].id, 1);
    wostats_rank(units, 0, WOSTATS_REOPEN, 5, ranked, &nranked, left, &nleft);
    assert_int_equal(nranked, 0);
    assert_int_equal(nleft, 0);
}

static void local_days(void **state)
{
    (void)state;
    int32_t d;
    assert_int_equal(wostats_day_parse("2026-11-21", &d), HW_OK);
    char out[WOSTATS_DATE_SIZE];
    wostats_day_format(d, out);
    assert_string_equal(out, "2026-11-21");
    /* 2026-11-21 00:00+08:00 is 2026-11-20T16:00:00Z, epoch 1795190400. */
    int64_t midnight = wostats_day_start(d);
    assert_int_equal(midnight, 1795190400);
    assert_int_equal(wostats_day_of(midnight), d);
    assert_int_equal(wostats_day_of(midnight - 1), d - 1);
    assert_int_equal(wostats_day_parse("2026-02-29", &d), HW_EINVAL);
    assert_int_equal(wostats_day_parse("2024-02-29", &d), HW_OK);
    wostats_day_format(d + 1, out);
    assert_string_equal(out, "2024-03-01");
}

static void buckets(void **state)
{
    (void)state;
    int32_t sat, mon, dec31;
    assert_int_equal(wostats_day_parse("2026-11-21", &sat), HW_OK); /* a Saturday */
    assert_int_equal(wostats_day_parse("2026-11-16", &mon), HW_OK);
    assert_int_equal(wostats_bucket_start(WOSTATS_BUCKET_WEEK, sat), mon);
    assert_int_equal(wostats_bucket_start(WOSTATS_BUCKET_WEEK, mon), mon);
    assert_int_equal(wostats_bucket_next(WOSTATS_BUCKET_WEEK, mon), mon + 7);
    assert_int_equal(wostats_day_parse("2026-12-31", &dec31), HW_OK);
    char out[WOSTATS_DATE_SIZE];
    wostats_day_format(wostats_bucket_start(WOSTATS_BUCKET_MONTH, dec31), out);
    assert_string_equal(out, "2026-12-01");
    wostats_day_format(wostats_bucket_next(WOSTATS_BUCKET_MONTH, dec31 - 30), out);
    assert_string_equal(out, "2027-01-01");
    assert_int_equal(wostats_bucket_for(31), WOSTATS_BUCKET_DAY);
    assert_int_equal(wostats_bucket_for(32), WOSTATS_BUCKET_WEEK);
    assert_int_equal(wostats_bucket_for(185), WOSTATS_BUCKET_MONTH);
    enum wostats_bucket b;
    assert_int_equal(wostats_bucket_parse("year", &b), HW_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_lucky_order_does_not_top_the_list),
        cmocka_unit_test(failures_rank_lowest_first),
        cmocka_unit_test(local_days),
        cmocka_unit_test(buckets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
