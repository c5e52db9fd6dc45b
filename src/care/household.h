/* A household (a dwelling someone lives in) as grid care sees it: its tier
 * in force, the suggestion of its residents' tags, its rule, its consent to
 * public display (docs/domain.md section 6, docs/api-care.md). Plain
 * functions of plain data, inside or outside the caller's transaction. */
#ifndef HONGWU_CARE_HOUSEHOLD_H
#define HONGWU_CARE_HOUSEHOLD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "care/schedule.h"
#include "care/tier.h"
#include "kit/principal.h"
#include "store/db.h"

enum {
    CARE_REASON_MAX = 500, /* bytes of a tier's reason */
    CARE_NAME_MAX = 64,    /* bytes of a person's name */
    CARE_VISIT_DAYS_MAX = 64, /* days with visits read for a household: two months' worth */
};

/* The rules of a sub-district, one per tier (care_rules rows, else the
 * defaults); custom[t] tells which came from a row. */
int care_rules_load(struct db *db, int64_t district_id, struct care_rule rules[CARE_TIER_COUNT],
                    bool custom[CARE_TIER_COUNT]);
/* Keeps a sub-district's rule for r->tier (checked: care_rule_valid). */
int care_rule_save(struct db *db, int64_t district_id, const struct care_rule *r, int64_t user_id,
                   int64_t now, const char **bad_field);
/* {"district_id", "rules": [...]}, red first. */
int care_rules_json(struct db *db, int64_t district_id, json_t **out);

struct care_household {
    int64_t id, district_id, grid_id, building_id;
    int residents;
    bool has_tier;           /* staff set a tier; else the suggestion drives visits */
    enum care_tier tier;     /* the tier in force */
    int64_t since;           /* its first day; 0 for a suggestion (CT-6) */
    enum care_tier suggested;
    unsigned reasons;        /* the signs behind the suggestion (enum care_sign) */
    struct care_rule rule;   /* the rule of `tier` in its sub-district */
    bool consent;            /* a consent to public display stands (CT-2) */
};

/* Loads dwelling id as of day `today`. HW_ENOTFOUND when it is no dwelling. */
int care_household_load(struct db *db, int64_t id, int64_t today, struct care_household *out);

/* The household's visit days from day `from` on (at most CARE_VISIT_DAYS_MAX,
 * the latest kept), oldest first. */
int care_visit_days(struct db *db, int64_t dwelling_id, int64_t from,
                    struct care_visit_day days[CARE_VISIT_DAYS_MAX], size_t *n);

/* Whether who sees sensitive tiers whole (docs/privacy.md, "Care tiers"). */
bool care_sees_sensitive(const struct principal *who);

/* The household as docs/api-care.md shows it to who on day `today`; with
 * detail, its tier history, consents, period and last visit. *disclosed
 * (may be NULL) is set when a sensitive tier or reason was shown whole. */
int care_household_json(struct db *db, const struct principal *who, int64_t id, int64_t today,
                        bool detail, json_t **out, bool *disclosed);

/* Staff set the tier (CT-6): confirm the suggestion (reason NULL: the
 * suggestion's reasons in words) or override it (reason required). The
 * current tier ends yesterday, the new one applies from today. HW_EINVAL with
 * *bad_field ("tier", "reason"). */
int care_tier_set(struct db *db, int64_t dwelling_id, enum care_tier tier, const char *reason,
                  int64_t user_id, int64_t now, const char **bad_field);

/* The household head's consent to public display (CT-2). */
enum care_consent_method { CARE_WRITTEN, CARE_VERBAL, CARE_PHONE };
int care_consent_method_parse(const char *s, enum care_consent_method *out);
struct care_consent_new {
    const char *given_by;
    int64_t given_by_resident_id; /* 0: none; else living there now */
    enum care_consent_method method;
    int64_t given_at;
};
/* HW_ECONFLICT while one stands; HW_EINVAL with *bad_field. */
int care_consent_give(struct db *db, int64_t dwelling_id, const struct care_consent_new *c,
                      int64_t user_id, int64_t now, const char **bad_field);
/* HW_ECONFLICT when none stands. */
int care_consent_withdraw(struct db *db, int64_t dwelling_id, int64_t user_id, int64_t now);

/* The signs as words ("独居、80岁以上高龄"), for a confirmed tier's reason. */
void care_reasons_text(unsigned signs, char *out, size_t size);

#endif
