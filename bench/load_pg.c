/* The PostgreSQL bulk loader: one COPY per table, each on its own connection
 * so the tables stream side by side; secondary indexes and unique
 * constraints are dropped first and built again at the end, then VACUUM
 * ANALYZE (what autovacuum would soon do) so the planner has statistics.
 *
 * Foreign keys stay declared but are not checked row by row during COPY
 * (session_replication_role = replica, which needs a superuser such as the
 * one pg_virtualenv makes): the generator makes them right by construction,
 * and the SQLite load checks them with PRAGMA foreign_key_check. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_time.h"
#include "loader.h"
#include "tag_ids.h"

enum { MAX_REBUILD = 64, COPY_CHUNK = 1 << 20 };

enum stream_id { S_PLACES, S_HISTORY, S_RESIDENTS, S_OCCUPANCIES, S_RESIDENT_TAGS, N_STREAMS };

static const char *const copy_sql[N_STREAMS] = {
    "COPY places (id, district_id, parent_id, community_id, zone_id, compound_id, building_id,"
    " entrance_id, grid_id, micro_grid_id, kind, name, code, grid_type, floor, area_cm2,"
    " created_at, updated_at) FROM STDIN",
    "COPY building_grid_history (id, district_id, building_id, grid_id, micro_grid_id,"
    " started_at) FROM STDIN",
    "COPY residents (id, district_id, name, sex, birth_date, id_number, phone, created_at,"
    " updated_at) FROM STDIN",
    "COPY occupancies (id, district_id, resident_id, dwelling_id, relation, moved_in,"
    " created_at, updated_at) FROM STDIN",
    "COPY resident_tags (resident_id, tag_id, district_id, added_at) FROM STDIN",
};

/* The loaded tables, and the search keys derived from them (loader_keys),
 * whose unique indexes are dropped and built again like the others. */
#define LOADED_TABLES                                                                              \
    "'places','building_grid_history','residents','occupancies','resident_tags',"                 \
    "'resident_name_grams','resident_tag_communities','resident_tag_grids'"

struct stream {
    PGconn *conn;
    char *buf;
    size_t len;
};

struct pg_loader {
    struct loader base;
    struct load_options o;
    PGconn *admin;
    struct stream s[N_STREAMS];
    struct tag_ids tags;
    char *rebuild[MAX_REBUILD]; /* CREATE INDEX / ALTER TABLE ... ADD CONSTRAINT */
    int nrebuild;
    int failed;
};

static int run(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType s = PQresultStatus(r);
    int ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    if (!ok)
        fprintf(stderr, "gen_city: postgres: %.200s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    return ok ? 0 : -1;
}

static int flush(struct pg_loader *l, struct stream *s)
{
    if (s->len && PQputCopyData(s->conn, s->buf, (int)s->len) != 1) {
        fprintf(stderr, "gen_city: postgres: COPY: %s", PQerrorMessage(s->conn));
        l->failed = 1;
        return -1;
    }
    s->len = 0;
    return 0;
}

/* Room for one more row (rows are far below 4 KiB). */
static char *room(struct pg_loader *l, struct stream *s)
{
    if (s->len > COPY_CHUNK - 4096 && flush(l, s))
        return NULL;
    return s->buf + s->len;
}

static void put(struct stream *s, const char *text)
{
    /* COPY text format: backslash, tab and line breaks are escaped. */
    for (const char *p = text; *p; p++) {
        char c = *p;
        if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
            s->buf[s->len++] = '\\';
            c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
        }
        s->buf[s->len++] = c;
    }
}

static void put_field(struct stream *s, const char *text, int last)
{
    if (text) {
        put(s, text);
    } else {
        s->buf[s->len++] = '\\'; /* \N: NULL */
        s->buf[s->len++] = 'N';
    }
    s->buf[s->len++] = last ? '\n' : '\t';
}

static void put_int(struct stream *s, int64_t v, int null_if_zero, int last)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)v);
    put_field(s, null_if_zero && !v ? NULL : text, last);
}

static int on_place(void *ctx, const struct place_row *p)
{
    struct pg_loader *l = ctx;
    if (l->o.skeleton_only && !loader_skeleton_kind(p->kind))
        return 0;
    struct stream *s = &l->s[S_PLACES];
    if (!room(l, s))
        return -1;
    int64_t ids[] = {p->id,      p->district_id,  p->parent_id,   p->community_id,
                     p->zone_id, p->compound_id,  p->building_id, p->entrance_id,
                     p->grid_id, p->micro_grid_id};
    for (int i = 0; i < 10; i++)
        put_int(s, ids[i], 1, 0);
    put_field(s, p->kind, 0);
    put_field(s, p->name, 0);
    put_field(s, p->code, 0);
    put_field(s, p->grid_type, 0);
    put_int(s, p->floor, 1, 0);
    if (p->area_cm2 >= 0)
        put_int(s, p->area_cm2, 0, 0);
    else
        put_field(s, NULL, 0);
    put_int(s, LOAD_EPOCH, 0, 0);
    put_int(s, LOAD_EPOCH, 0, 1);
    return 0;
}

