#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/validate.h"

static void mobile_numbers(void **state)
{
    (void)state;
    assert_true(validate_mobile("13812345678"));
    assert_true(validate_mobile("19912345678"));
    assert_false(validate_mobile("12812345678")); /* second digit 3-9 */
    assert_false(validate_mobile("1381234567"));  /* 10 digits */
    assert_false(validate_mobile("138123456789"));
    assert_false(validate_mobile("1381234567a"));
    assert_false(validate_mobile(""));
    assert_false(validate_mobile(NULL));
}

static void phone_mask(void **state)
{
    (void)state;
    char out[16];
    mask_phone("13812345678", out, sizeof out);
    assert_string_equal(out, "138****5678");
    mask_phone("12345", out, sizeof out);
    assert_string_equal(out, "****");
}

static void logins(void **state)
{
    (void)state;
    assert_true(validate_login("demo-admin"));
    assert_true(validate_login("a.b_c"));
    assert_false(validate_login("ab"));
    assert_false(validate_login("-admin"));
    assert_false(validate_login("Admin"));
    assert_false(validate_login("a b c"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mobile_numbers),
        cmocka_unit_test(phone_mask),
        cmocka_unit_test(logins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
