/* Rankings of units by one rate (docs/domain.md WS-5): a unit whose
 * denominator is under the minimum is left out, so one order on time
 * (100 %) does not top the list. Pure. */
#ifndef HONGWU_WOSTATS_RANK_H
#define HONGWU_WOSTATS_RANK_H

#include <stddef.h>
#include <stdint.h>

#include "wostats/rates.h"

enum { WOSTATS_MIN_ORDERS_DEFAULT = 5, WOSTATS_MIN_ORDERS_MAX = 1000 };

/* One unit as a ranking sees it: its id (0: orders without a unit, never
 * ranked) and its ratio for the ranked rate. */
struct wostats_rank_in {
    int64_t id;
    struct wostats_ratio ratio;
};

/* Fills ranked[] with the indexes of the units whose denominator is at
 * least min_den, best first (the higher rate, or the lower for a rate where
 * lower is better; ties by the larger denominator, then the smaller id), and
 * left_out[] with the other units that have an id, in id order. Each array
 * holds n entries at most. */
void wostats_rank(const struct wostats_rank_in *units, size_t n, enum wostats_rate rate,
                  int64_t min_den, size_t *ranked, size_t *nranked, size_t *left_out,
                  size_t *nleft_out);

#endif
