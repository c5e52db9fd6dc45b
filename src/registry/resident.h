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

/* One validator for every path (the API in resident_http.c, the import in
 * src/transfer/): both tidy what they are given with resident_tidy(), then
 * check it with resident_check(), and answer with its words.
 *
 * Why a rule refused a value: the field, and what the rule asks in Chinese
 * and English (a 422 from the API, a rejected cell in an import report). */
struct resident_fault {
    const char *field, *zh, *en;
};

enum { RESIDENT_NAME_MAX_CHARS = 64, RESIDENT_NOTE_MAX_CHARS = 500 };

/* Drops blanks at both ends of the name and note (text_trim(): white space
 * of every kind, zero-width characters) and writes a note's line breaks
 * (CRLF, CR) as LF; a note left empty is none. Copies into a only what
 * changes. */
int resident_tidy(struct arena *a, struct resident *r);

/* Every rule, in order; false with *fault naming the first one broken:
 * a name of 1-64 characters on one line, trimmed, without invisible
 * characters (registry_name_valid); sex male/female; a birth date not after
 * today; a valid ID number whose birth date is not after today, and which a
 * given birth date and sex agree with (GB 11643); a mainland mobile; a note
 * (registry_note_valid). resident_check_on takes today's date. */
bool resident_check(const struct resident *r, struct resident_fault *fault);
bool resident_check_on(const struct resident *r, const char *today, struct resident_fault *fault);

/* resident_check, naming only the field: HW_EINVAL with it in *bad_field. */
int resident_validate(const struct resident *r, const char **bad_field);

/* A name: registry_text_valid(1..64) without invisible characters
 * (text_has_invisible), so two names that look alike are alike. */
bool registry_name_valid(const char *s);
/* A note: 0..500 characters, line breaks (LF) allowed, no other control
 * character, no blanks at the ends. */
bool registry_note_valid(const char *s);

/* A move-in date (POST /residents, POST /residents/{id}/occupancies, the
 * import's moved_in column, occupancy_add): a real date, at most one year
 * after today (a lease signed ahead), and not before the birth date when
 * that is known (NULL: unknown). */
enum { MOVED_IN_MAX_YEARS_AHEAD = 1 };
bool occupancy_moved_in_check(const char *moved_in, const char *birth_date, const char *today,
                              struct resident_fault *fault);

/* Links a resident to a dwelling of the same sub-district. An open link with
 * the same relation is kept as it is (*created false). relation is "owner",
 * "family" or "tenant"; moved_in YYYY-MM-DD or NULL, HW_EINVAL unless
 * occupancy_moved_in_check() takes it with the registered birth date. */
int occupancy_add(struct db *db, int64_t resident_id, int64_t dwelling_id, const char *relation,
                  const char *moved_in, int64_t *id, bool *created);

/* Ends a link (moving out): the row stays as history. */
int occupancy_end(struct db *db, int64_t occupancy_id, const char *moved_out);

/* Adds a tag by code (built-in or the sub-district's own); already present is fine. */
int resident_tag_add(struct db *db, int64_t resident_id, const char *tag_code);

/* Plain rules of a resident record. */

enum { RESIDENT_TAGS_MAX = 64 }; /* tags one resident may carry */

/* Text people type on one line: UTF-8 without control characters,
 * min..max characters (code points, not bytes), without blanks at either
 * end (base/text.h: the API and the import trim them first). */
bool registry_text_valid(const char *s, long min_chars, long max_chars);


/* Normalises r->id_number into id (a lower-case x becomes X) and, when the
 * number is valid, fills an absent birth_date (into birth) and sex from it:
 * GB 11643 digits 7-14 are the birth date, the 17th is odd for men.
 * resident_insert, resident_update and resident_upsert_matched do this themselves. */
void resident_derive_from_id(struct resident *r, char id[19], char birth[11]);

/* Inserts r when match_id is 0, else lays r's given fields over resident
 * match_id (found by the caller within its reach: resident_search.h), so
 * importing a file twice creates no duplicates. Fields absent (NULL, 0) in r
 * keep their stored values. *outcome tells an update from a row already as
 * given. */
enum upsert_outcome { UPSERT_CREATED, UPSERT_UPDATED, UPSERT_UNCHANGED };
/* What resident_upsert_matched() stores over stored for r (whose ID number
 * has filled its birth date and sex: resident_derive_from_id): r's name,
 * and its other fields where given. True when that differs from stored. */
bool resident_merge(const struct resident *stored, const struct resident *r, struct resident *out);
int resident_upsert_matched(struct db *db, const struct resident *r, int64_t match_id,
                            int64_t *id, enum upsert_outcome *outcome);

/* A new resident: HW_EINVAL with *bad_field (party_org_id must be of the
 * same sub-district). The caller checks that the ID number is not already
 * registered within its reach (resident_find_for_write). */
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
