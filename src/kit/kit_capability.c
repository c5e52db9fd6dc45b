/* The kit as a capability: the health checks, the test clock, the audit
 * log and the log of sensitive reads, and the foundation's migrations
 * (accounts, sessions, the logs, idempotency keys). */
#include "kit/kit_capability.h"

#include "http/system_http.h"
#include "kit/kit_http.h"

extern const struct migration kit_migrations[];

static const struct field_message messages[] = {
    {"advance_seconds", "须为正整数秒数", "a positive number of seconds"},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/healthz", system_http_healthz, PERM_PUBLIC),
    R("GET", "/readyz", system_http_readyz, PERM_PUBLIC),
    R("GET", "/api/v1/audit", audit_http_list, PERM_AUDIT_READ),
    R("GET", "/api/v1/audit/sensitive-reads", audit_http_sensitive_reads, PERM_AUDIT_READ),
    R("POST", "/api/v1/test/clock", system_http_test_clock, PERM_TEST_CLOCK),
};

const struct capability kit_capability = {
    .name = "kit",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = kit_migrations,
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
};
