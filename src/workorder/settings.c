#include "workorder/settings.h"

#include <stdlib.h>

#include "base/err.h"

static struct wo_settings defaults(void)
{
    return (struct wo_settings){.standard = wo_standard_54321,
                                .warn_s = WO_WARN_DEFAULT_S,
                                .reopen_days = WO_REOPEN_DAYS_DEFAULT,
                                .whistle_s = WO_WHISTLE_DEFAULT_S};
}

void wo_settings_from_row(struct db_stmt *st, int col, struct wo_settings *out)
{
    *out = defaults();
    if (db_col_is_null(st, col))
        return;
    struct wo_standard *s = &out->standard;
    s->on_site_s = db_col_int(st, col);
    for (int d = 0; d < WO_DIFFICULTY_COUNT; d++)
        s->resolve_s[d] = db_col_int(st, col + 1 + d);
    s->working_time = db_col_bool(st, col + 5);
    s->work_start_min = (int)db_col_int(st, col + 6);
    s->work_end_min = (int)db_col_int(st, col + 7);
    out->warn_s = db_col_int(st, col + 8);
    out->reopen_days = (int)db_col_int(st, col + 9);
    out->whistle_s = db_col_int(st, col + 10);
}

int wo_settings_load(struct db *db, int64_t district_id, struct wo_settings *out)
{
    *out = defaults();
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT " WO_SETTINGS_COLUMNS("") " FROM wo_standards"
                          " WHERE district_id = $1",
                          "i", district_id);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    wo_settings_from_row(st, 0, out);
    db_reset(st);
    return HW_OK;
}

int wo_settings_save(struct db *db, int64_t district_id, const struct wo_settings *s, int64_t now,
                     const char **bad_field)
{
    int rc = wo_standard_check(&s->standard, bad_field);
    if (rc != HW_OK)
        return rc;
    if (s->warn_s < 0 || s->warn_s > WO_LIMIT_MAX_S) {
        *bad_field = "warn_s";
        return HW_EINVAL;
    }
    if (s->reopen_days < 0 || s->reopen_days > WO_REOPEN_DAYS_MAX) {
        *bad_field = "reopen_days";
        return HW_EINVAL;
    }
    if (s->whistle_s < WO_LIMIT_MIN_S || s->whistle_s > WO_LIMIT_MAX_S) {
        *bad_field = "whistle_s";
        return HW_EINVAL;
    }
    const struct wo_standard *t = &s->standard;
    int64_t n = db_run(db,
                       "INSERT INTO wo_standards (district_id, on_site_s, resolve_simple_s,"
                       " resolve_general_s, resolve_complex_s, resolve_difficult_s, working_time,"
                       " work_start_min, work_end_min, warn_s, reopen_days, whistle_s, updated_at)"
                       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                       " ON CONFLICT (district_id) DO UPDATE SET on_site_s = $2,"
                       " resolve_simple_s = $3, resolve_general_s = $4, resolve_complex_s = $5,"
                       " resolve_difficult_s = $6, working_time = $7, work_start_min = $8,"
                       " work_end_min = $9, warn_s = $10, reopen_days = $11, whistle_s = $12,"
                       " updated_at = $13",
                       "iiiiiibiiiiii", district_id, t->on_site_s, t->resolve_s[WO_SIMPLE],
                       t->resolve_s[WO_GENERAL], t->resolve_s[WO_COMPLEX],
                       t->resolve_s[WO_DIFFICULT], (int)t->working_time,
                       (int64_t)t->work_start_min, (int64_t)t->work_end_min, s->warn_s,
                       (int64_t)s->reopen_days, s->whistle_s, now);
    return n < 0 ? (int)n : HW_OK;
}

json_t *wo_settings_json(int64_t district_id, const struct wo_settings *s)
{
    const struct wo_standard *t = &s->standard;
    json_t *resolve = json_object();
    for (int d = 0; resolve && d < WO_DIFFICULTY_COUNT; d++)
        json_object_set_new(resolve, wo_difficulty_name((enum wo_difficulty)d),
                            json_integer(t->resolve_s[d]));
    return json_pack("{s:I, s:{s:I, s:o, s:b, s:i, s:i}, s:I, s:i, s:I}", "district_id",
                     (json_int_t)district_id, "standard", "on_site_s", (json_int_t)t->on_site_s,
                     "resolve_s", resolve, "working_time", t->working_time, "work_start_min",
                     t->work_start_min, "work_end_min", t->work_end_min, "warn_s",
                     (json_int_t)s->warn_s, "reopen_days", s->reopen_days, "whistle_s",
                     (json_int_t)s->whistle_s);
}

int wo_calendar_load(struct db *db, int64_t district_id, struct wo_calendar_buf *buf)
{
    buf->cal.days = buf->days;
    buf->cal.n = 0;
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT day, working FROM wo_calendar_days WHERE district_id = $1"
                      " ORDER BY day LIMIT $2",
                      "ii", district_id, (int64_t)WO_CALENDAR_MAX);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        buf->days[buf->cal.n].day = (int32_t)db_col_int(st, 0);
        buf->days[buf->cal.n].working = db_col_bool(st, 1);
        buf->cal.n++;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}
