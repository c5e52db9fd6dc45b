/* The CSV reader and writer (src/transfer): quoting, line numbers, BOM,
 * CRLF, line breaks inside cells, GBK from Excel on Chinese Windows, files
 * that are no CSV, and pieces cut anywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "transfer/csv_reader.h"
#include "transfer/csv_writer.h"
#include "transfer/text_decode.h"

/* Rows read, each as "LINE:field|field|...". */
struct seen {
    char rows[16][256];
    int n;
    size_t long_field;
};

static int collect(const struct csv_row *row, void *ctx)
{
    struct seen *s = ctx;
    if (s->n >= 16)
        return HW_ELIMIT;
    char *out = s->rows[s->n++];
    int used = snprintf(out, 256, "%lld:", (long long)row->line);
    for (size_t i = 0; i < row->nfields && used < 256; i++)
        used += snprintf(out + used, 256 - (size_t)used, "%s%s", i ? "|" : "", row->fields[i]);
    if (row->long_field)
        s->long_field = row->long_field;
    return HW_OK;
}

/* Reads text in pieces of `step` bytes (0: all at once). */
static int read_all(const char *text, size_t len, size_t step, struct seen *s,
                    struct csv_reader **keep)
{
    memset(s, 0, sizeof *s);
    struct csv_reader *r;
    assert_int_equal(csv_reader_new(collect, s, &r), HW_OK);
    int rc = HW_OK;
    for (size_t at = 0; rc == HW_OK && at < len;) {
        size_t n = step && step < len - at ? step : len - at;
        rc = csv_reader_feed(r, text + at, n);
        at += n;
    }
    if (rc == HW_OK)
        rc = csv_reader_finish(r);
    if (keep)
        *keep = r;
    else
        csv_reader_free(r);
    return rc;
}

static void expect_rows(const char *text, size_t step, const char *const *want, int nwant)
{
    struct seen s;
    assert_int_equal(read_all(text, strlen(text), step, &s, NULL), HW_OK);
    assert_int_equal(s.n, nwant);
    for (int i = 0; i < nwant; i++)
        assert_string_equal(s.rows[i], want[i]);
}

static void plain_rows_and_line_numbers(void **state)
{
    (void)state;
    const char *want[] = {"1:a|b|c", "2:1|2|3", "4:x||z"};
    expect_rows("a,b,c\n1,2,3\n\nx,,z\n", 0, want, 3);
    expect_rows("a,b,c\n1,2,3\n\nx,,z", 0, want, 3); /* no final line break */
}

static void crlf_and_blank_rows(void **state)
{
    (void)state;
    /* A row of empty cells (Excel keeps formatted empty rows) is skipped too. */
    const char *want[] = {"1:a|b", "2:c|d", "5:e|f"};
    expect_rows("a,b\r\nc,d\r\n\r\n,,\r\ne,f\r\n", 0, want, 3);
}

static void quoting(void **state)
{
    (void)state;
    const char *want[] = {"1:name|note", "2:张三|说 \"你好\", 再见", "3: kept |x"};
    expect_rows("name,note\n张三,\"说 \"\"你好\"\", 再见\"\n\" kept \", x \n", 0, want, 3);
}

static void line_break_inside_a_cell(void **state)
{
    (void)state;
    /* The next row's line counts the break inside the quoted cell. */
    const char *lf[] = {"1:a|b", "2:first\nsecond|x", "4:c|d"};
    expect_rows("a,b\n\"first\nsecond\",x\nc,d\n", 0, lf, 3);
    const char *crlf[] = {"1:a|b", "2:first\r\nsecond|x", "4:c|d"};
    expect_rows("a,b\r\n\"first\r\nsecond\",x\r\nc,d\r\n", 0, crlf, 3);
}

static void byte_order_mark(void **state)
{
    (void)state;
    const char *want[] = {"1:姓名|小区", "2:张三|紫薇花园"};
    expect_rows("\xEF\xBB\xBF姓名,小区\r\n张三,紫薇花园\r\n", 0, want, 2);
}

