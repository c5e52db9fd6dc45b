/* Dated periods of the registry: a company serving a compound, a person
 * holding a post. Dates are YYYY-MM-DD text, which sorts as it reads, so SQL
 * compares them as strings. A period runs from `started` (inclusive; NULL:
 * since always) to `ended` (exclusive: the first day it no longer holds;
 * NULL: still running). */
#ifndef HONGWU_BASE_PERIOD_H
#define HONGWU_BASE_PERIOD_H

#include <stdbool.h>

#include "base/clock.h"

/* Each date NULL or valid (validate_date), and started before ended when
 * both are given. *bad_field names the culprit. */
bool org_period_valid(const char *started, const char *ended, const char **bad_field);

bool org_period_current(const char *started, const char *ended, const char *today);

/* Whether two periods share at least one day. */
bool org_period_overlaps(const char *started1, const char *ended1, const char *started2,
                         const char *ended2);

/* SQL for "this row's period holds on day `today`" (column names and a
 * parameter such as "$3"; all literals). */
#define ORG_PERIOD_CURRENT_SQL(started, ended, today)                                              \
    "((" started " IS NULL OR " started " <= " today ") AND (" ended " IS NULL OR " ended          \
    " > " today "))"

#endif
