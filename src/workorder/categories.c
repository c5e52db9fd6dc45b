#include "workorder/categories.h"

#include <string.h>

#include "base/err.h"
#include "base/text.h"
#include "store/db_json.h"

/* The seed tree. Property repairs are the matters residents call the
 * property about (docs/domain.md WO-2); the six classes of events are
 * GB/T 30428's (数字化城市管理信息系统 事件类别). The default classes are
 * the product's: a dispatcher sets the class of each order. */
struct seed {
    const char *code, *parent, *zh, *en;
    enum wo_difficulty difficulty;
};
static const struct seed seeds[] = {
    {"property", NULL, "物业报修", "Property repairs", WO_GENERAL},
    {"water", "property", "给水", "Water supply", WO_GENERAL},
    {"drains", "property", "排水", "Drains", WO_GENERAL},
    {"electricity", "property", "供电", "Electricity", WO_GENERAL},
    {"lifts", "property", "电梯", "Lifts", WO_COMPLEX},
    {"lighting", "property", "照明", "Lighting", WO_SIMPLE},
    {"doors", "property", "门禁门窗", "Doors and access", WO_SIMPLE},
    {"greening", "property", "绿化", "Greening", WO_GENERAL},
    {"cleaning", "property", "保洁", "Cleaning", WO_SIMPLE},
    {"parking", "property", "停车", "Parking", WO_SIMPLE},
    {"charging", "property", "充电设施", "Charging", WO_GENERAL},
    {"city_appearance", NULL, "市容环境", "City appearance and environment", WO_GENERAL},
    {"advertising", NULL, "宣传广告", "Publicity and advertising", WO_SIMPLE},
    {"construction", NULL, "施工管理", "Construction management", WO_COMPLEX},
    {"street_order", NULL, "街面秩序", "Street order", WO_GENERAL},
    {"emergency", NULL, "突发事件", "Emergencies", WO_GENERAL},
    {"other", NULL, "其他", "Other", WO_GENERAL},
};

static int insert(struct db *db, int64_t district_id, int64_t parent_id, const char *code,
                  const char *zh, const char *en, enum wo_difficulty d, bool enabled, int64_t now,
                  int64_t *id)
{
    return db_scalar_int(db, id,
                         "INSERT INTO wo_categories (district_id, parent_id, code, name_zh,"
                         " name_en, difficulty, enabled, created_at, updated_at)"
                         " VALUES ($1, NULLIF(CAST($2 AS BIGINT), 0), $3, $4, $5, $6, $7, $8, $8)"
                         " RETURNING id",
                         "iissssbi", district_id, parent_id, code, zh, en, wo_difficulty_name(d),
                         (int)enabled, now);
}

int wo_categories_seed(struct db *db, int64_t district_id, int64_t now)
{
    int64_t n = 0;
    int rc = db_scalar_int(db, &n, "SELECT count(*) FROM wo_categories WHERE district_id = $1",
                           "i", district_id);
    if (rc != HW_OK || n > 0)
        return rc;
    int64_t ids[sizeof seeds / sizeof seeds[0]];
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        int64_t parent = 0;
        for (size_t j = 0; seeds[i].parent && j < i; j++)
            if (strcmp(seeds[j].code, seeds[i].parent) == 0)
                parent = ids[j];
        rc = insert(db, district_id, parent, seeds[i].code, seeds[i].zh, seeds[i].en,
                    seeds[i].difficulty, true, now, &ids[i]);
        if (rc != HW_OK)
            return rc;
    }
    return HW_OK;
}

int wo_category_get(struct db *db, int64_t district_id, int64_t id, enum wo_difficulty *difficulty,
                    bool *enabled)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT difficulty, enabled FROM wo_categories"
                          " WHERE id = $1 AND district_id = $2",
                          "ii", id, district_id);
    if (rc != HW_OK)
        return rc;
    rc = wo_difficulty_parse(db_col_text(st, 0), difficulty);
    *enabled = db_col_bool(st, 1);
    db_reset(st);
    return rc == HW_OK ? HW_OK : HW_EDB;
}

json_t *wo_category_row(struct db_stmt *st)
{
    return json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)db_col_int(st, 0),
                     "parent_id", db_json_int(st, 1), "code", db_col_text(st, 2), "name_zh",
                     db_col_text(st, 3), "name_en", db_col_text(st, 4), "difficulty",
                     db_col_text(st, 5), "enabled", db_col_bool(st, 6));
}

int wo_category_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT " WO_CATEGORY_COLUMNS " FROM wo_categories WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *out = wo_category_row(st);
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

/* A name of one line, 1 .. WO_CATEGORY_NAME_MAX characters. */
static bool name_ok(const char *s)
{
    long n = s ? text_chars(s, false) : -1;
    return n >= 1 && n <= WO_CATEGORY_NAME_MAX && !text_untrimmed(s) && !text_has_invisible(s);
}

/* Lower-case letters, digits and '_', 1 .. WO_CATEGORY_CODE_MAX. */
static bool code_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > WO_CATEGORY_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

int wo_category_create(struct db *db, int64_t district_id, const struct wo_category_new *c,
                       int64_t now, int64_t *id, const char **bad_field)
{
    if (!code_ok(c->code))
        return *bad_field = "code", HW_EINVAL;
    if (!name_ok(c->name_zh))
        return *bad_field = "name_zh", HW_EINVAL;
    if (!name_ok(c->name_en))
        return *bad_field = "name_en", HW_EINVAL;
    if (c->parent_id) {
        enum wo_difficulty d;
        bool enabled;
        int rc = wo_category_get(db, district_id, c->parent_id, &d, &enabled);
        if (rc == HW_ENOTFOUND)
            return *bad_field = "parent_id", HW_EINVAL;
        if (rc != HW_OK)
            return rc;
    }
    return insert(db, district_id, c->parent_id, c->code, c->name_zh, c->name_en, c->difficulty,
                  c->enabled, now, id);
}

int wo_category_update(struct db *db, int64_t id, const struct wo_category_change *c, int64_t now,
                       const char **bad_field)
{
    if (c->name_zh && !name_ok(c->name_zh))
        return *bad_field = "name_zh", HW_EINVAL;
    if (c->name_en && !name_ok(c->name_en))
        return *bad_field = "name_en", HW_EINVAL;
    int64_t n = db_run(db,
                       "UPDATE wo_categories SET name_zh = COALESCE($2, name_zh),"
                       " name_en = COALESCE($3, name_en), difficulty = COALESCE($4, difficulty),"
                       " enabled = CASE WHEN $5 THEN $6 ELSE enabled END, updated_at = $7"
                       " WHERE id = $1",
                       "isssbbi", id, c->name_zh, c->name_en,
                       c->has_difficulty ? wo_difficulty_name(c->difficulty) : NULL,
                       (int)c->has_enabled, (int)c->enabled, now);
    if (n < 0)
        return (int)n;
    return n ? HW_OK : HW_ENOTFOUND;
}
