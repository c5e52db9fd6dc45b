#include "samples.h"

#include <stdlib.h>
#include <string.h>

#include "auth/session.h"
#include "base/err.h"
#include "people.h"

/* All ids of a one-column query with one id parameter. */
static int pool_fill(struct db *db, struct id_pool *pool, const char *sql, int64_t param)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, sql, "i", param);
    if (rc != HW_OK)
        return rc;
    size_t cap = 0;
    *pool = (struct id_pool){0};
    while ((rc = db_step(st)) == DB_ROW) {
        if (pool->n == cap) {
            cap = cap ? cap * 2 : 1024;
            int64_t *p = realloc(pool->ids, cap * sizeof *p);
            if (!p) {
                rc = HW_ENOMEM;
                break;
            }
            pool->ids = p;
        }
        pool->ids[pool->n++] = db_col_int(st, 0);
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

/* Up to two UTF-8 characters of name, from its character number skip. */
static void name_piece(const char *name, int skip, char out[PREFIX_BYTES])
{
    size_t from = 0, n = 0;
    for (int chars = 0; name[n] && chars < skip + 2; chars++) {
        size_t len = 1;
        while (((unsigned char)name[n + len] & 0xC0) == 0x80)
            len++;
        if (n + len - from >= PREFIX_BYTES)
            break;
        n += len;
        if (chars + 1 == skip)
            from = n;
    }
    memcpy(out, name + from, n - from);
    out[n - from] = '\0';
}

static int pool_grow(struct prefix_pool *pool, size_t *cap)
{
    if (pool->n < *cap)
        return HW_OK;
    *cap = *cap ? *cap * 2 : 1024;
    char(*p)[PREFIX_BYTES] = realloc(pool->prefixes, *cap * sizeof *p);
    if (!p)
        return HW_ENOMEM;
    pool->prefixes = p;
    return HW_OK;
}

/* Name prefixes (and, with given, given names) of the residents currently
 * living in the places whose column col (a literal) equals id. */
static int prefixes_fill(struct db *db, struct prefix_pool *pool, struct prefix_pool *given,
                         const char *col, int64_t id)
{
    char sql[320];
    snprintf(sql, sizeof sql,
             "SELECT r.name FROM places p JOIN occupancies o ON o.dwelling_id = p.id"
             " JOIN residents r ON r.id = o.resident_id WHERE p.%s = $1 AND p.kind = 'dwelling'"
             " AND o.moved_out IS NULL",
             col);
    struct db_stmt *st;
    int rc = db_query(db, &st, sql, "i", id);
    if (rc != HW_OK)
        return rc;
    size_t cap = 0, given_cap = 0;
    *pool = (struct prefix_pool){0};
    if (given)
        *given = (struct prefix_pool){0};
    while ((rc = db_step(st)) == DB_ROW) {
        if (pool_grow(pool, &cap) != HW_OK || (given && pool_grow(given, &given_cap) != HW_OK)) {
            rc = HW_ENOMEM;
            break;
        }
        name_piece(db_col_text(st, 0), 0, pool->prefixes[pool->n++]);
        if (given)
            name_piece(db_col_text(st, 0), 1, given->prefixes[given->n++]);
    }
    db_reset(st);
    if (rc >= 0 && !pool->n) {
        fprintf(stderr, "bench_latency: nobody lives in the %s %lld\n", col, (long long)id);
        rc = HW_ENOTFOUND;
    }
    return rc < 0 ? rc : HW_OK;
}

int accounts_plan(struct db *db, int k, uint64_t seed, FILE *out)
{
    struct id_pool communities;
    int rc = pool_fill(db, &communities,
                       "SELECT id FROM places WHERE kind = 'community' AND id > $1 ORDER BY id", 0);
    if (rc != HW_OK)
        return rc;
    struct rng r = {seed};
    for (int i = 0; rc == HW_OK && i < k && communities.n; i++) {
        /* One community at a random place in each k-th of the city, so the
         * communities sit at every position within their sub-districts. */
        size_t from = (size_t)i * communities.n / (size_t)k,
               to = (size_t)(i + 1) * communities.n / (size_t)k;
        int64_t community = communities.ids[from + rng_below(&r, to > from ? to - from : 1)];
        struct id_pool grids, buildings = {0};
        rc =
            pool_fill(db, &grids,
                      "SELECT id FROM places WHERE community_id = $1 AND kind = 'grid' ORDER BY id",
                      community);
        if (rc == HW_OK)
            rc = pool_fill(db, &buildings,
                           "SELECT id FROM places WHERE community_id = $1 AND kind = 'building'"
                           " ORDER BY id",
                           community);
        int64_t district = 0;
        if (rc == HW_OK)
            rc = db_scalar_int(db, &district, "SELECT district_id FROM places WHERE id = $1", "i",
                               community);
        if (rc == HW_OK && grids.n && buildings.n) {
            fprintf(out, "bench-staff-%d community_staff community:%lld\n", i + 1,
                    (long long)community);
            fprintf(out, "bench-grid-%d grid_worker grid:%lld\n", i + 1,
                    (long long)grids.ids[rng_below(&r, grids.n)]);
            fprintf(out, "bench-leader-%d building_leader building:%lld\n", i + 1,
                    (long long)buildings.ids[rng_below(&r, buildings.n)]);
            fprintf(out, "bench-officer-%d subdistrict_officer subdistrict:%lld\n", i + 1,
                    (long long)district);
        }
        free(grids.ids);
        free(buildings.ids);
    }
    free(communities.ids);
    return rc;
}

static int load_pools(struct db *db, struct bench_account *acc)
{
    int64_t c = acc->who->scope_id;
    int rc = pool_fill(db, &acc->dwellings,
                       "SELECT id FROM places WHERE community_id = $1 AND kind = 'dwelling'", c);
    if (rc == HW_OK)
        rc = pool_fill(db, &acc->entrances,
                       "SELECT id FROM places WHERE community_id = $1 AND kind = 'entrance'", c);
    if (rc == HW_OK)
        rc = pool_fill(db, &acc->buildings,
                       "SELECT id FROM places WHERE community_id = $1 AND kind = 'building'", c);
    if (rc == HW_OK)
        rc = pool_fill(db, &acc->residents,
                       "SELECT o.resident_id FROM places p JOIN occupancies o"
                       " ON o.dwelling_id = p.id WHERE p.community_id = $1"
                       " AND p.kind = 'dwelling' AND o.moved_out IS NULL",
                       c);
    if (rc == HW_OK)
        rc = prefixes_fill(db, &acc->prefixes, &acc->given, "community_id", c);
    if (rc == HW_OK &&
        (!acc->dwellings.n || !acc->entrances.n || !acc->buildings.n || !acc->residents.n)) {
        fprintf(stderr, "bench_latency: community %lld has no dwellings or residents\n",
                (long long)c);
        rc = HW_ENOTFOUND;
    }
    return rc;
}

int accounts_load(struct db *db, struct bench_accounts *a)
{
    *a = (struct bench_accounts){.arena = arena_create()};
    if (!a->arena)
        return HW_ENOMEM;
    struct db_stmt *st;
    int rc =
        db_query(db, &st, "SELECT id, login FROM users WHERE login LIKE 'bench-%' ORDER BY id", "");
    if (rc != HW_OK) {
        accounts_free(a);
        return rc;
    }
    int64_t ids[4 * BENCH_ACCOUNTS_MAX];
    size_t n = 0;
    while ((rc = db_step(st)) == DB_ROW && n < 4 * BENCH_ACCOUNTS_MAX)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    rc = rc < 0 ? rc : HW_OK;
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        struct principal *who;
        bool disabled;
        if ((rc = principal_load(db, a->arena, ids[i], &who, &disabled)) != HW_OK)
            break;
        if (who->role == ROLE_COMMUNITY_STAFF && a->nstaff < BENCH_ACCOUNTS_MAX) {
            struct bench_account *acc = &a->staff[a->nstaff++];
            acc->who = who;
            rc = load_pools(db, acc);
        } else if (who->role == ROLE_GRID_WORKER && a->ngrid < BENCH_ACCOUNTS_MAX) {
            struct bench_account *acc = &a->grid[a->ngrid++];
            acc->who = who;
            rc = prefixes_fill(db, &acc->prefixes, NULL, "grid_id", who->scope_id);
        } else if (who->role == ROLE_BUILDING_LEADER && a->nleader < BENCH_ACCOUNTS_MAX) {
            a->leader[a->nleader++].who = who;
        } else if (who->role == ROLE_SUBDISTRICT_OFFICER && a->nofficer < BENCH_ACCOUNTS_MAX) {
            struct bench_account *acc = &a->officer[a->nofficer++];
            acc->who = who;
            rc = prefixes_fill(db, &acc->prefixes, &acc->given, "district_id", who->scope_id);
        }
    }
    if (rc == HW_OK && (!a->nstaff || !a->ngrid || !a->nleader || !a->nofficer)) {
        fprintf(stderr, "bench_latency: no bench-staff-N, bench-grid-N, bench-leader-N,"
                        " bench-officer-N accounts:"
                        " make them"
                        " with `bench_latency plan` and `hongwu user add`\n");
        rc = HW_ENOTFOUND;
    }
    if (rc != HW_OK)
        accounts_free(a);
    return rc;
}

static void account_free(struct bench_account *acc)
{
    free(acc->dwellings.ids);
    free(acc->entrances.ids);
    free(acc->buildings.ids);
    free(acc->residents.ids);
    free(acc->prefixes.prefixes);
    free(acc->given.prefixes);
}

void accounts_free(struct bench_accounts *a)
{
    for (size_t i = 0; i < a->nstaff; i++)
        account_free(&a->staff[i]);
    for (size_t i = 0; i < a->ngrid; i++)
        account_free(&a->grid[i]);
    for (size_t i = 0; i < a->nofficer; i++)
        account_free(&a->officer[i]);
    if (a->arena)
        arena_destroy(a->arena);
    *a = (struct bench_accounts){0};
}
