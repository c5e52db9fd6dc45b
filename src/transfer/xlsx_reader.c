#include "transfer/xlsx_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "transfer/xlsx_book.h"
#include "transfer/xlsx_part.h"
#include "transfer/xlsx_value.h"

/* The sheet's XML read element by element into rows. */
struct sheet_ctx {
    struct xlsx_parse p;
    const struct xlsx_book *book;
    xlsx_row_fn fn;
    void *ctx;

    /* The row being read. */
    bool in_row;
    int64_t row_number; /* of the last row begun, from 1 */
    int next_col;       /* of a cell with no reference */
    struct csv_row row;
    bool numeric[CSV_MAX_FIELDS];
    size_t used;
    char buf[CSV_MAX_ROW + CSV_MAX_FIELDS];

    /* The cell being read: its column, style, type and stored text. */
    bool in_cell, in_value, in_inline, in_text;
    int phonetic; /* depth inside <rPh>: a phonetic guide, not the text */
    int col;
    size_t style;
    char type[16];
    size_t len;
    char text[CSV_MAX_FIELD + 2];
};

static int bad_sheet(struct sheet_ctx *c, const char *zh, const char *en)
{
    return xlsx_fail_text(c->p.err, c->row_number, zh, en);
}

static void row_start(struct sheet_ctx *c, const char **attrs)
{
    const char *r = xlsx_attr(attrs, "r");
    int64_t n = c->row_number + 1;
    if (r) {
        char *end;
        long long v = strtoll(r, &end, 10);
        n = *end || v < 1 ? -1 : v;
    }
    if (n < 1 || n > XLSX_MAX_ROWS) {
        xlsx_stop(&c->p, bad_sheet(c, "工作表的行号无效或超过 Excel 的 1048576 行",
                                   "a row number of the sheet is not valid or past Excel's "
                                   "1,048,576 rows"));
        return;
    }
    c->row_number = n;
    c->in_row = true;
    c->next_col = 0;
    c->row.nfields = 0;
    c->row.long_field = 0;
    c->used = 0;
}

static void cell_start(struct sheet_ctx *c, const char **attrs)
{
    const char *ref = xlsx_attr(attrs, "r"), *s = xlsx_attr(attrs, "s"), *t = xlsx_attr(attrs, "t");
    int64_t row;
    c->col = c->next_col;
    if (ref && !xlsx_ref_parse(ref, &c->col, &row)) {
        xlsx_stop(&c->p, xlsx_fail(c->p.err, c->row_number, "单元格引用“%.20s”无效",
                                   "cell reference \"%.20s\" is not valid", ref));
        return;
    }
    c->next_col = c->col + 1;
    c->style = s ? strtoul(s, NULL, 10) : 0;
    snprintf(c->type, sizeof c->type, "%s", t ? t : "n");
    c->in_cell = true;
    c->len = 0;
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    struct sheet_ctx *c = data;
    if (c->p.status != HW_OK)
        return;
    const char *local = xlsx_local(name);
    if (strcmp(local, "row") == 0)
        row_start(c, attrs);
    else if (strcmp(local, "c") == 0 && c->in_row)
        cell_start(c, attrs);
    else if (!c->in_cell)
        return;
    else if (strcmp(local, "v") == 0)
        c->in_value = true;
    else if (strcmp(local, "is") == 0)
        c->in_inline = true;
    else if (strcmp(local, "rPh") == 0)
        c->phonetic++;
    else if (strcmp(local, "t") == 0)
        c->in_text = c->in_inline && !c->phonetic;
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
    struct sheet_ctx *c = data;
    if (!c->in_value && !c->in_text)
        return;
    size_t room = CSV_MAX_FIELD + 1 - c->len;
    size_t n = (size_t)len < room ? (size_t)len : room;
    memcpy(c->text + c->len, s, n);
    c->len += n;
}

/* The cell's text as Excel shows it; *numeric when it holds a number. */
static const char *cell_text(struct sheet_ctx *c, bool *numeric, char *scratch, size_t size)
{
    const struct xlsx_book *b = c->book;
    const char *t = c->type;
    c->text[c->len] = '\0';
    *numeric = false;
    if (strcmp(t, "s") == 0) { /* a shared string, by index */
        char *end;
        unsigned long i = strtoul(c->text, &end, 10);
        if (end == c->text || *end || i >= b->nstrings)
            return NULL;
        return b->strings[i];
    }
    if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
        c->len = xlsx_unescape(c->text, c->len);
        return c->text;
    }
    if (strcmp(t, "b") == 0)
        return strcmp(c->text, "1") == 0 ? "TRUE" : "FALSE";
    if (strcmp(t, "d") == 0) { /* an ISO 8601 date and time: its date */
        c->text[strcspn(c->text, "T")] = '\0';
        return c->text;
    }
    if (strcmp(t, "n") != 0 || !c->text[0]) /* an error such as #N/A, or empty */
        return c->text;
    *numeric = true;
    bool is_date = c->style < b->nstyles && b->date_style[c->style];
    if (is_date && xlsx_serial_text(strtod(c->text, NULL), b->date1904, scratch))
        return scratch;
    xlsx_number_text(c->text, scratch, size);
    return scratch;
}

