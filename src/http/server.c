#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/err.h"
#include "base/log.h"
#include "http/access_log.h"
#include "http/client_addr.h"
#include "http/client_limit.h"
#include "http/offload.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/request_rules.h"
#include "http/response.h"
#include "http/router.h"
#include "http/slow_capacity.h"
#include "http/slow_clients.h"

enum {
    SHUTDOWN_GRACE_S = 20,
    BODY_FIRST_ALLOC = 16 * 1024,
    BODY_TRUSTED_LENGTH = 1024 * 1024,
    BODY_DRAIN_MAX = 4 * 1024 * 1024, /* bytes past the cap read for a 413, then closed */
    LOG_TARGET_MAX = 400,             /* bytes of the target the access log keeps */
};

struct server {
    struct server_config cfg;
    atomic_int in_flight;
    struct slow_guard *guard;
};

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static enum lang pick_lang(const char *accept)
{
    /* The first zh or en tag wins; zh-CN is the default. */
    for (const char *p = accept; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (strncasecmp(p, "en", 2) == 0)
            return LANG_EN;
        if (strncasecmp(p, "zh", 2) == 0)
            return LANG_ZH;
        p = strchr(p, ',');
    }
    return LANG_ZH;
}

/* Made when libmicrohttpd has read the request line (MHD_OPTION_URI_LOG_CALLBACK),
 * so the access log has the target as it was received, before decoding. */
static struct request *request_alloc(struct MHD_Connection *conn, const char *target)
{
    struct arena *a = arena_create();
    if (!a)
        return NULL;
    struct request *req = arena_alloc(a, sizeof *req);
    if (!req) {
        arena_destroy(a);
        return NULL;
    }
    *req = (struct request){.conn = conn, .arena = a, .started_us = now_us()};
    /* Never the query string: it may hold secrets. */
    req->target = arena_strndup(a, target, strcspn(target, "?"));
    return req;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    return request_alloc(conn, uri ? uri : "");
}

/* Fills in what the headers say; false when out of memory. */
static bool request_begin(struct server *srv, struct request *req, const char *url,
                          const char *method)
{
    struct arena *a = req->arena;
    char client[CLIENT_ADDR_LEN];
    client_addr_of(req->conn, &srv->cfg.trusted, client);
    req->method = arena_strdup(a, method);
    req->path = arena_strdup(a, url);
    req->client_ip = arena_strdup(a, client);
    if (!req->method || !req->path || !req->client_ip)
        return false;
    req->body_cap = router_body_cap(req, srv->cfg.max_body);
    req->lang = pick_lang(req_header(req, "Accept-Language"));
    return true;
}

static void body_free(void *req) { free(((struct request *)req)->body); }

/* Makes room for need bytes and a NUL, doubling as the body comes: memory
 * follows the bytes received, not the Content-Length announced (read before
 * authentication), which is trusted only up to BODY_TRUSTED_LENGTH. The
 * buffer is the heap's, not the arena's: growing it gives the old block
 * back (realloc), so a body costs about its size, not the sum of every
 * doubling; the arena frees it with the request. */
static bool body_reserve(struct request *req, size_t need)
{
    if (need + 1 <= req->body_alloc)
        return true;
    size_t want = req->body_alloc ? req->body_alloc * 2 : BODY_FIRST_ALLOC;
    const char *len = req_header(req, "Content-Length");
    if (!req->body_alloc && len) {
        unsigned long long announced = strtoull(len, NULL, 10);
        if (announced < BODY_TRUSTED_LENGTH && announced + 1 > want)
            want = (size_t)announced + 1;
    }
    while (want < need + 1)
        want *= 2;
    if (want > req->body_cap + 1)
        want = req->body_cap + 1;
    if (!req->body_alloc && arena_on_destroy(req->arena, body_free, req) != HW_OK)
        return false;
    char *grown = realloc(req->body, want);
    if (!grown)
        return false;
    req->body = grown;
    req->body_alloc = want;
    return true;
}

/* Appends a piece of the body; past the cap the rest is dropped, and counted. */
static void body_append(struct request *req, const char *data, size_t size)
{
    if (!req->body_too_large && size > req->body_cap - req->body_len)
        req->body_too_large = true;
    if (!req->body_too_large && !body_reserve(req, req->body_len + size))
        req->body_too_large = true; /* cannot hold it: refuse the same way */
    if (req->body_too_large) {
        req->body_dropped += size;
        return;
    }
    memcpy(req->body + req->body_len, data, size);
    req->body_len += size;
    req->body[req->body_len] = '\0';
}

