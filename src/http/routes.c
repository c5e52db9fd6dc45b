/* The whole API surface in one table: method, path, handler, permission.
 * docs/openapi.yaml must list the same routes (tests/api/test_openapi.py). */
#include "audit/audit.h"
#include "auth/auth_http.h"
#include "auth/users.h"
#include "http/router.h"
#include "http/system_http.h"
#include "place/place.h"

const struct route routes[] = {
    {"GET", "/healthz", system_http_healthz, PERM_PUBLIC},
    {"GET", "/readyz", system_http_readyz, PERM_PUBLIC},

    {"POST", "/api/v1/auth/login", auth_http_login, PERM_PUBLIC},
    {"POST", "/api/v1/auth/logout", auth_http_logout, PERM_SIGNED_IN},
    {"GET", "/api/v1/auth/me", auth_http_me, PERM_SIGNED_IN},

    {"GET", "/api/v1/places", place_http_list, PERM_PLACE_READ},
    {"GET", "/api/v1/places/{id}", place_http_get, PERM_PLACE_READ},

    {"GET", "/api/v1/users", users_http_list, PERM_USER_ADMIN},
    {"POST", "/api/v1/users", users_http_create, PERM_USER_ADMIN},
    {"GET", "/api/v1/users/{id}", users_http_get, PERM_USER_READ},
    {"PATCH", "/api/v1/users/{id}", users_http_patch, PERM_USER_ADMIN},

    {"GET", "/api/v1/audit", audit_http_list, PERM_AUDIT_READ},

    {"POST", "/api/v1/test/clock", system_http_test_clock, PERM_TEST_CLOCK},
};

const size_t routes_count = sizeof routes / sizeof routes[0];
