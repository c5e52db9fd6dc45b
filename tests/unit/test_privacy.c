/* Privacy rules (src/privacy): which roles see identifiers and sensitive
 * tags, the shapes shown to everyone else, and the fields column of the
 * log of sensitive reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "kit/principal.h"
#include "kit/privacy.h"

static struct principal as(enum role role)
{
    return (struct principal){.user_id = 1, .role = role, .scope_id = 1, .district_id = 1};
}

/* domain.md, "Privacy": a grid worker sees their own grid; everyone else
 * gets masks. Scope itself is decided by auth/access. */
static void who_sees_identifiers(void **state)
{
    (void)state;
    const enum role sees[] = {ROLE_COMMUNITY_STAFF, ROLE_SUBDISTRICT_OFFICER,
                              ROLE_GRID_LEADER,     ROLE_GRID_WORKER,
                              ROLE_ADMIN,           ROLE_RESIDENT};
    for (int r = 0; r < ROLE_COUNT; r++) {
        bool expected = false;
        for (size_t i = 0; i < sizeof sees / sizeof sees[0]; i++)
            expected = expected || sees[i] == (enum role)r;
        struct principal p = as((enum role)r);
        if (privacy_sees_identifiers(&p) != expected)
            fail_msg("identifiers for %s", role_name((enum role)r));
        if (privacy_sees_sensitive_tags(&p) != expected)
            fail_msg("sensitive tags for %s", role_name((enum role)r));
    }
    struct principal bad = as(ROLE_COUNT);
    assert_false(privacy_sees_identifiers(&bad));
    assert_false(privacy_sees_identifiers(NULL));
    assert_false(privacy_sees_sensitive_tags(NULL));
}

static void shown_values(void **state)
{
    (void)state;
    struct principal worker = as(ROLE_GRID_WORKER), leader = as(ROLE_BUILDING_LEADER),
                     inspector = as(ROLE_INSPECTOR);
    unsigned disclosed = 0;
    json_t *v = privacy_id_number_json(&worker, "32090219480520046X", &disclosed);
    assert_string_equal(json_string_value(v), "32090219480520046X");
    json_decref(v);
    assert_int_equal(disclosed, PRIVACY_ID_NUMBER);
    v = privacy_phone_json(&worker, "13305150051", &disclosed);
    assert_string_equal(json_string_value(v), "13305150051");
    json_decref(v);
    assert_int_equal(disclosed, PRIVACY_ID_NUMBER | PRIVACY_PHONE);

    disclosed = 0;
    v = privacy_id_number_json(&leader, "32090219480520046X", &disclosed);
    assert_string_equal(json_string_value(v), "320902********046X");
    json_decref(v);
    v = privacy_phone_json(&inspector, "13305150051", &disclosed);
    assert_string_equal(json_string_value(v), "133****0051");
    json_decref(v);
    assert_int_equal(disclosed, 0); /* masks are not logged */

    v = privacy_id_number_json(&worker, NULL, &disclosed);
    assert_true(json_is_null(v));
    json_decref(v);
    v = privacy_phone_json(&worker, NULL, &disclosed);
    assert_true(json_is_null(v));
    json_decref(v);
    assert_int_equal(disclosed, 0); /* nothing shown, nothing to log */
}

static void birth_dates_follow_id_numbers(void **state)
{
    (void)state;
    struct principal worker = as(ROLE_GRID_WORKER), leader = as(ROLE_BUILDING_LEADER);
    json_t *v = privacy_birth_date_json(&worker, "1948-05-20");
    assert_string_equal(json_string_value(v), "1948-05-20");
    json_decref(v);
    v = privacy_birth_date_json(&leader, "1948-05-20");
    assert_true(json_is_null(v));
    json_decref(v);
    v = privacy_birth_date_json(&worker, NULL);
    assert_true(json_is_null(v));
    json_decref(v);
}

static void fields_text(void **state)
{
    (void)state;
    char out[64];
    privacy_fields_text(PRIVACY_ID_NUMBER | PRIVACY_PHONE | PRIVACY_SENSITIVE_TAGS, out,
                        sizeof out);
    assert_string_equal(out, "id_number,phone,sensitive_tags");
    privacy_fields_text(PRIVACY_PHONE, out, sizeof out);
    assert_string_equal(out, "phone");
    privacy_fields_text(PRIVACY_SENSITIVE_TAGS | PRIVACY_ID_NUMBER, out, sizeof out);
    assert_string_equal(out, "id_number,sensitive_tags");
    privacy_fields_text(0, out, sizeof out);
    assert_string_equal(out, "");
    char small[8];
    privacy_fields_text(PRIVACY_ID_NUMBER | PRIVACY_PHONE, small, sizeof small);
    assert_true(strlen(small) < sizeof small); /* cut, never overrun */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(who_sees_identifiers),
        cmocka_unit_test(shown_values),
        cmocka_unit_test(birth_dates_follow_id_numbers),
        cmocka_unit_test(fields_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
