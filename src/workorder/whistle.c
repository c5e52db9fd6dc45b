/* 吹哨报到 (docs/domain.md WO-5): an order calls a unit, which must respond
 * by a deadline, watched by a job like the order's own clocks. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "http/body.h"
#include "http/problem.h"
#include "kit/access.h"
#include "kit/record_routes.h"
#include "workorder/clocks.h"
#include "workorder/events.h"
#include "workorder/settings.h"
#include "workorder/workorder_http.h"
#include "workorder/workorder_internal.h"

#define WHISTLE_COLUMNS                                                                            \
    "SELECT h.id, h.org_id, o.name, h.note, h.due_at, h.responded_at, h.response, h.overdue"       \
    " FROM wo_whistles h JOIN organizations o ON o.id = h.org_id WHERE h.id = $1"

static int render_whistle(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st, WHISTLE_COLUMNS, "i", id);
    if (rc != HW_OK)
        return rc;
    *out = wo_whistle_row(st);
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

static bool clean(const char *in, char *out, size_t cap)
{
    if (!in || strlen(in) >= cap)
        return false;
    memcpy(out, in, strlen(in) + 1);
    text_unify_newlines(out);
    text_trim(out);
    return out[0] && text_chars(out, true) > 0 && !text_has_invisible(out);
}

struct whistle_body {
    const char *note;
    struct opt_int org_id, limit_s;
};

static const struct body_field whistle_fields[] = {
    BODY_FIELD(struct whistle_body, org_id, BODY_INT, true, 0),
    BODY_FIELD(struct whistle_body, limit_s, BODY_INT, false, 0),
    BODY_FIELD(struct whistle_body, note, BODY_STRING, false, WO_NOTE_MAX * 2),
};

struct whistle_ctx {
    int64_t order_id, org_id, limit_s;
    const char *note;
    char note_buf[WO_NOTE_MAX + 1];
};

static int apply_whistle(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct whistle_ctx *c = ctx;
    struct wo_order o;
    int rc = wo_order_load(req->db, c->order_id, &o);
    if (rc != HW_OK)
        return rc;
    *district = o.district_id;
    if (o.status == WO_CLOSED)
        return HW_ECONFLICT;
    int64_t n = 0;
    rc = db_scalar_int(req->db, &n,
                       "SELECT count(*) FROM organizations WHERE id = $1 AND district_id = $2",
                       "ii", c->org_id, o.district_id);
    if (rc != HW_OK)
        return rc;
    if (!n)
        return write_field_invalid(req, "org_id");
    struct wo_settings s;
    if ((rc = wo_settings_load(req->db, o.district_id, &s)) != HW_OK)
        return rc;
    int64_t now = clock_now(), due = now + (c->limit_s ? c->limit_s : s.whistle_s);
    rc = db_scalar_int(req->db, id,
                       "INSERT INTO wo_whistles (order_id, district_id, org_id, note, due_at,"
                       " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                       "iiisiii", o.id, o.district_id, c->org_id, c->note, due,
                       req->who->user_id, now);
    if (rc != HW_OK)
        return rc;
    json_t *data = json_pack("{s:I, s:I}", "whistle_id", (json_int_t)*id, "org_id",
                             (json_int_t)c->org_id);
    struct wo_event e = {.at = now, .user_id = req->who->user_id, .action = "whistle",
                         .note = c->note, .data = data};
    rc = wo_event_add(req->db, &o, &e);
    json_decref(data);
    char key[64];
    snprintf(key, sizeof key, "wo-whistle:%lld", (long long)*id);
    json_t *payload = json_pack("{s:I}", "whistle_id", (json_int_t)*id);
    if (rc == HW_OK)
        rc = payload ? jobs_schedule(req->db, WO_WHISTLE_JOB, payload, due, key, o.district_id,
                                     NULL)
                     : HW_ENOMEM;
    json_decref(payload);
    if (rc != HW_OK)
        return rc;
    /* The unit's people are told. */
    char link[48];
    wo_link(o.id, link);
    struct db_stmt *st;
    int64_t users[32];
    int k = 0;
    if ((rc = db_query(req->db, &st, "SELECT user_id FROM wo_unit_users WHERE org_id = $1",
                       "i", c->org_id)) != HW_OK)
        return rc;
    while (k < 32 && (rc = db_step(st)) == DB_ROW)
        users[k++] = db_col_int(st, 0);
    db_reset(st);
    for (int i = 0; rc >= 0 && i < k; i++)
        rc = notify_user(req->db, users[i], "work_order", "吹哨报到 / Your unit is called", NULL,
                         link);
    if (rc < 0)
        return rc;
    return wo_order_touch(req->db, o.id, now);
}

