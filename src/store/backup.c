#include "store/backup.h"

#include <sqlite3.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/err.h"
#include "base/log.h"
#include "store/db.h"

enum { PAGES_PER_STEP = 256, BUSY_SLEEP_MS = 50 };

/* Copies in steps so writers are blocked only briefly; if a writer changes
 * the source between steps, SQLite restarts the copy, so the result is one
 * consistent snapshot. */
static int backup_sqlite(const char *path, const char *file)
{
    sqlite3 *src = NULL, *dst = NULL;
    int rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_open(file, &dst);
    if (rc != SQLITE_OK) {
        log_error("backup: cannot open %s: %s", rc == SQLITE_OK ? file : path,
                  sqlite3_errstr(rc));
        sqlite3_close(src);
        sqlite3_close(dst);
        return HW_EIO;
    }
    sqlite3_busy_timeout(src, 5000);
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        log_error("backup: %s", sqlite3_errmsg(dst));
        sqlite3_close(src);
        sqlite3_close(dst);
        return HW_EIO;
    }
    do {
        rc = sqlite3_backup_step(b, PAGES_PER_STEP);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(BUSY_SLEEP_MS);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    int err = rc == SQLITE_DONE ? HW_OK : HW_EIO;
    if (err != HW_OK)
        log_error("backup: %s", sqlite3_errstr(rc));
    sqlite3_close(src);
    if (sqlite3_close(dst) != SQLITE_OK)
        err = HW_EIO;
    return err;
}

/* pg_dump takes a consistent snapshot; the URL is passed as an argument,
 * never through a shell. */
static int backup_postgres(const char *url, const char *file)
{
    pid_t pid = fork();
    if (pid < 0)
        return HW_EIO;
    if (pid == 0) {
        execlp("pg_dump", "pg_dump", "--format=custom", "--file", file, "--dbname", url,
               (char *)NULL);
        fprintf(stderr, "backup: cannot run pg_dump (install postgresql-client)\n");
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        log_error("backup: pg_dump failed");
        return HW_EIO;
    }
    return HW_OK;
}

int backup_database(const char *db_url, const char *file)
{
    if (access(file, F_OK) == 0) {
        log_error("backup: %s exists; refusing to overwrite it", file);
        return HW_EINVAL;
    }
    return db_url_is_postgres(db_url) ? backup_postgres(db_url, file)
                                      : backup_sqlite(db_url, file);
}
