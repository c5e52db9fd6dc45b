/* What the capability's own files share beyond workorder.h. */
#ifndef HONGWU_WORKORDER_WORKORDER_INTERNAL_H
#define HONGWU_WORKORDER_WORKORDER_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kit/notify_core.h"
#include "workorder/order.h"
#include "workorder/workorder.h"

/* Files an order inside the caller's transaction (workorder_create without
 * its audit): number, deadlines and their jobs, the first event, and the
 * dispatch a rule makes. */
int wo_insert(struct db *db, const struct principal *who, const struct workorder_new *n,
              int64_t now, int64_t *id, int64_t *district, const char **bad);

/* Dispatches o by the sub-district's rules, when one applies. */
int wo_auto_dispatch(struct db *db, const struct wo_order *o, int64_t now);

/* Whether who sees the reporter's name and phone whole: the reporter, the
 * assignee, and the staff who see identifiers (kit/privacy.h) but not a
 * resident (a supporter sees someone else's order). */
bool wo_sees_reporter(const struct principal *who, int64_t reporter_user_id,
                      int64_t assignee_user_id);

/* t as "2026-11-21T09:30:00+08:00" (size >= 32). */
void wo_time_text(int64_t t, char *out, size_t size);

/* A whistle row: h.id, h.org_id, o.name, h.note, h.due_at, h.responded_at,
 * h.response, h.overdue. */
json_t *wo_whistle_row(struct db_stmt *st);

#endif
