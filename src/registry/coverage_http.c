/* GET /api/v1/reports/coverage: per grid, and per micro-grid inside it,
 * the households, the current micro-grid workers and how the ratio stands
 * against 400-450 households per worker (docs/domain.md GR-3). Only grids in the
 * caller's scope; ?community_id= narrows to one visible community. */
#include <stdio.h>
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "http/response.h"
#include "place/place.h"
#include "registry/coverage.h"
#include "base/period.h"

/* Every query of the report takes the same parameters: $1 the caller's
 * scope (its condition, from kit/scope.h, stands at the query's %s), $2 a
 * community or 0, and $3 today where needed. */
struct report {
    struct request *req;
    int64_t community;
    json_t *items;  /* the grids, in order */
    json_t *index;  /* "<id>" -> grid or micro-grid entry */
    json_t *people; /* "<place id>/<person>": counted once per place */
};

static json_t *entry_for(struct report *r, int64_t id)
{
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    return json_object_get(r->index, key);
}

static void add_to(json_t *entry, const char *field, int64_t n)
{
    json_t *v = json_object_get(entry, field);
    json_integer_set(v, json_integer_value(v) + n);
}

/* The %s in text stands for the caller's scope over the places row `alias`. */
static int scoped_query(struct report *r, const char *alias, const char *text, const char *today,
                        struct db_stmt **st)
{
    struct scope_sql scope;
    scope_places(r->req->who, alias, 1, &scope);
    const char *mark = strstr(text, "%s");
    if (!mark)
        return HW_EINVAL;
    char sql[1536];
    int n = snprintf(sql, sizeof sql, "%.*s%s%s", (int)(mark - text), text, scope.cond, mark + 2);
    if (n < 0 || (size_t)n >= sizeof sql)
        return HW_ELIMIT;
    if (today)
        return db_query(r->req->db, st, sql, "iis", scope.value, r->community, today);
    return db_query(r->req->db, st, sql, "ii", scope.value, r->community);
}

static int load_grids(struct report *r)
{
    struct db_stmt *st;
    int rc = scoped_query(r, "g",
                          "SELECT g.id, g.kind, g.name, g.code, g.grid_id FROM places g"
                          " WHERE g.kind IN ('grid', 'micro_grid') AND %s"
                          " AND ($2 = 0 OR g.community_id = $2)"
                          " ORDER BY g.community_id, g.grid_id, g.kind, g.name, g.id LIMIT 10000",
                          NULL, &st);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        bool grid = strcmp(db_col_text(st, 1), "grid") == 0;
        json_t *e = json_pack("{s:I, s:s, s:s?, s:I, s:I}", "id", (json_int_t)db_col_int(st, 0),
                              "name", db_col_text(st, 2), "code", db_col_text(st, 3), "households",
                              (json_int_t)0, "micro_grid_workers", (json_int_t)0);
        json_t *parent = grid ? NULL : entry_for(r, db_col_int(st, 4));
        if (grid && e)
            json_object_set_new(e, "micro_grids", json_array());
        json_t *list = grid ? r->items : json_object_get(parent, "micro_grids");
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)db_col_int(st, 0));
        rc = e && (!list || json_array_append(list, e) == 0) &&
                     json_object_set(r->index, key, e) == 0
                 ? HW_OK
                 : HW_ENOMEM;
        json_decref(e);
        if (rc != HW_OK)
            break;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

