/* The writers' queue of a SQLite database file, and its groups
 * (sqlite_queue.h). */
#include "store/sqlite_queue.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/log.h"

struct waiter {
    pthread_cond_t wake;
    bool granted;
    bool joins; /* writes on the shared writer: may join an open group */
    struct waiter *next;
};

/* The write transactions of one open transaction on the shared writer. */
struct group {
    int members; /* joined so far, the first included */
    int waiting; /* members waiting for the outcome */
    bool over;
    int result;
    pthread_cond_t done;
};

struct write_queue {
    struct write_queue *next; /* in the list of open databases */
    char *path;
    int users; /* connections open on it */
    pthread_mutex_t mu;
    bool held;
    struct waiter *head, *tail; /* FIFO */
    struct group *group;        /* the open group, if any */
    void *writer;               /* the shared writer (sqlite.c) */
    bool writer_failed;
};

static pthread_mutex_t queues_mu = PTHREAD_MUTEX_INITIALIZER;
static struct write_queue *queues;

struct write_queue *write_queue_get(const char *path)
{
    if (!path || !*path)
        return NULL;
    pthread_mutex_lock(&queues_mu);
    struct write_queue *q;
    for (q = queues; q; q = q->next)
        if (strcmp(q->path, path) == 0)
            break;
    if (!q && (q = calloc(1, sizeof *q)) && !(q->path = strdup(path))) {
        free(q);
        q = NULL;
    } else if (q && !q->users) {
        pthread_mutex_init(&q->mu, NULL);
        q->next = queues;
        queues = q;
    }
    if (q)
        q->users++;
    pthread_mutex_unlock(&queues_mu);
    return q;
}

void *write_queue_put(struct write_queue *q)
{
    if (!q)
        return NULL;
    void *writer = NULL;
    pthread_mutex_lock(&queues_mu);
    if (--q->users == 0) {
        for (struct write_queue **p = &queues; *p; p = &(*p)->next) {
            if (*p == q) {
                *p = q->next;
                break;
            }
        }
        writer = q->writer;
        pthread_mutex_destroy(&q->mu);
        free(q->path);
        free(q);
    }
    pthread_mutex_unlock(&queues_mu);
    return writer;
}

int write_queue_acquire(struct write_queue *q, bool joins, int timeout_ms)
{
    pthread_mutex_lock(&q->mu);
    if (!q->held && !q->head) {
        q->held = true;
        pthread_mutex_unlock(&q->mu);
        return HW_OK;
    }
    struct waiter w = {.granted = false, .joins = joins};
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w.wake, &attr);
    pthread_condattr_destroy(&attr);
    if (q->tail)
        q->tail->next = &w;
    else
        q->head = &w;
    q->tail = &w;
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    int rc = 0;
    while (!w.granted && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&w.wake, &q->mu, &until);
    if (!w.granted) {
        /* Out of the queue: nobody will hand it to us now. */
        struct waiter *prev = NULL;
        for (struct waiter *p = q->head; p; prev = p, p = p->next) {
            if (p == &w) {
                if (prev)
                    prev->next = w.next;
                else
                    q->head = w.next;
                if (q->tail == &w)
                    q->tail = prev;
                break;
            }
        }
    }
    pthread_mutex_unlock(&q->mu);
    pthread_cond_destroy(&w.wake);
    if (!w.granted)
        log_warn("sqlite: waited %d ms for the write lock", timeout_ms);
    return w.granted ? HW_OK : HW_EBUSY;
}

/* Hands the turn to the first waiter, or frees the queue. Holding q->mu. */
static void hand_over(struct write_queue *q)
{
    struct waiter *w = q->head;
    if (w) {
        q->head = w->next;
        if (!q->head)
            q->tail = NULL;
        w->granted = true; /* held stays true: it passes to w */
        pthread_cond_signal(&w->wake);
    } else {
        q->held = false;
    }
}

void write_queue_release(struct write_queue *q)
{
    pthread_mutex_lock(&q->mu);
    hand_over(q);
    pthread_mutex_unlock(&q->mu);
}

bool write_queue_waited_for(struct write_queue *q)
{
    pthread_mutex_lock(&q->mu);
    bool waiting = q->head != NULL;
    pthread_mutex_unlock(&q->mu);
    return waiting;
}

void **write_queue_writer(struct write_queue *q, bool **failed)
{
    *failed = &q->writer_failed;
    return &q->writer;
}

int write_queue_group_members(struct write_queue *q) { return q->group ? q->group->members : 0; }

void write_queue_group_join(struct write_queue *q)
{
    if (q->group)
        q->group->members++;
}

bool write_queue_group_pass(struct write_queue *q, bool mine, int *result)
{
    struct group *g = q->group;
    if (!g && mine) {
        /* The first member: a group begins. */
        if (!(g = calloc(1, sizeof *g)))
            return false;
        g->members = 1;
        pthread_cond_init(&g->done, NULL);
    }
    if (!g)
        return false;
    pthread_mutex_lock(&q->mu);
    if (g->members >= WRITE_GROUP_MAX || !q->head || !q->head->joins) {
        pthread_mutex_unlock(&q->mu);
        if (!q->group) { /* made just now: nobody else knows it */
            pthread_cond_destroy(&g->done);
            free(g);
        }
        return false;
    }
    q->group = g;
    hand_over(q);
    if (!mine) {
        pthread_mutex_unlock(&q->mu);
        return true;
    }
    g->waiting++;
    while (!g->over)
        pthread_cond_wait(&g->done, &q->mu);
    *result = g->result;
    bool last = --g->waiting == 0;
    pthread_mutex_unlock(&q->mu);
    if (last) {
        pthread_cond_destroy(&g->done);
        free(g);
    }
    return true;
}

void write_queue_group_end(struct write_queue *q, int result)
{
    struct group *g = q->group;
    if (!g)
        return;
    pthread_mutex_lock(&q->mu);
    q->group = NULL;
    g->over = true;
    g->result = result;
    bool unused = g->waiting == 0;
    pthread_cond_broadcast(&g->done);
    pthread_mutex_unlock(&q->mu);
    if (unused) {
        pthread_cond_destroy(&g->done);
        free(g);
    }
}
