/* Who reaches a deliberation record (a meeting, a topic, a decision, a
 * public-revenue ledger): a record hangs on one place (a community, compound
 * or building), and a caller reaches it when that place lies in the caller's
 * scope, as everywhere (downward), or when the caller's own place lies in it
 * (upward): a resident bound to a dwelling, a building leader, the property
 * staff of a compound take part in their community's and compound's
 * deliberation, and no one else's (docs/api-meetings.md, "Who sees what"). */
#ifndef HONGWU_MEETINGS_REACH_H
#define HONGWU_MEETINGS_REACH_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "kit/scope.h"
#include "store/db.h"

/* The places above the caller's own that it reaches upward: its community,
 * compound and building (0 where it has none). */
struct reach_up {
    int64_t ids[3];
};
int reach_up_load(struct db *db, const struct principal *who, struct reach_up *out);

/* A list's condition on the place column `column` (e.g. "m.place_id") of
 * rows joined to their place `alias`: downward ($param, scope_places) or
 * upward ($param+1 .. $param+3). Bind out->value, then up.ids[0..2]. */
struct reach_sql {
    char cond[320];
    int64_t value;
};
void reach_sql(const struct principal *who, const char *alias, const char *column, int param,
               struct reach_sql *out);

/* What a list of records joined to their place as "p" binds from $1: the
 * caller's places above (reach_up_load) and the condition on column
 * (reach_sql). Bind within->value, then up->ids[0..2]. */
int reach_list_load(struct db *db, const struct principal *who, const char *column,
                    struct reach_up *up, struct reach_sql *within);

/* HW_OK when who reaches place_id: upward too unless down_only (a change,
 * which only those above the place make); HW_ENOTFOUND when not. */
int reach_place(struct db *db, const struct principal *who, int64_t place_id, bool down_only);

/* A record kind's rule (struct scope_record.visible) from the SQL giving the
 * record's place for its id $1: reads reach both ways, changes downward. */
int reach_record(struct db *db, const struct principal *who, const char *place_sql, int64_t id,
                 bool write);

#endif
