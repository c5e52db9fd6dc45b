/* The route table (routes.c) and the dispatcher that applies, in order:
 * route match, body cap, database, authentication, CSRF, permission, handler. */
#ifndef HONGWU_HTTP_ROUTER_H
#define HONGWU_HTTP_ROUTER_H

#include <stddef.h>

#include "auth/access.h"
#include "http/request.h"

typedef int (*route_handler)(struct request *req);

struct route {
    const char *method;
    const char *pattern; /* literal segments and {id} for a positive integer */
    route_handler handler;
    enum perm perm;
    size_t max_body; /* bytes of body this route takes; 0: the server's --max-body */
};

/* Rows of the table: ROUTE for the server's body cap, ROUTE_BODY for a route
 * that takes more (an import). */
#define ROUTE(method_, pattern_, handler_, perm_)                                        \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = perm_}
#define ROUTE_BODY(method_, pattern_, handler_, perm_, max_body_)                        \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = perm_,          \
     .max_body = max_body_}

extern const struct route routes[];
extern const size_t routes_count;

struct router_config {
    const char *web_dir; /* the built UI (web/dist); NULL serves no files */
};

void router_configure(const struct router_config *cfg);
/* The body cap for req's route (looked up before the body is read), or
 * server_default when the route sets none or there is no such route. */
size_t router_body_cap(struct request *req, size_t server_default);
/* Before the body: finds the route and checks session, CSRF and permission.
 * Returns true when the request may go on; otherwise it has been answered
 * (401, 403, 404, a static file...). */
bool router_admit(struct request *req);
/* Answers req (admitting it first if router_admit was not called); always
 * leaves req->answered set unless MHD refused the answer. */
void router_dispatch(struct request *req);

#endif
