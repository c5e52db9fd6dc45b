#include "queries.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "place/place.h"
#include "base/period.h"
#include "registry/resident_search.h"
#include "registry/tag.h"

static int64_t pick(struct rng *r, const struct id_pool *p) { return p->ids[rng_below(r, p->n)]; }

static struct bench_account *staff(struct rng *r, struct bench_accounts *a)
{
    return &a->staff[rng_below(r, a->nstaff)];
}

static struct bench_account *grid_worker(struct rng *r, struct bench_accounts *a)
{
    return &a->grid[rng_below(r, a->ngrid)];
}

static void draw_dwelling(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = staff(r, a);
    t->id = pick(r, &t->acc->dwellings);
}

static void draw_entrance(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = staff(r, a);
    t->id = pick(r, &t->acc->entrances);
}

static void draw_building(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = staff(r, a);
    t->id = pick(r, &t->acc->buildings);
}

static void draw_resident(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = staff(r, a);
    t->id = pick(r, &t->acc->residents);
}

static void draw_own_grid(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = grid_worker(r, a);
    t->id = t->acc->who->scope_id;
}

static void draw_leader(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = &a->leader[rng_below(r, a->nleader)];
}

static void draw_prefix(struct rng *r, struct bench_account *acc, struct target *t)
{
    t->acc = acc;
    const struct prefix_pool *p = &acc->prefixes;
    snprintf(t->text, sizeof t->text, "%s", p->prefixes[rng_below(r, p->n)]);
}

static void draw_prefix_grid(struct rng *r, struct bench_accounts *a, struct target *t)
{
    draw_prefix(r, grid_worker(r, a), t);
}

static void draw_prefix_staff(struct rng *r, struct bench_accounts *a, struct target *t)
{
    draw_prefix(r, staff(r, a), t);
}

static void draw_given_staff(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = staff(r, a);
    const struct prefix_pool *p = &t->acc->given;
    snprintf(t->text, sizeof t->text, "%s", p->prefixes[rng_below(r, p->n)]);
}

static struct bench_account *officer(struct rng *r, struct bench_accounts *a)
{
    return &a->officer[rng_below(r, a->nofficer)];
}

static void draw_prefix_officer(struct rng *r, struct bench_accounts *a, struct target *t)
{
    draw_prefix(r, officer(r, a), t);
}

static void draw_given_officer(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = officer(r, a);
    const struct prefix_pool *p = &t->acc->given;
    snprintf(t->text, sizeof t->text, "%s", p->prefixes[rng_below(r, p->n)]);
}

static void draw_officer(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = officer(r, a);
}

static void draw_staff(struct rng *r, struct bench_accounts *a, struct target *t)
{
    t->acc = staff(r, a);
}

/* Percent-encodes UTF-8 for a query string. */
static void url_encode(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 4 < size; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
            out[n++] = (char)*p;
        else
            n += (size_t)snprintf(out + n, size - n, "%%%02X", *p);
    }
    out[n] = '\0';
}

static void path_place(const struct target *t, char *out, size_t size)
{
    snprintf(out, size, "/api/v1/places/%lld", (long long)t->id);
}

static void path_children(const struct target *t, char *out, size_t size)
{
    snprintf(out, size, "/api/v1/places?parent_id=%lld", (long long)t->id);
}

static void path_resident(const struct target *t, char *out, size_t size)
{
    snprintf(out, size, "/api/v1/residents/%lld", (long long)t->id);
}

static void path_building(const struct target *t, char *out, size_t size)
{
    snprintf(out, size, "/api/v1/residents?building_id=%lld", (long long)t->id);
}

static void path_grid_tag(const struct target *t, char *out, size_t size)
{
    snprintf(out, size, "/api/v1/residents?grid_id=%lld&tag=" BENCH_TAG, (long long)t->id);
}

static void path_q(const struct target *t, char *out, size_t size)
{
    char q[128];
    url_encode(t->text, q, sizeof q);
    snprintf(out, size, "/api/v1/residents?q=%s", q);
}

static void path_residents(const struct target *t, char *out, size_t size)
{
    (void)t;
    snprintf(out, size, "/api/v1/residents");
}

static void path_tag(const struct target *t, char *out, size_t size)
{
    (void)t;
    snprintf(out, size, "/api/v1/residents?tag=" BENCH_TAG);
}

/* GET /places/{id}: place_http_get. */
static int direct_place(struct db *db, const struct target *t, size_t *items)
{
    json_t *place;
    int rc = scope_place_visible(db, t->acc->who, t->id);
    if (rc == HW_OK && (rc = place_json(db, t->id, &place)) == HW_OK) {
        json_decref(place);
        *items = 1;
    }
    return rc;
}

/* GET /places?parent_id=: place_http_list for a parent that is neither a
 * grid, a micro-grid nor a zone. The SQL is place_http.c's (PLACE_COLUMNS
 * is private to it), copied here. */
