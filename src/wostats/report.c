/* One pass over the orders of the period in the caller's scope: each order
 * is counted into the whole, its unit and its trend bucket; then the units'
 * names and the top categories. */
#include "wostats/report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/period.h"
#include "kit/scope.h"
#include "transfer/strmap.h"

static const char *const by_names[] = {
    [WOSTATS_BY_GRID] = "grid",
    [WOSTATS_BY_COMMUNITY] = "community",
    [WOSTATS_BY_DISTRICT] = "district",
    [WOSTATS_BY_TEAM] = "team",
    [WOSTATS_BY_PROPERTY_COMPANY] = "property_company",
};

const char *wostats_by_name(enum wostats_by b) { return by_names[b]; }

int wostats_by_parse(const char *s, enum wostats_by *out)
{
    for (int i = 0; s && i < WOSTATS_BY_COUNT; i++)
        if (strcmp(s, by_names[i]) == 0) {
            *out = (enum wostats_by)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

/* The column of work_orders (w) or places (p) naming an order's unit; for
 * a property company its compound, mapped to the company below. */
static const char *const unit_columns[] = {
    [WOSTATS_BY_GRID] = "w.grid_id",
    [WOSTATS_BY_COMMUNITY] = "w.community_id",
    [WOSTATS_BY_DISTRICT] = "w.district_id",
    [WOSTATS_BY_TEAM] = "w.team_id",
    [WOSTATS_BY_PROPERTY_COMPANY] = "p.compound_id",
};

/* Where a unit's name is kept. */
static const char *const name_sql[] = {
    [WOSTATS_BY_GRID] = "SELECT name FROM places WHERE id = $1",
    [WOSTATS_BY_COMMUNITY] = "SELECT name FROM places WHERE id = $1",
    [WOSTATS_BY_DISTRICT] = "SELECT name FROM places WHERE id = $1",
    [WOSTATS_BY_TEAM] = "SELECT name FROM wo_teams WHERE id = $1",
    [WOSTATS_BY_PROPERTY_COMPANY] = "SELECT name FROM organizations WHERE id = $1",
};

/* A property company's link to a compound, in organization id order. */
struct link {
    int64_t org_id;
    const char *started, *ended;
    struct link *next;
};

struct category_count {
    int64_t id, orders;
};

struct loader {
    struct db *db;
    const struct wostats_query *q;
    struct wostats_report *r;
    struct strmap *unit_index; /* unit id -> index + 1 into r->units */
    size_t units_cap;
    struct strmap *links; /* compound id -> first struct link */
    size_t nlinks;
    struct strmap *categories; /* category id -> struct category_count */
    struct category_count **category_list;
    size_t ncategories, categories_cap;
    int64_t norders;
};

static void id_key(int64_t id, char key[24]) { snprintf(key, 24, "%lld", (long long)id); }

static int times_add(struct wostats_times *t, int64_t v)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        int64_t *more = realloc(t->v, cap * sizeof *more);
        if (!more)
            return HW_ENOMEM;
        t->v = more;
        t->cap = cap;
    }
    t->v[t->n++] = v;
    return HW_OK;
}

static void group_free(struct wostats_group *g)
{
    free(g->on_site.v);
    free(g->resolved.v);
    g->on_site = g->resolved = (struct wostats_times){0};
}

bool wostats_group_median(struct wostats_times *t, int64_t *out)
{
    return wostats_median(t->v, t->n, out);
}

static int group_count(struct wostats_group *g, const struct wostats_order *o, int64_t now)
{
    wostats_count(&g->f, o, now);
    int64_t s;
    int rc = HW_OK;
    if (wostats_on_site_s(o, &s))
        rc = times_add(&g->on_site, s);
    if (rc == HW_OK && wostats_resolved_s(o, &s))
        rc = times_add(&g->resolved, s);
    return rc;
}

/* The property companies' links of the caller's sub-district (every one's
 * for an installation admin), by compound. */
