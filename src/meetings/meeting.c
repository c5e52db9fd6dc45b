#include "meetings/meeting.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/validate.h"
#include "place/place.h"
#include "workorder/workorder.h"

/* A meeting may be planned up to a year ahead, and its minutes may be
 * recorded of a meeting held up to a minute ahead of the server's clock (a
 * phone's clock runs early). */
enum { MEETING_AHEAD_S = 366 * 86400, MEETING_GRACE_S = 60 };

static int refuse(const char **bad_field, const char *field)
{
    *bad_field = field;
    return HW_EINVAL;
}

static bool kind_is(const char *kind, const char *a, const char *b, const char *c)
{
    return strcmp(kind, a) == 0 || (b && strcmp(kind, b) == 0) || (c && strcmp(kind, c) == 0);
}

int meeting_hall_create(struct db *db, const struct meeting_hall_new *h, int64_t now, int64_t *id,
                        const char **bad_field)
{
    if (!meeting_text_ok(h->name, MEETING_NAME_MAX, false))
        return refuse(bad_field, "name");
    if (h->address && !meeting_text_ok(h->address, MEETING_TITLE_MAX, false))
        return refuse(bad_field, "address");
    char kind[PLACE_KIND_SIZE];
    int64_t district;
    int rc = place_kind_district(db, h->place_id, kind, &district);
    if (rc == HW_ENOTFOUND || (rc == HW_OK && !kind_is(kind, "community", "compound", NULL)))
        return refuse(bad_field, "place_id");
    if (rc != HW_OK)
        return rc;
    rc = db_scalar_int(db, id,
                       "INSERT INTO meeting_halls (district_id, place_id, name, address, created_at)"
                       " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                       "iissi", district, h->place_id, h->name, h->address, now);
    return rc == HW_ECONFLICT ? refuse(bad_field, "name") : rc;
}

int meeting_create(struct db *db, const struct meeting_new *m, int64_t user_id, int64_t now,
                   int64_t *id, const char **bad_field)
{
    if (!meeting_text_ok(m->topic, MEETING_TITLE_MAX, false))
        return refuse(bad_field, "topic");
    if (m->starts_at <= 0 || m->starts_at > now + MEETING_AHEAD_S)
        return refuse(bad_field, "starts_at");
    char kind[PLACE_KIND_SIZE];
    int64_t district;
    int rc = place_kind_district(db, m->place_id, kind, &district);
    if (rc == HW_ENOTFOUND ||
        (rc == HW_OK && !kind_is(kind, "community", "compound", "building")))
        return refuse(bad_field, "place_id");
    if (rc != HW_OK)
        return rc;
    /* The hall is the place's own, its compound's or its community's. */
    int64_t fits = 0;
    rc = db_scalar_int(db, &fits,
                       "SELECT count(*) FROM meeting_halls h JOIN places p ON p.id = $2"
                       " WHERE h.id = $1 AND h.place_id IN (p.id, p.compound_id, p.community_id)",
                       "ii", m->hall_id, m->place_id);
    if (rc != HW_OK)
        return rc;
    if (!fits)
        return refuse(bad_field, "hall_id");
    return db_scalar_int(db, id,
                         "INSERT INTO meetings (district_id, place_id, hall_id, topic, starts_at,"
                         " status, created_by, created_at, updated_at)"
                         " VALUES ($1, $2, $3, $4, $5, 'planned', $6, $7, $7) RETURNING id",
                         "iiisiii", district, m->place_id, m->hall_id, m->topic, m->starts_at,
                         user_id, now);
}

int meeting_state(struct db *db, int64_t id, enum meeting_status *status, int64_t *district)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT status, district_id FROM meetings WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    rc = meeting_status_parse(db_col_text(st, 0), status);
    *district = db_col_int(st, 1);
    db_reset(st);
    return rc == HW_OK ? HW_OK : HW_EDB;
}

/* The meeting's status allows act, else a refusal on "status". */
static int require(struct db *db, int64_t id, enum meeting_act act, const char **bad_field)
{
    enum meeting_status s;
    int64_t district;
    int rc = meeting_state(db, id, &s, &district);
    if (rc != HW_OK)
        return rc;
    return meeting_may(s, act) ? HW_OK : refuse(bad_field, "status");
}

