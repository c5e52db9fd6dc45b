#include "oversight/score.h"

#include <stdio.h>

struct oversight_formula oversight_formula_default(void)
{
    return (struct oversight_formula){.w_on_time = 30,
                                      .w_resolution = 20,
                                      .w_satisfaction = 30,
                                      .w_third_party = 20,
                                      .penalty_upheld = 5,
                                      .penalty_partly = 2,
                                      .min_orders = 5, /* WOSTATS_MIN_ORDERS_DEFAULT, WS-5 */
                                      .list_size = 3};
}

const char *oversight_formula_check(const struct oversight_formula *f)
{
    const struct {
        const char *name;
        int v, max;
    } fields[] = {
        {"w_on_time", f->w_on_time, OVERSIGHT_WEIGHT_TOTAL},
        {"w_resolution", f->w_resolution, OVERSIGHT_WEIGHT_TOTAL},
        {"w_satisfaction", f->w_satisfaction, OVERSIGHT_WEIGHT_TOTAL},
        {"w_third_party", f->w_third_party, OVERSIGHT_WEIGHT_TOTAL},
        {"penalty_upheld", f->penalty_upheld, OVERSIGHT_PENALTY_MAX},
        {"penalty_partly", f->penalty_partly, OVERSIGHT_PENALTY_MAX},
        {"min_orders", f->min_orders, OVERSIGHT_MIN_ORDERS_MAX},
        {"list_size", f->list_size, OVERSIGHT_LIST_SIZE_MAX},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i].v < 0 || fields[i].v > fields[i].max)
            return fields[i].name;
    if (f->w_on_time + f->w_resolution + f->w_satisfaction + f->w_third_party !=
        OVERSIGHT_WEIGHT_TOTAL)
        return "weights";
    if (f->min_orders < 1)
        return "min_orders";
    if (f->list_size < 1)
        return "list_size";
    return NULL;
}

static const char *const unjudged_names[] = {"too_few_orders", "no_due_orders",
                                             "no_closed_orders", "no_rated_orders",
                                             "no_third_party"};

const char *oversight_unjudged_name(unsigned bit)
{
    for (size_t i = 0; i < sizeof unjudged_names / sizeof unjudged_names[0]; i++)
        if (bit == 1u << i)
            return unjudged_names[i];
    return NULL;
}

/* weight × num / den points in ten-thousandths, rounded half up:
 * (2 × weight × num × SCALE + den) / (2 × den). */
static int64_t term(int weight, int64_t num, int64_t den)
{
    if (weight == 0 || den <= 0)
        return 0;
    return (2 * (int64_t)weight * num * OVERSIGHT_SCORE_SCALE + den) / (2 * den);
}

void oversight_score(const struct oversight_formula *f, const struct oversight_inputs *in,
                     struct oversight_score *out)
{
    *out = (struct oversight_score){0};
    if (in->orders < f->min_orders)
        out->unjudged |= OVERSIGHT_TOO_FEW_ORDERS;
    if (f->w_on_time && in->on_time.den <= 0)
        out->unjudged |= OVERSIGHT_NO_DUE_ORDERS;
    if (f->w_resolution && in->resolution.den <= 0)
        out->unjudged |= OVERSIGHT_NO_CLOSED_ORDERS;
    if (f->w_satisfaction && in->satisfaction.den <= 0)
        out->unjudged |= OVERSIGHT_NO_RATED_ORDERS;
    if (f->w_third_party && in->third_party_count <= 0)
        out->unjudged |= OVERSIGHT_NO_THIRD_PARTY;
    if (out->unjudged)
        return;
    out->on_time = term(f->w_on_time, in->on_time.num, in->on_time.den);
    out->resolution = term(f->w_resolution, in->resolution.num, in->resolution.den);
    out->satisfaction = term(f->w_satisfaction, in->satisfaction.num, in->satisfaction.den);
    /* The mean score out of 100 is the share of the weight earned. */
    out->third_party = term(f->w_third_party, in->third_party_sum, 100 * in->third_party_count);
    out->penalty = ((int64_t)f->penalty_upheld * in->upheld +
                    (int64_t)f->penalty_partly * in->partly_upheld) *
                   OVERSIGHT_SCORE_SCALE;
    out->total = out->on_time + out->resolution + out->satisfaction + out->third_party -
                 out->penalty;
}

/* True when company a ranks before company b. */
static bool ranks_before(const struct oversight_inputs *in, const struct oversight_score *s,
                         size_t a, size_t b)
{
    if (s[a].total != s[b].total)
        return s[a].total > s[b].total;
    int64_t ua = in[a].upheld + in[a].partly_upheld, ub = in[b].upheld + in[b].partly_upheld;
    if (ua != ub)
        return ua < ub;
    return in[a].org_id < in[b].org_id;
}

void oversight_rank(const struct oversight_inputs *in, const struct oversight_score *scores,
                    size_t n, int list_size, size_t *order, size_t *nranked, size_t *nlist)
{
    /* Insertion sort: a sub-district has tens of companies, not thousands. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (scores[i].unjudged)
            continue;
        size_t j = k++;
        for (; j > 0 && ranks_before(in, scores, i, order[j - 1]); j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    *nranked = k;
    size_t half = k / 2;
    *nlist = list_size < 0 ? 0 : (size_t)list_size < half ? (size_t)list_size : half;
}

void oversight_score_text(int64_t score, char *out, size_t size)
{
    int64_t a = score < 0 ? -score : score;
    snprintf(out, size, "%s%lld.%04lld", score < 0 ? "-" : "", (long long)(a / OVERSIGHT_SCORE_SCALE),
             (long long)(a % OVERSIGHT_SCORE_SCALE));
}
