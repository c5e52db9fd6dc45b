/* One order as the capability's rules read it, and what the caller is to
 * it. Internal to src/workorder: the rest of the program uses workorder.h. */
#ifndef HONGWU_WORKORDER_ORDER_H
#define HONGWU_WORKORDER_ORDER_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"
#include "workorder/deadline.h"
#include "workorder/lifecycle.h"

enum wo_level { WO_LEVEL_GRID, WO_LEVEL_COMMUNITY, WO_LEVEL_DISTRICT, WO_LEVEL_COUNT };
const char *wo_level_name(enum wo_level l);
int wo_level_parse(const char *s, enum wo_level *out);

struct wo_order {
    int64_t id, district_id, place_id, community_id, grid_id, building_id, category_id;
    enum wo_status status, suspended_from;
    enum wo_difficulty difficulty;
    enum wo_level level;
    int64_t reporter_user_id, assignee_user_id, team_id, last_handler_id, duplicate_of;
    bool grab, closed_duplicate;
    int64_t reported_at, clock_start_at, on_site_at, plan_at, resolved_at, closed_at,
        suspended_at; /* 0: not yet */
    int64_t due[WO_CLOCK_COUNT];
    int64_t paused_s;
    int64_t version;
};

/* The columns of work_orders a struct wo_order holds, each prefixed with t
 * ("w." for a query that joins other tables, "" for a RETURNING clause). */
#define WO_ORDER_COLUMNS(t)                                                                        \
    t "id, " t "district_id, " t "place_id, " t "community_id, " t "grid_id, " t "building_id, "   \
    t "category_id, " t "status, " t "suspended_from, " t "difficulty, " t "level, "             \
    t "reporter_user_id, " t "assignee_user_id, " t "team_id, " t "last_handler_id, "            \
    t "duplicate_of, " t "grab, " t "outcome, " t "reported_at, " t "clock_start_at, "           \
    t "on_site_at, " t "plan_at, " t "resolved_at, " t "closed_at, " t "suspended_at, "          \
    t "on_site_due_at, " t "resolve_due_at, " t "paused_s, " t "version"
enum { WO_ORDER_NCOLUMNS = 29 };

/* The order in st's columns col .. col + WO_ORDER_NCOLUMNS - 1, as selected
 * by WO_ORDER_COLUMNS. HW_EDB when a stored name is unknown. */
int wo_order_from_row(struct db_stmt *st, int col, struct wo_order *o);

/* The order id. HW_ENOTFOUND when there is none. */
int wo_order_load(struct db *db, int64_t id, struct wo_order *o);

/* Takes the order's row lock for the rest of the write transaction, so two
 * actions on one order never interleave (PostgreSQL; SQLite has one writer
 * anyway). HW_ENOTFOUND when there is no such order. */
int wo_order_lock(struct db *db, int64_t id);

/* Whether the order's place lies in who's scope (the scope rule), as the
 * order copied its place's ids when it was filed. */
int wo_order_in_scope(struct db *db, const struct principal *who, const struct wo_order *o,
                      bool *in);

/* What who is to the order (enum wo_capacity bits); who sees it. */
int wo_order_capacities(struct db *db, const struct principal *who, const struct wo_order *o,
                        unsigned *caps);

/* The same from what was read with the order: whether it lies in who's
 * scope, and whether who is a member of its team (read only when it has one). */
unsigned wo_capacities_of(const struct principal *who, const struct wo_order *o, bool in_scope,
                          bool in_team);

/* The facts the lifecycle table needs, at now, with the sub-district's
 * reopening period. */
struct wo_facts wo_order_facts(const struct wo_order *o, int64_t now, int reopen_days);

/* A clock as answered: docs/api-workorders.md, "clocks". Pure. */
struct wo_clock_view {
    int64_t due_at;
    int64_t stopped_at; /* 0: has not stopped */
    bool running, paused;
    int64_t left_s;
    int met; /* 1 met, 0 missed, -1 not yet known (null) */
};
struct wo_clock_view wo_clock_view(const struct wo_order *o, enum wo_clock c, int64_t now);

/* The earliest deadline of a running, unpaused clock; 0 when none runs. */
int64_t wo_queue_due(const struct wo_order *o);

#endif
