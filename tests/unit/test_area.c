#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/validate.h"

static void parses_exactly(void **state)
{
    (void)state;
    int64_t cm2;
    assert_true(area_parse("89.57", &cm2));
    assert_int_equal(cm2, 895700);
    assert_true(area_parse("120", &cm2));
    assert_int_equal(cm2, 1200000);
    assert_true(area_parse("0.0001", &cm2));
    assert_int_equal(cm2, 1);
    /* 0.1 + 0.2 is exactly 0.3 here, unlike in a double. */
    int64_t a, b, c;
    area_parse("0.1", &a);
    area_parse("0.2", &b);
    area_parse("0.3", &c);
    assert_int_equal(a + b, c);
    assert_true(area_parse("100000", &cm2));
}

static void rejects_bad_text(void **state)
{
    (void)state;
    int64_t cm2;
    const char *bad[] = {"", "-1", "1e3", "89.", ".5", "89.12345", "1,5", "abc", "100000.01",
                         "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(area_parse(bad[i], &cm2));
    assert_false(area_parse(NULL, &cm2));
}

static void formats(void **state)
{
    (void)state;
    char out[32];
    area_format(895700, out, sizeof out);
    assert_string_equal(out, "89.57");
    area_format(1200000, out, sizeof out);
    assert_string_equal(out, "120.00");
    area_format(1, out, sizeof out);
    assert_string_equal(out, "0.0001");
}

static void dates(void **state)
{
    (void)state;
    assert_true(validate_date("2024-02-29"));
    assert_false(validate_date("2023-02-29"));
    assert_false(validate_date("1900-02-29"));
    assert_true(validate_date("2000-02-29"));
    assert_false(validate_date("2024-13-01"));
    assert_false(validate_date("2024-1-01"));
    assert_false(validate_date("2024/01/01"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_exactly),
        cmocka_unit_test(rejects_bad_text),
        cmocka_unit_test(formats),
        cmocka_unit_test(dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
