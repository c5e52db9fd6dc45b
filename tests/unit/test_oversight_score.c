/* The red-black list's arithmetic (src/oversight/score.c, quarter.c), the
 * tracking code (tracking.c) and the complaint steps (complaint_rules.c):
 * plain functions, checked on values worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/err.h"
#include "oversight/complaint_rules.h"
#include "oversight/quarter.h"
#include "oversight/score.h"
#include "oversight/tracking.h"
#include "wostats/days.h"

static struct oversight_inputs company(int64_t id, int64_t orders, int64_t on_time, int64_t due,
                                       int64_t fixed, int64_t closed, int64_t happy, int64_t rated,
                                       int64_t tp_sum, int64_t tp_n, int64_t upheld, int64_t partly)
{
    return (struct oversight_inputs){.org_id = id, .orders = orders,
                                     .on_time = {on_time, due}, .resolution = {fixed, closed},
                                     .satisfaction = {happy, rated}, .third_party_sum = tp_sum,
                                     .third_party_count = tp_n, .upheld = upheld,
                                     .partly_upheld = partly};
}

static void the_default_formula_by_hand(void **state)
{
    (void)state;
    struct oversight_formula f = oversight_formula_default();
    assert_null(oversight_formula_check(&f));
    /* 30 × 5/6 = 25; 20 × 2/3 = 13.3333 (13.33333… rounded); 30 × 3/4 = 22.5;
     * 20 × (80 + 71)/200 = 15.1; one upheld: -5, one partly: -2. */
    struct oversight_inputs in = company(1, 6, 5, 6, 4, 6, 3, 4, 151, 2, 1, 1);
    struct oversight_score s;
    oversight_score(&f, &in, &s);
    assert_int_equal(s.unjudged, 0);
    assert_int_equal(s.on_time, 250000);
    assert_int_equal(s.resolution, 133333);
    assert_int_equal(s.satisfaction, 225000);
    assert_int_equal(s.third_party, 151000);
    assert_int_equal(s.penalty, 70000);
    assert_int_equal(s.total, 250000 + 133333 + 225000 + 151000 - 70000);
    char text[24];
    oversight_score_text(s.total, text, sizeof text);
    assert_string_equal(text, "68.9333");
    oversight_score_text(-12345, text, sizeof text);
    assert_string_equal(text, "-1.2345");
}

static void each_term_rounds_half_up(void **state)
{
    (void)state;
    struct oversight_formula f = {.w_on_time = 100, .min_orders = 1, .list_size = 1};
    assert_null(oversight_formula_check(&f));
    struct oversight_inputs in = company(1, 3, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0);
    struct oversight_score s;
    oversight_score(&f, &in, &s);
    assert_int_equal(s.total, 666667); /* 66.66666… */
    in.on_time = (struct wostats_ratio){1, 8};
    oversight_score(&f, &in, &s);
    assert_int_equal(s.total, 125000); /* 12.5 exactly */
    in.on_time = (struct wostats_ratio){1, 80000}; /* 0.00125: the half rounds up */
    oversight_score(&f, &in, &s);
    assert_int_equal(s.total, 13);
}

static void too_few_or_missing_data_is_not_judged(void **state)
{
    (void)state;
    struct oversight_formula f = oversight_formula_default();
    struct oversight_score s;
    struct oversight_inputs few = company(1, 4, 4, 4, 4, 4, 4, 4, 100, 1, 0, 0);
    oversight_score(&f, &few, &s);
    assert_int_equal(s.unjudged, OVERSIGHT_TOO_FEW_ORDERS);
    assert_int_equal(s.total, 0);
    struct oversight_inputs unrated = company(2, 9, 4, 9, 4, 9, 0, 0, 0, 0, 0, 0);
    oversight_score(&f, &unrated, &s);
    assert_int_equal(s.unjudged, OVERSIGHT_NO_RATED_ORDERS | OVERSIGHT_NO_THIRD_PARTY);
    assert_string_equal(oversight_unjudged_name(OVERSIGHT_NO_RATED_ORDERS), "no_rated_orders");
    /* A weight of 0 asks nothing of its data. */
    f.w_satisfaction = 0;
    f.w_third_party = 0;
    f.w_on_time = 80;
    oversight_score(&f, &unrated, &s);
    assert_int_equal(s.unjudged, 0);
}

