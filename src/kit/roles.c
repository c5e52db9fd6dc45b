#include <string.h>

#include "kit/principal.h"
#include "base/err.h"

static const struct {
    const char *name;
    /* Scope kinds, comma separated; "" means no scope (whole installation). */
    const char *scopes;
} roles[ROLE_COUNT] = {
    [ROLE_SUBDISTRICT_OFFICER] = {"subdistrict_officer", "subdistrict"},
    [ROLE_COMMUNITY_STAFF] = {"community_staff", "community"},
    [ROLE_PROPERTY_STAFF] = {"property_staff", "compound,zone"},
    [ROLE_OWNERS_COMMITTEE] = {"owners_committee", "compound"},
    [ROLE_GRID_LEADER] = {"grid_leader", "grid"},
    [ROLE_GRID_WORKER] = {"grid_worker", "grid"},
    [ROLE_BUILDING_LEADER] = {"building_leader", "building"},
    [ROLE_PARTY_MEMBER] = {"party_member", "building,compound,community"},
    [ROLE_ALLIANCE_UNIT] = {"alliance_unit", "community,subdistrict"},
    [ROLE_VOLUNTEER] = {"volunteer", "community,compound"},
    [ROLE_INSPECTOR] = {"inspector", "subdistrict"},
    [ROLE_RESIDENT] = {"resident", "dwelling"},
    [ROLE_ADMIN] = {"admin", ",subdistrict"},
};

const char *role_name(enum role r)
{
    return (unsigned)r < ROLE_COUNT ? roles[r].name : "unknown";
}

int role_parse(const char *name, enum role *out)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (strcmp(roles[r].name, name) == 0) {
            *out = (enum role)r;
            return HW_OK;
        }
    }
    return HW_EINVAL;
}

/* place_kind NULL asks whether the role may have no scope at all. */
int role_scope_allowed(enum role r, const char *place_kind)
{
    if ((unsigned)r >= ROLE_COUNT)
        return 0;
    const char *p = roles[r].scopes;
    const char *kind = place_kind ? place_kind : "";
    size_t n = strlen(kind);
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == n && strncmp(p, kind, n) == 0)
            return 1;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

const struct principal principal_operator = {.login = "cli", .name = "command line",
                                             .role = ROLE_ADMIN};
