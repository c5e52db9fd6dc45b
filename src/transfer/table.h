/* A table written row by row to a file, as CSV (csv_writer.h) or as an Excel
 * workbook (libxlsxwriter, constant memory): what an export writes through. */
#ifndef HONGWU_TRANSFER_TABLE_H
#define HONGWU_TRANSFER_TABLE_H

#include <stdint.h>

enum table_format { TABLE_CSV, TABLE_XLSX };

/* Excel's last row (1,048,576), the header included. */
enum { TABLE_XLSX_MAX_ROWS = 1048576 };

struct table;

/* Creates path; sheet names the worksheet of a workbook. */
int table_open(enum table_format format, const char *path, const char *sheet, struct table **out);
/* A text cell (NULL: empty), a whole number, a header cell (bold in Excel). */
int table_text(struct table *t, const char *text);
int table_int(struct table *t, int64_t v);
int table_header(struct table *t, const char *text);
/* HW_ELIMIT past TABLE_XLSX_MAX_ROWS in a workbook. */
int table_end_row(struct table *t);
/* Finishes the file; returns the first error met. Frees t either way. */
int table_close(struct table *t);

#endif
