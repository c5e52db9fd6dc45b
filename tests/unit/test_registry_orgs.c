/* Rules of organizations, the party tree and posts: periods of service,
 * the order of party levels, which place each post and level stands for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/period.h"
#include "registry/party.h"
#include "registry/post.h"

static void periods(void **state)
{
    (void)state;
    const char *bad;
    assert_true(org_period_valid(NULL, NULL, &bad));
    assert_true(org_period_valid("2020-07-01", NULL, &bad));
    assert_true(org_period_valid("2020-07-01", "2020-07-02", &bad));
    assert_false(org_period_valid("2020-07-01", "2020-07-01", &bad)); /* empty */
    assert_string_equal(bad, "ended");
    assert_false(org_period_valid("2020-07-02", "2020-07-01", &bad));
    assert_string_equal(bad, "ended");
    assert_false(org_period_valid("2020-02-30", NULL, &bad));
    assert_string_equal(bad, "started");
    assert_false(org_period_valid(NULL, "2020/07/01", &bad));
    assert_string_equal(bad, "ended");
}

static void current(void **state)
{
    (void)state;
    /* started inclusive, ended exclusive */
    assert_true(org_period_current("2020-07-01", NULL, "2020-07-01"));
    assert_false(org_period_current("2020-07-01", NULL, "2020-06-30"));
    assert_true(org_period_current(NULL, "2024-01-01", "2023-12-31"));
    assert_false(org_period_current(NULL, "2024-01-01", "2024-01-01"));
    assert_true(org_period_current(NULL, NULL, "2024-01-01"));
}

static void overlaps(void **state)
{
    (void)state;
    /* One company ends the day the next begins: no overlap. */
    assert_false(org_period_overlaps("2020-07-01", "2023-07-01", "2023-07-01", NULL));
    assert_true(org_period_overlaps("2020-07-01", "2023-07-02", "2023-07-01", NULL));
    assert_true(org_period_overlaps(NULL, NULL, "2023-07-01", "2023-08-01"));
    assert_true(org_period_overlaps("2020-07-01", NULL, NULL, "2020-07-02"));
    assert_false(org_period_overlaps("2020-07-01", NULL, NULL, "2020-07-01"));
}

static void party_levels(void **state)
{
    (void)state;
    int committee = party_level_parse("community_committee"),
        room = party_level_parse("command_room"), branch = party_level_parse("grid_branch"),
        group = party_level_parse("building_group"),
        household = party_level_parse("central_household");
    assert_int_equal(party_level_parse("cell"), -1);
    assert_true(party_level_fits(-1, committee));
    assert_false(party_level_fits(-1, branch)); /* a tree starts at a committee */
    assert_true(party_level_fits(committee, room));
    assert_true(party_level_fits(committee, branch)); /* the command room is optional */
    assert_true(party_level_fits(room, branch));
    assert_true(party_level_fits(branch, group));
    assert_true(party_level_fits(group, household));
    assert_false(party_level_fits(branch, branch));
    assert_false(party_level_fits(group, room));
    assert_false(party_level_fits(household, household));
    assert_false(party_level_fits(committee, -1));
    assert_true(party_level_place_fits(committee, "community"));
    assert_false(party_level_place_fits(committee, "grid"));
    assert_true(party_level_place_fits(branch, "grid"));
    assert_true(party_level_place_fits(group, "building"));
    assert_false(party_level_place_fits(group, "buildin"));
    assert_true(party_level_place_fits(household, "dwelling"));
}

static void post_places(void **state)
{
    (void)state;
    assert_true(post_kind_place_fits("grid_leader", "grid"));
    assert_true(post_kind_place_fits("grid_worker", "grid"));
    assert_true(post_kind_place_fits("micro_grid_worker", "micro_grid"));
    assert_false(post_kind_place_fits("micro_grid_worker", "grid"));
    assert_true(post_kind_place_fits("building_leader", "building"));
    assert_false(post_kind_place_fits("building_leader", "entrance"));
    assert_true(post_kind_place_fits("stairwell_steward", "entrance"));
    assert_false(post_kind_place_fits("mayor", "grid"));
    assert_false(post_kind_valid(NULL));
}

static void photo_paths(void **state)
{
    (void)state;
    assert_true(party_photo_path_valid("cards/2024/miao-rong.jpg"));
    assert_false(party_photo_path_valid("/etc/passwd"));
    assert_false(party_photo_path_valid("cards/../../secret"));
    assert_false(party_photo_path_valid("cards/照片.jpg"));
    assert_false(party_photo_path_valid(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(periods),     cmocka_unit_test(current),
        cmocka_unit_test(overlaps),    cmocka_unit_test(party_levels),
        cmocka_unit_test(post_places), cmocka_unit_test(photo_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