int workorder_http_whistle(struct request *req)
{
    struct whistle_body b = {0};
    int rc = BODY_PARSE(req, whistle_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct whistle_ctx c = {.order_id = req->params[0], .org_id = b.org_id.v,
                            .limit_s = b.limit_s.v};
    if (b.limit_s.set && (b.limit_s.v < WO_LIMIT_MIN_S || b.limit_s.v > WO_LIMIT_MAX_S))
        return write_field_invalid(req, "limit_s");
    if (b.note) {
        if (!clean(b.note, c.note_buf, sizeof c.note_buf))
            return write_field_invalid(req, "note");
        c.note = c.note_buf;
    }
    static const struct audited_write w = {.action = "create", .entity = "wo_whistle",
                                           .location = "/api/v1/wo-whistles/",
                                           .apply = apply_whistle, .render = render_whistle};
    return audited_write_run(req, &w, &c, 0);
}

/* ---- POST /api/v1/wo-whistles/{id}/respond -------------------------------- */

struct respond_body {
    const char *note;
};

static const struct body_field respond_fields[] = {
    BODY_FIELD(struct respond_body, note, BODY_STRING, true, WO_NOTE_MAX * 2),
};

static int apply_respond(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct whistle_ctx *c = ctx;
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st,
                          "SELECT order_id, org_id, responded_at FROM wo_whistles WHERE id = $1",
                          "i", *id);
    if (rc != HW_OK)
        return rc;
    int64_t order = db_col_int(st, 0), org = db_col_int(st, 1), responded = db_col_int(st, 2);
    db_reset(st);
    int64_t member = 0;
    rc = db_scalar_int(req->db, &member,
                       "SELECT count(*) FROM wo_unit_users WHERE org_id = $1 AND user_id = $2",
                       "ii", org, req->who->user_id);
    if (rc != HW_OK)
        return rc;
    if (!member)
        return HW_EFORBIDDEN; /* only the unit answers for itself */
    if (responded)
        return HW_ECONFLICT;
    struct wo_order o;
    if ((rc = wo_order_load(req->db, order, &o)) != HW_OK)
        return rc;
    *district = o.district_id;
    int64_t now = clock_now();
    int64_t n = db_run(req->db,
                       "UPDATE wo_whistles SET responded_at = $2, responded_by = $3, response = $4"
                       " WHERE id = $1",
                       "iiis", *id, now, req->who->user_id, c->note);
    if (n < 0)
        return (int)n;
    json_t *data = json_pack("{s:I}", "whistle_id", (json_int_t)*id);
    struct wo_event e = {.at = now, .user_id = req->who->user_id, .action = "whistle_response",
                         .note = c->note, .data = data};
    rc = wo_event_add(req->db, &o, &e);
    json_decref(data);
    return rc == HW_OK ? wo_order_touch(req->db, o.id, now) : rc;
}

int workorder_http_respond_whistle(struct request *req)
{
    struct respond_body b = {0};
    int rc = BODY_PARSE(req, respond_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct whistle_ctx c = {0};
    if (!clean(b.note, c.note_buf, sizeof c.note_buf))
        return write_field_invalid(req, "note");
    c.note = c.note_buf;
    static const struct audited_write w = {.action = "update", .entity = "wo_whistle",
                                           .apply = apply_respond, .render = render_whistle};
    return audited_write_run(req, &w, &c, req->params[0]);
}

/* ---- the job workorder.whistle ({"whistle_id"}) --------------------------- */

int wo_whistle_job_run(struct db *db, const struct job *job)
{
    json_int_t id = 0;
    if (json_unpack(job->payload, "{s:I}", "whistle_id", &id) != 0) {
        jobs_set_error(job, "bad payload");
        return HW_EINVAL;
    }
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT order_id, responded_at FROM wo_whistles WHERE id = $1",
                          "i", (int64_t)id);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    int64_t order = db_col_int(st, 0), responded = db_col_int(st, 1);
    db_reset(st);
    if (responded)
        return HW_OK;
    struct wo_order o;
    if ((rc = wo_order_load(db, order, &o)) != HW_OK)
        return rc;
    int64_t n = db_run(db, "UPDATE wo_whistles SET overdue = TRUE WHERE id = $1", "i", (int64_t)id);
    if (n < 0)
        return (int)n;
    json_t *data = json_pack("{s:I}", "whistle_id", (json_int_t)id);
    struct wo_event e = {.at = clock_now(), .action = "whistle_overdue", .data = data};
    rc = wo_event_add(db, &o, &e);
    json_decref(data);
    if (rc == HW_OK)
        rc = wo_notify_level(db, &o, o.level, "吹哨未报到 / A called unit did not respond");
    return rc;
}