static void the_formula_is_checked(void **state)
{
    (void)state;
    struct oversight_formula f = oversight_formula_default();
    f.w_on_time = 31;
    assert_string_equal(oversight_formula_check(&f), "weights");
    f = oversight_formula_default();
    f.min_orders = 0;
    assert_string_equal(oversight_formula_check(&f), "min_orders");
    f = oversight_formula_default();
    f.penalty_upheld = -1;
    assert_string_equal(oversight_formula_check(&f), "penalty_upheld");
    f = oversight_formula_default();
    f.list_size = 51;
    assert_string_equal(oversight_formula_check(&f), "list_size");
}

static void the_lists_never_share_a_company(void **state)
{
    (void)state;
    struct oversight_formula f = oversight_formula_default();
    struct oversight_inputs in[] = {
        company(10, 6, 6, 6, 6, 6, 6, 6, 90, 1, 0, 0), /* 30+20+30+18 = 98 */
        company(11, 6, 3, 6, 5, 6, 4, 5, 80, 1, 0, 0),
        company(12, 2, 2, 2, 2, 2, 2, 2, 100, 1, 0, 0), /* too few: apart */
        company(13, 6, 1, 6, 4, 6, 1, 4, 60, 1, 1, 0),
        company(14, 6, 3, 6, 5, 6, 4, 5, 80, 1, 0, 0), /* the same score as 11 */
        company(15, 6, 3, 6, 5, 6, 4, 5, 85, 1, 0, 1), /* 1 point more, 2 off */
    };
    struct oversight_score s[6];
    for (int i = 0; i < 6; i++)
        oversight_score(&f, &in[i], &s[i]);
    size_t order[6], nranked, nlist;
    oversight_rank(in, s, 6, f.list_size, order, &nranked, &nlist);
    assert_int_equal(nranked, 5);
    assert_int_equal(nlist, 2); /* 3 asked, but half of 5 is 2 */
    assert_int_equal(in[order[0]].org_id, 10);
    assert_int_equal(in[order[1]].org_id, 11); /* tied with 14: the smaller id */
    assert_int_equal(in[order[2]].org_id, 14);
    assert_int_equal(in[order[3]].org_id, 15);
    assert_int_equal(in[order[4]].org_id, 13);
    oversight_rank(in, s, 6, 1, order, &nranked, &nlist);
    assert_int_equal(nlist, 1);
    oversight_rank(in, s, 1, 3, order, &nranked, &nlist);
    assert_int_equal(nranked, 1);
    assert_int_equal(nlist, 0); /* one company is on neither list */
}

static void quarters_and_their_days(void **state)
{
    (void)state;
    int32_t first, last, d;
    assert_int_equal(oversight_quarter_parse("2026Q3", &first, &last), HW_OK);
    assert_int_equal(wostats_day_parse("2026-07-01", &d), HW_OK);
    assert_int_equal(first, d);
    assert_int_equal(wostats_day_parse("2026-09-30", &d), HW_OK);
    assert_int_equal(last, d);
    assert_int_equal(oversight_quarter_parse("2024Q4", &first, &last), HW_OK);
    assert_int_equal(wostats_day_parse("2024-12-31", &d), HW_OK);
    assert_int_equal(last, d);
    assert_int_equal(oversight_quarter_parse("2026Q5", &first, &last), HW_EINVAL);
    assert_int_equal(oversight_quarter_parse("26Q1", &first, &last), HW_EINVAL);
    assert_int_equal(oversight_quarter_parse(NULL, &first, &last), HW_EINVAL);
    assert_int_equal(oversight_quarter_parse("1970Q1", &first, &last), HW_EINVAL);
    assert_int_equal(oversight_quarter_parse("2000Q1", &first, &last), HW_OK);
    char q[OVERSIGHT_QUARTER_SIZE];
    assert_int_equal(wostats_day_parse("2026-11-30", &d), HW_OK);
    oversight_quarter_before(d, q);
    assert_string_equal(q, "2026Q3");
    assert_int_equal(wostats_day_parse("2026-02-01", &d), HW_OK);
    oversight_quarter_before(d, q);
    assert_string_equal(q, "2025Q4");
    assert_int_equal(wostats_day_parse("2026-07-01", &d), HW_OK);
    oversight_quarter_before(d, q);
    assert_string_equal(q, "2026Q2");
}

