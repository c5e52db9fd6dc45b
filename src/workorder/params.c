#include "workorder/params.h"

#include <string.h>

#include "base/err.h"

int wo_param(struct wo_params *p, int64_t v)
{
    if (p->n >= WO_PARAMS_MAX) {
        p->full = true;
        return WO_PARAMS_MAX + 1; /* a number no statement gets bound */
    }
    p->v[p->n++] = v;
    return p->n + (p->text ? 1 : 0);
}

int wo_params_query(struct db *db, struct db_stmt **out, const char *sql,
                    const struct wo_params *p)
{
    if (p->full)
        return HW_ELIMIT;
    /* "s" for the text, then one "i" per integer. db_query reads as many
     * arguments as types names: the integers are passed all sixteen, and
     * those past p->n are not read. */
    char types[WO_PARAMS_MAX + 2];
    size_t k = 0;
    if (p->text)
        types[k++] = 's';
    memset(types + k, 'i', (size_t)p->n);
    types[k + (size_t)p->n] = '\0';
    const int64_t *v = p->v;
    if (p->text)
        return db_query(db, out, sql, types, p->text, v[0], v[1], v[2], v[3], v[4], v[5], v[6],
                        v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);
    return db_query(db, out, sql, types, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                    v[9], v[10], v[11], v[12], v[13], v[14], v[15]);
}
