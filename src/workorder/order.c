#include "workorder/order.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "kit/access.h"
#include "workorder/visible.h"
#include "workorder/workorder.h"

static const char *const level_names[WO_LEVEL_COUNT] = {"grid", "community", "district"};

const char *wo_level_name(enum wo_level l)
{
    return (unsigned)l < WO_LEVEL_COUNT ? level_names[l] : NULL;
}

int wo_level_parse(const char *s, enum wo_level *out)
{
    for (int i = 0; s && i < WO_LEVEL_COUNT; i++)
        if (strcmp(s, level_names[i]) == 0) {
            *out = (enum wo_level)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

int wo_order_from_row(struct db_stmt *st, int col, struct wo_order *o)
{
    *o = (struct wo_order){0};
    int64_t *ids[] = {&o->id,          &o->district_id, &o->place_id,   &o->community_id,
                      &o->grid_id,     &o->building_id, &o->category_id};
    for (int i = 0; i < 7; i++)
        *ids[i] = db_col_int(st, col + i);
    bool ok = wo_status_parse(db_col_text(st, col + 7), &o->status) == HW_OK &&
              wo_difficulty_parse(db_col_text(st, col + 9), &o->difficulty) == HW_OK &&
              wo_level_parse(db_col_text(st, col + 10), &o->level) == HW_OK;
    o->suspended_from = o->status;
    if (!db_col_is_null(st, col + 8))
        ok = ok && wo_status_parse(db_col_text(st, col + 8), &o->suspended_from) == HW_OK;
    int64_t *rest[] = {&o->reporter_user_id, &o->assignee_user_id, &o->team_id,
                       &o->last_handler_id,  &o->duplicate_of};
    for (int i = 0; i < 5; i++)
        *rest[i] = db_col_int(st, col + 11 + i);
    o->grab = db_col_bool(st, col + 16);
    const char *outcome = db_col_text(st, col + 17);
    o->closed_duplicate = o->status == WO_CLOSED && outcome && strcmp(outcome, "duplicate") == 0;
    int64_t *times[] = {&o->reported_at, &o->clock_start_at, &o->on_site_at,
                        &o->plan_at,     &o->resolved_at,    &o->closed_at,
                        &o->suspended_at, &o->due[WO_CLOCK_ON_SITE], &o->due[WO_CLOCK_RESOLVE],
                        &o->paused_s,    &o->version};
    for (int i = 0; i < 11; i++)
        *times[i] = db_col_int(st, col + 18 + i);
    return ok ? HW_OK : HW_EDB;
}

int wo_order_load(struct db *db, int64_t id, struct wo_order *o)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT " WO_ORDER_COLUMNS("") " FROM work_orders WHERE id = $1", "i",
                          id);
    if (rc != HW_OK)
        return rc;
    rc = wo_order_from_row(st, 0, o);
    db_reset(st);
    return rc;
}

int wo_order_in_scope(struct db *db, const struct principal *who, const struct wo_order *o,
                      bool *in)
{
    struct wo_params p = {0};
    int k = wo_param(&p, o->id);
    char way[WO_WAY_MAX], sql[WO_WAY_MAX + 96];
    wo_scope_way(who, &p, way, sizeof way);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM work_orders w WHERE w.id = $%d AND %s", k,
             way);
    struct db_stmt *st;
    int rc = wo_params_query(db, &st, sql, &p);
    if (rc != HW_OK)
        return rc;
    *in = (rc = db_step(st)) == DB_ROW && db_col_int(st, 0) > 0;
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static int team_member(struct db *db, int64_t team_id, int64_t user_id, bool *member)
{
    int64_t n = 0;
    int rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM wo_team_members WHERE team_id = $1 AND user_id = $2",
                           "ii", team_id, user_id);
    *member = n > 0;
    return rc;
}

