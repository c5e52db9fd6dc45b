/* Dispatch rules (wo_routes): per sub-district, a grid or none and a
 * category or none, and who gets a new order they cover: a person, a team's
 * least loaded member, or the grab pool (of a team, or of the order's
 * place). The most specific enabled rule applies (dispatch.h). */
#ifndef HONGWU_WORKORDER_RULES_H
#define HONGWU_WORKORDER_RULES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"
#include "workorder/dispatch.h"

struct wo_rule {
    int64_t grid_id, category_id; /* 0: any */
    enum wo_mode mode;
    int64_t assignee_user_id, team_id; /* 0: none */
    bool enabled;
};

/* The rule's own shape, without the database: direct names a person (and
 * may name their team); least_loaded names a team and no person; grab names
 * no person (a team: only its members may take). HW_EINVAL with
 * *bad_field ("mode", "assignee_user_id", "team_id"). Pure. */
int wo_rule_check(const struct wo_rule *r, const char **bad_field);

/* wo_rule_check, and what it names belongs to the sub-district: the grid
 * (a grid), the category, the team, the person (an enabled account that
 * works orders). HW_ECONFLICT when another enabled rule covers the same
 * grid and category (except_id: the rule being changed, 0: none). */
int wo_rule_validate(struct db *db, int64_t district_id, const struct wo_rule *r,
                     int64_t except_id, const char **bad_field);

int wo_rule_create(struct db *db, int64_t district_id, const struct wo_rule *r, int64_t now,
                   int64_t *id);
int wo_rule_update(struct db *db, int64_t id, const struct wo_rule *r);
/* HW_ENOTFOUND when there is none. */
int wo_rule_load(struct db *db, int64_t id, int64_t *district_id, struct wo_rule *r);

/* {"id","district_id","grid_id","category_id","mode","assignee_user_id",
 * "team_id","enabled"} */
#define WO_RULE_COLUMNS                                                                            \
    "id, district_id, grid_id, category_id, mode, assignee_user_id, team_id, enabled"
json_t *wo_rule_row(struct db_stmt *st);
int wo_rule_json(struct db *db, int64_t id, json_t **out);

#endif
