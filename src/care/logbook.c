#include "care/logbook.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "care/household.h"
#include "care/schedule.h"
#include "care/visit.h"
#include "place/place.h"

static bool text_ok(const char *s, size_t min, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    return s && n >= min && n <= max;
}

static json_t *time_json(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char t[32];
    clock_format_rfc3339(db_col_int(st, col), t);
    return json_string(t);
}

static json_t *place_ref(struct db *db, int64_t id)
{
    char label[PLACE_LABEL_MAX] = "", kind[PLACE_KIND_SIZE] = "";
    int64_t district;
    if (place_label(db, id, label, sizeof label) != HW_OK ||
        place_kind_district(db, id, kind, &district) != HW_OK)
        return NULL;
    return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "kind", kind, "label", label);
}

/* ---- the building leader's work log ------------------------------------ */

int care_log_create(struct db *db, int64_t building_id, const char *date, const char *seen,
                    const char *done, int64_t author_id, int64_t now, int64_t *id,
                    const char **bad_field)
{
    int64_t day;
    *bad_field = !date || care_day_parse(date, &day) != HW_OK || day > care_day_of_epoch(now)
                     ? "date"
                 : !text_ok(seen, 1, CARE_TEXT_MAX)            ? "seen"
                 : done && !text_ok(done, 0, CARE_TEXT_MAX)    ? "done"
                                                               : NULL;
    if (*bad_field)
        return HW_EINVAL;
    int rc = db_scalar_int(db, id,
                           "INSERT INTO care_building_logs (district_id, building_id, log_date, seen,"
                           " done, author_id, created_at, updated_at) SELECT district_id, id, $2,"
                           " $3, $4, $5, $6, $6 FROM places WHERE id = $1 AND kind = 'building'"
                           " RETURNING id",
                           "isssii", building_id, date, seen, done ? done : "", author_id, now);
    if (rc == HW_ENOTFOUND)
        *bad_field = "building_id";
    return rc == HW_ENOTFOUND ? HW_EINVAL : rc;
}

int care_log_update(struct db *db, int64_t id, const char *seen, const char *done, int64_t now,
                    const char **bad_field)
{
    *bad_field = seen && !text_ok(seen, 1, CARE_TEXT_MAX)   ? "seen"
                 : done && !text_ok(done, 0, CARE_TEXT_MAX) ? "done"
                                                            : NULL;
    if (*bad_field)
        return HW_EINVAL;
    int64_t n = db_run(db,
                       "UPDATE care_building_logs SET seen = COALESCE($2, seen),"
                       " done = COALESCE($3, done), updated_at = $4 WHERE id = $1",
                       "issi", id, seen, done, now);
    return n < 0 ? (int)n : n ? HW_OK : HW_ENOTFOUND;
}

int care_log_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT l.id, l.building_id, l.log_date, l.seen, l.done, l.author_id,"
                          " u.name, l.created_at, l.updated_at FROM care_building_logs l"
                          " JOIN users u ON u.id = l.author_id WHERE l.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    int64_t building = db_col_int(st, 1);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:{s:I, s:s}, s:o, s:o}", "id",
                          (json_int_t)db_col_int(st, 0), "date", db_col_text(st, 2), "seen",
                          db_col_text(st, 3), "done", db_col_text(st, 4), "author", "user_id",
                          (json_int_t)db_col_int(st, 5), "name", db_col_text(st, 6), "created_at",
                          time_json(st, 7), "updated_at", time_json(st, 8));
    db_reset(st);
    json_t *b = place_ref(db, building);
    if (!o || !b) {
        json_decref(o);
        json_decref(b);
        return HW_ENOMEM;
    }
    json_object_set_new(o, "building", b);
    *out = o;
    return HW_OK;
}

/* ---- dispute mediation ------------------------------------------------- */

int care_mediation_create(struct db *db, const struct care_mediation_new *m, int64_t user_id,
                          int64_t now, int64_t *id, const char **bad_field)
{
    *bad_field = !text_ok(m->matter, 1, CARE_TEXT_MAX)     ? "matter"
                 : !text_ok(m->mediator, 1, CARE_NAME_MAX) ? "mediator"
                 : m->nparties < CARE_PARTIES_MIN || m->nparties > CARE_PARTIES_MAX
                     ? "parties"
                     : NULL;
    for (size_t i = 0; !*bad_field && i < m->nparties; i++)
        if (!text_ok(m->parties[i].name, 1, CARE_NAME_MAX) ||
            (m->parties[i].side && !text_ok(m->parties[i].side, 0, CARE_NAME_MAX)))
            *bad_field = "parties";
    if (*bad_field)
        return HW_EINVAL;
    int rc = db_scalar_int(db, id,
                           "INSERT INTO care_mediations (district_id, place_id, matter, mediator,"
                           " status, opened_by, opened_at, updated_at) SELECT district_id, id, $2,"
                           " $3, 'in_progress', NULLIF($4, CAST(0 AS BIGINT)), $5, $5 FROM places"
                           " WHERE id = $1 AND kind IN ('dwelling', 'building', 'compound')"
                           " RETURNING id",
                           "issii", m->place_id, m->matter, m->mediator, user_id, now);
    if (rc == HW_ENOTFOUND)
        *bad_field = "place_id";
    if (rc != HW_OK)
        return rc == HW_ENOTFOUND ? HW_EINVAL : rc;
    for (size_t i = 0; i < m->nparties; i++) {
        int64_t n = db_run(db,
                           "INSERT INTO care_mediation_parties (mediation_id, name, side, resident_id)"
                           " VALUES ($1, $2, $3, NULLIF($4, CAST(0 AS BIGINT)))",
                           "issi", *id, m->parties[i].name, m->parties[i].side,
                           m->parties[i].resident_id);
        if (n < 0)
            return (int)n;
    }
    return HW_OK;
}

