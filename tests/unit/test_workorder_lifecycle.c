/* The work-order transition table (src/workorder/lifecycle.c): every
 * status × action × capacity against the contract's table
 * (docs/api-workorders.md, "Transitions"), written out again here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/err.h"
#include "workorder/lifecycle.h"

enum { D = WO_AS_DISPATCHER, A = WO_AS_ASSIGNEE, G = WO_AS_GRABBER, R = WO_AS_REPORTER };

/* The expected answer for one cell, from the contract's table. */
static bool expected(const struct wo_facts *f, unsigned caps, enum wo_action a)
{
    enum wo_status s = f->status;
    bool d = caps & D, as = caps & A, g = caps & G, r = caps & R;
    bool working = s == WO_DISPATCHED || s == WO_TAKEN || s == WO_ON_SITE;
    switch (a) {
    case WO_ACT_DISPATCH: return s == WO_REPORTED && d;
    case WO_ACT_REASSIGN: return working && d;
    case WO_ACT_TAKE: return s == WO_DISPATCHED && (as || g);
    case WO_ACT_ARRIVE: return s == WO_TAKEN && as;
    case WO_ACT_PLAN: return s == WO_ON_SITE && (as || d) && f->difficult && !f->resolve_stopped;
    case WO_ACT_RESOLVE: return s == WO_ON_SITE && as;
    case WO_ACT_RATE: return s == WO_RESOLVED && r;
    case WO_ACT_VISIT: return (s == WO_RESOLVED || s == WO_RATED) && d;
    case WO_ACT_CLOSE: return s != WO_CLOSED && s != WO_SUSPENDED && d;
    case WO_ACT_SEND_BACK: return working && as;
    case WO_ACT_SUSPEND: return (s == WO_REPORTED || working) && (d || as);
    case WO_ACT_RESUME: return s == WO_SUSPENDED && (d || as);
    case WO_ACT_CLASSIFY: return s != WO_CLOSED && d;
    case WO_ACT_REOPEN:
        return (s == WO_RESOLVED || s == WO_RATED || (s == WO_CLOSED && !f->closed_duplicate)) &&
               (d || (r && f->within_reopen));
    case WO_ACT_MERGE: return s != WO_CLOSED && d;
    case WO_ACT_UNMERGE: return s == WO_CLOSED && f->closed_duplicate && d;
    default: return false;
    }
}

static void every_cell_matches_the_contract(void **state)
{
    (void)state;
    int allowed = 0, refused = 0;
    for (int s = 0; s < WO_STATUS_COUNT; s++)
        for (unsigned caps = 0; caps < 16; caps++)
            for (int flags = 0; flags < 16; flags++) {
                struct wo_facts f = {.status = (enum wo_status)s,
                                     .closed_duplicate = (flags & 1) && s == WO_CLOSED,
                                     .difficult = flags & 2,
                                     .resolve_stopped = flags & 4,
                                     .within_reopen = flags & 8};
                for (int a = 0; a < WO_ACTION_COUNT; a++) {
                    bool want = expected(&f, caps, (enum wo_action)a);
                    bool got = wo_action_allowed(&f, caps, (enum wo_action)a);
                    if (want != got)
                        fail_msg("%s by caps %u in %s: expected %d", wo_action_name(a), caps,
                                 wo_status_name(s), want);
                    want ? allowed++ : refused++;
                }
            }
    assert_true(allowed > 100 && refused > 1000);
}

static void nobody_may_do_anything_without_a_capacity(void **state)
{
    (void)state;
    enum wo_action out[WO_ACTION_COUNT];
    for (int s = 0; s < WO_STATUS_COUNT; s++) {
        struct wo_facts f = {.status = (enum wo_status)s, .within_reopen = true};
        assert_int_equal(wo_actions_allowed(&f, 0, out), 0);
    }
}

static void targets_follow_the_lifecycle(void **state)
{
    (void)state;
    struct wo_facts f = {.status = WO_REPORTED};
    assert_int_equal(wo_action_target(&f, WO_ACT_DISPATCH, WO_REPORTED), WO_DISPATCHED);
    f.status = WO_DISPATCHED;
    assert_int_equal(wo_action_target(&f, WO_ACT_TAKE, WO_REPORTED), WO_TAKEN);
    assert_int_equal(wo_action_target(&f, WO_ACT_SEND_BACK, WO_REPORTED), WO_REPORTED);
    f.status = WO_TAKEN;
    assert_int_equal(wo_action_target(&f, WO_ACT_ARRIVE, WO_REPORTED), WO_ON_SITE);
    assert_int_equal(wo_action_target(&f, WO_ACT_SUSPEND, WO_REPORTED), WO_SUSPENDED);
    f.status = WO_ON_SITE;
    assert_int_equal(wo_action_target(&f, WO_ACT_PLAN, WO_REPORTED), WO_ON_SITE);
    assert_int_equal(wo_action_target(&f, WO_ACT_RESOLVE, WO_REPORTED), WO_RESOLVED);
    f.status = WO_RESOLVED;
    assert_int_equal(wo_action_target(&f, WO_ACT_RATE, WO_REPORTED), WO_RATED);
    assert_int_equal(wo_action_target(&f, WO_ACT_REOPEN, WO_REPORTED), WO_DISPATCHED);
    f.status = WO_RATED;
    assert_int_equal(wo_action_target(&f, WO_ACT_CLOSE, WO_REPORTED), WO_CLOSED);
    f.status = WO_SUSPENDED;
    assert_int_equal(wo_action_target(&f, WO_ACT_RESUME, WO_TAKEN), WO_TAKEN);
    assert_int_equal(wo_action_target(&f, WO_ACT_CLASSIFY, WO_TAKEN), WO_SUSPENDED);
    f.status = WO_CLOSED;
    assert_int_equal(wo_action_target(&f, WO_ACT_UNMERGE, WO_ON_SITE), WO_ON_SITE);
}

/* The two halves of a round trip agree, and nothing unknown parses. */
static void names_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < WO_STATUS_COUNT; s++) {
        enum wo_status back;
        assert_int_equal(wo_status_parse(wo_status_name(s), &back), HW_OK);
        assert_int_equal(back, s);
    }
    for (int a = 0; a < WO_ACTION_COUNT; a++) {
        enum wo_action back;
        assert_int_equal(wo_action_parse(wo_action_name(a), &back), HW_OK);
        assert_int_equal(back, a);
    }
    enum wo_action a;
    enum wo_status s;
    assert_int_equal(wo_action_parse("delete", &a), HW_EINVAL);
    assert_int_equal(wo_action_parse(NULL, &a), HW_EINVAL);
    assert_int_equal(wo_status_parse("open", &s), HW_EINVAL);
    assert_null(wo_status_name(WO_STATUS_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_cell_matches_the_contract),
        cmocka_unit_test(nobody_may_do_anything_without_a_capacity),
        cmocka_unit_test(targets_follow_the_lifecycle),
        cmocka_unit_test(names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
