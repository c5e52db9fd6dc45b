#include "care/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "care/household.h"
#include "care/schedule.h"
#include "kit/notify_core.h"
#include "place/place.h"

/* The households of a grid: dwellings someone lives in now, by id. */
static int grid_households(struct db *db, int64_t grid_id, int64_t **ids, size_t *n)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT d.id FROM places d WHERE d.kind = 'dwelling' AND d.grid_id = $1"
                      " AND EXISTS (SELECT 1 FROM occupancies o WHERE o.dwelling_id = d.id"
                      " AND o.moved_out IS NULL) ORDER BY d.id LIMIT $2",
                      "ii", grid_id, (int64_t)CARE_GRID_HOUSEHOLDS_MAX);
    if (rc != HW_OK)
        return rc;
    *ids = malloc(sizeof **ids * CARE_GRID_HOUSEHOLDS_MAX);
    *n = 0;
    if (!*ids) {
        db_reset(st);
        return HW_ENOMEM;
    }
    while ((rc = db_step(st)) == DB_ROW)
        (*ids)[(*n)++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0) {
        free(*ids);
        *ids = NULL;
    }
    return rc < 0 ? rc : HW_OK;
}

/* ---- the due list ------------------------------------------------------ */

struct due_item {
    enum care_tier tier;
    int slack;
    char label[PLACE_LABEL_MAX];
    json_t *json;
};

static int due_order(const void *a, const void *b)
{
    const struct due_item *x = a, *y = b;
    if (x->tier != y->tier)
        return (int)x->tier - (int)y->tier;
    if (x->slack != y->slack)
        return x->slack - y->slack;
    return strcmp(x->label, y->label);
}

static json_t *due_item_json(const struct care_household *h, const char *label,
                             const struct care_standing *s, bool masked, int week_owed,
                             int64_t last_visit)
{
    char first[CARE_DATE_SIZE], last[CARE_DATE_SIZE], at[32];
    care_day_format(s->first, first);
    care_day_format(s->last, last);
    json_t *last_at = json_null();
    if (last_visit) {
        clock_format_rfc3339(last_visit, at);
        json_decref(last_at);
        last_at = json_string(at);
    }
    json_t *help = json_array();
    const char *p = h->rule.help;
    while (help && !masked && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        json_array_append_new(help, json_stringn(p, len));
        p = comma ? comma + 1 : p + len;
    }
    return json_pack("{s:{s:I, s:s}, s:s?, s:b, s:s, s:{s:s, s:s, s:s}, s:i, s:i, s:i, s:i, s:i,"
                     " s:i, s:i, s:b, s:b, s:o, s:o, s:i}",
                     "household", "id", (json_int_t)h->id, "label", label, "tier",
                     masked ? NULL : care_tier_name(h->tier), "masked", masked, "tier_source",
                     h->has_tier ? "set" : "suggested", "period", "kind",
                     care_period_name(h->rule.period), "start", first, "end", last, "required",
                     s->need.visits, "made", s->made, "accompanied_required", s->need.accompanied,
                     "accompanied_made", s->accompanied_made, "owed", s->owed, "accompanied_owed",
                     s->accompanied_owed, "days_left", s->days_left, "behind", s->behind,
                     "visited_today", s->visited_today, "last_visit_at", last_at, "help_tasks",
                     help, "week_owed", week_owed);
}

static json_t *sorted_array(struct due_item *items, size_t n)
{
    qsort(items, n, sizeof *items, due_order);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (a)
            json_array_append(a, items[i].json);
    return a;
}

/* One household's standing on day today: *item (its json a new reference,
 * NULL when nothing is due) and whether it is due today and this week. */
static int due_one(struct db *db, bool sees, int64_t id, int64_t today, struct due_item *item,
                   bool *due_today, bool *due_week, bool *disclosed)
{
    struct care_household h;
    int rc = care_household_load(db, id, today, &h);
    struct care_visit_day days[CARE_VISIT_DAYS_MAX];
    size_t n = 0;
    if (rc == HW_OK)
        rc = care_visit_days(db, id, today - 62, days, &n);
    if (rc == HW_OK)
        rc = place_label(db, id, item->label, sizeof item->label);
    int64_t last_visit = 0;
    if (rc == HW_OK)
        rc = db_scalar_int(db, &last_visit,
                           "SELECT COALESCE(max(visited_at), 0) FROM care_visits"
                           " WHERE dwelling_id = $1",
                           "i", id);
    if (rc != HW_OK)
        return rc;
    struct care_standing s;
    care_standing_at(&h.rule, h.has_tier ? h.since : 0, days, n, today, &s);
    int week = care_week_owed(&h.rule, &s, today, days, n);
    *due_today = !s.met && !s.visited_today;
    *due_week = week > 0;
    item->json = NULL;
    if (!*due_today && !*due_week)
        return HW_OK;
    bool masked = care_tier_sensitive(h.tier) && !sees;
    if (care_tier_sensitive(h.tier) && sees && disclosed)
        *disclosed = true;
    item->tier = h.tier;
    item->slack = s.days_left - (s.owed > s.accompanied_owed ? s.owed : s.accompanied_owed);
    item->json = due_item_json(&h, item->label, &s, masked, week, last_visit);
    return item->json ? HW_OK : HW_ENOMEM;
}

