#include "votes/reach.h"

#include <stdio.h>

#include "base/err.h"
#include "kit/access.h"

void vote_reach_sql(const struct principal *who, int param, char *cond, size_t size,
                    int64_t *value)
{
    struct scope_sql s;
    scope_places(who, "d", param, &s);
    /* A draft is the business of those who call votes until it is published. */
    snprintf(cond, size,
             "%sEXISTS (SELECT 1 FROM places d WHERE d.compound_id = v.compound_id"
             " AND (v.building_id IS NULL OR d.building_id = v.building_id) AND %s)",
             access_allows(who, PERM_VOTE_CALL) ? "" : "v.status <> 'draft' AND ", s.cond);
    *value = s.value;
}

int vote_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    char cond[400], sql[512];
    int64_t value;
    vote_reach_sql(who, 2, cond, sizeof cond, &value);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM votes v WHERE v.id = $1 AND %s", cond);
    int64_t n = 0;
    int rc = db_scalar_int(db, &n, sql, "ii", id, value);
    if (rc != HW_OK)
        return rc;
    return n ? HW_OK : HW_ENOTFOUND;
}
