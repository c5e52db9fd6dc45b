#include "oversight/complaint.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/mask_json.h"
#include "kit/notify_core.h"
#include "kit/privacy.h"
#include "store/db_json.h"

/* The sub-district of a community or compound. */
static int district_of_place(struct db *db, int64_t place_id, int64_t *district)
{
    return db_scalar_int(db, district,
                         "SELECT district_id FROM places WHERE id = $1"
                         " AND kind IN ('community', 'compound')",
                         "i", place_id);
}

static int check_subject(struct db *db, const struct oversight_filing *f, int64_t district,
                         const char **bad)
{
    int64_t n = 0;
    int rc;
    if (f->subject_org_id) {
        rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM organizations WHERE id = $1"
                           " AND district_id = $2 AND kind = 'property_company'",
                           "ii", f->subject_org_id, district);
        if (rc != HW_OK)
            return rc;
        if (!n) {
            *bad = "subject_org_id";
            return HW_EINVAL;
        }
    }
    if (f->subject_user_id) {
        rc = db_scalar_int(db, &n, "SELECT count(*) FROM users WHERE id = $1 AND district_id = $2",
                           "ii", f->subject_user_id, district);
        if (rc != HW_OK)
            return rc;
        if (!n) {
            *bad = "subject_user_id";
            return HW_EINVAL;
        }
    }
    return HW_OK;
}

/* Every enabled inspector of the sub-district but the one named. The
 * notice names no one: the inspector reads the complaint in the console. */
static int tell_inspectors(struct db *db, int64_t district, int64_t id, int64_t named)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id FROM users WHERE district_id = $1 AND role = 'inspector'"
                      " AND disabled = FALSE AND id <> $2 ORDER BY id LIMIT 200",
                      "ii", district, named);
    if (rc != HW_OK)
        return rc;
    int64_t users[200];
    size_t n = 0;
    while (n < 200 && (rc = db_step(st)) == DB_ROW)
        users[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    char body[64], link[64];
    snprintf(body, sizeof body, "投诉 #%lld 待核实", (long long)id);
    snprintf(link, sizeof link, "/oversight/complaints/%lld", (long long)id);
    for (size_t i = 0; i < n; i++)
        if ((rc = notify_user_about(db, users[i], "complaint", "新投诉", body, link, id)) != HW_OK)
            return rc;
    return HW_OK;
}

int oversight_complaint_create(struct db *db, int64_t place_id, const struct oversight_filing *f,
                               int64_t recorded_by, const char *code_hash, int64_t now,
                               int64_t *id, int64_t *district, const char **bad)
{
    if ((*bad = oversight_filing_check(f)))
        return HW_EINVAL;
    int rc = district_of_place(db, place_id, district);
    if (rc == HW_ENOTFOUND) {
        *bad = "place_id";
        return HW_EINVAL;
    }
    if (rc == HW_OK)
        rc = check_subject(db, f, *district, bad);
    if (rc != HW_OK)
        return rc;
    rc = db_scalar_int(
        db, id,
        "INSERT INTO complaints (district_id, place_id, source, box_place, subject_kind,"
        " subject_org_id, subject_user_id, subject_text, matter, complainant_name,"
        " complainant_phone, tracking_hash, status, recorded_by, filed_at, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, NULLIF(CAST($6 AS BIGINT), 0), NULLIF(CAST($7 AS BIGINT), 0),"
        " $8, $9, $10, $11, $12, 'received', NULLIF(CAST($13 AS BIGINT), 0), $14, $14) RETURNING id",
        "iisssiisssssii", *district, place_id,
        f->from_box ? "box" : "public", f->from_box ? f->box_place : NULL,
        oversight_subject_name(f->subject), f->subject_org_id, f->subject_user_id, f->subject_text,
        f->matter, f->name, f->phone, code_hash, recorded_by, now);
    if (rc != HW_OK)
        return rc;
    return tell_inspectors(db, *district, *id, f->subject_user_id);
}

