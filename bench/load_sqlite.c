/* The SQLite bulk loader: one transaction, prepared statements, the
 * secondary indexes dropped during the load and built again at the end. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_time.h"
#include "loader.h"
#include "tag_ids.h"

enum { MAX_INDEXES = 64 };

struct sqlite_loader {
    struct loader base;
    struct load_options o;
    sqlite3 *db;
    sqlite3_stmt *place, *history, *resident, *occupancy, *resident_tag;
    struct tag_ids tags;
    char *index_sql[MAX_INDEXES];
    int nindexes;
};

/* The tables the loader fills: their secondary indexes are rebuilt. */
#define LOADED_TABLES "'places','building_grid_history','residents','occupancies','resident_tags'"

static int fail(struct sqlite_loader *l, const char *what)
{
    fprintf(stderr, "gen_city: sqlite: %s: %s\n", what, sqlite3_errmsg(l->db));
    return -1;
}

static int exec(struct sqlite_loader *l, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(l->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return 0;
    fprintf(stderr, "gen_city: sqlite: %s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
    return -1;
}

static void bind_id(sqlite3_stmt *st, int i, int64_t v)
{
    if (v)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int step(struct sqlite_loader *l, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : fail(l, what);
}

static int on_place(void *ctx, const struct place_row *p)
{
    struct sqlite_loader *l = ctx;
    if (l->o.skeleton_only && !loader_skeleton_kind(p->kind))
        return 0;
    sqlite3_stmt *st = l->place;
    int64_t ids[] = {p->id,      p->district_id,  p->parent_id,   p->community_id,
                     p->zone_id, p->compound_id,  p->building_id, p->entrance_id,
                     p->grid_id, p->micro_grid_id};
    for (int i = 0; i < 10; i++)
        bind_id(st, i + 1, ids[i]);
    bind_text(st, 11, p->kind);
    bind_text(st, 12, p->name);
    bind_text(st, 13, p->code);
    bind_text(st, 14, p->grid_type);
    bind_id(st, 15, p->floor);
    if (p->area_cm2 >= 0)
        sqlite3_bind_int64(st, 16, p->area_cm2);
    else
        sqlite3_bind_null(st, 16);
    return step(l, st, "insert place");
}

static int on_history(void *ctx, const struct grid_history_row *h)
{
    struct sqlite_loader *l = ctx;
    if (l->o.skeleton_only)
        return 0;
    sqlite3_stmt *st = l->history;
    int64_t ids[] = {h->id, h->district_id, h->building_id, h->grid_id, h->micro_grid_id};
    for (int i = 0; i < 5; i++)
        bind_id(st, i + 1, ids[i]);
    return step(l, st, "insert building_grid_history");
}

static int on_household(void *ctx, const struct household *h)
{
    struct sqlite_loader *l = ctx;
    if (l->o.skeleton_only)
        return 0;
    int64_t district = h->dwelling->district_id;
    for (size_t i = 0; i < h->npeople; i++) {
        const struct person *p = &h->people[i];
        sqlite3_stmt *st = l->resident;
        sqlite3_bind_int64(st, 1, p->resident_id);
        sqlite3_bind_int64(st, 2, district);
        bind_text(st, 3, p->name);
        bind_text(st, 4, p->sex);
        bind_text(st, 5, p->birth_date);
        bind_text(st, 6, p->id_number);
        bind_text(st, 7, p->phone);
        if (step(l, st, "insert resident"))
            return -1;
        st = l->occupancy;
        sqlite3_bind_int64(st, 1, p->occupancy_id);
        sqlite3_bind_int64(st, 2, district);
        sqlite3_bind_int64(st, 3, p->resident_id);
        sqlite3_bind_int64(st, 4, h->dwelling->id);
        bind_text(st, 5, p->relation);
        bind_text(st, 6, p->moved_in);
        if (step(l, st, "insert occupancy"))
            return -1;
        for (size_t t = 0; t < p->ntags; t++) {
            st = l->resident_tag;
            sqlite3_bind_int64(st, 1, p->resident_id);
            sqlite3_bind_int64(st, 2, tag_ids_get(&l->tags, p->tags[t]));
            sqlite3_bind_int64(st, 3, district);
            if (step(l, st, "insert resident_tag"))
                return -1;
        }
    }
    return 0;
}

static int prepare(struct sqlite_loader *l, sqlite3_stmt **st, const char *sql)
{
    return sqlite3_prepare_v3(l->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) == SQLITE_OK
               ? 0
               : fail(l, sql);
}

#define EPOCH_SQL "1735660800" /* LOAD_EPOCH */

static int prepare_all(struct sqlite_loader *l)
{
    return prepare(l, &l->place,
                   "INSERT INTO places (id, district_id, parent_id, community_id, zone_id,"
                   " compound_id, building_id, entrance_id, grid_id, micro_grid_id, kind, name,"
                   " code, grid_type, floor, area_cm2, created_at, updated_at) VALUES (?, ?, ?,"
                   " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " EPOCH_SQL ", " EPOCH_SQL ")") ||
           prepare(l, &l->history,
                   "INSERT INTO building_grid_history (id, district_id, building_id, grid_id,"
                   " micro_grid_id, started_at) VALUES (?, ?, ?, ?, ?, " EPOCH_SQL ")") ||
           prepare(l, &l->resident,
                   "INSERT INTO residents (id, district_id, name, sex, birth_date, id_number,"
                   " phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, " EPOCH_SQL
                   ", " EPOCH_SQL ")") ||
           prepare(l, &l->occupancy,
                   "INSERT INTO occupancies (id, district_id, resident_id, dwelling_id, relation,"
                   " moved_in, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, " EPOCH_SQL
                   ", " EPOCH_SQL ")") ||
           prepare(l, &l->resident_tag,
                   "INSERT INTO resident_tags (resident_id, tag_id, district_id, added_at)"
                   " VALUES (?, ?, ?, " EPOCH_SQL ")");
}

static int64_t scalar(struct sqlite_loader *l, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(l, sql);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int read_tag_ids(struct sqlite_loader *l)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(l->db, "SELECT code, id FROM tags WHERE district_id IS NULL", -1, &st,
                           NULL) != SQLITE_OK)
        return fail(l, "read tags");
    while (sqlite3_step(st) == SQLITE_ROW)
        tag_ids_put(&l->tags, (const char *)sqlite3_column_text(st, 0),
                    sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return tag_ids_complete(&l->tags) ? 0 : -1;
}

/* Drops the loaded tables' secondary indexes and triggers, keeping their
 * definitions (the unique constraints' automatic indexes stay: they cannot
 * be dropped). The triggers fill the search keys row by row; the load fills
 * them at the end instead (fill_keys). Indexes come first: they are built
 * again in this order, before the triggers. */
static int drop_indexes(struct sqlite_loader *l)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(l->db,
                           "SELECT type, name, sql FROM sqlite_master"
                           " WHERE type IN ('index', 'trigger')"
                           " AND sql IS NOT NULL AND tbl_name IN (" LOADED_TABLES ")"
                           " ORDER BY type = 'trigger'",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(l, "list indexes");
    char drops[MAX_INDEXES][128];
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        if (l->nindexes == MAX_INDEXES) {
            rc = -1;
            break;
        }
        bool trigger = strcmp((const char *)sqlite3_column_text(st, 0), "trigger") == 0;
        snprintf(drops[l->nindexes], sizeof drops[0], "DROP %s \"%s\"",
                 trigger ? "TRIGGER" : "INDEX", (const char *)sqlite3_column_text(st, 1));
        l->index_sql[l->nindexes] = strdup((const char *)sqlite3_column_text(st, 2));
        rc = l->index_sql[l->nindexes++] ? 0 : -1;
    }
    sqlite3_finalize(st);
    for (int i = 0; rc == 0 && i < l->nindexes; i++)
        rc = exec(l, drops[i]);
    return rc;
}

/* The search keys from their views, in key order: each table is its own
 * index (WITHOUT ROWID), so sorted rows append to it, and a repeated key (a
 * name's repeated character) is dropped there, cheaper than a DISTINCT. */
static int fill_keys(struct sqlite_loader *l)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < loader_keys_count; i++) {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "DELETE FROM %s; INSERT OR IGNORE INTO %s SELECT * FROM %s ORDER BY %s",
                 loader_keys[i].table, loader_keys[i].table, loader_keys[i].source,
                 loader_keys[i].key);
        rc = exec(l, sql);
    }
    return rc;
}

