/* A CSV reader fed in pieces, so a file of any size is read in constant
 * memory: RFC 4180 quoting, line breaks inside quoted fields, CRLF or LF,
 * parsed by libcsv in strict mode on text made UTF-8 by text_decode.h.
 * It hands over one row at a time with the line the row starts on (what a
 * text editor shows; Excel's row number too unless a cell above holds a line
 * break). Rows whose cells are all empty are skipped; spaces and tabs around
 * unquoted fields are dropped (libcsv). */
#ifndef HONGWU_TRANSFER_CSV_READER_H
#define HONGWU_TRANSFER_CSV_READER_H

#include <stddef.h>
#include <stdint.h>

#include "transfer/text_decode.h"

enum {
    CSV_MAX_FIELDS = 128,    /* fields past this are dropped */
    CSV_MAX_FIELD = 4096,    /* bytes; a longer field is cut and flagged */
    CSV_MAX_ROW = 64 * 1024, /* bytes of one row's fields together */
};

struct csv_row {
    int64_t line;
    size_t nfields;
    const char *fields[CSV_MAX_FIELDS]; /* NUL-terminated, valid during the callback */
    size_t long_field; /* 1 + index of the first field cut at CSV_MAX_FIELD, or 0 */
};

/* Called for every row; an error return stops the reader and is returned
 * by the feed or finish call that was running. */
typedef int (*csv_row_fn)(const struct csv_row *row, void *ctx);

struct csv_reader;

int csv_reader_new(csv_row_fn fn, void *ctx, struct csv_reader **out);
void csv_reader_free(struct csv_reader *r);

/* HW_OK; HW_EINVAL when the file cannot be read on (see csv_reader_error);
 * HW_ENOMEM; or the row callback's error. */
int csv_reader_feed(struct csv_reader *r, const void *data, size_t len);
int csv_reader_finish(struct csv_reader *r);

/* Why reading stopped with HW_EINVAL: the line and a message in both languages. */
void csv_reader_error(const struct csv_reader *r, int64_t *line, const char **zh, const char **en);
enum text_encoding csv_reader_encoding(const struct csv_reader *r);

#endif
