#include "votes/objection.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "place/place.h"
#include "votes/lifecycle.h"
#include "votes/names.h"
#include "votes/vote.h"
#include "votes/voter.h"

static bool text_ok(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    return n && n <= VOTE_TEXT_MAX && text_chars(t, true) > 0;
}

int vote_objection_lodge(struct db *db, int64_t vote_id, int64_t dwelling_id, int64_t user_id,
                         const char *text, int64_t now, int64_t *id, const char **bad_field)
{
    struct vote v;
    int rc = vote_load(db, vote_id, &v);
    if (rc != HW_OK)
        return rc;
    const char *stage = NULL;
    if (v.status == VOTE_PUBLISHED && now < v.opens_at)
        stage = "electorate";
    else if (v.status == VOTE_PRELIMINARY && now < v.objections_until)
        stage = "result";
    if (!stage) {
        *bad_field = "status";
        return HW_EINVAL;
    }
    if (!text_ok(text)) {
        *bad_field = "text";
        return HW_EINVAL;
    }
    int64_t on_roll = 0;
    rc = db_scalar_int(db, &on_roll,
                       "SELECT count(*) FROM vote_head_units WHERE vote_id = $1 AND dwelling_id = $2",
                       "ii", vote_id, dwelling_id);
    if (rc != HW_OK)
        return rc;
    if (!on_roll) {
        *bad_field = "dwelling_id";
        return HW_EINVAL;
    }
    /* Owners object (votes/voter.h), as they vote: a tenant's or family
     * member's objection would hold the opening for a home not theirs. */
    struct vote_voter_facts f;
    int64_t head = 0;
    rc = vote_voter_read(db, vote_id, dwelling_id, user_id, &f, &head);
    if (rc != HW_OK)
        return rc;
    if (!f.linked || !f.owns_unit) {
        *bad_field = "objector";
        return HW_EINVAL;
    }
    return db_scalar_int(db, id,
                         "INSERT INTO vote_objections (district_id, vote_id, stage, dwelling_id,"
                         " user_id, text, status, created_at) VALUES ($1, $2, $3, $4, $5, $6,"
                         " 'pending', $7) RETURNING id",
                         "iisiisi", v.district_id, vote_id, stage, dwelling_id, user_id, text, now);
}

int vote_objection_resolve(struct db *db, int64_t vote_id, int64_t objection_id,
                           const char *decision, const char *note, int64_t by, int64_t now,
                           const char **bad_field)
{
    if (!decision || (strcmp(decision, "upheld") != 0 && strcmp(decision, "dismissed") != 0)) {
        *bad_field = "decision";
        return HW_EINVAL;
    }
    if (!text_ok(note)) {
        *bad_field = "note";
        return HW_EINVAL;
    }
    int64_t n = db_run(db,
                       "UPDATE vote_objections SET status = $3, resolution = $4, resolved_by = $5,"
                       " resolved_at = $6 WHERE id = $1 AND vote_id = $2 AND status = 'pending'",
                       "iissii", objection_id, vote_id, decision, note, by, now);
    if (n < 0)
        return (int)n;
    if (n == 0) {
        *bad_field = "objection_id";
        return HW_EINVAL;
    }
    int rc = vote_open_if_ready(db, vote_id, now);
    return rc == HW_OK ? vote_finalize_if_ready(db, vote_id, now) : rc;
}

static json_t *time_or_null(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char at[32];
    clock_format_rfc3339(db_col_int(st, col), at);
    return json_string(at);
}

int vote_objection_json(struct db *db, const struct principal *who, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, vote_id, stage, dwelling_id, text, status, resolution,"
                          " created_at, resolved_at FROM vote_objections WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    int64_t dwelling = db_col_int(st, 3);
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s?, s:o, s:o}", "id",
                          (json_int_t)db_col_int(st, 0), "vote_id", (json_int_t)db_col_int(st, 1),
                          "stage", db_col_text(st, 2), "dwelling_id", (json_int_t)dwelling, "text",
                          db_col_text(st, 4), "status", db_col_text(st, 5), "resolution",
                          db_col_text(st, 6), "created_at", time_or_null(st, 7), "resolved_at",
                          time_or_null(st, 8));
    db_reset(st);
    if (!o)
        return HW_ENOMEM;
    char label[PLACE_LABEL_MAX];
    json_t *owners = NULL;
    rc = place_label(db, dwelling, label, sizeof label);
    if (rc == HW_OK)
        rc = votes_owner_names(db, who, dwelling, 0, &owners);
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    json_object_set_new(o, "label", json_string(label));
    json_object_set_new(o, "owners", owners);
    *out = o;
    return HW_OK;
}

int vote_objections_page(struct db *db, const struct principal *who, int64_t vote_id,
                         int64_t after, int64_t limit, json_t **items, int64_t *next)
{
    /* Those who run or oversee the vote read every objection; an owner theirs. */
    int64_t only_user = votes_sees_owner_names(who) ? 0 : who->user_id;
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id FROM vote_objections WHERE vote_id = $1 AND id > $2"
                      " AND ($3 = 0 OR user_id = $3) ORDER BY id LIMIT $4",
                      "iiii", vote_id, after, only_user, limit + 1);
    if (rc != HW_OK)
        return rc;
    int64_t ids[201], n = 0;
    while (n <= limit && n < 201 && (rc = db_step(st)) == DB_ROW)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    *next = n > limit ? ids[limit - 1] : 0;
    *items = json_array();
    rc = *items ? HW_OK : HW_ENOMEM;
    for (int64_t i = 0; rc == HW_OK && i < n && i < limit; i++) {
        json_t *o;
        rc = vote_objection_json(db, who, ids[i], &o);
        if (rc == HW_OK)
            json_array_append_new(*items, o);
    }
    if (rc != HW_OK) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}