/* Puts the cell into the row at its column; the columns it skipped are empty. */
static void cell_end(struct sheet_ctx *c)
{
    c->in_cell = c->in_value = c->in_inline = c->in_text = false;
    c->phonetic = 0;
    size_t col = (size_t)c->col;
    if (col >= CSV_MAX_FIELDS || col < c->row.nfields)
        return; /* past the columns read, or a column given twice */
    char scratch[64];
    bool numeric;
    const char *text = cell_text(c, &numeric, scratch, sizeof scratch);
    if (!text) {
        xlsx_stop(&c->p, bad_sheet(c, "单元格引用了不存在的共享字符串",
                                   "a cell names a shared string that does not exist"));
        return;
    }
    size_t n = strlen(text);
    if (n > CSV_MAX_FIELD) {
        n = CSV_MAX_FIELD;
        if (!c->row.long_field)
            c->row.long_field = col + 1;
    }
    if (c->used + (col - c->row.nfields) + n + 1 > sizeof c->buf) {
        xlsx_stop(&c->p, bad_sheet(c, "这一行过长", "this row is too long"));
        return;
    }
    while (c->row.nfields < col) {
        c->numeric[c->row.nfields] = false;
        c->row.fields[c->row.nfields++] = "";
    }
    char *dst = c->buf + c->used;
    memcpy(dst, text, n);
    dst[n] = '\0';
    c->used += n + 1;
    c->numeric[col] = numeric;
    c->row.fields[c->row.nfields++] = dst;
}

static bool row_is_blank(const struct csv_row *row)
{
    for (size_t i = 0; i < row->nfields; i++)
        if (row->fields[i][0])
            return false;
    return true;
}

static void row_end(struct sheet_ctx *c)
{
    c->in_row = false;
    c->row.line = c->row_number;
    if (row_is_blank(&c->row))
        return;
    int rc = c->fn(&c->row, c->numeric, c->ctx);
    if (rc != HW_OK)
        xlsx_stop(&c->p, rc);
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
    struct sheet_ctx *c = data;
    if (c->p.status != HW_OK)
        return;
    const char *local = xlsx_local(name);
    if (strcmp(local, "row") == 0 && c->in_row)
        row_end(c);
    else if (strcmp(local, "c") == 0 && c->in_cell)
        cell_end(c);
    else if (strcmp(local, "v") == 0)
        c->in_value = false;
    else if (strcmp(local, "t") == 0)
        c->in_text = false;
    else if (strcmp(local, "rPh") == 0 && c->phonetic)
        c->phonetic--;
}

static int read_sheet(zip_t *z, const struct xlsx_book *b, xlsx_row_fn fn, void *ctx,
                      struct xlsx_error *err)
{
    struct sheet_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return HW_ENOMEM;
    c->p.err = err;
    c->book = b;
    c->fn = fn;
    c->ctx = ctx;
    int rc = xlsx_part_parse(z, b->sheet_path, XLSX_MAX_SHEET, c, on_start, on_end, on_text);
    if (rc == HW_ENOTFOUND)
        rc = xlsx_fail(err, 0, "工作簿中缺少工作表 %s", "the workbook lacks its sheet %s",
                       b->sheet_path);
    free(c);
    return rc;
}

int xlsx_read(const void *data, size_t len, const char *sheet, xlsx_row_fn fn, void *ctx,
              struct xlsx_error *err)
{
    memset(err, 0, sizeof *err);
    zip_t *z;
    int rc = xlsx_zip_open(data, len, &z, err);
    if (rc != HW_OK)
        return rc;
    struct xlsx_book book;
    rc = xlsx_book_load(z, sheet, &book, err);
    if (rc == HW_OK)
        rc = read_sheet(z, &book, fn, ctx, err);
    xlsx_book_free(&book);
    zip_discard(z);
    return rc == HW_ELIMIT ? HW_EINVAL : rc;
}