static int load_links(struct loader *l)
{
    struct scope_sql district;
    scope_district(l->q->who, "oc", 1, &district);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT oc.compound_id, oc.org_id, oc.started, oc.ended FROM org_compounds oc"
             " JOIN organizations o ON o.id = oc.org_id"
             " WHERE o.kind = 'property_company' AND %s ORDER BY oc.org_id DESC, oc.id DESC",
             district.cond);
    struct db_stmt *st;
    int rc = db_query(l->db, &st, sql, "i", district.value);
    if (rc != HW_OK)
        return rc;
    struct arena *a = l->r->arena;
    while ((rc = db_step(st)) == DB_ROW) {
        if (++l->nlinks > WOSTATS_MAX_LINKS) {
            rc = HW_ELIMIT;
            break;
        }
        char key[24];
        id_key(db_col_int(st, 0), key);
        struct link *k = arena_alloc(a, sizeof *k);
        const char *started = db_col_text(st, 2), *ended = db_col_text(st, 3);
        if (!k || (started && !(k->started = arena_strdup(a, started))) ||
            (ended && !(k->ended = arena_strdup(a, ended)))) {
            rc = HW_ENOMEM;
            break;
        }
        if (!started)
            k->started = NULL;
        if (!ended)
            k->ended = NULL;
        k->org_id = db_col_int(st, 1);
        /* Read in descending order and pushed in front: the list ascends. */
        k->next = strmap_get(l->links, key);
        if ((rc = strmap_put(l->links, key, k)) != HW_OK)
            break;
    }
    db_reset(st);
    return rc == DB_DONE ? HW_OK : rc;
}

/* The property company serving compound on the order's report day; 0: none. */
static int64_t company_of(const struct loader *l, int64_t compound, int64_t reported_at)
{
    if (!compound)
        return 0;
    char key[24], day[WOSTATS_DATE_SIZE];
    id_key(compound, key);
    wostats_day_format(wostats_day_of(reported_at), day);
    for (const struct link *k = strmap_get(l->links, key); k; k = k->next)
        if (org_period_current(k->started, k->ended, day))
            return k->org_id;
    return 0;
}

static int unit_of(struct loader *l, int64_t id, struct wostats_group **out)
{
    char key[24];
    id_key(id, key);
    uintptr_t at = (uintptr_t)strmap_get(l->unit_index, key);
    struct wostats_report *r = l->r;
    if (!at) {
        if (r->nunits == l->units_cap) {
            size_t cap = l->units_cap ? l->units_cap * 2 : 16;
            struct wostats_group *more = realloc(r->units, cap * sizeof *more);
            if (!more)
                return HW_ENOMEM;
            r->units = more;
            l->units_cap = cap;
        }
        r->units[r->nunits] = (struct wostats_group){.id = id};
        at = ++r->nunits;
        int rc = strmap_put(l->unit_index, key, (void *)at);
        if (rc != HW_OK)
            return rc;
    }
    *out = &r->units[at - 1];
    return HW_OK;
}

static int count_category(struct loader *l, int64_t category, bool duplicate)
{
    if (duplicate)
        return HW_OK;
    char key[24];
    id_key(category, key);
    struct category_count *c = strmap_get(l->categories, key);
    if (!c) {
        if (l->ncategories == l->categories_cap) {
            size_t cap = l->categories_cap ? l->categories_cap * 2 : 32;
            struct category_count **more = realloc(l->category_list, cap * sizeof *more);
            if (!more)
                return HW_ENOMEM;
            l->category_list = more;
            l->categories_cap = cap;
        }
        if (!(c = arena_alloc(l->r->arena, sizeof *c)))
            return HW_ENOMEM;
        *c = (struct category_count){.id = category};
        l->category_list[l->ncategories++] = c;
        int rc = strmap_put(l->categories, key, c);
        if (rc != HW_OK)
            return rc;
    }
    c->orders++;
    return HW_OK;
}

static enum wostats_outcome outcome_parse(const char *s)
{
    if (!s)
        return WOSTATS_OPEN;
    return strcmp(s, "fixed") == 0       ? WOSTATS_FIXED
           : strcmp(s, "not_fixed") == 0 ? WOSTATS_NOT_FIXED
           : strcmp(s, "not_ours") == 0  ? WOSTATS_NOT_OURS
                                         : WOSTATS_DUPLICATE;
}

static int64_t col_time(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}

/* Columns of one order, in the order read_order() takes them. */
#define ORDER_COLUMNS                                                                              \
    "w.status, w.outcome, w.closed_level, w.difficulty, w.clock_start_at, w.on_site_at,"           \
    " w.plan_at, w.resolved_at, w.closed_at, w.suspended_at, w.on_site_due_at,"                    \
    " w.resolve_due_at, w.rating, w.reopen_count, w.sendback_count, w.reported_at,"                \
    " w.category_id"

