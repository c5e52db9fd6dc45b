/* The statistics answer as JSON (docs/api-workorders.md, "The answer"). */
#ifndef HONGWU_WOSTATS_RENDER_H
#define HONGWU_WOSTATS_RENDER_H

#include <jansson.h>
#include <stdint.h>

#include "wostats/rank.h"
#include "wostats/report.h"

/* What the caller asked for beyond the query: the ranking's rate and
 * least denominator. */
struct wostats_view {
    const struct wostats_query *q;
    enum wostats_rate rank;
    int64_t min_orders;
};

/* A group's figures (its times are sorted for the medians); NULL when out
 * of memory. */
json_t *wostats_figures_json(struct wostats_group *g);

/* The whole answer in *out (a new reference). */
int wostats_report_json(struct wostats_report *r, const struct wostats_view *v, json_t **out);

#endif
