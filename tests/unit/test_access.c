#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "kit/principal.h"
#include "base/err.h"

static struct principal as(enum role r)
{
    return (struct principal){.user_id = 1, .role = r, .scope_id = 7, .scope_kind = "grid",
                              .district_id = 1};
}

static void deny_by_default(void **state)
{
    (void)state;
    assert_false(access_allows(NULL, PERM_SIGNED_IN));
    assert_true(access_allows(NULL, PERM_PUBLIC));
    struct principal p = as(ROLE_ADMIN);
    assert_false(access_allows(&p, PERM_COUNT));
    p.role = ROLE_COUNT;
    assert_false(access_allows(&p, PERM_SIGNED_IN));
}

static void user_admin_only_for_admins(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE_COUNT; r++) {
        struct principal p = as((enum role)r);
        assert_int_equal(access_allows(&p, PERM_USER_ADMIN), r == ROLE_ADMIN);
        assert_true(access_allows(&p, PERM_SIGNED_IN));
    }
}

/* The discipline inspector reads everything and changes nothing (domain.md). */
static void inspector_never_writes(void **state)
{
    (void)state;
    struct principal p = as(ROLE_INSPECTOR);
    assert_true(access_allows(&p, PERM_AUDIT_READ));
    assert_true(access_allows(&p, PERM_RESIDENT_READ));
    const enum perm writes[] = {PERM_USER_ADMIN, PERM_PLACE_WRITE, PERM_RESIDENT_WRITE,
                                PERM_ORG_WRITE, PERM_IMPORT, PERM_TEST_CLOCK};
    for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++)
        assert_false(access_allows(&p, writes[i]));
}

static void scopes_fit_roles(void **state)
{
    (void)state;
    assert_true(role_scope_allowed(ROLE_GRID_WORKER, "grid"));
    assert_false(role_scope_allowed(ROLE_GRID_WORKER, "community"));
    assert_false(role_scope_allowed(ROLE_GRID_WORKER, NULL));
    assert_true(role_scope_allowed(ROLE_ADMIN, NULL));
    assert_true(role_scope_allowed(ROLE_ADMIN, "subdistrict"));
    assert_true(role_scope_allowed(ROLE_RESIDENT, "dwelling"));
    assert_true(role_scope_allowed(ROLE_PROPERTY_STAFF, "zone"));
    assert_false(role_scope_allowed(ROLE_RESIDENT, "dwell"));
}

static void role_names_round_trip(void **state)
{
    (void)state;
    for (int r = 0; r < ROLE_COUNT; r++) {
        enum role back;
        assert_int_equal(role_parse(role_name((enum role)r), &back), HW_OK);
        assert_int_equal(back, r);
    }
    enum role x;
    assert_int_equal(role_parse("root", &x), HW_EINVAL);
}

static void scope_column_by_kind(void **state)
{
    (void)state;
    struct principal p = as(ROLE_GRID_WORKER);
    assert_string_equal(scope_column(&p), "grid_id");
    p.scope_kind = "dwelling";
    assert_string_equal(scope_column(&p), "id");
    p.scope_kind = "bogus"; /* sees nothing rather than everything */
    assert_string_equal(scope_column(&p), "id");
    p = (struct principal){.role = ROLE_ADMIN};
    assert_null(scope_column(&p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deny_by_default),      cmocka_unit_test(user_admin_only_for_admins),
        cmocka_unit_test(inspector_never_writes), cmocka_unit_test(scopes_fit_roles),
        cmocka_unit_test(role_names_round_trip), cmocka_unit_test(scope_column_by_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
