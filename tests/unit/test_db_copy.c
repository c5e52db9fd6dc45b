/* COPY's text format as db_copy_row writes it (store/db_copy.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "store/db.h"
#include "store/db_copy.h"

static char *escaped(const char *s)
{
    struct text_buffer t = {0};
    db_copy_text(&t, s);
    assert_false(t.failed);
    return t.data ? t.data : strdup("");
}

static void check_text(const char *in, const char *want)
{
    char *got = escaped(in);
    assert_string_equal(got, want);
    free(got);
}

static void special_characters_are_escaped(void **state)
{
    (void)state;
    check_text("a\\b", "a\\\\b");
    check_text("a\tb", "a\\tb");
    check_text("line 1\nline 2", "line 1\\nline 2");
    check_text("cr\r\n", "cr\\r\\n");
    check_text("\\\\\t\n\r", "\\\\\\\\\\t\\n\\r");
}

/* Text that looks like COPY's own markers stays text: \N is not NULL, \. does
 * not end the data, \t written as two characters is not a tab. */
static void markers_in_text_stay_text(void **state)
{
    (void)state;
    check_text("\\N", "\\\\N");
    check_text("\\.", "\\\\.");
    check_text("C:\\new\\table", "C:\\\\new\\\\table");
}

static void null_and_empty_differ(void **state)
{
    (void)state;
    check_text(NULL, "\\N");
    check_text("", "");
}

static void other_text_is_as_given(void **state)
{
    (void)state;
    check_text("王建国 \"引号\" 'single' ,;|", "王建国 \"引号\" 'single' ,;|");
}

static int encode(struct text_buffer *t, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = db_copy_encode_row(t, types, ap);
    va_end(ap);
    return rc;
}

static void a_row_is_one_line_of_tab_separated_values(void **state)
{
    (void)state;
    struct text_buffer t = {0};
    assert_int_equal(encode(&t, "isbnss", (int64_t)-42, "李\t四\n", 1, "", (const char *)NULL),
                     HW_OK);
    assert_string_equal(t.data, "-42\t李\\t四\\n\tt\t\\N\t\t\\N\n");
    assert_int_equal(encode(&t, "b", 0), HW_OK);
    assert_string_equal(t.data, "-42\t李\\t四\\n\tt\t\\N\t\t\\N\nf\n");
    free(t.data);
}

static void a_bad_type_is_refused(void **state)
{
    (void)state;
    struct text_buffer t = {0};
    assert_int_equal(encode(&t, ""), HW_EINVAL);
    assert_int_equal(encode(&t, "ix", (int64_t)1, 2), HW_EINVAL);
    free(t.data);
}

/* SQLite has no COPY: a clear refusal, not a statement it cannot parse. */
static void sqlite_refuses_copy(void **state)
{
    (void)state;
    struct db *db;
    assert_int_equal(db_open(":memory:", &db), HW_OK);
    assert_int_equal(db_copy_begin(db, "COPY t (a) FROM STDIN"), HW_EINVAL);
    assert_int_equal(db_copy_row(db, "i", (int64_t)1), HW_EINVAL);
    assert_int_equal(db_copy_end(db, NULL), HW_EINVAL);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(special_characters_are_escaped),
        cmocka_unit_test(markers_in_text_stay_text),
        cmocka_unit_test(null_and_empty_differ),
        cmocka_unit_test(other_text_is_as_given),
        cmocka_unit_test(a_row_is_one_line_of_tab_separated_values),
        cmocka_unit_test(a_bad_type_is_refused),
        cmocka_unit_test(sqlite_refuses_copy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
