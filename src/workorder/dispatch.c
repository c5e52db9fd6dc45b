#include "workorder/dispatch.h"

#include <string.h>

#include "base/err.h"
#include "kit/access.h"

static const char *const mode_names[WO_MODE_COUNT] = {"direct", "grab", "least_loaded"};

const char *wo_mode_name(enum wo_mode m)
{
    return (unsigned)m < WO_MODE_COUNT ? mode_names[m] : NULL;
}

int wo_mode_parse(const char *s, enum wo_mode *out)
{
    for (int i = 0; s && i < WO_MODE_COUNT; i++)
        if (strcmp(s, mode_names[i]) == 0) {
            *out = (enum wo_mode)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

int wo_route_match(struct db *db, const struct wo_order *o, struct wo_assign *out, bool *found)
{
    *found = false;
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, mode, assignee_user_id, team_id FROM wo_routes"
                          " WHERE district_id = $1 AND enabled = TRUE"
                          " AND (grid_id IS NULL OR grid_id = $2)"
                          " AND (category_id IS NULL OR category_id = $3)"
                          " ORDER BY grid_id IS NULL, category_id IS NULL, id LIMIT 1",
                          "iii", o->district_id, o->grid_id, o->category_id);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    *out = (struct wo_assign){.rule_id = db_col_int(st, 0),
                              .assignee_user_id = db_col_int(st, 2),
                              .team_id = db_col_int(st, 3)};
    rc = wo_mode_parse(db_col_text(st, 1), &out->mode);
    db_reset(st);
    *found = rc == HW_OK;
    return rc == HW_OK ? HW_OK : HW_EDB;
}

/* The team member with the fewest open orders. */
static int least_loaded(struct db *db, int64_t team_id, int64_t *user_id)
{
    return db_scalar_int(db, user_id,
                         "SELECT m.user_id FROM wo_team_members m JOIN users u ON u.id = m.user_id"
                         " WHERE m.team_id = $1 AND u.disabled = FALSE ORDER BY"
                         " (SELECT count(*) FROM work_orders w WHERE w.assignee_user_id = m.user_id"
                         " AND w.status NOT IN ('closed', 'resolved', 'rated')), m.user_id LIMIT 1",
                         "i", team_id);
}

int wo_worker_check(struct db *db, int64_t district_id, int64_t user_id, bool *ok)
{
    struct db_stmt *st;
    *ok = false;
    int rc = db_query_row(db, &st,
                          "SELECT role, district_id, disabled FROM users WHERE id = $1", "i",
                          user_id);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    struct principal p = {.user_id = user_id};
    bool known = role_parse(db_col_text(st, 0), &p.role) == HW_OK;
    *ok = known && db_col_int(st, 1) == district_id && !db_col_bool(st, 2) &&
          (access_allows(&p, PERM_WO_WORK) || access_allows(&p, PERM_WO_DISPATCH));
    db_reset(st);
    return HW_OK;
}

int wo_assign_resolve(struct db *db, const struct wo_order *o, struct wo_assign *a,
                      const char **bad_field)
{
    int rc;
    if (a->team_id) {
        int64_t n = 0;
        rc = db_scalar_int(db, &n, "SELECT count(*) FROM wo_teams WHERE id = $1 AND district_id = $2",
                           "ii", a->team_id, o->district_id);
        if (rc != HW_OK)
            return rc;
        if (!n)
            return *bad_field = "team_id", HW_EINVAL;
    }
    if (a->mode == WO_MODE_GRAB) {
        a->assignee_user_id = 0;
        return HW_OK;
    }
    if (a->mode == WO_MODE_LEAST_LOADED && !a->team_id)
        return *bad_field = "team_id", HW_EINVAL;
    if (!a->assignee_user_id) {
        if (!a->team_id)
            return *bad_field = "assignee_user_id", HW_EINVAL;
        rc = least_loaded(db, a->team_id, &a->assignee_user_id);
        if (rc == HW_ENOTFOUND)
            return *bad_field = "team_id", HW_EINVAL;
        if (rc != HW_OK)
            return rc;
    }
    bool ok;
    if ((rc = wo_worker_check(db, o->district_id, a->assignee_user_id, &ok)) != HW_OK)
        return rc;
    return ok ? HW_OK : (*bad_field = "assignee_user_id", HW_EINVAL);
}

int wo_assign_apply(struct db *db, const struct wo_order *o, const struct wo_assign *a,
                    int64_t now)
{
    int64_t n = db_run(db,
                       "UPDATE work_orders SET status = 'dispatched', suspended_from = NULL,"
                       " assignee_user_id = NULLIF(CAST($2 AS BIGINT), 0),"
                       " team_id = NULLIF(CAST($3 AS BIGINT), 0), grab = $4,"
                       " last_handler_id = COALESCE(NULLIF(CAST($2 AS BIGINT), 0), last_handler_id),"
                       " dispatched_at = $5, taken_at = NULL WHERE id = $1",
                       "iiibi", o->id, a->assignee_user_id, a->team_id,
                       (int)(a->mode == WO_MODE_GRAB), now);
    return n < 0 ? (int)n : HW_OK;
}
