/* Checking a hash chain (kit/chain.h): each row's own hash, then the links
 * from the first row to the head. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "kit/chain.h"

struct link {
    int64_t id;
    char prev[CHAIN_HASH_HEX], hash[CHAIN_HASH_HEX];
    bool own_hash_ok, visited;
};

struct rows {
    struct link *v;
    size_t n, cap;
    struct link **by_prev; /* the rows ordered by prev, then id */
};

static int by_id(const void *a, const void *b)
{
    int64_t x = ((const struct link *)a)->id, y = ((const struct link *)b)->id;
    return (x > y) - (x < y);
}

static void copy_hex(char out[CHAIN_HASH_HEX], const char *text)
{
    if (text && strlen(text) == CHAIN_HASH_HEX - 1)
        memcpy(out, text, CHAIN_HASH_HEX);
    else
        out[0] = '\0';
}

static int load_rows(struct db *db, const struct chain_def *def, int64_t district_id,
                     struct rows *r)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, def->rows_sql, "i", district_id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 64;
            struct link *v = realloc(r->v, cap * sizeof *v);
            if (!v) {
                rc = HW_ENOMEM;
                break;
            }
            r->v = v;
            r->cap = cap;
        }
        struct link *l = &r->v[r->n++];
        memset(l, 0, sizeof *l);
        l->id = db_col_int(st, 0);
        copy_hex(l->prev, db_col_text(st, 2));
        copy_hex(l->hash, db_col_text(st, 3));
        const char *payload = db_col_text(st, 1);
        char want[CHAIN_HASH_HEX];
        l->own_hash_ok = l->prev[0] && l->hash[0] && payload &&
                         chain_hash(l->prev, payload, want) == HW_OK &&
                         strcmp(want, l->hash) == 0;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static int by_prev(const void *a, const void *b)
{
    const struct link *x = *(struct link *const *)a, *y = *(struct link *const *)b;
    int c = strcmp(x->prev, y->prev);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* The row whose prev is hash, or NULL; a second such row is a fork, and the
 * lower id is taken (the higher one then shows as unreachable). */
static struct link *successor(struct rows *r, const char *hash)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(r->by_prev[mid]->prev, hash) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < r->n && strcmp(r->by_prev[lo]->prev, hash) == 0; lo++)
        if (!r->by_prev[lo]->visited)
            return r->by_prev[lo];
    return NULL;
}

static void report_break(struct chain_report *out, int64_t id, const char *reason)
{
    if (!out->intact && out->broken_id != 0 && (id == 0 || out->broken_id <= id))
        return;
    out->intact = false;
    out->broken_id = id;
    snprintf(out->reason, sizeof out->reason, "%s", reason);
}

static int check_head(struct db *db, const struct chain_def *def, int64_t district_id,
                      int64_t linked, const char *last, struct chain_report *out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT seq, hash FROM chain_heads WHERE name = $1 AND district_id = $2",
                          "si", def->name, district_id);
    if (rc == HW_ENOTFOUND) {
        if (linked > 0)
            report_break(out, 0, "the chain has rows but no head (chain_heads row removed)");
        return HW_OK;
    }
    if (rc != HW_OK)
        return rc;
    int64_t seq = db_col_int(st, 0);
    const char *hash = db_col_text(st, 1);
    bool same = seq == linked && hash && strcmp(hash, last) == 0;
    db_reset(st);
    if (!same) {
        char why[160];
        snprintf(why, sizeof why,
                 "the head names %lld rows but %lld are linked: rows removed from the end, or"
                 " the head edited",
                 (long long)seq, (long long)linked);
        report_break(out, 0, why);
    }
    return HW_OK;
}

int chain_verify(struct db *db, const struct chain_def *def, int64_t district_id,
                 struct chain_report *out)
{
    memset(out, 0, sizeof *out);
    out->intact = true;
    struct rows r = {0};
    int rc = load_rows(db, def, district_id, &r);
    if (rc != HW_OK) {
        free(r.v);
        return rc;
    }
    if (r.n > 0) {
        qsort(r.v, r.n, sizeof *r.v, by_id);
        r.by_prev = malloc(r.n * sizeof *r.by_prev);
        if (!r.by_prev) {
            free(r.v);
            return HW_ENOMEM;
        }
        for (size_t i = 0; i < r.n; i++)
            r.by_prev[i] = &r.v[i];
        qsort(r.by_prev, r.n, sizeof *r.by_prev, by_prev);
    }
    out->rows = (int64_t)r.n;
    for (size_t i = 0; i < r.n; i++)
        if (!r.v[i].own_hash_ok)
            report_break(out, r.v[i].id, "the row's content does not match its hash: edited"
                                         " after it was linked, or never linked");
    const char *last = chain_genesis;
    int64_t linked = 0;
    for (struct link *l; (l = successor(&r, last)) != NULL; last = l->hash, linked++)
        l->visited = true;
    for (size_t i = 0; i < r.n; i++)
        if (!r.v[i].visited)
            report_break(out, r.v[i].id, "the row does not follow the row before it: a row"
                                         " before it was removed, edited or inserted");
    rc = check_head(db, def, district_id, linked, last, out);
    free(r.by_prev);
    free(r.v);
    return rc;
}
