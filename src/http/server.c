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
#include "http/request.h"
#include "http/router.h"

enum { SHUTDOWN_GRACE_S = 20, BODY_FIRST_ALLOC = 16 * 1024, BODY_TRUSTED_LENGTH = 1024 * 1024 };

struct server {
    struct server_config cfg;
    atomic_int in_flight;
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

static const char *client_ip(struct request *req, const struct server_config *cfg)
{
    if (cfg->trust_proxy) {
        const char *real = req_header(req, "X-Real-IP");
        if (real && strlen(real) < INET6_ADDRSTRLEN)
            return arena_strdup(req->arena, real);
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "unknown";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof buf);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf,
                      sizeof buf);
    }
    return arena_strdup(req->arena, buf);
}

static struct request *request_new(struct server *srv, struct MHD_Connection *conn,
                                   const char *url, const char *method)
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
    req->method = arena_strdup(a, method);
    req->path = arena_strdup(a, url);
    req->body_cap = router_body_cap(req, srv->cfg.max_body);
    req->lang = pick_lang(req_header(req, "Accept-Language"));
    req->client_ip = client_ip(req, &srv->cfg);
    if (!req->method || !req->path || !req->client_ip) {
        arena_destroy(a);
        return NULL;
    }
    return req;
}

/* Makes room for need bytes and a NUL, doubling as the body comes: memory
 * follows the bytes received, not the Content-Length announced (read before
 * authentication), which is trusted only up to BODY_TRUSTED_LENGTH. */
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
    char *grown = arena_alloc(req->arena, want);
    if (!grown)
        return false;
    if (req->body_len)
        memcpy(grown, req->body, req->body_len);
    req->body = grown;
    req->body_alloc = want;
    return true;
}

/* Appends a piece of the body; past the cap the rest is read and dropped so
 * the client still gets its 413. */
static void body_append(struct request *req, const char *data, size_t size)
{
    if (req->body_too_large)
        return;
    if (size > req->body_cap - req->body_len) {
        req->body_too_large = true;
        return;
    }
    if (!body_reserve(req, req->body_len + size)) {
        req->body_too_large = true; /* cannot hold it: refuse the same way */
        return;
    }
    memcpy(req->body + req->body_len, data, size);
    req->body_len += size;
    req->body[req->body_len] = '\0';
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    struct server *srv = cls;
    struct request *req = *con_cls;
    if (!req) {
        req = request_new(srv, conn, url, method);
        if (!req)
            return MHD_NO;
        *con_cls = req;
        atomic_fetch_add(&srv->in_flight, 1);
        const char *len = req_header(req, "Content-Length");
        if (len && strtoull(len, NULL, 10) > req->body_cap)
            req->body_too_large = true;
        /* Refused on its headers alone: answered now, the body never read. */
        router_admit(req);
        return MHD_YES;
    }
    if (req->answered) {
        *upload_data_size = 0; /* a refused request's body is dropped */
        return MHD_YES;
    }
    if (*upload_data_size) {
        body_append(req, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    router_dispatch(req);
    return req->answered ? MHD_YES : MHD_NO;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    (void)toe;
    struct server *srv = cls;
    struct request *req = *con_cls;
    if (!req)
        return;
    /* Never log the query string, a body or a header: they may hold secrets. */
    log_info("%s %s %d %.1fms user=%lld", req->method, req->path,
             req->answered ? req->status : 0, (double)(now_us() - req->started_us) / 1000.0,
             (long long)req->user_id);
    arena_destroy(req->arena);
    *con_cls = NULL;
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

    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
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

    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)cfg->conn_limit, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned int)cfg->per_ip_limit, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)cfg->timeout_s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
        MHD_OPTION_END);
    if (!d) {
        log_error("serve: cannot listen on %s port %u: %s", cfg->listen, cfg->port,
                  strerror(errno));
        return HW_EIO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : cfg->port;
    bool v6 = (flags & MHD_USE_IPv6) != 0;
    printf("listening on http://%s%s%s:%u\n", v6 ? "[" : "", cfg->listen, v6 ? "]" : "", port);
    fflush(stdout);
    log_info("serve: %u threads, body cap %zu bytes, web %s", cfg->threads, cfg->max_body,
             cfg->web_dir ? cfg->web_dir : "(none)");

    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    log_info("serve: signal %d, finishing in-flight requests", sig);
    MHD_socket listener = MHD_quiesce_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    wait_for_in_flight(&srv);
    MHD_stop_daemon(d);
    log_info("serve: stopped");
    return HW_OK;
}
