/* The category tree of each sub-district (docs/api-workorders.md): seeded
 * with property repairs and GB/T 30428's six classes of urban-management
 * events, configurable by the sub-district. */
#ifndef HONGWU_WORKORDER_CATEGORIES_H
#define HONGWU_WORKORDER_CATEGORIES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "workorder/deadline.h"

enum { WO_CATEGORY_CODE_MAX = 32, WO_CATEGORY_NAME_MAX = 64 };

/* Gives a sub-district without categories the seed tree; nothing when it
 * has some. Inside the caller's transaction. */
int wo_categories_seed(struct db *db, int64_t district_id, int64_t now);

/* A category of the sub-district: its default class and whether it is
 * enabled. HW_ENOTFOUND when it is not one of the sub-district's. */
int wo_category_get(struct db *db, int64_t district_id, int64_t id, enum wo_difficulty *difficulty,
                    bool *enabled);

/* {"id","parent_id","code","name_zh","name_en","difficulty","enabled"} */
int wo_category_json(struct db *db, int64_t id, json_t **out);
/* The columns it is built from, for lists: SELECT WO_CATEGORY_COLUMNS ... */
#define WO_CATEGORY_COLUMNS "id, parent_id, code, name_zh, name_en, difficulty, enabled"
json_t *wo_category_row(struct db_stmt *st);

/* A new category (parent NULL: a root). HW_EINVAL with *bad_field,
 * HW_ECONFLICT when the code is taken. */
struct wo_category_new {
    int64_t parent_id; /* 0: a root */
    const char *code, *name_zh, *name_en;
    enum wo_difficulty difficulty;
    bool enabled;
};
int wo_category_create(struct db *db, int64_t district_id, const struct wo_category_new *c,
                       int64_t now, int64_t *id, const char **bad_field);

/* Changes the given fields (NULL / has_* false: kept). */
struct wo_category_change {
    const char *name_zh, *name_en;
    bool has_difficulty, has_enabled;
    enum wo_difficulty difficulty;
    bool enabled;
};
int wo_category_update(struct db *db, int64_t id, const struct wo_category_change *c, int64_t now,
                       const char **bad_field);

#endif
