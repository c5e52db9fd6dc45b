/* Work-order statistics as arithmetic on plain data: one order's facts in,
 * counts out; the rates and medians of those counts. The definitions are
 * docs/domain.md WS-1 to WS-4 and docs/api-workorders.md, "Statistics".
 * No database and no HTTP: report.c feeds it rows, tests feed it values. */
#ifndef HONGWU_WOSTATS_RATES_H
#define HONGWU_WOSTATS_RATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How an order closed; OPEN while it is not closed. */
enum wostats_outcome {
    WOSTATS_OPEN,
    WOSTATS_FIXED,
    WOSTATS_NOT_FIXED,
    WOSTATS_NOT_OURS,
    WOSTATS_DUPLICATE,
};

/* The level an order closed at (小事不出村社、大事不出乡镇、矛盾不上交, WO-5). */
enum wostats_level { WOSTATS_GRID, WOSTATS_COMMUNITY, WOSTATS_DISTRICT, WOSTATS_LEVEL_COUNT };
const char *wostats_level_name(enum wostats_level l);
/* -1 for NULL or anything else. */
int wostats_level_parse(const char *s);

enum wostats_clock { WOSTATS_ON_SITE, WOSTATS_RESOLVE, WOSTATS_CLOCK_COUNT };

/* One order's facts, as work_orders keeps them. Times are epoch seconds,
 * 0 when the step has not happened. */
struct wostats_order {
    bool closed, suspended, difficult;
    enum wostats_outcome outcome;
    int closed_level;       /* enum wostats_level, or -1 */
    int64_t clock_start_at; /* the report, or the last reopening */
    int64_t on_site_at, plan_at, resolved_at, closed_at, suspended_at;
    int64_t due[WOSTATS_CLOCK_COUNT];
    int rating; /* 1-5, 0: not rated */
    int64_t reopen_count, sendback_count;
};

/* The rates, in the order the API, the export and the page list them. */
enum wostats_rate {
    WOSTATS_RESPONSE,        /* 响应率: the on-site clock met */
    WOSTATS_RESOLVE_ON_TIME, /* the resolve clock met */
    WOSTATS_RESOLUTION,      /* 解决率: fixed among closed */
    WOSTATS_SATISFACTION,    /* 满意率: rated 4-5 among rated */
    WOSTATS_CLOSED_ON_TIME,  /* 按期结案率 */
    WOSTATS_REOPEN,          /* 重办率 */
    WOSTATS_SENDBACK,        /* 回退率 */
    WOSTATS_RATE_COUNT
};
const char *wostats_rate_name(enum wostats_rate r);
int wostats_rate_parse(const char *s, enum wostats_rate *out); /* HW_EINVAL */
/* Reopening and sending back are failures: the lower rate ranks first. */
bool wostats_rate_lower_is_better(enum wostats_rate r);

struct wostats_ratio {
    int64_t num, den;
};

struct wostats_figures {
    int64_t received, duplicates, orders, closed;
    int64_t fixed, not_fixed, not_ours;
    struct wostats_ratio rates[WOSTATS_RATE_COUNT];
    int64_t closed_levels[WOSTATS_LEVEL_COUNT];
};

/* A clock's verdict at now, as the order's answer shows it: 1 met, 0
 * missed, -1 not decided (still running on time, or closed without the
 * step before its deadline). */
int wostats_clock_met(const struct wostats_order *o, enum wostats_clock c, int64_t now);

/* Counts order o, as it stands at now, into f. */
void wostats_count(struct wostats_figures *f, const struct wostats_order *o, int64_t now);

/* num / den rounded to four decimals; false when den is 0 (no rate). */
bool wostats_ratio_value(struct wostats_ratio r, double *out);

/* Seconds from the clocks' start to arrival / to the solution; false when
 * the order has not got there (or the times are out of order). */
bool wostats_on_site_s(const struct wostats_order *o, int64_t *out);
bool wostats_resolved_s(const struct wostats_order *o, int64_t *out);

/* The median of v[0..n), which it sorts: of an even count the mean of the
 * middle two, rounded down. false when n is 0. */
bool wostats_median(int64_t *v, size_t n, int64_t *out);

#endif