int care_mediation_add(struct db *db, int64_t id, const char *kind, int64_t at,
                       const char *attendees, const char *note, int64_t user_id, int64_t now,
                       const char **bad_field)
{
    *bad_field = at <= 0 || at > now + CARE_GRACE_S                         ? "at"
                 : attendees && !text_ok(attendees, 1, CARE_TEXT_MAX)       ? "attendees"
                 : !text_ok(note, 1, CARE_TEXT_MAX)                         ? "note"
                                                                            : NULL;
    if (*bad_field)
        return HW_EINVAL;
    int64_t n = db_run(db,
                       "INSERT INTO care_mediation_entries (mediation_id, kind, happened_at,"
                       " attendees, note, by_user, created_at)"
                       " VALUES ($1, $2, $3, $4, $5, NULLIF($6, CAST(0 AS BIGINT)), $7)",
                       "isissii", id, kind, at, attendees, note, user_id, now);
    if (n >= 0)
        n = db_run(db, "UPDATE care_mediations SET updated_at = $2 WHERE id = $1", "ii", id, now);
    return n < 0 ? (int)n : HW_OK;
}

int care_mediation_close(struct db *db, int64_t id, const char *status, const char *outcome,
                         int64_t now, const char **bad_field)
{
    *bad_field = !status || (strcmp(status, "settled") != 0 && strcmp(status, "failed") != 0)
                     ? "status"
                 : !text_ok(outcome, 1, CARE_TEXT_MAX) ? "outcome"
                                                       : NULL;
    if (*bad_field)
        return HW_EINVAL;
    int64_t n = db_run(db,
                       "UPDATE care_mediations SET status = $2, outcome = $3, closed_at = $4,"
                       " updated_at = $4 WHERE id = $1 AND status = 'in_progress'",
                       "issi", id, status, outcome, now);
    if (n == 0)
        *bad_field = "status"; /* closed already: an outcome is given once */
    return n < 0 ? (int)n : n ? HW_OK : HW_EINVAL;
}

static int entries_json(struct db *db, int64_t id, json_t *meetings, json_t *follow_ups)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, kind, happened_at, attendees, note FROM care_mediation_entries"
                      " WHERE mediation_id = $1 ORDER BY happened_at, id LIMIT 500",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        bool meeting = strcmp(db_col_text(st, 1), "meeting") == 0;
        json_t *e = meeting ? json_pack("{s:I, s:o, s:s?, s:s}", "id", (json_int_t)db_col_int(st, 0),
                                        "held_at", time_json(st, 2), "attendees",
                                        db_col_text(st, 3), "notes", db_col_text(st, 4))
                            : json_pack("{s:I, s:o, s:s}", "id", (json_int_t)db_col_int(st, 0),
                                        "at", time_json(st, 2), "note", db_col_text(st, 4));
        json_array_append_new(meeting ? meetings : follow_ups, e);
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static int parties_json(struct db *db, int64_t id, json_t *parties)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT name, side, resident_id FROM care_mediation_parties"
                      " WHERE mediation_id = $1 ORDER BY id",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW)
        json_array_append_new(parties,
                              json_pack("{s:s, s:s?, s:o}", "name", db_col_text(st, 0), "side",
                                        db_col_text(st, 1), "resident_id",
                                        db_col_is_null(st, 2) ? json_null()
                                                              : json_integer(db_col_int(st, 2))));
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int care_mediation_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT m.id, m.place_id, m.matter, m.status, m.mediator, m.outcome,"
                          " m.opened_by, u.name, m.opened_at, m.closed_at FROM care_mediations m"
                          " LEFT JOIN users u ON u.id = m.opened_by WHERE m.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    int64_t place = db_col_int(st, 1);
    json_t *opened_by = db_col_is_null(st, 6)
                            ? json_null()
                            : json_pack("{s:I, s:s?}", "user_id", (json_int_t)db_col_int(st, 6),
                                        "name", db_col_text(st, 7));
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:o, s:o, s:o, s:[], s:[], s:[]}", "id",
                          (json_int_t)db_col_int(st, 0), "matter", db_col_text(st, 2), "status",
                          db_col_text(st, 3), "mediator", db_col_text(st, 4), "outcome",
                          db_col_text(st, 5), "opened_by", opened_by, "opened_at", time_json(st, 8),
                          "closed_at", time_json(st, 9), "parties", "meetings", "follow_ups");
    db_reset(st);
    json_t *p = place_ref(db, place);
    if (!o || !p) {
        json_decref(o);
        json_decref(p);
        return HW_ENOMEM;
    }
    json_object_set_new(o, "place", p);
    rc = parties_json(db, id, json_object_get(o, "parties"));
    if (rc == HW_OK)
        rc = entries_json(db, id, json_object_get(o, "meetings"), json_object_get(o, "follow_ups"));
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}
