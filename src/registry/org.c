#include "registry/org.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "place/place.h"
#include "base/period.h"

static const char *const org_kinds[] = {"property_company", "owners_committee", "alliance_unit",
                                        "social_org", "resident_unit"};

bool org_kind_valid(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof org_kinds / sizeof org_kinds[0]; i++)
        if (strcmp(org_kinds[i], kind) == 0)
            return true;
    return false;
}

static bool text_valid(const char *s, size_t max) { return s && *s && strlen(s) <= max; }

/* Checks the optional fields shared by create and update ("" clears them). */
static const char *bad_optional(const char *contact_name, const char *contact_phone,
                                const char *offers)
{
    if (contact_name && *contact_name && strlen(contact_name) > 64)
        return "contact_name";
    if (contact_phone && *contact_phone && !validate_mobile(contact_phone))
        return "contact_phone";
    if (offers && strlen(offers) > ORG_OFFERS_MAX)
        return "offers";
    return NULL;
}

int org_create(struct db *db, const struct org_new *o, int64_t *id, const char **bad_field)
{
    *bad_field = NULL;
    if (!org_kind_valid(o->kind))
        *bad_field = "kind";
    else if (!text_valid(o->name, ORG_NAME_MAX))
        *bad_field = "name";
    else
        *bad_field = bad_optional(o->contact_name, o->contact_phone, o->offers);
    if (*bad_field)
        return HW_EINVAL;
    char kind[PLACE_KIND_SIZE];
    int64_t district;
    int rc = place_kind_district(db, o->place_id, kind, &district);
    if (rc == HW_ENOTFOUND || (rc == HW_OK && strcmp(kind, "subdistrict") != 0 &&
                               strcmp(kind, "community") != 0 && strcmp(kind, "compound") != 0)) {
        *bad_field = "place_id";
        return HW_EINVAL;
    }
    if (rc != HW_OK)
        return rc;
    int64_t now = clock_now();
    rc = db_scalar_int(db, id,
                       "INSERT INTO organizations (district_id, kind, name, place_id,"
                       " contact_name, contact_phone, offers, created_at, updated_at)"
                       " VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''),"
                       " $8, $8) RETURNING id",
                       "ississsi", district, o->kind, o->name, o->place_id, o->contact_name,
                       o->contact_phone, o->offers, now);
    if (rc == HW_ECONFLICT)
        *bad_field = "name";
    return rc;
}

int org_update(struct db *db, int64_t id, const struct org_patch *p, const char **bad_field)
{
    *bad_field = p->name && !text_valid(p->name, ORG_NAME_MAX)
                     ? "name"
                     : bad_optional(p->contact_name, p->contact_phone, p->offers);
    if (*bad_field)
        return HW_EINVAL;
    int64_t n =
        db_run(db,
               "UPDATE organizations SET name = COALESCE($1, name),"
               " contact_name = CASE WHEN $2 = 1 THEN NULLIF($3, '') ELSE contact_name END,"
               " contact_phone = CASE WHEN $4 = 1 THEN NULLIF($5, '') ELSE contact_phone END,"
               " offers = CASE WHEN $6 = 1 THEN NULLIF($7, '') ELSE offers END,"
               " updated_at = $8 WHERE id = $9",
               "sisisisii", p->name, (int64_t)(p->contact_name != NULL), p->contact_name,
               (int64_t)(p->contact_phone != NULL), p->contact_phone, (int64_t)(p->offers != NULL),
               p->offers, clock_now(), id);
    if (n == HW_ECONFLICT)
        *bad_field = "name";
    if (n < 0)
        return (int)n;
    return n ? HW_OK : HW_ENOTFOUND;
}

int org_place(struct db *db, int64_t id, int64_t *place_id, int64_t *district_id)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT place_id, district_id FROM organizations WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *place_id = db_col_int(st, 0);
    *district_id = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}

/* Whether an organization of the same kind serves the compound during any
 * day of [started, ended), apart from the link `except` (0: none). */
