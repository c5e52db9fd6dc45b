#include "workorder/visible.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "kit/scope.h"
#include "workorder/order.h"
#include "workorder/workorder.h"

bool wo_role_sees_by_place(enum role r)
{
    return r != ROLE_RESIDENT && r != ROLE_PARTY_MEMBER && r != ROLE_VOLUNTEER &&
           r != ROLE_ALLIANCE_UNIT;
}

/* The place columns an order copies from its place when it is filed
 * (schema 007 and 009). */
static const char *const copied[] = {"district_id", "community_id", "zone_id",
                                     "compound_id", "grid_id",      "building_id"};

void wo_scope_way(const struct principal *who, struct wo_params *p, char *out, size_t size)
{
    const char *col = scope_column(who);
    if (!col) {
        snprintf(out, size, "TRUE");
        return;
    }
    for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++)
        if (strcmp(col, copied[i]) == 0) {
            snprintf(out, size, "w.%s = $%d", col, wo_param(p, who->scope_id));
            return;
        }
    /* A scope below a building (no role of staff has one): through its places. */
    snprintf(out, size, "w.place_id IN (SELECT id FROM places WHERE %s = $%d)", col,
             wo_param(p, who->scope_id));
}

/* The next way's condition, to be written: a caller has at most five ways
 * (an outside role's), and WO_WAYS_MAX holds six. */
static char *next_way(struct wo_ways *out)
{
    return out->cond[out->n++];
}

void wo_ways_of(const struct principal *who, struct wo_params *p, struct wo_ways *out)
{
    out->n = 0;
    if (scope_sees_everything(who)) {
        snprintf(next_way(out), WO_WAY_MAX, "TRUE");
        return;
    }
    if (wo_role_sees_by_place(who->role))
        wo_scope_way(who, p, next_way(out), WO_WAY_MAX);
    int u = wo_param(p, who->user_id);
    snprintf(next_way(out), WO_WAY_MAX, "w.reporter_user_id = $%d", u);
    snprintf(next_way(out), WO_WAY_MAX, "w.assignee_user_id = $%d", u);
    snprintf(next_way(out), WO_WAY_MAX,
             "w.id IN (SELECT su.order_id FROM wo_supporters su WHERE su.user_id = $%d)", u);
    if (who->role == ROLE_RESIDENT || wo_role_sees_by_place(who->role))
        return;
    /* Outside roles: the grab pool of their scope (its condition repeats the
     * pool's partial index's, which serves it), and their units' orders. */
    char scope[WO_SCOPE_WAY_MAX];
    wo_scope_way(who, p, scope, sizeof scope);
    snprintf(next_way(out), WO_WAY_MAX,
             "w.district_id = $%d AND w.grab = TRUE AND w.status = 'dispatched'"
             " AND w.assignee_user_id IS NULL AND %s",
             wo_param(p, who->district_id), scope);
    snprintf(next_way(out), WO_WAY_MAX,
             "w.id IN (SELECT wh.order_id FROM wo_unit_users uu JOIN wo_whistles wh"
             " ON wh.org_id = uu.org_id WHERE uu.user_id = $%d)",
             u);
}

int workorder_visible(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write; /* the same orders; the lifecycle table decides what they may do */
    struct wo_params p = {0};
    struct wo_ways ways;
    int k = wo_param(&p, id);
    wo_ways_of(who, &p, &ways);
    char sql[WO_WAYS_MAX * (WO_WAY_MAX + 8) + 128];
    int n = snprintf(sql, sizeof sql, "SELECT count(*) FROM work_orders w WHERE w.id = $%d AND (",
                     k);
    for (int i = 0; i < ways.n && n > 0 && (size_t)n < sizeof sql; i++)
        n += snprintf(sql + n, sizeof sql - (size_t)n, "%s(%s)", i ? " OR " : "", ways.cond[i]);
    if (n > 0 && (size_t)n < sizeof sql)
        n += snprintf(sql + n, sizeof sql - (size_t)n, ")");
    if (n < 0 || (size_t)n >= sizeof sql)
        return HW_ELIMIT;
    struct db_stmt *st;
    int rc = wo_params_query(db, &st, sql, &p);
    if (rc != HW_OK)
        return rc;
    int64_t found = 0;
    if ((rc = db_step(st)) == DB_ROW)
        found = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    return found ? HW_OK : HW_ENOTFOUND;
}
