/* SQLite only: checkpoints the write-ahead log from a background thread of
 * `hongwu serve`, so no request pays for copying the WAL back into the
 * database (that spike was the p99 of logged reads, docs/benchmarks.md).
 *
 * The thread runs once a second, and sooner when a commit has left the WAL
 * at CHECKPOINT_WAKE_PAGES or more (sqlite.c's WAL hook wakes it): a short
 * WAL is restarted from its beginning often, so commits overwrite pages the
 * OS already holds instead of growing the file, and reads find their pages
 * in fewer WAL-index tables. Worker connections checkpoint themselves only
 * past a large safety limit, after letting go of the write lock. */
#ifndef HONGWU_STORE_CHECKPOINT_H
#define HONGWU_STORE_CHECKPOINT_H

#include <stdbool.h>

enum {
    CHECKPOINT_EVERY_MS = 1000,
    /* WAL pages after a commit that wake the thread early (4 MiB at 4 KiB
     * pages; SQLite's own automatic checkpoint threshold is 1000). */
    CHECKPOINT_WAKE_PAGES = 1000,
    /* At most one checkpoint per this many milliseconds, woken or not. */
    CHECKPOINT_MIN_GAP_MS = 10,
    /* Pages in the WAL before a worker checkpoints anyway (64 MiB): reached
     * only if the background thread falls behind. */
    CHECKPOINT_SAFETY_PAGES = 16384,
    /* Without the thread (the command line), connections checkpoint at
     * SQLite's default threshold. */
    CHECKPOINT_ALONE_PAGES = 1000,
};

/* Starts the thread for a SQLite URL; does nothing for PostgreSQL. */
int checkpoint_start(const char *db_url);
void checkpoint_stop(void);

/* Whether the thread runs (in this process). */
bool checkpoint_running(void);
/* Asks the thread for a checkpoint soon; cheap when already asked. */
void checkpoint_wake(void);

#endif
