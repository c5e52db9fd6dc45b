/* The one place that decides who may do what, and see where. Deny by default:
 * a route's permission is allowed only to the roles listed in access.c, and a
 * record outside the caller's scope answers as if it did not exist. */
#ifndef HONGWU_KIT_ACCESS_H
#define HONGWU_KIT_ACCESS_H

#include <stdbool.h>

#include "kit/principal.h"
#include "store/db.h"

enum perm {
    PERM_PUBLIC,     /* no sign-in: health checks, login */
    PERM_SIGNED_IN,  /* any signed-in user: me, logout */
    PERM_PLACE_READ, /* browse places within one's scope */
    PERM_USER_ADMIN, /* manage accounts */
    PERM_USER_READ,  /* read one account: admins, or oneself (checked in the handler) */
    PERM_AUDIT_READ, /* read the audit log of one's sub-district */
    PERM_TEST_CLOCK, /* move the test clock (only under serve --test-clock) */
    /* The registry (issue 4). Reads are further limited by scope. */
    PERM_PLACE_WRITE,    /* create places, generate buildings, move a building's grid */
    PERM_RESIDENT_READ,  /* residents and households in one's scope (masked for most) */
    PERM_RESIDENT_WRITE, /* add and edit residents, occupancies, tags, consents */
    PERM_ORG_READ,       /* organizations, party tree, party cards, posts: public */
    PERM_ORG_WRITE,      /* edit organizations, party tree, cards and posts */
    PERM_REPORT_READ,    /* coverage and other registry reports */
    PERM_IMPORT,         /* CSV import */
    PERM_EXPORT,         /* CSV / Excel export and list matching of personal data */
    PERM_COUNT
};

bool access_allows(const struct principal *who, enum perm p);
const char *perm_name(enum perm p);

/* HW_OK when who may see place_id, HW_ENOTFOUND when not (or no such place). */
int access_place_visible(struct db *db, const struct principal *who, int64_t place_id);

/* True for an installation admin, who sees every place. */
bool access_sees_everything(const struct principal *who);

/* For lists: the places column that must equal who->scope_id for a place to
 * be visible (see place.h), or NULL when who sees everything. A literal,
 * safe to put into SQL: "... WHERE p." col " = $n". */
const char *access_scope_column(const struct principal *who);

#endif
