/* The PostgreSQL backend of db.h on libpq: named prepared statements cached per
 * connection, text-format parameters, SQLSTATE mapped to the same hw_err codes
 * as SQLite so callers never see which database answered. */
#include <libpq-fe.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "store/db_driver.h"

enum { MAX_PARAMS = 32 };

struct pg_stmt {
    struct db_stmt base;
    struct pg_db *db;
    char name[24];
    char *sql; /* base.sql points here */
    int nparams;
    char *values[MAX_PARAMS];
    PGresult *res;
    int row, nrows;
    int64_t changes;
};

struct pg_db {
    struct db base;
    PGconn *conn;
    unsigned next_name;
    char errmsg[256];
    struct db_stmt_cache cache;
};

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int map_sqlstate(const char *state)
{
    if (!state)
        return HW_EDB;
    if (strcmp(state, "23505") == 0)
        return HW_ECONFLICT;
    if (strncmp(state, "23", 2) == 0) /* FK, NOT NULL, CHECK */
        return HW_EINVAL;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
        strcmp(state, "55P03") == 0)
        return HW_EBUSY;
    if (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0)
        return HW_EBUSY; /* connection lost: the client may retry */
    return HW_EDB;
}

static void stmt_clear(struct pg_stmt *s)
{
    for (int i = 0; i < s->nparams; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
    PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
    s->changes = 0;
}

static void stmt_free(struct pg_stmt *s)
{
    stmt_clear(s);
    free(s->sql);
    free(s);
}

static void drop_cache(struct pg_db *db)
{
    for (int i = 0; i < STMT_CACHE_SLOTS; i++) {
        if (db->cache.slot[i])
            stmt_free((struct pg_stmt *)db->cache.slot[i]);
        db->cache.slot[i] = NULL;
    }
}

/* Records the failure, reconnects a broken connection, and maps the error. */
static int fail(struct pg_db *db, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    int err = map_sqlstate(state);
    snprintf(db->errmsg, sizeof db->errmsg, "%s", PQerrorMessage(db->conn));
    if (err != HW_ECONFLICT)
        log_error("postgres: %s%s", state ? state : "", db->errmsg);
    if (PQstatus(db->conn) == CONNECTION_BAD) {
        /* Prepared statements die with the session. Cached handles may still be
         * held by a caller, so only their server-side names are forgotten. */
        PQreset(db->conn);
        for (int i = 0; i < STMT_CACHE_SLOTS; i++)
            if (db->cache.slot[i])
                ((struct pg_stmt *)db->cache.slot[i])->name[0] = '\0';
        err = HW_EBUSY;
    }
    return err;
}

static int pg_open(const char *url, struct db **out)
{
    struct pg_db *db = calloc(1, sizeof *db);
    if (!db)
        return HW_ENOMEM;
    db->base.ops = &db_pg_ops;
    db->conn = PQconnectdb(url);
    if (PQstatus(db->conn) != CONNECTION_OK) {
        /* libpq's message names host and user, never the password. */
        log_error("postgres: cannot connect: %s", PQerrorMessage(db->conn));
        PQfinish(db->conn);
        free(db);
        return HW_EBUSY;
    }
    PQsetNoticeProcessor(db->conn, quiet_notices, NULL);
    PGresult *res = PQexec(db->conn, "SET client_encoding = 'UTF8'");
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? HW_OK : fail(db, res);
    PQclear(res);
    if (rc != HW_OK) {
        PQfinish(db->conn);
        free(db);
        return rc;
    }
    *out = &db->base;
    return HW_OK;
}

static void pg_close(struct db *base)
{
    struct pg_db *db = (struct pg_db *)base;
    drop_cache(db);
    PQfinish(db->conn);
    free(db);
}

static const char *pg_errmsg(struct db *base) { return ((struct pg_db *)base)->errmsg; }

static int pg_exec(struct db *base, const char *sql)
{
    struct pg_db *db = (struct pg_db *)base;
    PGresult *res = PQexec(db->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    int rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? HW_OK : fail(db, res);
    PQclear(res);
    return rc;
}

static int pg_begin(struct db *base, enum db_txn kind)
{
    switch (kind) {
    case DB_TXN_READ: return pg_exec(base, "BEGIN READ ONLY");
    case DB_TXN_WRITE: return pg_exec(base, "BEGIN");
    case DB_TXN_BULK: return pg_exec(base, "BEGIN; SET LOCAL synchronous_commit = off");
    }
    return HW_EINVAL;
}

static int pg_commit(struct db *base) { return pg_exec(base, "COMMIT"); }
static int pg_rollback(struct db *base) { return pg_exec(base, "ROLLBACK"); }

static bool pg_in_txn(struct db *base)
{
    PGTransactionStatusType t = PQtransactionStatus(((struct pg_db *)base)->conn);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

/* Prepares s on the server under a fresh name (first use, or after a reconnect). */
static int server_prepare(struct pg_db *db, struct pg_stmt *s)
{
    snprintf(s->name, sizeof s->name, "hw%u", db->next_name++);
    PGresult *res = PQprepare(db->conn, s->name, s->sql, 0, NULL);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? HW_OK : fail(db, res);
    PQclear(res);
    if (rc != HW_OK)
        goto out;
    res = PQdescribePrepared(db->conn, s->name);
    rc = PQresultStatus(res) == PGRES_COMMAND_OK ? HW_OK : fail(db, res);
    if (rc == HW_OK) {
        s->nparams = PQnparams(res);
        if (s->nparams > MAX_PARAMS) {
            log_error("postgres: statement has %d parameters, at most %d", s->nparams,
                      MAX_PARAMS);
            rc = HW_EINVAL;
        }
    }
    PQclear(res);
out:
    if (rc != HW_OK)
        s->name[0] = '\0';
    return rc;
}

static int pg_prepare(struct db *base, const char *sql, struct db_stmt **out)
{
    struct pg_db *db = (struct pg_db *)base;
    uint64_t hash = db_sql_hash(sql);
    struct pg_stmt *hit = (struct pg_stmt *)db_stmt_cache_find(&db->cache, hash, sql);
    if (hit) {
        if (!hit->name[0] && server_prepare(db, hit) != HW_OK)
            return HW_EBUSY;
        *out = &hit->base;
        return HW_OK;
    }
    struct pg_stmt *s = calloc(1, sizeof *s);
    if (!s || !(s->sql = strdup(sql))) {
        free(s);
        return HW_ENOMEM;
    }
    s->base.ops = &db_pg_ops;
    s->base.hash = hash;
    s->base.sql = s->sql;
    s->db = db;
    s->row = -1;
    int rc = server_prepare(db, s);
    if (rc != HW_OK) {
        stmt_free(s);
        return rc;
    }
    db_stmt_cache_put(&db->cache, &s->base);
    *out = &s->base;
    return HW_OK;
}

static int set_param(struct pg_stmt *s, int n, const char *text)
{
    if (n < 1 || n > s->nparams) {
        log_error("postgres: statement has no parameter $%d: %s", n, s->sql);
        return HW_EINVAL;
    }
    free(s->values[n - 1]);
    s->values[n - 1] = NULL;
    if (text && !(s->values[n - 1] = strdup(text)))
        return HW_ENOMEM;
    return HW_OK;
}

static int pg_bind_int(struct db_stmt *base, int n, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return set_param((struct pg_stmt *)base, n, buf);
}

static int pg_bind_text(struct db_stmt *base, int n, const char *v)
{
    return set_param((struct pg_stmt *)base, n, v);
}

static int pg_bind_bool(struct db_stmt *base, int n, bool v)
{
    return set_param((struct pg_stmt *)base, n, v ? "true" : "false");
}

static int pg_bind_null(struct db_stmt *base, int n)
{
    return set_param((struct pg_stmt *)base, n, NULL);
}

static int pg_step(struct db_stmt *base)
{
    struct pg_stmt *s = (struct pg_stmt *)base;
    if (!s->res) {
        s->res = PQexecPrepared(s->db->conn, s->name, s->nparams,
                                (const char *const *)s->values, NULL, NULL, 0);
        ExecStatusType st = PQresultStatus(s->res);
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
            int err = fail(s->db, s->res);
            PQclear(s->res);
            s->res = NULL;
            return err;
        }
        s->nrows = st == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
        const char *n = PQcmdTuples(s->res);
        s->changes = n && *n ? strtoll(n, NULL, 10) : 0;
        s->row = -1;
    }
    if (s->row + 1 < s->nrows) {
        s->row++;
        return DB_ROW;
    }
    s->row = s->nrows;
    return DB_DONE;
}

static int64_t pg_col_int(struct db_stmt *base, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)base;
    if (s->row < 0 || s->row >= s->nrows || PQgetisnull(s->res, s->row, col))
        return 0;
    const char *v = PQgetvalue(s->res, s->row, col);
    if (v[0] == 't' || v[0] == 'f') /* a boolean column read as an integer */
        return v[0] == 't';
    return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_stmt *base, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)base;
    if (s->row < 0 || s->row >= s->nrows || PQgetisnull(s->res, s->row, col))
        return NULL;
    return PQgetvalue(s->res, s->row, col);
}

