/* Consent under PIPL (domain.md, "Privacy"): what a resident agreed to, who
 * agreed (often the household head), when, who recorded it, and when and by
 * whom it was withdrawn. Rows are never deleted.
 *
 * A consent is as visible as what it consents to: a consent to process
 * health data says the person has health data worth processing, which is
 * what the hidden sensitive tag would say. So consents whose purpose
 * concerns a sensitive category are shown only to callers who may see
 * sensitive tags (privacy_sees_sensitive_tags); consent_visible is that one
 * rule, and every answer that shows consents goes through it. */
#ifndef HONGWU_REGISTRY_CONSENT_H
#define HONGWU_REGISTRY_CONSENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"

/* registry, care_tier, household_map (docs/domain.md CT-1: the map of colours is
 * posted only for households that consented), public_card, health_data. */
bool consent_purpose_valid(const char *purpose);

/* Whether the purpose concerns a sensitive category of personal information
 * (PIPL art. 28; the sensitive tags of schema/002): health_data. */
bool consent_purpose_sensitive(const char *purpose);

/* The rule: may `who` be shown (or act on) a consent of this purpose? Not
 * when the purpose is sensitive and `who` may not see sensitive tags; NULL
 * `who` sees only what everyone may. */
bool consent_visible(const struct principal *who, const char *purpose);

/* Records a consent given now; HW_EINVAL for a bad purpose or given_by. */
int consent_add(struct db *db, int64_t resident_id, const char *purpose, const char *given_by,
                int64_t recorded_by, int64_t *id);

/* Withdraws it now; HW_ECONFLICT when already withdrawn. */
int consent_withdraw(struct db *db, int64_t consent_id, int64_t withdrawn_by);

/* Its resident, for the scope check; HW_ENOTFOUND as well when `who` may
 * not see it (consent_visible), as if it did not exist. */
int consent_resident(struct db *db, const struct principal *who, int64_t consent_id,
                     int64_t *resident_id);

/* {"id","resident_id","purpose","given_by","given_at","recorded_by",
 *  "withdrawn_at","withdrawn_by"}, times RFC 3339, as `who` may see it:
 * HW_ENOTFOUND when consent_visible says no. */
int consent_json(struct db *db, const struct principal *who, int64_t id, json_t **out);
/* Every consent of a resident that `who` may see, oldest first. */
int consent_list_json(struct db *db, const struct principal *who, int64_t resident_id,
                      json_t **out);

/* The consent as the audit log keeps it: the audit log's readers (an
 * inspector among them) may not see sensitive purposes, so a sensitive
 * one is stored as "purpose": null with "sensitive_purpose": true, as
 * sensitive tags are only counted there. */
int consent_audit_json(struct db *db, int64_t id, json_t **out);

#endif
