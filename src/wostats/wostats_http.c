/* GET /api/v1/work-order-stats: the parameters read and checked, the
 * report loaded, and answered as JSON or as a file. A file is written to a
 * temporary file first, its export audited, and only then sent. */
#include "wostats/wostats_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "kit/scope.h"
#include "kit/stored_file.h"
#include "kit/write.h"
#include "wostats/render.h"
#include "wostats/sheet.h"

enum { DEFAULT_DAYS = 30 };

enum format { FORMAT_JSON, FORMAT_CSV, FORMAT_XLSX };

static const char *const content_types[] = {
    [FORMAT_CSV] = "text/csv; charset=utf-8",
    [FORMAT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
static const char *const extensions[] = {[FORMAT_CSV] = "csv", [FORMAT_XLSX] = "xlsx"};

/* A place filter: a place of that kind inside the caller's scope. */
static int read_place(struct request *req, const char *name, const char *kind, int64_t *out)
{
    if (req_query_id(req, name, out) != HW_OK)
        return HW_EINVAL;
    if (!*out)
        return HW_OK;
    int rc = scope_place_visible_kind(req->db, req->who, *out, kind);
    return rc == HW_ENOTFOUND ? write_field_invalid(req, name) : rc;
}

static int read_day(struct request *req, const char *name, int32_t *out)
{
    const char *v = req_query(req, name);
    if (!v)
        return HW_OK;
    return wostats_day_parse(v, out) == HW_OK ? HW_OK : write_field_invalid(req, name);
}

static int read_period(struct request *req, struct wostats_query *q)
{
    q->to = wostats_day_of(q->now);
    int rc = read_day(req, "to", &q->to);
    q->from = q->to - (DEFAULT_DAYS - 1);
    if (rc == HW_OK)
        rc = read_day(req, "from", &q->from);
    if (rc == HW_OK && (q->to < q->from || q->to - q->from >= WOSTATS_MAX_DAYS))
        rc = write_field_invalid(req, "to");
    if (rc != HW_OK)
        return rc;
    q->bucket = wostats_bucket_for(q->to - q->from + 1);
    const char *b = req_query(req, "bucket");
    if (b && wostats_bucket_parse(b, &q->bucket) != HW_OK)
        return write_field_invalid(req, "bucket");
    return HW_OK;
}

static int read_params(struct request *req, struct wostats_view *v, struct wostats_query *q,
                       enum format *format)
{
    *q = (struct wostats_query){.who = req->who, .now = clock_now()};
    *v = (struct wostats_view){
        .q = q, .rank = WOSTATS_CLOSED_ON_TIME, .min_orders = WOSTATS_MIN_ORDERS_DEFAULT};
    *format = FORMAT_JSON;
    const char *by = req_query(req, "by"), *rank = req_query(req, "rank"),
               *f = req_query(req, "format");
    int rc = read_period(req, q);
    if (rc == HW_OK && by && wostats_by_parse(by, &q->by) != HW_OK)
        rc = write_field_invalid(req, "by");
    if (rc == HW_OK && rank && wostats_rate_parse(rank, &v->rank) != HW_OK)
        rc = write_field_invalid(req, "rank");
    if (rc == HW_OK && req_query_id(req, "min_orders", &v->min_orders) != HW_OK)
        rc = HW_EINVAL;
    if (rc == HW_OK && v->min_orders > WOSTATS_MIN_ORDERS_MAX)
        rc = write_field_invalid(req, "min_orders");
    if (rc == HW_OK && f)
        *format = strcmp(f, "json") == 0   ? FORMAT_JSON
                  : strcmp(f, "csv") == 0  ? FORMAT_CSV
                  : strcmp(f, "xlsx") == 0 ? FORMAT_XLSX
                                           : (rc = write_field_invalid(req, "format"), FORMAT_JSON);
    if (rc == HW_OK)
        rc = read_place(req, "community_id", "community", &q->community_id);
    if (rc == HW_OK)
        rc = read_place(req, "grid_id", "grid", &q->grid_id);
    return rc;
}

/* The export as an audited event: what was asked for and how many rows. */
static int audit_export(struct request *req, const struct wostats_view *v, enum format format,
                        int64_t rows)
{
    const struct wostats_query *q = v->q;
    char from[WOSTATS_DATE_SIZE], to[WOSTATS_DATE_SIZE];
    wostats_day_format(q->from, from);
    wostats_day_format(q->to, to);
    json_t *what =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I}", "format", extensions[format], "from",
                  from, "to", to, "by", wostats_by_name(q->by), "bucket",
                  wostats_bucket_name(q->bucket), "community_id", (json_int_t)q->community_id,
                  "grid_id", (json_int_t)q->grid_id, "rows", (json_int_t)rows);
    if (!what)
        return HW_ENOMEM;
    struct actor a = {.kind = ACTOR_USER, .user_id = req->who->user_id, .ip = req->client_ip};
    struct write_event e = {.action = "export",
                            .entity = "work_order_stats",
                            .district_id = req->who->district_id,
                            .after = what};
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc == HW_OK && (rc = write_event(req->db, &a, &e)) == HW_OK)
        rc = db_commit(req->db);
    else if (rc == HW_OK)
        db_rollback(req->db);
    json_decref(what);
    return rc;
}

/* Sends the file at path (removed once open) as an attachment. */
static int send_file(struct request *req, const char *path, const struct wostats_view *v,
                     enum format format)
{
    char from[WOSTATS_DATE_SIZE], to[WOSTATS_DATE_SIZE], filename[96];
    wostats_day_format(v->q->from, from);
    wostats_day_format(v->q->to, to);
    snprintf(filename, sizeof filename, "work-order-stats-%s-%s-%s.%s", wostats_by_name(v->q->by),
             from, to, extensions[format]);
    return stored_file_send_temp(req, path, content_types[format], filename);
}

static int answer_file(struct request *req, struct wostats_report *r, const struct wostats_view *v,
                       enum format format)
{
    char path[4096];
    int rc = stored_file_temp("wostats", path, sizeof path);
    if (rc != HW_OK)
        return rc;
    int64_t rows = 0;
    rc = wostats_sheet_write(r, format == FORMAT_XLSX ? TABLE_XLSX : TABLE_CSV,
                             req->lang == LANG_EN, path, &rows);
    if (rc == HW_OK)
        rc = audit_export(req, v, format, rows);
    if (rc != HW_OK) {
        unlink(path);
        return rc;
    }
    return send_file(req, path, v, format);
}

static int answer_json(struct request *req, struct wostats_report *r, const struct wostats_view *v)
{
    json_t *body;
    int rc = wostats_report_json(r, v, &body);
    if (rc != HW_OK)
        return rc;
    return respond_json(req, 200, body); /* takes body */
}

int wostats_http_get(struct request *req)
{
    struct wostats_query q;
    struct wostats_view v;
    enum format format;
    int rc = read_params(req, &v, &q, &format);
    if (rc != HW_OK)
        return rc;
    struct wostats_report r;
    rc = wostats_report_load(req->db, &q, &r);
    if (rc == HW_ELIMIT) {
        problem_field_msg(req, "from", FIELD_INVALID, "工单太多，请缩短时段或缩小范围",
                          "too many orders: shorten the period or narrow the place");
        return HW_EINVAL;
    }
    if (rc != HW_OK)
        return rc;
    rc = format == FORMAT_JSON ? answer_json(req, &r, &v) : answer_file(req, &r, &v, format);
    wostats_report_free(&r);
    return rc;
}
