#include "open311/services.h"

#include <stdio.h>

#include "base/clock.h"
#include "base/err.h"
#include "workorder/categories.h"

static int seed_if_empty(struct db *db, int64_t district_id)
{
    int64_t n = 0;
    int rc = db_scalar_int(db, &n, "SELECT count(*) FROM wo_categories WHERE district_id = $1",
                           "i", district_id);
    if (rc != HW_OK || n > 0)
        return rc;
    if ((rc = db_begin(db, DB_TXN_WRITE)) != HW_OK)
        return rc;
    rc = wo_categories_seed(db, district_id, clock_now());
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK)
        db_rollback(db);
    return rc;
}

int open311_services(struct db *db, int64_t district_id, bool english, json_t **out)
{
    int rc = seed_if_empty(db, district_id);
    if (rc != HW_OK)
        return rc;
    /* A category's group is its parent's name; a root is its own group. */
    struct db_stmt *st;
    rc = db_query(db, &st,
                  "SELECT c.code, c.name_zh, c.name_en, coalesce(g.name_zh, c.name_zh),"
                  " coalesce(g.name_en, c.name_en)"
                  " FROM wo_categories c LEFT JOIN wo_categories g ON g.id = c.parent_id"
                  " WHERE c.district_id = $1 AND c.enabled ORDER BY c.id",
                  "i", district_id);
    if (rc != HW_OK)
        return rc;
    json_t *list = json_array();
    while (list && (rc = db_step(st)) == DB_ROW) {
        const char *zh = db_col_text(st, 1), *en = db_col_text(st, 2);
        char description[256];
        snprintf(description, sizeof description, "%s (%s)", zh, en);
        json_t *s = json_pack("{ss ss ss sb ss ss ss}", "service_code", db_col_text(st, 0),
                              "service_name", english ? en : zh, "description", description,
                              "metadata", 0, "type", "realtime", "keywords", english ? zh : en,
                              "group", db_col_text(st, english ? 4 : 3));
        if (!s || json_array_append_new(list, s) != 0) {
            json_decref(list);
            list = NULL;
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

int open311_service_find(struct db *db, int64_t district_id, const char *code,
                         int64_t *category_id, char *name, size_t size)
{
    int rc = seed_if_empty(db, district_id);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query_row(db, &st,
                          "SELECT id, name_zh FROM wo_categories WHERE district_id = $1"
                          " AND code = $2 AND enabled",
                          "is", district_id, code);
    if (rc != HW_OK)
        return rc;
    *category_id = db_col_int(st, 0);
    snprintf(name, size, "%s", db_col_text(st, 1));
    db_reset(st);
    return HW_OK;
}
