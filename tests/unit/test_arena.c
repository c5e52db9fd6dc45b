#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"

static int cleanups_run;
static void count_cleanup(void *p) { cleanups_run += *(int *)p; }

static void small_and_large_allocations(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    assert_non_null(a);
    char *s = arena_strdup(a, "网格");
    assert_string_equal(s, "网格");
    /* Larger than a block: served by a block of its own, still usable. */
    unsigned char *big = arena_alloc(a, 1 << 20);
    assert_non_null(big);
    memset(big, 0xab, 1 << 20);
    char *after = arena_printf(a, "%s-%d", "WO", 42);
    assert_string_equal(after, "WO-42");
    assert_int_equal((uintptr_t)after % 16, 0);
    arena_destroy(a);
}

static void cleanups_run_at_destroy(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    static int one = 1, ten = 10;
    cleanups_run = 0;
    assert_int_equal(arena_on_destroy(a, count_cleanup, &one), HW_OK);
    assert_int_equal(arena_on_destroy(a, count_cleanup, &ten), HW_OK);
    assert_int_equal(cleanups_run, 0);
    arena_destroy(a);
    assert_int_equal(cleanups_run, 11);
}

static void absurd_size_fails(void **state)
{
    (void)state;
    struct arena *a = arena_create();
    assert_null(arena_alloc(a, SIZE_MAX - 4));
    arena_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_and_large_allocations),
        cmocka_unit_test(cleanups_run_at_destroy),
        cmocka_unit_test(absurd_size_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
