/* The webhooks of a sub-district: its officers (and admins) add, list and
 * change them, and read their delivery log. Outside the caller's
 * sub-district a webhook answers 404, as if absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/scope.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "kit/audit.h"
#include "kit/notify_http.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "kit/webhook_core.h"
#include "store/db_json.h"

/* HW_OK and *district (0: installation-wide) when the caller sees webhook id:
 * the caller's sub-district's webhooks; an installation admin's are all. */
static int webhook_visible(struct request *req, int64_t id, int64_t *district)
{
    struct scope_sql within;
    scope_district(req->who, "webhooks", 2, &within);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT district_id FROM webhooks WHERE id = $1 AND %s",
             within.cond);
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st, sql, "ii", id, within.value);
    if (rc != HW_OK)
        return rc;
    *district = db_col_int(st, 0);
    db_reset(st);
    return HW_OK;
}

static int webhook_render(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return webhook_json(req->db, id, out);
}

struct webhook_body {
    const char *url, *secret;
    json_t *events;
    int enabled; /* -1: absent */
};

/* The members of a create (all = true) or a change; errors recorded. */
static int parse_webhook(struct request *req, bool all, struct webhook_body *b)
{
    static const char *const names[] = {"url", "events", "secret", "enabled"};
    json_t *root;
    int rc = notify_body_object(req, names, sizeof names / sizeof names[0], &root);
    if (rc != HW_OK)
        return rc;
    json_t *url = json_object_get(root, "url"), *secret = json_object_get(root, "secret");
    json_t *enabled = json_object_get(root, "enabled");
    b->events = json_object_get(root, "events");
    b->enabled = -1;
    if (all && !url)
        problem_field(req, "url", FIELD_REQUIRED);
    else if (url && !json_is_string(url))
        problem_field(req, "url", FIELD_WRONG_TYPE);
    else if (url && webhook_check_url(json_string_value(url)) != HW_OK)
        write_field_invalid(req, "url");
    else if (url)
        b->url = json_string_value(url);
    if (all && !b->events)
        problem_field(req, "events", FIELD_REQUIRED);
    else if (b->events && !json_is_array(b->events))
        problem_field(req, "events", FIELD_WRONG_TYPE);
    else if (b->events && webhook_check_events(b->events) != HW_OK)
        write_field_invalid(req, "events");
    if (secret && !json_is_string(secret))
        problem_field(req, "secret", FIELD_WRONG_TYPE);
    else if (secret && webhook_check_secret(json_string_value(secret)) != HW_OK)
        write_field_invalid(req, "secret");
    else if (secret)
        b->secret = json_string_value(secret);
    if (enabled && !json_is_boolean(enabled))
        problem_field(req, "enabled", FIELD_WRONG_TYPE);
    else if (enabled)
        b->enabled = json_is_true(enabled);
    return req->json_errors && json_array_size(req->json_errors) > 0 ? HW_EINVAL : HW_OK;
}

int webhook_http_create(struct request *req)
{
    struct webhook_body b = {0};
    int rc = parse_webhook(req, true, &b);
    if (rc != HW_OK)
        return rc;
    struct webhook_new w = {.district_id = req->who->district_id,
                            .url = b.url,
                            .events = b.events,
                            .secret = b.secret,
                            .enabled = b.enabled != 0,
                            .created_by = req->who->user_id};
    char secret[WEBHOOK_SECRET_SIZE];
    int64_t id = 0;
    json_t *after = NULL;
    if ((rc = db_begin(req->db, DB_TXN_WRITE)) != HW_OK)
        return rc;
    /* Audited without its secret; the answer shows it, this once. */
    if ((rc = webhook_create(req->db, &w, &id, secret)) == HW_OK &&
        (rc = webhook_json(req->db, id, &after)) == HW_OK &&
        (rc = audit_change(req, "create", "webhook", id, w.district_id, NULL, after)) == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK) {
        db_rollback(req->db);
        json_decref(after);
        return rc;
    }
    int set = json_object_set_new(after, "secret", json_string(secret));
    memset(secret, 0, sizeof secret);
    if (set != 0) {
        json_decref(after);
        return HW_ENOMEM;
    }
    char location[64];
    snprintf(location, sizeof location, "/api/v1/webhooks/%lld", (long long)id);
    respond_header(req, "Location", location);
    return respond_json(req, 201, after);
}

int webhook_http_list(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    struct scope_sql district;
    scope_district(req->who, "webhooks", 2, &district);
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT id FROM webhooks WHERE ($1 = 0 OR id < $1) AND %s ORDER BY id DESC LIMIT $3",
             district.cond);
    struct db_stmt *st;
    if ((rc = db_query(req->db, &st, sql, "iii", after, district.value, limit)) != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, webhook_render, NULL);
}

