/* Consent under PIPL (domain.md, "Privacy"): what a resident agreed to, who
 * agreed (often the household head), when, who recorded it, and when and by
 * whom it was withdrawn. Rows are never deleted. */
#ifndef HONGWU_REGISTRY_CONSENT_H
#define HONGWU_REGISTRY_CONSENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* registry, care_tier, household_map (seeds/000: the map of colours is
 * posted only for households that consented), public_card, health_data. */
bool consent_purpose_valid(const char *purpose);

/* Records a consent given now; HW_EINVAL for a bad purpose or given_by. */
int consent_add(struct db *db, int64_t resident_id, const char *purpose, const char *given_by,
                int64_t recorded_by, int64_t *id);

/* Withdraws it now; HW_ECONFLICT when already withdrawn. */
int consent_withdraw(struct db *db, int64_t consent_id, int64_t withdrawn_by);

/* Its resident, for the scope check. */
int consent_resident(struct db *db, int64_t consent_id, int64_t *resident_id);

/* {"id","resident_id","purpose","given_by","given_at","recorded_by",
 *  "withdrawn_at","withdrawn_by"}, times RFC 3339. */
int consent_json(struct db *db, int64_t id, json_t **out);
/* Every consent of a resident, oldest first. */
int consent_list_json(struct db *db, int64_t resident_id, json_t **out);

#endif
