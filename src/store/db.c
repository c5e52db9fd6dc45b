#include "store/db.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "store/db_copy.h"
#include "store/db_driver.h"

/* Set once at start-up, before any connection is opened. */
static enum db_sync sync_mode = DB_SYNC_FULL;

void db_set_sync(enum db_sync sync) { sync_mode = sync; }
enum db_sync db_get_sync(void) { return sync_mode; }

int db_sync_parse(const char *text, enum db_sync *out)
{
    if (text && strcmp(text, "full") == 0)
        *out = DB_SYNC_FULL;
    else if (text && strcmp(text, "normal") == 0)
        *out = DB_SYNC_NORMAL;
    else
        return HW_EINVAL;
    return HW_OK;
}

const char *db_sync_name(enum db_sync sync) { return sync == DB_SYNC_FULL ? "full" : "normal"; }

bool db_url_is_postgres(const char *url)
{
    return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

void db_url_redacted(const char *url, char *out, size_t size)
{
    const char *scheme_end = strstr(url, "://");
    const char *at = scheme_end ? strchr(scheme_end + 3, '@') : NULL;
    const char *colon = at ? memchr(scheme_end + 3, ':', (size_t)(at - scheme_end - 3)) : NULL;
    if (!db_url_is_postgres(url) || !colon) {
        snprintf(out, size, "%s", url);
        return;
    }
    snprintf(out, size, "%.*s:***%s", (int)(colon - url), url, at);
}

int db_open(const char *url, struct db **out)
{
    const struct db_ops *ops = db_url_is_postgres(url) ? &db_pg_ops : &db_sqlite_ops;
    int rc = ops->open(url, out);
    if (rc == HW_OK && !((*out)->url = strdup(url))) {
        db_close(*out);
        rc = HW_ENOMEM;
    }
    return rc;
}

int db_open_again(struct db *db, struct db **out) { return db_open(db->url, out); }

void db_close(struct db *db)
{
    if (!db)
        return;
    db_appended_clear(db);
    free(db->copy_buf.data);
    free(db->url);
    db->ops->close(db);
}

enum db_kind db_kind(const struct db *db) { return db->ops->kind; }
const char *db_errmsg(struct db *db) { return db->ops->errmsg(db); }

/* Before a statement: the backend's BEGIN of a lazily begun transaction. */
static int txn_start(struct db *db)
{
    if (db->copying) {
        log_error("db: a statement while a COPY is open");
        return HW_EINVAL;
    }
    if (db->txn == TXN_FAILED)
        return db->txn_error;
    if (db->txn != TXN_PENDING_READ && db->txn != TXN_PENDING_WRITE)
        return HW_OK;
    int rc = db->ops->begin(db, db->txn == TXN_PENDING_WRITE ? db->txn_kind : DB_TXN_READ);
    if (rc != HW_OK) {
        db->txn = TXN_FAILED;
        db->txn_error = rc;
        return rc;
    }
    db->txn = TXN_OPEN;
    return HW_OK;
}

int db_exec(struct db *db, const char *sql)
{
    int rc = txn_start(db);
    return rc == HW_OK ? db->ops->exec(db, sql) : rc;
}

bool db_writers_waiting(struct db *db)
{
    return db_kind(db) == DB_SQLITE && db_sqlite_writers_waiting(db);
}

bool db_in_txn(struct db *db) { return db->txn != TXN_NONE || db->ops->in_txn(db); }

int db_begin(struct db *db, enum db_txn kind)
{
    if (db->txn != TXN_NONE || db->ops->in_txn(db)) {
        log_error("db: begin inside a transaction");
        return HW_EDB;
    }
    db->txn = kind == DB_TXN_READ ? TXN_PENDING_READ : TXN_PENDING_WRITE;
    db->txn_kind = kind;
    return HW_OK;
}

int db_commit(struct db *db)
{
    int rc;
    if (db->copying) {
        log_error("db: commit while a COPY is open");
        return HW_EINVAL;
    }
    switch (db->txn) {
    case TXN_FAILED: return db->txn_error;
    case TXN_NONE:
        if (!db->ops->in_txn(db)) {
            log_error("db: commit without a transaction");
            return HW_EDB;
        }
        return db->ops->commit(db);
    case TXN_PENDING_READ:
    case TXN_PENDING_WRITE:
        if (db_appended_statements(db) == 0 ||
            (db_appended_statements(db) == 1 && db->ops->appends_alone)) {
            /* Nothing at all, or appended rows of one statement: that
             * statement alone is atomic; no BEGIN, no COMMIT. */
            db->txn = TXN_NONE;
            return db_appended_flush(db);
        }
        if ((rc = txn_start(db)) != HW_OK)
            return rc;
        /* fall through */
    case TXN_OPEN:
        if ((rc = db_appended_flush(db)) != HW_OK)
            return rc;
        if ((rc = db->ops->commit(db)) == HW_OK)
            db->txn = TXN_NONE;
        return rc;
    }
    return HW_EDB;
}

static void copy_forget(struct db *db)
{
    free(db->copy_buf.data);
    db->copy_buf = (struct text_buffer){0};
    db->copying = false;
    db->copy_error = HW_OK;
}

void db_rollback(struct db *db)
{
    if (db->copying) {
        db->ops->copy_end(db, "rolled back", NULL);
        copy_forget(db);
    }
    db_appended_clear(db);
    enum db_txn_state was = db->txn;
    db->txn = TXN_NONE;
    if (was == TXN_PENDING_READ || was == TXN_PENDING_WRITE)
        return; /* never begun in the backend */
    /* After an open transaction always: the backend lets go of its lock. */
    if ((was == TXN_OPEN || db->ops->in_txn(db)) && db->ops->rollback(db) != HW_OK)
        log_warn("db: rollback failed: %s", db_errmsg(db));
}

static int bind_args(struct db_stmt *st, const char *types, va_list ap)
{
    const struct db_ops *ops = st->ops;
    int rc = HW_OK;
    for (int n = 1; types[n - 1] && rc == HW_OK; n++) {
        switch (types[n - 1]) {
        case 'i': rc = ops->bind_int(st, n, va_arg(ap, int64_t)); break;
        case 'b': rc = ops->bind_bool(st, n, va_arg(ap, int) != 0); break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            rc = s ? ops->bind_text(st, n, s) : ops->bind_null(st, n);
            break;
        }
        case 'n': rc = ops->bind_null(st, n); break;
        default: rc = HW_EINVAL; break;
        }
    }
    return rc;
}

