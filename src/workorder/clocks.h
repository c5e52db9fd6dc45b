/* An order's deadlines (docs/api-workorders.md, "clocks" and "The
 * scheduler"): computed from the sub-district's standard and calendar when
 * the class is set or changed and kept on the order, and watched by jobs
 * that mark it due soon or overdue, tell the people responsible and
 * escalate it level by level. */
#ifndef HONGWU_WORKORDER_CLOCKS_H
#define HONGWU_WORKORDER_CLOCKS_H

#include <stdint.h>

#include "kit/jobs_core.h"
#include "store/db.h"
#include "workorder/deadline.h"
#include "workorder/order.h"
#include "workorder/settings.h"

#define WO_CLOCK_JOB "workorder.clock"
#define WO_WHISTLE_JOB "workorder.whistle"

/* Each clock's deadline for an order of class d whose clocks run from
 * start with paused_s counted seconds spent suspended. */
int wo_deadlines(struct db *db, int64_t district_id, enum wo_difficulty d, int64_t start,
                 int64_t paused_s, int64_t due[WO_CLOCK_COUNT]);

/* The same with the sub-district's settings s already read (its calendar
 * is read only when s counts working time). */
int wo_deadlines_with(struct db *db, int64_t district_id, const struct wo_settings *s,
                      enum wo_difficulty d, int64_t start, int64_t paused_s,
                      int64_t due[WO_CLOCK_COUNT]);

/* Counted seconds in [a, b) under the sub-district's standard. */
int wo_counted(struct db *db, int64_t district_id, int64_t a, int64_t b, int64_t *out);

/* Schedules the warning and deadline jobs of each running clock of o (at
 * most once per deadline: a dedup key holds it). */
int wo_clocks_schedule(struct db *db, const struct wo_order *o);

/* The same with the sub-district's settings s already read. */
int wo_clocks_schedule_with(struct db *db, const struct wo_order *o, const struct wo_settings *s);

/* After any change of order id: its queue position and a new version. */
int wo_order_touch(struct db *db, int64_t id, int64_t now);

/* The job workorder.clock ({"order_id","clock","due_at","stage","level"?}). */
int wo_clock_job_run(struct db *db, const struct job *job);

/* The job workorder.whistle ({"whistle_id"}): a unit that has not
 * responded by its deadline is marked overdue and the dispatchers told. */
int wo_whistle_job_run(struct db *db, const struct job *job);

#endif
