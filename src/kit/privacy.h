/* Who sees personal data unmasked, and the log of every such read.
 *
 * domain.md, "Privacy" (PIPL): show sensitive data only to those who need it
 * (a grid worker sees their own grid), mask ID and phone numbers for everyone
 * else, and log every read. Scope is decided elsewhere (auth/access.h): these
 * rules apply to records already known to be inside the caller's scope. */
#ifndef HONGWU_KIT_PRIVACY_H
#define HONGWU_KIT_PRIVACY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kit/principal.h"
#include "http/request.h"

/* ID numbers and phones unmasked: those who keep the registry or visit
 * households (community staff, sub-district officers, grid leaders and
 * workers, admins), and a resident for their own household. */
bool privacy_sees_identifiers(const struct principal *who);

/* Sensitive (health-related) tags at all: the same roles. Everyone else
 * simply does not get those tags, nor may filter by them. */
bool privacy_sees_sensitive_tags(const struct principal *who);

/* Children: PIPL art. 28 counts the personal information of a minor under
 * 14 as sensitive. The roles that see identifiers see a child's record
 * whole, and every such read is logged; everyone else gets the first
 * character of the name, no sex, age or tags, and cannot find a child by
 * name (docs/privacy.md). */
enum { PRIVACY_CHILD_AGE = 14 }; /* PIPL art. 28: minors under 14 */
bool privacy_sees_children(const struct principal *who);
/* True when someone born on birth_date (YYYY-MM-DD, or NULL: unknown, taken
 * as an adult) is under PRIVACY_CHILD_AGE on today (YYYY-MM-DD). */
bool privacy_is_child(const char *birth_date, const char *today);
/* The latest birth date of someone who is no longer a child on today:
 * "2012-11-29" on 2026-11-29 (size >= 11). A child is born after it. */
void privacy_child_cutoff(const char *today, char *out, size_t out_size);

/* Identifiers are searched for only by those who see them: for everyone
 * else a search by a number, whole or in part, would complete the mask. True
 * when q looks like an identifier or a piece of one: only digits, X, *, -
 * and spaces, with four digits or X at least ("046X", the last four). */
bool privacy_query_is_identifier(const char *q);

/* What one answer disclosed of one person, for the log of sensitive reads. */
enum privacy_field {
    PRIVACY_ID_NUMBER = 1u << 0,
    PRIVACY_PHONE = 1u << 1,
    PRIVACY_SENSITIVE_TAGS = 1u << 2,
    PRIVACY_CHILD = 1u << 3, /* the record of a child under 14, shown whole */
};

struct privacy_read {
    int64_t subject_id, district_id;
    unsigned fields; /* enum privacy_field bits; 0 logs nothing */
};

/* The value to put into an answer: the number itself for a caller who may
 * see it (setting its bit in *disclosed), else its mask; null for NULL. */
json_t *privacy_id_number_json(const struct principal *who, const char *id_number,
                               unsigned *disclosed);
json_t *privacy_phone_json(const struct principal *who, const char *phone, unsigned *disclosed);

/* A birth date goes with the ID number: the date and a masked number
 * (region and last four kept) together are the whole number. A caller who
 * sees masks gets null (ages stay: the care tiers need them). */
json_t *privacy_birth_date_json(const struct principal *who, const char *birth_date);

/* "id_number,phone,sensitive_tags": the fields column of sensitive_reads. */
void privacy_fields_text(unsigned fields, char *out, size_t out_size);

/* Writes one sensitive_reads row per entry with fields set, before
 * answering: an answer whose read could not be logged must not be sent.
 * Inside an open transaction (a write's answer) the rows join it; else they
 * get one of their own. */
int privacy_log_reads(struct request *req, const char *subject, const struct privacy_read *reads,
                      size_t n);

#endif
