#include "workorder/teams.h"

#include <stdio.h>

#include "base/err.h"
#include "base/text.h"
#include "workorder/dispatch.h"

static bool name_ok(const char *s)
{
    long n = s ? text_chars(s, false) : -1;
    return n >= 1 && n <= WO_TEAM_NAME_MAX && !text_untrimmed(s) && !text_has_invisible(s);
}

int wo_team_create(struct db *db, int64_t district_id, const char *name, int64_t now,
                   int64_t *id, const char **bad_field)
{
    if (!name_ok(name))
        return *bad_field = "name", HW_EINVAL;
    return db_scalar_int(db, id,
                         "INSERT INTO wo_teams (district_id, name, created_at) VALUES ($1, $2, $3)"
                         " RETURNING id",
                         "isi", district_id, name, now);
}

int wo_team_rename(struct db *db, int64_t id, const char *name, const char **bad_field)
{
    if (!name_ok(name))
        return *bad_field = "name", HW_EINVAL;
    int64_t n = db_run(db, "UPDATE wo_teams SET name = $2 WHERE id = $1", "is", id, name);
    if (n < 0)
        return (int)n;
    return n ? HW_OK : HW_ENOTFOUND;
}

/* The link rows of one team or unit become exactly user_ids: table and
 * key are literals ("wo_team_members", "team_id"). */
static int set_people(struct db *db, const char *table, const char *key, int64_t key_id,
                      int64_t district_id, const int64_t *user_ids, size_t n,
                      const char **bad_field)
{
    if (n > WO_PEOPLE_MAX)
        return *bad_field = "user_ids", HW_EINVAL;
    for (size_t i = 0; i < n; i++) {
        bool ok = false;
        int rc = user_ids[i] > 0 ? wo_worker_check(db, district_id, user_ids[i], &ok) : HW_OK;
        if (rc != HW_OK)
            return rc;
        if (!ok)
            return *bad_field = "user_ids", HW_EINVAL;
    }
    char sql[160];
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = $1", table, key);
    int64_t changed = db_run(db, sql, "i", key_id);
    if (changed < 0)
        return (int)changed;
    snprintf(sql, sizeof sql,
             "INSERT INTO %s (%s, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", table, key);
    for (size_t i = 0; i < n; i++)
        if ((changed = db_run(db, sql, "ii", key_id, user_ids[i])) < 0)
            return (int)changed;
    return HW_OK;
}

int wo_team_set_members(struct db *db, int64_t team_id, int64_t district_id,
                        const int64_t *user_ids, size_t n, const char **bad_field)
{
    return set_people(db, "wo_team_members", "team_id", team_id, district_id, user_ids, n,
                      bad_field);
}

int wo_unit_set_users(struct db *db, int64_t org_id, int64_t district_id,
                      const int64_t *user_ids, size_t n, const char **bad_field)
{
    return set_people(db, "wo_unit_users", "org_id", org_id, district_id, user_ids, n,
                      bad_field);
}

/* The people rows of a query (user_id, name[, open orders]) as an array. */
static int people_json(struct db_stmt *st, bool with_load, json_t **out)
{
    json_t *list = json_array();
    int rc = HW_OK;
    while (list && (rc = db_step(st)) == DB_ROW) {
        json_t *p = json_pack("{s:I, s:s}", "user_id", (json_int_t)db_col_int(st, 0), "name",
                              db_col_text(st, 1));
        if (p && with_load)
            json_object_set_new(p, "open_orders", json_integer(db_col_int(st, 2)));
        if (!p || json_array_append_new(list, p) != 0) {
            rc = HW_ENOMEM;
            break;
        }
    }
    db_reset(st);
    if (!list)
        return HW_ENOMEM;
    if (rc < 0) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return HW_OK;
}

int wo_team_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT district_id, name FROM wo_teams WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *team = json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "district_id",
                             (json_int_t)db_col_int(st, 0), "name", db_col_text(st, 1));
    db_reset(st);
    if (!team)
        return HW_ENOMEM;
    /* The load as least-loaded dispatch counts it (dispatch.c). */
    rc = db_query(db, &st,
                  "SELECT u.id, u.name, (SELECT count(*) FROM work_orders w"
                  " WHERE w.assignee_user_id = u.id"
                  " AND w.status NOT IN ('closed', 'resolved', 'rated'))"
                  " FROM wo_team_members m JOIN users u ON u.id = m.user_id"
                  " WHERE m.team_id = $1 ORDER BY u.id LIMIT $2",
                  "ii", id, (int64_t)WO_PEOPLE_MAX);
    json_t *members = NULL;
    if (rc == HW_OK)
        rc = people_json(st, true, &members);
    if (rc != HW_OK) {
        json_decref(team);
        return rc;
    }
    json_object_set_new(team, "members", members);
    *out = team;
    return HW_OK;
}

int wo_unit_json(struct db *db, int64_t org_id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT district_id, name FROM organizations WHERE id = $1",
                          "i", org_id);
    if (rc != HW_OK)
        return rc;
    json_t *unit = json_pack("{s:I, s:I, s:s}", "org_id", (json_int_t)org_id, "district_id",
                             (json_int_t)db_col_int(st, 0), "org_name", db_col_text(st, 1));
    db_reset(st);
    if (!unit)
        return HW_ENOMEM;
    rc = db_query(db, &st,
                  "SELECT u.id, u.name FROM wo_unit_users l JOIN users u ON u.id = l.user_id"
                  " WHERE l.org_id = $1 ORDER BY u.id LIMIT $2",
                  "ii", org_id, (int64_t)WO_PEOPLE_MAX);
    json_t *users = NULL;
    if (rc == HW_OK)
        rc = people_json(st, false, &users);
    if (rc != HW_OK) {
        json_decref(unit);
        return rc;
    }
    json_object_set_new(unit, "users", users);
    *out = unit;
    return HW_OK;
}
