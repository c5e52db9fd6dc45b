/* A sub-district's work-order settings: its deadline standard (54321 unless
 * it defines its own), its working calendar, and how long before a deadline
 * an order is due soon, how long a resident may reopen, how long a whistled
 * unit has to respond. */
#ifndef HONGWU_WORKORDER_SETTINGS_H
#define HONGWU_WORKORDER_SETTINGS_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "workorder/deadline.h"

enum {
    WO_WARN_DEFAULT_S = 60,          /* due soon a minute ahead: product default */
    WO_REOPEN_DAYS_DEFAULT = 7,      /* reopening period (docs/api-workorders.md) */
    WO_WHISTLE_DEFAULT_S = 86400,    /* the source gives none (domain.md WO-5): a day */
    WO_REOPEN_DAYS_MAX = 366,
    WO_CALENDAR_MAX = 2000,          /* exceptions a calendar holds */
};

struct wo_settings {
    struct wo_standard standard;
    int64_t warn_s;
    int reopen_days;
    int64_t whistle_s;
};

/* The sub-district's settings; the defaults (54321) when it has none. */
int wo_settings_load(struct db *db, int64_t district_id, struct wo_settings *out);

/* The columns of wo_standards the settings hold, each prefixed with t, for
 * a query that reads them with other things (a LEFT JOIN: NULLs when the
 * sub-district has no row). */
#define WO_SETTINGS_COLUMNS(t)                                                                     \
    t "on_site_s, " t "resolve_simple_s, " t "resolve_general_s, " t "resolve_complex_s, "       \
    t "resolve_difficult_s, " t "working_time, " t "work_start_min, " t "work_end_min, "         \
    t "warn_s, " t "reopen_days, " t "whistle_s"
enum { WO_SETTINGS_NCOLUMNS = 11 };

/* The settings in st's columns col .. col + WO_SETTINGS_NCOLUMNS - 1, as
 * selected by WO_SETTINGS_COLUMNS; the defaults when they are NULL. */
void wo_settings_from_row(struct db_stmt *st, int col, struct wo_settings *out);

/* Checks s (HW_EINVAL with *bad_field) and stores it for the sub-district. */
int wo_settings_save(struct db *db, int64_t district_id, const struct wo_settings *s, int64_t now,
                     const char **bad_field);

/* The settings as answered: docs/api-workorders.md, "Settings". */
json_t *wo_settings_json(int64_t district_id, const struct wo_settings *s);

/* A calendar's exceptions, held by the caller. */
struct wo_calendar_buf {
    struct wo_calendar_day days[WO_CALENDAR_MAX];
    struct wo_calendar cal;
};

/* The sub-district's calendar into buf (buf->cal points into it). */
int wo_calendar_load(struct db *db, int64_t district_id, struct wo_calendar_buf *buf);

#endif
