/* GET /api/v1/work-orders: a page of the orders a caller sees, newest first
 * or as the dispatcher queue (docs/api-workorders.md, "Lists").
 *
 * At a city's scale a page must cost the same with a thousand orders as with
 * millions. So the SQL is chosen by the caller: one query per way they see
 * orders (visible.h), each with only the filters given, ordered and limited
 * by an index on its own; a page is the first of their merged rows. Every
 * condition is a plain column comparison: no OR on a flag. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/response.h"
#include "kit/privacy.h"
#include "kit/record_routes.h"
#include "workorder/lifecycle.h"
#include "workorder/params.h"
#include "workorder/visible.h"
#include "workorder/workorder_http.h"
#include "workorder/workorder_internal.h"

enum {
    PAGE_MAX = WO_RENDER_MAX,
    PAGE_DEFAULT = 50,
    FILTERS_MAX = 600, /* bytes of the filters' SQL */
    Q_PATTERN_MAX = 160, /* bytes of q's LIKE pattern, escapes and NUL included */
    SQL_MAX = 2 * WO_WAYS_MAX * (WO_WAY_MAX + FILTERS_MAX + 256),
};
/* The queue's key of an order without a running clock: after every
 * deadline (9999-12-31T23:59:59Z), so such orders come last. */
#define NO_DUE INT64_C(253402300799)

/* Answers the orders rendered, their reads of other people's phones logged
 * first (kit/privacy.h); next_after as given. */
static int respond_orders(struct request *req, struct wo_rendered *orders, int n,
                          json_t *next_after)
{
    json_t *items = json_array();
    struct privacy_read reads[WO_RENDER_MAX];
    size_t nreads = 0;
    int rc = items ? HW_OK : HW_ENOMEM;
    for (int i = 0; i < n; i++) {
        if (orders[i].disclosed)
            reads[nreads++] = (struct privacy_read){
                .subject_id = orders[i].id,
                .district_id =
                    json_integer_value(json_object_get(orders[i].order, "district_id")),
                .fields = PRIVACY_PHONE};
        if (rc == HW_OK && json_array_append(items, orders[i].order) != 0)
            rc = HW_ENOMEM;
        json_decref(orders[i].order);
    }
    if (rc == HW_OK)
        rc = privacy_log_reads(req, "work_order", reads, nreads);
    if (rc != HW_OK) {
        json_decref(items);
        json_decref(next_after);
        return rc;
    }
    return respond_json(req, 200, json_pack("{s:o, s:o}", "items", items, "next_after", next_after));
}

/* What the query string asks. */
struct list_ask {
    bool by_due;
    int64_t limit;
    int64_t after;               /* newest first: the last id seen, 0: none */
    int64_t after_due, after_id; /* the queue: the last key seen, after_due -1: none */
};

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

static int parse_paging(struct request *req, struct list_ask *a)
{
    const char *sort = req_query(req, "sort");
    *a = (struct list_ask){.by_due = sort && strcmp(sort, "due") == 0, .after_due = -1};
    if (sort && !a->by_due && strcmp(sort, "id") != 0)
        return write_field_invalid(req, "sort");
    if (!a->by_due)
        return req_page(req, &a->limit, &a->after);
    const char *text = req_query(req, "limit");
    a->limit = PAGE_DEFAULT;
    if (text) {
        char *end;
        long long v = strtoll(text, &end, 10);
        if (*end || v < 1 || v > PAGE_MAX)
            return write_field_invalid(req, "limit");
        a->limit = v;
    }
    const char *cursor = req_query(req, "after");
    if (cursor && parse_due_cursor(cursor, &a->after_due, &a->after_id) != HW_OK)
        return write_field_invalid(req, "after");
    return HW_OK;
}

/* Appends " AND <cond>" to the filters. */
static void and(char *out, size_t size, const char *cond)
{
    size_t used = strlen(out);
    snprintf(out + used, size - used, " AND %s", cond);
}

/* The filters given, as " AND ..." conditions on w, their values added to p.
 * q is the text parameter, so it is set first. */
