#include "workorder/rules.h"

#include <stdio.h>

#include "base/err.h"
#include "store/db_json.h"

int wo_rule_check(const struct wo_rule *r, const char **bad_field)
{
    switch (r->mode) {
    case WO_MODE_DIRECT:
        if (!r->assignee_user_id)
            return *bad_field = "assignee_user_id", HW_EINVAL;
        return HW_OK;
    case WO_MODE_LEAST_LOADED:
        if (!r->team_id)
            return *bad_field = "team_id", HW_EINVAL;
        if (r->assignee_user_id)
            return *bad_field = "assignee_user_id", HW_EINVAL;
        return HW_OK;
    case WO_MODE_GRAB:
        if (r->assignee_user_id)
            return *bad_field = "assignee_user_id", HW_EINVAL;
        return HW_OK;
    case WO_MODE_COUNT:
        break;
    }
    return *bad_field = "mode", HW_EINVAL;
}

/* A row of table (a literal) with this id in the sub-district, with an
 * extra condition (a literal, "" none). */
static int in_district(struct db *db, const char *table, const char *extra, int64_t id,
                       int64_t district_id, bool *found)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE id = $1 AND district_id = $2%s",
             table, extra);
    int64_t n = 0;
    int rc = db_scalar_int(db, &n, sql, "ii", id, district_id);
    *found = n > 0;
    return rc;
}

int wo_rule_validate(struct db *db, int64_t district_id, const struct wo_rule *r,
                     int64_t except_id, const char **bad_field)
{
    int rc = wo_rule_check(r, bad_field);
    if (rc != HW_OK)
        return rc;
    bool ok = true;
    if (r->grid_id && (rc = in_district(db, "places", " AND kind = 'grid'", r->grid_id,
                                        district_id, &ok)) == HW_OK && !ok)
        return *bad_field = "grid_id", HW_EINVAL;
    if (rc == HW_OK && r->category_id &&
        (rc = in_district(db, "wo_categories", "", r->category_id, district_id, &ok)) == HW_OK &&
        !ok)
        return *bad_field = "category_id", HW_EINVAL;
    if (rc == HW_OK && r->team_id &&
        (rc = in_district(db, "wo_teams", "", r->team_id, district_id, &ok)) == HW_OK && !ok)
        return *bad_field = "team_id", HW_EINVAL;
    if (rc == HW_OK && r->assignee_user_id &&
        (rc = wo_worker_check(db, district_id, r->assignee_user_id, &ok)) == HW_OK && !ok)
        return *bad_field = "assignee_user_id", HW_EINVAL;
    if (rc != HW_OK || !r->enabled)
        return rc;
    int64_t same = 0;
    rc = db_scalar_int(db, &same,
                       "SELECT count(*) FROM wo_routes WHERE district_id = $1 AND enabled = TRUE"
                       " AND COALESCE(grid_id, 0) = $2 AND COALESCE(category_id, 0) = $3"
                       " AND id <> $4",
                       "iiii", district_id, r->grid_id, r->category_id, except_id);
    if (rc == HW_OK && same)
        return *bad_field = "category_id", HW_ECONFLICT;
    return rc;
}

int wo_rule_create(struct db *db, int64_t district_id, const struct wo_rule *r, int64_t now,
                   int64_t *id)
{
    return db_scalar_int(db, id,
                         "INSERT INTO wo_routes (district_id, grid_id, category_id, mode,"
                         " assignee_user_id, team_id, enabled, created_at) VALUES ($1,"
                         " NULLIF(CAST($2 AS BIGINT), 0), NULLIF(CAST($3 AS BIGINT), 0), $4,"
                         " NULLIF(CAST($5 AS BIGINT), 0), NULLIF(CAST($6 AS BIGINT), 0), $7, $8)"
                         " RETURNING id",
                         "iiisiibi", district_id, r->grid_id, r->category_id,
                         wo_mode_name(r->mode), r->assignee_user_id, r->team_id, (int)r->enabled,
                         now);
}

int wo_rule_update(struct db *db, int64_t id, const struct wo_rule *r)
{
    int64_t n = db_run(db,
                       "UPDATE wo_routes SET mode = $2, assignee_user_id = NULLIF(CAST($3 AS"
                       " BIGINT), 0), team_id = NULLIF(CAST($4 AS BIGINT), 0), enabled = $5"
                       " WHERE id = $1",
                       "isiib", id, wo_mode_name(r->mode), r->assignee_user_id, r->team_id,
                       (int)r->enabled);
    if (n < 0)
        return (int)n;
    return n ? HW_OK : HW_ENOTFOUND;
}

int wo_rule_load(struct db *db, int64_t id, int64_t *district_id, struct wo_rule *r)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT " WO_RULE_COLUMNS " FROM wo_routes WHERE id = $1", "i",
                          id);
    if (rc != HW_OK)
        return rc;
    *district_id = db_col_int(st, 1);
    *r = (struct wo_rule){.grid_id = db_col_int(st, 2), .category_id = db_col_int(st, 3),
                          .assignee_user_id = db_col_int(st, 5), .team_id = db_col_int(st, 6),
                          .enabled = db_col_bool(st, 7)};
    rc = wo_mode_parse(db_col_text(st, 4), &r->mode);
    db_reset(st);
    return rc == HW_OK ? HW_OK : HW_EDB;
}

json_t *wo_rule_row(struct db_stmt *st)
{
    return json_pack("{s:I, s:I, s:o, s:o, s:s, s:o, s:o, s:b}", "id",
                     (json_int_t)db_col_int(st, 0), "district_id", (json_int_t)db_col_int(st, 1),
                     "grid_id", db_json_int(st, 2), "category_id", db_json_int(st, 3), "mode",
                     db_col_text(st, 4), "assignee_user_id", db_json_int(st, 5), "team_id",
                     db_json_int(st, 6), "enabled", db_col_bool(st, 7));
}

int wo_rule_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT " WO_RULE_COLUMNS " FROM wo_routes WHERE id = $1", "i",
                          id);
    if (rc != HW_OK)
        return rc;
    *out = wo_rule_row(st);
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}