static void read_order(struct db_stmt *st, struct wostats_order *o)
{
    const char *status = db_col_text(st, 0);
    *o = (struct wostats_order){
        .closed = status && strcmp(status, "closed") == 0,
        .suspended = status && strcmp(status, "suspended") == 0,
        .outcome = outcome_parse(db_col_text(st, 1)),
        .closed_level = wostats_level_parse(db_col_text(st, 2)),
        .difficult = db_col_text(st, 3) && strcmp(db_col_text(st, 3), "difficult") == 0,
        .clock_start_at = col_time(st, 4),
        .on_site_at = col_time(st, 5),
        .plan_at = col_time(st, 6),
        .resolved_at = col_time(st, 7),
        .closed_at = col_time(st, 8),
        .suspended_at = col_time(st, 9),
        .due = {col_time(st, 10), col_time(st, 11)},
        .rating = (int)col_time(st, 12),
        .reopen_count = col_time(st, 13),
        .sendback_count = col_time(st, 14),
    };
    if (!o->closed)
        o->outcome = WOSTATS_OPEN;
}

static int make_trend(struct loader *l)
{
    const struct wostats_query *q = l->q;
    struct wostats_report *r = l->r;
    size_t n = 0;
    for (int32_t s = wostats_bucket_start(q->bucket, q->from); s <= q->to;
         s = wostats_bucket_next(q->bucket, s))
        n++;
    if (!(r->trend = calloc(n, sizeof *r->trend)))
        return HW_ENOMEM;
    r->ntrend = n;
    int32_t s = wostats_bucket_start(q->bucket, q->from);
    for (size_t i = 0; i < n; i++, s = wostats_bucket_next(q->bucket, s)) {
        int32_t next = wostats_bucket_next(q->bucket, s);
        r->trend[i].start = s < q->from ? q->from : s;
        r->trend[i].end = next - 1 > q->to ? q->to : next - 1;
    }
    return HW_OK;
}

static struct wostats_group *bucket_of(struct loader *l, int64_t reported_at)
{
    int32_t day = wostats_day_of(reported_at);
    struct wostats_report *r = l->r;
    for (size_t i = 0; i < r->ntrend; i++) /* at most 367 buckets */
        if (day >= r->trend[i].start && day <= r->trend[i].end)
            return &r->trend[i];
    return NULL;
}

static int count_orders(struct loader *l)
{
    const struct wostats_query *q = l->q;
    struct scope_sql scope;
    scope_places(q->who, "p", 1, &scope);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT " ORDER_COLUMNS ", %s FROM work_orders w JOIN places p ON p.id = w.place_id"
             " WHERE %s AND w.reported_at >= $2 AND w.reported_at < $3"
             " AND ($4 = 0 OR w.community_id = $4) AND ($5 = 0 OR w.grid_id = $5)",
             unit_columns[q->by], scope.cond);
    struct db_stmt *st;
    int rc = db_query(l->db, &st, sql, "iiiii", scope.value, wostats_day_start(q->from),
                      wostats_day_start(q->to + 1), q->community_id, q->grid_id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (++l->norders > WOSTATS_MAX_ORDERS) {
            rc = HW_ELIMIT;
            break;
        }
        struct wostats_order o;
        read_order(st, &o);
        int64_t reported_at = db_col_int(st, 15), unit = col_time(st, 17);
        if (q->by == WOSTATS_BY_PROPERTY_COMPANY)
            unit = company_of(l, unit, reported_at);
        struct wostats_group *g, *b = bucket_of(l, reported_at);
        if ((rc = unit_of(l, unit, &g)) != HW_OK ||
            (rc = group_count(&l->r->total, &o, q->now)) != HW_OK ||
            (rc = group_count(g, &o, q->now)) != HW_OK ||
            (b && (rc = group_count(b, &o, q->now)) != HW_OK) ||
            (rc = count_category(l, db_col_int(st, 16), o.outcome == WOSTATS_DUPLICATE)) != HW_OK)
            break;
    }
    db_reset(st);
    return rc == DB_DONE ? HW_OK : rc;
}

static int load_name(struct loader *l, const char *sql, int64_t id, const char **out)
{
    struct db_stmt *st;
    int rc = db_query_row(l->db, &st, sql, "i", id);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    const char *name = db_col_text(st, 0);
    if (name && !(*out = arena_strdup(l->r->arena, name)))
        rc = HW_ENOMEM;
    db_reset(st);
    return rc;
}