int oversight_complaint_step(struct db *db, int64_t id, const struct oversight_step_in *s,
                             int64_t by, int64_t now, const char **bad)
{
    *bad = NULL;
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT status, district_id FROM complaints WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    enum oversight_status status, next;
    int parsed = oversight_status_parse(db_col_text(st, 0), &status);
    int64_t district = db_col_int(st, 1);
    db_reset(st);
    if (parsed != HW_OK)
        return HW_EDB;
    if (!oversight_text_ok(s->note, OVERSIGHT_NOTE_MAX)) {
        *bad = "note";
        return HW_EINVAL;
    }
    if (s->step == OVERSIGHT_STEP_ACT && !oversight_text_ok(s->action, OVERSIGHT_ACTION_MAX)) {
        *bad = "action";
        return HW_EINVAL;
    }
    if (s->subject_user_id) {
        struct oversight_filing named = {.subject_user_id = s->subject_user_id};
        if (s->step != OVERSIGHT_STEP_VERIFY) {
            *bad = "subject_user_id";
            return HW_EINVAL;
        }
        if ((rc = check_subject(db, &named, district, bad)) != HW_OK)
            return rc;
        if (s->subject_user_id == by) { /* named by the one taking the step: not theirs to handle */
            *bad = "subject_user_id";
            return HW_EINVAL;
        }
    }
    if ((rc = oversight_step_next(status, s->step, &next)) != HW_OK)
        return rc;
    const char *finding = s->step == OVERSIGHT_STEP_FIND ? oversight_finding_name(s->finding) : NULL;
    const char *action = s->step == OVERSIGHT_STEP_ACT ? s->action : NULL;
    int64_t n = db_run(db,
                       "INSERT INTO complaint_steps (complaint_id, step, finding, action_taken,"
                       " note, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       "issssii", id, oversight_step_name(s->step), finding, action, s->note, by,
                       now);
    if (n >= 0)
        n = db_run(db,
                   "UPDATE complaints SET status = $2, updated_at = $3,"
                   " finding = COALESCE($4, finding), action_taken = COALESCE($5, action_taken),"
                   " found_at = CASE WHEN $4 IS NULL THEN found_at ELSE $3 END,"
                   " closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE closed_at END,"
                   " subject_user_id = COALESCE(NULLIF(CAST($6 AS BIGINT), 0), subject_user_id)"
                   " WHERE id = $1",
                   "isissi", id, oversight_status_name(next), now, finding, action,
                   s->subject_user_id);
    if (n < 0)
        return (int)n;
    /* Named now, an inspector told of it at filing loses the notice too. */
    return s->subject_user_id ? notify_withdraw(db, s->subject_user_id, "complaint", id) : HW_OK;
}

static json_t *masked_name(const char *name)
{
    if (!name)
        return json_null();
    char out[16];
    mask_name(name, out, sizeof out);
    return json_string(out);
}

