/* Coverage arithmetic: one micro-grid worker per 400-450 households (docs/domain.md GR-3). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "registry/coverage.h"

static void one_worker_boundaries(void **state)
{
    (void)state;
    assert_int_equal(coverage_status(399, 1), COVERAGE_UNDER);
    assert_int_equal(coverage_status(400, 1), COVERAGE_OK);
    assert_int_equal(coverage_status(450, 1), COVERAGE_OK);
    assert_int_equal(coverage_status(451, 1), COVERAGE_OVER);
}

static void several_workers_exact(void **state)
{
    (void)state;
    /* 799/2 = 399.5 is under; 901/2 = 450.5 is over: no rounding decides. */
    assert_int_equal(coverage_status(799, 2), COVERAGE_UNDER);
    assert_int_equal(coverage_status(800, 2), COVERAGE_OK);
    assert_int_equal(coverage_status(900, 2), COVERAGE_OK);
    assert_int_equal(coverage_status(901, 2), COVERAGE_OVER);
    assert_int_equal(coverage_status(1350, 3), COVERAGE_OK);
    assert_int_equal(coverage_status(1351, 3), COVERAGE_OVER);
}

static void zero_workers(void **state)
{
    (void)state;
    assert_int_equal(coverage_status(1, 0), COVERAGE_UNSTAFFED);
    assert_int_equal(coverage_status(420, 0), COVERAGE_UNSTAFFED);
    assert_int_equal(coverage_status(0, 0), COVERAGE_EMPTY);
    assert_int_equal(coverage_status(0, 1), COVERAGE_UNDER);
}

static void names(void **state)
{
    (void)state;
    assert_string_equal(coverage_status_name(COVERAGE_UNDER), "under");
    assert_string_equal(coverage_status_name(COVERAGE_OK), "ok");
    assert_string_equal(coverage_status_name(COVERAGE_OVER), "over");
    assert_string_equal(coverage_status_name(COVERAGE_UNSTAFFED), "unstaffed");
    assert_string_equal(coverage_status_name(COVERAGE_EMPTY), "empty");
}

static void per_worker_text(void **state)
{
    (void)state;
    char out[24];
    coverage_per_worker_text(901, 2, out, sizeof out);
    assert_string_equal(out, "450.5");
    coverage_per_worker_text(400, 3, out, sizeof out); /* 133.33 */
    assert_string_equal(out, "133.3");
    coverage_per_worker_text(200, 3, out, sizeof out); /* 66.67: half up */
    assert_string_equal(out, "66.7");
    coverage_per_worker_text(7, 1, out, sizeof out);
    assert_string_equal(out, "7.0");
    coverage_per_worker_text(0, 1, out, sizeof out);
    assert_string_equal(out, "0.0");
    coverage_per_worker_text(5, 0, out, sizeof out);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_worker_boundaries), cmocka_unit_test(several_workers_exact),
        cmocka_unit_test(zero_workers),          cmocka_unit_test(names),
        cmocka_unit_test(per_worker_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
