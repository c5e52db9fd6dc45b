/* Columns and rows as JSON: what every list and record answer does with a
 * statement. NULL columns become JSON null. */
#ifndef HONGWU_STORE_DB_JSON_H
#define HONGWU_STORE_DB_JSON_H

#include <jansson.h>

#include "store/db.h"

json_t *db_json_int(struct db_stmt *st, int col);
json_t *db_json_text(struct db_stmt *st, int col);
/* An epoch-seconds column as RFC 3339 with +08:00. */
json_t *db_json_time(struct db_stmt *st, int col);

/* Every remaining row of st as row(st), into a new array in *out; resets st.
 * HW_ENOMEM when a row cannot be built. */
int db_json_rows(struct db_stmt *st, json_t *(*row)(struct db_stmt *st), json_t **out);

#endif
