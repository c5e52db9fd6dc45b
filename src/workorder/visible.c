#include "workorder/visible.h"

#include <stdio.h>

#include "base/err.h"
#include "kit/scope.h"
#include "workorder/workorder.h"

bool wo_role_sees_by_place(enum role r)
{
    return r != ROLE_RESIDENT && r != ROLE_PARTY_MEMBER && r != ROLE_VOLUNTEER &&
           r != ROLE_ALLIANCE_UNIT;
}

void wo_visible_sql(const struct principal *who, int first, struct wo_visible_sql *out)
{
    int u = first, s = first + 1;
    struct scope_sql place;
    scope_places(who, "p", s, &place);
    out->user_id = who->user_id;
    out->scope_value = place.value;
    if (scope_sees_everything(who)) {
        snprintf(out->cond, sizeof out->cond, "(CAST($%d AS BIGINT) >= 0 AND %s)", u, place.cond);
        return;
    }
    /* Everyone: what they reported, support or were given. */
    char own[400];
    snprintf(own, sizeof own,
             "w.reporter_user_id = $%d OR w.assignee_user_id = $%d OR EXISTS (SELECT 1 FROM"
             " wo_supporters su WHERE su.order_id = w.id AND su.user_id = $%d)",
             u, u, u);
    if (who->role == ROLE_RESIDENT)
        snprintf(out->cond, sizeof out->cond, "(%s OR CAST($%d AS BIGINT) < 0)", own, s);
    else if (wo_role_sees_by_place(who->role))
        snprintf(out->cond, sizeof out->cond, "(%s OR %s)", own, place.cond);
    else /* outside roles: the grab pool of their scope, whistles to their unit */
        snprintf(out->cond, sizeof out->cond,
                 "(%s OR (w.grab = TRUE AND w.status = 'dispatched' AND w.assignee_user_id IS NULL"
                 " AND %s) OR EXISTS (SELECT 1 FROM wo_whistles wh JOIN wo_unit_users uu ON"
                 " uu.org_id = wh.org_id WHERE wh.order_id = w.id AND uu.user_id = $%d))",
                 own, place.cond, u);
}

int workorder_visible(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write; /* the same orders; the lifecycle table decides what they may do */
    struct wo_visible_sql v;
    wo_visible_sql(who, 2, &v);
    char sql[1200];
    int n = snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM work_orders w JOIN places p ON p.id = w.place_id"
                     " WHERE w.id = $1 AND %s",
                     v.cond);
    if (n < 0 || (size_t)n >= sizeof sql)
        return HW_ELIMIT;
    int64_t found = 0;
    int rc = db_scalar_int(db, &found, sql, "iii", id, v.user_id, v.scope_value);
    if (rc != HW_OK)
        return rc;
    return found ? HW_OK : HW_ENOTFOUND;
}
