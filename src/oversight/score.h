/* The quarterly score of a property company and the red-black list
 * (docs/domain.md FU-4, docs/api-oversight.md "The score"): plain integer
 * arithmetic on plain data, so anyone can recompute a published figure from
 * the inputs published beside it. No database and no HTTP. */
#ifndef HONGWU_OVERSIGHT_SCORE_H
#define HONGWU_OVERSIGHT_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wostats/rates.h"

/* A score is kept in ten-thousandths of a point: 87.6543 is 876543. */
enum { OVERSIGHT_SCORE_SCALE = 10000 };

/* A sub-district's formula. The four weights are whole points summing to
 * 100, so a company that does everything perfectly scores 100. */
struct oversight_formula {
    int w_on_time;      /* 按期结案率 (WS-2) */
    int w_resolution;   /* 解决率: "closed, not fixed" is unresolved (WS-2) */
    int w_satisfaction; /* 满意率 (WS-2) */
    int w_third_party;  /* the third-party evaluators' mean score, 0-100 */
    int penalty_upheld; /* points off per complaint upheld against it */
    int penalty_partly; /* points off per complaint partly upheld */
    int min_orders;     /* fewer orders in the quarter: listed apart, not judged */
    int list_size;      /* companies on each of the red and the black list */
};

enum {
    OVERSIGHT_WEIGHT_TOTAL = 100,
    OVERSIGHT_PENALTY_MAX = 100,
    OVERSIGHT_MIN_ORDERS_MAX = 1000,
    OVERSIGHT_LIST_SIZE_MAX = 50,
};

/* The documented default: on time 30, resolution 20, satisfaction 30,
 * third party 20; 5 points per upheld complaint, 2 per partly upheld;
 * 5 orders at least (the rankings' minimum, WS-5); 3 a list. */
struct oversight_formula oversight_formula_default(void);

/* NULL when f is acceptable, else the name of its first bad field. */
const char *oversight_formula_check(const struct oversight_formula *f);

/* One company's measured quarter. */
struct oversight_inputs {
    int64_t org_id;
    int64_t orders; /* the quarter's orders without duplicates (WS-1) */
    struct wostats_ratio on_time, resolution, satisfaction;
    int64_t third_party_sum, third_party_count; /* scores 0-100 and how many */
    int64_t upheld, partly_upheld;
};

/* Why a company is not judged: bits. */
enum oversight_unjudged {
    OVERSIGHT_TOO_FEW_ORDERS = 1u << 0,
    OVERSIGHT_NO_DUE_ORDERS = 1u << 1,    /* no order due to close: no on-time rate */
    OVERSIGHT_NO_CLOSED_ORDERS = 1u << 2, /* no resolution rate */
    OVERSIGHT_NO_RATED_ORDERS = 1u << 3,  /* no satisfaction rate */
    OVERSIGHT_NO_THIRD_PARTY = 1u << 4,
};
const char *oversight_unjudged_name(unsigned bit);

struct oversight_score {
    unsigned unjudged; /* 0: judged, with the terms and score below */
    /* Each term in ten-thousandths of a point, rounded half up on its own. */
    int64_t on_time, resolution, satisfaction, third_party, penalty;
    int64_t total;
};

/* The score of in under f. A weight of 0 needs no data for its term. */
void oversight_score(const struct oversight_formula *f, const struct oversight_inputs *in,
                     struct oversight_score *out);

/* The judged companies ranked, best first: the higher score, then fewer
 * complaints upheld, then the smaller org id. order[] gets the indexes of
 * scores[] whose unjudged is 0 (n at most), *nranked how many. The red list
 * is the first *nlist of them, the black list the last *nlist, worst first:
 * list_size each, but never more than half the ranked, so no company is on
 * both. */
void oversight_rank(const struct oversight_inputs *in, const struct oversight_score *scores,
                    size_t n, int list_size, size_t *order, size_t *nranked, size_t *nlist);

/* "87.6543": a score's decimal text, a minus sign when below 0 (size >= 24). */
void oversight_score_text(int64_t score, char *out, size_t size);

#endif
