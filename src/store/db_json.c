#include "store/db_json.h"

#include "base/clock.h"
#include "base/err.h"

json_t *db_json_int(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? json_null() : json_integer(db_col_int(st, col));
}

json_t *db_json_text(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? json_null() : json_string(db_col_text(st, col));
}

json_t *db_json_time(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char when[32];
    clock_format_rfc3339(db_col_int(st, col), when);
    return json_string(when);
}

int db_json_rows(struct db_stmt *st, json_t *(*row)(struct db_stmt *st), json_t **out)
{
    json_t *items = json_array();
    int rc = items ? HW_OK : HW_ENOMEM;
    while (rc == HW_OK && (rc = db_step(st)) == DB_ROW) {
        json_t *item = row(st);
        rc = item && json_array_append_new(items, item) == 0 ? HW_OK : HW_ENOMEM;
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *out = items;
    return HW_OK;
}