static int touch(struct db *db, int64_t id, int64_t now)
{
    int64_t n = db_run(db, "UPDATE meetings SET updated_at = $2 WHERE id = $1", "ii", id, now);
    return n < 0 ? (int)n : n ? HW_OK : HW_ENOTFOUND;
}

/* Rows of table for meeting id: a list's length, against its cap. */
static int count_of(struct db *db, const char *sql, int64_t id, int64_t *n)
{
    return db_scalar_int(db, n, sql, "i", id);
}

int meeting_add_agenda(struct db *db, int64_t id, const char *title, int64_t topic_id,
                       int64_t now, const char **bad_field)
{
    int rc = require(db, id, MEETING_SET_AGENDA, bad_field);
    if (rc != HW_OK)
        return rc;
    if (title && !meeting_text_ok(title, MEETING_TITLE_MAX, false))
        return refuse(bad_field, "title");
    if (!title && !topic_id)
        return refuse(bad_field, "title");
    int64_t items = 0;
    if ((rc = count_of(db, "SELECT count(*) FROM meeting_agenda_items WHERE meeting_id = $1", id,
                       &items)) != HW_OK)
        return rc;
    if (items >= MEETING_AGENDA_MAX)
        return refuse(bad_field, "title");
    if (topic_id) {
        /* An open topic, taken up once, on the meeting's own line of places:
         * of its place, its compound or community, or of a compound within
         * it. Those who hold the meeting read such a topic, and those who
         * opened it can follow the meeting. */
        int64_t n = db_run(db,
                           "UPDATE meeting_topics SET status = 'on_agenda', updated_at = $3"
                           " WHERE id = $1 AND status = 'open' AND EXISTS (SELECT 1 FROM meetings m"
                           " JOIN places mp ON mp.id = m.place_id"
                           " JOIN places tp ON tp.id = meeting_topics.place_id WHERE m.id = $2"
                           " AND (tp.id IN (mp.id, mp.compound_id, mp.community_id)"
                           " OR mp.id IN (tp.compound_id, tp.community_id)))",
                           "iii", topic_id, id, now);
        if (n < 0)
            return (int)n;
        if (n == 0)
            return refuse(bad_field, "topic_id");
    }
    int64_t n = db_run(db,
                       "INSERT INTO meeting_agenda_items (meeting_id, position, title, topic_id)"
                       " SELECT $1, $2, COALESCE($3, t.title), NULLIF($4, CAST(0 AS BIGINT))"
                       " FROM meetings m LEFT JOIN meeting_topics t ON t.id = $4 WHERE m.id = $1",
                       "iisi", id, items + 1, title, topic_id);
    if (n < 0)
        return (int)n;
    return touch(db, id, now);
}

int meeting_add_party(struct db *db, int64_t id, enum meeting_party_kind kind, int64_t org_id,
                      const char *name, const char **bad_field)
{
    int rc = require(db, id, MEETING_SET_AGENDA, bad_field);
    if (rc != HW_OK)
        return rc;
    int64_t parties = 0;
    if ((rc = count_of(db, "SELECT count(*) FROM meeting_parties WHERE meeting_id = $1", id,
                       &parties)) != HW_OK)
        return rc;
    if (parties >= MEETING_PARTIES_MAX)
        return refuse(bad_field, "kind");
    char org_name[256] = "";
    if (org_id) {
        struct db_stmt *st;
        rc = db_query_row(db, &st,
                          "SELECT o.kind, o.name FROM organizations o JOIN meetings m"
                          " ON m.district_id = o.district_id WHERE o.id = $1 AND m.id = $2",
                          "ii", org_id, id);
        if (rc == HW_ENOTFOUND)
            return refuse(bad_field, "org_id");
        if (rc != HW_OK)
            return rc;
        bool fits = meeting_party_org_fits(kind, db_col_text(st, 0));
        snprintf(org_name, sizeof org_name, "%s", db_col_text(st, 1));
        db_reset(st);
        if (!fits)
            return refuse(bad_field, "org_id");
        name = org_name;
    } else if (!meeting_text_ok(name, MEETING_NAME_MAX, false)) {
        return refuse(bad_field, "name");
    }
    int64_t n = db_run(db,
                       "INSERT INTO meeting_parties (meeting_id, kind, org_id, name)"
                       " VALUES ($1, $2, NULLIF($3, CAST(0 AS BIGINT)), $4)",
                       "isis", id, meeting_party_kind_name(kind), org_id, name);
    return n < 0 ? (int)n : HW_OK;
}

