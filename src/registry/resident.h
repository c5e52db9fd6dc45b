/* Residents (以房管人): people linked to dwellings as owner, family member or
 * tenant, with special-group tags and consent records. Plain functions over
 * the database; the HTTP routes are in resident_http.c, the CSV import in
 * src/transfer/. Every function runs inside the caller's transaction. */
#ifndef HONGWU_REGISTRY_RESIDENT_H
#define HONGWU_REGISTRY_RESIDENT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

struct resident {
    int64_t district_id;
    const char *name;
    const char *sex;        /* "male", "female" or NULL */
    const char *birth_date; /* YYYY-MM-DD or NULL */
    const char *id_number;  /* GB 11643, normalised (upper-case X), or NULL */
    const char *phone;      /* mainland mobile or NULL */
    int64_t party_org_id;   /* 0: not a party member */
    const char *note;       /* or NULL */
};

/* Checks every field; HW_EINVAL with the first bad field's name in *bad_field. */
int resident_validate(const struct resident *r, const char **bad_field);

/* Inserts r, or, when r has an ID number already registered in its
 * sub-district, updates that resident (so importing a file twice creates no
 * duplicates). *created says which. */
int resident_upsert(struct db *db, const struct resident *r, int64_t *id, bool *created);

/* Links a resident to a dwelling of the same sub-district. An open link with
 * the same relation is kept as it is (*created false). relation is "owner",
 * "family" or "tenant"; moved_in YYYY-MM-DD or NULL. */
int occupancy_add(struct db *db, int64_t resident_id, int64_t dwelling_id, const char *relation,
                  const char *moved_in, int64_t *id, bool *created);

/* Ends a link (moving out): the row stays as history. */
int occupancy_end(struct db *db, int64_t occupancy_id, const char *moved_out);

/* Adds a tag by code (built-in or the sub-district's own); already present is fine. */
int resident_tag_add(struct db *db, int64_t resident_id, const char *tag_code);

#endif
