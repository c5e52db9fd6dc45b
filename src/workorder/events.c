#include "workorder/events.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/err.h"
#include "kit/notify_core.h"

int wo_event_add(struct db *db, const struct wo_order *o, const struct wo_event *e)
{
    char *data = e->data ? json_dumps(e->data, JSON_COMPACT) : NULL;
    if (e->data && !data)
        return HW_ENOMEM;
    int64_t n = db_run(db,
                       "INSERT INTO wo_events (order_id, district_id, at, user_id, action,"
                       " from_status, to_status, note, photo_id, data)"
                       " VALUES ($1, $2, $3, NULLIF(CAST($4 AS BIGINT), 0), $5, $6, $7, $8,"
                       " NULLIF(CAST($9 AS BIGINT), 0), $10)",
                       "iiiissssis", o->id, o->district_id, e->at, e->user_id, e->action,
                       e->from, e->to, e->note, e->photo_id, data);
    free(data);
    return n < 0 ? (int)n : HW_OK;
}

void wo_link(int64_t id, char out[48]) { snprintf(out, 48, "/work-orders/%lld", (long long)id); }

int wo_notify_followers(struct db *db, const struct wo_order *o, int64_t except_user,
                        const char *title)
{
    char link[48];
    wo_link(o->id, link);
    struct db_stmt *st;
    int64_t users[64];
    int n = 0;
    int rc = db_query(db, &st,
                      "SELECT user_id FROM wo_supporters WHERE order_id = $1 AND user_id <> $2"
                      " UNION SELECT reporter_user_id FROM work_orders WHERE id = $1"
                      " AND reporter_user_id IS NOT NULL AND reporter_user_id <> $2",
                      "ii", o->id, except_user);
    if (rc != HW_OK)
        return rc;
    /* At most 64 a change: the earliest followers (an order with more
     * is one the whole building follows, on the board anyway). */
    while (n < 64 && (rc = db_step(st)) == DB_ROW)
        users[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    for (int i = 0; i < n; i++)
        if ((rc = notify_user(db, users[i], "work_order", title, NULL, link)) != HW_OK)
            return rc;
    return HW_OK;
}

int wo_notify_level(struct db *db, const struct wo_order *o, enum wo_level level,
                    const char *title)
{
    static const char *const role_of[WO_LEVEL_COUNT] = {"grid_leader", "community_staff",
                                                        "subdistrict_officer"};
    int64_t scope = level == WO_LEVEL_GRID ? o->grid_id
                    : level == WO_LEVEL_COMMUNITY ? o->community_id
                                                  : o->district_id;
    if (!scope) /* no grid: the community answers */
        return level < WO_LEVEL_DISTRICT ? wo_notify_level(db, o, level + 1, title) : HW_OK;
    json_t *roles = json_pack("[s]", role_of[level]);
    if (!roles)
        return HW_ENOMEM;
    char link[48];
    wo_link(o->id, link);
    struct notify_audience to = {.district_id = o->district_id, .scope_id = scope,
                                 .roles = roles};
    int rc = notify_district(db, &to, "work_order", title, NULL, link, o->id, NULL);
    json_decref(roles);
    return rc;
}
