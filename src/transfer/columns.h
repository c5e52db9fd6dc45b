/* The columns of the registry's spreadsheets, in and out: one table of
 * canonical English names, the Chinese header an export writes, and the
 * other headers communities use for the same thing (docs/import-format.md). */
#ifndef HONGWU_TRANSFER_COLUMNS_H
#define HONGWU_TRANSFER_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "transfer/transfer.h"

enum column {
    COL_COMPOUND,
    COL_BUILDING,
    COL_ENTRANCE,
    COL_ROOM,
    COL_FLOOR,
    COL_AREA,
    COL_GRID,
    COL_MICRO_GRID,
    COL_ENTRANCES,
    COL_FLOORS,
    COL_PER_FLOOR,
    COL_NAME,
    COL_SEX,
    COL_BIRTH_DATE,
    COL_ID_NUMBER,
    COL_PHONE,
    COL_RELATION,
    COL_MOVED_IN,
    COL_TAGS,
    COL_NOTE,
    COL_COUNT
};

/* "compound", "area_m2", ...: the field named in a rejected row. */
const char *column_name(enum column c);
/* 小区, 面积, ...: the header an export writes in Chinese. */
const char *column_zh(enum column c);

/* The column a header names, after trimming, dropping a required-mark "*"
 * and a note in brackets ("面积(㎡)"), ignoring case; -1 for none. */
int column_lookup(const char *header);

/* Whether a kind of import reads the column, and whether it must be there. */
bool column_used(enum transfer_kind kind, enum column c);
bool column_required(enum transfer_kind kind, enum column c);

/* The columns an export of the kind writes, in order; returns how many. */
size_t column_export_list(enum transfer_kind kind, const enum column **out);

#endif
