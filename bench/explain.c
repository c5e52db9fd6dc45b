#include "explain.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

enum { CAPTURE_MAX = 32 };

static FILE *out;
static char *captured[CAPTURE_MAX];
static int ncaptured;

void explain_enable(FILE *f) { out = f; }

void explain_reset(void)
{
    for (int i = 0; i < ncaptured; i++)
        free(captured[i]);
    ncaptured = 0;
}

/* Linked with -Wl,--wrap=sqlite3_prepare_v3: what src/store/sqlite.c prepares. */
int __real_sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned flags,
                              sqlite3_stmt **st, const char **tail);
int __wrap_sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned flags,
                              sqlite3_stmt **st, const char **tail);
int __wrap_sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned flags,
                              sqlite3_stmt **st, const char **tail)
{
    if (out && ncaptured < CAPTURE_MAX && (captured[ncaptured] = strdup(sql)))
        ncaptured++;
    return __real_sqlite3_prepare_v3(db, sql, n, flags, st, tail);
}

static void print_notice(void *arg, const char *message)
{
    (void)arg;
    fputs(message, out);
}

/* Linked with -Wl,--wrap=PQsetNoticeProcessor: src/store/pg.c silences
 * notices; while explaining they carry the plans, so print them. */
PQnoticeProcessor __real_PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg);
PQnoticeProcessor __wrap_PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg);
PQnoticeProcessor __wrap_PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg)
{
    return __real_PQsetNoticeProcessor(conn, out ? print_notice : proc, arg);
}

int explain_session(struct db *db)
{
    if (db_kind(db) != DB_POSTGRES)
        return HW_OK;
    return db_exec(db, "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0;"
                       " SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on;"
                       " SET auto_explain.log_level = notice");
}

int explain_print(struct db *db, const char *path)
{
    if (db_kind(db) != DB_SQLITE)
        return HW_OK;
    sqlite3 *conn;
    if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(conn);
        return HW_EDB;
    }
    int rc = HW_OK;
    for (int i = 0; rc == HW_OK && i < ncaptured; i++) {
        if (strncmp(captured[i], "SELECT", 6) != 0 && strncmp(captured[i], "WITH", 4) != 0)
            continue;
        size_t len = strlen(captured[i]) + 32;
        char *sql = malloc(len);
        sqlite3_stmt *st = NULL;
        if (!sql) {
            rc = HW_ENOMEM;
            break;
        }
        snprintf(sql, len, "EXPLAIN QUERY PLAN %s", captured[i]);
        fprintf(out, "\n  SQL: %s\n", captured[i]);
        if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK) {
            fprintf(out, "  (cannot explain: %s)\n", sqlite3_errmsg(conn));
        } else {
            while (sqlite3_step(st) == SQLITE_ROW)
                fprintf(out, "    %3d %3d %s\n", sqlite3_column_int(st, 0),
                        sqlite3_column_int(st, 1), (const char *)sqlite3_column_text(st, 3));
        }
        sqlite3_finalize(st);
        free(sql);
    }
    sqlite3_close(conn);
    return rc;
}