#define PLACE_COLUMNS                                                                              \
    "id, kind, name, parent_id, grid_id, code, district_id, micro_grid_id, zone_id, floor, "       \
    "area_cm2, grid_type, CASE WHEN kind = 'compound' THEN (SELECT count(*)"                       \
    " FROM org_compounds oc JOIN organizations o ON o.id = oc.org_id"                              \
    " WHERE oc.compound_id = places.id AND o.kind = 'property_company' "                           \
    "AND " ORG_PERIOD_CURRENT_SQL("oc.started", "oc.ended", "$1") ") END"

static int direct_children(struct db *db, const struct target *t, size_t *items)
{
    struct arena *a = arena_create();
    const char *kind, *name;
    int64_t district;
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    struct db_stmt *st;
    int rc = a ? scope_place_visible(db, t->acc->who, t->id) : HW_ENOMEM;
    if (rc == HW_OK)
        rc = place_get(db, a, t->id, &kind, &name, &district);
    if (rc == HW_OK)
        rc = db_query(db, &st,
                      "SELECT " PLACE_COLUMNS " FROM places WHERE parent_id = $2"
                      " ORDER BY kind, name, id LIMIT 2000",
                      "si", today, t->id);
    if (rc == HW_OK) {
        *items = 0;
        while ((rc = db_step(st)) == DB_ROW)
            (*items)++;
        db_reset(st);
        rc = rc < 0 ? rc : HW_OK;
    }
    arena_destroy(a);
    return rc;
}

static int search(struct db *db, const struct target *t, struct resident_filter *f, size_t *items)
{
    if (!f->resident_id)
        f->limit = 50; /* the API's default page (src/http/request.c) */
    struct resident_page page;
    int rc = resident_search(db, t->acc->who, f, &page);
    if (rc == HW_OK) {
        *items = json_array_size(page.items);
        json_decref(page.items);
    }
    return rc;
}

static int find_tag(struct db *db, const struct target *t, int64_t *id)
{
    bool sensitive;
    return tag_find(db, t->acc->who->district_id, BENCH_TAG, id, &sensitive);
}

static int direct_resident(struct db *db, const struct target *t, size_t *items)
{
    struct resident_filter f = {.resident_id = t->id};
    return search(db, t, &f, items);
}

static int direct_building(struct db *db, const struct target *t, size_t *items)
{
    struct resident_filter f = {.building_id = t->id};
    return search(db, t, &f, items);
}

static int direct_grid_tag(struct db *db, const struct target *t, size_t *items)
{
    struct resident_filter f = {.grid_id = t->id};
    int rc = find_tag(db, t, &f.tag_id);
    return rc == HW_OK ? search(db, t, &f, items) : rc;
}

static int direct_q(struct db *db, const struct target *t, size_t *items)
{
    struct resident_filter f = {.q = t->text};
    return search(db, t, &f, items);
}

static int direct_all(struct db *db, const struct target *t, size_t *items)
{
    struct resident_filter f = {0};
    return search(db, t, &f, items);
}

static int direct_tag(struct db *db, const struct target *t, size_t *items)
{
    struct resident_filter f = {0};
    int rc = find_tag(db, t, &f.tag_id);
    return rc == HW_OK ? search(db, t, &f, items) : rc;
}

const struct query queries[] = {
    {"place_get", "GET /places/{dwelling} (staff)", draw_dwelling, path_place, direct_place},
    {"place_children", "GET /places?parent_id={entrance} (staff)", draw_entrance, path_children,
     direct_children},
    {"resident_get", "GET /residents/{id} (staff)", draw_resident, path_resident, direct_resident},
    {"residents_building", "GET /residents?building_id= (staff)", draw_building, path_building,
     direct_building},
    {"residents_building_masked", "GET /residents (building leader: masked, nothing logged)",
     draw_leader, path_residents, direct_all},
    {"residents_grid_tag", "GET /residents?grid_id=&tag= (grid worker)", draw_own_grid,
     path_grid_tag, direct_grid_tag},
    {"residents_q_grid", "GET /residents?q=<name prefix> (grid worker)", draw_prefix_grid, path_q,
     direct_q},
    {"residents_q_community", "GET /residents?q=<name prefix> (staff)", draw_prefix_staff, path_q,
     direct_q},
    {"residents_tag_community", "GET /residents?tag= (staff)", draw_staff, path_tag, direct_tag},
    {"residents_q_given_community", "GET /residents?q=<given name> (staff)", draw_given_staff,
     path_q, direct_q},
    {"residents_q_subdistrict", "GET /residents?q=<name prefix> (sub-district officer)",
     draw_prefix_officer, path_q, direct_q},
    {"residents_q_given_subdistrict", "GET /residents?q=<given name> (sub-district officer)",
     draw_given_officer, path_q, direct_q},
    {"residents_tag_subdistrict", "GET /residents?tag= (sub-district officer)", draw_officer,
     path_tag, direct_tag},
};
const size_t nqueries = sizeof queries / sizeof queries[0];
