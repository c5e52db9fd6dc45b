/* Orders rendered a set at a time (wo_render_set, workorder_internal.h): a
 * page of the list costs one statement for its orders with everything their
 * answers show, and one more for their photos and one for their whistles,
 * each only when an order of the page has any; never a statement per order.
 * One order is a set of one, so an order's answer and its item on a page
 * are built by the same code. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "kit/access.h"
#include "place/place.h"
#include "workorder/settings.h"
#include "workorder/visible.h"
#include "workorder/workorder_internal.h"

/* The columns after WO_ANSWER_COLUMNS: the order as the rules read it, the
 * names of its place's label, its sub-district's settings, what the caller
 * is to it, whether it has photos and whistles, and its key on the page. */
enum {
    COL_ORDER = WO_ANSWER_NCOLUMNS,
    COL_LABEL = COL_ORDER + WO_ORDER_NCOLUMNS,
    COL_SETTINGS = COL_LABEL + 5,
    COL_IN_SCOPE = COL_SETTINGS + WO_SETTINGS_NCOLUMNS,
    COL_IN_TEAM,
    COL_SUPPORTING,
    COL_HAS_PHOTOS,
    COL_HAS_WHISTLES,
    COL_KEY,
};

static const char set_select[] =
    "SELECT " WO_ANSWER_COLUMNS ", " WO_ORDER_COLUMNS("w.") ", "
    PLACE_LABEL_COLUMNS("p", "pc", "pb", "pe") ", " WO_SETTINGS_COLUMNS("ws.") ", ";

static const char set_from[] =
    " FROM (%s) AS page JOIN work_orders w ON w.id = page.id"
    " JOIN places p ON p.id = w.place_id JOIN wo_categories c ON c.id = w.category_id"
    " LEFT JOIN users a ON a.id = w.assignee_user_id"
    PLACE_LABEL_JOINS("p", "pc", "pb", "pe")
    " LEFT JOIN wo_standards ws ON ws.district_id = w.district_id ORDER BY %s";

/* A kind of child row of an order (its photos, its whistles): the first
 * 50 of each order of the set by id, read by one query around the set's
 * ids_sql (head, ids_sql, tail), the order's id in column order_col. */
struct child {
    const char *head, *tail;
    int order_col;
    const char *key; /* the answer's array */
    json_t *(*row)(struct db_stmt *st);
};

static const struct child photos = {
    .head = "SELECT x.id, x.mime, x.bytes, x.user_id, x.created_at, x.order_id FROM"
            " (SELECT ph.id, ph.mime, ph.bytes, ph.user_id, ph.created_at, ph.order_id,"
            " ROW_NUMBER() OVER (PARTITION BY ph.order_id ORDER BY ph.id) AS n FROM wo_photos ph"
            " WHERE ph.order_id IN (SELECT id FROM (",
    .tail = ") AS page)) AS x WHERE x.n <= 50 ORDER BY x.order_id, x.id",
    .order_col = 5,
    .key = "photos",
    .row = wo_photo_row,
};

static const struct child whistles = {
    .head = "SELECT x.id, x.org_id, o.name, x.note, x.due_at, x.responded_at, x.response,"
            " x.overdue, x.order_id FROM (SELECT h.id, h.org_id, h.note, h.due_at,"
            " h.responded_at, h.response, h.overdue, h.order_id, ROW_NUMBER() OVER"
            " (PARTITION BY h.order_id ORDER BY h.id) AS n FROM wo_whistles h"
            " WHERE h.order_id IN (SELECT id FROM (",
    .tail = ") AS page)) AS x JOIN organizations o ON o.id = x.org_id WHERE x.n <= 50"
            " ORDER BY x.order_id, x.id",
    .order_col = 8,
    .key = "whistles",
    .row = wo_whistle_row,
};

/* printf into a new malloc'd string; NULL when out of memory. */
static char *sql_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *sql_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* The orders' query, its values in p: what the caller is to each order
 * (as wo_order_capacities reads it) after the columns they all share. */
