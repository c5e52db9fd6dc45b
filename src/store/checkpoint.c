#include "store/checkpoint.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#include "base/err.h"
#include "base/log.h"
#include "store/db.h"

static pthread_t thread;
static atomic_bool running;
static struct db *conn;

static void *checkpoint_loop(void *arg)
{
    (void)arg;
    struct timespec pause = {CHECKPOINT_EVERY_MS / 1000, (CHECKPOINT_EVERY_MS % 1000) * 1000000L};
    while (atomic_load(&running)) {
        nanosleep(&pause, NULL);
        /* PASSIVE never waits for readers or writers; what it cannot copy
         * now it copies on a later round. */
        if (db_exec(conn, "PRAGMA wal_checkpoint(PASSIVE)") != HW_OK)
            log_warn("checkpoint: failed; workers checkpoint past %d pages",
                     CHECKPOINT_SAFETY_PAGES);
    }
    return NULL;
}

int checkpoint_start(const char *db_url)
{
    if (db_url_is_postgres(db_url))
        return HW_OK;
    int rc = db_open(db_url, &conn);
    if (rc != HW_OK)
        return rc;
    atomic_store(&running, true);
    if (pthread_create(&thread, NULL, checkpoint_loop, NULL) != 0) {
        atomic_store(&running, false);
        db_close(conn);
        conn = NULL;
        return HW_ENOMEM;
    }
    return HW_OK;
}

void checkpoint_stop(void)
{
    if (!conn)
        return;
    atomic_store(&running, false);
    pthread_join(thread, NULL);
    db_close(conn);
    conn = NULL;
}
