#include "registry/consent.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "registry/resident.h"
#include "store/db_json.h"

enum { GIVEN_BY_MAX_CHARS = 64 };

bool consent_purpose_valid(const char *purpose)
{
    static const char *const purposes[] = {"registry", "care_tier", "household_map", "public_card",
                                           "health_data"};
    for (size_t i = 0; purpose && i < sizeof purposes / sizeof purposes[0]; i++)
        if (strcmp(purposes[i], purpose) == 0)
            return true;
    return false;
}

int consent_add(struct db *db, int64_t resident_id, const char *purpose, const char *given_by,
                int64_t recorded_by, int64_t *id)
{
    if (!consent_purpose_valid(purpose) || !registry_text_valid(given_by, 1, GIVEN_BY_MAX_CHARS))
        return HW_EINVAL;
    int64_t district = 0;
    int rc = db_scalar_int(db, &district, "SELECT district_id FROM residents WHERE id = $1", "i",
                           resident_id);
    if (rc != HW_OK)
        return rc;
    int64_t now = clock_now();
    return db_scalar_int(db, id,
                         "INSERT INTO consents (district_id, resident_id, purpose, given_by,"
                         " given_at, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5,"
                         " NULLIF($6, 0), $5) RETURNING id",
                         "iissii", district, resident_id, purpose, given_by, now, recorded_by);
}

int consent_withdraw(struct db *db, int64_t consent_id, int64_t withdrawn_by)
{
    int64_t n = db_run(db,
                       "UPDATE consents SET withdrawn_at = $1, withdrawn_by = NULLIF($2, 0)"
                       " WHERE id = $3 AND withdrawn_at IS NULL",
                       "iii", clock_now(), withdrawn_by, consent_id);
    if (n < 0)
        return (int)n;
    if (n)
        return HW_OK;
    int64_t resident;
    int rc = consent_resident(db, consent_id, &resident);
    return rc == HW_OK ? HW_ECONFLICT : rc;
}

int consent_resident(struct db *db, int64_t consent_id, int64_t *resident_id)
{
    return db_scalar_int(db, resident_id, "SELECT resident_id FROM consents WHERE id = $1", "i",
                         consent_id);
}

static json_t *consent_row_json(struct db_stmt *st)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "resident_id", (json_int_t)db_col_int(st, 1),
                     "purpose", db_col_text(st, 2), "given_by", db_col_text(st, 3), "given_at",
                     db_json_time(st, 4), "recorded_by", db_json_int(st, 5), "withdrawn_at",
                     db_json_time(st, 6), "withdrawn_by", db_json_int(st, 7));
}

#define CONSENT_COLUMNS                                                                            \
    "id, resident_id, purpose, given_by, given_at, recorded_by, withdrawn_at, withdrawn_by"

int consent_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, "SELECT " CONSENT_COLUMNS " FROM consents WHERE id = $1", "i", id);
    json_t *items;
    if (rc != HW_OK || (rc = db_json_rows(st, consent_row_json, &items)) != HW_OK)
        return rc;
    *out = json_incref(json_array_get(items, 0));
    json_decref(items);
    return *out ? HW_OK : HW_ENOTFOUND;
}

int consent_list_json(struct db *db, int64_t resident_id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT " CONSENT_COLUMNS " FROM consents WHERE resident_id = $1"
                      " ORDER BY id",
                      "i", resident_id);
    return rc == HW_OK ? db_json_rows(st, consent_row_json, out) : rc;
}