static int parse_filters(struct request *req, struct wo_params *p, char *out, size_t size)
{
    out[0] = '\0';
    int rc = HW_OK;
    const char *q = req_query(req, "q");
    if (q && *q) {
        /* A LIKE pattern: %q% with q's own % _ \ escaped. */
        char *like = arena_alloc(req->arena, Q_PATTERN_MAX);
        if (!like)
            return HW_ENOMEM;
        size_t used = 0;
        like[used++] = '%';
        for (; *q && used < Q_PATTERN_MAX - 3; q++) {
            if (*q == '%' || *q == '_' || *q == '\\')
                like[used++] = '\\';
            like[used++] = *q;
        }
        if (*q)
            rc = write_field_invalid(req, "q");
        like[used++] = '%';
        like[used] = '\0';
        p->text = like;
        and(out, size, "(w.number LIKE $1 ESCAPE '\\' OR w.description LIKE $1 ESCAPE '\\')");
    }
    const char *status = req_query(req, "status");
    enum wo_status s;
    char cond[160];
    if (status && strcmp(status, "open") == 0) {
        and(out, size, "w.status <> 'closed'");
    } else if (status && wo_status_parse(status, &s) == HW_OK) {
        snprintf(cond, sizeof cond, "w.status = '%s'", wo_status_name(s)); /* a known name */
        and(out, size, cond);
    } else if (status) {
        rc = write_field_invalid(req, "status");
    }
    static const struct {
        const char *query, *column;
    } ids[] = {{"category_id", "category_id"}, {"grid_id", "grid_id"}};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        int64_t v = 0;
        if (req_query_id(req, ids[i].query, &v) != HW_OK)
            rc = HW_EINVAL;
        else if (v) {
            snprintf(cond, sizeof cond, "w.%s = $%d", ids[i].column, wo_param(p, v));
            and(out, size, cond);
        }
    }
    const char *assignee = req_query(req, "assignee_id");
    int64_t who = 0;
    if (assignee && strcmp(assignee, "me") == 0)
        who = req->who->user_id;
    else if (req_query_id(req, "assignee_id", &who) != HW_OK)
        rc = HW_EINVAL;
    if (who) {
        snprintf(cond, sizeof cond, "w.assignee_user_id = $%d", wo_param(p, who));
        and(out, size, cond);
    }
    const char *flag;
    if ((flag = req_query(req, "overdue")) && strcmp(flag, "1") == 0) {
        snprintf(cond, sizeof cond, "w.queue_due < $%d", wo_param(p, clock_now()));
        and(out, size, cond);
    }
    if ((flag = req_query(req, "pool")) && strcmp(flag, "1") == 0)
        and(out, size, "w.grab = TRUE AND w.status = 'dispatched' AND w.assignee_user_id IS NULL");
    if ((flag = req_query(req, "reported_by")) && strcmp(flag, "me") == 0) {
        snprintf(cond, sizeof cond, "w.reporter_user_id = $%d", wo_param(p, req->who->user_id));
        and(out, size, cond);
    }
    return rc;
}

/* SQL put together in a buffer of the request's arena; an overflow marks it
 * full and the query is refused. */
struct sql_buf {
    char *s;
    size_t size, used;
    int arms;
};

static void put(struct sql_buf *b, const char *fmt, ...)
{
    if (b->used >= b->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->s + b->used, b->size - b->used, fmt, ap);
    va_end(ap);
    b->used = n < 0 ? b->size : b->used + (size_t)n;
}

/* One way's query as an arm of the UNION ALL: the way's condition, the
 * filters and the arm's bounds, ordered and limited by an index on its own. */
static void arm(struct sql_buf *b, const char *way, const char *filters, const char *bounds,
                const char *order, int lim)
{
    put(b, "%sSELECT id FROM (SELECT w.id FROM work_orders w WHERE (%s)%s%s ORDER BY %s LIMIT $%d)"
           " AS arm%d",
        b->arms ? " UNION ALL " : "", way, filters, bounds, order, lim, b->arms);
    b->arms++;
}