static char *set_query(const struct principal *who, const struct wo_render_set *set,
                       struct wo_params *p)
{
    char caller[WO_SCOPE_WAY_MAX + 400];
    if (who) {
        char scope[WO_SCOPE_WAY_MAX];
        wo_scope_way(who, p, scope, sizeof scope);
        int u = wo_param(p, who->user_id);
        snprintf(caller, sizeof caller,
                 "CASE WHEN %s THEN 1 ELSE 0 END,"
                 " EXISTS (SELECT 1 FROM wo_team_members tm WHERE tm.team_id = w.team_id"
                 " AND tm.user_id = $%d),"
                 " EXISTS (SELECT 1 FROM wo_supporters su WHERE su.order_id = w.id"
                 " AND su.user_id = $%d),"
                 " EXISTS (SELECT 1 FROM wo_photos ph WHERE ph.order_id = w.id),"
                 " EXISTS (SELECT 1 FROM wo_whistles wh WHERE wh.order_id = w.id), page.k",
                 scope, u, u);
    } else {
        snprintf(caller, sizeof caller, "0, 0, 0, 0, 0, page.k");
    }
    char *from = sql_printf(set_from, set->ids_sql, set->order);
    char *sql = from ? sql_printf("%s%s%s", set_select, caller, from) : NULL;
    free(from);
    return sql;
}

/* One order of the set from its row: the answer's fields in the order the
 * API has always given them. */
static int build(struct db_stmt *st, const struct principal *who, int64_t now,
                 struct wo_rendered *r)
{
    struct wo_order o;
    if (wo_order_from_row(st, COL_ORDER, &o) != HW_OK)
        return HW_EDB;
    *r = (struct wo_rendered){.id = o.id, .key = db_col_int(st, COL_KEY)};
    json_t *answer = wo_answer_row(st, who, &r->disclosed);
    if (!answer)
        return HW_ENOMEM;
    char label[PLACE_LABEL_MAX];
    if (place_label_of(db_col_text(st, COL_LABEL), db_col_text(st, COL_LABEL + 1),
                       db_col_text(st, COL_LABEL + 2), db_col_text(st, COL_LABEL + 3),
                       db_col_text(st, COL_LABEL + 4), label, sizeof label) == HW_OK)
        json_object_set_new(json_object_get(answer, "place"), "label", json_string(label));
    r->order = answer;
    if (!who)
        return HW_OK;
    /* Filled once the set's photos and whistles are read. */
    json_object_set_new(answer, "photos", json_array());
    json_object_set_new(answer, "whistles", json_array());
    json_t *clocks = wo_clocks_json(&o, now);
    if (!clocks)
        return HW_ENOMEM;
    json_object_set_new(answer, "clocks", clocks);
    struct wo_settings s;
    wo_settings_from_row(st, COL_SETTINGS, &s);
    unsigned caps = wo_capacities_of(who, &o, db_col_bool(st, COL_IN_SCOPE),
                                     db_col_bool(st, COL_IN_TEAM));
    struct wo_facts f = wo_order_facts(&o, now, s.reopen_days);
    enum wo_action allowed[WO_ACTION_COUNT];
    size_t n = wo_actions_allowed(&f, caps, allowed);
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        json_array_append_new(list, json_string(wo_action_name(allowed[i])));
    json_object_set_new(answer, "allowed_actions", list ? list : json_array());
    json_object_set_new(answer, "supporting", json_boolean(db_col_bool(st, COL_SUPPORTING)));
    return HW_OK;
}

/* The set's orders by id, to find the order of a photo or whistle. */
struct by_id {
    int64_t id;
    int index;
};

static int by_id_cmp(const void *a, const void *b)
{
    int64_t x = ((const struct by_id *)a)->id, y = ((const struct by_id *)b)->id;
    return (x > y) - (x < y);
}

/* The index in the set of order id; -1 when it is not one of them. */
static int find(const struct by_id *by_id, int n, int64_t id)
{
    const struct by_id key = {.id = id};
    const struct by_id *hit = bsearch(&key, by_id, (size_t)n, sizeof *by_id, by_id_cmp);
    return hit ? hit->index : -1;
}