static int query_v(struct db *db, struct db_stmt **out, const char *sql, const char *types,
                   va_list ap)
{
    struct db_stmt *st;
    int rc = txn_start(db);
    if (rc == HW_OK)
        rc = db->ops->prepare(db, sql, &st);
    if (rc != HW_OK)
        return rc;
    rc = bind_args(st, types, ap);
    if (rc != HW_OK) {
        db_reset(st);
        return rc;
    }
    *out = st;
    return HW_OK;
}

int db_query(struct db *db, struct db_stmt **out, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = query_v(db, out, sql, types, ap);
    va_end(ap);
    return rc;
}

int db_query_row(struct db *db, struct db_stmt **out, const char *sql, const char *types, ...)
{
    struct db_stmt *st;
    va_list ap;
    va_start(ap, types);
    int rc = query_v(db, &st, sql, types, ap);
    va_end(ap);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *out = st;
        return HW_OK;
    }
    db_reset(st);
    return rc == DB_DONE ? HW_ENOTFOUND : rc;
}

int db_step(struct db_stmt *st) { return st->ops->step(st); }
int64_t db_col_int(struct db_stmt *st, int col) { return st->ops->col_int(st, col); }
const char *db_col_text(struct db_stmt *st, int col) { return st->ops->col_text(st, col); }
bool db_col_is_null(struct db_stmt *st, int col) { return st->ops->col_is_null(st, col); }
int64_t db_changes(struct db_stmt *st) { return st->ops->changes(st); }

bool db_col_bool(struct db_stmt *st, int col)
{
    const char *t = st->ops->col_text(st, col);
    /* SQLite gives 1/0, PostgreSQL t/f. */
    return t && (t[0] == '1' || t[0] == 't');
}

void db_reset(struct db_stmt *st)
{
    if (st)
        st->ops->reset(st);
}

static int64_t run_v(struct db *db, const char *sql, const char *types, va_list ap)
{
    struct db_stmt *st;
    int rc = query_v(db, &st, sql, types, ap);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW)
        ;
    int64_t changes = rc == DB_DONE ? db_changes(st) : rc;
    db_reset(st);
    return changes;
}

int64_t db_run(struct db *db, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int64_t n = run_v(db, sql, types, ap);
    va_end(ap);
    return n;
}

int db_append(struct db *db, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int64_t rc;
    if (db->txn == TXN_NONE)
        rc = run_v(db, sql, types, ap);
    else if (db->txn == TXN_FAILED)
        rc = db->txn_error;
    else
        rc = db_appended_add(db, sql, types, ap);
    va_end(ap);
    return rc < 0 ? (int)rc : HW_OK;
}

/* ---- COPY ---- */

/* What db_copy_row buffers before it sends: the buffer holds at most this
 * and one row. */
enum { COPY_FLUSH_BYTES = 64 * 1024 };

