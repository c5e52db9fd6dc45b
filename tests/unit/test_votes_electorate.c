/* Who counts and for how much (法释〔2009〕7号 arts. 8-9): one head per
 * unit, one for all of a buyer's units, one for the developer's unsold units,
 * one ballot for a co-owned unit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/err.h"
#include "votes/electorate.h"
#include "votes/tally.h"

enum { M2 = 10000 };

static const int64_t zhang[] = {11}, li[] = {12}, wang_and_zhao[] = {13, 14}, zhao[] = {14};

static void a_buyer_of_three_units_is_one_head(void **state)
{
    (void)state;
    struct vote_unit u[] = {
        {101, 90 * M2, false, zhang, 1},
        {102, 80 * M2, false, li, 1},
        {201, 90 * M2, false, zhang, 1},
        {202, 120 * M2, false, zhang, 1},
    };
    struct vote_electorate e;
    assert_int_equal(vote_electorate_count(u, 4, &e), HW_OK);
    assert_int_equal(e.nheads, 2);
    assert_int_equal(e.head_of[0], 0);
    assert_int_equal(e.head_of[2], 0);
    assert_int_equal(e.head_of[3], 0);
    assert_int_equal(e.head_of[1], 1);
    assert_int_equal(e.heads[0].area_cm2, 300 * M2);
    assert_int_equal(e.heads[0].units, 3);
    assert_int_equal(e.area_cm2, 380 * M2);
    assert_int_equal(e.flags, 0);
    /* Zhang alone takes part with 300 of 380 m2: the area is there, the heads are not. */
    struct vote_tally t = {.electorate = {e.area_cm2, (int64_t)e.nheads},
                           .yes = {e.heads[0].area_cm2, 1}};
    struct vote_result r;
    assert_int_equal(vote_result_compute(&t, false, &r), HW_OK);
    assert_true(r.met[VOTE_TURNOUT_AREA]);
    assert_false(r.met[VOTE_TURNOUT_HEADS]); /* 1 of 2 */
    vote_electorate_free(&e);
}

static void the_developers_unsold_units_are_one_head(void **state)
{
    (void)state;
    struct vote_unit u[] = {
        {101, 90 * M2, true, NULL, 0},
        {102, 80 * M2, false, li, 1},
        {301, 90 * M2, true, NULL, 0},
        {302, 95 * M2, true, NULL, 0},
    };
    struct vote_electorate e;
    assert_int_equal(vote_electorate_count(u, 4, &e), HW_OK);
    assert_int_equal(e.nheads, 2);
    assert_true(e.heads[0].developer);
    assert_int_equal(e.heads[0].units, 3);
    assert_int_equal(e.heads[0].area_cm2, 275 * M2);
    assert_false(e.heads[1].developer);
    assert_int_equal(e.flags, 0); /* no owner expected on an unsold unit */
    vote_electorate_free(&e);
}

static void a_co_owned_unit_is_one_head_and_joins_its_owners_other_units(void **state)
{
    (void)state;
    struct vote_unit u[] = {
        {101, 100 * M2, false, wang_and_zhao, 2}, /* co-owned */
        {102, 80 * M2, false, li, 1},
        {201, 60 * M2, false, zhao, 1}, /* Zhao's own unit: Zhao is one buyer */
    };
    struct vote_electorate e;
    assert_int_equal(vote_electorate_count(u, 3, &e), HW_OK);
    assert_int_equal(e.nheads, 2);
    assert_int_equal(e.head_of[0], e.head_of[2]);
    assert_int_equal(e.heads[e.head_of[0]].area_cm2, 160 * M2);
    /* Without Zhao's second unit the co-owned unit is one head by itself. */
    vote_electorate_free(&e);
    assert_int_equal(vote_electorate_count(u, 2, &e), HW_OK);
    assert_int_equal(e.nheads, 2);
    assert_int_equal(e.heads[0].units, 1);
    vote_electorate_free(&e);
}

static void gaps_in_the_register_are_flagged(void **state)
{
    (void)state;
    struct vote_unit u[] = {
        {101, 90 * M2, false, NULL, 0},  /* nobody registered: still a head */
        {102, -1, false, li, 1},         /* no area */
        {103, 70 * M2, true, zhang, 1},  /* the developer's, yet owned */
    };
    struct vote_electorate e;
    assert_int_equal(vote_electorate_count(u, 3, &e), HW_OK);
    assert_int_equal(e.nheads, 3);
    assert_int_equal(e.heads[0].flags, VOTE_FLAG_NO_OWNER);
    assert_int_equal(e.heads[1].flags, VOTE_FLAG_NO_AREA);
    assert_int_equal(e.heads[1].area_cm2, 0);
    assert_int_equal(e.heads[2].flags, VOTE_FLAG_DEVELOPER_OWNED);
    assert_int_equal(e.flagged[0], 1);
    assert_int_equal(e.flagged[1], 1);
    assert_int_equal(e.flagged[2], 1);
    assert_true(e.flags & VOTE_FLAGS_BLOCKING);
    assert_false(VOTE_FLAG_NO_OWNER & VOTE_FLAGS_BLOCKING);
    vote_electorate_free(&e);
    struct vote_unit bad[] = {{1, -2, false, NULL, 0}};
    assert_int_equal(vote_electorate_count(bad, 1, &e), HW_EINVAL);
    vote_electorate_free(&e);
    assert_int_equal(vote_electorate_count(NULL, 0, &e), HW_OK);
    assert_int_equal(e.nheads, 0);
    vote_electorate_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_buyer_of_three_units_is_one_head),
        cmocka_unit_test(the_developers_unsold_units_are_one_head),
        cmocka_unit_test(a_co_owned_unit_is_one_head_and_joins_its_owners_other_units),
        cmocka_unit_test(gaps_in_the_register_are_flagged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
