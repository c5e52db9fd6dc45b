/* A sub-district's working calendar (wo_calendar_days): the exceptions to
 * Monday-to-Friday, statutory holidays and make-up working days (调休), given
 * a year at a time as the State Council publishes them. Working-time
 * deadlines count on it (deadline.h); orders keep the deadlines they were
 * given until their class changes or they resume. */
#ifndef HONGWU_WORKORDER_CALENDAR_H
#define HONGWU_WORKORDER_CALENDAR_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "workorder/deadline.h"

enum {
    WO_YEAR_MIN = 1970,
    WO_YEAR_MAX = 9999,
    WO_YEAR_DAYS_MAX = 366, /* exceptions a year may hold */
    WO_DAY_NOTE_MAX = 64,   /* characters of a day's note ("国庆节") */
};

/* One exception as given. note may be NULL. */
struct wo_year_day {
    int32_t day;
    bool working;
    const char *note;
};

/* Checks a year's exceptions and sorts them by day: each day within the
 * year, no day twice, notes of one line of at most WO_DAY_NOTE_MAX
 * characters. HW_EINVAL with *bad_index the offending entry (before
 * sorting). Pure. */
int wo_year_days_check(int year, struct wo_year_day *days, size_t n, size_t *bad_index);

/* The year's exceptions become exactly days[0..n) (checked, sorted); then
 * the whole calendar must pass wo_calendar_check and fit the calendar's
 * room (settings.h), else HW_EINVAL (the caller rolls back). */
int wo_year_set(struct db *db, int64_t district_id, int year, const struct wo_year_day *days,
                size_t n);

/* {"district_id","year","days":[{"date","working","note"}]} */
int wo_year_json(struct db *db, int64_t district_id, int year, json_t **out);

/* A day as listed: {"date","working","note"} from (day, working, note). */
json_t *wo_calendar_day_row(struct db_stmt *st);

/* The first local day of a year (1 January). */
int32_t wo_year_first_day(int year);

#endif
