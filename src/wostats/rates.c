#include "wostats/rates.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

static const char *const level_names[] = {
    [WOSTATS_GRID] = "grid", [WOSTATS_COMMUNITY] = "community", [WOSTATS_DISTRICT] = "district"};

const char *wostats_level_name(enum wostats_level l) { return level_names[l]; }

int wostats_level_parse(const char *s)
{
    for (int i = 0; s && i < WOSTATS_LEVEL_COUNT; i++)
        if (strcmp(s, level_names[i]) == 0)
            return i;
    return -1;
}

static const char *const rate_names[] = {
    [WOSTATS_RESPONSE] = "response",
    [WOSTATS_RESOLVE_ON_TIME] = "resolve_on_time",
    [WOSTATS_RESOLUTION] = "resolution",
    [WOSTATS_SATISFACTION] = "satisfaction",
    [WOSTATS_CLOSED_ON_TIME] = "closed_on_time",
    [WOSTATS_REOPEN] = "reopen",
    [WOSTATS_SENDBACK] = "sendback",
};

const char *wostats_rate_name(enum wostats_rate r) { return rate_names[r]; }

int wostats_rate_parse(const char *s, enum wostats_rate *out)
{
    for (int i = 0; s && i < WOSTATS_RATE_COUNT; i++)
        if (strcmp(s, rate_names[i]) == 0) {
            *out = (enum wostats_rate)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

bool wostats_rate_lower_is_better(enum wostats_rate r)
{
    return r == WOSTATS_REOPEN || r == WOSTATS_SENDBACK;
}

/* When the clock stopped: arrival for on_site; the solution, or for a
 * difficult order its plan, for resolve. 0: it has not. */
static int64_t stop_of(const struct wostats_order *o, enum wostats_clock c)
{
    if (c == WOSTATS_ON_SITE)
        return o->on_site_at;
    if (o->difficult && o->plan_at)
        return o->plan_at;
    return o->resolved_at;
}

/* The moment an open order's clocks are read at: a suspended order's stand
 * still where the suspension began. */
static int64_t read_at(const struct wostats_order *o, int64_t now)
{
    return o->suspended && o->suspended_at ? o->suspended_at : now;
}

int wostats_clock_met(const struct wostats_order *o, enum wostats_clock c, int64_t now)
{
    int64_t due = o->due[c], stop = stop_of(o, c);
    if (stop)
        return stop <= due;
    if (o->closed) /* closed without the step: no promise kept once it was due */
        return o->closed_at > due ? 0 : -1;
    return read_at(o, now) > due ? 0 : -1;
}

static void tally(struct wostats_ratio *r, bool counted, bool hit)
{
    r->den += counted;
    r->num += counted && hit;
}

static void count_clock(struct wostats_ratio *r, const struct wostats_order *o,
                        enum wostats_clock c, int64_t now)
{
    int met = wostats_clock_met(o, c, now);
    tally(r, met >= 0, met == 1);
}

void wostats_count(struct wostats_figures *f, const struct wostats_order *o, int64_t now)
{
    f->received++;
    if (o->outcome == WOSTATS_DUPLICATE) { /* counted on the order it duplicates */
        f->duplicates++;
        return;
    }
    f->orders++;
    struct wostats_ratio *r = f->rates;
    count_clock(&r[WOSTATS_RESPONSE], o, WOSTATS_ON_SITE, now);
    count_clock(&r[WOSTATS_RESOLVE_ON_TIME], o, WOSTATS_RESOLVE, now);
    if (o->closed) {
        f->closed++;
        f->fixed += o->outcome == WOSTATS_FIXED;
        f->not_fixed += o->outcome == WOSTATS_NOT_FIXED;
        f->not_ours += o->outcome == WOSTATS_NOT_OURS;
        if (o->closed_level >= 0 && o->closed_level < WOSTATS_LEVEL_COUNT)
            f->closed_levels[o->closed_level]++;
    }
    /* Every closure is in the denominator: closing unfixed never helps. */
    tally(&r[WOSTATS_RESOLUTION], o->closed, o->outcome == WOSTATS_FIXED);
    tally(&r[WOSTATS_SATISFACTION], o->rating >= 1 && o->rating <= 5, o->rating >= 4);
    /* A difficult order's resolve deadline is its plan's: it has none to close by. */
    if (!o->difficult) {
        int64_t due = o->due[WOSTATS_RESOLVE];
        bool due_now = o->closed || read_at(o, now) > due;
        tally(&r[WOSTATS_CLOSED_ON_TIME], due_now, o->closed && o->closed_at <= due);
    }
    tally(&r[WOSTATS_REOPEN], true, o->reopen_count > 0);
    tally(&r[WOSTATS_SENDBACK], true, o->sendback_count > 0);
}

bool wostats_ratio_value(struct wostats_ratio r, double *out)
{
    if (r.den <= 0)
        return false;
    /* Rounded half up in whole numbers: (num * 10000 + den / 2) / den. */
    int64_t scaled = (r.num * 20000 + r.den) / (2 * r.den);
    *out = (double)scaled / 10000.0;
    return true;
}

static bool span(int64_t from, int64_t to, int64_t *out)
{
    if (!from || !to || to < from)
        return false;
    *out = to - from;
    return true;
}

bool wostats_on_site_s(const struct wostats_order *o, int64_t *out)
{
    return o->outcome != WOSTATS_DUPLICATE && span(o->clock_start_at, o->on_site_at, out);
}

bool wostats_resolved_s(const struct wostats_order *o, int64_t *out)
{
    return o->outcome != WOSTATS_DUPLICATE && span(o->clock_start_at, o->resolved_at, out);
}

static int compare_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

bool wostats_median(int64_t *v, size_t n, int64_t *out)
{
    if (n == 0)
        return false;
    qsort(v, n, sizeof *v, compare_int64);
    if (n % 2) {
        *out = v[n / 2];
        return true;
    }
    int64_t lo = v[n / 2 - 1], hi = v[n / 2];
    *out = lo + (hi - lo) / 2; /* sorted, so hi - lo >= 0: rounds down, cannot overflow */
    return true;
}