static int steps_json(struct db *db, int64_t id, json_t *into)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT s.step, s.finding, s.action_taken, s.note, s.at, u.name"
                      " FROM complaint_steps s LEFT JOIN users u ON u.id = s.by_user"
                      " WHERE s.complaint_id = $1 ORDER BY s.id",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *step = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "step", db_col_text(st, 0),
                                 "finding", db_json_text(st, 1), "action", db_json_text(st, 2),
                                 "note", db_json_text(st, 3), "at", db_json_time(st, 4), "by",
                                 db_json_text(st, 5));
        if (!step || json_array_append_new(into, step) != 0) {
            db_reset(st);
            return HW_ENOMEM;
        }
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int oversight_complaint_json(struct db *db, const struct principal *who, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(
        db, &st,
        "SELECT c.id, c.district_id, c.place_id, pl.name, c.source, c.box_place, c.subject_kind,"
        " c.subject_org_id, o.name, c.subject_user_id, u.name, c.subject_text, c.matter,"
        " c.complainant_name, c.complainant_phone, c.status, c.finding, c.action_taken,"
        " c.filed_at, c.found_at, c.closed_at, c.updated_at"
        " FROM complaints c LEFT JOIN places pl ON pl.id = c.place_id"
        " LEFT JOIN organizations o ON o.id = c.subject_org_id"
        " LEFT JOIN users u ON u.id = c.subject_user_id WHERE c.id = $1",
        "i", id);
    if (rc != HW_OK)
        return rc;
    unsigned disclosed = 0;
    json_t *o = json_object();
    int bad = !o;
    bad |= json_object_set_new(o, "id", json_integer(db_col_int(st, 0)));
    bad |= json_object_set_new(o, "district_id", json_integer(db_col_int(st, 1)));
    bad |= json_object_set_new(
        o, "place", json_pack("{s:o, s:o}", "id", db_json_int(st, 2), "name", db_json_text(st, 3)));
    bad |= json_object_set_new(o, "source", db_json_text(st, 4));
    bad |= json_object_set_new(o, "box_place", db_json_text(st, 5));
    bad |= json_object_set_new(o, "subject_kind", db_json_text(st, 6));
    bad |= json_object_set_new(o, "subject_org", db_col_is_null(st, 7) ? json_null()
                                   : json_pack("{s:o, s:o}", "id", db_json_int(st, 7), "name",
                                               db_json_text(st, 8)));
    bad |= json_object_set_new(o, "subject_user", db_col_is_null(st, 9) ? json_null()
                                   : json_pack("{s:o, s:o}", "id", db_json_int(st, 9), "name",
                                               db_json_text(st, 10)));
    bad |= json_object_set_new(o, "subject_text", db_json_text(st, 11));
    bad |= json_object_set_new(o, "matter", db_json_text(st, 12));
    bad |= json_object_set_new(
        o, "complainant",
        json_pack("{s:o, s:o}", "name", masked_name(db_col_text(st, 13)), "phone",
                  privacy_phone_json(who, db_col_text(st, 14), &disclosed)));
    bad |= json_object_set_new(o, "anonymous",
                               json_boolean(db_col_is_null(st, 13) && db_col_is_null(st, 14)));
    bad |= json_object_set_new(o, "status", db_json_text(st, 15));
    bad |= json_object_set_new(o, "finding", db_json_text(st, 16));
    bad |= json_object_set_new(o, "action", db_json_text(st, 17));
    bad |= json_object_set_new(o, "filed_at", db_json_time(st, 18));
    bad |= json_object_set_new(o, "found_at", db_json_time(st, 19));
    bad |= json_object_set_new(o, "closed_at", db_json_time(st, 20));
    bad |= json_object_set_new(o, "updated_at", db_json_time(st, 21));
    db_reset(st);
    json_t *steps = json_array();
    bad |= json_object_set_new(o, "steps", steps);
    if (bad) {
        json_decref(o);
        return HW_ENOMEM;
    }
    /* privacy_phone_json masks for every role that handles complaints: a
     * disclosure is the contact route's, logged there. */
    if ((rc = steps_json(db, id, steps)) != HW_OK) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}

int oversight_complaint_public_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, subject_kind, status, finding, action_taken, filed_at,"
                          " found_at, closed_at FROM complaints WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", db_json_int(st, 0),
                     "subject_kind", db_json_text(st, 1), "status", db_json_text(st, 2), "finding",
                     db_json_text(st, 3), "action", db_json_text(st, 4), "filed_at",
                     db_json_time(st, 5), "found_at", db_json_time(st, 6), "closed_at",
                     db_json_time(st, 7));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

int oversight_complaint_by_code(struct db *db, const char *hash, int64_t *id)
{
    return db_scalar_int(db, id, "SELECT id FROM complaints WHERE tracking_hash = $1", "s", hash);
}

int oversight_complaint_reach(struct db *db, const struct principal *who, int64_t id)
{
    if (!who || who->role != ROLE_INSPECTOR || !who->district_id)
        return HW_ENOTFOUND;
    int64_t n = 0;
    int rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM complaints WHERE id = $1 AND district_id = $2"
                           " AND (subject_user_id IS NULL OR subject_user_id <> $3)",
                           "iii", id, who->district_id, who->user_id);
    if (rc != HW_OK)
        return rc;
    return n ? HW_OK : HW_ENOTFOUND;
}