int care_due_json(struct db *db, const struct principal *who, int64_t grid_id, int64_t today,
                  json_t **out, bool *disclosed)
{
    int64_t *ids = NULL;
    size_t n = 0;
    int rc = grid_households(db, grid_id, &ids, &n);
    if (rc != HW_OK)
        return rc;
    struct due_item *today_items = calloc(n ? n : 1, sizeof *today_items);
    struct due_item *week_items = calloc(n ? n : 1, sizeof *week_items);
    size_t nt = 0, nw = 0;
    rc = today_items && week_items ? HW_OK : HW_ENOMEM;
    bool sees = care_sees_sensitive(who);
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        bool t = false, w = false;
        struct due_item item;
        rc = due_one(db, sees, ids[i], today, &item, &t, &w, disclosed);
        if (rc != HW_OK || !item.json)
            continue;
        if (t) {
            today_items[nt] = item;
            json_incref(today_items[nt++].json);
        }
        if (w) {
            week_items[nw] = item;
            json_incref(week_items[nw++].json);
        }
        json_decref(item.json);
    }
    if (rc == HW_OK) {
        char date[CARE_DATE_SIZE], mon[CARE_DATE_SIZE], sun[CARE_DATE_SIZE];
        care_day_format(today, date);
        care_day_format(today - care_weekday(today), mon);
        care_day_format(today - care_weekday(today) + 6, sun);
        *out = json_pack("{s:s, s:{s:s, s:s}, s:I, s:o, s:o}", "date", date, "week", "start", mon,
                         "end", sun, "grid_id", (json_int_t)grid_id, "today",
                         sorted_array(today_items, nt), "this_week", sorted_array(week_items, nw));
        rc = *out ? HW_OK : HW_ENOMEM;
    }
    for (size_t i = 0; today_items && i < nt; i++)
        json_decref(today_items[i].json);
    for (size_t i = 0; week_items && i < nw; i++)
        json_decref(week_items[i].json);
    free(today_items);
    free(week_items);
    free(ids);
    return rc;
}

/* ---- compliance -------------------------------------------------------- */

enum { TIER_ROWS_MAX = 64 }; /* tier rows of one household read for a month */

/* Adds household id's periods ended in [first, last] to *t and its tier's
 * row of by_tier. Before its first tier a household went by its suggestion. */
