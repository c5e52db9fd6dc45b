/* Filing, reading and listing orders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/privacy.h"
#include "kit/record_routes.h"
#include "store/db_json.h"
#include "workorder/visible.h"
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

/* ---- GET /api/v1/work-orders ---------------------------------------------- */

enum { PAGE_MAX = 200, FAR_DUE = 0x7fffffff }; /* FAR_DUE: no running clock sorts last */

/* Answers ids[0..n) rendered, with next_after as given. */
static int respond_orders(struct request *req, const int64_t *ids, int n, json_t *next_after)
{
    json_t *items = json_array();
    struct privacy_read reads[PAGE_MAX];
    int nreads = 0, rc = HW_OK;
    for (int i = 0; items && rc == HW_OK && i < n; i++) {
        json_t *order;
        bool disclosed = false;
        rc = workorder_render(req->db, req->who, ids[i], clock_now(), &order, &disclosed);
        if (rc == HW_OK) {
            if (disclosed)
                reads[nreads++] = (struct privacy_read){
                    .subject_id = ids[i],
                    .district_id = json_integer_value(json_object_get(order, "district_id")),
                    .fields = PRIVACY_PHONE};
            json_array_append_new(items, order);
        }
    }
    if (rc == HW_OK && !items)
        rc = HW_ENOMEM;
    if (rc == HW_OK)
        rc = privacy_log_reads(req, "work_order", reads, (size_t)nreads);
    if (rc != HW_OK) {
        json_decref(items);
        json_decref(next_after);
        return rc;
    }
    return respond_json(req, 200, json_pack("{s:o, s:o}", "items", items, "next_after", next_after));
}

struct list_filter {
    const char *status; /* "" none */
    int64_t category_id, grid_id, assignee_id, overdue, pool, reported_by;
    char q[160];        /* a LIKE pattern, "" none */
};

static int parse_filter(struct request *req, struct list_filter *f)
{
    *f = (struct list_filter){.status = ""};
    const char *status = req_query(req, "status");
    enum wo_status s;
    int rc = HW_OK;
    if (status && strcmp(status, "open") != 0 && wo_status_parse(status, &s) != HW_OK)
        rc = write_field_invalid(req, "status");
    if (status)
        f->status = status;
    int r1 = req_query_id(req, "category_id", &f->category_id);
    int r2 = req_query_id(req, "grid_id", &f->grid_id);
    const char *assignee = req_query(req, "assignee_id");
    int r3 = HW_OK;
    if (assignee && strcmp(assignee, "me") == 0)
        f->assignee_id = req->who->user_id;
    else
        r3 = req_query_id(req, "assignee_id", &f->assignee_id);
    const char *flag;
    if ((flag = req_query(req, "overdue")) && strcmp(flag, "1") == 0)
        f->overdue = 1;
    if ((flag = req_query(req, "pool")) && strcmp(flag, "1") == 0)
        f->pool = 1;
    if ((flag = req_query(req, "reported_by")) && strcmp(flag, "me") == 0)
        f->reported_by = req->who->user_id;
    const char *q = req_query(req, "q");
    if (q && *q) {
        size_t used = 0;
        f->q[used++] = '%';
        for (; *q && used < sizeof f->q - 3; q++) {
            if (*q == '%' || *q == '_' || *q == '\\')
                f->q[used++] = '\\';
            f->q[used++] = *q;
        }
        if (*q)
            rc = write_field_invalid(req, "q");
        f->q[used++] = '%';
        f->q[used] = '\0';
    }
    if (r1 != HW_OK || r2 != HW_OK || r3 != HW_OK)
        return HW_EINVAL;
    return rc;
}

#define LIST_FILTERS                                                                               \
    " AND (CAST($3 AS TEXT) = '' OR w.status = $3 OR ($3 = 'open' AND w.status <> 'closed'))"      \
    " AND ($4 = 0 OR w.category_id = $4) AND ($5 = 0 OR w.grid_id = $5)"                           \
    " AND ($6 = 0 OR w.assignee_user_id = $6) AND ($7 = 0 OR w.queue_due < $12)"                    \
    " AND ($8 = 0 OR (w.grab = TRUE AND w.status = 'dispatched'"                                    \
    " AND w.assignee_user_id IS NULL)) AND ($9 = 0 OR w.reporter_user_id = $9)"                    \
    " AND (CAST($10 AS TEXT) = '' OR w.number LIKE $10 ESCAPE '\\'"                                \
    " OR w.description LIKE $10 ESCAPE '\\')"