static bool pg_col_is_null(struct db_stmt *base, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)base;
    return s->row < 0 || s->row >= s->nrows || PQgetisnull(s->res, s->row, col);
}

static int64_t pg_changes(struct db_stmt *base) { return ((struct pg_stmt *)base)->changes; }

static void pg_reset(struct db_stmt *base)
{
    struct pg_stmt *s = (struct pg_stmt *)base;
    if (!s->base.cached) {
        if (s->name[0]) {
            char sql[48];
            snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
            PQclear(PQexec(s->db->conn, sql));
        }
        stmt_free(s);
        return;
    }
    stmt_clear(s);
}

/* ---- COPY ... FROM STDIN ---- */

static int pg_copy_begin(struct db *base, const char *sql)
{
    struct pg_db *db = (struct pg_db *)base;
    PGresult *res = PQexec(db->conn, sql);
    int rc = PQresultStatus(res) == PGRES_COPY_IN ? HW_OK : fail(db, res);
    PQclear(res);
    return rc;
}

/* In blocking mode libpq queues the data, sending as its buffer fills. */
static int pg_copy_data(struct db *base, const char *data, size_t len)
{
    struct pg_db *db = (struct pg_db *)base;
    if (len > INT_MAX)
        return HW_EINVAL;
    return PQputCopyData(db->conn, data, (int)len) == 1 ? HW_OK : fail(db, NULL);
}

