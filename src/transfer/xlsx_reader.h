/* Reads one sheet of an Excel workbook (.xlsx) as rows of cell texts, as
 * the CSV reader (csv_reader.h) hands over a CSV file's rows, so an import
 * treats both alike. The workbook is held whole in memory: a ZIP is read
 * from its directory at the end. libzip opens the package, expat reads its
 * XML, each part refused past a size cap.
 *
 * Each cell reads as Excel shows it: shared and inline strings (rich text
 * runs joined, phonetic guides left out), numbers with at most 15
 * significant digits, date-formatted numbers as YYYY-MM-DD (1900 or 1904
 * date system), booleans as TRUE/FALSE, a formula by its cached result.
 * Which cells held numbers is handed over too: an ID number stored as one
 * has lost its last digits, and only its caller knows which column holds
 * ID numbers. A row's line is its Excel row number; rows whose cells are
 * all empty are skipped. A merged cell keeps its text in its first cell
 * and the others read empty, as in the file. */
#ifndef HONGWU_TRANSFER_XLSX_READER_H
#define HONGWU_TRANSFER_XLSX_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "transfer/csv_reader.h"

/* What the reader holds or unpacks at most. */
#define XLSX_MAX_FILE ((size_t)64 * 1024 * 1024)    /* the .xlsx itself */
#define XLSX_MAX_SHEET ((size_t)256 * 1024 * 1024)  /* the sheet's XML, unpacked */
#define XLSX_MAX_STRINGS ((size_t)64 * 1024 * 1024) /* the shared strings' XML */
#define XLSX_MAX_PART ((size_t)16 * 1024 * 1024)    /* workbook, relations, styles */

/* Why a workbook cannot be read: the row (0: none) and a message in both
 * languages. */
struct xlsx_error {
    bool set;
    int64_t line;
    char zh[384], en[384];
};

/* Called for every row that is not blank; numeric[i] tells whether cell i
 * held a number (a date included). An error return stops the reader and
 * is returned by xlsx_read. */
typedef int (*xlsx_row_fn)(const struct csv_row *row, const bool *numeric, void *ctx);

/* Reads the sheet named sheet (NULL: the first visible worksheet) of the
 * workbook in data. HW_OK; HW_EINVAL when the workbook cannot be read on
 * (err says why; rows before it were handed over); HW_ENOMEM; or the row
 * callback's error. */
int xlsx_read(const void *data, size_t len, const char *sheet, xlsx_row_fn fn, void *ctx,
              struct xlsx_error *err);

#endif
