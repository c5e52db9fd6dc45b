/* SQLite only: checkpoints the write-ahead log from a background thread of
 * `hongwu serve`, so no request pays for copying the WAL back into the
 * database (that spike was the p99 of logged reads, docs/benchmarks.md).
 * Worker connections then checkpoint only past a large safety limit. */
#ifndef HONGWU_STORE_CHECKPOINT_H
#define HONGWU_STORE_CHECKPOINT_H

enum {
    CHECKPOINT_EVERY_MS = 1000,
    /* Pages in the WAL before a worker checkpoints anyway (64 MiB at 4 KiB
     * pages): reached only if the background thread falls behind. */
    CHECKPOINT_SAFETY_PAGES = 16384,
};

/* Starts the thread for a SQLite URL; does nothing for PostgreSQL. */
int checkpoint_start(const char *db_url);
void checkpoint_stop(void);

#endif
