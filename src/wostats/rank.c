#include "wostats/rank.h"

#include <stdbool.h>

/* -1 when a ranks before b. Rates are compared exactly, a.num / a.den
 * against b.num / b.den by cross-multiplying (denominators are counts of
 * orders, far from overflowing). */
static int compare(const struct wostats_rank_in *a, const struct wostats_rank_in *b,
                   bool lower_first)
{
    int64_t x = a->ratio.num * b->ratio.den, y = b->ratio.num * a->ratio.den;
    if (x != y)
        return (x > y) != lower_first ? -1 : 1;
    if (a->ratio.den != b->ratio.den)
        return a->ratio.den > b->ratio.den ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Insertion sort of idx[0..n) by before(): a sub-district has tens or
 * hundreds of units, not millions. */
static void sort(const struct wostats_rank_in *units, size_t *idx, size_t n, bool by_id,
                 bool lower_first)
{
    for (size_t i = 1; i < n; i++) {
        size_t v = idx[i], j = i;
        while (j > 0) {
            const struct wostats_rank_in *a = &units[v], *b = &units[idx[j - 1]];
            bool before = by_id ? a->id < b->id : compare(a, b, lower_first) < 0;
            if (!before)
                break;
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
}

void wostats_rank(const struct wostats_rank_in *units, size_t n, enum wostats_rate rate,
                  int64_t min_den, size_t *ranked, size_t *nranked, size_t *left_out,
                  size_t *nleft_out)
{
    *nranked = *nleft_out = 0;
    for (size_t i = 0; i < n; i++) {
        if (!units[i].id)
            continue;
        if (units[i].ratio.den >= min_den && units[i].ratio.den > 0)
            ranked[(*nranked)++] = i;
        else
            left_out[(*nleft_out)++] = i;
    }
    sort(units, ranked, *nranked, false, wostats_rate_lower_is_better(rate));
    sort(units, left_out, *nleft_out, true, false);
}
