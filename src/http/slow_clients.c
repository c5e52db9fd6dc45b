#include "http/slow_clients.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "base/err.h"
#include "base/log.h"

enum {
    TICK_MS = 250,          /* how often the watchdog looks */
    REPORT_EVERY_S = 60,    /* how often it logs what it closed */
};

enum phase { FREE, WAIT_HEADERS, WAIT_BODY, BUSY };

struct slot {
    enum phase phase;
    bool cut;         /* shut down, waiting for libmicrohttpd to close it */
    int fd;
    int64_t since_ms; /* when the current wait began */
    uint64_t body_bytes;
    unsigned next_free;
};

struct slow_guard {
    struct slow_limits limits;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool stopping;
    struct slot *slots;
    unsigned capacity;
    unsigned free_head; /* capacity: none free */
    unsigned waiting_headers;
    /* Closed since the last report, by reason. */
    unsigned cut_headers, cut_body, cut_evicted, cut_no_room;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Closes the connection under libmicrohttpd's feet: it reads the end of the
 * stream and closes it itself. The fd stays open until the CLOSED
 * notification, which takes the lock this runs under, so it is never another
 * connection's fd. */
static void cut(struct slow_guard *g, struct slot *s)
{
    if (s->cut)
        return;
    if (s->phase == WAIT_HEADERS)
        g->waiting_headers--;
    s->cut = true;
    shutdown(s->fd, SHUT_RDWR);
}

static void set_phase(struct slow_guard *g, struct slot *s, enum phase phase)
{
    if (s->cut)
        return;
    if (s->phase == WAIT_HEADERS)
        g->waiting_headers--;
    if (phase == WAIT_HEADERS)
        g->waiting_headers++;
    s->phase = phase;
    s->since_ms = now_ms();
    s->body_bytes = 0;
}

static struct slot *slot_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static bool body_too_slow(const struct slow_guard *g, const struct slot *s, int64_t now)
{
    int64_t allowed_ms = (int64_t)g->limits.header_timeout_s * 1000 +
                         (int64_t)(s->body_bytes * 1000 / g->limits.body_min_rate);
    return now - s->since_ms > allowed_ms;
}

static bool past_bound(const struct slow_guard *g, const struct slot *s, int64_t now)
{
    if (s->phase == WAIT_HEADERS)
        return now - s->since_ms > (int64_t)g->limits.header_timeout_s * 1000;
    if (s->phase == WAIT_BODY)
        return body_too_slow(g, s, now);
    return false;
}

/* The connection that has waited longest for its headers. */
static struct slot *oldest_waiting(struct slow_guard *g)
{
    struct slot *oldest = NULL;
    for (unsigned i = 0; i < g->capacity; i++) {
        struct slot *s = &g->slots[i];
        if (s->phase == WAIT_HEADERS && !s->cut && (!oldest || s->since_ms < oldest->since_ms))
            oldest = s;
    }
    return oldest;
}

static void on_started(struct slow_guard *g, struct MHD_Connection *conn, void **socket_context)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!ci)
        return;
    pthread_mutex_lock(&g->lock);
    if (g->free_head == g->capacity) {
        /* More connections than the limit the guard was sized for. */
        shutdown(ci->connect_fd, SHUT_RDWR);
        g->cut_no_room++;
        pthread_mutex_unlock(&g->lock);
        return;
    }
    struct slot *s = &g->slots[g->free_head];
    g->free_head = s->next_free;
    *s = (struct slot){.phase = FREE, .fd = ci->connect_fd};
    set_phase(g, s, WAIT_HEADERS);
    *socket_context = s;
    if (g->waiting_headers > g->limits.header_conns) {
        struct slot *victim = oldest_waiting(g);
        if (victim && victim != s) {
            cut(g, victim);
            g->cut_evicted++;
        }
    }
    pthread_mutex_unlock(&g->lock);
}

static void on_closed(struct slow_guard *g, void **socket_context)
{
    struct slot *s = *socket_context;
    if (!s)
        return;
    pthread_mutex_lock(&g->lock);
    if (s->phase == WAIT_HEADERS && !s->cut)
        g->waiting_headers--;
    s->phase = FREE;
    s->next_free = g->free_head;
    g->free_head = (unsigned)(s - g->slots);
    pthread_mutex_unlock(&g->lock);
    *socket_context = NULL;
}

