/* Residents (以房管人): people linked to dwellings as owner, family member or
 * tenant, with special-group tags and consent records. Plain functions over
 * the database; the HTTP routes are in resident_http.c, the CSV import in
 * src/transfer/. Every function runs inside the caller's transaction. */
#ifndef HONGWU_REGISTRY_RESIDENT_H
#define HONGWU_REGISTRY_RESIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
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

/* Added by the residents area (issue 4). */

enum { RESIDENT_TAGS_MAX = 64 }; /* tags one resident may carry */

/* Text people type: UTF-8 without control characters, min..max characters
 * (code points, not bytes), not starting with a space. */
bool registry_text_valid(const char *s, long min_chars, long max_chars);


/* Normalises r->id_number into id (a lower-case x becomes X) and, when the
 * number is valid, fills an absent birth_date (into birth) and sex from it:
 * GB 11643 digits 7-14 are the birth date, the 17th is odd for men.
 * resident_insert, resident_update and resident_upsert do this themselves. */
void resident_derive_from_id(struct resident *r, char id[19], char birth[11]);

/* resident_upsert telling an update from a row already as given. Fields
 * absent (NULL, 0) in r keep their stored values. */
enum upsert_outcome { UPSERT_CREATED, UPSERT_UPDATED, UPSERT_UNCHANGED };
int resident_upsert_outcome(struct db *db, const struct resident *r, int64_t *id,
                            enum upsert_outcome *outcome);

/* A new resident: HW_EINVAL with *bad_field (party_org_id must be of the
 * same sub-district), HW_ECONFLICT when the ID number is already registered
 * in the sub-district (*bad_field "id_number"). */
int resident_insert(struct db *db, const struct resident *r, int64_t *id, const char **bad_field);
/* Replaces every field of resident id with r's; r->district_id must be its own. */
int resident_update(struct db *db, int64_t id, const struct resident *r, const char **bad_field);
/* Reads resident id; its strings are copied into a. */
int resident_load(struct db *db, struct arena *a, int64_t id, struct resident *out);

bool occupancy_relation_valid(const char *relation);

/* Makes the resident's tags exactly tag_ids (at most RESIDENT_TAGS_MAX);
 * keep_sensitive leaves sensitive tags as they are (a caller who may not see them). */
int resident_tags_set(struct db *db, int64_t resident_id, int64_t district_id,
                      const int64_t *tag_ids, size_t n, bool keep_sensitive);

#endif
