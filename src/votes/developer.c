#include "votes/developer.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "place/place.h"

enum { DEVELOPER_NOTE_MAX = 500 };

int vote_developer_mark(struct db *db, int64_t dwelling_id, bool unsold, const char *note,
                        int64_t by, int64_t now, bool *changed, const char **bad_field)
{
    char kind[PLACE_KIND_SIZE];
    int64_t district;
    int rc = place_kind_district(db, dwelling_id, kind, &district);
    if (rc == HW_ENOTFOUND || (rc == HW_OK && strcmp(kind, "dwelling") != 0)) {
        *bad_field = "dwelling_id";
        return HW_EINVAL;
    }
    if (rc != HW_OK)
        return rc;
    if (note && (strlen(note) > DEVELOPER_NOTE_MAX || text_chars(note, true) < 0)) {
        *bad_field = "note";
        return HW_EINVAL;
    }
    int64_t n = unsold ? db_run(db,
                                "INSERT INTO vote_developer_units (district_id, dwelling_id, note,"
                                " marked_by, marked_at) VALUES ($1, $2, $3, $4, $5)"
                                " ON CONFLICT (dwelling_id) DO NOTHING",
                                "iisii", district, dwelling_id, note, by, now)
                       : db_run(db, "DELETE FROM vote_developer_units WHERE dwelling_id = $1", "i",
                                dwelling_id);
    if (n < 0)
        return (int)n;
    *changed = n > 0;
    return HW_OK;
}

int vote_developer_json(struct db *db, int64_t dwelling_id, json_t **out)
{
    char label[PLACE_LABEL_MAX];
    int rc = place_label(db, dwelling_id, label, sizeof label);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query_row(db, &st,
                      "SELECT note, marked_at FROM vote_developer_units WHERE dwelling_id = $1",
                      "i", dwelling_id);
    if (rc != HW_OK && rc != HW_ENOTFOUND)
        return rc;
    bool unsold = rc == HW_OK;
    char at[32] = "";
    if (unsold)
        clock_format_rfc3339(db_col_int(st, 1), at);
    *out = json_pack("{s:I, s:s, s:b, s:s?, s:s?}", "dwelling_id", (json_int_t)dwelling_id,
                     "label", label, "developer_unsold", unsold, "note",
                     unsold ? db_col_text(st, 0) : NULL, "marked_at", unsold ? at : NULL);
    if (unsold)
        db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}
