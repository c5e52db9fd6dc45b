#include "wostats/sheet.h"

#include <stdio.h>

#include "base/err.h"

struct words {
    const char *zh, *en;
};

static const struct words head[] = {
    {"单位编号", "unit_id"},  {"单位", "unit"},        {"受理量", "received"},
    {"重复件", "duplicates"}, {"计入件", "orders"},    {"办结量", "closed"},
    {"已解决", "fixed"},      {"未解决", "not_fixed"}, {"非本单位", "not_ours"},
};

static const struct words rate_words[WOSTATS_RATE_COUNT] = {
    [WOSTATS_RESPONSE] = {"响应率", "response"},
    [WOSTATS_RESOLVE_ON_TIME] = {"处置按时率", "resolve_on_time"},
    [WOSTATS_RESOLUTION] = {"解决率", "resolution"},
    [WOSTATS_SATISFACTION] = {"满意率", "satisfaction"},
    [WOSTATS_CLOSED_ON_TIME] = {"按期结案率", "closed_on_time"},
    [WOSTATS_REOPEN] = {"重办率", "reopen"},
    [WOSTATS_SENDBACK] = {"回退率", "sendback"},
};

static const struct words tail[] = {
    {"到场时长中位数(秒)", "median_on_site_s"},
    {"办结时长中位数(秒)", "median_resolved_s"},
    {"网格结案", "closed_grid"},
    {"社区结案", "closed_community"},
    {"街道结案", "closed_district"},
};

static const char *word(const struct words *w, bool english) { return english ? w->en : w->zh; }

static void header(struct table *t, bool english)
{
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        table_header(t, word(&head[i], english));
    for (int i = 0; i < WOSTATS_RATE_COUNT; i++) {
        char num[64], den[64], pct[64];
        const char *name = word(&rate_words[i], english);
        snprintf(num, sizeof num, english ? "%s_num" : "%s分子", name);
        snprintf(den, sizeof den, english ? "%s_den" : "%s分母", name);
        snprintf(pct, sizeof pct, english ? "%s_pct" : "%s(%%)", name);
        table_header(t, num);
        table_header(t, den);
        table_header(t, pct);
    }
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
        table_header(t, word(&tail[i], english));
}

static void median_cell(struct table *t, struct wostats_times *times)
{
    int64_t m;
    if (wostats_group_median(times, &m))
        table_int(t, m);
    else
        table_text(t, NULL);
}

/* One unit's row, or the total's (id 0 and the given name). */
static int row(struct table *t, struct wostats_group *g, const char *name)
{
    const struct wostats_figures *f = &g->f;
    if (g->id)
        table_int(t, g->id);
    else
        table_text(t, NULL);
    table_text(t, name);
    int64_t counts[] = {f->received, f->duplicates, f->orders,  f->closed,
                        f->fixed,    f->not_fixed,  f->not_ours};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        table_int(t, counts[i]);
    for (int i = 0; i < WOSTATS_RATE_COUNT; i++) {
        double rate;
        char pct[16] = "";
        if (wostats_ratio_value(f->rates[i], &rate))
            snprintf(pct, sizeof pct, "%.1f", rate * 100.0);
        table_int(t, f->rates[i].num);
        table_int(t, f->rates[i].den);
        table_text(t, pct[0] ? pct : NULL);
    }
    median_cell(t, &g->on_site);
    median_cell(t, &g->resolved);
    for (int i = 0; i < WOSTATS_LEVEL_COUNT; i++)
        table_int(t, f->closed_levels[i]);
    return table_end_row(t);
}

int wostats_sheet_write(struct wostats_report *r, enum table_format format, bool english,
                        const char *path, int64_t *rows)
{
    *rows = 0;
    struct table *t;
    int rc = table_open(format, path, english ? "work order stats" : "工单统计", &t);
    if (rc != HW_OK)
        return rc;
    header(t, english);
    rc = table_end_row(t);
    for (size_t i = 0; rc == HW_OK && i < r->nunits; i++) {
        struct wostats_group *g = &r->units[i];
        const char *none = english ? "(none)" : "（无）";
        rc = row(t, g, g->id ? g->name : none);
        *rows += rc == HW_OK;
    }
    if (rc == HW_OK && (rc = row(t, &r->total, english ? "total" : "合计")) == HW_OK)
        (*rows)++;
    int closed = table_close(t);
    return rc == HW_OK ? closed : rc;
}
