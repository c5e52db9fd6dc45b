/* The application: the list of capabilities, and the server wired to them. */
#ifndef HONGWU_APP_APP_H
#define HONGWU_APP_APP_H

#include <stddef.h>

#include "kit/capability.h"

extern const struct capability *const app_capabilities[];
extern const size_t app_capabilities_count;

/* Gives the router every capability's routes, the web UI's folder, and
 * the kit's checks: who calls (the session), what they may do (the access
 * table), which records they reach (the scope rule), the Idempotency-Key
 * replay. HW_ELIMIT when the routes outgrow the table, HW_EINVAL when a
 * route's {id} names no known kind of record. */
int app_configure_router(const char *web_dir);

/* The kind of record called kind, from whichever capability describes it;
 * NULL when none does. */
const struct scope_record *app_record(const char *kind);

/* Calls fn for every route of every capability, in order. */
void app_each_route(void (*fn)(const struct capability *c, const struct route *r, void *ctx),
                    void *ctx);

#endif
