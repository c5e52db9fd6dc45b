/* The authenticated caller: who they are, their role and where they may look. */
#ifndef HONGWU_KIT_PRINCIPAL_H
#define HONGWU_KIT_PRINCIPAL_H

#include <stdint.h>

/* Roles of domain.md's table, as named in the API and the CLI (roles.c). */
enum role {
    ROLE_SUBDISTRICT_OFFICER,
    ROLE_COMMUNITY_STAFF,
    ROLE_PROPERTY_STAFF,
    ROLE_OWNERS_COMMITTEE,
    ROLE_GRID_LEADER,
    ROLE_GRID_WORKER,
    ROLE_BUILDING_LEADER,
    ROLE_PARTY_MEMBER,
    ROLE_ALLIANCE_UNIT,
    ROLE_VOLUNTEER,
    ROLE_INSPECTOR,
    ROLE_RESIDENT,
    ROLE_ADMIN,
    ROLE_COUNT
};

struct principal {
    int64_t user_id;
    const char *login, *name;
    enum role role;
    int64_t scope_id;    /* the place the role is bound to; 0 = whole installation */
    const char *scope_kind; /* that place's kind, NULL with scope 0 */
    int64_t district_id; /* the scope's sub-district; 0 with scope 0 */
};

/* Who acts when nobody signed in does: the operator at the command line (and
 * the demo loader), with an installation admin's reach. */
extern const struct principal principal_operator;

const char *role_name(enum role r);
/* Returns HW_OK and sets *out, or HW_EINVAL for an unknown name. */
int role_parse(const char *name, enum role *out);
/* The place kinds a role may be bound to (e.g. "grid" for a grid worker). */
int role_scope_allowed(enum role r, const char *place_kind);

#endif
