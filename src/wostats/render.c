#include "wostats/render.h"

#include <stdlib.h>

#include "base/clock.h"
#include "base/err.h"

static json_t *ratio_json(struct wostats_ratio r)
{
    double rate;
    json_t *value = wostats_ratio_value(r, &rate) ? json_real(rate) : json_null();
    return json_pack("{s:I, s:I, s:o}", "num", (json_int_t)r.num, "den", (json_int_t)r.den, "rate",
                     value);
}

static json_t *median_json(struct wostats_times *t)
{
    int64_t m;
    return wostats_group_median(t, &m) ? json_integer(m) : json_null();
}

/* Sets name to a new value in o; false when out of memory. */
static bool put(json_t *o, const char *name, json_t *value)
{
    return value && json_object_set_new(o, name, value) == 0;
}

json_t *wostats_figures_json(struct wostats_group *g)
{
    const struct wostats_figures *f = &g->f;
    json_t *rates = json_object(), *levels = json_object();
    bool ok = rates && levels;
    for (int i = 0; ok && i < WOSTATS_RATE_COUNT; i++)
        ok = put(rates, wostats_rate_name((enum wostats_rate)i), ratio_json(f->rates[i]));
    for (int i = 0; ok && i < WOSTATS_LEVEL_COUNT; i++)
        ok = put(levels, wostats_level_name((enum wostats_level)i),
                 json_integer(f->closed_levels[i]));
    if (!ok) {
        json_decref(rates);
        json_decref(levels);
        return NULL;
    }
    return json_pack("{s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I}, s:o, s:{s:o, s:o}, s:o}", "received",
                     (json_int_t)f->received, "duplicates", (json_int_t)f->duplicates, "orders",
                     (json_int_t)f->orders, "closed", (json_int_t)f->closed, "outcomes", "fixed",
                     (json_int_t)f->fixed, "not_fixed", (json_int_t)f->not_fixed, "not_ours",
                     (json_int_t)f->not_ours, "rates", rates, "median_s", "on_site",
                     median_json(&g->on_site), "resolved", median_json(&g->resolved),
                     "closed_levels", levels);
}

static json_t *id_or_null(int64_t id) { return id ? json_integer(id) : json_null(); }

static json_t *name_or_null(const char *name) { return name ? json_string(name) : json_null(); }

/* A unit: its id and name, then its figures. */
static json_t *unit_json(struct wostats_group *g)
{
    json_t *o = wostats_figures_json(g);
    if (!o || !put(o, "id", id_or_null(g->id)) || !put(o, "name", name_or_null(g->name))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *bucket_json(struct wostats_group *g)
{
    char start[WOSTATS_DATE_SIZE], end[WOSTATS_DATE_SIZE];
    wostats_day_format(g->start, start);
    wostats_day_format(g->end, end);
    json_t *o = wostats_figures_json(g);
    if (!o || !put(o, "start", json_string(start)) || !put(o, "end", json_string(end))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *ranking_json(struct wostats_report *r, const struct wostats_view *v)
{
    size_t n = r->nunits ? r->nunits : 1;
    struct wostats_rank_in *in = calloc(n, sizeof *in);
    size_t *ranked = calloc(n, sizeof *ranked), *left = calloc(n, sizeof *left);
    json_t *items = json_array(), *left_out = json_array(), *out = NULL;
    bool ok = in && ranked && left && items && left_out;
    size_t nranked = 0, nleft = 0;
    if (ok) {
        for (size_t i = 0; i < r->nunits; i++)
            in[i] = (struct wostats_rank_in){.id = r->units[i].id,
                                             .ratio = r->units[i].f.rates[v->rank]};
        wostats_rank(in, r->nunits, v->rank, v->min_orders, ranked, &nranked, left, &nleft);
    }
    for (size_t i = 0; ok && i < nranked; i++) {
        const struct wostats_group *g = &r->units[ranked[i]];
        struct wostats_ratio q = g->f.rates[v->rank];
        double rate = 0;
        wostats_ratio_value(q, &rate);
        ok = json_array_append_new(items, json_pack("{s:I, s:o, s:I, s:I, s:f}", "id",
                                                    (json_int_t)g->id, "name",
                                                    name_or_null(g->name), "num", (json_int_t)q.num,
                                                    "den", (json_int_t)q.den, "rate", rate)) == 0;
    }
    for (size_t i = 0; ok && i < nleft; i++) {
        const struct wostats_group *g = &r->units[left[i]];
        ok = json_array_append_new(left_out,
                                   json_pack("{s:I, s:o, s:I, s:s}", "id", (json_int_t)g->id,
                                             "name", name_or_null(g->name), "den",
                                             (json_int_t)g->f.rates[v->rank].den, "reason",
                                             "below_min_orders")) == 0;
    }
    if (ok)
        out = json_pack("{s:s, s:I, s:O, s:O}", "rate", wostats_rate_name(v->rank), "min_orders",
                        (json_int_t)v->min_orders, "items", items, "left_out", left_out);
    json_decref(items);
    json_decref(left_out);
    free(in);
    free(ranked);
    free(left);
    return out;
}

static json_t *categories_json(const struct wostats_report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < r->ntop; i++) {
        const struct wostats_category *c = &r->top[i];
        if (json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)c->id,
                                               "code", c->code, "name_zh", c->name_zh, "name_en",
                                               c->name_en, "orders", (json_int_t)c->orders)) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* An array of groups rendered by fn; NULL when out of memory. */
static json_t *groups_json(struct wostats_group *g, size_t n, json_t *(*fn)(struct wostats_group *))
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, fn(&g[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

int wostats_report_json(struct wostats_report *r, const struct wostats_view *v, json_t **out)
{
    const struct wostats_query *q = v->q;
    char from[WOSTATS_DATE_SIZE], to[WOSTATS_DATE_SIZE], at[32];
    wostats_day_format(q->from, from);
    wostats_day_format(q->to, to);
    clock_format_rfc3339(q->now, at);
    json_t *total = wostats_figures_json(&r->total);
    json_t *items = groups_json(r->units, r->nunits, unit_json);
    json_t *trend = groups_json(r->trend, r->ntrend, bucket_json);
    json_t *ranking = ranking_json(r, v), *top = categories_json(r);
    *out = NULL;
    if (total && items && trend && ranking && top)
        *out = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:O, s:O, s:n, s:O, s:O, s:O}",
                         "from", from, "to", to, "by", wostats_by_name(q->by), "bucket",
                         wostats_bucket_name(q->bucket), "min_orders", (json_int_t)v->min_orders,
                         "rank", wostats_rate_name(v->rank), "generated_at", at, "total", total,
                         "items", items, "next_after", "ranking", ranking, "trend", trend,
                         "top_categories", top);
    json_decref(total);
    json_decref(items);
    json_decref(trend);
    json_decref(ranking);
    json_decref(top);
    return *out ? HW_OK : HW_ENOMEM;
}