static int on_history(void *ctx, const struct grid_history_row *h)
{
    struct pg_loader *l = ctx;
    if (l->o.skeleton_only)
        return 0;
    struct stream *s = &l->s[S_HISTORY];
    if (!room(l, s))
        return -1;
    int64_t ids[] = {h->id, h->district_id, h->building_id, h->grid_id, h->micro_grid_id};
    for (int i = 0; i < 5; i++)
        put_int(s, ids[i], 1, 0);
    put_int(s, LOAD_EPOCH, 0, 1);
    return 0;
}

static int on_household(void *ctx, const struct household *h)
{
    struct pg_loader *l = ctx;
    if (l->o.skeleton_only)
        return 0;
    int64_t district = h->dwelling->district_id;
    for (size_t i = 0; i < h->npeople; i++) {
        const struct person *p = &h->people[i];
        struct stream *s = &l->s[S_RESIDENTS];
        if (!room(l, s))
            return -1;
        put_int(s, p->resident_id, 0, 0);
        put_int(s, district, 0, 0);
        put_field(s, p->name, 0);
        put_field(s, p->sex, 0);
        put_field(s, p->birth_date, 0);
        put_field(s, p->id_number, 0);
        put_field(s, p->phone, 0);
        put_int(s, LOAD_EPOCH, 0, 0);
        put_int(s, LOAD_EPOCH, 0, 1);
        s = &l->s[S_OCCUPANCIES];
        if (!room(l, s))
            return -1;
        put_int(s, p->occupancy_id, 0, 0);
        put_int(s, district, 0, 0);
        put_int(s, p->resident_id, 0, 0);
        put_int(s, h->dwelling->id, 0, 0);
        put_field(s, p->relation, 0);
        put_field(s, p->moved_in, 0);
        put_int(s, LOAD_EPOCH, 0, 0);
        put_int(s, LOAD_EPOCH, 0, 1);
        for (size_t t = 0; t < p->ntags; t++) {
            s = &l->s[S_RESIDENT_TAGS];
            if (!room(l, s))
                return -1;
            put_int(s, p->resident_id, 0, 0);
            put_int(s, tag_ids_get(&l->tags, p->tags[t]), 0, 0);
            put_int(s, district, 0, 0);
            put_int(s, LOAD_EPOCH, 0, 1);
        }
    }
    return 0;
}

/* Runs sql and calls each() for every row of its result. */
static int query_rows(PGconn *c, const char *sql, int (*each)(struct pg_loader *, PGresult *, int),
                      struct pg_loader *l)
{
    PGresult *r = PQexec(c, sql);
    int rc = PQresultStatus(r) == PGRES_TUPLES_OK ? 0 : -1;
    if (rc)
        fprintf(stderr, "gen_city: postgres: %.200s: %s", sql, PQerrorMessage(c));
    for (int i = 0; rc == 0 && i < PQntuples(r); i++)
        rc = each(l, r, i);
    PQclear(r);
    return rc;
}

static int keep_tag(struct pg_loader *l, PGresult *r, int row)
{
    tag_ids_put(&l->tags, PQgetvalue(r, row, 0), strtoll(PQgetvalue(r, row, 1), NULL, 10));
    return 0;
}

/* Columns: the statement that drops it, the one that builds it again. */
static int drop_and_keep(struct pg_loader *l, PGresult *r, int row)
{
    if (l->nrebuild == MAX_REBUILD)
        return -1;
    if (!(l->rebuild[l->nrebuild++] = strdup(PQgetvalue(r, row, 1))))
        return -1;
    return run(l->admin, PQgetvalue(r, row, 0));
}

static int drop_indexes(struct pg_loader *l)
{
    return query_rows(l->admin,
                      "SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', c.conrelid::regclass,"
                      " c.conname), format('ALTER TABLE %I ADD CONSTRAINT %I %s',"
                      " c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))"
                      " FROM pg_constraint c WHERE c.contype = 'u'"
                      " AND c.conrelid::regclass::text IN (" LOADED_TABLES ")",
                      drop_and_keep, l) ||
           query_rows(l->admin,
                      "SELECT format('DROP INDEX %I', indexname), indexdef FROM pg_indexes"
                      " WHERE schemaname = current_schema() AND tablename IN (" LOADED_TABLES ")"
                      " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                      drop_and_keep, l);
}

static int64_t next_id(struct pg_loader *l, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) + 1 FROM %s", table);
    PGresult *r = PQexec(l->admin, sql);
    int64_t v = PQresultStatus(r) == PGRES_TUPLES_OK ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : -1;
    PQclear(r);
    return v;
}

static int end_copies(struct pg_loader *l, bool ok)
{
    int rc = ok ? 0 : -1;
    for (int i = 0; i < N_STREAMS; i++) {
        struct stream *s = &l->s[i];
        if (!s->conn || PQstatus(s->conn) != CONNECTION_OK)
            continue;
        if (rc == 0 && flush(l, s))
            rc = -1;
        PQputCopyEnd(s->conn, rc == 0 ? NULL : "load abandoned");
        PGresult *r;
        while ((r = PQgetResult(s->conn))) {
            if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == 0) {
                fprintf(stderr, "gen_city: postgres: %s", PQresultErrorMessage(r));
                rc = -1;
            }
            PQclear(r);
        }
    }
    return rc;
}

