#include "care/tier.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"

static const char *const tier_names[CARE_TIER_COUNT] = {"red", "orange", "yellow", "green"};

const char *care_tier_name(enum care_tier t)
{
    return (unsigned)t < CARE_TIER_COUNT ? tier_names[t] : "unknown";
}

int care_tier_parse(const char *s, enum care_tier *out)
{
    for (int t = 0; s && t < CARE_TIER_COUNT; t++) {
        if (strcmp(s, tier_names[t]) == 0) {
            *out = (enum care_tier)t;
            return HW_OK;
        }
    }
    return HW_EINVAL;
}

bool care_tier_sensitive(enum care_tier t) { return t == CARE_ORANGE; }

/* The registry's built-in tag codes (registry/schema/002_registry.sql). */
static const char *const sign_codes[CARE_SIGN_COUNT] = {
    "living_alone", "empty_nest", "seriously_ill", "disabled", "aged_80_plus", "preschool_child",
};

const char *care_sign_code(unsigned bit_index)
{
    return bit_index < CARE_SIGN_COUNT ? sign_codes[bit_index] : "";
}

unsigned care_sign_of_tag(const char *code)
{
    for (unsigned i = 0; code && i < CARE_SIGN_COUNT; i++)
        if (strcmp(code, sign_codes[i]) == 0)
            return 1u << i;
    return 0;
}

unsigned care_signs_of_age(int age)
{
    if (age < 0)
        return 0;
    unsigned s = 0;
    if (age >= CARE_AGED_FROM)
        s |= CARE_SIGN_AGED_80_PLUS;
    if (age < CARE_SCHOOL_AGE)
        s |= CARE_SIGN_PRESCHOOL;
    return s;
}

enum care_tier care_suggest(const unsigned *signs, size_t n, unsigned *reasons)
{
    unsigned all = 0;
    for (size_t i = 0; i < n; i++)
        all |= signs[i];
    /* CT-1's rows, most demanding first (docs/domain.md CT-5). */
    static const struct {
        enum care_tier tier;
        unsigned signs;
    } rows[] = {
        {CARE_RED, CARE_SIGN_LIVING_ALONE | CARE_SIGN_EMPTY_NEST},
        {CARE_ORANGE, CARE_SIGN_SERIOUSLY_ILL | CARE_SIGN_DISABLED},
        {CARE_YELLOW, CARE_SIGN_AGED_80_PLUS | CARE_SIGN_PRESCHOOL},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (all & rows[i].signs) {
            *reasons = all & rows[i].signs;
            return rows[i].tier;
        }
    }
    *reasons = 0;
    return CARE_GREEN;
}

static const char *const period_names[CARE_PERIOD_COUNT] = {"day", "week", "half_month", "month"};

const char *care_period_name(enum care_period p)
{
    return (unsigned)p < CARE_PERIOD_COUNT ? period_names[p] : "unknown";
}

int care_period_parse(const char *s, enum care_period *out)
{
    for (int p = 0; s && p < CARE_PERIOD_COUNT; p++) {
        if (strcmp(s, period_names[p]) == 0) {
            *out = (enum care_period)p;
            return HW_OK;
        }
    }
    return HW_EINVAL;
}

void care_rule_default(enum care_tier t, struct care_rule *out)
{
    /* seeds 000 (docs/domain.md CT-1): red every day, with help tasks;
     * orange "5+2", five visits a week, two with medical staff and police;
     * yellow at least once every half month; green at least once a month. */
    static const struct care_rule defaults[CARE_TIER_COUNT] = {
        {CARE_RED, CARE_DAY, 1, 0, "cleaning,shopping"},
        {CARE_ORANGE, CARE_WEEK, 5, 2, ""},
        {CARE_YELLOW, CARE_HALF_MONTH, 1, 0, ""},
        {CARE_GREEN, CARE_MONTH, 1, 0, ""},
    };
    *out = defaults[(unsigned)t < CARE_TIER_COUNT ? t : CARE_GREEN];
}

bool care_rule_valid(const struct care_rule *r, const char **bad_field)
{
    /* The fewest days a period can have: a February has 28. */
    static const int shortest[CARE_PERIOD_COUNT] = {1, 7, 15, 28};
    if ((unsigned)r->tier >= CARE_TIER_COUNT) {
        *bad_field = "tier";
        return false;
    }
    if ((unsigned)r->period >= CARE_PERIOD_COUNT) {
        *bad_field = "period";
        return false;
    }
    if (r->visits < 1 || r->visits > shortest[r->period]) {
        *bad_field = "visits";
        return false;
    }
    if (r->accompanied < 0 || r->accompanied > r->visits) {
        *bad_field = "accompanied";
        return false;
    }
    return true;
}
