/* Visits (docs/domain.md CT-8, docs/api-care.md "Visits"): recorded once
 * per account and client key, a follow-up filed as a work order in the same
 * transaction. Plain functions of plain data. */
#ifndef HONGWU_CARE_VISIT_H
#define HONGWU_CARE_VISIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "kit/write.h"
#include "store/db.h"

enum {
    CARE_KEY_MIN = 8,
    CARE_KEY_MAX = 64,
    CARE_TEXT_MAX = 2000,     /* bytes of what was seen, help notes, log text */
    CARE_HELP_CODES_MAX = 8,  /* help task codes on one visit */
    CARE_CODE_MAX = 32,       /* bytes of one code */
    CARE_BACKDATE_S = 7 * 86400, /* a visit sent late: recorded up to a week back */
    CARE_GRACE_S = 300,          /* a phone's clock a little ahead */
};

/* A client key: CARE_KEY_MIN..CARE_KEY_MAX letters, digits, '-' or '_'. */
bool care_client_key_valid(const char *key);
/* A code: 1..CARE_CODE_MAX lower-case letters, digits or '_'. */
bool care_code_valid(const char *code);

struct care_visit_new {
    int64_t dwelling_id;
    const char *client_key;
    int64_t visited_at;
    const char *medical_staff, *police; /* NULL: nobody */
    const char *seen;
    const char *help[CARE_HELP_CODES_MAX];
    size_t nhelp;
    const char *help_note;
    bool follow_up;
    int64_t follow_up_category_id;
    const char *follow_up_description;
};

/* The visit id the account recorded under key, HW_ENOTFOUND when none. */
int care_visit_find_key(struct db *db, int64_t visitor_id, const char *key, int64_t *id);

/* Records the visit by who (and its follow-up's work order, filed by actor
 * a for who) inside the caller's transaction. HW_EINVAL with *bad_field. */
int care_visit_create(struct db *db, const struct actor *a, const struct principal *who,
                      const struct care_visit_new *v, int64_t now, int64_t *id,
                      const char **bad_field);

/* The visit as docs/api-care.md shows it. */
int care_visit_json(struct db *db, int64_t id, json_t **out);

#endif
