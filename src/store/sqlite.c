/* The SQLite backend of db.h: WAL, busy timeout, foreign keys, BEGIN IMMEDIATE
 * for writes, and a per-connection cache of prepared statements.
 *
 * The writers of one database in this process take turns in its queue
 * (sqlite_queue.h), first come first served: a write transaction holds the
 * turn from BEGIN IMMEDIATE until COMMIT or ROLLBACK, a write statement
 * outside a transaction for that statement; the busy timeout remains for
 * writers in other processes.
 *
 * The server's connections (db_thread: base.shared_writer) run their write
 * transactions on one more connection per database, the shared writer,
 * which only the holder of the turn uses. In WAL mode a connection drops its
 * whole page cache whenever another connection has committed since its last
 * transaction; with a writer per thread every write transaction began by
 * reading its B-tree pages again, inside the turn. The one writer keeps
 * them. Each connection keeps its own prepared statements on the writer, so
 * no two threads share a statement, and the writer is opened in SQLite's
 * serialized mode: a statement reset late by a thread whose turn is over
 * cannot disturb the holder's.
 *
 * On the writer, transactions that follow each other are committed in
 * groups: a holder done with its work, when the next waiter also writes on
 * the writer, releases its work (a savepoint) into the open transaction and
 * hands it over; the last of the group (the queue is empty, or the group is
 * full, or the next waiter writes elsewhere) commits for all, and only then
 * does any member's commit return, with the group's outcome. A commit writes
 * each changed page to the WAL once for the group instead of once per
 * transaction. A member that rolls back undoes its savepoint alone; if
 * SQLite ends the transaction itself (some errors do), every member of the
 * group fails with HW_EBUSY and nothing of it is written. */
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
#include "store/sqlite_queue.h"

enum { BUSY_TIMEOUT_MS = 5000, PARAM_MAP_MAX = 64 };

/* ---- connections and statements ---- */

struct sqlite_stmt {
    struct db_stmt base; /* base.sql is sqlite3_sql(stmt), owned by SQLite */
    struct sqlite_db *db;
    sqlite3_stmt *stmt;
    bool last_was_write;
    bool holds_turn; /* a write outside a transaction, holding the turn until done */
    /* pmap[n] is the index of parameter $n (0: none), for n <= PARAM_MAP_MAX. */
    int pmax;
    unsigned short pmap[PARAM_MAP_MAX + 1];
};

enum {
    TXN_BEGIN_READ,
    TXN_BEGIN_WRITE,
    TXN_COMMIT,
    TXN_ROLLBACK,
    TXN_SAVEPOINT,
    TXN_RELEASE,
    TXN_ROLLBACK_TO,
    TXN_STATEMENTS
};
static const char *const txn_sql[TXN_STATEMENTS] = {
    "BEGIN",
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT group_member",
    "RELEASE group_member",
    "ROLLBACK TO group_member",
};

struct sqlite_db {
    struct db base;
    sqlite3 *conn;
    struct write_queue *queue; /* NULL: a private database, or the writer itself */
    bool holds_turn;
    bool is_writer;
    /* In a write transaction on the shared writer: that connection, and
     * whether this transaction is a savepoint in an open group. */
    struct sqlite_db *redirect;
    bool joined;
    bool bulk; /* a DB_TXN_BULK transaction: alone, committed unsynced */
    int wal_pages; /* the WAL's size after this connection's last commit, until acted on */
    sqlite3_stmt *txn[TXN_STATEMENTS];
    struct db_stmt_cache cache;
    /* This connection's statements prepared on the shared writer. */
    struct db_stmt_cache writer_cache;
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
 * the turn is over). Replaces SQLite's automatic checkpoint. */
static int wal_hook(void *arg, sqlite3 *conn, const char *name, int pages)
{
    (void)conn;
    (void)name;
    ((struct sqlite_db *)arg)->wal_pages = pages;
    return SQLITE_OK;
}

/* Outside the turn, after a commit: wake the checkpoint thread, or,
 * without one or far past its thresholds, checkpoint here (PASSIVE: copies
 * what no reader needs, never waits). */