int meeting_set_attendance(struct db *db, int64_t id, int64_t party_id, bool attended,
                           int64_t now, const char **bad_field)
{
    int rc = require(db, id, MEETING_ATTENDANCE, bad_field);
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db, "UPDATE meeting_parties SET attended = $3 WHERE id = $2 AND meeting_id = $1",
                       "iib", id, party_id, (int)attended);
    if (n < 0)
        return (int)n;
    if (n == 0)
        return refuse(bad_field, "parties");
    return touch(db, id, now);
}

int meeting_hold(struct db *db, int64_t id, const char *minutes, int64_t held_at, int64_t now,
                 const char **bad_field)
{
    int rc = require(db, id, MEETING_HOLD, bad_field);
    if (rc != HW_OK)
        return rc;
    if (!meeting_text_ok(minutes, MEETING_MINUTES_MAX, true))
        return refuse(bad_field, "minutes");
    if (held_at <= 0 || held_at > now + MEETING_GRACE_S)
        return refuse(bad_field, "held_at");
    int64_t n = db_run(db,
                       "UPDATE meetings SET status = 'held', minutes = $2, held_at = $3,"
                       " updated_at = $4 WHERE id = $1 AND status = 'planned'",
                       "isii", id, minutes, held_at, now);
    return n < 0 ? (int)n : n ? HW_OK : refuse(bad_field, "status");
}

int meeting_cancel(struct db *db, int64_t id, int64_t now, const char **bad_field)
{
    int rc = require(db, id, MEETING_CANCEL, bad_field);
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db,
                       "UPDATE meetings SET status = 'cancelled', updated_at = $2"
                       " WHERE id = $1 AND status = 'planned'",
                       "ii", id, now);
    if (n < 0)
        return (int)n;
    /* Its topics wait for another meeting. */
    n = db_run(db,
               "UPDATE meeting_topics SET status = 'open', updated_at = $2 WHERE id IN"
               " (SELECT topic_id FROM meeting_agenda_items WHERE meeting_id = $1)",
               "ii", id, now);
    if (n < 0)
        return (int)n;
    n = db_run(db, "UPDATE meeting_agenda_items SET topic_id = NULL WHERE meeting_id = $1", "i", id);
    return n < 0 ? (int)n : HW_OK;
}

int meeting_decide(struct db *db, int64_t id, const char *text, int64_t now, int64_t *decision_id,
                   const char **bad_field)
{
    int rc = require(db, id, MEETING_DECIDE, bad_field);
    if (rc != HW_OK)
        return rc;
    if (!meeting_text_ok(text, MEETING_TEXT_MAX, true))
        return refuse(bad_field, "text");
    int64_t n = 0;
    if ((rc = count_of(db, "SELECT count(*) FROM meeting_decisions WHERE meeting_id = $1", id,
                       &n)) != HW_OK)
        return rc;
    if (n >= MEETING_DECISIONS_MAX)
        return refuse(bad_field, "text");
    rc = db_scalar_int(db, decision_id,
                       "INSERT INTO meeting_decisions (district_id, meeting_id, place_id, position,"
                       " text, created_at) SELECT district_id, id, place_id, $2, $3, $4"
                       " FROM meetings WHERE id = $1 RETURNING id",
                       "iisi", id, n + 1, text, now);
    return rc == HW_OK ? touch(db, id, now) : rc;
}