static void any_piece_size(void **state)
{
    (void)state;
    /* BOM, a multi-byte character, a quote pair and a CRLF all cut in two. */
    const char *text = "\xEF\xBB\xBF姓名,备注\r\n张三,\"a\"\"b\r\nc\"\r\n李四,x";
    const char *want[] = {"1:姓名|备注", "2:张三|a\"b\r\nc", "4:李四|x"};
    for (size_t step = 1; step <= 7; step++)
        expect_rows(text, step, want, 3);
}

static void gbk_from_excel(void **state)
{
    (void)state;
    /* "小区,楼栋\n紫薇花园,1幢\n" as Excel on Chinese Windows saves it (GBK):
     * D0 A1 alone would pass for UTF-8, the run as a whole does not. */
    const char gbk[] = "\xD0\xA1\xC7\xF8,\xC2\xA5\xB6\xB0\n"
                       "\xD7\xCF\xDE\xB1\xBB\xA8\xD4\xB0,1\xB4\xB1\n";
    const char *want[] = {"1:小区|楼栋", "2:紫薇花园|1幢"};
    for (size_t step = 0; step <= 3; step++) {
        struct seen s;
        struct csv_reader *r;
        assert_int_equal(read_all(gbk, sizeof gbk - 1, step, &s, &r), HW_OK);
        assert_int_equal(csv_reader_encoding(r), TEXT_GB18030);
        csv_reader_free(r);
        assert_int_equal(s.n, 2);
        assert_string_equal(s.rows[0], want[0]);
        assert_string_equal(s.rows[1], want[1]);
    }
}

static void expect_error(const char *text, size_t len, int64_t line, const char *en_part)
{
    struct seen s;
    struct csv_reader *r;
    assert_int_equal(read_all(text, len, 0, &s, &r), HW_EINVAL);
    int64_t at;
    const char *zh, *en;
    csv_reader_error(r, &at, &zh, &en);
    csv_reader_free(r);
    assert_int_equal(at, line);
    assert_non_null(strstr(en, en_part));
    assert_true(zh[0] != '\0');
}

#define EXPECT_ERROR(text, line, part) expect_error(text, sizeof(text) - 1, line, part)

static void files_that_are_no_csv(void **state)
{
    (void)state;
    EXPECT_ERROR("PK\x03\x04rest of a zip", 1, "workbook");
    EXPECT_ERROR("\xD0\xCF\x11\xE0old xls", 1, "workbook");
    EXPECT_ERROR("\xFF\xFEn\0a\0", 1, "UTF-16");
    EXPECT_ERROR("a,b\nc\0d,e\n", 2, "NUL");
}

static void mixed_encodings(void **state)
{
    (void)state;
    /* Starts as UTF-8, then a GBK line: not silently mangled. */
    EXPECT_ERROR("姓名\n张三\n\xD5\xC5\xC8\xFD\n", 3, "not valid UTF-8");
}

static void unbalanced_quotes(void **state)
{
    (void)state;
    EXPECT_ERROR("a,b\nc,d\"e\"\n", 2, "unbalanced quotes");
    EXPECT_ERROR("a,b\nc,\"open\n", 2, "unbalanced quotes");
}

static void long_cell_is_flagged(void **state)
{
    (void)state;
    static char text[CSV_MAX_FIELD + 64];
    size_t n = (size_t)snprintf(text, sizeof text, "a,b\nx,");
    memset(text + n, 'y', CSV_MAX_FIELD + 10);
    text[n + CSV_MAX_FIELD + 10] = '\0';
    struct seen s;
    assert_int_equal(read_all(text, strlen(text), 0, &s, NULL), HW_OK);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.long_field, 2);
}