static int finish(struct loader *base, bool ok, struct load_times *t)
{
    struct sqlite_loader *l = (struct sqlite_loader *)base;
    int rc = ok ? 0 : -1;
    double t0 = seconds_now();
    sqlite3_stmt *all[] = {l->place, l->history, l->resident, l->occupancy, l->resident_tag};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    if (rc == 0 && !l->o.skeleton_only)
        rc = fill_keys(l);
    t->keys_seconds = seconds_now() - t0;
    for (int i = 0; rc == 0 && i < l->nindexes; i++)
        rc = exec(l, l->index_sql[i]);
    if (rc == 0)
        rc = exec(l, "COMMIT");
    else
        exec(l, "ROLLBACK");
    t->index_seconds = seconds_now() - t0;
    /* Back to what hongwu runs with (src/store/sqlite.c). */
    if (rc == 0)
        rc = exec(l, "PRAGMA journal_mode=WAL");
    for (int i = 0; i < l->nindexes; i++)
        free(l->index_sql[i]);
    sqlite3_close(l->db);
    free(l);
    return rc;
}

int sqlite_loader_open(const char *path, const struct load_options *o, struct loader **out)
{
    struct sqlite_loader *l = calloc(1, sizeof *l);
    if (!l)
        return -1;
    l->o = *o;
    if (sqlite3_open_v2(path, &l->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fail(l, path);
        sqlite3_close(l->db);
        free(l);
        return -1;
    }
    /* No journal: a failed load is thrown away, not recovered. A large page
     * cache keeps the unique indexes being filled in memory. */
    int rc = exec(l, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                     " PRAGMA cache_size=-4000000; BEGIN");
    if (rc == 0 && scalar(l, "SELECT count(*) FROM sqlite_master WHERE name = 'places'") != 1) {
        fprintf(stderr, "gen_city: %s has no hongwu schema: run `hongwu migrate` first\n", path);
        rc = -1;
    }
    if (rc == 0)
        rc = read_tag_ids(l);
    if (rc == 0 && !o->skeleton_only)
        rc = drop_indexes(l);
    if (rc == 0)
        rc = prepare_all(l);
    l->base.first_place_id = scalar(l, "SELECT coalesce(max(id), 0) + 1 FROM places");
    l->base.first_resident_id = scalar(l, "SELECT coalesce(max(id), 0) + 1 FROM residents");
    l->base.first_occupancy_id = scalar(l, "SELECT coalesce(max(id), 0) + 1 FROM occupancies");
    l->base.first_history_id =
        scalar(l, "SELECT coalesce(max(id), 0) + 1 FROM building_grid_history");
    l->base.sink = (struct city_sink){l, on_place, on_history, on_household};
    l->base.finish = finish;
    if (rc != 0) {
        struct load_times ignored;
        finish(&l->base, false, &ignored);
        return -1;
    }
    *out = &l->base;
    return 0;
}
