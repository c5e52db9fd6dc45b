/* One database interface for every area, implemented by sqlite.c and pg.c.
 *
 * SQL is written once, portable (docs/architecture.md): parameters are $1, $2,
 * times are epoch seconds bound from clock_now(), booleans are TRUE/FALSE.
 * A statement is prepared once per connection and cached; db_reset() returns
 * it to the cache and must follow every db_query(), on every path. */
#ifndef HONGWU_STORE_DB_H
#define HONGWU_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_kind { DB_SQLITE, DB_POSTGRES };
enum db_step_result { DB_DONE = 0, DB_ROW = 1 };
/* DB_TXN_BULK: a write transaction of a long job written in steps (an
 * import), each step undone by the job's own journal if the job does not
 * finish. It commits without waiting for the disk (SQLite: synchronous
 * NORMAL for its commit, and never in a group with other writers;
 * PostgreSQL: synchronous_commit off), so another writer waiting behind it
 * does not wait for its flush. A power cut may undo the last such steps,
 * never partly; the next ordinary commit, which the job's own last step
 * is, makes every one before it durable. */
enum db_txn { DB_TXN_READ, DB_TXN_WRITE, DB_TXN_BULK };

/* When a SQLite commit is on disk (PRAGMA synchronous, in WAL mode).
 * NORMAL: the WAL is synced at checkpoints only; a process crash loses
 * nothing, a power cut may lose the last commits acknowledged. FULL: every
 * commit is synced before it returns, so an acknowledged write survives a
 * power cut. PostgreSQL keeps its server's synchronous_commit and fsync. */
enum db_sync { DB_SYNC_FULL, DB_SYNC_NORMAL };
/* Applies to the SQLite connections opened afterwards (the default: FULL). */
void db_set_sync(enum db_sync sync);
enum db_sync db_get_sync(void);
/* "full" or "normal"; HW_EINVAL otherwise. */
int db_sync_parse(const char *text, enum db_sync *out);
const char *db_sync_name(enum db_sync sync);

/* url is a file path for SQLite or postgresql://... / postgres://... */
int db_open(const char *url, struct db **out);
void db_close(struct db *db);
/* Another connection to db's database: a session of its own, for work that
 * runs beside db's. */
int db_open_again(struct db *db, struct db **out);
enum db_kind db_kind(const struct db *db);
bool db_url_is_postgres(const char *url);
/* A copy of url safe to print: a PostgreSQL URL's password becomes "***". */
void db_url_redacted(const char *url, char *out, size_t size);
/* Last driver message, for logs only: never sent to a client. */
const char *db_errmsg(struct db *db);

/* Runs SQL without parameters (several statements allowed): migrations, pragmas. */
int db_exec(struct db *db, const char *sql);

/* A transaction begins in the backend at its first statement, not at
 * db_begin: the write lock (SQLite) is held from there to the end; on
 * PostgreSQL a transaction that only appended rows of one statement
 * (db_append) is that statement alone, without BEGIN and COMMIT, and one
 * that did nothing costs nothing. A lazy BEGIN that fails fails that first
 * statement, and every later one, until db_rollback.
 *
 * SQLite: one process's writers of a database wait for each other in the
 * process, first come first served (a write transaction holds the
 * database's in-process write lock from BEGIN IMMEDIATE to COMMIT or
 * ROLLBACK; a write outside a transaction holds it for the statement); the
 * busy timeout (5 s) is for other processes. Waiting longer than that for
 * the in-process lock is HW_EBUSY as well. The server's connections
 * (db_thread) run their write transactions on one shared writer connection
 * per database, whose page cache other writers do not invalidate; reads
 * outside a write transaction stay on the thread's own connection. Write
 * transactions that follow each other there commit in groups: db_commit
 * returns once the group's COMMIT is done, with its outcome, so a write is
 * durable before its caller answers (store/sqlite_queue.h). */
int db_begin(struct db *db, enum db_txn kind);
/* Whether another writer of this process waits for the write lock that
 * db's transaction holds (SQLite's queue; false on PostgreSQL, where
 * writers take row locks, not the database's): a long writer in steps may
 * commit early for it. */
