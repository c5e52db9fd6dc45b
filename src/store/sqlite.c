/* The SQLite backend of db.h: WAL, busy timeout, foreign keys, BEGIN IMMEDIATE
 * for writes, and a per-connection cache of prepared statements.
 *
 * The writers of one database in this process queue for it here, first come
 * first served, rather than in SQLite's busy handler: that handler sleeps
 * (1, 2, 5, 10 ... up to 100 ms at a time) and wakes at random, so under
 * load a write could wait for hundreds of milliseconds while the lock was
 * free, and the order of the waiters was luck. A write transaction holds its
 * database's write_lock from BEGIN IMMEDIATE until COMMIT or ROLLBACK, a
 * write statement outside a transaction for that statement; the busy
 * timeout remains for writers in other processes. */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/log.h"
#include "store/checkpoint.h"
#include "store/db_driver.h"

enum { BUSY_TIMEOUT_MS = 5000, PARAM_MAP_MAX = 64 };

/* ---- the in-process write lock of a database file ---- */

struct lock_waiter {
    pthread_cond_t wake;
    bool granted;
    struct lock_waiter *next;
};

struct write_lock {
    struct write_lock *next; /* in the list of open databases */
    char *path;
    int users; /* connections open on it */
    pthread_mutex_t mu;
    bool held;
    struct lock_waiter *head, *tail; /* FIFO */
};

static pthread_mutex_t locks_mu = PTHREAD_MUTEX_INITIALIZER;
static struct write_lock *locks;

/* The lock of the database file at path, shared by every connection to it;
 * NULL for an in-memory or temporary database (private to its connection). */
static struct write_lock *write_lock_get(const char *path)
{
    if (!path || !*path)
        return NULL;
    pthread_mutex_lock(&locks_mu);
    struct write_lock *l;
    for (l = locks; l; l = l->next)
        if (strcmp(l->path, path) == 0)
            break;
    if (!l && (l = calloc(1, sizeof *l)) && !(l->path = strdup(path))) {
        free(l);
        l = NULL;
    } else if (l && !l->users) {
        pthread_mutex_init(&l->mu, NULL);
        l->next = locks;
        locks = l;
    }
    if (l)
        l->users++;
    pthread_mutex_unlock(&locks_mu);
    return l;
}

static void write_lock_put(struct write_lock *l)
{
    if (!l)
        return;
    pthread_mutex_lock(&locks_mu);
    if (--l->users == 0) {
        for (struct write_lock **p = &locks; *p; p = &(*p)->next) {
            if (*p == l) {
                *p = l->next;
                break;
            }
        }
        pthread_mutex_destroy(&l->mu);
        free(l->path);
        free(l);
    }
    pthread_mutex_unlock(&locks_mu);
}

/* Waits its turn, at most BUSY_TIMEOUT_MS: HW_OK or HW_EBUSY. The lock is
 * handed from one holder to the next waiter, never taken out of turn. */
static int write_lock_acquire(struct write_lock *l)
{
    pthread_mutex_lock(&l->mu);
    if (!l->held && !l->head) {
        l->held = true;
        pthread_mutex_unlock(&l->mu);
        return HW_OK;
    }
    struct lock_waiter w = {.granted = false};
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w.wake, &attr);
    pthread_condattr_destroy(&attr);
    if (l->tail)
        l->tail->next = &w;
    else
        l->head = &w;
    l->tail = &w;
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += BUSY_TIMEOUT_MS / 1000;
    until.tv_nsec += (BUSY_TIMEOUT_MS % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    int rc = 0;
    while (!w.granted && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&w.wake, &l->mu, &until);
    if (!w.granted) {
        /* Out of the queue: nobody will hand it to us now. */
        struct lock_waiter *prev = NULL;
        for (struct lock_waiter *p = l->head; p; prev = p, p = p->next) {
            if (p == &w) {
                if (prev)
                    prev->next = w.next;
                else
                    l->head = w.next;
                if (l->tail == &w)
                    l->tail = prev;
                break;
            }
        }
    }
    pthread_mutex_unlock(&l->mu);
    pthread_cond_destroy(&w.wake);
    if (!w.granted)
        log_warn("sqlite: waited %d ms for the write lock", BUSY_TIMEOUT_MS);
    return w.granted ? HW_OK : HW_EBUSY;
}

