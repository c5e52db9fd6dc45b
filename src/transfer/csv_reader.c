#include "transfer/csv_reader.h"

#include <csv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

/* libcsv grows one buffer for the field being read; a quote left open would
 * otherwise let it swallow the whole file. */
enum { CSV_ENTRY_LIMIT = 1024 * 1024 };

enum reader_fail { FAIL_NONE, FAIL_TEXT, FAIL_QUOTES, FAIL_ROW_TOO_LONG, FAIL_FIELD_TOO_LONG };

struct csv_reader {
    struct csv_parser parser;
    struct text_decoder text;
    csv_row_fn fn;
    void *ctx;
    int status; /* first error: stops every later callback */
    enum reader_fail fail;
    int64_t fail_line;

    int64_t line;     /* the line the parser is on, from 1 */
    int64_t row_line; /* where the current row started */
    bool last_was_cr; /* the previous row ended at a CR: its LF is no new line */
    struct csv_row row;
    size_t used;
    size_t offsets[CSV_MAX_FIELDS];
    char buf[CSV_MAX_ROW + CSV_MAX_FIELDS];
};

static void *bounded_realloc(void *p, size_t size)
{
    return size > CSV_ENTRY_LIMIT ? NULL : realloc(p, size);
}

static void stop(struct csv_reader *r, enum reader_fail why, int64_t line)
{
    if (r->status != HW_OK)
        return;
    r->status = HW_EINVAL;
    r->fail = why;
    r->fail_line = line;
}

/* Line breaks inside a quoted field: CRLF counts once, a lone CR or LF once. */
static int64_t count_breaks(const char *s, size_t n)
{
    int64_t breaks = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
            breaks++;
    return breaks;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct csv_reader *r = ctx;
    if (r->status != HW_OK)
        return;
    if (r->row.nfields == 0)
        r->row_line = r->line;
    r->line += count_breaks(data, len);
    r->last_was_cr = false;
    size_t i = r->row.nfields;
    if (i >= CSV_MAX_FIELDS)
        return;
    if (len > CSV_MAX_FIELD) {
        len = CSV_MAX_FIELD;
        if (!r->row.long_field)
            r->row.long_field = i + 1;
    }
    if (r->used + len + 1 > sizeof r->buf) {
        stop(r, FAIL_ROW_TOO_LONG, r->row_line);
        return;
    }
    memcpy(r->buf + r->used, data, len);
    r->buf[r->used + len] = '\0';
    r->offsets[i] = r->used;
    r->used += len + 1;
    r->row.nfields++;
}

static bool row_is_blank(const struct csv_row *row)
{
    for (size_t i = 0; i < row->nfields; i++)
        if (row->fields[i][0])
            return false;
    return true;
}

static void on_row_end(int c, void *ctx)
{
    struct csv_reader *r = ctx;
    if (r->status != HW_OK)
        return;
    bool empty = r->row.nfields == 0;
    if (!empty) {
        r->row.line = r->row_line;
        for (size_t i = 0; i < r->row.nfields; i++)
            r->row.fields[i] = r->buf + r->offsets[i];
        if (!row_is_blank(&r->row))
            r->status = r->fn(&r->row, r->ctx);
    }
    /* With CSV_REPALL_NL a CRLF ends the row at CR and reports the LF as an
     * empty row of its own. */
    if (c == '\r' || (c == '\n' && !(empty && r->last_was_cr)))
        r->line++;
    r->last_was_cr = c == '\r';
    r->row.nfields = 0;
    r->row.long_field = 0;
    r->used = 0;
}

static int parse_text(const char *utf8, size_t len, void *ctx);

int csv_reader_new(csv_row_fn fn, void *ctx, struct csv_reader **out)
{
    struct csv_reader *r = calloc(1, sizeof *r);
    if (!r)
        return HW_ENOMEM;
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
        free(r);
        return HW_ENOMEM;
    }
    csv_set_realloc_func(&r->parser, bounded_realloc);
    text_decoder_init(&r->text, parse_text, r);
    r->fn = fn;
    r->ctx = ctx;
    r->line = 1;
    r->row_line = 1;
    *out = r;
    return HW_OK;
}

void csv_reader_free(struct csv_reader *r)
{
    if (!r)
        return;
    csv_free(&r->parser);
    text_decoder_free(&r->text);
    free(r);
}

static int64_t current_line(const struct csv_reader *r)
{
    return r->row.nfields ? r->row_line : r->line;
}

static int parser_failed(struct csv_reader *r)
{
    int e = csv_error(&r->parser);
    if (e == CSV_EPARSE)
        stop(r, FAIL_QUOTES, current_line(r));
    else if (e == CSV_ENOMEM && csv_get_buffer_size(&r->parser) + 1024 >= CSV_ENTRY_LIMIT)
        stop(r, FAIL_FIELD_TOO_LONG, current_line(r));
    else if (r->status == HW_OK)
        r->status = HW_ENOMEM;
    return r->status;
}

/* The decoder's sink: UTF-8 text into the parser. */
static int parse_text(const char *utf8, size_t len, void *ctx)
{
    struct csv_reader *r = ctx;
    size_t done = csv_parse(&r->parser, utf8, len, on_field, on_row_end, r);
    if (r->status != HW_OK)
        return r->status;
    return done < len ? parser_failed(r) : HW_OK;
}

static int text_failed(struct csv_reader *r, int rc)
{
    if (rc == HW_EINVAL && r->text.error != TEXT_OK)
        stop(r, FAIL_TEXT, r->text.newlines + 1);
    return r->status != HW_OK ? r->status : rc;
}

int csv_reader_feed(struct csv_reader *r, const void *data, size_t len)
{
    if (r->status != HW_OK)
        return r->status;
    int rc = text_decode(&r->text, data, len);
    return rc == HW_OK ? HW_OK : text_failed(r, rc);
}

int csv_reader_finish(struct csv_reader *r)
{
    if (r->status != HW_OK)
        return r->status;
    int rc = text_decode_finish(&r->text);
    if (rc != HW_OK)
        return text_failed(r, rc);
    if (csv_fini(&r->parser, on_field, on_row_end, r) != 0)
        return parser_failed(r);
    return r->status;
}

void csv_reader_error(const struct csv_reader *r, int64_t *line, const char **zh, const char **en)
{
    *line = r->fail_line;
    switch (r->fail) {
    case FAIL_TEXT: text_error_message(r->text.error, zh, en); return;
    case FAIL_QUOTES:
        *zh = "引号不配对：含逗号、引号或换行的单元格须整体加双引号，其中的双引号写两次";
        *en = "unbalanced quotes: a cell with a comma, quote or line break must be quoted, "
              "and a quote inside it doubled";
        return;
    case FAIL_ROW_TOO_LONG:
        *zh = "这一行过长";
        *en = "this row is too long";
        return;
    case FAIL_FIELD_TOO_LONG:
        *zh = "单元格过长（可能缺少结束引号）";
        *en = "a cell is too long (a closing quote missing?)";
        return;
    case FAIL_NONE: break;
    }
    *zh = "";
    *en = "";
}

enum text_encoding csv_reader_encoding(const struct csv_reader *r) { return r->text.encoding; }
