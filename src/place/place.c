#include "place/place.h"

#include "base/clock.h"
#include "base/err.h"

int place_create(struct db *db, const struct place_new *p, int64_t *id)
{
    int64_t district = 0;
    if (p->parent_id) {
        int rc = db_scalar_int(db, &district, "SELECT district_id FROM places WHERE id = $1",
                               "i", p->parent_id);
        if (rc != HW_OK)
            return rc == HW_ENOTFOUND ? HW_EINVAL : rc;
    }
    int rc = db_scalar_int(db, id,
                           "INSERT INTO places (district_id, kind, parent_id, grid_id, name, code,"
                           " created_at) VALUES (NULLIF($1, 0), $2, NULLIF($3, 0), NULLIF($4, 0),"
                           " $5, $6, $7) RETURNING id",
                           "isiissi", district, p->kind, p->parent_id, p->grid_id, p->name,
                           p->code, clock_now());
    if (rc != HW_OK || district)
        return rc;
    /* A sub-district is the tenant: it is its own district. */
    int64_t n = db_run(db, "UPDATE places SET district_id = id WHERE id = $1", "i", *id);
    return n < 0 ? (int)n : HW_OK;
}

int place_get(struct db *db, struct arena *a, int64_t id, const char **kind, const char **name,
              int64_t *district_id)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, "SELECT kind, name, district_id FROM places WHERE id = $1", "i",
                      id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *kind = arena_strdup(a, db_col_text(st, 0));
        *name = arena_strdup(a, db_col_text(st, 1));
        *district_id = db_col_int(st, 2);
        rc = *kind && *name ? HW_OK : HW_ENOMEM;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}