int db_copy_begin(struct db *db, const char *sql)
{
    if (!db->ops->copy_begin) {
        log_error("db: COPY is PostgreSQL's: %s", sql);
        return HW_EINVAL;
    }
    int rc = txn_start(db);
    if (rc == HW_OK)
        rc = db->ops->copy_begin(db, sql);
    if (rc == HW_OK) {
        db->copying = true;
        db->copy_error = HW_OK;
    }
    return rc;
}

static int copy_flush(struct db *db)
{
    struct text_buffer *b = &db->copy_buf;
    int rc = b->len ? db->ops->copy_data(db, b->data, b->len) : HW_OK;
    b->len = 0;
    return rc;
}

int db_copy_row(struct db *db, const char *types, ...)
{
    if (!db->copying) {
        log_error("db: a COPY row without db_copy_begin");
        return HW_EINVAL;
    }
    if (db->copy_error != HW_OK)
        return db->copy_error;
    size_t before = db->copy_buf.len;
    va_list ap;
    va_start(ap, types);
    int rc = db_copy_encode_row(&db->copy_buf, types, ap);
    va_end(ap);
    if (rc != HW_OK)
        db->copy_buf.len = before; /* no half row is ever sent */
    else if (db->copy_buf.len >= COPY_FLUSH_BYTES)
        rc = copy_flush(db);
    db->copy_error = rc;
    return rc;
}

int db_copy_end(struct db *db, int64_t *rows)
{
    if (!db->copying) {
        log_error("db: db_copy_end without db_copy_begin");
        return HW_EINVAL;
    }
    int rc = db->copy_error;
    if (rc == HW_OK)
        rc = copy_flush(db);
    int end = db->ops->copy_end(db, rc == HW_OK ? NULL : "the client stopped the copy", rows);
    copy_forget(db);
    return rc != HW_OK ? rc : end;
}

int db_scalar_int(struct db *db, int64_t *out, const char *sql, const char *types, ...)
{
    struct db_stmt *st;
    va_list ap;
    va_start(ap, types);
    int rc = query_v(db, &st, sql, types, ap);
    va_end(ap);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *out = db_col_int(st, 0);
        /* Finish the statement so an INSERT ... RETURNING completes. */
        while ((rc = db_step(st)) == DB_ROW)
            ;
        rc = rc == DB_DONE ? HW_OK : rc;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}

uint64_t db_sql_hash(const char *sql)
{
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return h;
}

struct db_stmt *db_stmt_cache_find(struct db_stmt_cache *c, uint64_t hash, const char *sql)
{
    for (size_t i = 0; i < STMT_CACHE_PROBE; i++) {
        struct db_stmt *st = c->slot[(hash + i) % STMT_CACHE_SLOTS];
        if (!st)
            return NULL;
        if (st->hash == hash && strcmp(st->sql, sql) == 0)
            return st;
    }
    return NULL;
}

void db_stmt_cache_put(struct db_stmt_cache *c, struct db_stmt *st)
{
    for (size_t i = 0; i < STMT_CACHE_PROBE; i++) {
        struct db_stmt **slot = &c->slot[(st->hash + i) % STMT_CACHE_SLOTS];
        if (!*slot) {
            *slot = st;
            st->cached = true;
            return;
        }
    }
}

/* ---- one connection per thread ---- */

static char *pool_url;
static pthread_key_t pool_key;
static bool pool_ready;

static void close_thread_conn(void *db) { db_close(db); }

int db_pool_init(const char *url)
{
    pool_url = strdup(url);
    if (!pool_url)
        return HW_ENOMEM;
    if (pthread_key_create(&pool_key, close_thread_conn) != 0) {
        free(pool_url);
        pool_url = NULL;
        return HW_ENOMEM;
    }
    pool_ready = true;
    return HW_OK;
}

int db_thread(struct db **out)
{
    if (!pool_ready)
        return HW_EDB;
    struct db *db = pthread_getspecific(pool_key);
    if (!db) {
        int rc = db_open(pool_url, &db);
        if (rc != HW_OK)
            return rc;
        db->shared_writer = true;
        if (pthread_setspecific(pool_key, db) != 0) {
            db_close(db);
            return HW_ENOMEM;
        }
    }
    *out = db;
    return HW_OK;
}

void db_pool_shutdown(void)
{
    if (!pool_ready)
        return;
    /* The calling thread's own connection; pool threads closed theirs on exit. */
    struct db *db = pthread_getspecific(pool_key);
    if (db) {
        db_close(db);
        pthread_setspecific(pool_key, NULL);
    }
    pthread_key_delete(pool_key);
    free(pool_url);
    pool_url = NULL;
    pool_ready = false;
}

int db_lock_key(struct db *db, int64_t key)
{
    if (db_kind(db) != DB_POSTGRES)
        return HW_OK;
    int64_t one = 0;
    return db_scalar_int(db, &one, "SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS locked",
                         "i", key);
}
