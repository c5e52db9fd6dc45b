/* The statistics as a file: CSV or an Excel workbook, one row per unit and
 * a total row, written through the export's table (transfer/table.h). The
 * columns are docs/api-workorders.md's, "Export". */
#ifndef HONGWU_WOSTATS_SHEET_H
#define HONGWU_WOSTATS_SHEET_H

#include <stdbool.h>
#include <stdint.h>

#include "transfer/table.h"
#include "wostats/report.h"

/* Writes r to path; *rows gets the rows written below the header. */
int wostats_sheet_write(struct wostats_report *r, enum table_format format, bool english,
                        const char *path, int64_t *rows);

#endif
