#include "meetings/topic.h"

#include <string.h>

#include "base/err.h"
#include "base/mask_json.h"
#include "meetings/place_ref.h"
#include "meetings/rules.h"
#include "place/place.h"
#include "store/db_json.h"

int topic_create(struct db *db, const struct topic_new *t, int64_t user_id, int64_t now,
                 int64_t *id, const char **bad_field)
{
    *bad_field = !meeting_text_ok(t->title, MEETING_TITLE_MAX, false)  ? "title"
                 : !meeting_text_ok(t->body, MEETING_TEXT_MAX, true)   ? "body"
                                                                       : NULL;
    if (*bad_field)
        return HW_EINVAL;
    int rc = db_scalar_int(db, id,
                           "INSERT INTO meeting_topics (district_id, place_id, title, body, status,"
                           " opened_by, opened_at, updated_at) SELECT district_id, id, $2, $3,"
                           " 'open', $4, $5, $5 FROM places WHERE id = $1"
                           " AND kind IN ('community', 'compound') RETURNING id",
                           "issii", t->place_id, t->title, t->body, user_id, now);
    if (rc == HW_ENOTFOUND)
        *bad_field = "place_id";
    return rc == HW_ENOTFOUND ? HW_EINVAL : rc;
}

int topic_comment(struct db *db, int64_t topic_id, int64_t user_id, const char *body, int64_t now,
                  int64_t *comment_id, const char **bad_field)
{
    if (!meeting_text_ok(body, MEETING_COMMENT_MAX, true)) {
        *bad_field = "body";
        return HW_EINVAL;
    }
    /* Comments gather before the meeting: none once a held meeting took the topic up. */
    int64_t held = 0;
    int rc = db_scalar_int(db, &held,
                           "SELECT count(*) FROM meeting_agenda_items a JOIN meetings m"
                           " ON m.id = a.meeting_id WHERE a.topic_id = $1 AND m.status = 'held'",
                           "i", topic_id);
    if (rc != HW_OK)
        return rc;
    if (held) {
        *bad_field = "status";
        return HW_EINVAL;
    }
    rc = db_scalar_int(db, comment_id,
                       "INSERT INTO meeting_comments (topic_id, author_id, body, created_at)"
                       " VALUES ($1, $2, $3, $4) RETURNING id",
                       "iisi", topic_id, user_id, body, now);
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db,
                       "UPDATE meeting_topics SET comments = comments + 1, updated_at = $2"
                       " WHERE id = $1",
                       "ii", topic_id, now);
    return n < 0 ? (int)n : n ? HW_OK : HW_ENOTFOUND;
}

/* {user_id, name, mine}: the name whole or "吕*" (meeting_sees_author). */
static json_t *author_json(const struct principal *who, int64_t author_id, const char *name)
{
    char masked[32];
    bool whole = meeting_sees_author(who, author_id);
    if (!whole)
        mask_name(name ? name : "", masked, sizeof masked);
    return json_pack("{s:s, s:b}", "name", whole ? (name ? name : "") : masked, "mine",
                     who && who->user_id == author_id);
}

int topic_json(struct db *db, const struct principal *who, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT t.id, t.place_id, t.title, t.body, t.status, t.opened_by, u.name,"
                          " t.opened_at, t.comments, t.updated_at, m.id, m.topic, m.status,"
                          " m.starts_at FROM meeting_topics t JOIN users u ON u.id = t.opened_by"
                          " LEFT JOIN meeting_agenda_items a ON a.topic_id = t.id"
                          " LEFT JOIN meetings m ON m.id = a.meeting_id WHERE t.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    int64_t place = db_col_int(st, 1);
    json_t *meeting = db_col_is_null(st, 10)
                          ? json_null()
                          : json_pack("{s:o, s:o, s:o, s:o}", "id", db_json_int(st, 10), "topic",
                                      db_json_text(st, 11), "status", db_json_text(st, 12),
                                      "starts_at", db_json_time(st, 13));
    json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                          db_json_int(st, 0), "title", db_json_text(st, 2), "body",
                          db_json_text(st, 3), "status", db_json_text(st, 4), "opened_by",
                          author_json(who, db_col_int(st, 5), db_col_text(st, 6)), "opened_at",
                          db_json_time(st, 7), "comments_count", db_json_int(st, 8), "updated_at",
                          db_json_time(st, 9), "meeting", meeting);
    db_reset(st);
    json_t *where = NULL;
    rc = o ? meetings_place_ref(db, place, &where) : HW_ENOMEM;
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    json_object_set_new(o, "place", where);
    *out = o;
    return HW_OK;
}

int topic_comment_json(struct db *db, const struct principal *who, int64_t comment_id,
                       json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT c.id, c.topic_id, c.body, c.author_id, u.name, c.created_at"
                          " FROM meeting_comments c JOIN users u ON u.id = c.author_id"
                          " WHERE c.id = $1",
                          "i", comment_id);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", db_json_int(st, 0), "topic_id",
                     db_json_int(st, 1), "body", db_json_text(st, 2), "author",
                     author_json(who, db_col_int(st, 3), db_col_text(st, 4)), "created_at",
                     db_json_time(st, 5));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}
