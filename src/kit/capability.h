/* A capability describes itself: its routes with their permissions, its
 * migrations, the words for its fields, its jobs and its demo data. The
 * application is the list of capabilities (app/app.c): adding one touches
 * its own folder and one line there. `hongwu routes` prints every
 * capability's routes. */
#ifndef HONGWU_KIT_CAPABILITY_H
#define HONGWU_KIT_CAPABILITY_H

#include <stddef.h>

#include "http/problem.h"
#include "http/router.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "store/migrate.h"

struct job_kind; /* kit/jobs_core.h */
struct chain_def; /* kit/chain.h */
struct demo_env; /* kit/demo_env.h */

struct capability {
    const char *name; /* its folder under src/ */
    const struct route *routes;
    size_t nroutes;
    /* Its folder's schema/NNN_name.sql, in order, ending with {0}; NULL: none.
     * Every capability's are applied together in number order (migrate.h). */
    const struct migration *migrations;
    /* The kinds of record its routes name by {id}, and how each hangs on
     * places (kit/scope.h). */
    const struct scope_record *records;
    size_t nrecords;
    /* The words for the fields of its records, in its routes' field errors
     * (write_field_invalid, kit/record_routes.h): its only such table. */
    const struct field_message *messages;
    size_t nmessages;
    /* The job kinds it runs (kind name + handler, kit/jobs_core.h): the
     * scheduler of every `hongwu serve` collects them at start-up. */
    const struct job_kind *jobs;
    size_t njobs;
    /* Its demo data, loaded by `hongwu demo` inside the demo's transaction,
     * after the demo data of the capabilities before it in the application's
     * list (kit/demo_env.h). NULL: none. */
    int (*demo)(struct db *db, const struct demo_env *env);
    /* Its hash-chained tables (kit/chain.h), checked by `hongwu verify` and
     * GET /api/v1/chains/verify. */
    const struct chain_def *const *chains;
    size_t nchains;
};

/* Rows of a capability's route table, with its field words: ROUTE for the
 * server's body cap, ROUTE_BODY for a route that takes more (an import). */
#define CAPABILITY_ROUTE(messages_, method_, pattern_, handler_, perm_)                           \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = perm_,                  \
     .messages = messages_, .nmessages = sizeof messages_ / sizeof messages_[0]}
/* A route whose {id} names a record of kind record_ (one of some
 * capability's records): the router checks it lies within the caller's scope. */
#define CAPABILITY_ROUTE_ON(messages_, record_, method_, pattern_, handler_, perm_)               \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = perm_,                  \
     .record = record_, .messages = messages_, .nmessages = sizeof messages_ / sizeof messages_[0]}
#define CAPABILITY_ROUTE_BODY(messages_, method_, pattern_, handler_, perm_, max_body_)           \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = perm_,                  \
     .max_body = max_body_, .messages = messages_,                                                \
     .nmessages = sizeof messages_ / sizeof messages_[0]}

/* A route that runs long (an import, an export): router.h, long_running. */
#define CAPABILITY_ROUTE_LONG(messages_, method_, pattern_, handler_, perm_, max_body_)           \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = perm_,                  \
     .max_body = max_body_, .long_running = true, .messages = messages_,                          \
     .nmessages = sizeof messages_ / sizeof messages_[0]}

#define CAPABILITY_COUNT_OF(array) (sizeof array / sizeof array[0])

#endif
