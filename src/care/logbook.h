/* The paper log books, kept here instead (docs/domain.md CT-13, CT-14):
 * the building leader's work log and dispute mediation records. Plain
 * functions of plain data, inside the caller's transaction. */
#ifndef HONGWU_CARE_LOGBOOK_H
#define HONGWU_CARE_LOGBOOK_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

enum { CARE_PARTIES_MIN = 2, CARE_PARTIES_MAX = 10 };

/* One day's entry of building_id's work log by author. HW_EINVAL with
 * *bad_field ("building_id", "date", "seen", "done"). */
int care_log_create(struct db *db, int64_t building_id, const char *date, const char *seen,
                    const char *done, int64_t author_id, int64_t now, int64_t *id,
                    const char **bad_field);
/* Changes seen and/or done (NULL: kept). */
int care_log_update(struct db *db, int64_t id, const char *seen, const char *done, int64_t now,
                    const char **bad_field);
int care_log_json(struct db *db, int64_t id, json_t **out);

struct care_party {
    const char *name, *side; /* side NULL: none */
    int64_t resident_id;     /* 0: none */
};
struct care_mediation_new {
    int64_t place_id;
    const char *matter, *mediator;
    struct care_party parties[CARE_PARTIES_MAX];
    size_t nparties;
};
int care_mediation_create(struct db *db, const struct care_mediation_new *m, int64_t user_id,
                          int64_t now, int64_t *id, const char **bad_field);
/* A meeting (attendees set) or a follow-up (attendees NULL). */
int care_mediation_add(struct db *db, int64_t id, const char *kind, int64_t at,
                       const char *attendees, const char *note, int64_t user_id, int64_t now,
                       const char **bad_field);
/* status "settled" or "failed", once. */
int care_mediation_close(struct db *db, int64_t id, const char *status, const char *outcome,
                         int64_t now, const char **bad_field);
int care_mediation_json(struct db *db, int64_t id, json_t **out);

#endif