static void wal_follow_up(struct sqlite_db *db)
{
    int pages = db->wal_pages;
    if (pages <= 0 || db->holds_turn)
        return;
    db->wal_pages = 0;
    bool thread = checkpoint_running();
    if (pages >= (thread ? CHECKPOINT_WORKER_PAGES : CHECKPOINT_ALONE_PAGES))
        sqlite3_wal_checkpoint_v2(db->conn, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    else if (thread && pages >= CHECKPOINT_WAKE_PAGES)
        checkpoint_wake();
}

static int open_conn(const char *path, bool writer, struct sqlite_db **out)
{
    struct sqlite_db *db = calloc(1, sizeof *db);
    if (!db)
        return HW_ENOMEM;
    db->base.ops = &db_sqlite_ops;
    db->is_writer = writer;
    int rc = sqlite3_open_v2(path, &db->conn,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                 (writer ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX),
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
    /* The writer holds the pages that writes touch (64 MiB at most: an
     * import's whole transaction stays in memory, as import.c asks of its
     * own connection). */
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA foreign_keys=ON;%s",
             db_get_sync() == DB_SYNC_FULL ? "FULL" : "NORMAL",
             writer ? " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;" : "");
    rc = sqlite3_exec(db->conn, pragmas, NULL, NULL, NULL);
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
    if (!writer)
        db->queue = write_queue_get(sqlite3_db_filename(db->conn, "main"));
    sqlite3_wal_hook(db->conn, wal_hook, db);
    *out = db;
    return HW_OK;
}

static int sq_open(const char *path, struct db **out)
{
    struct sqlite_db *db;
    int rc = open_conn(path, false, &db);
    if (rc == HW_OK)
        *out = &db->base;
    return rc;
}

static void stmt_free(struct sqlite_stmt *s)
{
    sqlite3_finalize(s->stmt);
    free(s);
}

static void cache_free(struct db_stmt_cache *c)
{
    for (int i = 0; i < STMT_CACHE_SLOTS; i++)
        if (c->slot[i])
            stmt_free((struct sqlite_stmt *)c->slot[i]);
}

static void turn_drop(struct sqlite_db *db)
{
    if (db->holds_turn) {
        db->holds_turn = false;
        write_queue_release(db->queue);
    }
}

static int sq_rollback(struct db *base);

static void sq_close(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    if (db->redirect)
        sq_rollback(base); /* closed inside a write transaction: it ends here */
    cache_free(&db->cache);
    cache_free(&db->writer_cache); /* the writer is serialized: safe during another's turn */
    for (int i = 0; i < TXN_STATEMENTS; i++)
        sqlite3_finalize(db->txn[i]);
    sqlite3_close(db->conn); /* rolls back an open transaction */
    turn_drop(db);
    struct sqlite_db *writer = write_queue_put(db->queue);
    if (writer)
        sq_close(&writer->base);
    free(db);
}

/* The connection a statement of db runs on: the writer inside a write
 * transaction on it, else db's own. */
static struct sqlite_db *current(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    return db->redirect ? db->redirect : db;
}

static const char *sq_errmsg(struct db *base) { return sqlite3_errmsg(current(base)->conn); }

static int sq_exec(struct db *base, const char *sql)
{
    struct sqlite_db *db = current(base);
    char *msg = NULL;
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        log_error("sqlite: %s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
    }
    return map_error(rc);
}

/* Runs one of the connection's BEGIN / COMMIT / ROLLBACK / savepoint statements. */
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

/* The shared writer of db's database, opened on first use; NULL (write on
 * db's own connection) if it cannot be opened. Called holding the turn. */
static struct sqlite_db *writer_of(struct sqlite_db *db)
{
    bool *failed;
    struct sqlite_db **w = (struct sqlite_db **)write_queue_writer(db->queue, &failed);
    if (!*w && !*failed) {
        const char *path = sqlite3_db_filename(db->conn, "main");
        if (open_conn(path, true, w) != HW_OK) {
            *w = NULL;
            *failed = true;
            log_warn("sqlite: no shared writer for %s; each connection writes on its own", path);
        }
    }
    return *w;
}

/* A bulk transaction (db.h, DB_TXN_BULK) commits without syncing: the
 * setting cannot change inside a transaction, so it is set before BEGIN and
 * put back after its end, all within the holder's turn. */
static int unsynced(struct sqlite_db *w)
{
    if (db_get_sync() != DB_SYNC_FULL)
        return HW_OK;
    return map_error(sqlite3_exec(w->conn, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL));
}

static void synced_again(struct sqlite_db *w)
{
    if (db_get_sync() == DB_SYNC_FULL &&
        sqlite3_exec(w->conn, "PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK)
        log_error("sqlite: cannot set synchronous=FULL again: %s", sqlite3_errmsg(w->conn));
}

/* A transaction on db's own connection is over. */
static void own_txn_over(struct sqlite_db *db)
{
    if (db->bulk)
        synced_again(db);
    db->bulk = false;
    turn_drop(db);
}

/* A holder's turn on the writer ends, its work settled: released into the
 * open transaction (mine) or undone. Statements a caller left running are
 * reset (the next holder must find the writer idle); then the transaction
 * goes to the next waiter (write_queue_group_pass), or is committed here
 * for the whole group. Returns the outcome of this holder's work. */
static int turn_end(struct sqlite_db *db, bool mine)
{
    struct sqlite_db *w = db->redirect;
    for (sqlite3_stmt *st = sqlite3_next_stmt(w->conn, NULL); st;
         st = sqlite3_next_stmt(w->conn, st)) {
        if (sqlite3_stmt_busy(st)) {
            log_warn("sqlite: a statement still running at the end of its transaction: %s",
                     sqlite3_sql(st));
            sqlite3_reset(st);
        }
    }
    db->redirect = NULL;
    db->joined = false;
    bool bulk = db->bulk;
    db->bulk = false;
    int rc = HW_OK;
    if (sqlite3_get_autocommit(w->conn)) {
        /* No transaction is open: this holder rolled its own back, or SQLite
         * ended the group's (an I/O error, say), which nobody may take for
         * committed. */
        if (write_queue_group_members(db->queue) > 0) {
            write_queue_group_end(db->queue, HW_EBUSY);
            rc = HW_EBUSY;
        }
        if (bulk)
            synced_again(w);
        turn_drop(db);
        return mine ? rc : HW_OK;
    }
    if (!bulk && write_queue_group_pass(db->queue, mine, &rc)) {
        db->holds_turn = false; /* handed over with the transaction */
        return rc;
    }
    rc = txn_run(w, TXN_COMMIT);
    if (rc != HW_OK && !sqlite3_get_autocommit(w->conn))
        txn_run(w, TXN_ROLLBACK);
    if (bulk)
        synced_again(w);
    write_queue_group_end(db->queue, rc);
    if (w->wal_pages > db->wal_pages)
        db->wal_pages = w->wal_pages;
    w->wal_pages = 0;
    turn_drop(db);
    return mine ? rc : HW_OK;
}

static int sq_begin(struct db *base, enum db_txn kind)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    if (kind == DB_TXN_READ)
        return txn_run(db, TXN_BEGIN_READ);
    bool shared = db->queue && db->base.shared_writer;
    bool bulk = kind == DB_TXN_BULK;
    if (db->queue && !db->holds_turn) {
        /* A bulk transaction never joins a group: the holder before it
         * commits its own, and hands over an idle writer. */
        int rc = write_queue_acquire(db->queue, shared && !bulk, BUSY_TIMEOUT_MS);
        if (rc != HW_OK)
            return rc;
        db->holds_turn = true;
    }
    struct sqlite_db *w = shared ? writer_of(db) : NULL;
    if (!w) {
        db->bulk = bulk;
        int rc = bulk ? unsynced(db) : HW_OK;
        if (rc == HW_OK)
            rc = txn_run(db, TXN_BEGIN_WRITE);
        if (rc != HW_OK)
            own_txn_over(db);
        return rc;
    }
    /* A transaction left open by the previous holder: join its group. */
    bool join = !sqlite3_get_autocommit(w->conn);
    db->bulk = bulk && !join;
    int rc = db->bulk ? unsynced(w) : HW_OK;
    if (rc == HW_OK)
        rc = txn_run(w, join ? TXN_SAVEPOINT : TXN_BEGIN_WRITE);
    db->redirect = w;
    if (rc != HW_OK) {
        turn_end(db, false);
        return rc;
    }
    db->joined = join;
    if (join)
        write_queue_group_join(db->queue);
    return HW_OK;
}

static int sq_commit(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    if (db->redirect) {
        struct sqlite_db *w = db->redirect;
        int rc = db->joined ? txn_run(w, TXN_RELEASE) : HW_OK;
        if (rc != HW_OK) {
            /* Not released: the transaction's end decides (db_rollback). */
            return rc;
        }
        rc = turn_end(db, true);
        if (rc == HW_OK)
            wal_follow_up(db);
        return rc;
    }
    int rc = txn_run(db, TXN_COMMIT);
    /* A failed COMMIT leaves the transaction open: ROLLBACK lets go. */
    if (rc == HW_OK || sqlite3_get_autocommit(db->conn))
        own_txn_over(db);
    if (rc == HW_OK)
        wal_follow_up(db);
    return rc;
}

static int sq_rollback(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    if (db->redirect) {
        struct sqlite_db *w = db->redirect;
        int rc = HW_OK;
        if (!sqlite3_get_autocommit(w->conn)) {
            if (db->joined) {
                rc = txn_run(w, TXN_ROLLBACK_TO);
                if (rc == HW_OK)
                    rc = txn_run(w, TXN_RELEASE);
            }
            /* The first of a group, or a savepoint that would not go: the
             * whole transaction (turn_end tells any members). */
            if ((!db->joined || rc != HW_OK) && !sqlite3_get_autocommit(w->conn))
                rc = txn_run(w, TXN_ROLLBACK);
        }
        turn_end(db, false);
        return rc;
    }
    /* SQLite may have rolled back already (some errors do): then nothing to do. */
    int rc = sqlite3_get_autocommit(db->conn) ? HW_OK : txn_run(db, TXN_ROLLBACK);
    own_txn_over(db);
    return rc;
}

static bool sq_in_txn(struct db *base) { return !sqlite3_get_autocommit(current(base)->conn); }

static int sq_prepare(struct db *base, const char *sql, struct db_stmt **out)
{
    struct sqlite_db *self = (struct sqlite_db *)base, *db = current(base);
    struct db_stmt_cache *cache = self->redirect ? &self->writer_cache : &self->cache;
    uint64_t hash = db_sql_hash(sql);
    struct db_stmt *hit = db_stmt_cache_find(cache, hash, sql);
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
    db_stmt_cache_put(cache, &s->base);
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
    return bind_result(
        s, idx, idx ? sqlite3_bind_text(s->stmt, idx, v, -1, SQLITE_TRANSIENT) : SQLITE_RANGE);
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
    if (db->queue && !db->holds_turn && !sqlite3_stmt_busy(s->stmt) &&
        !sqlite3_stmt_readonly(s->stmt) && sqlite3_get_autocommit(db->conn)) {
        /* A write outside a transaction: its own transaction, in its turn. */
        int err = write_queue_acquire(db->queue, false, BUSY_TIMEOUT_MS);
        if (err != HW_OK)
            return err;
        db->holds_turn = s->holds_turn = true;
    }
    int rc = sqlite3_step(s->stmt);
    if (s->holds_turn && rc != SQLITE_ROW) {
        /* Done (committed) or failed (rolled back): the statement is over. */
        s->holds_turn = false;
        turn_drop(db);
    }
    if (rc == SQLITE_ROW)
        return DB_ROW;
    int result = DB_DONE;
    if (rc == SQLITE_DONE) {
        s->last_was_write = !sqlite3_stmt_readonly(s->stmt);
    } else {
        int err = map_error(sqlite3_extended_errcode(db->conn));
        if (err != HW_ECONFLICT)
            log_error("sqlite: step failed: %s", sqlite3_errmsg(db->conn));
        result = err == HW_OK ? HW_EDB : err;
    }
    if (db->wal_pages && !db->is_writer)
        wal_follow_up(db); /* after the error is read: a checkpoint would replace it */
    return result;
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
    if (s->holds_turn) {
        /* Left on a row: the reset ends its transaction, then the turn. */
        sqlite3_reset(s->stmt);
        s->holds_turn = false;
        turn_drop(s->db);
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

bool db_sqlite_writers_waiting(struct db *base)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    return db->queue && write_queue_waited_for(db->queue);
}

int db_sqlite_checkpoint(struct db *base, bool in_turn, int *wal_frames, int *copied)
{
    struct sqlite_db *db = (struct sqlite_db *)base;
    *wal_frames = *copied = 0;
    if (in_turn && db->queue) {
        int rc = write_queue_acquire(db->queue, false, BUSY_TIMEOUT_MS);
        if (rc != HW_OK)
            return rc;
        db->holds_turn = true;
    }
    /* In turn: RESTART also waits (busy handler) for readers of older
     * snapshots to finish, then starts the WAL again from its beginning.
     * Every writer waits meanwhile, so it waits for readers only briefly: a
     * long reader (an import checking its rows on a snapshot) makes it give
     * up, and the WAL grows until the next try. */
    if (in_turn)
        sqlite3_busy_timeout(db->conn, CHECKPOINT_READERS_WAIT_MS);
    int rc = sqlite3_wal_checkpoint_v2(
        db->conn, NULL, in_turn ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE, wal_frames,
        copied);
    if (in_turn)
        sqlite3_busy_timeout(db->conn, BUSY_TIMEOUT_MS);
    turn_drop(db);
    if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
        log_warn("sqlite: checkpoint: %s", sqlite3_errmsg(db->conn));
    return map_error(rc);
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