int webhook_http_get(struct request *req)
{
    int64_t district;
    int rc = webhook_visible(req, req->params[0], &district);
    if (rc != HW_OK)
        return rc;
    json_t *out;
    if ((rc = webhook_json(req->db, req->params[0], &out)) != HW_OK)
        return rc;
    return respond_json(req, 200, out);
}

static int apply_update(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct webhook_body *b = ctx;
    int rc = webhook_visible(req, *id, district);
    if (rc != HW_OK)
        return rc;
    char *events = b->events ? json_dumps(b->events, JSON_COMPACT) : NULL;
    if (b->events && !events)
        return HW_ENOMEM;
    int64_t n = db_run(req->db,
                       "UPDATE webhooks SET url = COALESCE($1, url), events = COALESCE($2, events),"
                       " secret = COALESCE($3, secret),"
                       " enabled = CASE WHEN $4 < 0 THEN enabled ELSE $4 = 1 END,"
                       " updated_at = $5 WHERE id = $6",
                       "sssiii", b->url, events, b->secret, (int64_t)b->enabled, clock_now(), *id);
    free(events);
    return n < 0 ? (int)n : n ? HW_OK : HW_ENOTFOUND;
}

int webhook_http_update(struct request *req)
{
    struct webhook_body b = {0};
    int rc = parse_webhook(req, false, &b);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "update", .entity = "webhook", .apply = apply_update, .render = webhook_render};
    /* Outside the caller's sub-district: 404 before anything is read. */
    int64_t district;
    if ((rc = webhook_visible(req, req->params[0], &district)) != HW_OK)
        return rc;
    return audited_write_run(req, &w, &b, req->params[0]);
}

/* One attempt of the log, from columns 11..14 of delivery_sql. */
static json_t *attempt_row(struct db_stmt *st)
{
    return json_pack("{s:o, s:o, s:o, s:I}", "at", db_json_time(st, 11), "http_status",
                     db_json_int(st, 12), "error", db_json_text(st, 13), "duration_ms",
                     (json_int_t)db_col_int(st, 14));
}

enum { ATTEMPTS_SHOWN = 20 };

/* The delivery and its attempt log in one statement, so in one snapshot of
 * the database: a delivery that the scheduler finishes meanwhile is read
 * either before its last attempt or after it, never its state of after with
 * the log of before. One row per attempt (one row, attempt columns NULL,
 * before the first). */
static const char delivery_sql[] =
    "SELECT d.id, d.webhook_id, d.event, d.state, d.attempts, d.last_status, d.last_error,"
    " d.job_id, d.created_at, d.updated_at, d.body,"
    " a.at, a.http_status, a.error, a.duration_ms, a.id"
    " FROM webhook_deliveries d LEFT JOIN"
    " (SELECT id, delivery_id, at, http_status, error, duration_ms FROM webhook_attempts"
    "  WHERE delivery_id = $1 ORDER BY id LIMIT $2) a ON a.delivery_id = d.id"
    " WHERE d.id = $1 ORDER BY a.id";

static int delivery_render(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    struct db_stmt *st;
    int rc = db_query(req->db, &st, delivery_sql, "ii", id, (int64_t)ATTEMPTS_SHOWN);
    if (rc != HW_OK)
        return rc;
    json_t *delivery = NULL, *attempts = json_array();
    rc = attempts ? HW_OK : HW_ENOMEM;
    while (rc == HW_OK && (rc = db_step(st)) == DB_ROW) {
        rc = HW_OK;
        if (!delivery) {
            json_t *body = json_loads(db_col_text(st, 10), 0, NULL);
            delivery = json_pack(
                "{s:I, s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:O}", "id",
                (json_int_t)db_col_int(st, 0), "webhook_id", (json_int_t)db_col_int(st, 1), "event",
                db_col_text(st, 2), "state", db_col_text(st, 3), "attempts",
                (json_int_t)db_col_int(st, 4), "last_status", db_json_int(st, 5), "last_error",
                db_json_text(st, 6), "job_id", db_json_int(st, 7), "created_at",
                db_json_time(st, 8), "updated_at", db_json_time(st, 9), "body",
                body ? body : json_null(), "attempt_log", attempts);
            if (!delivery)
                rc = HW_ENOMEM;
        }
        if (rc == HW_OK && !db_col_is_null(st, 15)) {
            json_t *attempt = attempt_row(st);
            if (!attempt || json_array_append_new(attempts, attempt) != 0)
                rc = HW_ENOMEM;
        }
    }
    db_reset(st);
    json_decref(attempts);
    if (rc == DB_DONE)
        rc = delivery ? HW_OK : HW_ENOTFOUND;
    if (rc != HW_OK) {
        json_decref(delivery);
        return rc;
    }
    *out = delivery;
    return HW_OK;
}

int webhook_http_deliveries(struct request *req)
{
    int64_t limit, after, district;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = webhook_visible(req, req->params[0], &district);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT id FROM webhook_deliveries WHERE webhook_id = $1"
                  " AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3",
                  "iii", req->params[0], after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, delivery_render, NULL);
}