/* Everything decided on the headers alone, in order: the message's framing,
 * the client's share of the server, then the route's own checks (session,
 * permission...) and its body cap. A request refused here has its answer
 * queued before any body is read, so no 100 Continue is sent for it
 * (RFC 9110 section 10.1.1). */
static void answer_head(struct request *req, const char *version)
{
    struct request_verdict v = request_rules_check(req->conn, version);
    if (v.status) {
        /* RFC 9112 section 6.3: the body's extent is unknown, so the
         * connection cannot carry another request. */
        req->refuse_body = true;
        respond_header(req, "Connection", "close");
        problem_send(req, v.status == 501 ? PROBLEM_NOT_IMPLEMENTED : PROBLEM_BAD_REQUEST,
                     v.detail);
        return;
    }
    if (!client_limit_acquire(req->client_ip)) {
        /* RFC 6585 section 4: too many requests from this client at once. */
        respond_header(req, "Retry-After", "1");
        problem_send(req, PROBLEM_TOO_MANY_REQUESTS, NULL);
        return;
    }
    req->limit_held = true;
    const char *len = req_header(req, "Content-Length");
    if (len && strtoull(len, NULL, 10) > req->body_cap)
        req->body_too_large = true;
    /* RFC 9110 section 15.5.14: a body over the cap is refused before it is
     * read. libmicrohttpd then reads no body of a POST or PUT and closes the
     * connection; of other methods at most BODY_DRAIN_MAX is read. */
    if (router_admit(req) && req->body_too_large)
        problem_send(req, PROBLEM_TOO_LARGE, NULL);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct server *srv = cls;
    struct request *req = *con_cls;
    if (!req) { /* the URI callback could not make one */
        req = request_alloc(conn, url);
        if (!req)
            return MHD_NO;
        *con_cls = req;
    }
    if (!req->method) { /* the first call: the headers are in, no body yet */
        if (!request_begin(srv, req, url, method))
            return MHD_NO;
        req->counted = true;
        atomic_fetch_add(&srv->in_flight, 1);
        slow_guard_headers_in(srv->guard, conn);
        answer_head(req, version);
        return MHD_YES;
    }
    /* A body that trickles in ends the connection (http/slow_clients.h). */
    if (*upload_data_size && !slow_guard_body_in(srv->guard, conn, *upload_data_size))
        return MHD_NO;
    if (!*upload_data_size)
        slow_guard_request_in(srv->guard, conn);
    if (*upload_data_size) {
        /* A body whose framing is in doubt ends the connection at once. */
        if (req->refuse_body)
            return MHD_NO;
        if (req->answered) /* answered on the headers: the body is dropped */
            req->body_dropped += *upload_data_size;
        else
            body_append(req, upload_data, *upload_data_size);
        *upload_data_size = 0;
        /* A dropped body is read only so far, so the client can still read
         * its answer; past that the connection is closed. */
        return req->body_dropped > BODY_DRAIN_MAX ? MHD_NO : MHD_YES;
    }
    if (req->deferred) { /* resumed: its offload thread has answered */
        offload_answer(req);
        return req->answered ? MHD_YES : MHD_NO;
    }
    if (req->answered)
        return MHD_YES;
    if (req->route && req->route->long_running && !req->body_too_large) {
        if (offload_start(req))
            return MHD_YES;
        problem_from_error(req, HW_EBUSY);
        return req->answered ? MHD_YES : MHD_NO;
    }
    router_dispatch(req);
    return req->answered ? MHD_YES : MHD_NO;
}

static int status_sent(struct request *req)
{
    if (req->answered)
        return req->status;
    /* Refused by libmicrohttpd itself (a malformed head) or not answered. */
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_HTTP_STATUS);
    return ci ? (int)ci->http_status : 0;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    struct server *srv = cls;
    struct request *req = *con_cls;
    slow_guard_answered(srv->guard, conn);
    if (!req)
        return;
    if (req->limit_held)
        client_limit_release(req->client_ip);
    char client[CLIENT_ADDR_LEN];
    if (!req->client_ip)
        client_addr_of(req->conn, &srv->cfg.trusted, client);
    const char *method = req->method ? access_log_escape(req->arena, req->method, 32) : "-";
    const char *target = access_log_escape(req->arena, req->target ? req->target : "-",
                                           LOG_TARGET_MAX);
    access_log_write(method ? method : "-", target ? target : "-", status_sent(req),
                     (double)(now_us() - req->started_us) / 1000.0, req->user_id,
                     req->client_ip ? req->client_ip : client);
    bool counted = req->counted;
    arena_destroy(req->arena);
    *con_cls = NULL;
    if (counted)
        atomic_fetch_sub(&srv->in_flight, 1);
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    log_warn("microhttpd: %s", line);
}

