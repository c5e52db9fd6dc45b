/* Taking an action on an order (docs/api-workorders.md, "Transitions"):
 * checked against the lifecycle table, applied with its timeline event,
 * its deadlines and the people told, inside the caller's transaction. */
#ifndef HONGWU_WORKORDER_ACT_H
#define HONGWU_WORKORDER_ACT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"
#include "workorder/dispatch.h"
#include "workorder/lifecycle.h"

enum { WO_COMMENT_MAX = 500, WO_RESPONSIBLE_MAX = 200 };

/* An action and its fields, as given. Strings borrowed; NULL: absent. */
struct wo_act_in {
    enum wo_action action;
    const char *note;
    int64_t photo_id;                 /* 0: none */
    bool has_assign;                  /* assignee_user_id, team_id or mode given */
    struct wo_assign assign;
    bool has_difficulty;
    enum wo_difficulty difficulty;
    int rating;                       /* 0: none */
    const char *comment;
    const char *outcome, *responsible;
    int64_t into;                     /* merge: the order it duplicates */
};

/* Applies in to order id for who at now. HW_ECONFLICT when the lifecycle
 * table refuses it (the caller answers with the allowed actions),
 * HW_EINVAL with *bad_field for a bad or missing field. */
int wo_act(struct db *db, const struct principal *who, int64_t id, const struct wo_act_in *in,
           int64_t now, const char **bad_field);

/* wo_act as one audited write for a plain actor (the command line, the
 * demo); inside the caller's transaction when one is open. */
struct actor;
int workorder_act(struct db *db, const struct actor *a, const struct principal *who, int64_t id,
                  const struct wo_act_in *in, int64_t now, const char **bad_field);

/* The actions who may take on order id now, as names into a JSON array. */
int wo_allowed_json(struct db *db, const struct principal *who, int64_t id, int64_t now,
                    json_t **out);

#endif