static int period_taken(struct db *db, const char *kind, int64_t compound_id, int64_t except,
                        const char *started, const char *ended, bool *taken)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT oc.started, oc.ended FROM org_compounds oc"
                      " JOIN organizations o ON o.id = oc.org_id"
                      " WHERE oc.compound_id = $1 AND o.kind = $2 AND oc.id <> $3",
                      "isi", compound_id, kind, except);
    if (rc != HW_OK)
        return rc;
    *taken = false;
    while (!*taken && (rc = db_step(st)) == DB_ROW)
        *taken = org_period_overlaps(db_col_text(st, 0), db_col_text(st, 1), started, ended);
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int org_serve_compound(struct db *db, int64_t org_id, int64_t compound_id, const char *started,
                       const char *ended, int64_t *link_id, const char **bad_field)
{
    *bad_field = NULL;
    if (!org_period_valid(started, ended, bad_field))
        return HW_EINVAL;
    struct db_stmt *st;
    int rc =
        db_query(db, &st, "SELECT kind, district_id FROM organizations WHERE id = $1", "i", org_id);
    if (rc != HW_OK)
        return rc;
    char org_kind[24] = "";
    int64_t district = 0;
    if ((rc = db_step(st)) == DB_ROW) {
        strncpy(org_kind, db_col_text(st, 0), sizeof org_kind - 1);
        district = db_col_int(st, 1);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return HW_ENOTFOUND;
    if (strcmp(org_kind, "property_company") != 0 && strcmp(org_kind, "owners_committee") != 0) {
        *bad_field = "organization";
        return HW_EINVAL;
    }
    char kind[PLACE_KIND_SIZE];
    int64_t compound_district;
    rc = place_kind_district(db, compound_id, kind, &compound_district);
    if (rc == HW_ENOTFOUND ||
        (rc == HW_OK && (strcmp(kind, "compound") != 0 || compound_district != district))) {
        *bad_field = "compound_id";
        return HW_EINVAL;
    }
    bool taken = false;
    if (rc == HW_OK)
        rc = period_taken(db, org_kind, compound_id, 0, started, ended, &taken);
    if (rc != HW_OK)
        return rc;
    if (taken) {
        *bad_field = "period";
        return HW_ECONFLICT;
    }
    return db_scalar_int(db, link_id,
                         "INSERT INTO org_compounds (district_id, org_id, compound_id, started,"
                         " ended, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                         "iiissi", district, org_id, compound_id, started, ended, clock_now());
}

/* "" clears, NULL keeps: the value the row will hold, or NULL. */
static const char *patched(const char *given, const char *stored)
{
    if (!given)
        return stored;
    return *given ? given : NULL;
}

int org_compound_update(struct db *db, int64_t org_id, int64_t link_id, const char *started,
                        const char *ended, const char **bad_field)
{
    *bad_field = NULL;
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT o.kind, oc.compound_id, oc.started, oc.ended FROM org_compounds oc"
                      " JOIN organizations o ON o.id = oc.org_id"
                      " WHERE oc.id = $1 AND oc.org_id = $2",
                      "ii", link_id, org_id);
    if (rc != HW_OK)
        return rc;
    char kind[24] = "", old_started[CLOCK_DATE_SIZE] = "", old_ended[CLOCK_DATE_SIZE] = "";
    int64_t compound = 0;
    if ((rc = db_step(st)) == DB_ROW) {
        strncpy(kind, db_col_text(st, 0), sizeof kind - 1);
        compound = db_col_int(st, 1);
        if (db_col_text(st, 2))
            strncpy(old_started, db_col_text(st, 2), sizeof old_started - 1);
        if (db_col_text(st, 3))
            strncpy(old_ended, db_col_text(st, 3), sizeof old_ended - 1);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return HW_ENOTFOUND;
    const char *new_started = patched(started, *old_started ? old_started : NULL);
    const char *new_ended = patched(ended, *old_ended ? old_ended : NULL);
    if (!org_period_valid(new_started, new_ended, bad_field))
        return HW_EINVAL;
    bool taken = false;
    if ((rc = period_taken(db, kind, compound, link_id, new_started, new_ended, &taken)) != HW_OK)
        return rc;
    if (taken) {
        *bad_field = "period";
        return HW_ECONFLICT;
    }
    int64_t n = db_run(db, "UPDATE org_compounds SET started = $1, ended = $2 WHERE id = $3", "ssi",
                       new_started, new_ended, link_id);
    return n < 0 ? (int)n : HW_OK;
}

static int compounds_json(struct db *db, int64_t org_id, const char *today, json_t *out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT oc.id, oc.compound_id, p.name, oc.started, oc.ended"
                      " FROM org_compounds oc JOIN places p ON p.id = oc.compound_id"
                      " WHERE oc.org_id = $1 ORDER BY oc.started, oc.id",
                      "i", org_id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *started = db_col_text(st, 3), *ended = db_col_text(st, 4);
        json_t *c = json_pack(
            "{s:I, s:I, s:s, s:s?, s:s?, s:b}", "id", (json_int_t)db_col_int(st, 0), "compound_id",
            (json_int_t)db_col_int(st, 1), "name", db_col_text(st, 2), "started", started, "ended",
            ended, "current", org_period_current(started, ended, today));
        if (!c || json_array_append_new(out, c) != 0) {
            rc = HW_ENOMEM;
            break;
        }
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int org_json(struct db *db, int64_t id, const char *today, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT o.id, o.kind, o.name, o.place_id, p.name, o.contact_name,"
                      " o.contact_phone, o.offers, o.district_id FROM organizations o"
                      " LEFT JOIN places p ON p.id = o.place_id WHERE o.id = $1",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *org = NULL;
    if ((rc = db_step(st)) == DB_ROW) {
        /* The contact is the organization's public one (a front desk, a
         * named liaison): shown as given, unlike a resident's phone. */
        org = json_pack("{s:I, s:s, s:s, s:I, s:s?, s:s?, s:s?, s:s?, s:I, s:[]}", "id",
                        (json_int_t)db_col_int(st, 0), "kind", db_col_text(st, 1), "name",
                        db_col_text(st, 2), "place_id", (json_int_t)db_col_int(st, 3), "place_name",
                        db_col_text(st, 4), "contact_name", db_col_text(st, 5), "contact_phone",
                        db_col_text(st, 6), "offers", db_col_text(st, 7), "district_id",
                        (json_int_t)db_col_int(st, 8), "compounds");
        rc = org ? HW_OK : HW_ENOMEM;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    if (rc == HW_OK)
        rc = compounds_json(db, id, today, json_object_get(org, "compounds"));
    if (rc != HW_OK) {
        json_decref(org);
        return rc;
    }
    *out = org;
    return HW_OK;
}