/* The search keys from their views (COPY skipped the triggers that keep
 * them), before their indexes are built again. Emptied in the same
 * transaction, so with wal_level=minimal the rows skip the WAL. */
static int fill_keys(struct pg_loader *l)
{
    int rc = run(l->admin, "SET work_mem = '1GB'") || run(l->admin, "BEGIN");
    for (size_t i = 0; rc == 0 && i < loader_keys_count; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "TRUNCATE %s; INSERT INTO %s SELECT DISTINCT * FROM %s",
                 loader_keys[i].table, loader_keys[i].table, loader_keys[i].source);
        rc = run(l->admin, sql);
    }
    if (rc == 0)
        rc = run(l->admin, "COMMIT");
    else
        run(l->admin, "ROLLBACK");
    return run(l->admin, "RESET work_mem") || rc ? -1 : 0;
}

static bool builds_keys(const char *sql)
{
    for (size_t i = 0; i < loader_keys_count; i++)
        if (strstr(sql, loader_keys[i].table))
            return true;
    return false;
}

static int finish(struct loader *base, bool ok, struct load_times *t)
{
    struct pg_loader *l = (struct pg_loader *)base;
    int rc = end_copies(l, ok && !l->failed);
    double t0 = seconds_now();
    *t = (struct load_times){0};
    if (l->admin && PQstatus(l->admin) == CONNECTION_OK) {
        if (rc == 0 && !l->o.skeleton_only)
            rc = fill_keys(l);
        t->keys_seconds = seconds_now() - t0;
        /* Put back what was dropped even after a failure, so the schema stays whole. */
        int rebuilt = run(l->admin, "SET maintenance_work_mem = '2GB'");
        for (int i = 0; i < l->nrebuild; i++) {
            double started = seconds_now();
            rebuilt |= run(l->admin, l->rebuild[i]);
            if (builds_keys(l->rebuild[i]))
                t->keys_seconds += seconds_now() - started;
        }
        static const char *const tables[] = {"places", "building_grid_history", "residents",
                                             "occupancies"};
        for (size_t i = 0; rc == 0 && i < sizeof tables / sizeof tables[0]; i++) {
            char sql[256];
            snprintf(sql, sizeof sql,
                     "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
                     " (SELECT coalesce(max(id), 1) FROM %s))",
                     tables[i], tables[i]);
            rc = run(l->admin, sql);
        }
        if (rc == 0)
            rc = run(l->admin, "VACUUM ANALYZE places, building_grid_history, residents,"
                               " occupancies, resident_tags, resident_name_grams,"
                               " resident_tag_communities, resident_tag_grids");
        rc |= rebuilt;
    }
    t->index_seconds = seconds_now() - t0;
    for (int i = 0; i < N_STREAMS; i++) {
        PQfinish(l->s[i].conn);
        free(l->s[i].buf);
    }
    PQfinish(l->admin);
    for (int i = 0; i < l->nrebuild; i++)
        free(l->rebuild[i]);
    free(l);
    return rc;
}

static PGconn *connect_to(const char *url)
{
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "gen_city: postgres: %s", PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    return c;
}

static int open_streams(struct pg_loader *l, const char *url)
{
    for (int i = 0; i < N_STREAMS; i++) {
        struct stream *s = &l->s[i];
        if (!(s->buf = malloc(COPY_CHUNK)) || !(s->conn = connect_to(url)))
            return -1;
        if (run(s->conn, "SET session_replication_role = replica") ||
            run(s->conn, "SET synchronous_commit = off"))
            return -1;
        PGresult *r = PQexec(s->conn, copy_sql[i]);
        int ok = PQresultStatus(r) == PGRES_COPY_IN;
        if (!ok)
            fprintf(stderr, "gen_city: postgres: %s", PQerrorMessage(s->conn));
        PQclear(r);
        if (!ok)
            return -1;
    }
    return 0;
}

int pg_loader_open(const char *url, const struct load_options *o, struct loader **out)
{
    struct pg_loader *l = calloc(1, sizeof *l);
    if (!l)
        return -1;
    l->o = *o;
    int rc = (l->admin = connect_to(url)) ? 0 : -1;
    if (rc == 0)
        rc = query_rows(l->admin, "SELECT code, id FROM tags WHERE district_id IS NULL", keep_tag,
                        l);
    if (rc == 0 && !tag_ids_complete(&l->tags))
        rc = -1;
    if (rc == 0) {
        l->base.first_place_id = next_id(l, "places");
        l->base.first_resident_id = next_id(l, "residents");
        l->base.first_occupancy_id = next_id(l, "occupancies");
        l->base.first_history_id = next_id(l, "building_grid_history");
        if (l->base.first_place_id < 1 || l->base.first_resident_id < 1 ||
            l->base.first_occupancy_id < 1 || l->base.first_history_id < 1)
            rc = -1;
    }
    if (rc == 0 && !o->skeleton_only)
        rc = drop_indexes(l);
    if (rc == 0)
        rc = open_streams(l, url);
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
