/* An order's timeline and the people told of it. */
#ifndef HONGWU_WORKORDER_EVENTS_H
#define HONGWU_WORKORDER_EVENTS_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "workorder/order.h"

/* One timeline event. user_id 0: the system (a deadline job); from/to NULL:
 * no change of status; data borrowed, NULL: none. */
struct wo_event {
    int64_t at, user_id;
    const char *action;
    const char *from, *to;
    const char *note;
    int64_t photo_id;
    json_t *data;
};
int wo_event_add(struct db *db, const struct wo_order *o, const struct wo_event *e);

/* An inbox item for the reporter and every supporter of o, except
 * except_user (who caused it). */
int wo_notify_followers(struct db *db, const struct wo_order *o, int64_t except_user,
                        const char *title);

/* An inbox item for the dispatchers of a level: the grid leaders of the
 * order's grid, the community staff of its community, the sub-district
 * officers of its sub-district. */
int wo_notify_level(struct db *db, const struct wo_order *o, enum wo_level level,
                    const char *title);

/* "/work-orders/<id>": the link an inbox item carries. */
void wo_link(int64_t id, char out[48]);

#endif
