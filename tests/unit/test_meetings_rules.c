/* Deliberation's rules (docs/api-meetings.md): what may be done to a
 * meeting in each status, who is invited, whose name a comment shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/err.h"
#include "meetings/rules.h"

static void each_act_in_its_status(void **state)
{
    (void)state;
    const enum meeting_act before[] = {MEETING_SET_AGENDA, MEETING_HOLD, MEETING_CANCEL};
    for (size_t i = 0; i < 3; i++) {
        assert_true(meeting_may(MEETING_PLANNED, before[i]));
        assert_false(meeting_may(MEETING_HELD, before[i]));
        assert_false(meeting_may(MEETING_CANCELLED, before[i]));
    }
    const enum meeting_act after[] = {MEETING_DECIDE, MEETING_ADD_TASK};
    for (size_t i = 0; i < 2; i++) {
        assert_false(meeting_may(MEETING_PLANNED, after[i]));
        assert_true(meeting_may(MEETING_HELD, after[i]));
        assert_false(meeting_may(MEETING_CANCELLED, after[i]));
    }
    assert_true(meeting_may(MEETING_PLANNED, MEETING_ATTENDANCE));
    assert_true(meeting_may(MEETING_HELD, MEETING_ATTENDANCE));
    assert_false(meeting_may(MEETING_CANCELLED, MEETING_ATTENDANCE));
}

static void statuses_and_party_kinds_by_name(void **state)
{
    (void)state;
    enum meeting_status s;
    assert_int_equal(meeting_status_parse("held", &s), HW_OK);
    assert_int_equal(s, MEETING_HELD);
    assert_string_equal(meeting_status_name(MEETING_CANCELLED), "cancelled");
    assert_int_equal(meeting_status_parse("closed", &s), HW_EINVAL);
    enum meeting_party_kind k;
    assert_int_equal(meeting_party_kind_parse("property_company", &k), HW_OK);
    assert_int_equal(k, PARTY_PROPERTY_COMPANY);
    assert_int_equal(meeting_party_kind_parse("developer", &k), HW_EINVAL);
}

static void a_party_names_an_organization_of_its_kind(void **state)
{
    (void)state;
    assert_true(meeting_party_org_fits(PARTY_OWNERS_COMMITTEE, "owners_committee"));
    assert_false(meeting_party_org_fits(PARTY_OWNERS_COMMITTEE, "property_company"));
    assert_true(meeting_party_org_fits(PARTY_PROPERTY_COMPANY, "property_company"));
    assert_true(meeting_party_org_fits(PARTY_UNIT, "alliance_unit"));
    assert_true(meeting_party_org_fits(PARTY_UNIT, "resident_unit"));
    assert_false(meeting_party_org_fits(PARTY_UNIT, "property_company"));
    assert_false(meeting_party_org_fits(PARTY_COMMUNITY, "alliance_unit"));
    assert_false(meeting_party_org_fits(PARTY_RESIDENT, NULL));
}

static void an_author_is_named_to_themselves_and_to_registry_staff(void **state)
{
    (void)state;
    struct principal resident = {.user_id = 7, .role = ROLE_RESIDENT};
    assert_true(meeting_sees_author(&resident, 7));
    assert_false(meeting_sees_author(&resident, 8));
    struct principal staff = {.user_id = 1, .role = ROLE_COMMUNITY_STAFF};
    assert_true(meeting_sees_author(&staff, 8));
    struct principal property = {.user_id = 2, .role = ROLE_PROPERTY_STAFF};
    assert_false(meeting_sees_author(&property, 8));
    struct principal committee = {.user_id = 3, .role = ROLE_OWNERS_COMMITTEE};
    assert_false(meeting_sees_author(&committee, 8));
    assert_false(meeting_sees_author(NULL, 8)); /* the audit log keeps it masked */
}

static void texts_have_bounds(void **state)
{
    (void)state;
    assert_true(meeting_text_ok("加装电梯", 4, false));
    assert_false(meeting_text_ok("加装电梯吗", 4, false));
    assert_false(meeting_text_ok("", 4, false));
    assert_false(meeting_text_ok("\u3000 ", 4, false)); /* blanks only */
    assert_false(meeting_text_ok("a\nb", 4, false));
    assert_true(meeting_text_ok("a\nb", 4, true));
    assert_false(meeting_text_ok(NULL, 4, true));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_act_in_its_status),
        cmocka_unit_test(statuses_and_party_kinds_by_name),
        cmocka_unit_test(a_party_names_an_organization_of_its_kind),
        cmocka_unit_test(an_author_is_named_to_themselves_and_to_registry_staff),
        cmocka_unit_test(texts_have_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
