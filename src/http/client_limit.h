/* Requests in flight per client address, counted in this process. Behind a
 * trusted proxy every connection comes from the proxy, so libmicrohttpd's
 * per-address connection limit would count the proxy; this counts the
 * client the proxy reports. */
#ifndef HONGWU_HTTP_CLIENT_LIMIT_H
#define HONGWU_HTTP_CLIENT_LIMIT_H

#include <stdbool.h>

/* Room for up to max_in_flight requests in all, at most per_client of
 * them from one address. HW_ENOMEM, or HW_OK. */
int client_limit_init(unsigned max_in_flight, unsigned per_client);
void client_limit_shutdown(void);

/* Counts one more request from addr; false (nothing counted) when addr
 * already has per_client in flight or the table is full. */
bool client_limit_acquire(const char *addr);
/* Ends a request counted by client_limit_acquire. */
void client_limit_release(const char *addr);

#endif
