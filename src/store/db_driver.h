/* What a backend implements behind db.h. Only db.c, sqlite.c and pg.c include this. */
#ifndef HONGWU_STORE_DB_DRIVER_H
#define HONGWU_STORE_DB_DRIVER_H

#include <stdarg.h>

#include "base/text_buffer.h"
#include "store/db.h"

struct db_ops {
    enum db_kind kind;
    int (*open)(const char *url, struct db **out);
    void (*close)(struct db *db);
    const char *(*errmsg)(struct db *db);
    int (*exec)(struct db *db, const char *sql);
    /* The real BEGIN, COMMIT and ROLLBACK (db.c begins lazily: db_begin). On
     * SQLite a write transaction holds the process's write lock of its
     * database from begin until commit succeeds or rollback. */
    int (*begin)(struct db *db, enum db_txn kind);
    int (*commit)(struct db *db);
    int (*rollback)(struct db *db);
    /* Whether the backend's session is inside a transaction. */
    bool (*in_txn)(struct db *db);
    /* A transaction that only appended rows of one statement runs as that
     * statement alone (PostgreSQL: saves BEGIN's and COMMIT's round trips;
     * SQLite rather writes in a transaction of the shared writer). */
    bool appends_alone;
    int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
    int (*bind_int)(struct db_stmt *st, int n, int64_t v);
    int (*bind_text)(struct db_stmt *st, int n, const char *v);
    int (*bind_bool)(struct db_stmt *st, int n, bool v);
    int (*bind_null)(struct db_stmt *st, int n);
    int (*step)(struct db_stmt *st);
    int64_t (*col_int)(struct db_stmt *st, int col);
    const char *(*col_text)(struct db_stmt *st, int col);
    bool (*col_is_null)(struct db_stmt *st, int col);
    int64_t (*changes)(struct db_stmt *st);
    void (*reset)(struct db_stmt *st);
    /* COPY ... FROM STDIN (db_copy_begin); NULL where the backend has none.
     * copy_end with abort set (why, for the server's log) abandons the copy;
     * else it ends it, *rows the rows copied when rows is not NULL. */
    int (*copy_begin)(struct db *db, const char *sql);
    int (*copy_data)(struct db *db, const char *data, size_t len);
    int (*copy_end)(struct db *db, const char *abort, int64_t *rows);
};

/* Where db.c stands in a transaction (db_begin begins lazily). */
enum db_txn_state {
    TXN_NONE,          /* no transaction */
    TXN_PENDING_READ,  /* db_begin called, nothing sent yet */
    TXN_PENDING_WRITE,
    TXN_OPEN,          /* begun in the backend */
    TXN_FAILED,        /* the lazy begin failed: statements fail until the end */
};

struct db_appended; /* rows kept by db_append until commit (db_append.c) */

/* Every backend's connection and statement structs start with these. */
struct db {
    const struct db_ops *ops;
    char *url; /* as db_open was given it (db_open_again) */
    enum db_txn_state txn;
    int txn_error; /* the begin's error, in TXN_FAILED */
    enum db_txn txn_kind; /* what db_begin asked for */
    struct db_appended *appended;
    /* SQLite: write transactions on the database's shared writer connection
     * (sqlite.c). Set for the server's connections (db_thread). */
    bool shared_writer;
    /* Between db_copy_begin and db_copy_end: the rows not yet sent, and the
     * copy's first error. */
    bool copying;
    int copy_error;
    struct text_buffer copy_buf;
};
struct db_stmt {
    const struct db_ops *ops;
    uint64_t hash;   /* db_sql_hash(sql) */
    const char *sql; /* owned by the backend's statement */
    bool cached;     /* in a connection's cache; else freed at reset */
};

/* A connection's prepared statements, found by their SQL. Open addressing
 * with a short probe; a statement finding no free slot is simply not cached
 * (it is prepared again next time). Cached statements are never evicted,
 * because a caller may still hold one. */
enum { STMT_CACHE_SLOTS = 512, STMT_CACHE_PROBE = 8 };
struct db_stmt_cache {
    struct db_stmt *slot[STMT_CACHE_SLOTS];
};
struct db_stmt *db_stmt_cache_find(struct db_stmt_cache *c, uint64_t hash, const char *sql);
/* Stores st if a slot is free, setting st->cached. */
void db_stmt_cache_put(struct db_stmt_cache *c, struct db_stmt *st);

/* db_append.c: rows kept for the transaction's commit. */
int db_appended_add(struct db *db, const char *sql, const char *types, va_list ap);
/* Writes every kept row (one statement per distinct SQL) and forgets them;
 * on failure the rows are forgotten too and the transaction must roll back. */
int db_appended_flush(struct db *db);
/* How many statements db_appended_flush would run. */
size_t db_appended_statements(const struct db *db);
void db_appended_clear(struct db *db);

/* SQLite: a PASSIVE checkpoint on db, or, in_turn, a RESTART checkpoint
 * holding the in-process write lock: no write of this process adds frames
 * meanwhile, readers of older snapshots are waited for, and the WAL starts
 * again from its beginning. *wal_frames and *copied as
 * sqlite3_wal_checkpoint_v2 gives them. */
int db_sqlite_checkpoint(struct db *db, bool in_turn, int *wal_frames, int *copied);

/* SQLite: whether another writer of this process waits for the write lock. */
bool db_sqlite_writers_waiting(struct db *db);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* FNV-1a of the SQL text: the key of each backend's statement cache. */
uint64_t db_sql_hash(const char *sql);

#endif