/* A result after the end of a copy: its rows, or its error. An abandoned
 * copy's own error (query_canceled) is the one expected, not reported. */
static int copy_result(struct pg_db *db, PGresult *res, bool abandoned, int64_t *rows)
{
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK) {
        if (rows)
            *rows = strtoll(PQcmdTuples(res), NULL, 10);
        return HW_OK;
    }
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (abandoned && state && strcmp(state, "57014") == 0)
        return HW_OK;
    return fail(db, res);
}

static int pg_copy_end(struct db *base, const char *abort, int64_t *rows)
{
    struct pg_db *db = (struct pg_db *)base;
    /* -1 when the connection broke, or the server ended the copy with an
     * error, which the results below then hold. */
    int ended = PQputCopyEnd(db->conn, abort);
    int rc = HW_OK, results = 0;
    PGresult *res;
    while ((res = PQgetResult(db->conn))) {
        ExecStatusType st = PQresultStatus(res);
        bool copying = st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH;
        int r = copying ? HW_EDB : copy_result(db, res, abort != NULL, rows);
        PQclear(res);
        if (rc == HW_OK)
            rc = r;
        results++;
        if (copying) /* the copy did not end: no more results would come */
            return fail(db, NULL);
    }
    if (ended != 1 && !results)
        rc = fail(db, NULL);
    return rc;
}

const struct db_ops db_pg_ops = {
    .kind = DB_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .errmsg = pg_errmsg,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .in_txn = pg_in_txn,
    .appends_alone = true,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_bool = pg_bind_bool,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_is_null = pg_col_is_null,
    .changes = pg_changes,
    .reset = pg_reset,
    .copy_begin = pg_copy_begin,
    .copy_data = pg_copy_data,
    .copy_end = pg_copy_end,
};
