/* Who works orders together: dispatch teams (wo_teams, wo_team_members)
 * and the accounts that answer a unit's whistles (wo_unit_users). A team
 * is a group of a sub-district's workers an order can be sent to (its least
 * loaded member, or its own grab pool); a unit is an organization of the
 * registry, whistled to by a dispatcher (docs/api-workorders.md). */
#ifndef HONGWU_WORKORDER_TEAMS_H
#define HONGWU_WORKORDER_TEAMS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

enum {
    WO_TEAM_NAME_MAX = 64, /* characters */
    WO_PEOPLE_MAX = 100,   /* members of a team, users of a unit */
};

/* A new team of the sub-district, without members. HW_EINVAL with
 * *bad_field "name"; HW_ECONFLICT when the sub-district has a team of
 * that name. */
int wo_team_create(struct db *db, int64_t district_id, const char *name, int64_t now,
                   int64_t *id, const char **bad_field);
int wo_team_rename(struct db *db, int64_t id, const char *name, const char **bad_field);

/* The people of a team or a unit become exactly user_ids[0..n): each an
 * enabled account of the sub-district that works orders (repeats count
 * once). HW_EINVAL with *bad_field "user_ids". */
int wo_team_set_members(struct db *db, int64_t team_id, int64_t district_id,
                        const int64_t *user_ids, size_t n, const char **bad_field);
int wo_unit_set_users(struct db *db, int64_t org_id, int64_t district_id,
                      const int64_t *user_ids, size_t n, const char **bad_field);

/* {"id","district_id","name","members":[{"user_id","name","open_orders"}]}:
 * open_orders is how many orders not yet resolved each holds, the load
 * least-loaded dispatch goes by. */
int wo_team_json(struct db *db, int64_t id, json_t **out);

/* {"org_id","district_id","org_name","users":[{"user_id","name"}]} */
int wo_unit_json(struct db *db, int64_t org_id, json_t **out);

#endif
