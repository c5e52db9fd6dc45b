/* What a sheet of an .xlsx needs from the rest of its package: where the
 * sheet is (workbook.xml and its relations, by name or the first visible
 * worksheet), the date system (1900, or 1904 when workbook.xml says
 * date1904), which cell styles show numbers as dates (styles.xml) and the
 * shared strings (sharedStrings.xml). */
#ifndef HONGWU_TRANSFER_XLSX_BOOK_H
#define HONGWU_TRANSFER_XLSX_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

#include "base/arena.h"
#include "transfer/xlsx_reader.h"

/* A workbook may hold this many sheets, relations, styles and formats,
 * and this many shared strings. */
enum { XLSX_MAX_ENTRIES = 65536, XLSX_MAX_SHARED = 2 * 1024 * 1024 };

struct xlsx_book {
    struct arena *arena;
    const char *sheet_path; /* the worksheet's ZIP member */
    bool date1904;
    bool *date_style; /* by style index (a cell's s attribute) */
    size_t nstyles;
    /* Shared strings, each cut at CSV_MAX_FIELD + 1 bytes: one past the
     * most a cell may hold is enough to tell it is too long. */
    const char **strings;
    size_t nstrings, strings_cap;
};

/* Finds the sheet (NULL: the first visible worksheet) and loads the rest.
 * HW_EINVAL with err set when the package is no workbook, has no such
 * sheet, or a part is broken or too large; HW_ENOMEM. Free the book
 * either way. */
int xlsx_book_load(zip_t *z, const char *sheet, struct xlsx_book *b, struct xlsx_error *err);
void xlsx_book_free(struct xlsx_book *b);

#endif
