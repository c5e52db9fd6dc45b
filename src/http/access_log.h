/* The access log: one line per request on standard error. Whatever the
 * client sent is written escaped, so no request can forge a line or send
 * control sequences to the terminal that reads the log. */
#ifndef HONGWU_HTTP_ACCESS_LOG_H
#define HONGWU_HTTP_ACCESS_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

/* s with every byte below 0x21, 0x7f and above, '\\' and '"' written as
 * \xHH; at most max bytes of s are taken (a longer s ends in "..."). NULL
 * when out of memory. */
char *access_log_escape(struct arena *a, const char *s, size_t max);

/* The line for one request: method and path as received (escaped by the
 * caller), status (0: none sent), duration, user id, client address. */
void access_log_write(const char *method, const char *path, int status, double ms, int64_t user_id,
                      const char *client);

#endif