static void tracking_codes_read_back_as_typed(void **state)
{
    (void)state;
    char a[OVERSIGHT_CODE_SIZE], b[OVERSIGHT_CODE_SIZE];
    assert_int_equal(oversight_code_new(a), HW_OK);
    assert_int_equal(oversight_code_new(b), HW_OK);
    assert_int_equal(strlen(a), 19);
    assert_string_not_equal(a, b);
    char h1[OVERSIGHT_CODE_HASH_SIZE], h2[OVERSIGHT_CODE_HASH_SIZE];
    assert_int_equal(oversight_code_hash("7K3M-Q9TB-2H8W-XN10", h1), HW_OK);
    /* Lower case, no dashes, O for 0 and l for 1: the same code. */
    assert_int_equal(oversight_code_hash("7k3m q9tb 2h8w xnlo", h2), HW_OK);
    assert_string_equal(h1, h2);
    assert_int_equal(strlen(h1), 64);
    assert_int_equal(oversight_code_hash("7K3M-Q9TB-2H8W-XN1", h2), HW_EINVAL);
    assert_int_equal(oversight_code_hash("7K3M-Q9TB-2H8W-XN1U", h2), HW_EINVAL); /* no U */
    assert_int_equal(oversight_code_hash("7K3M-Q9TB-2H8W-XN100", h2), HW_EINVAL);
}

static void steps_go_in_order(void **state)
{
    (void)state;
    enum oversight_status next;
    assert_int_equal(oversight_step_next(OVERSIGHT_RECEIVED, OVERSIGHT_STEP_FIND, &next),
                     HW_ECONFLICT);
    assert_int_equal(oversight_step_next(OVERSIGHT_RECEIVED, OVERSIGHT_STEP_VERIFY, &next), HW_OK);
    assert_int_equal(next, OVERSIGHT_VERIFYING);
    assert_int_equal(oversight_step_next(OVERSIGHT_VERIFYING, OVERSIGHT_STEP_VERIFY, &next), HW_OK);
    assert_int_equal(oversight_step_next(OVERSIGHT_VERIFYING, OVERSIGHT_STEP_ACT, &next),
                     HW_ECONFLICT);
    assert_int_equal(oversight_step_next(OVERSIGHT_VERIFYING, OVERSIGHT_STEP_FIND, &next), HW_OK);
    assert_int_equal(next, OVERSIGHT_FOUND);
    assert_int_equal(oversight_step_next(OVERSIGHT_FOUND, OVERSIGHT_STEP_FIND, &next),
                     HW_ECONFLICT);
    assert_int_equal(oversight_step_next(OVERSIGHT_FOUND, OVERSIGHT_STEP_ACT, &next), HW_OK);
    assert_int_equal(next, OVERSIGHT_CLOSED);
    assert_int_equal(oversight_step_next(OVERSIGHT_CLOSED, OVERSIGHT_STEP_VERIFY, &next),
                     HW_ECONFLICT);
}

static void a_filing_says_what_and_about_whom(void **state)
{
    (void)state;
    struct oversight_filing f = {.subject = OVERSIGHT_SUBJECT_COMPANY, .matter = "垃圾未清运"};
    assert_string_equal(oversight_filing_check(&f), "subject_org_id");
    f.subject_org_id = 3;
    assert_null(oversight_filing_check(&f));
    f.phone = "12345";
    assert_string_equal(oversight_filing_check(&f), "phone");
    f.phone = "13905110021";
    assert_null(oversight_filing_check(&f));
    f.matter = " \n ";
    assert_string_equal(oversight_filing_check(&f), "matter");
    f = (struct oversight_filing){.subject = OVERSIGHT_SUBJECT_FUND, .matter = "x"};
    assert_string_equal(oversight_filing_check(&f), "subject_text");
    f.subject_text = "维修资金";
    f.from_box = true;
    assert_string_equal(oversight_filing_check(&f), "box_place");
    f.box_place = "南门意见箱";
    assert_null(oversight_filing_check(&f));
    char long_matter[OVERSIGHT_MATTER_MAX + 2];
    memset(long_matter, 'a', sizeof long_matter - 1);
    long_matter[sizeof long_matter - 1] = '\0';
    f.matter = long_matter;
    assert_string_equal(oversight_filing_check(&f), "matter");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_default_formula_by_hand),
        cmocka_unit_test(each_term_rounds_half_up),
        cmocka_unit_test(too_few_or_missing_data_is_not_judged),
        cmocka_unit_test(the_formula_is_checked),
        cmocka_unit_test(the_lists_never_share_a_company),
        cmocka_unit_test(quarters_and_their_days),
        cmocka_unit_test(tracking_codes_read_back_as_typed),
        cmocka_unit_test(steps_go_in_order),
        cmocka_unit_test(a_filing_says_what_and_about_whom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