static int make_address(const struct server_config *cfg, struct sockaddr_storage *ss,
                        unsigned *flags)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, cfg->listen, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)cfg->port);
        return HW_OK;
    }
    if (inet_pton(AF_INET6, cfg->listen, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)cfg->port);
        *flags |= MHD_USE_IPv6;
        return HW_OK;
    }
    log_error("serve: --listen %s is not an IPv4 or IPv6 address", cfg->listen);
    return HW_EINVAL;
}

static void wait_for_in_flight(struct server *srv)
{
    for (int i = 0; i < SHUTDOWN_GRACE_S * 10 && atomic_load(&srv->in_flight) > 0; i++)
        usleep(100 * 1000);
    if (atomic_load(&srv->in_flight) > 0)
        log_warn("serve: %d requests still running after %ds; stopping anyway",
                 atomic_load(&srv->in_flight), SHUTDOWN_GRACE_S);
}

int server_run(const struct server_config *cfg)
{
    static struct server srv;
    srv.cfg = *cfg;
    atomic_store(&srv.in_flight, 0);

    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME;
    struct sockaddr_storage addr;
    if (make_address(cfg, &addr, &flags) != HW_OK)
        return HW_EINVAL;

    /* Workers inherit this mask, so only sigwait() below sees the signals. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct slow_capacity cap;
    if (slow_capacity_fit(cfg->threads, cfg->conn_limit, cfg->slow.header_conns, &cap) != HW_OK)
        return HW_EINVAL;
    struct slow_limits slow = cfg->slow;
    slow.header_conns = cap.header_conns;
    /* Room for connections libmicrohttpd has let go of but not yet reported closed. */
    if (slow_guard_create(&slow, cap.conns + cfg->threads + 16, &srv.guard) != HW_OK) {
        log_error("serve: cannot start the slow-client guard");
        return HW_ENOMEM;
    }
    log_info("serve: open files %lu (was %lu); %u connections (asked %u), at most %u waiting"
             " for headers; headers within %us, bodies at %u bytes/s",
             cap.files, cap.files_before, cap.conns, cfg->conn_limit, cap.header_conns,
             slow.header_timeout_s, slow.body_min_rate);

    /* Behind a trusted proxy every connection comes from the proxy: the
     * per-client limit is then hongwu's, by the address the proxy reports
     * (http/client_limit.h), and libmicrohttpd's per-address limit must let
     * the proxy open as many connections as the server takes. */
    unsigned per_peer = cfg->trusted.n > 0 ? cap.conns : cfg->per_ip_limit;
    if (client_limit_init(cap.conns, cfg->per_ip_limit) != HW_OK) {
        log_error("serve: out of memory for the per-client table");
        slow_guard_destroy(srv.guard);
        return HW_ENOMEM;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads, MHD_OPTION_CONNECTION_LIMIT,
        cap.conns, MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_peer,
        MHD_OPTION_NOTIFY_CONNECTION, slow_guard_notify, srv.guard,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->timeout_s,
        /* RFC 9112 section 3.2 (Host) and section 3 (no whitespace in the target). */
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv, MHD_OPTION_END);
    if (!d) {
        log_error("serve: cannot listen on %s port %u: %s", cfg->listen, cfg->port,
                  strerror(errno));
        slow_guard_destroy(srv.guard);
        client_limit_shutdown();
        return HW_EIO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : cfg->port;
    bool v6 = (flags & MHD_USE_IPv6) != 0;
    printf("listening on http://%s%s%s:%u\n", v6 ? "[" : "", cfg->listen, v6 ? "]" : "", port);
    fflush(stdout);
    log_info("serve: %u threads, body cap %zu bytes, web %s, %d trusted proxies", cfg->threads,
             cfg->max_body, cfg->web_dir ? cfg->web_dir : "(none)", cfg->trusted.n);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    log_info("serve: signal %d, finishing in-flight requests", sig);
    /* No MHD_quiesce_daemon here: with a thread pool on epoll it races a
     * worker that takes the listening socket out of its epoll set at its
     * connection limit, and libmicrohttpd 0.9.75 then aborts the process.
     * Requests that arrive while in-flight ones finish are answered too. */
    wait_for_in_flight(&srv);
    offload_drain(); /* a suspended connection must be resumed before the stop */
    MHD_stop_daemon(d);
    slow_guard_destroy(srv.guard);
    client_limit_shutdown();
    log_info("serve: stopped");
    return HW_OK;
}
