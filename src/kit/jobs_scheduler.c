#include "kit/jobs_scheduler.h"

#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "kit/jobs_core.h"

static struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool started, running, woken;
    char *url;
    const struct job_kind *kinds[JOBS_KINDS_MAX];
    size_t nkinds;
} sched = {.lock = PTHREAD_MUTEX_INITIALIZER};

size_t jobs_collect_kinds(const struct capability *const *caps, size_t n,
                          const struct job_kind **kinds, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < caps[i]->njobs && count < max; k++)
            kinds[count++] = &caps[i]->jobs[k];
    return count;
}

void jobs_scheduler_wake(void)
{
    pthread_mutex_lock(&sched.lock);
    sched.woken = true;
    if (sched.started)
        pthread_cond_signal(&sched.cond);
    pthread_mutex_unlock(&sched.lock);
}

static bool still_running(void)
{
    pthread_mutex_lock(&sched.lock);
    bool r = sched.running;
    pthread_mutex_unlock(&sched.lock);
    return r;
}

/* Sleeps until woken, stopped, or JOBS_POLL_MS have passed. */
static void pause_a_while(void)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += JOBS_POLL_MS / 1000;
    until.tv_nsec += (long)(JOBS_POLL_MS % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&sched.lock);
    while (sched.running && !sched.woken)
        if (pthread_cond_timedwait(&sched.cond, &sched.lock, &until) != 0)
            break;
    sched.woken = false;
    pthread_mutex_unlock(&sched.lock);
}

static void *scheduler_loop(void *arg)
{
    (void)arg;
    /* The server's main thread takes SIGTERM/SIGINT with sigwait(). */
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &mask, NULL);

    struct db *db = NULL;
    int64_t last_complaint = 0;
    while (still_running()) {
        int rc = db ? HW_OK : db_open(sched.url, &db);
        int ran = 0;
        bool more = true;
        /* One job at a time, so a stop waits for one job at most. */
        while (rc == HW_OK && more && ran < JOBS_BATCH && still_running())
            if ((rc = jobs_run_one(db, sched.kinds, sched.nkinds, &more)) == HW_OK && more)
                ran++;
        if (rc != HW_OK) {
            struct timespec t;
            clock_gettime(CLOCK_MONOTONIC, &t);
            if (t.tv_sec - last_complaint >= 30) {
                log_warn("jobs: scheduler round failed: %s%s%s", hw_strerror(rc), db ? "; " : "",
                         db ? db_errmsg(db) : "");
                last_complaint = t.tv_sec;
            }
            if (db && rc != HW_EBUSY) {
                /* A lost connection is opened afresh on the next round. */
                db_close(db);
                db = NULL;
            }
        }
        if (rc == HW_OK && ran == JOBS_BATCH)
            continue; /* more may be due: go on (still_running() checks for a stop) */
        pause_a_while();
    }
    db_close(db);
    return NULL;
}

int jobs_scheduler_start(const char *db_url, const struct capability *const *caps, size_t n)
{
    if (sched.started)
        return HW_EINVAL;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += caps[i]->njobs;
    if (total > JOBS_KINDS_MAX)
        return HW_ELIMIT;
    sched.nkinds = jobs_collect_kinds(caps, n, sched.kinds, JOBS_KINDS_MAX);
    for (size_t i = 0; i < sched.nkinds; i++)
        for (size_t k = 0; k < i; k++)
            if (strcmp(sched.kinds[i]->name, sched.kinds[k]->name) == 0) {
                log_error("jobs: two handlers for job kind %s", sched.kinds[i]->name);
                return HW_EINVAL;
            }
    if (sodium_init() < 0)
        return HW_EIO;
    signal(SIGPIPE, SIG_IGN);
    sched.url = strdup(db_url);
    if (!sched.url)
        return HW_ENOMEM;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&sched.cond, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_lock(&sched.lock);
    sched.running = true;
    sched.started = true;
    pthread_mutex_unlock(&sched.lock);
    if (pthread_create(&sched.thread, NULL, scheduler_loop, NULL) != 0) {
        pthread_mutex_lock(&sched.lock);
        sched.running = sched.started = false;
        pthread_mutex_unlock(&sched.lock);
        pthread_cond_destroy(&sched.cond);
        free(sched.url);
        sched.url = NULL;
        return HW_ENOMEM;
    }
    /* The test clock moving forward may make jobs due at once. */
    clock_on_advance(jobs_scheduler_wake);
    log_info("jobs: scheduler started with %zu job kinds", sched.nkinds);
    return HW_OK;
}

bool jobs_scheduler_stopping(void)
{
    pthread_mutex_lock(&sched.lock);
    bool stopping = sched.started && !sched.running;
    pthread_mutex_unlock(&sched.lock);
    return stopping;
}

void jobs_scheduler_stop(void)
{
    pthread_mutex_lock(&sched.lock);
    bool started = sched.started;
    sched.running = false;
    if (started)
        pthread_cond_signal(&sched.cond);
    pthread_mutex_unlock(&sched.lock);
    if (!started)
        return;
    clock_on_advance(NULL);
    pthread_join(sched.thread, NULL);
    pthread_mutex_lock(&sched.lock);
    sched.started = false;
    pthread_mutex_unlock(&sched.lock);
    pthread_cond_destroy(&sched.cond);
    free(sched.url);
    sched.url = NULL;
}
