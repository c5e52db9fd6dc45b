/* Parameters of a query whose SQL is put together from parts (the order
 * lists: only the filters given, one part per way a caller sees orders).
 * Each part adds the values it binds and writes their $k into its SQL, so
 * every parameter the statement has is one it uses (both backends refuse a
 * value for a parameter the statement does not name). */
#ifndef HONGWU_WORKORDER_PARAMS_H
#define HONGWU_WORKORDER_PARAMS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

enum { WO_PARAMS_MAX = 16 };

/* At most one text value, always $1 (set it before adding integers), then
 * the integers in the order added. */
struct wo_params {
    const char *text; /* NULL: none */
    int64_t v[WO_PARAMS_MAX];
    int n;
    bool full; /* an integer did not fit: the query is refused */
};

/* Adds integer value v and returns its parameter number k (for "$k"). */
int wo_param(struct wo_params *p, int64_t v);

/* db_query with p's values. HW_ELIMIT when p is full. */
int wo_params_query(struct db *db, struct db_stmt **out, const char *sql,
                    const struct wo_params *p);

#endif