/* Appends the set's rows of one kind of child to the arrays of their orders. */
static int attach(struct db *db, const struct wo_render_set *set, const struct child *c,
                  struct wo_rendered *out, const struct by_id *by_id, int n)
{
    char *sql = sql_printf("%s%s%s", c->head, set->ids_sql, c->tail);
    if (!sql)
        return HW_ENOMEM;
    struct db_stmt *st;
    int rc = wo_params_query(db, &st, sql, set->p);
    free(sql);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int i = find(by_id, n, db_col_int(st, c->order_col));
        json_t *item = i >= 0 ? c->row(st) : NULL;
        if (item && json_array_append_new(json_object_get(out[i].order, c->key), item) != 0) {
            rc = HW_ENOMEM;
            break;
        }
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static void release(struct wo_rendered *out, int n)
{
    for (int i = 0; i < n; i++)
        json_decref(out[i].order);
}

int wo_render_set(struct db *db, const struct principal *who, int64_t now,
                  const struct wo_render_set *set, struct wo_rendered *out, int *n)
{
    *n = 0;
    struct wo_params p = *set->p;
    char *sql = set_query(who, set, &p);
    if (!sql)
        return HW_ENOMEM;
    struct db_stmt *st;
    int rc = wo_params_query(db, &st, sql, &p);
    free(sql);
    if (rc != HW_OK)
        return rc;
    bool has_photos = false, has_whistles = false;
    while (*n < WO_RENDER_MAX && (rc = db_step(st)) == DB_ROW) {
        has_photos = has_photos || db_col_bool(st, COL_HAS_PHOTOS);
        has_whistles = has_whistles || db_col_bool(st, COL_HAS_WHISTLES);
        if ((rc = build(st, who, now, &out[*n])) != HW_OK) {
            json_decref(out[*n].order);
            break;
        }
        ++*n;
    }
    db_reset(st);
    if (rc < 0) {
        release(out, *n);
        *n = 0;
        return rc;
    }
    if (!who || (!has_photos && !has_whistles))
        return HW_OK;
    struct by_id by_id[WO_RENDER_MAX];
    for (int i = 0; i < *n; i++)
        by_id[i] = (struct by_id){.id = out[i].id, .index = i};
    qsort(by_id, (size_t)*n, sizeof by_id[0], by_id_cmp);
    if (has_photos)
        rc = attach(db, set, &photos, out, by_id, *n);
    if (rc == HW_OK && has_whistles)
        rc = attach(db, set, &whistles, out, by_id, *n);
    if (rc != HW_OK) {
        release(out, *n);
        *n = 0;
    }
    return rc;
}

/* ---- one order ------------------------------------------------------------ */

static int render_one(struct db *db, const struct principal *who, int64_t id, int64_t now,
                      json_t **out, bool *disclosed)
{
    struct wo_params p = {0};
    char ids_sql[96];
    snprintf(ids_sql, sizeof ids_sql, "SELECT w.id AS id, 0 AS k FROM work_orders w WHERE w.id = $%d",
             wo_param(&p, id));
    const struct wo_render_set set = {.ids_sql = ids_sql, .order = "page.id", .p = &p};
    struct wo_rendered r;
    int n;
    int rc = wo_render_set(db, who, now, &set, &r, &n);
    if (rc != HW_OK)
        return rc;
    if (n == 0)
        return HW_ENOTFOUND;
    *out = r.order;
    if (disclosed)
        *disclosed = r.disclosed;
    return HW_OK;
}

int workorder_render(struct db *db, const struct principal *who, int64_t id, int64_t now,
                     json_t **out, bool *disclosed)
{
    return render_one(db, who, id, now, out, disclosed);
}

int workorder_render_audit(struct db *db, int64_t id, json_t **out)
{
    /* Kept in the audit log without the parts that change with time. */
    return render_one(db, NULL, id, 0, out, NULL);
}
