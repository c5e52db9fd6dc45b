/* A complaint's rules as plain functions of plain data (docs/api-oversight.md,
 * "Complaints"): what a filing must hold, and which step the discipline
 * inspector may take in which status. No database and no HTTP. */
#ifndef HONGWU_OVERSIGHT_COMPLAINT_RULES_H
#define HONGWU_OVERSIGHT_COMPLAINT_RULES_H

#include <stdbool.h>
#include <stdint.h>

enum {
    OVERSIGHT_MATTER_MAX = 2000, /* bytes */
    OVERSIGHT_NOTE_MAX = 2000,
    OVERSIGHT_ACTION_MAX = 1000,
    OVERSIGHT_SUBJECT_TEXT_MAX = 200,
    OVERSIGHT_BOX_PLACE_MAX = 200,
    OVERSIGHT_NAME_MAX = 64,
};

enum oversight_subject { OVERSIGHT_SUBJECT_COMPANY, OVERSIGHT_SUBJECT_STAFF, OVERSIGHT_SUBJECT_FUND };
enum oversight_status {
    OVERSIGHT_RECEIVED,
    OVERSIGHT_VERIFYING,
    OVERSIGHT_FOUND,
    OVERSIGHT_CLOSED,
};
enum oversight_step { OVERSIGHT_STEP_VERIFY, OVERSIGHT_STEP_FIND, OVERSIGHT_STEP_ACT };
enum oversight_finding { OVERSIGHT_UPHELD, OVERSIGHT_NOT_UPHELD, OVERSIGHT_PARTLY_UPHELD };

/* Names as the API and the database spell them; parse: HW_EINVAL. */
const char *oversight_subject_name(enum oversight_subject s);
int oversight_subject_parse(const char *s, enum oversight_subject *out);
const char *oversight_status_name(enum oversight_status s);
int oversight_status_parse(const char *s, enum oversight_status *out);
const char *oversight_step_name(enum oversight_step s);
int oversight_step_parse(const char *s, enum oversight_step *out);
const char *oversight_finding_name(enum oversight_finding f);
int oversight_finding_parse(const char *s, enum oversight_finding *out);

/* A filing as given; strings already trimmed, NULL when absent. */
struct oversight_filing {
    enum oversight_subject subject;
    int64_t subject_org_id, subject_user_id;
    const char *subject_text, *matter;
    const char *name, *phone; /* the complainant's, both optional */
    bool from_box;
    const char *box_place;
};

/* NULL when f may be filed, else its first bad field: a company complaint
 * names the company; a staff or fund complaint says whom or which fund
 * (or, from the inspector, names the account); the matter is 1 to
 * OVERSIGHT_MATTER_MAX bytes; a phone is a mainland mobile number; a box's
 * complaint says where the box is. */
const char *oversight_filing_check(const struct oversight_filing *f);

/* The status after step from status, or HW_ECONFLICT when the step is not
 * open: verify from received or verifying (more checking), find from
 * verifying, act from found (the action closes the complaint). */
int oversight_step_next(enum oversight_status status, enum oversight_step step,
                        enum oversight_status *next);

/* A text of 1 to max bytes holding something but blanks; NULL fails. */
bool oversight_text_ok(const char *s, unsigned long max);

#endif
