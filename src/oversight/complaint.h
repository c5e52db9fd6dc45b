/* Complaints in the database (docs/api-oversight.md, "Complaints"): filing,
 * the inspector's steps, and the records as the inspector and as the
 * complainant see them. Inside the caller's transaction; no HTTP. */
#ifndef HONGWU_OVERSIGHT_COMPLAINT_H
#define HONGWU_OVERSIGHT_COMPLAINT_H

#include <jansson.h>
#include <stdint.h>

#include "kit/principal.h"
#include "oversight/complaint_rules.h"
#include "oversight/tracking.h"
#include "store/db.h"

/* Files f in the sub-district of place_id (a community or compound) with
 * the hash of its tracking code; recorded_by is the inspector who recorded
 * a box's complaint, 0 for the public. Tells the sub-district's inspectors,
 * all but the one it names. HW_EINVAL with *bad for a bad field. */
int oversight_complaint_create(struct db *db, int64_t place_id, const struct oversight_filing *f,
                               int64_t recorded_by, const char *code_hash, int64_t now,
                               int64_t *id, int64_t *district, const char **bad);

struct oversight_step_in {
    enum oversight_step step;
    enum oversight_finding finding; /* find */
    const char *action;             /* act: the action taken, shown to the complainant */
    const char *note;               /* the inspector's, never shown to the complainant */
    int64_t subject_user_id;        /* verify: the staff account named, once known; 0: none */
};

/* Takes step s on complaint id for inspector `by`. HW_ECONFLICT when the
 * step is not open in its status; HW_EINVAL with *bad for a bad field. An
 * account the step names loses the inbox notice it had of the complaint. */
int oversight_complaint_step(struct db *db, int64_t id, const struct oversight_step_in *s,
                             int64_t by, int64_t now, const char **bad);

/* The complaint as the inspector sees it, with its steps: the
 * complainant's name and phone masked (privacy_phone_json for who). */
int oversight_complaint_json(struct db *db, const struct principal *who, int64_t id, json_t **out);

/* What its complainant sees by the tracking code: the status, the finding
 * and the action, never the notes. */
int oversight_complaint_public_json(struct db *db, int64_t id, json_t **out);

/* The complaint whose code hashes to hash; HW_ENOTFOUND when none. */
int oversight_complaint_by_code(struct db *db, const char *hash, int64_t *id);

/* Whether who may see complaint id at all: an inspector of its
 * sub-district whom it does not name. HW_OK or HW_ENOTFOUND. */
int oversight_complaint_reach(struct db *db, const struct principal *who, int64_t id);

#endif
