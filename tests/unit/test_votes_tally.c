/* Civil Code art. 278's double majority at every boundary, in exact
 * integers (docs/api-votes.md, "The arithmetic"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/err.h"
#include "votes/matter.h"
#include "votes/tally.h"

enum { M2 = 10000 }; /* cm2 in one m2 */

static struct vote_result result(struct vote_tally t, bool special)
{
    struct vote_result r;
    assert_int_equal(vote_result_compute(&t, special, &r), HW_OK);
    return r;
}

static void exactly_two_thirds_takes_part(void **state)
{
    (void)state;
    /* 300 m2 and 3 owners; 200 m2 and 2 owners vote yes: exactly 2/3 of each. */
    struct vote_tally t = {.electorate = {300 * M2, 3}, .yes = {200 * M2, 2}};
    struct vote_result r = result(t, false);
    assert_true(r.met[VOTE_TURNOUT_AREA]);
    assert_true(r.met[VOTE_TURNOUT_HEADS]);
    assert_true(r.valid);
    assert_true(r.passed);
    /* One square centimetre short of 2/3 of the area. */
    t.yes.area_cm2 = 200 * M2 - 1;
    r = result(t, false);
    assert_false(r.met[VOTE_TURNOUT_AREA]);
    assert_true(r.met[VOTE_TURNOUT_HEADS]);
    assert_false(r.valid);
    assert_false(r.passed);
}

static void two_thirds_of_the_area_but_not_of_the_heads(void **state)
{
    (void)state;
    /* 9 owners, 900 m2: one owner of 600 m2 is exactly 2/3 of the area, 1/9 of heads. */
    struct vote_tally t = {.electorate = {900 * M2, 9}, .yes = {600 * M2, 1}};
    struct vote_result r = result(t, false);
    assert_true(r.met[VOTE_TURNOUT_AREA]);
    assert_false(r.met[VOTE_TURNOUT_HEADS]);
    assert_true(r.met[VOTE_APPROVAL_AREA]);
    assert_true(r.met[VOTE_APPROVAL_HEADS]);
    assert_false(r.valid);
    assert_false(r.passed);
    /* 6 of 9 heads is exactly 2/3 again. */
    t.yes.heads = 6;
    assert_true(result(t, false).valid);
}

static void exactly_three_quarters_passes_a_special_matter(void **state)
{
    (void)state;
    /* Everyone takes part: 3 of 4 owners, 300 of 400 m2 agree. */
    struct vote_tally t = {.electorate = {400 * M2, 4}, .yes = {300 * M2, 3}, .no = {100 * M2, 1}};
    struct vote_result r = result(t, true);
    assert_true(r.met[VOTE_APPROVAL_AREA]);
    assert_true(r.met[VOTE_APPROVAL_HEADS]);
    assert_true(r.passed);
    assert_int_equal(r.threshold[VOTE_APPROVAL_AREA].num, 3);
    assert_int_equal(r.threshold[VOTE_APPROVAL_AREA].den, 4);
    /* One square centimetre moved from yes to no: short of 3/4 of the area. */
    t.yes.area_cm2 -= 1;
    t.no.area_cm2 += 1;
    r = result(t, true);
    assert_false(r.met[VOTE_APPROVAL_AREA]);
    assert_true(r.met[VOTE_APPROVAL_HEADS]);
    assert_false(r.passed);
    /* The same ballots pass an ordinary matter. */
    assert_true(result(t, false).passed);
}

static void exactly_half_does_not_pass_an_ordinary_matter(void **state)
{
    (void)state;
    struct vote_tally t = {.electorate = {400 * M2, 4}, .yes = {200 * M2, 2}, .no = {200 * M2, 2}};
    struct vote_result r = result(t, false);
    assert_true(r.valid);
    assert_false(r.met[VOTE_APPROVAL_AREA]);
    assert_false(r.met[VOTE_APPROVAL_HEADS]);
    assert_false(r.passed);
    /* One square centimetre more than half of the area, but still half of the heads. */
    t.yes.area_cm2 += 1;
    t.no.area_cm2 -= 1;
    r = result(t, false);
    assert_true(r.met[VOTE_APPROVAL_AREA]);
    assert_false(r.met[VOTE_APPROVAL_HEADS]);
    assert_false(r.passed);
}

