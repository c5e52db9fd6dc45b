/* GET /api/v1/reports/coverage: per grid, and per micro-grid inside it,
 * the households, the current micro-grid workers and how the ratio stands
 * against 400-450 households per worker (seeds/001). Only grids in the
 * caller's scope; ?community_id= narrows to one visible community. */
#include <stdio.h>
#include <string.h>

#include "kit/access.h"
#include "base/clock.h"
#include "base/err.h"
#include "http/response.h"
#include "place/place.h"
#include "registry/coverage.h"
#include "base/period.h"

/* Every query of the report takes the same parameters: $1 the caller's
 * scope, $2 1 when the caller sees everything, $3 the caller's sub-district,
 * $4 a community or 0, and $5 today where needed. The caller's scope column
 * (a literal from access_scope_column) goes between the two halves of each
 * query's SQL. */
struct report {
    struct request *req;
    const char *scope_col; /* a literal from access_scope_column */
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

static int scoped_query(struct report *r, const char *before_col, const char *after_col,
                        const char *today, struct db_stmt **st)
{
    char sql[1536];
    int n = snprintf(sql, sizeof sql, "%s%s%s", before_col, r->scope_col, after_col);
    if (n < 0 || (size_t)n >= sizeof sql)
        return HW_EINVAL;
    const struct principal *who = r->req->who;
    int64_t all = access_sees_everything(who);
    if (today)
        return db_query(r->req->db, st, sql, "iiiis", who->scope_id, all, who->district_id,
                        r->community, today);
    return db_query(r->req->db, st, sql, "iiii", who->scope_id, all, who->district_id,
                    r->community);
}

static int load_grids(struct report *r)
{
    struct db_stmt *st;
    int rc = scoped_query(r,
                          "SELECT g.id, g.kind, g.name, g.code, g.grid_id FROM places g"
                          " WHERE g.kind IN ('grid', 'micro_grid') AND (g.",
                          " = $1 OR $2 = 1) AND (g.district_id = $3 OR $2 = 1)"
                          " AND ($4 = 0 OR g.community_id = $4)"
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
    int rc = scoped_query(r,
                          "SELECT d.grid_id, d.micro_grid_id, count(*) FROM places d"
                          " WHERE d.kind = 'dwelling' AND (d.",
                          " = $1 OR $2 = 1) AND (d.district_id = $3 OR $2 = 1)"
                          " AND ($4 = 0 OR d.community_id = $4)"
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
        r,
        "SELECT m.grid_id, m.id, COALESCE('u' || CAST(po.user_id AS TEXT),"
        " 'r' || CAST(po.resident_id AS TEXT), 'n' || po.person_name || '|'"
        " || COALESCE(po.phone, '')) FROM posts po JOIN places m ON m.id = po.place_id"
        " WHERE po.kind = 'micro_grid_worker' AND (m.",
        " = $1 OR $2 = 1) AND (m.district_id = $3 OR $2 = 1) AND ($4 = 0 OR m.community_id = $4)"
        " AND " ORG_PERIOD_CURRENT_SQL("po.started", "po.ended", "$5"),
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

int coverage_http_report(struct request *req)
{
    struct report r = {.req = req, .scope_col = access_scope_column(req->who)};
    if (!r.scope_col)
        r.scope_col = "id";
    int rc = req_query_id(req, "community_id", &r.community);
    if (rc == HW_OK && r.community)
        rc = place_visible_kind(req->db, req->who, r.community, "community");
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
    return respond_json(req, 200,
                        json_pack("{s:{s:i, s:i, s:s}, s:O}", "rule", "households_per_worker_min",
                                  COVERAGE_MIN_HOUSEHOLDS, "households_per_worker_max",
                                  COVERAGE_MAX_HOUSEHOLDS, "source", "seeds/001", "items",
                                  r.items));
}
