/* Temporary SQLite files for the unit tests that need a database. */
#ifndef HONGWU_TESTS_UNIT_DB_H
#define HONGWU_TESTS_UNIT_DB_H

#include <stdio.h>
#include <unistd.h>

/* A per-process path such as /tmp/hongwu-unit-place-1234.db. */
static inline void unit_db_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "/tmp/hongwu-unit-%s-%d.db", name, (int)getpid());
}

/* Removes the database and the WAL files SQLite keeps beside it. */
static inline void unit_db_remove(const char *path)
{
    char extra[128];
    unlink(path);
    /* A name too long for extra is never unlinked cut short. */
    if (snprintf(extra, sizeof extra, "%s-wal", path) < (int)sizeof extra)
        unlink(extra);
    if (snprintf(extra, sizeof extra, "%s-shm", path) < (int)sizeof extra)
        unlink(extra);
}

#endif