/* The work order of a task: filed as who, at the task's place. */
static int file_order(struct db *db, const struct actor *a, const struct principal *who,
                      int64_t meeting, const struct meeting_task_new *t, int64_t *order,
                      const char **bad_field)
{
    int64_t place = t->place_id;
    char kind[PLACE_KIND_SIZE] = "";
    int64_t district;
    int rc = HW_OK;
    if (!place)
        rc = db_scalar_int(db, &place, "SELECT place_id FROM meetings WHERE id = $1", "i", meeting);
    else { /* a place inside the meeting's */
        int64_t inside = 0;
        rc = db_scalar_int(db, &inside,
                           "SELECT count(*) FROM places p JOIN meetings m ON m.id = $2"
                           " WHERE p.id = $1 AND m.place_id IN (p.id, p.building_id,"
                           " p.compound_id, p.community_id)",
                           "ii", place, meeting);
        if (rc == HW_OK && !inside)
            return refuse(bad_field, "work_order.place_id");
    }
    if (rc == HW_OK)
        rc = place_kind_district(db, place, kind, &district);
    if (rc != HW_OK)
        return rc;
    struct workorder_new n = {
        /* The order is filed by staff from what the meeting heard; no channel
         * names deliberation, and a meeting is where residents' suggestions
         * are gathered. */
        .channel = WO_CHANNEL_SUGGESTION_BOX,
        .reporter = {.kind = WO_REPORTER_STAFF},
        .place_id = place,
        /* A community is a broad place: the order says where in words. */
        .place_text = strcmp(kind, "community") == 0 ? t->title : NULL,
        .category_id = t->category_id,
        .description = t->description ? t->description : t->title,
        .reported_at = t->reported_at,
    };
    const char *bad = NULL;
    rc = workorder_create(db, a, who, &n, order, &bad);
    if (rc == HW_EINVAL)
        *bad_field = bad && strcmp(bad, "description") == 0 ? "work_order.description"
                     : bad && strcmp(bad, "category_id") == 0 ? "work_order.category_id"
                                                              : "work_order.place_id";
    return rc;
}

int meeting_add_task(struct db *db, const struct actor *a, const struct principal *who, int64_t id,
                     const struct meeting_task_new *t, int64_t now, int64_t *task_id,
                     const char **bad_field)
{
    int rc = require(db, id, MEETING_ADD_TASK, bad_field);
    if (rc != HW_OK)
        return rc;
    if (!meeting_text_ok(t->title, MEETING_TITLE_MAX, false))
        return refuse(bad_field, "title");
    if (t->assignee && !meeting_text_ok(t->assignee, MEETING_NAME_MAX, false))
        return refuse(bad_field, "assignee");
    if (t->due_date && !validate_date(t->due_date))
        return refuse(bad_field, "due_date");
    if (t->decision_id) {
        int64_t n = 0;
        rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM meeting_decisions WHERE id = $1 AND meeting_id = $2",
                           "ii", t->decision_id, id);
        if (rc != HW_OK)
            return rc;
        if (!n)
            return refuse(bad_field, "decision_id");
    }
    int64_t order = 0;
    if (t->work_order && (rc = file_order(db, a, who, id, t, &order, bad_field)) != HW_OK)
        return rc;
    rc = db_scalar_int(db, task_id,
                       "INSERT INTO meeting_tasks (meeting_id, decision_id, title, assignee,"
                       " due_date, status, work_order_id, created_at)"
                       " VALUES ($1, NULLIF($2, CAST(0 AS BIGINT)), $3, $4, $5, 'open',"
                       " NULLIF($6, CAST(0 AS BIGINT)), $7) RETURNING id",
                       "iisssii", id, t->decision_id, t->title, t->assignee, t->due_date, order, now);
    return rc == HW_OK ? touch(db, id, now) : rc;
}

int meeting_task_meeting(struct db *db, int64_t task_id, int64_t *meeting_id, int64_t *district)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT m.id, m.district_id FROM meeting_tasks t"
                          " JOIN meetings m ON m.id = t.meeting_id WHERE t.id = $1",
                          "i", task_id);
    if (rc != HW_OK)
        return rc;
    *meeting_id = db_col_int(st, 0);
    *district = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}

int meeting_task_done(struct db *db, int64_t task_id, int64_t now, const char **bad_field)
{
    int64_t n = db_run(db,
                       "UPDATE meeting_tasks SET status = 'done', done_at = $2"
                       " WHERE id = $1 AND status = 'open'",
                       "ii", task_id, now);
    if (n < 0)
        return (int)n;
    return n ? HW_OK : refuse(bad_field, "status");
}
