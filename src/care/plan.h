/* Schedules over many households (docs/domain.md CT-8 .. CT-12,
 * docs/api-care.md "Schedules"): a grid's due list, compliance per grid and
 * worker for a month, and the daily job that flags overdue households to
 * their grid leaders. Plain functions of plain data over the database; the
 * arithmetic is schedule.h's. */
#ifndef HONGWU_CARE_PLAN_H
#define HONGWU_CARE_PLAN_H

#include <jansson.h>
#include <stdint.h>

#include "kit/jobs_core.h"
#include "kit/principal.h"
#include "store/db.h"

enum { CARE_GRID_HOUSEHOLDS_MAX = 5000 }; /* households read for one grid */

/* {"date", "week", "grid_id", "today": [...], "this_week": [...]} for grid
 * grid_id on day today, as who sees it (a sensitive tier masked). *disclosed
 * (may be NULL) is set when a sensitive tier was shown whole. */
int care_due_json(struct db *db, const struct principal *who, int64_t grid_id, int64_t today,
                  json_t **out, bool *disclosed);

/* {"month", "through", "grids", "workers", "by_tier"} for the grids in
 * grids[0..n) over month (its first day) up to the day before today. */
int care_compliance_json(struct db *db, const int64_t *grids, size_t n, int64_t month_first,
                         int64_t today, json_t **out);

/* The daily job (CT-12): payload {"date": "YYYY-MM-DD"}, the day that just
 * ended, for the job's sub-district. Schedules the next day's. */
#define CARE_OVERDUE_JOB "care.overdue"
int care_overdue_job_run(struct db *db, const struct job *job);
/* Makes sure the sub-district's next daily job exists (once per day: its
 * dedup key), inside the caller's transaction. */
int care_overdue_ensure(struct db *db, int64_t district_id, int64_t now);

#endif
