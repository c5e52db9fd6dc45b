/* The tier a household's residents suggest (docs/domain.md CT-5) and the
 * default visit rules (seeds 000, CT-1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/err.h"
#include "care/tier.h"

static void each_row_of_ct1(void **state)
{
    (void)state;
    unsigned reasons;
    unsigned alone[] = {CARE_SIGN_LIVING_ALONE};
    assert_int_equal(care_suggest(alone, 1, &reasons), CARE_RED);
    assert_int_equal(reasons, CARE_SIGN_LIVING_ALONE);
    unsigned nest[] = {0, CARE_SIGN_EMPTY_NEST};
    assert_int_equal(care_suggest(nest, 2, &reasons), CARE_RED);
    unsigned ill[] = {CARE_SIGN_SERIOUSLY_ILL};
    assert_int_equal(care_suggest(ill, 1, &reasons), CARE_ORANGE);
    unsigned disabled[] = {0, CARE_SIGN_DISABLED};
    assert_int_equal(care_suggest(disabled, 2, &reasons), CARE_ORANGE);
    assert_int_equal(reasons, CARE_SIGN_DISABLED);
    unsigned old[] = {CARE_SIGN_AGED_80_PLUS};
    assert_int_equal(care_suggest(old, 1, &reasons), CARE_YELLOW);
    unsigned child[] = {0, 0, CARE_SIGN_PRESCHOOL};
    assert_int_equal(care_suggest(child, 3, &reasons), CARE_YELLOW);
    unsigned nobody[] = {0, 0};
    assert_int_equal(care_suggest(nobody, 2, &reasons), CARE_GREEN);
    assert_int_equal(reasons, 0);
    assert_int_equal(care_suggest(NULL, 0, &reasons), CARE_GREEN);
}

static void the_most_demanding_wins(void **state)
{
    (void)state;
    unsigned reasons;
    /* An old man living alone who is also seriously ill: red (CT-1 "Vague"). */
    unsigned both[] = {CARE_SIGN_AGED_80_PLUS | CARE_SIGN_LIVING_ALONE | CARE_SIGN_SERIOUSLY_ILL};
    assert_int_equal(care_suggest(both, 1, &reasons), CARE_RED);
    assert_int_equal(reasons, CARE_SIGN_LIVING_ALONE);
    unsigned family[] = {CARE_SIGN_PRESCHOOL, CARE_SIGN_DISABLED};
    assert_int_equal(care_suggest(family, 2, &reasons), CARE_ORANGE);
}

static void ages_at_their_boundaries(void **state)
{
    (void)state;
    assert_int_equal(care_signs_of_age(79), 0);
    assert_int_equal(care_signs_of_age(80), CARE_SIGN_AGED_80_PLUS);
    assert_int_equal(care_signs_of_age(5), CARE_SIGN_PRESCHOOL);
    assert_int_equal(care_signs_of_age(6), 0);
    assert_int_equal(care_signs_of_age(0), CARE_SIGN_PRESCHOOL);
    assert_int_equal(care_signs_of_age(-1), 0);
}

static void tags_and_names(void **state)
{
    (void)state;
    assert_int_equal(care_sign_of_tag("living_alone"), CARE_SIGN_LIVING_ALONE);
    assert_int_equal(care_sign_of_tag("preschool_child"), CARE_SIGN_PRESCHOOL);
    assert_int_equal(care_sign_of_tag("low_income"), 0);
    enum care_tier t;
    assert_int_equal(care_tier_parse("orange", &t), HW_OK);
    assert_int_equal(t, CARE_ORANGE);
    assert_int_equal(care_tier_parse("purple", &t), HW_EINVAL);
    assert_true(care_tier_sensitive(CARE_ORANGE));
    assert_false(care_tier_sensitive(CARE_RED));
}

static void default_rules_are_seeds_000(void **state)
{
    (void)state;
    struct care_rule r;
    const char *bad = NULL;
    care_rule_default(CARE_ORANGE, &r);
    assert_int_equal(r.period, CARE_WEEK);
    assert_int_equal(r.visits, 5);
    assert_int_equal(r.accompanied, 2);
    care_rule_default(CARE_RED, &r);
    assert_int_equal(r.period, CARE_DAY);
    assert_string_equal(r.help, "cleaning,shopping");
    care_rule_default(CARE_YELLOW, &r);
    assert_int_equal(r.period, CARE_HALF_MONTH);
    care_rule_default(CARE_GREEN, &r);
    assert_int_equal(r.period, CARE_MONTH);
    assert_true(care_rule_valid(&r, &bad));
    r.visits = 29; /* a February has 28 days */
    assert_false(care_rule_valid(&r, &bad));
    assert_string_equal(bad, "visits");
    r.visits = 2;
    r.accompanied = 3;
    assert_false(care_rule_valid(&r, &bad));
    assert_string_equal(bad, "accompanied");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_row_of_ct1),       cmocka_unit_test(the_most_demanding_wins),
        cmocka_unit_test(ages_at_their_boundaries), cmocka_unit_test(tags_and_names),
        cmocka_unit_test(default_rules_are_seeds_000),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