/* The page's SQL: the caller's ways, merged, the first `limit` rows. Each
 * row is (id, k: the queue's key), as wo_render_set takes them. */
static void page_sql(struct sql_buf *b, const struct list_ask *a, const struct wo_ways *ways,
                     const char *filters, struct wo_params *p)
{
    int lim = wo_param(p, a->limit);
    char bounds[160] = "";
    if (!a->by_due) {
        if (a->after)
            snprintf(bounds, sizeof bounds, " AND w.id < $%d", wo_param(p, a->after));
        put(b, "SELECT w.id AS id, 0 AS k FROM work_orders w WHERE w.id IN (");
        for (int i = 0; i < ways->n; i++)
            arm(b, ways->cond[i], filters, bounds, "w.id DESC", lim);
        put(b, ") ORDER BY w.id DESC LIMIT $%d", lim);
        return;
    }
    /* The queue: open orders with a running clock by (queue_due, id), then
     * the others by id; a cursor in the second part skips the first. */
    bool in_rest = a->after_due >= NO_DUE;
    char rest[160];
    if (a->after_due >= 0 && !in_rest)
        snprintf(bounds, sizeof bounds,
                 " AND w.status <> 'closed' AND w.queue_due IS NOT NULL"
                 " AND (w.queue_due, w.id) > ($%d, $%d)",
                 wo_param(p, a->after_due), wo_param(p, a->after_id));
    else
        snprintf(bounds, sizeof bounds, " AND w.status <> 'closed' AND w.queue_due IS NOT NULL");
    if (in_rest)
        snprintf(rest, sizeof rest, " AND w.status <> 'closed' AND w.queue_due IS NULL AND w.id > $%d",
                 wo_param(p, a->after_id));
    else
        snprintf(rest, sizeof rest, " AND w.status <> 'closed' AND w.queue_due IS NULL");
    put(b, "SELECT w.id AS id, COALESCE(w.queue_due, %lld) AS k FROM work_orders w"
           " WHERE w.id IN (",
        (long long)NO_DUE);
    for (int i = 0; i < ways->n; i++) {
        if (!in_rest)
            arm(b, ways->cond[i], filters, bounds, "w.queue_due, w.id", lim);
        arm(b, ways->cond[i], filters, rest, "w.id", lim);
    }
    put(b, ") ORDER BY 2, w.id LIMIT $%d", lim);
}

int workorder_http_list(struct request *req)
{
    struct list_ask a;
    int rc = parse_paging(req, &a);
    if (rc != HW_OK)
        return rc;
    struct wo_params p = {0};
    char filters[FILTERS_MAX];
    if ((rc = parse_filters(req, &p, filters, sizeof filters)) != HW_OK)
        return rc;
    struct wo_ways ways;
    wo_ways_of(req->who, &p, &ways);
    struct sql_buf b = {.s = arena_alloc(req->arena, SQL_MAX), .size = SQL_MAX};
    if (!b.s)
        return HW_ENOMEM;
    page_sql(&b, &a, &ways, filters, &p);
    if (b.used >= b.size)
        return HW_ELIMIT;
    struct wo_rendered *orders = arena_alloc(req->arena, sizeof *orders * PAGE_MAX);
    if (!orders)
        return HW_ENOMEM;
    const struct wo_render_set set = {
        .ids_sql = b.s, .order = a.by_due ? "page.k, page.id" : "page.id DESC", .p = &p};
    int count;
    if ((rc = wo_render_set(req->db, req->who, clock_now(), &set, orders, &count)) != HW_OK)
        return rc;
    json_t *next = json_null();
    if (count == a.limit && a.by_due) {
        char text[48];
        snprintf(text, sizeof text, "%lld.%lld", (long long)orders[count - 1].key,
                 (long long)orders[count - 1].id);
        next = json_string(text);
    } else if (count == a.limit) {
        next = json_integer(orders[count - 1].id);
    }
    return respond_orders(req, orders, count, next);
}
