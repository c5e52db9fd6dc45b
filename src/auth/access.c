#include "auth/access.h"

#include "base/err.h"

#define R(role) (1u << (role))
#define ALL_ROLES ((1u << ROLE_COUNT) - 1)

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

enum { MAX_PLACE_DEPTH = 16 };

/* A place is visible when the caller's scope is the place or one of its
 * ancestors, or when the scope is a grid and the place is (inside) a
 * building of that grid: grids are drawn over buildings (domain.md). */
int access_place_visible(struct db *db, const struct principal *who, int64_t place_id)
{
    if (access_sees_everything(who)) {
        int64_t n;
        int rc = db_scalar_int(db, &n, "SELECT count(*) FROM places WHERE id = $1", "i",
                               place_id);
        if (rc != HW_OK)
            return rc;
        return n ? HW_OK : HW_ENOTFOUND;
    }
    int64_t id = place_id;
    for (int depth = 0; id && depth < MAX_PLACE_DEPTH; depth++) {
        if (id == who->scope_id)
            return HW_OK;
        struct db_stmt *st;
        int rc = db_query(db, &st,
                          "SELECT parent_id, grid_id, district_id FROM places WHERE id = $1",
                          "i", id);
        if (rc != HW_OK)
            return rc;
        rc = db_step(st);
        if (rc != DB_ROW) {
            db_reset(st);
            return rc == DB_DONE ? HW_ENOTFOUND : rc;
        }
        int64_t parent = db_col_int(st, 0), grid = db_col_int(st, 1),
                district = db_col_int(st, 2);
        db_reset(st);
        /* Never across sub-districts, whatever the tree says. */
        if (district != who->district_id)
            return HW_ENOTFOUND;
        if (grid && grid == who->scope_id)
            return HW_OK;
        id = parent;
    }
    return HW_ENOTFOUND;
}
