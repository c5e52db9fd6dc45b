/* The dispatcher: route match, body cap, database, authentication, CSRF,
 * permission, then the handler. The routes come from the application (each
 * capability describes its own) and who the caller is and what they may do
 * from the shared kit, both through router_configure(): the HTTP layer
 * knows neither. */
#ifndef HONGWU_HTTP_ROUTER_H
#define HONGWU_HTTP_ROUTER_H

#include <stddef.h>

#include "http/problem.h"
#include "http/request.h"

typedef int (*route_handler)(struct request *req);

struct route {
    const char *method;
    /* Literal text, {id} for a positive integer naming a record, and {word}
     * (any other name) for a short text naming no record: 1 to
     * ROUTE_TEXT_MAX letters, digits, '-' or '_' (route_text reads it). */
    const char *pattern;
    route_handler handler;
    int perm; /* the kit's permission (kit/access.h); ROUTE_PUBLIC needs no sign-in */
    size_t max_body; /* bytes of body this route takes; 0: the server's --max-body */
    /* The kind of record its {id} names (kit/scope.h), or NULL: the router
     * checks the caller may see it (a GET) or change it before the handler. */
    const char *record;
    /* The words for its invalid fields: its capability's table. */
    const struct field_message *messages;
    size_t nmessages;
    /* Runs for seconds or minutes (an import, an export): answered on a
     * thread of its own, so the connection's I/O thread serves others
     * meanwhile (http/offload.h). */
    bool long_running;
};

enum { ROUTE_PUBLIC = 0, ROUTE_TEXT_MAX = 64 };

struct router_config {
    const char *web_dir; /* the built UI (web/dist); NULL serves no files */
    /* The routes, in the order they are matched. */
    const struct route *const *routes;
    size_t nroutes;
    /* Who calls (sets req->who and req->user_id): HW_OK, HW_EAUTH, or an error. */
    int (*authenticate)(struct request *req);
    /* A cookie-authenticated write carries the session's CSRF token. */
    bool (*csrf_ok)(struct request *req);
    /* Whether the authenticated caller holds permission perm. */
    bool (*permits)(const struct request *req, int perm);
    /* Whether the caller may see (GET) or change the record the route's {id}
     * names: HW_OK, HW_ENOTFOUND (answered 404), or an error. */
    int (*record_visible)(struct request *req);
    /* After the body, before the handler: may answer (an Idempotency-Key replay). */
    int (*before_handler)(struct request *req);
};

void router_configure(const struct router_config *cfg);
/* The text req's path holds where its route's pattern says {name}, copied
 * into out (size > ROUTE_TEXT_MAX). HW_ENOTFOUND when the route has no
 * such parameter, HW_EINVAL when out is too small. */
int route_text(const struct request *req, const char *name, char *out, size_t size);
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
