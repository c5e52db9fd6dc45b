/* The SQLite backend of db.h: WAL, busy timeout, foreign keys, BEGIN IMMEDIATE
 * for writes, and a per-connection cache of prepared statements. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "store/db_driver.h"

enum { BUSY_TIMEOUT_MS = 5000 };

struct sqlite_stmt {
    struct db_stmt base; /* base.sql is sqlite3_sql(stmt), owned by SQLite */
    struct sqlite_db *db;
    sqlite3_stmt *stmt;
    bool last_was_write;
};

struct sqlite_db {
    struct db base;
    sqlite3 *conn;
    struct db_stmt_cache cache;
};

static int map_error(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW: return HW_OK;
    case SQLITE_NOMEM: return HW_ENOMEM;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return HW_EBUSY;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return HW_ECONFLICT;
        /* Foreign keys, CHECK, NOT NULL: the caller referred to something invalid. */
        return HW_EINVAL;
    default: return HW_EDB;
    }
}

static int sq_open(const char *path, struct db **out)
{
    struct sqlite_db *db = calloc(1, sizeof *db);
    if (!db)
        return HW_ENOMEM;
    db->base.ops = &db_sqlite_ops;
    int rc = sqlite3_open_v2(path, &db->conn,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: cannot open %s: %s", path,
                  db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc));
        sqlite3_close(db->conn);
        free(db);
        return HW_EDB;
    }
    sqlite3_extended_result_codes(db->conn, 1);
    sqlite3_busy_timeout(db->conn, BUSY_TIMEOUT_MS);
    rc = sqlite3_exec(db->conn,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                      "PRAGMA foreign_keys=ON;",
                      NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: cannot configure %s: %s", path, sqlite3_errmsg(db->conn));
        sqlite3_close(db->conn);
        free(db);
        return map_error(rc);
    }
    *out = &db->base;
    return HW_OK;
}

static void stmt_free(struct sqlite_stmt *s)
{
    sqlite3_finalize(s->stmt);
    free(s);
}

static void sq_close(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    for (int i = 0; i < STMT_CACHE_SLOTS; i++)
        if (db->cache.slot[i])
            stmt_free((struct sqlite_stmt *)db->cache.slot[i]);
    sqlite3_close(db->conn);
    free(db);
}

static const char *sq_errmsg(struct db *base)
{
    return sqlite3_errmsg(((struct sqlite_db *)base)->conn);
}

static int sq_exec(struct db *base, const char *sql)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    char *msg = NULL;
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        log_error("sqlite: %s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
    }
    return map_error(rc);
}

static int sq_prepare(struct db *base, const char *sql, struct db_stmt **out)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    uint64_t hash = db_sql_hash(sql);
    struct db_stmt *hit = db_stmt_cache_find(&db->cache, hash, sql);
    if (hit) {
        *out = hit;
        return HW_OK;
    }
    struct sqlite_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return HW_ENOMEM;
    int rc = sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: prepare failed: %s", sqlite3_errmsg(db->conn));
        free(s);
        return map_error(rc);
    }
    s->base.ops = &db_sqlite_ops;
    s->base.hash = hash;
    s->base.sql = sqlite3_sql(s->stmt);
    s->db = db;
    db_stmt_cache_put(&db->cache, &s->base);
    *out = &s->base;
    return HW_OK;
}

/* In SQLite "$2" is a named parameter: bind by name, never by position. */
static int param_index(struct sqlite_stmt *s, int n)
{
    char name[16];
    snprintf(name, sizeof name, "$%d", n);
    return sqlite3_bind_parameter_index(s->stmt, name);
}

static int bind_result(struct sqlite_stmt *s, int idx, int rc)
{
    if (idx == 0) {
        log_error("sqlite: statement has no such parameter: %s", s->base.sql);
        return HW_EINVAL;
    }
    return map_error(rc);
}

static int sq_bind_int(struct db_stmt *base, int n, int64_t v)
{
    struct sqlite_stmt *s = (struct sqlite_stmt *)base;
    int idx = param_index(s, n);
    return bind_result(s, idx, idx ? sqlite3_bind_int64(s->stmt, idx, v) : SQLITE_RANGE);
}

static int sq_bind_bool(struct db_stmt *base, int n, bool v)
{
    return sq_bind_int(base, n, v ? 1 : 0);
}

static int sq_bind_text(struct db_stmt *base, int n, const char *v)
{
    struct sqlite_stmt *s = (struct sqlite_stmt *)base;
    int idx = param_index(s, n);
    return bind_result(s, idx,
                       idx ? sqlite3_bind_text(s->stmt, idx, v, -1, SQLITE_TRANSIENT)
                           : SQLITE_RANGE);
}

static int sq_bind_null(struct db_stmt *base, int n)
{
    struct sqlite_stmt *s = (struct sqlite_stmt *)base;
    int idx = param_index(s, n);
    return bind_result(s, idx, idx ? sqlite3_bind_null(s->stmt, idx) : SQLITE_RANGE);
}

static int sq_step(struct db_stmt *base)
{
    struct sqlite_stmt *s = (struct sqlite_stmt *)base;
    int rc = sqlite3_step(s->stmt);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE) {
        s->last_was_write = !sqlite3_stmt_readonly(s->stmt);
        return DB_DONE;
    }
    int err = map_error(sqlite3_extended_errcode(s->db->conn));
    if (err != HW_ECONFLICT)
        log_error("sqlite: step failed: %s", sqlite3_errmsg(s->db->conn));
    return err == HW_OK ? HW_EDB : err;
}

static int64_t sq_col_int(struct db_stmt *base, int col)
{
    return sqlite3_column_int64(((struct sqlite_stmt *)base)->stmt, col);
}

static const char *sq_col_text(struct db_stmt *base, int col)
{
    return (const char *)sqlite3_column_text(((struct sqlite_stmt *)base)->stmt, col);
}

static bool sq_col_is_null(struct db_stmt *base, int col)
{
    return sqlite3_column_type(((struct sqlite_stmt *)base)->stmt, col) == SQLITE_NULL;
}

static int64_t sq_changes(struct db_stmt *base)
{
    struct sqlite_stmt *s = (struct sqlite_stmt *)base;
    return s->last_was_write ? sqlite3_changes64(s->db->conn) : 0;
}

static void sq_reset(struct db_stmt *base)
{
    struct sqlite_stmt *s = (struct sqlite_stmt *)base;
    if (!s->base.cached) {
        stmt_free(s);
        return;
    }
    sqlite3_reset(s->stmt);
    sqlite3_clear_bindings(s->stmt);
    s->last_was_write = false;
}

const struct db_ops db_sqlite_ops = {
    .kind = DB_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .errmsg = sq_errmsg,
    .exec = sq_exec,
    .begin_read = "BEGIN",
    .begin_write = "BEGIN IMMEDIATE",
    .prepare = sq_prepare,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .bind_bool = sq_bind_bool,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_text = sq_col_text,
    .col_is_null = sq_col_is_null,
    .changes = sq_changes,
    .reset = sq_reset,
};
