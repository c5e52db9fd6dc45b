#include "open311/jurisdiction.h"

#include "base/err.h"

int open311_jurisdiction(struct db *db, const char *jurisdiction_id, int64_t *district_id)
{
    if (jurisdiction_id && *jurisdiction_id)
        return db_scalar_int(db, district_id,
                             "SELECT id FROM places WHERE kind = 'subdistrict' AND code = $1"
                             " ORDER BY id LIMIT 1",
                             "s", jurisdiction_id);
    /* Two rows are enough to know there is more than one. */
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id FROM places WHERE kind = 'subdistrict' ORDER BY id LIMIT 2", "");
    if (rc != HW_OK)
        return rc;
    int n = 0;
    while ((rc = db_step(st)) == DB_ROW)
        if (n++ == 0)
            *district_id = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    return n == 1 ? HW_OK : HW_EINVAL;
}
