#include "kit/scope.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "kit/place_kinds.h"

bool scope_sees_everything(const struct principal *who)
{
    return who->role == ROLE_ADMIN && who->scope_id == 0;
}

const char *scope_column(const struct principal *who)
{
    if (scope_sees_everything(who))
        return NULL;
    const char *col = place_kind_column(who->scope_kind);
    /* A scope of no known kind sees nothing: "id" with scope 0 matches no row. */
    return col ? col : "id";
}

void scope_places(const struct principal *who, const char *alias, int param, struct scope_sql *out)
{
    const char *col = scope_column(who);
    if (col) {
        snprintf(out->cond, sizeof out->cond, "%s.%s = $%d", alias, col, param);
        out->value = who->scope_id;
    } else {
        snprintf(out->cond, sizeof out->cond, "$%d = 0", param);
        out->value = 0;
    }
}

void scope_district(const struct principal *who, const char *alias, int param,
                    struct scope_sql *out)
{
    if (!scope_sees_everything(who)) {
        snprintf(out->cond, sizeof out->cond, "%s.district_id = $%d", alias, param);
        out->value = who->district_id;
    } else {
        snprintf(out->cond, sizeof out->cond, "$%d = 0", param);
        out->value = 0;
    }
}

void scope_district_indexed(const struct principal *who, const char *alias, int param,
                            struct scope_sql *out)
{
    scope_district(who, alias, param, out);
    if (scope_sees_everything(who))
        snprintf(out->cond, sizeof out->cond,
                 "%s.district_id IN (SELECT id FROM places WHERE parent_id IS NULL"
                 " AND kind = 'subdistrict') AND $%d = 0",
                 alias, param);
}

int scope_within_sql(const struct principal *who, const char *places_sql,
                     enum scope_reach reach, char *out, size_t size, int64_t *value)
{
    /* The places are found by id; the scope only tests them. The unary plus
     * before the scope's column ("+p.community_id") keeps SQLite, which plans
     * without statistics, from reading every place of the caller's community
     * through that column's index instead (15 ms a check in a community of
     * 150,000 dwellings). */
    struct scope_sql s;
    if (reach == REACH_SCOPE)
        scope_places(who, "+p", 2, &s);
    else
        scope_district(who, "+p", 2, &s);
    int n = snprintf(out, size, "SELECT count(*) FROM places p WHERE p.id IN (%s) AND %s",
                     places_sql, s.cond);
    if (n < 0 || (size_t)n >= size)
        return HW_ELIMIT;
    *value = s.value;
    return HW_OK;
}

/* Some place among those `places_sql` ($1) answers lies within reach. */
static int any_place_within(struct db *db, const struct principal *who, const char *places_sql,
                            int64_t id, enum scope_reach reach)
{
    char sql[1024];
    int64_t value = 0;
    int rc = scope_within_sql(who, places_sql, reach, sql, sizeof sql, &value);
    if (rc != HW_OK)
        return rc;
    int64_t found = 0;
    rc = db_scalar_int(db, &found, sql, "ii", id, value);
    if (rc != HW_OK)
        return rc;
    return found ? HW_OK : HW_ENOTFOUND;
}

int scope_place_visible(struct db *db, const struct principal *who, int64_t place_id)
{
    return any_place_within(db, who, "SELECT CAST($1 AS BIGINT)", place_id, REACH_SCOPE);
}

int scope_place_in_district(struct db *db, const struct principal *who, int64_t place_id)
{
    return any_place_within(db, who, "SELECT CAST($1 AS BIGINT)", place_id, REACH_DISTRICT);
}

int scope_place_visible_kind(struct db *db, const struct principal *who, int64_t place_id,
                             const char *kind)
{
    int rc = scope_place_visible(db, who, place_id);
    if (rc != HW_OK)
        return rc;
    int64_t n = 0;
    rc = db_scalar_int(db, &n, "SELECT count(*) FROM places WHERE id = $1 AND kind = $2", "is",
                       place_id, kind);
    if (rc != HW_OK)
        return rc;
    return n ? HW_OK : HW_ENOTFOUND;
}

int scope_row_in_district(struct db *db, const struct principal *who, const char *table,
                          int64_t id)
{
    struct scope_sql within;
    scope_district(who, "r", 2, &within);
    char sql[256];
    int n = snprintf(sql, sizeof sql, "SELECT count(*) FROM %s r WHERE r.id = $1 AND %s", table,
                     within.cond);
    if (n < 0 || (size_t)n >= sizeof sql)
        return HW_ELIMIT;
    int64_t found = 0;
    int rc = db_scalar_int(db, &found, sql, "ii", id, within.value);
    if (rc != HW_OK)
        return rc;
    return found ? HW_OK : HW_ENOTFOUND;
}

int scope_record_visible(struct db *db, const struct principal *who, const struct scope_record *r,
                         int64_t id, bool write)
{
    if (r->visible)
        return r->visible(db, who, id, write);
    return any_place_within(db, who, r->places_sql, id, write ? r->write : r->read);
}
