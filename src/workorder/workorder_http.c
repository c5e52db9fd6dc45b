/* Filing and reading orders, and an order's timeline. The list is in
 * workorder_list_http.c. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/privacy.h"
#include "kit/record_routes.h"
#include "store/db_json.h"
#include "workorder/workorder_http.h"
#include "workorder/workorder_internal.h"

int workorder_http_render(struct request *req, int64_t id, json_t **out)
{
    bool disclosed = false;
    int rc = workorder_render(req->db, req->who, id, clock_now(), out, &disclosed);
    if (rc != HW_OK || !disclosed)
        return rc;
    struct privacy_read r = {
        .subject_id = id,
        .district_id = json_integer_value(json_object_get(*out, "district_id")),
        .fields = PRIVACY_PHONE};
    if ((rc = privacy_log_reads(req, "work_order", &r, 1)) != HW_OK)
        json_decref(*out);
    return rc;
}

static int etag(struct request *req, json_t *order)
{
    char tag[32];
    snprintf(tag, sizeof tag, "\"%lld\"",
             (long long)json_integer_value(json_object_get(order, "version")));
    return respond_header(req, "ETag", tag);
}

/* ---- POST /api/v1/work-orders -------------------------------------------- */

struct create_body {
    const char *channel, *place_text, *lat, *lon, *description, *reporter_kind, *reporter_name,
        *reporter_phone, *difficulty;
    struct opt_int place_id, category_id, reporter_resident_id;
};

static const struct body_field create_fields[] = {
    BODY_FIELD(struct create_body, channel, BODY_STRING, true, 32),
    BODY_FIELD(struct create_body, category_id, BODY_INT, true, 0),
    BODY_FIELD(struct create_body, description, BODY_STRING, true, WO_DESCRIPTION_MAX * 2),
    BODY_FIELD(struct create_body, place_id, BODY_INT, true, 0),
    BODY_FIELD(struct create_body, place_text, BODY_STRING, false, WO_PLACE_TEXT_MAX * 2),
    BODY_FIELD(struct create_body, lat, BODY_STRING, false, 16),
    BODY_FIELD(struct create_body, lon, BODY_STRING, false, 16),
    BODY_FIELD(struct create_body, reporter_kind, BODY_STRING, false, 16),
    BODY_FIELD(struct create_body, reporter_resident_id, BODY_INT, false, 0),
    BODY_FIELD(struct create_body, reporter_name, BODY_STRING, false, WO_NAME_MAX * 2),
    BODY_FIELD(struct create_body, reporter_phone, BODY_STRING, false, 16),
    BODY_FIELD(struct create_body, difficulty, BODY_STRING, false, 16),
};

/* "33.347812" into micro-degrees: an optional sign, digits, at most six
 * decimals. */
static bool parse_degrees(const char *s, int64_t *out)
{
    bool neg = *s == '-';
    s += neg;
    int64_t whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    for (; *s >= '0' && *s <= '9' && digits < 3; s++, digits++)
        whole = whole * 10 + (*s - '0');
    if (!digits)
        return false;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9' && decimals < 6; s++, decimals++)
            frac = frac * 10 + (*s - '0');
    if (*s)
        return false;
    for (; decimals < 6; decimals++)
        frac *= 10;
    *out = (neg ? -1 : 1) * (whole * 1000000 + frac);
    return true;
}

struct create_ctx {
    struct workorder_new n;
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct create_ctx *c = ctx;
    const char *bad = NULL;
    int rc = wo_insert(req->db, req->who, &c->n, clock_now(), id, district, &bad);
    return write_model_error(req, rc, bad);
}

static int render_answer(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    int rc = workorder_http_render(req, id, out);
    return rc == HW_OK ? etag(req, *out) : rc;
}

static int render_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return workorder_render_audit(req->db, id, out);
}

int workorder_http_create(struct request *req)
{
    struct create_body b = {0};
    int rc = BODY_PARSE(req, create_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct create_ctx c = {.n = {.place_id = b.place_id.v,
                                 .place_text = b.place_text,
                                 .category_id = b.category_id.v,
                                 .description = b.description,
                                 .reporter = {.resident_id = b.reporter_resident_id.v,
                                              .name = b.reporter_name,
                                              .phone = b.reporter_phone}}};
    if (wo_channel_parse(b.channel, &c.n.channel) != HW_OK)
        rc = write_field_invalid(req, "channel");
    c.n.reporter.kind = req->who->role == ROLE_RESIDENT ? WO_REPORTER_RESIDENT : WO_REPORTER_STAFF;
    if (b.reporter_kind && wo_reporter_kind_parse(b.reporter_kind, &c.n.reporter.kind) != HW_OK)
        rc = write_field_invalid(req, "reporter_kind");
    if (b.difficulty) {
        c.n.has_difficulty = true;
        if (wo_difficulty_parse(b.difficulty, &c.n.difficulty) != HW_OK)
            rc = write_field_invalid(req, "difficulty");
    }
    if (!b.lat != !b.lon)
        rc = write_field_invalid(req, b.lat ? "lon" : "lat");
    if (b.lat && b.lon) {
        c.n.has_coords = true;
        if (!parse_degrees(b.lat, &c.n.lat_e6))
            rc = write_field_invalid(req, "lat");
        if (!parse_degrees(b.lon, &c.n.lon_e6))
            rc = write_field_invalid(req, "lon");
    }
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "create",
        .entity = "work_order",
        .location = "/api/v1/work-orders/",
        .apply = apply_create,
        .render = render_answer,
        .audit_render = render_audit,
    };
    return audited_write_run(req, &w, &c, 0);
}

/* ---- GET /api/v1/work-orders/{id} ----------------------------------------- */

int workorder_http_get(struct request *req)
{
    json_t *order;
    int rc = workorder_http_render(req, req->params[0], &order);
    if (rc == HW_OK)
        rc = etag(req, order);
    if (rc != HW_OK) {
        json_decref(order);
        return rc;
    }
    return respond_json(req, 200, order);
}

/* ---- GET /api/v1/work-orders/{id}/events ---------------------------------- */

static json_t *event_row(struct db_stmt *st)
{
    char at[40];
    wo_time_text(db_col_int(st, 1), at, sizeof at);
    const char *data = db_col_text(st, 9);
    json_t *parsed = data ? json_loads(data, 0, NULL) : NULL;
    return json_pack("{s:I, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "at", at, "user_id", db_json_int(st, 2),
                     "user_name", db_json_text(st, 3), "action", db_col_text(st, 4), "from",
                     db_json_text(st, 5), "to", db_json_text(st, 6), "note", db_json_text(st, 7),
                     "photo_id", db_json_int(st, 8), "data", parsed ? parsed : json_null());
}

int workorder_http_events(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT e.id, e.at, e.user_id, u.name, e.action, e.from_status, e.to_status,"
                  " e.note, e.photo_id, e.data FROM wo_events e LEFT JOIN users u"
                  " ON u.id = e.user_id WHERE e.order_id = $1 AND e.id > $2 ORDER BY e.id"
                  " LIMIT $3",
                  "iii", req->params[0], after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, event_row);
}
