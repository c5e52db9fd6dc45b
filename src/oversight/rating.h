/* The quarterly evaluation in the database (docs/api-oversight.md, "The
 * red-black list"): each sub-district's formula, third-party scores, a
 * quarter's figures measured from the work orders and complaints, and the
 * published quarters frozen as published. Inside the caller's transaction
 * where it writes; no HTTP. */
#ifndef HONGWU_OVERSIGHT_RATING_H
#define HONGWU_OVERSIGHT_RATING_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "oversight/score.h"
#include "store/db.h"

enum { OVERSIGHT_EVALUATOR_MAX = 100, OVERSIGHT_COMPANIES_MAX = 500 };

/* The sub-district's formula, or the default (*is_default) without one. */
int oversight_formula_load(struct db *db, int64_t district, struct oversight_formula *f,
                           bool *is_default);
/* Stores f (checked: HW_EINVAL with *bad) as the sub-district's. */
int oversight_formula_save(struct db *db, int64_t district, const struct oversight_formula *f,
                           int64_t by, int64_t now, const char **bad);
json_t *oversight_formula_json(const struct oversight_formula *f, bool is_default);

struct oversight_third_party {
    int64_t org_id;
    const char *quarter, *evaluator, *note;
    int64_t score;
};
/* Enters one evaluator's score of a company of the sub-district for a
 * quarter. HW_EINVAL with *bad; HW_ECONFLICT when that evaluator scored
 * that company for that quarter already, or the quarter is published. */
int oversight_third_party_add(struct db *db, int64_t district, const struct oversight_third_party *t,
                              int64_t by, int64_t now, int64_t *id, const char **bad);
int oversight_third_party_json(struct db *db, int64_t id, json_t **out);

/* A quarter's figures as measured now: the formula, each company's inputs,
 * terms and score, the ranking, the red and black lists and the companies
 * listed apart. HW_EINVAL for a quarter that does not parse. */
int oversight_quarter_figures(struct db *db, int64_t district, const char *quarter, int64_t now,
                              json_t **out);

/* Freezes the quarter's figures as published. HW_ECONFLICT when it was
 * published already: a published list is final. */
int oversight_publish(struct db *db, int64_t district, const char *quarter, int64_t by,
                      int64_t now, int64_t *id);

/* A published quarter's frozen figures; HW_ENOTFOUND when unpublished. */
int oversight_published_json(struct db *db, int64_t district, const char *quarter, json_t **out);

#endif