static void utf8_sequences(void **state)
{
    (void)state;
    assert_int_equal(utf8_char_len((const unsigned char *)"a", 1), 1);
    assert_int_equal(utf8_char_len((const unsigned char *)"\xE5\xB0\x8F", 3), 3); /* 小 */
    assert_int_equal(utf8_char_len((const unsigned char *)"\xE5\xB0", 2), 0);     /* cut */
    assert_int_equal(utf8_char_len((const unsigned char *)"\xC0\x80", 2), -1);    /* overlong */
    assert_int_equal(utf8_char_len((const unsigned char *)"\xE0\x80\x80", 3), -1);
    assert_int_equal(utf8_char_len((const unsigned char *)"\xED\xA0\x80", 3), -1); /* surrogate */
    assert_int_equal(utf8_char_len((const unsigned char *)"\xF4\x90\x80\x80", 4), -1);
    assert_int_equal(utf8_char_len((const unsigned char *)"\xF0\x9F\x98\x80", 4), 4);
    assert_int_equal(utf8_char_len((const unsigned char *)"\x80", 1), -1);
}

/* The writer into a buffer. */
struct sink {
    char buf[1024];
    size_t used;
};

static int to_sink(const char *data, size_t len, void *ctx)
{
    struct sink *s = ctx;
    if (len > sizeof s->buf - 1 - s->used)
        return HW_ELIMIT;
    memcpy(s->buf + s->used, data, len);
    s->used += len;
    s->buf[s->used] = '\0';
    return HW_OK;
}

static void writer_quotes_only_where_needed(void **state)
{
    (void)state;
    struct sink s = {.used = 0};
    struct csv_writer w;
    csv_writer_init(&w, to_sink, &s);
    csv_writer_bom(&w);
    const char *cells[] = {"紫薇花园", "a,b", "say \"hi\"", "two\nlines", NULL,
                           " pad",     "-1",  "=1+2",       "@cmd",       "89.57"};
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        csv_writer_cell(&w, cells[i]);
    csv_writer_end_row(&w);
    assert_int_equal(csv_writer_flush(&w), HW_OK);
    assert_string_equal(s.buf, "\xEF\xBB\xBF紫薇花园,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,"
                               "\" pad\",-1,\"'=1+2\",\"'@cmd\",89.57\r\n");
    assert_true(csv_cell_is_formula_like("=SUM(A1)"));
    assert_true(csv_cell_is_formula_like("-2+3"));
    assert_false(csv_cell_is_formula_like("-3"));
    assert_false(csv_cell_is_formula_like("张三"));
    assert_false(csv_cell_is_formula_like(""));
}

static void writer_round_trip(void **state)
{
    (void)state;
    struct sink s = {.used = 0};
    struct csv_writer w;
    csv_writer_init(&w, to_sink, &s);
    csv_writer_bom(&w);
    const char *cells[] = {"a,b", "say \"hi\"", "two\r\nlines"};
    for (int row = 0; row < 2; row++) {
        for (size_t i = 0; i < 3; i++)
            csv_writer_cell(&w, cells[i]);
        csv_writer_end_row(&w);
    }
    assert_int_equal(csv_writer_flush(&w), HW_OK);
    const char *want[] = {"1:a,b|say \"hi\"|two\r\nlines", "3:a,b|say \"hi\"|two\r\nlines"};
    expect_rows(s.buf, 0, want, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_rows_and_line_numbers),
        cmocka_unit_test(crlf_and_blank_rows),
        cmocka_unit_test(quoting),
        cmocka_unit_test(line_break_inside_a_cell),
        cmocka_unit_test(byte_order_mark),
        cmocka_unit_test(any_piece_size),
        cmocka_unit_test(gbk_from_excel),
        cmocka_unit_test(files_that_are_no_csv),
        cmocka_unit_test(mixed_encodings),
        cmocka_unit_test(unbalanced_quotes),
        cmocka_unit_test(long_cell_is_flagged),
        cmocka_unit_test(utf8_sequences),
        cmocka_unit_test(writer_quotes_only_where_needed),
        cmocka_unit_test(writer_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
