/* CSV out, row by row into a sink: RFC 4180 quoting only where a cell needs
 * it, CRLF between rows, and a UTF-8 byte-order mark first so Excel opens
 * Chinese text as UTF-8. A cell starting with = + - @ TAB or CR (and not a
 * plain number) gets a leading apostrophe, so a spreadsheet shows it instead
 * of running it as a formula (OWASP "CSV injection"); the importer drops that
 * apostrophe again (cell.h). So does a cell already starting with an
 * apostrophe before one of = + - @, which then reads back unchanged. A line
 * break inside a cell (a note) is quoted and kept as it is. */
#ifndef HONGWU_TRANSFER_CSV_WRITER_H
#define HONGWU_TRANSFER_CSV_WRITER_H

#include <stdbool.h>
#include <stddef.h>

/* Receives the text; returns HW_OK or an error that stops the writer. */
typedef int (*csv_out_fn)(const char *data, size_t len, void *ctx);

struct csv_writer {
    csv_out_fn out;
    void *ctx;
    int status;   /* first error; every later call returns it */
    size_t cells; /* in the current row */
    size_t used;
    char buf[16 * 1024];
};

void csv_writer_init(struct csv_writer *w, csv_out_fn out, void *ctx);
int csv_writer_bom(struct csv_writer *w);
/* One cell; NULL is an empty cell. */
int csv_writer_cell(struct csv_writer *w, const char *s);
int csv_writer_end_row(struct csv_writer *w);
/* Hands what is buffered to the sink. */
int csv_writer_flush(struct csv_writer *w);

/* Whether a cell would be read as a formula by a spreadsheet. */
bool csv_cell_is_formula_like(const char *s);

#endif