/* By id, the unit without one last. */
static int compare_units(const void *a, const void *b)
{
    int64_t x = ((const struct wostats_group *)a)->id, y = ((const struct wostats_group *)b)->id;
    if (!x || !y)
        return (x == 0) - (y == 0);
    return (x > y) - (x < y);
}

static int name_units(struct loader *l)
{
    struct wostats_report *r = l->r;
    if (r->nunits)
        qsort(r->units, r->nunits, sizeof *r->units, compare_units);
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < r->nunits; i++)
        if (r->units[i].id)
            rc = load_name(l, name_sql[l->q->by], r->units[i].id, &r->units[i].name);
    return rc;
}

/* Most orders first, ties by id. */
static int compare_categories(const void *a, const void *b)
{
    const struct category_count *x = *(struct category_count *const *)a,
                                *y = *(struct category_count *const *)b;
    if (x->orders != y->orders)
        return x->orders > y->orders ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static int top_categories(struct loader *l)
{
    struct wostats_report *r = l->r;
    if (l->ncategories)
        qsort(l->category_list, l->ncategories, sizeof *l->category_list, compare_categories);
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < l->ncategories && i < WOSTATS_TOP_CATEGORIES; i++) {
        struct wostats_category *c = &r->top[r->ntop++];
        *c = (struct wostats_category){.id = l->category_list[i]->id,
                                       .orders = l->category_list[i]->orders};
        struct db_stmt *st;
        rc = db_query_row(l->db, &st,
                          "SELECT code, name_zh, name_en FROM wo_categories WHERE id = $1", "i",
                          c->id);
        if (rc != HW_OK)
            break;
        if (!(c->code = arena_strdup(r->arena, db_col_text(st, 0))) ||
            !(c->name_zh = arena_strdup(r->arena, db_col_text(st, 1))) ||
            !(c->name_en = arena_strdup(r->arena, db_col_text(st, 2))))
            rc = HW_ENOMEM;
        db_reset(st);
    }
    return rc;
}

static int load(struct loader *l)
{
    int rc = make_trend(l);
    if (rc == HW_OK && l->q->by == WOSTATS_BY_PROPERTY_COMPANY)
        rc = load_links(l);
    if (rc == HW_OK)
        rc = count_orders(l);
    if (rc == HW_OK)
        rc = name_units(l);
    if (rc == HW_OK)
        rc = top_categories(l);
    return rc;
}

/* Loads inside a transaction: the caller's (own_txn false) or one of its
 * own, a read transaction for one consistent picture of the orders. */
static int report_load(struct db *db, const struct wostats_query *q, struct wostats_report *r,
                       bool own_txn)
{
    *r = (struct wostats_report){.total = {.start = q->from, .end = q->to}};
    if (!(r->arena = arena_create()))
        return HW_ENOMEM;
    struct loader l = {.db = db, .q = q, .r = r};
    int rc = HW_ENOMEM;
    if ((l.unit_index = strmap_new(r->arena)) && (l.links = strmap_new(r->arena)) &&
        (l.categories = strmap_new(r->arena)))
        rc = own_txn ? db_begin(db, DB_TXN_READ) : db_in_txn(db) ? HW_OK : HW_EDB;
    if (rc == HW_OK) {
        rc = load(&l);
        if (own_txn && rc == HW_OK)
            rc = db_commit(db);
        else if (own_txn)
            db_rollback(db);
    }
    free(l.category_list);
    if (rc != HW_OK)
        wostats_report_free(r);
    return rc;
}

int wostats_report_load(struct db *db, const struct wostats_query *q, struct wostats_report *r)
{
    return report_load(db, q, r, true);
}

int wostats_report_load_in(struct db *db, const struct wostats_query *q, struct wostats_report *r)
{
    return report_load(db, q, r, false);
}

void wostats_report_free(struct wostats_report *r)
{
    group_free(&r->total);
    for (size_t i = 0; i < r->nunits; i++)
        group_free(&r->units[i]);
    for (size_t i = 0; i < r->ntrend; i++)
        group_free(&r->trend[i]);
    free(r->units);
    free(r->trend);
    arena_destroy(r->arena);
    *r = (struct wostats_report){0};
}
