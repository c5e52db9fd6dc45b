#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "place/place.h"

/* Appends " name" (or "name" first) to out; false when it does not fit. */
static bool append(char *out, size_t size, size_t *len, const char *name)
{
    if (!name)
        return true;
    int n = snprintf(out + *len, size - *len, "%s%s", *len ? " " : "", name);
    if (n < 0 || (size_t)n >= size - *len)
        return false;
    *len += (size_t)n;
    return true;
}

int place_label(struct db *db, int64_t place_id, char *out, size_t size)
{
    if (!out || size == 0)
        return HW_EINVAL;
    out[0] = '\0';
    /* The compound, building and entrance a place lies in are copied onto
     * it (place.h), so one query finds every name of the label. */
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT p.kind, p.name, c.name, b.name, e.name FROM places p"
                      " LEFT JOIN places c ON c.id = p.compound_id"
                      " LEFT JOIN places b ON b.id = p.building_id"
                      " LEFT JOIN places e ON e.id = p.entrance_id WHERE p.id = $1",
                      "i", place_id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        const char *kind = db_col_text(st, 0);
        size_t len = 0;
        bool in_compound = strcmp(kind, "compound") == 0 || strcmp(kind, "building") == 0 ||
                           strcmp(kind, "entrance") == 0 || strcmp(kind, "dwelling") == 0;
        bool fits = in_compound ? append(out, size, &len, db_col_text(st, 2)) &&
                                      append(out, size, &len, db_col_text(st, 3)) &&
                                      append(out, size, &len, db_col_text(st, 4))
                                : append(out, size, &len, db_col_text(st, 1));
        if (fits && strcmp(kind, "dwelling") == 0)
            fits = append(out, size, &len, db_col_text(st, 1));
        rc = fits ? HW_OK : HW_ELIMIT;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}