/* Households: dwellings someone lives in now (an occupancy not moved out). */
static int load_households(struct report *r)
{
    struct db_stmt *st;
    int rc = scoped_query(r, "d",
                          "SELECT d.grid_id, d.micro_grid_id, count(*) FROM places d"
                          " WHERE d.kind = 'dwelling' AND %s"
                          " AND ($2 = 0 OR d.community_id = $2)"
                          " AND EXISTS (SELECT 1 FROM occupancies o WHERE o.dwelling_id = d.id"
                          " AND o.moved_out IS NULL)"
                          " GROUP BY d.grid_id, d.micro_grid_id",
                          NULL, &st);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t n = db_col_int(st, 2);
        add_to(entry_for(r, db_col_int(st, 0)), "households", n);
        if (!db_col_is_null(st, 1))
            add_to(entry_for(r, db_col_int(st, 1)), "households", n);
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

/* Counts a person once per place, however many posts they hold there. */
static int count_person(struct report *r, int64_t place, const char *person)
{
    json_t *entry = entry_for(r, place);
    if (!entry || !person)
        return HW_OK;
    char key[200];
    snprintf(key, sizeof key, "%lld/%s", (long long)place, person);
    if (json_object_get(r->people, key))
        return HW_OK;
    add_to(entry, "micro_grid_workers", 1);
    return json_object_set_new(r->people, key, json_true()) == 0 ? HW_OK : HW_ENOMEM;
}

/* Current micro-grid workers, counted on their micro-grid and its grid. */
static int load_workers(struct report *r)
{
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    struct db_stmt *st;
    int rc = scoped_query(
        r, "m",
        "SELECT m.grid_id, m.id, COALESCE('u' || CAST(po.user_id AS TEXT),"
        " 'r' || CAST(po.resident_id AS TEXT), 'n' || po.person_name || '|'"
        " || COALESCE(po.phone, '')) FROM posts po JOIN places m ON m.id = po.place_id"
        " WHERE po.kind = 'micro_grid_worker' AND %s AND ($2 = 0 OR m.community_id = $2)"
        " AND " ORG_PERIOD_CURRENT_SQL("po.started", "po.ended", "$3"),
        today, &st);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *person = db_col_text(st, 2);
        if ((rc = count_person(r, db_col_int(st, 0), person)) != HW_OK ||
            (rc = count_person(r, db_col_int(st, 1), person)) != HW_OK)
            break;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static void rate_entry(json_t *e)
{
    int64_t households = json_integer_value(json_object_get(e, "households"));
    int64_t workers = json_integer_value(json_object_get(e, "micro_grid_workers"));
    char per[24];
    coverage_per_worker_text(households, workers, per, sizeof per);
    json_object_set_new(e, "households_per_worker", *per ? json_string(per) : json_null());
    json_object_set_new(e, "status",
                        json_string(coverage_status_name(coverage_status(households, workers))));
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(e, "micro_grids"), i, m) rate_entry(m);
}

/* A grid outside the band, as the report's list of them names it. */
static json_t *outside_entry(json_t *g)
{
    return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(g, "id"), "name",
                     json_object_get(g, "name"), "households", json_object_get(g, "households"),
                     "micro_grid_workers", json_object_get(g, "micro_grid_workers"),
                     "households_per_worker", json_object_get(g, "households_per_worker"),
                     "status", json_object_get(g, "status"));
}

int coverage_http_report(struct request *req)
{
    struct report r = {.req = req};
    int rc = req_query_id(req, "community_id", &r.community);
    if (rc == HW_OK && r.community)
        rc = scope_place_visible_kind(req->db, req->who, r.community, "community");
    if (rc != HW_OK)
        return rc;
    r.items = req_keep(req, json_array());
    r.index = req_keep(req, json_object());
    r.people = req_keep(req, json_object());
    if (!r.items || !r.index || !r.people)
        return HW_ENOMEM;
    if ((rc = load_grids(&r)) != HW_OK || (rc = load_households(&r)) != HW_OK ||
        (rc = load_workers(&r)) != HW_OK)
        return rc;
    size_t i;
    json_t *g;
    json_array_foreach(r.items, i, g) rate_entry(g);
    json_t *outside = req_keep(req, json_array());
    if (!outside)
        return HW_ENOMEM;
    json_array_foreach(r.items, i, g) {
        if (coverage_listed_outside(json_string_value(json_object_get(g, "status"))) &&
            json_array_append_new(outside, outside_entry(g)) != 0)
            return HW_ENOMEM;
    }
    return respond_json(req, 200,
                        json_pack("{s:{s:i, s:i, s:s}, s:O, s:O}", "rule", "households_per_worker_min",
                                  COVERAGE_MIN_HOUSEHOLDS, "households_per_worker_max",
                                  COVERAGE_MAX_HOUSEHOLDS, "source", "docs/domain.md GR-3", "items",
                                  r.items, "outside", outside));
}
