/* The figures of the orders a caller sees, per unit, per trend bucket and
 * in all, read from the database in one read transaction
 * (docs/api-workorders.md, "Statistics"). */
#ifndef HONGWU_WOSTATS_REPORT_H
#define HONGWU_WOSTATS_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "kit/principal.h"
#include "store/db.h"
#include "wostats/days.h"
#include "wostats/rates.h"

/* What a unit is (docs/domain.md WS-6). */
enum wostats_by {
    WOSTATS_BY_GRID,
    WOSTATS_BY_COMMUNITY,
    WOSTATS_BY_DISTRICT,
    WOSTATS_BY_TEAM,
    WOSTATS_BY_PROPERTY_COMPANY,
    WOSTATS_BY_COUNT
};
const char *wostats_by_name(enum wostats_by b);
int wostats_by_parse(const char *s, enum wostats_by *out); /* HW_EINVAL */

enum {
    WOSTATS_MAX_DAYS = 366,       /* the longest period */
    WOSTATS_MAX_ORDERS = 1000000, /* orders in one report: HW_ELIMIT beyond */
    WOSTATS_MAX_LINKS = 100000,   /* property companies' links to compounds read */
    WOSTATS_TOP_CATEGORIES = 5,
};

struct wostats_query {
    const struct principal *who; /* orders whose place lies in this scope */
    int32_t from, to;            /* local days, both included */
    enum wostats_by by;
    enum wostats_bucket bucket;
    int64_t community_id, grid_id; /* 0: any; checked to lie in who's scope */
    int64_t now;
};

/* Times of a set of orders, for their medians (malloc'd). */
struct wostats_times {
    int64_t *v;
    size_t n, cap;
};

/* A unit, a trend bucket, or all orders. */
struct wostats_group {
    int64_t id;         /* the unit's; 0: orders without one */
    const char *name;   /* the unit's name; NULL: none */
    int32_t start, end; /* a bucket's first and last day within the period */
    struct wostats_figures f;
    struct wostats_times on_site, resolved; /* seconds, for the medians */
};

struct wostats_category {
    int64_t id, orders;
    const char *code, *name_zh, *name_en;
};

struct wostats_report {
    struct arena *arena; /* names */
    struct wostats_group total;
    struct wostats_group *units; /* by id, the one without an id last */
    size_t nunits;
    struct wostats_group *trend;
    size_t ntrend;
    struct wostats_category top[WOSTATS_TOP_CATEGORIES];
    size_t ntop;
};

/* Reads and counts. HW_ELIMIT past WOSTATS_MAX_ORDERS orders or
 * WOSTATS_MAX_LINKS links; on error *r holds nothing to free. */
int wostats_report_load(struct db *db, const struct wostats_query *q, struct wostats_report *r);
/* The same inside the caller's open transaction (a published quarter's
 * figures are read in the write that freezes them); HW_EDB outside one. */
int wostats_report_load_in(struct db *db, const struct wostats_query *q, struct wostats_report *r);
void wostats_report_free(struct wostats_report *r);

/* The medians of a group's times (sorting them); false: none. */
bool wostats_group_median(struct wostats_times *t, int64_t *out);

#endif
