/* Open311 as a capability: its routes, public (a client has no session;
 * the handlers check its key), and its migration (keys, and the requests
 * filed with them). */
#include "open311/open311_capability.h"

#include "open311/open311_http.h"

extern const struct migration open311_migrations[];

/* {format} is xml or json; {service_code}, {service_request_id} and
 * {token} are texts naming no record the router checks (http/router.h). */
#define PUBLIC(method_, pattern_, handler_)                                                      \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = PERM_PUBLIC}
static const struct route routes[] = {
    PUBLIC("GET", "/open311/v2/discovery.{format}", open311_http_discovery),
    PUBLIC("GET", "/open311/v2/services.{format}", open311_http_services),
    PUBLIC("GET", "/open311/v2/services/{service_code}.{format}", open311_http_service),
    PUBLIC("POST", "/open311/v2/requests.{format}", open311_http_create),
    PUBLIC("GET", "/open311/v2/requests.{format}", open311_http_requests),
    PUBLIC("GET", "/open311/v2/requests/{service_request_id}.{format}", open311_http_request),
    PUBLIC("GET", "/open311/v2/tokens/{token}.{format}", open311_http_token),
};

const struct capability open311_capability = {
    .name = "open311",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = open311_migrations,
};
