/* The working calendar, a year at a time (docs/api-workorders.md,
 * "Dispatch rules, teams, units, the calendar"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "workorder/calendar.h"
#include "workorder/workorder_http.h"

/* GET /api/v1/wo-calendar?year=: the exceptions by date, paged by date
 * (?after=YYYY-MM-DD). */
int workorder_http_calendar(struct request *req)
{
    int64_t district;
    int rc = record_district(req, &district);
    if (rc != HW_OK)
        return rc;
    const char *text = req_query(req, "limit"), *year_text = req_query(req, "year");
    const char *after_text = req_query(req, "after");
    int64_t limit = 50, from = 0, to = INT32_MAX;
    char *end;
    if (text) {
        limit = strtoll(text, &end, 10);
        if (*end || limit < 1 || limit > 200)
            return write_field_invalid(req, "limit");
    }
    if (year_text) {
        long year = strtol(year_text, &end, 10);
        if (*end || year < WO_YEAR_MIN || year >= WO_YEAR_MAX)
            return write_field_invalid(req, "year");
        from = wo_year_first_day((int)year);
        to = wo_year_first_day((int)year + 1);
    }
    int32_t after = -1;
    if (after_text && wo_day_parse(after_text, &after) != HW_OK)
        return write_field_invalid(req, "after");
    if (after + 1 > from)
        from = after + 1;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT day, working, note FROM wo_calendar_days WHERE district_id = $1"
                  " AND day >= $2 AND day < $3 ORDER BY day LIMIT $4",
                  "iiii", district, from, to, limit);
    if (rc != HW_OK)
        return rc;
    json_t *items = json_array();
    int n = 0;
    char last[11] = "";
    while (items && (rc = db_step(st)) == DB_ROW) {
        wo_day_format((int32_t)db_col_int(st, 0), last);
        if (json_array_append_new(items, wo_calendar_day_row(st)) != 0) {
            rc = HW_ENOMEM;
            break;
        }
        n++;
    }
    db_reset(st);
    if (!items)
        return HW_ENOMEM;
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    return respond_json(req, 200, json_pack("{s:o, s:o}", "items", items, "next_after",
                                            n == limit ? json_string(last) : json_null()));
}

struct calendar_ctx {
    int64_t district;
    int year;
    struct wo_year_day days[WO_YEAR_DAYS_MAX];
    size_t n;
};

/* {"year", "days": [{"date", "working", "note"?}]} into c. */
static int parse_year(struct request *req, struct calendar_ctx *c)
{
    static const char *const fields[] = {"year", "days", NULL};
    json_t *root;
    int rc = workorder_http_body(req, fields, &root);
    if (rc != HW_OK)
        return rc;
    json_t *year = json_object_get(root, "year"), *days = json_object_get(root, "days"), *v;
    if (!json_is_integer(year) || json_integer_value(year) < WO_YEAR_MIN ||
        json_integer_value(year) >= WO_YEAR_MAX)
        rc = write_field_invalid(req, "year");
    if (!json_is_array(days) || json_array_size(days) > WO_YEAR_DAYS_MAX)
        rc = write_field_invalid(req, "days");
    if (rc != HW_OK)
        return rc;
    c->year = (int)json_integer_value(year);
    size_t i;
    json_array_foreach(days, i, v) {
        json_t *date = json_object_get(v, "date"), *working = json_object_get(v, "working");
        json_t *note = json_object_get(v, "note");
        struct wo_year_day *d = &c->days[c->n++];
        bool ok = json_is_object(v) && json_is_string(date) && json_is_boolean(working) &&
                  (!note || json_is_null(note) || json_is_string(note)) &&
                  json_object_size(v) == 2u + (note ? 1u : 0u) &&
                  wo_day_parse(json_string_value(date), &d->day) == HW_OK;
        if (!ok)
            return write_field_invalid(req, "days");
        d->working = json_is_true(working);
        d->note = json_is_string(note) ? json_string_value(note) : NULL;
    }
    size_t bad;
    if (wo_year_days_check(c->year, c->days, c->n, &bad) != HW_OK)
        return write_field_invalid(req, "days");
    return HW_OK;
}

static int apply_year(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    (void)id; /* the year */
    struct calendar_ctx *c = ctx;
    *district = c->district;
    int rc = wo_year_set(req->db, c->district, c->year, c->days, c->n);
    return rc == HW_EINVAL ? write_field_invalid(req, "days") : rc;
}

static int render_year(struct request *req, void *ctx, int64_t id, json_t **out)
{
    const struct calendar_ctx *c = ctx;
    return wo_year_json(req->db, c->district, (int)id, out);
}

/* PUT /api/v1/wo-calendar: a year's exceptions become exactly the ones given. */
int workorder_http_put_calendar(struct request *req)
{
    struct calendar_ctx *c = arena_alloc(req->arena, sizeof *c);
    if (!c)
        return HW_ENOMEM;
    memset(c, 0, sizeof *c);
    int rc = record_district(req, &c->district);
    if (rc == HW_OK)
        rc = parse_year(req, c);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "update", .entity = "wo_calendar",
                                           .apply = apply_year, .render = render_year};
    return audited_write_run(req, &w, c, c->year);
}
