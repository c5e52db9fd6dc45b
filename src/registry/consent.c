#include "registry/consent.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "kit/privacy.h"
#include "registry/resident.h"
#include "store/db_json.h"

enum { GIVEN_BY_MAX_CHARS = 64 };

/* The purposes of schema/002's CHECK, and whether each concerns a sensitive
 * category. care_tier does not: the tier's colour is posted for consenting
 * households (domain.md, care tiers), and the consent says nothing of which
 * tier. health_data does: it is the consent to process what the sensitive
 * (health-related) tags hold. A purpose added later for another sensitive
 * category (disability, low income...) is marked true here. */
static const struct {
    const char *name;
    bool sensitive;
} purposes[] = {
    {"registry", false},    {"care_tier", false},  {"household_map", false},
    {"public_card", false}, {"health_data", true},
};

static int purpose_index(const char *purpose)
{
    for (size_t i = 0; purpose && i < sizeof purposes / sizeof purposes[0]; i++)
        if (strcmp(purposes[i].name, purpose) == 0)
            return (int)i;
    return -1;
}

bool consent_purpose_valid(const char *purpose) { return purpose_index(purpose) >= 0; }

bool consent_purpose_sensitive(const char *purpose)
{
    int i = purpose_index(purpose);
    /* A purpose not known here is treated as sensitive: hidden rather than shown. */
    return i < 0 || purposes[i].sensitive;
}

bool consent_visible(const struct principal *who, const char *purpose)
{
    return !consent_purpose_sensitive(purpose) || (who && privacy_sees_sensitive_tags(who));
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
    int rc = db_scalar_int(db, &resident, "SELECT resident_id FROM consents WHERE id = $1", "i",
                           consent_id);
    return rc == HW_OK ? HW_ECONFLICT : rc;
}

int consent_resident(struct db *db, const struct principal *who, int64_t consent_id,
                     int64_t *resident_id)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT resident_id, purpose FROM consents WHERE id = $1", "i",
                          consent_id);
    if (rc != HW_OK)
        return rc;
    *resident_id = db_col_int(st, 0);
    bool visible = consent_visible(who, db_col_text(st, 1));
    db_reset(st);
    return visible ? HW_OK : HW_ENOTFOUND;
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

/* Drops from items (consent objects) those `who` may not see. */
static void keep_visible(const struct principal *who, json_t *items)
{
    for (size_t i = json_array_size(items); i-- > 0;) {
        json_t *purpose = json_object_get(json_array_get(items, i), "purpose");
        if (!consent_visible(who, json_string_value(purpose)))
            json_array_remove(items, i);
    }
}

/* The row itself, whoever asks: for consent_json and the audit log. */
static int consent_row(struct db *db, int64_t id, json_t **out)
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

int consent_json(struct db *db, const struct principal *who, int64_t id, json_t **out)
{
    int rc = consent_row(db, id, out);
    if (rc == HW_OK && !consent_visible(who, json_string_value(json_object_get(*out, "purpose")))) {
        json_decref(*out);
        *out = NULL;
        rc = HW_ENOTFOUND;
    }
    return rc;
}

int consent_list_json(struct db *db, const struct principal *who, int64_t resident_id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT " CONSENT_COLUMNS " FROM consents WHERE resident_id = $1"
                      " ORDER BY id",
                      "i", resident_id);
    if (rc == HW_OK && (rc = db_json_rows(st, consent_row_json, out)) == HW_OK)
        keep_visible(who, *out);
    return rc;
}

int consent_audit_json(struct db *db, int64_t id, json_t **out)
{
    int rc = consent_row(db, id, out);
    /* NULL: what the least entitled reader of the audit log may see. */
    if (rc == HW_OK &&
        !consent_visible(NULL, json_string_value(json_object_get(*out, "purpose"))) &&
        (json_object_set_new(*out, "purpose", json_null()) != 0 ||
         json_object_set_new(*out, "sensitive_purpose", json_true()) != 0)) {
        json_decref(*out);
        *out = NULL;
        rc = HW_ENOMEM;
    }
    return rc;
}