/* "<due>.<id>": the queue's cursor. */
static int parse_due_cursor(const char *s, int64_t *due, int64_t *id)
{
    char *end;
    long long d = strtoll(s, &end, 10);
    if (*end != '.' || d < 0)
        return HW_EINVAL;
    long long i = strtoll(end + 1, &end, 10);
    if (*end || i <= 0)
        return HW_EINVAL;
    *due = d;
    *id = i;
    return HW_OK;
}

int workorder_http_list(struct request *req)
{
    int64_t limit, after = 0;
    const char *sort = req_query(req, "sort");
    bool by_due = sort && strcmp(sort, "due") == 0;
    if (sort && !by_due && strcmp(sort, "id") != 0)
        return write_field_invalid(req, "sort");
    int64_t after_due = 0, after_id = 0;
    const char *cursor = req_query(req, "after");
    int rc;
    if (by_due) {
        const char *text = req_query(req, "limit");
        limit = 50;
        if (text) {
            char *end;
            long long v = strtoll(text, &end, 10);
            if (*end || v < 1 || v > PAGE_MAX)
                return write_field_invalid(req, "limit");
            limit = v;
        }
        if (cursor && parse_due_cursor(cursor, &after_due, &after_id) != HW_OK)
            return write_field_invalid(req, "after");
    } else if ((rc = req_page(req, &limit, &after)) != HW_OK) {
        return rc;
    }
    struct list_filter f;
    if ((rc = parse_filter(req, &f)) != HW_OK)
        return rc;
    struct wo_visible_sql v;
    wo_visible_sql(req->who, 1, &v);
    char sql[3072];
    int n;
    if (by_due)
        n = snprintf(sql, sizeof sql,
                     "SELECT w.id, COALESCE(w.queue_due, %d) FROM work_orders w JOIN places p"
                     " ON p.id = w.place_id WHERE %s" LIST_FILTERS " AND w.status <> 'closed'"
                     " AND (COALESCE(w.queue_due, %d) > $13 OR (COALESCE(w.queue_due, %d) = $13"
                     " AND w.id > $14)) ORDER BY 2, w.id LIMIT $11",
                     FAR_DUE, v.cond, FAR_DUE, FAR_DUE);
    else
        n = snprintf(sql, sizeof sql,
                     "SELECT w.id, 0 FROM work_orders w JOIN places p ON p.id = w.place_id"
                     " WHERE %s" LIST_FILTERS " AND ($13 = 0 OR w.id < $13)"
                     " ORDER BY w.id DESC LIMIT $11",
                     v.cond);
    if (n < 0 || (size_t)n >= sizeof sql)
        return HW_ELIMIT;
    struct db_stmt *st;
    if (by_due)
        rc = db_query(req->db, &st, sql, "iisiiiiiisiiii", v.user_id, v.scope_value, f.status,
                      f.category_id, f.grid_id, f.assignee_id, f.overdue, f.pool, f.reported_by,
                      f.q, limit, clock_now(), cursor ? after_due : (int64_t)-1, after_id);
    else
        rc = db_query(req->db, &st, sql, "iisiiiiiisiii", v.user_id, v.scope_value, f.status,
                      f.category_id, f.grid_id, f.assignee_id, f.overdue, f.pool, f.reported_by,
                      f.q, limit, clock_now(), after);
    if (rc != HW_OK)
        return rc;
    int64_t ids[PAGE_MAX], dues[PAGE_MAX];
    int count = 0;
    while (count < limit && (rc = db_step(st)) == DB_ROW) {
        ids[count] = db_col_int(st, 0);
        dues[count++] = db_col_int(st, 1);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    json_t *next = json_null();
    if (count == limit && by_due) {
        char text[48];
        snprintf(text, sizeof text, "%lld.%lld", (long long)dues[count - 1],
                 (long long)ids[count - 1]);
        next = json_string(text);
    } else if (count == limit) {
        next = json_integer(ids[count - 1]);
    }
    return respond_orders(req, ids, count, next);
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