static int tally_household(struct db *db, int64_t id, int64_t first, int64_t last,
                           struct care_tally *t, struct care_tally by_tier[CARE_TIER_COUNT])
{
    struct care_household h;
    int rc = care_household_load(db, id, last, &h);
    struct care_visit_day days[CARE_VISIT_DAYS_MAX];
    size_t n = 0;
    /* A week ending in the month began up to six days before it. */
    if (rc == HW_OK)
        rc = care_visit_days(db, id, first - 6, days, &n);
    struct care_rule rules[CARE_TIER_COUNT];
    if (rc == HW_OK)
        rc = care_rules_load(db, h.district_id, rules, NULL);
    struct db_stmt *st;
    if (rc == HW_OK)
        rc = db_query(db, &st,
                      "SELECT tier, since, until FROM care_tiers WHERE dwelling_id = $1"
                      " ORDER BY id LIMIT $2",
                      "ii", id, (int64_t)TIER_ROWS_MAX);
    if (rc != HW_OK)
        return rc;
    int64_t earliest = CARE_DAY_OPEN;
    while ((rc = db_step(st)) == DB_ROW) {
        enum care_tier tier;
        int64_t from, to = CARE_DAY_OPEN;
        if (care_tier_parse(db_col_text(st, 0), &tier) != HW_OK ||
            care_day_parse(db_col_text(st, 1), &from) != HW_OK ||
            (db_col_text(st, 2) && care_day_parse(db_col_text(st, 2), &to) != HW_OK))
            continue;
        if (from < earliest)
            earliest = from;
        care_tally_ended(&rules[tier], from, to, days, n, first, last, t);
        care_tally_ended(&rules[tier], from, to, days, n, first, last, &by_tier[tier]);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (earliest > 0) {
        int64_t to = earliest == CARE_DAY_OPEN ? CARE_DAY_OPEN : earliest - 1;
        care_tally_ended(&rules[h.suggested], 0, to, days, n, first, last, t);
        care_tally_ended(&rules[h.suggested], 0, to, days, n, first, last, &by_tier[h.suggested]);
    }
    return HW_OK;
}

static json_t *tally_json(const struct care_tally *t)
{
    char rate[16];
    care_rate_text(t->periods_met, t->periods_due, rate, sizeof rate);
    return json_pack("{s:I, s:I, s:I, s:I, s:s?}", "periods_due", (json_int_t)t->periods_due,
                     "periods_met", (json_int_t)t->periods_met, "visits_required",
                     (json_int_t)t->visits_required, "visits_made", (json_int_t)t->visits_made,
                     "rate", *rate ? rate : NULL);
}

static int grid_workers_json(struct db *db, int64_t grid, int64_t households,
                             const struct care_tally *t, const char *first, const char *last,
                             json_t *workers)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT u.id, u.name, (SELECT count(*) FROM care_visits v"
                      " WHERE v.visitor_id = u.id AND v.visit_date >= $2 AND v.visit_date <= $3)"
                      " FROM users u WHERE u.role = 'grid_worker' AND u.scope_id = $1"
                      " AND u.disabled = FALSE ORDER BY u.id LIMIT 100",
                      "iss", grid, first, last);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *w = tally_json(t);
        if (!w)
            break;
        json_object_set_new(w, "user", json_pack("{s:I, s:s}", "id", (json_int_t)db_col_int(st, 0),
                                                  "name", db_col_text(st, 1)));
        json_object_set_new(w, "grid_id", json_integer(grid));
        json_object_set_new(w, "households", json_integer(households));
        json_object_set_new(w, "visits_by_worker", json_integer(db_col_int(st, 2)));
        json_array_append_new(workers, w);
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int care_compliance_json(struct db *db, const int64_t *grids, size_t n, int64_t month_first,
                         int64_t today, json_t **out)
{
    int64_t month_last, unused;
    care_period_of(CARE_MONTH, month_first, &unused, &month_last);
    int64_t through = today - 1 < month_last ? today - 1 : month_last;
    char month[CARE_DATE_SIZE], first[CARE_DATE_SIZE], last[CARE_DATE_SIZE];
    care_day_format(month_first, first);
    care_day_format(through, last);
    memcpy(month, first, 7); /* "YYYY-MM" of "YYYY-MM-DD" */
    month[7] = '\0';
    json_t *grid_list = json_array(), *workers = json_array();
    struct care_tally by_tier[CARE_TIER_COUNT] = {{0}};
    int rc = grid_list && workers ? HW_OK : HW_ENOMEM;
    for (size_t g = 0; rc == HW_OK && g < n; g++) {
        int64_t *ids = NULL;
        size_t nh = 0;
        struct care_tally t = {0};
        rc = grid_households(db, grids[g], &ids, &nh);
        for (size_t i = 0; rc == HW_OK && through >= month_first && i < nh; i++)
            rc = tally_household(db, ids[i], month_first, through, &t, by_tier);
        free(ids);
        char name[PLACE_LABEL_MAX];
        if (rc == HW_OK)
            rc = place_label(db, grids[g], name, sizeof name);
        if (rc != HW_OK)
            break;
        json_t *e = tally_json(&t);
        if (!e) {
            rc = HW_ENOMEM;
            break;
        }
        json_object_set_new(e, "grid", json_pack("{s:I, s:s}", "id", (json_int_t)grids[g], "name", name));
        json_object_set_new(e, "households", json_integer((json_int_t)nh));
        json_array_append_new(grid_list, e);
        rc = grid_workers_json(db, grids[g], (int64_t)nh, &t, first, last, workers);
    }
    json_t *tiers = json_array();
    for (int k = 0; tiers && k < CARE_TIER_COUNT; k++) {
        json_t *e = tally_json(&by_tier[k]);
        if (e)
            json_object_set_new(e, "tier", json_string(care_tier_name((enum care_tier)k)));
        json_array_append_new(tiers, e);
    }
    if (rc != HW_OK || !tiers) {
        json_decref(grid_list);
        json_decref(workers);
        json_decref(tiers);
        return rc != HW_OK ? rc : HW_ENOMEM;
    }
    *out = json_pack("{s:s, s:s?, s:o, s:o, s:o}", "month", month, "through",
                     through >= month_first ? last : NULL, "grids", grid_list, "workers", workers,
                     "by_tier", tiers);
    return *out ? HW_OK : HW_ENOMEM;
}

/* ---- overdue ------------------------------------------------------------ */

enum { OVERDUE_AT_S = 5 * 60 }; /* five minutes after local midnight */

static int schedule_for(struct db *db, int64_t district_id, int64_t day)
{
    char date[CARE_DATE_SIZE], key[64];
    care_day_format(day, date);
    snprintf(key, sizeof key, "care.overdue:%lld:%s", (long long)district_id, date);
    json_t *payload = json_pack("{s:s}", "date", date);
    if (!payload)
        return HW_ENOMEM;
    int rc = jobs_schedule(db, CARE_OVERDUE_JOB, payload, care_day_start_epoch(day + 1) + OVERDUE_AT_S,
                           key, district_id, NULL);
    json_decref(payload);
    return rc;
}

int care_overdue_ensure(struct db *db, int64_t district_id, int64_t now)
{
    return schedule_for(db, district_id, care_day_of_epoch(now));
}

/* Tells each grid leader of h's grid that h's period [first, day] ended unmet. */
static int flag_household(struct db *db, const struct care_household *h, int64_t first, int64_t day)
{
    char label[PLACE_LABEL_MAX], from[CARE_DATE_SIZE], to[CARE_DATE_SIZE], body[512], link[64];
    int rc = place_label(db, h->id, label, sizeof label);
    if (rc != HW_OK)
        return rc;
    care_day_format(first, from);
    care_day_format(day, to);
    snprintf(body, sizeof body, "%s：%s 至 %s 的走访未达要求 / visits from %s to %s fell short", label,
             from, to, from, to);
    snprintf(link, sizeof link, "/care/households/%lld", (long long)h->id);
    struct db_stmt *st;
    rc = db_query(db, &st,
                  "SELECT id FROM users WHERE role = 'grid_leader' AND scope_id = $1"
                  " AND disabled = FALSE ORDER BY id LIMIT 50",
                  "i", h->grid_id);
    if (rc != HW_OK)
        return rc;
    int64_t leaders[50];
    size_t n = 0;
    while ((rc = db_step(st)) == DB_ROW && n < 50)
        leaders[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    for (size_t i = 0; rc >= 0 && i < n; i++)
        rc = notify_user(db, leaders[i], "care_overdue", "走访逾期 / Overdue visit", body, link);
    return rc < 0 ? rc : HW_OK;
}

int care_overdue_job_run(struct db *db, const struct job *job)
{
    int64_t day;
    if (care_day_parse(json_string_value(json_object_get(job->payload, "date")), &day) != HW_OK) {
        jobs_set_error(job, "care.overdue: no date");
        return HW_EINVAL;
    }
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT d.id FROM places d WHERE d.district_id = $1 AND d.kind = 'dwelling'"
                      " AND d.grid_id IS NOT NULL AND EXISTS (SELECT 1 FROM occupancies o"
                      " WHERE o.dwelling_id = d.id AND o.moved_out IS NULL) ORDER BY d.id",
                      "i", job->district_id);
    if (rc != HW_OK)
        return rc;
    /* Read the ids first: the flags write while the list would be open. */
    size_t cap = 256, n = 0;
    int64_t *ids = malloc(cap * sizeof *ids);
    while (ids && (rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            int64_t *more = realloc(ids, 2 * cap * sizeof *ids);
            if (!more) {
                free(ids);
                ids = NULL;
                break;
            }
            ids = more;
            cap *= 2;
        }
        ids[n++] = db_col_int(st, 0);
    }
    db_reset(st);
    if (!ids)
        return HW_ENOMEM;
    for (size_t i = 0; rc >= 0 && i < n; i++) {
        struct care_household h;
        struct care_visit_day days[CARE_VISIT_DAYS_MAX];
        size_t nd = 0;
        rc = care_household_load(db, ids[i], day, &h);
        if (rc == HW_OK)
            rc = care_visit_days(db, ids[i], day - 62, days, &nd);
        if (rc != HW_OK)
            break;
        struct care_standing s;
        care_standing_at(&h.rule, h.has_tier ? h.since : 0, days, nd, day, &s);
        if (s.last == day && s.need.visits > 0 && !s.met)
            rc = flag_household(db, &h, s.first, day);
    }
    free(ids);
    if (rc < 0)
        return rc;
    return schedule_for(db, job->district_id, day + 1);
}
