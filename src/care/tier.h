/* Care tiers by colour (docs/domain.md section 6): the four tiers, the
 * tier the residents' tags suggest, and the default visit rules. Plain
 * functions of plain data, unit-tested in tests/unit/test_care_tier.c. */
#ifndef HONGWU_CARE_TIER_H
#define HONGWU_CARE_TIER_H

#include <stdbool.h>
#include <stddef.h>

/* Most demanding first: the order of due lists and of CT-5's choice. */
enum care_tier { CARE_RED, CARE_ORANGE, CARE_YELLOW, CARE_GREEN, CARE_TIER_COUNT };

const char *care_tier_name(enum care_tier t);
int care_tier_parse(const char *s, enum care_tier *out); /* HW_EINVAL when unknown */

/* CT-4: orange tells of illness or disability, so it is sensitive. */
bool care_tier_sensitive(enum care_tier t);

/* What the suggestion looks at in one resident (CT-5). */
enum care_sign {
    CARE_SIGN_LIVING_ALONE = 1u << 0,
    CARE_SIGN_EMPTY_NEST = 1u << 1,
    CARE_SIGN_SERIOUSLY_ILL = 1u << 2, /* sensitive: a health tag */
    CARE_SIGN_DISABLED = 1u << 3,      /* sensitive: a health tag */
    CARE_SIGN_AGED_80_PLUS = 1u << 4,
    CARE_SIGN_PRESCHOOL = 1u << 5,
};
enum { CARE_SIGN_COUNT = 6 };
/* The tag code of a sign ("living_alone"), by bit index 0..CARE_SIGN_COUNT-1. */
const char *care_sign_code(unsigned bit_index);
/* The sign of a tag code, 0 for a tag the suggestion does not look at. */
unsigned care_sign_of_tag(const char *code);
/* Signs that come from sensitive (health) tags. */
enum { CARE_SIGNS_SENSITIVE = CARE_SIGN_SERIOUSLY_ILL | CARE_SIGN_DISABLED };

/* Ages that count without a tag (docs/domain.md CT-1, "Vague"): 80 or older
 * is 高龄; under 6 is pre-school (Compulsory Education Law art. 11: school
 * starts at six full years). */
enum { CARE_AGED_FROM = 80, CARE_SCHOOL_AGE = 6 };
/* The signs an age adds (age < 0: unknown, none). */
unsigned care_signs_of_age(int age);

/* CT-5: the tier the signs of a household's residents suggest, the most
 * demanding that fits: living alone or empty-nest elderly -> red; seriously
 * ill or disabled -> orange; aged 80+ or a pre-school child -> yellow;
 * otherwise green. *reasons gets the signs that decided it (0 for green). */
enum care_tier care_suggest(const unsigned *signs, size_t n, unsigned *reasons);

/* A visit rule's period (CT-9). */
enum care_period { CARE_DAY, CARE_WEEK, CARE_HALF_MONTH, CARE_MONTH, CARE_PERIOD_COUNT };
const char *care_period_name(enum care_period p);
int care_period_parse(const char *s, enum care_period *out);

enum { CARE_HELP_MAX = 200 }; /* bytes of a rule's help tasks, comma separated */

/* A sub-district's rule for one tier (CT-7). */
struct care_rule {
    enum care_tier tier;
    enum care_period period;
    int visits;      /* at least this many visits a period (counted one a day) */
    int accompanied; /* of them, this many with medical staff and police */
    char help[CARE_HELP_MAX]; /* help tasks expected: "cleaning,shopping" */
};

/* The default rule of a tier (seeds 000, docs/domain.md CT-1). */
void care_rule_default(enum care_tier t, struct care_rule *out);

/* Whether a rule is possible: visits 1..the shortest period's days
 * (1 a day, 7 a week, 15 a half-month, 28 a month), accompanied
 * 0..visits. *bad_field names the field. */
bool care_rule_valid(const struct care_rule *r, const char **bad_field);

#endif
