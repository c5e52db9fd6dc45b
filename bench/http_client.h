/* One keep-alive HTTP connection to a hongwu server (libcurl), used
 * sequentially: the latency a single user sees, without queueing. */
#ifndef HONGWU_BENCH_HTTP_CLIENT_H
#define HONGWU_BENCH_HTTP_CLIENT_H

#include <stddef.h>

struct http;

/* base: "http://127.0.0.1:8080". NULL when libcurl cannot start. */
struct http *http_open(const char *base);
void http_close(struct http *h);

/* Signs in; token receives the session token. 0 or -1 (printed). */
int http_login(struct http *h, const char *login, const char *password, char *token, size_t size);

/* GET path with the bearer token. Returns the HTTP status (0 when the
 * request failed) and sets *ms to the time from sending to the last byte. */
long http_get(struct http *h, const char *path, const char *token, double *ms);

/* The last response's body (valid until the next request). */
const char *http_body(const struct http *h, size_t *len);

#endif
