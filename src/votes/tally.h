/* The result of an owners' vote under Civil Code art. 278, para. 2, counted
 * on area and on heads with exact integers: areas are square centimetres,
 * and a share is compared with a fraction by cross-multiplying, never in
 * floating point. */
#ifndef HONGWU_VOTES_TALLY_H
#define HONGWU_VOTES_TALLY_H

#include <stdbool.h>
#include <stdint.h>

/* An area and a number of owners counted as heads (法释〔2009〕7号 arts. 8-9). */
struct vote_weight {
    int64_t area_cm2;
    int64_t heads;
};

struct vote_tally {
    struct vote_weight electorate; /* every head of the frozen electorate */
    struct vote_weight yes, no, abstain; /* the ballots cast, by choice */
};

/* The four conditions, each a share against the law's fraction. */
enum vote_condition {
    VOTE_TURNOUT_AREA,   /* taking part: >= 2/3 of the exclusive area */
    VOTE_TURNOUT_HEADS,  /* taking part: >= 2/3 of the owners */
    VOTE_APPROVAL_AREA,  /* yes: > 1/2 (or >= 3/4) of the participating area */
    VOTE_APPROVAL_HEADS, /* yes: > 1/2 (or >= 3/4) of the participating owners */
    VOTE_CONDITIONS
};

/* A fraction the law names, and whether reaching it exactly suffices. */
struct vote_threshold {
    int64_t num, den;
    bool inclusive; /* ">=" (2/3, 3/4); false: ">" (more than half) */
};

struct vote_result {
    struct vote_weight taking_part; /* yes + no + abstain */
    struct vote_threshold threshold[VOTE_CONDITIONS];
    bool met[VOTE_CONDITIONS];
    bool valid;  /* both turnout conditions met */
    bool passed; /* valid and both approval conditions met */
};

/* Areas up to this (10^8 m2, a city district's floor area) are safe to
 * cross-multiply in 64 bits by the law's denominators. */
#define VOTE_AREA_MAX_CM2 ((int64_t)1000000000000)

/* Whether part/whole reaches num/den (>= when inclusive, else >): compared as
 * part*den against whole*num. A whole of 0 reaches nothing. Arguments are
 * non-negative and at most VOTE_AREA_MAX_CM2; den and num at most 4. */
bool vote_share_reaches(int64_t part, int64_t whole, const struct vote_threshold *t);

/* The result of t for a matter of items 6-8 (special) or any other.
 * HW_EINVAL when the counts cannot be (negative, more taking part than the
 * electorate holds), HW_ELIMIT when an area exceeds VOTE_AREA_MAX_CM2. */
int vote_result_compute(const struct vote_tally *t, bool special, struct vote_result *out);

/* The condition's name in the API: "turnout_area", ... */
const char *vote_condition_name(enum vote_condition c);

#endif
