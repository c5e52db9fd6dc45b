/* A capability describes itself: its routes with their permissions, its
 * migrations and the words for its fields. The application is the list of
 * capabilities (app/app.c): adding one touches its own folder and one line
 * there. `hongwu routes` prints every capability's routes. */
#ifndef HONGWU_KIT_CAPABILITY_H
#define HONGWU_KIT_CAPABILITY_H

#include <stddef.h>

#include "http/problem.h"
#include "http/router.h"
#include "kit/access.h"
#include "store/migrate.h"

struct capability {
    const char *name; /* its folder under src/ */
    const struct route *routes;
    size_t nroutes;
    /* Its folder's schema/NNN_name.sql, in order, ending with {0}; NULL: none.
     * Every capability's are applied together in number order (migrate.h). */
    const struct migration *migrations;
    /* The words for the fields of its records, in its routes' field errors. */
    const struct field_message *messages;
    size_t nmessages;
};

/* Rows of a capability's route table, with its field words: ROUTE for the
 * server's body cap, ROUTE_BODY for a route that takes more (an import). */
#define CAPABILITY_ROUTE(messages_, method_, pattern_, handler_, perm_)                           \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = perm_,                  \
     .messages = messages_, .nmessages = sizeof messages_ / sizeof messages_[0]}
#define CAPABILITY_ROUTE_BODY(messages_, method_, pattern_, handler_, perm_, max_body_)           \
    {.method = method_, .pattern = pattern_, .handler = handler_, .perm = perm_,                  \
     .max_body = max_body_, .messages = messages_,                                                \
     .nmessages = sizeof messages_ / sizeof messages_[0]}

#define CAPABILITY_COUNT_OF(array) (sizeof array / sizeof array[0])

#endif