void slow_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                       enum MHD_ConnectionNotificationCode code)
{
    struct slow_guard *g = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED)
        on_started(g, conn, socket_context);
    else if (code == MHD_CONNECTION_NOTIFY_CLOSED)
        on_closed(g, socket_context);
}

static void move_to(struct slow_guard *g, struct MHD_Connection *conn, enum phase phase)
{
    struct slot *s = slot_of(conn);
    if (!s)
        return;
    pthread_mutex_lock(&g->lock);
    set_phase(g, s, phase);
    pthread_mutex_unlock(&g->lock);
}

void slow_guard_headers_in(struct slow_guard *g, struct MHD_Connection *conn)
{
    move_to(g, conn, WAIT_BODY);
}

void slow_guard_request_in(struct slow_guard *g, struct MHD_Connection *conn)
{
    move_to(g, conn, BUSY);
}

void slow_guard_answered(struct slow_guard *g, struct MHD_Connection *conn)
{
    move_to(g, conn, WAIT_HEADERS);
}

bool slow_guard_body_in(struct slow_guard *g, struct MHD_Connection *conn, size_t size)
{
    struct slot *s = slot_of(conn);
    if (!s)
        return true;
    pthread_mutex_lock(&g->lock);
    s->body_bytes += size;
    bool ok = !s->cut && !body_too_slow(g, s, now_ms());
    if (!ok && !s->cut) {
        s->cut = true; /* the caller closes it */
        g->cut_body++;
    }
    pthread_mutex_unlock(&g->lock);
    return ok;
}

static void report(struct slow_guard *g)
{
    unsigned total = g->cut_headers + g->cut_body + g->cut_evicted + g->cut_no_room;
    if (total)
        log_warn("slow clients: closed %u connections in %ds (headers too slow %u, body too"
                 " slow %u, oldest of too many waiting for headers %u, over the limit %u)",
                 total, REPORT_EVERY_S, g->cut_headers, g->cut_body, g->cut_evicted,
                 g->cut_no_room);
    g->cut_headers = g->cut_body = g->cut_evicted = g->cut_no_room = 0;
}

static void *watchdog(void *arg)
{
    struct slow_guard *g = arg;
    int64_t next_report = now_ms() + REPORT_EVERY_S * 1000;
    pthread_mutex_lock(&g->lock);
    while (!g->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += TICK_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g->wake, &g->lock, &until);
        int64_t now = now_ms();
        for (unsigned i = 0; i < g->capacity; i++) {
            struct slot *s = &g->slots[i];
            if (s->phase == FREE || s->cut || !past_bound(g, s, now))
                continue;
            if (s->phase == WAIT_HEADERS)
                g->cut_headers++;
            else
                g->cut_body++;
            cut(g, s);
        }
        if (now >= next_report) {
            report(g);
            next_report = now + REPORT_EVERY_S * 1000;
        }
    }
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

int slow_guard_create(const struct slow_limits *limits, unsigned capacity,
                      struct slow_guard **out)
{
    if (!limits->header_timeout_s || !limits->body_min_rate || !limits->header_conns ||
        !capacity)
        return HW_EINVAL;
    struct slow_guard *g = calloc(1, sizeof *g);
    struct slot *slots = calloc(capacity, sizeof *slots);
    if (!g || !slots) {
        free(g);
        free(slots);
        return HW_ENOMEM;
    }
    g->limits = *limits;
    g->slots = slots;
    g->capacity = capacity;
    for (unsigned i = 0; i < capacity; i++)
        slots[i].next_free = i + 1;
    g->free_head = 0;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    int failed = pthread_mutex_init(&g->lock, NULL) || pthread_cond_init(&g->wake, &attr);
    pthread_condattr_destroy(&attr);
    if (failed || pthread_create(&g->thread, NULL, watchdog, g) != 0) {
        free(slots);
        free(g);
        return HW_ENOMEM;
    }
    *out = g;
    return HW_OK;
}

void slow_guard_destroy(struct slow_guard *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->lock);
    g->stopping = true;
    report(g);
    pthread_cond_signal(&g->wake);
    pthread_mutex_unlock(&g->lock);
    pthread_join(g->thread, NULL);
    pthread_mutex_destroy(&g->lock);
    pthread_cond_destroy(&g->wake);
    free(g->slots);
    free(g);
}
