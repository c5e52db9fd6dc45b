#include "kit/access.h"

#include <stdio.h>

#include "base/err.h"
#include "kit/place_kinds.h"

#define R(role) (1u << (role))
#define ALL_ROLES ((1u << ROLE_COUNT) - 1)
/* Who keeps the registry: the community, the sub-district, an admin. */
#define STAFF (R(ROLE_COMMUNITY_STAFF) | R(ROLE_SUBDISTRICT_OFFICER) | R(ROLE_ADMIN))
/* Grid workers visit households and keep their data current (seeds/000). */
#define GRID (R(ROLE_GRID_LEADER) | R(ROLE_GRID_WORKER))

/* Which roles hold each permission (domain.md, "Who uses it"). The discipline
 * inspector reads everything in its sub-district and writes nothing. */
static const struct {
    const char *name;
    unsigned roles;
} perms[PERM_COUNT] = {
    [PERM_PUBLIC] = {"public", ALL_ROLES},
    [PERM_SIGNED_IN] = {"signed_in", ALL_ROLES},
    [PERM_PLACE_READ] = {"place_read", ALL_ROLES},
    [PERM_USER_ADMIN] = {"user_admin", R(ROLE_ADMIN)},
    [PERM_USER_READ] = {"user_read", ALL_ROLES},
    [PERM_AUDIT_READ] = {"audit_read",
                         R(ROLE_ADMIN) | R(ROLE_INSPECTOR) | R(ROLE_SUBDISTRICT_OFFICER)},
    [PERM_TEST_CLOCK] = {"test_clock", R(ROLE_ADMIN)},
    [PERM_PLACE_WRITE] = {"place_write", STAFF},
    [PERM_RESIDENT_READ] = {"resident_read", STAFF | GRID | R(ROLE_BUILDING_LEADER) |
                                                 R(ROLE_PROPERTY_STAFF) | R(ROLE_INSPECTOR) |
                                                 R(ROLE_RESIDENT)},
    [PERM_RESIDENT_WRITE] = {"resident_write", STAFF | GRID},
    [PERM_ORG_READ] = {"org_read", ALL_ROLES},
    [PERM_ORG_WRITE] = {"org_write", STAFF},
    [PERM_REPORT_READ] = {"report_read", STAFF | R(ROLE_GRID_LEADER) | R(ROLE_INSPECTOR)},
    [PERM_IMPORT] = {"import", STAFF},
    [PERM_EXPORT] = {"export", STAFF},
};

bool access_allows(const struct principal *who, enum perm p)
{
    if ((unsigned)p >= PERM_COUNT)
        return false;
    if (p == PERM_PUBLIC)
        return true;
    return who && (unsigned)who->role < ROLE_COUNT && (perms[p].roles & R(who->role));
}

const char *perm_name(enum perm p)
{
    return (unsigned)p < PERM_COUNT ? perms[p].name : "unknown";
}

bool access_sees_everything(const struct principal *who)
{
    return who->role == ROLE_ADMIN && who->scope_id == 0;
}

const char *access_scope_column(const struct principal *who)
{
    if (access_sees_everything(who))
        return NULL;
    const char *col = place_kind_column(who->scope_kind);
    /* A scope of no known kind sees nothing: "id" with scope 0 matches no row. */
    return col ? col : "id";
}

/* A place is visible when its column for the caller's scope kind holds the
 * caller's scope (place.h): a grid worker sees the grid, its micro-grids, the
 * buildings drawn into it and their dwellings; never another sub-district. */
int access_place_visible(struct db *db, const struct principal *who, int64_t place_id)
{
    const char *col = access_scope_column(who);
    if (!col)
        col = "id";
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM places WHERE id = $1 AND (%s = $2 OR $3 = 1)"
             " AND (district_id = $4 OR $3 = 1)",
             col);
    int64_t n = 0;
    bool all = access_sees_everything(who);
    int rc = db_scalar_int(db, &n, sql, "iiii", place_id, who->scope_id, (int64_t)all,
                           who->district_id);
    if (rc != HW_OK)
        return rc;
    return n ? HW_OK : HW_ENOTFOUND;
}
