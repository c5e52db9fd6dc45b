/* The HTTP server: libmicrohttpd with a thread pool, limits and timeouts,
 * an access log line per request, and a clean stop on SIGTERM/SIGINT. */
#ifndef HONGWU_HTTP_SERVER_H
#define HONGWU_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "http/client_addr.h"

#include "http/slow_clients.h"

struct server_config {
    const char *listen;   /* IPv4 or IPv6 address */
    unsigned port;        /* 0 picks a free port */
    unsigned threads;     /* worker threads, each with its own DB connection */
    size_t max_body;      /* bytes; larger bodies get 413 */
    unsigned conn_limit;  /* connections in all */
    unsigned per_ip_limit; /* requests in flight per client address */
    unsigned timeout_s;   /* idle connection timeout */
    struct slow_limits slow; /* header_conns 0: half of conn_limit */
    const char *web_dir;  /* NULL serves no UI */
    /* Peers whose X-Forwarded-For names the client (nginx); none: the
     * peer is the client and X-Forwarded-For is ignored. */
    struct trusted_proxies trusted;
};

/* Serves until SIGTERM or SIGINT, then finishes in-flight requests.
 * Prints "listening on http://ADDR:PORT" on stdout once accepting. */
int server_run(const struct server_config *cfg);

#endif
