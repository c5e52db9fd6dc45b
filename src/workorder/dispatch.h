/* Who gets an order (docs/api-workorders.md, "dispatch"): a person named
 * by the dispatcher, a team's least loaded member, the grab pool (抢单), or
 * what the sub-district's dispatch rules say for the grid and category. */
#ifndef HONGWU_WORKORDER_DISPATCH_H
#define HONGWU_WORKORDER_DISPATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "workorder/order.h"

enum wo_mode { WO_MODE_DIRECT, WO_MODE_GRAB, WO_MODE_LEAST_LOADED, WO_MODE_COUNT };
const char *wo_mode_name(enum wo_mode m);
int wo_mode_parse(const char *s, enum wo_mode *out);

struct wo_assign {
    enum wo_mode mode;
    int64_t assignee_user_id; /* direct: the person (0 with a team: its least loaded) */
    int64_t team_id;          /* 0: none */
    int64_t rule_id;          /* the dispatch rule that chose, 0: a person chose */
};

/* The most specific enabled rule for o's grid and category: grid and
 * category, grid, category, neither. *found false when none applies. */
int wo_route_match(struct db *db, const struct wo_order *o, struct wo_assign *out, bool *found);

/* Fills in the person for a team's order (least loaded: the member with the
 * fewest open orders, then the lowest id) and checks the person: an
 * enabled account of the order's sub-district that may work orders.
 * HW_EINVAL with *bad_field ("assignee_user_id", "team_id"). */
int wo_assign_resolve(struct db *db, const struct wo_order *o, struct wo_assign *a,
                      const char **bad_field);

/* Whether user_id is an enabled account of the sub-district whose role may
 * work orders (wo_work or wo_dispatch): who may be given an order, be in a
 * team or answer for a unit. */
int wo_worker_check(struct db *db, int64_t district_id, int64_t user_id, bool *ok);

/* Writes the assignment on the order (status dispatched). */
int wo_assign_apply(struct db *db, const struct wo_order *o, const struct wo_assign *a,
                    int64_t now);

#endif
