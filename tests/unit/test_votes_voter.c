/* Who casts a head's ballot online (votes/voter.h) and which person an
 * account may be linked to (registry/resident_account.h): only an owner,
 * through an account linked to someone living in its home. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "registry/resident_account.h"
#include "votes/voter.h"

static void only_a_linked_owner_of_the_head_votes(void **state)
{
    (void)state;
    struct vote_voter_facts owner = {.on_roll = true, .linked = true, .owns_unit = true,
                                     .frozen_owners = 2};
    assert_int_equal(vote_voter_standing(&owner), VOTER_OWNER);
    struct vote_voter_facts f = owner;
    f.owns_unit = false; /* a tenant's or a family member's account */
    assert_int_equal(vote_voter_standing(&f), VOTER_NOT_OWNER);
    f = owner;
    f.linked = false;
    f.owns_unit = false;
    assert_int_equal(vote_voter_standing(&f), VOTER_NOT_LINKED);
    f = owner;
    f.frozen_owners = 0; /* owned since the roll was frozen without owners */
    assert_int_equal(vote_voter_standing(&f), VOTER_NO_OWNER);
    f = owner;
    f.on_roll = false;
    assert_int_equal(vote_voter_standing(&f), VOTER_NOT_ON_ROLL);
    assert_string_equal(vote_voter_name(VOTER_NOT_OWNER), "not_owner");
    assert_string_equal(vote_voter_name(VOTER_OWNER), "owner");
}

static void an_account_speaks_for_someone_living_in_its_home(void **state)
{
    (void)state;
    struct resident_fault fault;
    struct resident_account_facts f = {.resident_role = true, .account_district = 7,
                                       .resident_district = 7, .lives_there = true};
    assert_true(resident_account_link_check(&f, &fault));
    f.lives_there = false; /* moved out, or living elsewhere */
    assert_false(resident_account_link_check(&f, &fault));
    assert_string_equal(fault.field, "resident_id");
    assert_non_null(strstr(fault.zh, "现居住"));
    f.lives_there = true;
    f.resident_district = 8;
    assert_false(resident_account_link_check(&f, &fault));
    f.resident_district = 0; /* no such resident */
    assert_false(resident_account_link_check(&f, &fault));
    f.resident_district = 7;
    f.resident_role = false;
    assert_false(resident_account_link_check(&f, &fault));
    assert_string_equal(fault.field, "user_id");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_a_linked_owner_of_the_head_votes),
        cmocka_unit_test(an_account_speaks_for_someone_living_in_its_home),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
