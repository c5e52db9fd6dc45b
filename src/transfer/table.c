#include "transfer/table.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/err.h"
#include "base/log.h"
#include "transfer/csv_writer.h"
#include "transfer/xlsx_value.h"

struct table {
    enum table_format format;
    int status;
    /* CSV */
    FILE *file;
    struct csv_writer csv;
    /* Excel */
    lxw_workbook *book;
    lxw_worksheet *sheet;
    lxw_format *text_format, *header_format;
    lxw_format *wrap_format; /* text on several lines (a note) */
    uint32_t row;
    uint16_t col;
};

static int to_file(const char *data, size_t len, void *ctx)
{
    return fwrite(data, 1, len, ctx) == len ? HW_OK : HW_EIO;
}

static int open_xlsx(struct table *t, const char *path, const char *sheet)
{
    /* Constant memory: each row goes to a temporary file as it is finished. */
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE};
    if (!(t->book = workbook_new_opt(path, &opts)))
        return HW_EIO;
    t->sheet = workbook_add_worksheet(t->book, sheet);
    t->text_format = workbook_add_format(t->book);
    t->header_format = workbook_add_format(t->book);
    t->wrap_format = workbook_add_format(t->book);
    if (!t->sheet || !t->text_format || !t->header_format || !t->wrap_format)
        return HW_ENOMEM;
    /* Text, so Excel keeps an 18-digit ID number and a leading 0 as typed. */
    format_set_num_format(t->text_format, "@");
    /* A cell holding line breaks shows them (as Alt+Enter typed them). */
    format_set_num_format(t->wrap_format, "@");
    format_set_text_wrap(t->wrap_format);
    format_set_bold(t->header_format);
    worksheet_freeze_panes(t->sheet, 1, 0);
    return HW_OK;
}

int table_open(enum table_format format, const char *path, const char *sheet, struct table **out)
{
    struct table *t = calloc(1, sizeof *t);
    if (!t)
        return HW_ENOMEM;
    t->format = format;
    int rc;
    if (format == TABLE_XLSX) {
        rc = open_xlsx(t, path, sheet);
    } else if (!(t->file = fopen(path, "wb"))) {
        rc = HW_EIO;
    } else {
        csv_writer_init(&t->csv, to_file, t->file);
        rc = csv_writer_bom(&t->csv);
    }
    if (rc != HW_OK) {
        t->status = rc;
        table_close(t);
        return rc;
    }
    *out = t;
    return HW_OK;
}

static int xlsx_result(struct table *t, lxw_error e)
{
    if (e != LXW_NO_ERROR && t->status == HW_OK) {
        log_error("export: xlsx: %s", lxw_strerror(e));
        t->status = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? HW_ENOMEM : HW_EIO;
    }
    t->col++;
    return t->status;
}

static int cell(struct table *t, const char *text, lxw_format *f)
{
    if (t->status != HW_OK)
        return t->status;
    if (t->format == TABLE_CSV)
        return t->status = csv_writer_cell(&t->csv, text);
    if (!text || !*text) {
        t->col++;
        return HW_OK;
    }
    /* Escaped here, control characters and "_" in one pass: libxlsxwriter
     * writes a literal "_x0041_" as it is, which Excel and the import
     * would decode. */
    size_t n = xlsx_escape(text, NULL, 0);
    if (n == strlen(text))
        return xlsx_result(t, worksheet_write_string(t->sheet, t->row, t->col, text, f));
    char *escaped = malloc(n + 1);
    if (!escaped)
        return t->status = HW_ENOMEM;
    xlsx_escape(text, escaped, n + 1);
    lxw_error e = worksheet_write_string(t->sheet, t->row, t->col, escaped, f);
    free(escaped);
    return xlsx_result(t, e);
}

int table_text(struct table *t, const char *text)
{
    return cell(t, text, text && strchr(text, '\n') ? t->wrap_format : t->text_format);
}

int table_header(struct table *t, const char *text) { return cell(t, text, t->header_format); }

int table_int(struct table *t, int64_t v)
{
    if (t->status != HW_OK || t->format == TABLE_CSV) {
        char buf[24];
        snprintf(buf, sizeof buf, "%" PRId64, v);
        return cell(t, buf, NULL);
    }
    return xlsx_result(t, worksheet_write_number(t->sheet, t->row, t->col, (double)v, NULL));
}

int table_end_row(struct table *t)
{
    if (t->status != HW_OK)
        return t->status;
    if (t->format == TABLE_CSV)
        return t->status = csv_writer_end_row(&t->csv);
    t->col = 0;
    if (++t->row >= TABLE_XLSX_MAX_ROWS)
        t->status = HW_ELIMIT;
    return t->status;
}

int table_close(struct table *t)
{
    int rc = t->status;
    if (t->file) {
        if (csv_writer_flush(&t->csv) != HW_OK && rc == HW_OK)
            rc = HW_EIO;
        if (fclose(t->file) != 0 && rc == HW_OK)
            rc = HW_EIO;
    }
    if (t->book) {
        lxw_error e = workbook_close(t->book);
        if (e != LXW_NO_ERROR && rc == HW_OK) {
            log_error("export: xlsx: %s", lxw_strerror(e));
            rc = HW_EIO;
        }
    }
    free(t);
    return rc;
}