static void write_lock_release(struct write_lock *l)
{
    pthread_mutex_lock(&l->mu);
    struct lock_waiter *w = l->head;
    if (w) {
        l->head = w->next;
        if (!l->head)
            l->tail = NULL;
        w->granted = true; /* held stays true: it passes to w */
        pthread_cond_signal(&w->wake);
    } else {
        l->held = false;
    }
    pthread_mutex_unlock(&l->mu);
}

/* ---- connections and statements ---- */

struct sqlite_stmt {
    struct db_stmt base; /* base.sql is sqlite3_sql(stmt), owned by SQLite */
    struct sqlite_db *db;
    sqlite3_stmt *stmt;
    bool last_was_write;
    bool holds_lock; /* a write outside a transaction, holding the lock until done */
    /* pmap[n] is the index of parameter $n (0: none), for n <= PARAM_MAP_MAX. */
    int pmax;
    unsigned short pmap[PARAM_MAP_MAX + 1];
};

enum { TXN_BEGIN_READ, TXN_BEGIN_WRITE, TXN_COMMIT, TXN_ROLLBACK, TXN_STATEMENTS };
static const char *const txn_sql[TXN_STATEMENTS] = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT",
                                                     "ROLLBACK"};

struct sqlite_db {
    struct db base;
    sqlite3 *conn;
    struct write_lock *lock; /* NULL: a private database */
    bool holds_lock;
    int wal_pages; /* the WAL's size after this connection's last commit, until acted on */
    sqlite3_stmt *txn[TXN_STATEMENTS];
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

/* After each commit: note the WAL's size (acted on by wal_follow_up, once
 * the write lock is let go). Replaces SQLite's automatic checkpoint. */
static int wal_hook(void *arg, sqlite3 *conn, const char *name, int pages)
{
    (void)conn;
    (void)name;
    ((struct sqlite_db *)arg)->wal_pages = pages;
    return SQLITE_OK;
}

/* Outside the write lock, after a commit: wake the checkpoint thread, or,
 * without one or far past its threshold, checkpoint here (PASSIVE: copies
 * what no reader needs, never waits). */
static void wal_follow_up(struct sqlite_db *db)
{
    int pages = db->wal_pages;
    if (pages <= 0 || db->holds_lock)
        return;
    db->wal_pages = 0;
    bool thread = checkpoint_running();
    if (pages >= (thread ? CHECKPOINT_SAFETY_PAGES : CHECKPOINT_ALONE_PAGES))
        sqlite3_wal_checkpoint_v2(db->conn, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    else if (thread && pages >= CHECKPOINT_WAKE_PAGES)
        checkpoint_wake();
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
    for (int i = 0; i < TXN_STATEMENTS && rc == SQLITE_OK; i++)
        rc = sqlite3_prepare_v3(db->conn, txn_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &db->txn[i],
                                NULL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: cannot prepare %s: %s", path, sqlite3_errmsg(db->conn));
        for (int i = 0; i < TXN_STATEMENTS; i++)
            sqlite3_finalize(db->txn[i]);
        sqlite3_close(db->conn);
        free(db);
        return map_error(rc);
    }
    db->lock = write_lock_get(sqlite3_db_filename(db->conn, "main"));
    sqlite3_wal_hook(db->conn, wal_hook, db);
    *out = &db->base;
    return HW_OK;
}

static void stmt_free(struct sqlite_stmt *s)
{
    sqlite3_finalize(s->stmt);
    free(s);
}

static void lock_drop(struct sqlite_db *db)
{
    if (db->holds_lock) {
        db->holds_lock = false;
        write_lock_release(db->lock);
    }
}

static void sq_close(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    for (int i = 0; i < STMT_CACHE_SLOTS; i++)
        if (db->cache.slot[i])
            stmt_free((struct sqlite_stmt *)db->cache.slot[i]);
    for (int i = 0; i < TXN_STATEMENTS; i++)
        sqlite3_finalize(db->txn[i]);
    sqlite3_close(db->conn); /* rolls back an open transaction */
    lock_drop(db);
    write_lock_put(db->lock);
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

/* Runs one of the connection's BEGIN / COMMIT / ROLLBACK statements. */
static int txn_run(struct sqlite_db *db, int which)
{
    sqlite3_stmt *st = db->txn[which];
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        rc = sqlite3_extended_errcode(db->conn);
        log_error("sqlite: %s failed: %s", txn_sql[which], sqlite3_errmsg(db->conn));
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? HW_OK : map_error(rc);
}

static int sq_begin(struct db *base, enum db_txn kind)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    if (kind != DB_TXN_WRITE)
        return txn_run(db, TXN_BEGIN_READ);
    if (db->lock && !db->holds_lock) {
        int rc = write_lock_acquire(db->lock);
        if (rc != HW_OK)
            return rc;
        db->holds_lock = true;
    }
    int rc = txn_run(db, TXN_BEGIN_WRITE);
    if (rc != HW_OK)
        lock_drop(db);
    return rc;
}

static int sq_commit(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    int rc = txn_run(db, TXN_COMMIT);
    /* A failed COMMIT leaves the transaction open: ROLLBACK lets go. */
    if (rc == HW_OK || sqlite3_get_autocommit(db->conn))
        lock_drop(db);
    wal_follow_up(db);
    return rc;
}

static int sq_rollback(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    /* SQLite may have rolled back already (some errors do): then nothing to do. */
    int rc = sqlite3_get_autocommit(db->conn) ? HW_OK : txn_run(db, TXN_ROLLBACK);
    lock_drop(db);
    return rc;
}

static bool sq_in_txn(struct db *base)
{
    return !sqlite3_get_autocommit(((struct sqlite_db *)base)->conn);
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
    /* "$2" is a named parameter in SQLite: its index, looked up once. */
    int count = sqlite3_bind_parameter_count(s->stmt);
    for (int i = 1; i <= count; i++) {
        const char *name = sqlite3_bind_parameter_name(s->stmt, i);
        int n = name && name[0] == '$' ? atoi(name + 1) : 0;
        if (n > 0 && n <= PARAM_MAP_MAX) {
            s->pmap[n] = (unsigned short)i;
            if (n > s->pmax)
                s->pmax = n;
        }
    }
    db_stmt_cache_put(&db->cache, &s->base);
    *out = &s->base;
    return HW_OK;
}

/* In SQLite "$2" is a named parameter: bind by name, never by position. */
static int param_index(struct sqlite_stmt *s, int n)
{
    if (n > 0 && n <= PARAM_MAP_MAX)
        return n <= s->pmax ? s->pmap[n] : 0;
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
    struct sqlite_db *db = s->db;
    if (db->lock && !db->holds_lock && !sqlite3_stmt_busy(s->stmt) &&
        !sqlite3_stmt_readonly(s->stmt) && sqlite3_get_autocommit(db->conn)) {
        /* A write outside a transaction: its own transaction, in its turn. */
        int err = write_lock_acquire(db->lock);
        if (err != HW_OK)
            return err;
        db->holds_lock = s->holds_lock = true;
    }
    int rc = sqlite3_step(s->stmt);
    if (s->holds_lock && rc != SQLITE_ROW) {
        /* Done (committed) or failed (rolled back): the statement is over. */
        s->holds_lock = false;
        lock_drop(db);
    }
    if (db->wal_pages && rc != SQLITE_ROW)
        wal_follow_up(db);
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
    if (s->holds_lock) {
        /* Left on a row: the reset ends its transaction, then the turn. */
        sqlite3_reset(s->stmt);
        s->holds_lock = false;
        lock_drop(s->db);
        wal_follow_up(s->db);
    }
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
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .in_txn = sq_in_txn,
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