static void an_abstention_takes_part_but_is_no_yes(void **state)
{
    (void)state;
    /* 3 owners of 100 m2 each: 2 yes and 1 abstention pass; the abstention
     * counts towards taking part and towards the approval denominator. */
    struct vote_tally t = {.electorate = {300 * M2, 3}, .yes = {100 * M2, 1},
                           .abstain = {100 * M2, 1}};
    struct vote_result r = result(t, false);
    assert_true(r.valid); /* 2 of 3 take part */
    assert_int_equal(r.taking_part.heads, 2);
    assert_false(r.met[VOTE_APPROVAL_HEADS]); /* 1 of 2 is exactly half */
    assert_false(r.passed);
    t.yes = (struct vote_weight){200 * M2, 2};
    t.abstain = (struct vote_weight){100 * M2, 1};
    r = result(t, true); /* 2 of 3 is short of 3/4 */
    assert_false(r.met[VOTE_APPROVAL_HEADS]);
    assert_false(r.passed);
    assert_true(result(t, false).passed);
}

static void nobody_taking_part_passes_nothing(void **state)
{
    (void)state;
    struct vote_tally t = {.electorate = {100 * M2, 1}};
    struct vote_result r = result(t, false);
    for (int c = 0; c < VOTE_CONDITIONS; c++)
        assert_false(r.met[c]);
    assert_false(vote_share_reaches(0, 0, &r.threshold[VOTE_TURNOUT_AREA]));
}

static void impossible_counts_are_refused(void **state)
{
    (void)state;
    struct vote_result r;
    struct vote_tally more = {.electorate = {100 * M2, 1}, .yes = {100 * M2, 2}};
    assert_int_equal(vote_result_compute(&more, false, &r), HW_EINVAL);
    struct vote_tally negative = {.electorate = {100 * M2, 1}, .no = {-1, 0}};
    assert_int_equal(vote_result_compute(&negative, false, &r), HW_EINVAL);
    struct vote_tally huge = {.electorate = {VOTE_AREA_MAX_CM2 + 1, 1}};
    assert_int_equal(vote_result_compute(&huge, false, &r), HW_ELIMIT);
    /* The largest areas still compare exactly. */
    struct vote_tally big = {.electorate = {VOTE_AREA_MAX_CM2 - 1, 3},
                             .yes = {(VOTE_AREA_MAX_CM2 - 1) / 3 * 2, 2}};
    assert_int_equal(vote_result_compute(&big, true, &r), HW_OK);
    assert_true(r.met[VOTE_TURNOUT_AREA]); /* exactly 2/3 of 999,999,999,999 cm2 */
    big.yes.area_cm2 -= 1;
    assert_int_equal(vote_result_compute(&big, true, &r), HW_OK);
    assert_false(r.met[VOTE_TURNOUT_AREA]);
}

static void items_six_to_eight_are_special(void **state)
{
    (void)state;
    size_t n;
    const struct vote_matter *m = vote_matters(&n);
    assert_int_equal(n, 9);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(m[i].item, (int)i + 1);
        assert_int_equal(m[i].special, m[i].item >= 6 && m[i].item <= 8);
    }
    assert_true(vote_matter_find("rebuild")->special);
    assert_false(vote_matter_find("use_maintenance_fund")->special);
    assert_null(vote_matter_find("nonsense"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exactly_two_thirds_takes_part),
        cmocka_unit_test(two_thirds_of_the_area_but_not_of_the_heads),
        cmocka_unit_test(exactly_three_quarters_passes_a_special_matter),
        cmocka_unit_test(exactly_half_does_not_pass_an_ordinary_matter),
        cmocka_unit_test(an_abstention_takes_part_but_is_no_yes),
        cmocka_unit_test(nobody_taking_part_passes_nothing),
        cmocka_unit_test(impossible_counts_are_refused),
        cmocka_unit_test(items_six_to_eight_are_special),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
