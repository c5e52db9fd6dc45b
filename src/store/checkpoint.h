/* SQLite only: checkpoints the write-ahead log from a background thread of
 * `hongwu serve`, so no request pays for copying the WAL back into the
 * database (that spike was the p99 of logged reads, docs/benchmarks.md).
 *
 * The thread runs once a second, and sooner when a commit has left the WAL
 * at CHECKPOINT_WAKE_PAGES or more (sqlite.c's WAL hook wakes it). Its
 * PASSIVE checkpoints copy the WAL while writes go on. A writer starts the
 * WAL again from its beginning only when a checkpoint copied it whole and no
 * reader still reads an older snapshot: under steady reads and writes that
 * never happens, and the WAL grows (to hundreds of MB in a 10-second
 * benchmark, every page lookup searching more of the WAL index). So past
 * CHECKPOINT_SAFETY_PAGES the thread takes its turn in the writers' queue
 * (sqlite_queue.h) and runs a RESTART checkpoint: it copies the rest,
 * waits for readers of older snapshots, and starts the WAL again. Writers
 * wait for that (an fsync or two), once per SAFETY pages at most. */
#ifndef HONGWU_STORE_CHECKPOINT_H
#define HONGWU_STORE_CHECKPOINT_H

#include <stdbool.h>

enum {
    CHECKPOINT_EVERY_MS = 1000,
    /* WAL pages after a commit that wake the thread early (16 MiB at 4 KiB
     * pages): below 4062 frames every page lookup stays in the WAL index's
     * first hash table. */
    CHECKPOINT_WAKE_PAGES = 4000,
    /* At most one checkpoint per this many milliseconds, woken or not: each
     * one that copies anything costs two fsyncs. */
    CHECKPOINT_MIN_GAP_MS = 50,
    /* WAL pages (64 MiB) past which the thread restarts the WAL in the
     * writers' queue. */
    CHECKPOINT_SAFETY_PAGES = 16384,
    /* A connection checkpoints itself only past this many (the thread has
     * fallen far behind), or without the thread (the command line) past
     * SQLite's default threshold. */
    CHECKPOINT_WORKER_PAGES = 4 * CHECKPOINT_SAFETY_PAGES,
    CHECKPOINT_ALONE_PAGES = 1000,
    /* How long a RESTART in the writers' turn waits for readers of older
     * snapshots before it gives up until the next round. */
    CHECKPOINT_READERS_WAIT_MS = 20,
};

/* Starts the thread for a SQLite URL; does nothing for PostgreSQL. */
int checkpoint_start(const char *db_url);
void checkpoint_stop(void);

/* Whether the thread runs (in this process). */
bool checkpoint_running(void);
/* Asks the thread for a checkpoint soon; cheap when already asked. */
void checkpoint_wake(void);

#endif
