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

int place_label_of(const char *kind, const char *name, const char *compound,
                   const char *building, const char *entrance, char *out, size_t size)
{
    if (!out || size == 0 || !kind)
        return HW_EINVAL;
    out[0] = '\0';
    size_t len = 0;
    bool in_compound = strcmp(kind, "compound") == 0 || strcmp(kind, "building") == 0 ||
                       strcmp(kind, "entrance") == 0 || strcmp(kind, "dwelling") == 0;
    bool fits = in_compound ? append(out, size, &len, compound) &&
                                  append(out, size, &len, building) &&
                                  append(out, size, &len, entrance)
                            : append(out, size, &len, name);
    if (fits && strcmp(kind, "dwelling") == 0)
        fits = append(out, size, &len, name);
    return fits ? HW_OK : HW_ELIMIT;
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
                      "SELECT " PLACE_LABEL_COLUMNS("p", "c", "b", "e") " FROM places p"
                      PLACE_LABEL_JOINS("p", "c", "b", "e") " WHERE p.id = $1",
                      "i", place_id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW)
        rc = place_label_of(db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
                            db_col_text(st, 3), db_col_text(st, 4), out, size);
    else if (rc == DB_DONE)
        rc = HW_ENOTFOUND;
    db_reset(st);
    return rc;
}
