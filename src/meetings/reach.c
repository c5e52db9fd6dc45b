#include "meetings/reach.h"

#include <stdio.h>

#include "base/err.h"

int reach_up_load(struct db *db, const struct principal *who, struct reach_up *out)
{
    *out = (struct reach_up){{0, 0, 0}};
    if (scope_sees_everything(who) || who->scope_id == 0)
        return HW_OK;
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT community_id, compound_id, building_id FROM places WHERE id = $1",
                          "i", who->scope_id);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    for (int i = 0; i < 3; i++)
        out->ids[i] = db_col_is_null(st, i) ? 0 : db_col_int(st, i);
    db_reset(st);
    return HW_OK;
}

void reach_sql(const struct principal *who, const char *alias, const char *column, int param,
               struct reach_sql *out)
{
    struct scope_sql down;
    scope_places(who, alias, param, &down);
    /* 0 names no place, so a caller without a compound reaches none upward. */
    snprintf(out->cond, sizeof out->cond, "(%s OR %s IN ($%d, $%d, $%d))", down.cond, column,
             param + 1, param + 2, param + 3);
    out->value = down.value;
}

int reach_list_load(struct db *db, const struct principal *who, const char *column,
                    struct reach_up *up, struct reach_sql *within)
{
    int rc = reach_up_load(db, who, up);
    if (rc == HW_OK)
        reach_sql(who, "p", column, 1, within);
    return rc;
}

int reach_place(struct db *db, const struct principal *who, int64_t place_id, bool down_only)
{
    int rc = scope_place_visible(db, who, place_id);
    if (rc != HW_ENOTFOUND || down_only || place_id <= 0)
        return rc;
    struct reach_up up;
    if ((rc = reach_up_load(db, who, &up)) != HW_OK)
        return rc;
    for (int i = 0; i < 3; i++)
        if (up.ids[i] == place_id)
            return HW_OK;
    return HW_ENOTFOUND;
}

int reach_record(struct db *db, const struct principal *who, const char *place_sql, int64_t id,
                 bool write)
{
    int64_t place = 0;
    int rc = db_scalar_int(db, &place, place_sql, "i", id);
    if (rc != HW_OK)
        return rc;
    return reach_place(db, who, place, write);
}
