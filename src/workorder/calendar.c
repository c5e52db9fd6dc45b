#include "workorder/calendar.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"
#include "store/db_json.h"
#include "workorder/settings.h"

int32_t wo_year_first_day(int year)
{
    char date[11];
    int32_t day = 0;
    return date_write(year, 1, 1, date) && wo_day_parse(date, &day) == HW_OK ? day : 0;
}

static int by_day(const void *a, const void *b)
{
    const struct wo_year_day *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

int wo_year_days_check(int year, struct wo_year_day *days, size_t n, size_t *bad_index)
{
    if (year < WO_YEAR_MIN || year > WO_YEAR_MAX || n > WO_YEAR_DAYS_MAX) {
        *bad_index = 0;
        return HW_EINVAL;
    }
    int32_t first = wo_year_first_day(year);
    int32_t next = year < WO_YEAR_MAX ? wo_year_first_day(year + 1) : first + 365;
    for (size_t i = 0; i < n; i++) {
        const char *note = days[i].note;
        long chars = note ? text_chars(note, false) : 0;
        bool note_ok = !note || (chars >= 1 && chars <= WO_DAY_NOTE_MAX &&
                                 !text_untrimmed(note) && !text_has_invisible(note));
        bool twice = false;
        for (size_t j = 0; j < i; j++)
            twice = twice || days[j].day == days[i].day;
        if (days[i].day < first || days[i].day >= next || !note_ok || twice) {
            *bad_index = i;
            return HW_EINVAL;
        }
    }
    qsort(days, n, sizeof *days, by_day);
    return HW_OK;
}

int wo_year_set(struct db *db, int64_t district_id, int year, const struct wo_year_day *days,
                size_t n)
{
    int64_t first = wo_year_first_day(year), next = wo_year_first_day(year + 1);
    if (year >= WO_YEAR_MAX)
        next = first + 365;
    int64_t changed = db_run(db,
                             "DELETE FROM wo_calendar_days WHERE district_id = $1"
                             " AND day >= $2 AND day < $3",
                             "iii", district_id, first, next);
    for (size_t i = 0; changed >= 0 && i < n; i++)
        changed = db_run(db,
                         "INSERT INTO wo_calendar_days (district_id, day, working, note)"
                         " VALUES ($1, $2, $3, $4)",
                         "iibs", district_id, (int64_t)days[i].day, (int)days[i].working,
                         days[i].note);
    if (changed < 0)
        return (int)changed;
    /* The whole calendar as deadlines will read it: within its room, and
     * no month without a working day. */
    int64_t total = 0;
    int rc = db_scalar_int(db, &total, "SELECT count(*) FROM wo_calendar_days WHERE district_id = $1",
                           "i", district_id);
    if (rc != HW_OK)
        return rc;
    if (total > WO_CALENDAR_MAX)
        return HW_EINVAL;
    struct wo_calendar_buf *buf = malloc(sizeof *buf);
    if (!buf)
        return HW_ENOMEM;
    rc = wo_calendar_load(db, district_id, buf);
    int32_t bad_day;
    if (rc == HW_OK && wo_calendar_check(&buf->cal, &bad_day) != HW_OK)
        rc = HW_EINVAL;
    free(buf);
    return rc;
}

json_t *wo_calendar_day_row(struct db_stmt *st)
{
    char date[11];
    wo_day_format((int32_t)db_col_int(st, 0), date);
    return json_pack("{s:s, s:b, s:o}", "date", date, "working", db_col_bool(st, 1), "note",
                     db_json_text(st, 2));
}

int wo_year_json(struct db *db, int64_t district_id, int year, json_t **out)
{
    int64_t first = wo_year_first_day(year), next = wo_year_first_day(year + 1);
    if (year >= WO_YEAR_MAX)
        next = first + 365;
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT day, working, note FROM wo_calendar_days WHERE district_id = $1"
                      " AND day >= $2 AND day < $3 ORDER BY day LIMIT $4",
                      "iiii", district_id, first, next, (int64_t)WO_YEAR_DAYS_MAX);
    if (rc != HW_OK)
        return rc;
    json_t *days = json_array();
    while (days && (rc = db_step(st)) == DB_ROW)
        if (json_array_append_new(days, wo_calendar_day_row(st)) != 0) {
            rc = HW_ENOMEM;
            break;
        }
    db_reset(st);
    if (!days)
        return HW_ENOMEM;
    if (rc < 0) {
        json_decref(days);
        return rc;
    }
    *out = json_pack("{s:I, s:i, s:o}", "district_id", (json_int_t)district_id, "year", year,
                     "days", days);
    return *out ? HW_OK : HW_ENOMEM;
}
