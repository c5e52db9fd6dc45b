#include "app/app.h"
#include "app/chains.h"

#include <string.h>

#include "auth/auth_capability.h"
#include "auth/auth_http.h"
#include "care/care_capability.h"
#include "base/err.h"
#include "base/log.h"
#include "http/request.h"
#include "kit/idempotency.h"
#include "kit/kit_capability.h"
#include "ledger/ledger_capability.h"
#include "meetings/meetings_capability.h"
#include "open311/open311_capability.h"
#include "oversight/oversight_capability.h"
#include "place/place_capability.h"
#include "registry/registry_capability.h"
#include "transfer/transfer_capability.h"
#include "votes/votes_capability.h"
#include "workorder/workorder_capability.h"
#include "wostats/wostats_capability.h"

/* Adding a capability: its folder, and one line here. `hongwu demo` loads
 * their demo data in this order, so each comes after the capabilities whose
 * records its demo names: the places, the accounts posted to them, the
 * registry's records, the residents (imported), then the kit's
 * notifications, sent by a demo account to everyone there. */
const struct capability *const app_capabilities[] = {
    &place_capability, &auth_capability,
    &registry_capability, &transfer_capability, &kit_capability, &workorder_capability, &care_capability, &wostats_capability, &votes_capability,
    &meetings_capability, &ledger_capability,
    &oversight_capability, &open311_capability, &app_chains_capability,
};
const size_t app_capabilities_count = sizeof app_capabilities / sizeof app_capabilities[0];

_Static_assert((int)PERM_PUBLIC == (int)ROUTE_PUBLIC, "a public route needs no sign-in in both layers");

enum { APP_ROUTES_MAX = 512 };

static bool permits(const struct request *req, int perm)
{
    return access_allows(req->who, (enum perm)perm);
}

const struct scope_record *app_record(const char *kind)
{
    for (size_t i = 0; kind && i < app_capabilities_count; i++)
        for (size_t k = 0; k < app_capabilities[i]->nrecords; k++)
            if (strcmp(app_capabilities[i]->records[k].kind, kind) == 0)
                return &app_capabilities[i]->records[k];
    return NULL;
}

/* A GET reads the record; anything else changes it or something under it. */
static int record_visible(struct request *req)
{
    const struct scope_record *r = app_record(req->route->record);
    if (!r || req->nparams < 1)
        return HW_ENOTFOUND;
    bool write = strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0;
    return scope_record_visible(req->db, req->who, r, req->params[0], write);
}

void app_each_route(void (*fn)(const struct capability *c, const struct route *r, void *ctx),
                    void *ctx)
{
    for (size_t i = 0; i < app_capabilities_count; i++)
        for (size_t k = 0; k < app_capabilities[i]->nroutes; k++)
            fn(app_capabilities[i], &app_capabilities[i]->routes[k], ctx);
}

struct route_table {
    const struct route *routes[APP_ROUTES_MAX];
    size_t n;
    bool full, broken;
};

static void add_route(const struct capability *c, const struct route *r, void *ctx)
{
    (void)c;
    struct route_table *t = ctx;
    /* Every {id} names a record whose scope the router checks. */
    if (strstr(r->pattern, "{id}") && !app_record(r->record)) {
        log_error("app: %s %s names no known kind of record", r->method, r->pattern);
        t->broken = true;
    }
    if (t->n == APP_ROUTES_MAX)
        t->full = true;
    else
        t->routes[t->n++] = r;
}

int app_configure_router(const char *web_dir)
{
    static struct route_table table;
    table.n = 0;
    table.full = table.broken = false;
    app_each_route(add_route, &table);
    if (table.full)
        return HW_ELIMIT;
    if (table.broken)
        return HW_EINVAL;
    router_configure(&(struct router_config){
        .web_dir = web_dir,
        .routes = table.routes,
        .nroutes = table.n,
        .authenticate = session_authenticate,
        .csrf_ok = session_csrf_ok,
        .permits = permits,
        .record_visible = record_visible,
        .before_handler = idempotency_begin,
    });
    return HW_OK;
}
