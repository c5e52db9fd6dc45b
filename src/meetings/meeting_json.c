/* Meetings as answered and audited (docs/api-meetings.md, "A meeting"). */
#include <stdio.h>

#include "base/err.h"
#include "meetings/meeting.h"
#include "meetings/place_ref.h"
#include "store/db_json.h"

static int hall_ref(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT id, name, address FROM meeting_halls WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{s:o, s:o, s:o}", "id", db_json_int(st, 0), "name", db_json_text(st, 1),
                     "address", db_json_text(st, 2));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

int meeting_hall_json(struct db *db, int64_t id, json_t **out)
{
    int64_t place = 0;
    int rc = db_scalar_int(db, &place, "SELECT place_id FROM meeting_halls WHERE id = $1", "i", id);
    json_t *hall = NULL, *where = NULL;
    if (rc == HW_OK)
        rc = hall_ref(db, id, &hall);
    if (rc == HW_OK)
        rc = meetings_place_ref(db, place, &where);
    if (rc != HW_OK) {
        json_decref(hall);
        return rc;
    }
    json_object_set_new(hall, "place", where);
    *out = hall;
    return HW_OK;
}

/* The columns a summary and the whole meeting share. */
static int head(struct db *db, int64_t id, bool whole, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT m.id, m.place_id, m.hall_id, m.topic, m.starts_at, m.status,"
                          " m.held_at, m.minutes, m.created_at, m.updated_at,"
                          " (SELECT count(*) FROM meeting_decisions d WHERE d.meeting_id = m.id)"
                          " FROM meetings m WHERE m.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    int64_t place = db_col_int(st, 1), hall_id = db_col_int(st, 2);
    json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", db_json_int(st, 0),
                          "topic", db_json_text(st, 3), "starts_at", db_json_time(st, 4), "status",
                          db_json_text(st, 5), "held_at", db_json_time(st, 6), "created_at",
                          db_json_time(st, 8), "updated_at", db_json_time(st, 9), "decisions_count",
                          db_json_int(st, 10));
    if (o && whole)
        json_object_set_new(o, "minutes", db_json_text(st, 7));
    db_reset(st);
    if (!o)
        return HW_ENOMEM;
    json_t *where = NULL, *hall = NULL;
    rc = meetings_place_ref(db, place, &where);
    if (rc == HW_OK)
        rc = hall_ref(db, hall_id, &hall);
    if (rc != HW_OK) {
        json_decref(where);
        json_decref(o);
        return rc;
    }
    json_object_set_new(o, "place", where);
    json_object_set_new(o, "hall", hall);
    *out = o;
    return HW_OK;
}

int meeting_summary_json(struct db *db, int64_t id, json_t **out) { return head(db, id, false, out); }

static json_t *agenda_row(struct db_stmt *st)
{
    return json_pack("{s:o, s:o, s:o, s:o}", "id", db_json_int(st, 0), "position",
                     db_json_int(st, 1), "title", db_json_text(st, 2), "topic_id",
                     db_json_int(st, 3));
}

static json_t *party_row(struct db_stmt *st)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", db_json_int(st, 0), "kind",
                     db_json_text(st, 1), "org_id", db_json_int(st, 2), "name",
                     db_json_text(st, 3), "attended",
                     db_col_is_null(st, 4) ? json_null() : json_boolean(db_col_bool(st, 4)));
}

static json_t *decision_row(struct db_stmt *st)
{
    return json_pack("{s:o, s:o, s:o, s:o}", "id", db_json_int(st, 0), "position",
                     db_json_int(st, 1), "text", db_json_text(st, 2), "created_at",
                     db_json_time(st, 3));
}

static json_t *task_row(struct db_stmt *st)
{
    json_t *order = db_col_is_null(st, 6)
                        ? json_null()
                        : json_pack("{s:o, s:o, s:o}", "id", db_json_int(st, 6), "number",
                                    db_json_text(st, 7), "status", db_json_text(st, 8));
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", db_json_int(st, 0),
                     "decision_id", db_json_int(st, 1), "title", db_json_text(st, 2), "assignee",
                     db_json_text(st, 3), "due_date", db_json_text(st, 4), "status",
                     db_json_text(st, 5), "work_order", order, "created_at", db_json_time(st, 9),
                     "done_at", db_json_time(st, 10));
}

/* rows of sql for the meeting id, as member name of o. */
static int add_rows(struct db *db, json_t *o, const char *name, const char *sql, int64_t id,
                    json_t *(*row)(struct db_stmt *st))
{
    struct db_stmt *st;
    int rc = db_query(db, &st, sql, "i", id);
    json_t *rows = NULL;
    if (rc == HW_OK)
        rc = db_json_rows(st, row, &rows);
    if (rc == HW_OK)
        json_object_set_new(o, name, rows);
    return rc;
}

int meeting_json(struct db *db, int64_t id, json_t **out)
{
    json_t *o;
    int rc = head(db, id, true, &o);
    if (rc == HW_OK)
        rc = add_rows(db, o, "agenda",
                      "SELECT id, position, title, topic_id FROM meeting_agenda_items"
                      " WHERE meeting_id = $1 ORDER BY position",
                      id, agenda_row);
    if (rc == HW_OK)
        rc = add_rows(db, o, "parties",
                      "SELECT id, kind, org_id, name, attended FROM meeting_parties"
                      " WHERE meeting_id = $1 ORDER BY id",
                      id, party_row);
    if (rc == HW_OK)
        rc = add_rows(db, o, "decisions",
                      "SELECT id, position, text, created_at FROM meeting_decisions"
                      " WHERE meeting_id = $1 ORDER BY position",
                      id, decision_row);
    if (rc == HW_OK)
        rc = add_rows(db, o, "tasks",
                      "SELECT t.id, t.decision_id, t.title, t.assignee, t.due_date, t.status,"
                      " t.work_order_id, w.number, w.status, t.created_at, t.done_at"
                      " FROM meeting_tasks t LEFT JOIN work_orders w ON w.id = t.work_order_id"
                      " WHERE t.meeting_id = $1 ORDER BY t.id",
                      id, task_row);
    if (rc != HW_OK) {
        if (rc != HW_ENOTFOUND)
            json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}

int meeting_decision_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT d.id, d.position, d.text, d.created_at, m.id, m.topic, m.held_at,"
                          " d.place_id FROM meeting_decisions d JOIN meetings m"
                          " ON m.id = d.meeting_id WHERE d.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    int64_t place = db_col_int(st, 7);
    json_t *o = decision_row(st);
    json_t *m = json_pack("{s:o, s:o, s:o}", "id", db_json_int(st, 4), "topic",
                          db_json_text(st, 5), "held_at", db_json_time(st, 6));
    db_reset(st);
    json_t *where = NULL;
    rc = o && m ? meetings_place_ref(db, place, &where) : HW_ENOMEM;
    if (rc != HW_OK) {
        json_decref(o);
        json_decref(m);
        return rc;
    }
    json_object_set_new(o, "meeting", m);
    json_object_set_new(o, "place", where);
    *out = o;
    return HW_OK;
}