unsigned wo_capacities_of(const struct principal *who, const struct wo_order *o, bool in_scope,
                          bool in_team)
{
    unsigned caps = 0;
    if (in_scope && access_allows(who, PERM_WO_DISPATCH))
        caps |= WO_AS_DISPATCHER;
    if (who->user_id && o->assignee_user_id == who->user_id)
        caps |= WO_AS_ASSIGNEE;
    if (who->user_id && o->reporter_user_id == who->user_id)
        caps |= WO_AS_REPORTER;
    if (o->grab && o->status == WO_DISPATCHED && !o->assignee_user_id &&
        access_allows(who, PERM_WO_WORK) && (o->team_id ? in_team : in_scope))
        caps |= WO_AS_GRABBER;
    return caps;
}

int wo_order_capacities(struct db *db, const struct principal *who, const struct wo_order *o,
                        unsigned *caps)
{
    *caps = 0;
    bool in = false, member = false;
    int rc = wo_order_in_scope(db, who, o, &in);
    if (rc == HW_OK && o->team_id && o->grab && o->status == WO_DISPATCHED &&
        !o->assignee_user_id && access_allows(who, PERM_WO_WORK))
        rc = team_member(db, o->team_id, who->user_id, &member);
    if (rc == HW_OK)
        *caps = wo_capacities_of(who, o, in, member);
    return rc;
}

struct wo_facts wo_order_facts(const struct wo_order *o, int64_t now, int reopen_days)
{
    int64_t since = o->status == WO_CLOSED ? o->closed_at : o->resolved_at;
    return (struct wo_facts){
        .status = o->status,
        .closed_duplicate = o->closed_duplicate,
        .difficult = o->difficulty == WO_DIFFICULT,
        .resolve_stopped = o->plan_at != 0 || o->resolved_at != 0,
        .within_reopen = since && now <= since + (int64_t)reopen_days * 86400,
    };
}

/* When the clock stopped: arrival for on_site; the solution, or for a
 * difficult order its plan, for resolve. */
static int64_t stop_of(const struct wo_order *o, enum wo_clock c)
{
    if (c == WO_CLOCK_ON_SITE)
        return o->on_site_at;
    if (o->difficulty == WO_DIFFICULT && o->plan_at)
        return o->plan_at;
    return o->resolved_at;
}

struct wo_clock_view wo_clock_view(const struct wo_order *o, enum wo_clock c, int64_t now)
{
    struct wo_clock_view v = {.due_at = o->due[c], .stopped_at = stop_of(o, c), .met = -1};
    if (v.stopped_at) {
        v.left_s = v.due_at - v.stopped_at;
        v.met = v.stopped_at <= v.due_at;
        return v;
    }
    if (o->status == WO_CLOSED) { /* closed without the step: no promise kept */
        v.left_s = v.due_at - o->closed_at;
        v.met = o->closed_at > v.due_at ? 0 : -1;
        return v;
    }
    v.running = true;
    v.paused = o->status == WO_SUSPENDED;
    int64_t at = v.paused && o->suspended_at ? o->suspended_at : now;
    v.left_s = v.due_at - at;
    if (at > v.due_at)
        v.met = 0;
    return v;
}

int64_t wo_queue_due(const struct wo_order *o)
{
    int64_t best = 0;
    for (int c = 0; c < WO_CLOCK_COUNT; c++) {
        struct wo_clock_view v = wo_clock_view(o, (enum wo_clock)c, 0);
        if (v.running && !v.paused && (!best || v.due_at < best))
            best = v.due_at;
    }
    return best;
}

int workorder_version(struct db *db, int64_t id, int64_t *version, int64_t *district)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT version, district_id FROM work_orders WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *version = db_col_int(st, 0);
    *district = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}

int workorder_find_number(struct db *db, int64_t district_id, const char *number, int64_t *id)
{
    return db_scalar_int(db, id, "SELECT id FROM work_orders WHERE district_id = $1 AND number = $2",
                         "is", district_id, number);
}

int wo_order_lock(struct db *db, int64_t id)
{
    int64_t n = db_run(db, "UPDATE work_orders SET version = version WHERE id = $1", "i", id);
    if (n < 0)
        return (int)n;
    return n ? HW_OK : HW_ENOTFOUND;
}
