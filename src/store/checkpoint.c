#include "store/checkpoint.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#include "base/err.h"
#include "base/log.h"
#include "store/db.h"
#include "store/db_driver.h"

static pthread_t thread;
static atomic_bool running;
static struct db *conn;

static pthread_mutex_t wake_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake_cv;
static atomic_bool wake_asked;

static void deadline_in(struct timespec *t, long ms)
{
    clock_gettime(CLOCK_MONOTONIC, t);
    t->tv_sec += ms / 1000;
    t->tv_nsec += (ms % 1000) * 1000000L;
    if (t->tv_nsec >= 1000000000L) {
        t->tv_sec++;
        t->tv_nsec -= 1000000000L;
    }
}

static void *checkpoint_loop(void *arg)
{
    (void)arg;
    struct timespec gap = {0, CHECKPOINT_MIN_GAP_MS * 1000000L};
    while (atomic_load(&running)) {
        struct timespec until;
        deadline_in(&until, CHECKPOINT_EVERY_MS);
        pthread_mutex_lock(&wake_mu);
        while (!atomic_load(&wake_asked) && atomic_load(&running) &&
               pthread_cond_timedwait(&wake_cv, &wake_mu, &until) == 0)
            ;
        atomic_store(&wake_asked, false);
        pthread_mutex_unlock(&wake_mu);
        if (!atomic_load(&running))
            break;
        /* PASSIVE never waits for readers or writers: the WAL is copied
         * while writes go on (checkpoint.h). */
        int frames = 0, copied = 0;
        int rc = db_sqlite_checkpoint(conn, false, &frames, &copied);
        /* frames is the WAL's size when it started: writes added more
         * meanwhile, so "copied == frames" does not mean "copied whole". */
        if (rc == HW_OK && frames >= CHECKPOINT_SAFETY_PAGES)
            rc = db_sqlite_checkpoint(conn, true, &frames, &copied);
        if (rc != HW_OK && rc != HW_EBUSY) /* busy: a long reader, tried again later */
            log_warn("checkpoint: failed; workers checkpoint past %d pages",
                     CHECKPOINT_WORKER_PAGES);
        nanosleep(&gap, NULL);
    }
    return NULL;
}

bool checkpoint_running(void) { return atomic_load(&running); }

void checkpoint_wake(void)
{
    if (!atomic_load(&running) || atomic_exchange(&wake_asked, true))
        return; /* no thread, or asked already */
    pthread_mutex_lock(&wake_mu);
    pthread_cond_signal(&wake_cv);
    pthread_mutex_unlock(&wake_mu);
}

int checkpoint_start(const char *db_url)
{
    if (db_url_is_postgres(db_url))
        return HW_OK;
    int rc = db_open(db_url, &conn);
    if (rc != HW_OK)
        return rc;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&wake_cv, &attr);
    pthread_condattr_destroy(&attr);
    atomic_store(&wake_asked, false);
    atomic_store(&running, true);
    if (pthread_create(&thread, NULL, checkpoint_loop, NULL) != 0) {
        atomic_store(&running, false);
        pthread_cond_destroy(&wake_cv);
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
    pthread_mutex_lock(&wake_mu);
    atomic_store(&running, false);
    pthread_cond_signal(&wake_cv);
    pthread_mutex_unlock(&wake_mu);
    pthread_join(thread, NULL);
    pthread_cond_destroy(&wake_cv);
    db_close(conn);
    conn = NULL;
}