bool db_writers_waiting(struct db *db);
/* True between db_begin and db_commit / db_rollback. */
bool db_in_txn(struct db *db);
/* Writes the appended rows, then commits. On failure the transaction is
 * still to be rolled back (db_rollback). */
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* Appends a row to a log that nothing reads back in the same transaction
 * (sensitive reads, say). sql is "INSERT INTO t (columns) VALUES (...)",
 * the values using $1..$k bound from types as db_query does ('i', 'b', 's'
 * or 'n'; on PostgreSQL an appended value is a bigint, boolean or text).
 * Outside a transaction this is db_run. Inside one the row is kept in
 * memory and db_commit writes the rows of each statement together, in one
 * statement, before it commits (SQLite: INSERT ... SELECT over json_each of
 * the rows; PostgreSQL: over unnest of one array per parameter, one round
 * trip); if that fails the commit fails, so the rows are durable when
 * db_commit succeeds, and lost with the transaction when it does not.
 * Until then queries do not see them. Returns HW_OK or a negative hw_err. */
int db_append(struct db *db, const char *sql, const char *types, ...);

/* PostgreSQL only: rows sent to "COPY t (columns) FROM STDIN" in its text
 * format (store/db_copy.h), many rows to a message, one round trip for the
 * whole copy. In a transaction, the copy is one of its statements (a lazy
 * BEGIN is sent first); outside one, a statement of its own.
 *
 * db_copy_begin starts the copy: HW_EINVAL on SQLite, which has no COPY.
 * Once it succeeded, db_copy_end must follow, on every path, and no other
 * statement may run on db in between (it fails with HW_EINVAL).
 * db_copy_row encodes a row, its values bound from types as db_query takes
 * them ('i', 'b', 's' with NULL as SQL NULL, 'n'), and sends what is
 * buffered once it passes a bounded size. A row that fails stops the copy:
 * later rows fail too, and db_copy_end aborts it. db_copy_end sends the
 * rest and ends the copy; it returns the first error of the copy, or HW_OK
 * with the rows copied in *rows (rows may be NULL). After an error the
 * transaction is to be rolled back (db_rollback ends a copy still open). */
int db_copy_begin(struct db *db, const char *sql);
int db_copy_row(struct db *db, const char *types, ...);
int db_copy_end(struct db *db, int64_t *rows);

/* Prepares (or takes from the cache) sql and binds one argument per letter of
 * types: 'i' int64_t, 'b' bool (int), 's' const char * (NULL binds NULL),
 * 'n' a NULL without an argument. Parameter k is $k. */
int db_query(struct db *db, struct db_stmt **out, const char *sql, const char *types, ...);
/* db_query, then the first row: HW_OK with st on that row (read its
 * columns, then db_reset), HW_ENOTFOUND when there is none, or an error;
 * st needs no reset unless HW_OK. */
int db_query_row(struct db *db, struct db_stmt **out, const char *sql, const char *types, ...);
/* Returns DB_ROW, DB_DONE, or a negative hw_err. */
int db_step(struct db_stmt *st);
/* Columns are 0-based; text stays valid until the next step or reset. */
int64_t db_col_int(struct db_stmt *st, int col);
bool db_col_bool(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col); /* NULL for SQL NULL */
bool db_col_is_null(struct db_stmt *st, int col);
/* Rows changed by the last completed INSERT/UPDATE/DELETE step. */
int64_t db_changes(struct db_stmt *st);
void db_reset(struct db_stmt *st);

/* One-shot helpers over db_query: run a statement to completion.
 * db_run returns rows changed (>= 0) or a negative hw_err. */
int64_t db_run(struct db *db, const char *sql, const char *types, ...);
/* Runs a query whose first column of the first row is an integer (a count,
 * a RETURNING id). HW_ENOTFOUND when no row. */
int db_scalar_int(struct db *db, int64_t *out, const char *sql, const char *types, ...);

/* Serialises the writers of one key until the transaction ends, where a
 * check and the write it guards must not interleave and no unique index can
 * say it: PostgreSQL's transaction-scoped advisory lock. On SQLite a write
 * transaction already holds the database's only write lock: nothing to do. */
int db_lock_key(struct db *db, int64_t key);

/* The calling thread's connection to the server's database, opened on first
 * use and closed when the thread exits (one connection per worker thread). */
int db_pool_init(const char *url);
int db_thread(struct db **out);
void db_pool_shutdown(void);

#endif
