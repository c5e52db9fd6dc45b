/* The daily run of the log archive (kit/log_retention.h), as a job of the
 * durable scheduler (kit/jobs_core.h): one job per day, its dedup key the
 * day, so restarts and several processes schedule it once. */
#include "kit/log_retention.h"

#include <stdio.h>
#include <time.h>

#include "base/clock.h"
#include "base/err.h"

enum { CST_OFFSET_S = 8 * 3600, DAY_S = 86400 };

/* The day of t in China Standard Time, as the epoch second it starts. */
static int64_t day_start(int64_t t)
{
    int64_t local = t + CST_OFFSET_S;
    int64_t days = local / DAY_S - (local % DAY_S < 0);
    return days * DAY_S - CST_OFFSET_S;
}

static int schedule_day(struct db *db, int64_t day)
{
    char key[64], date[32];
    clock_format_rfc3339(day, date); /* YYYY-MM-DDT00:00:00+08:00 */
    snprintf(key, sizeof key, "%s:%.10s", LOG_RETENTION_JOB, date);
    return jobs_schedule(db, LOG_RETENTION_JOB, NULL, day + LOG_RETENTION_HOUR * 3600, key, 0,
                         NULL);
}

int log_retention_schedule(struct db *db, int64_t now)
{
    return schedule_day(db, day_start(now));
}

int log_retention_job_prepare(struct db *db, struct job *job)
{
    int rc = log_retention_archive(db, clock_now(), NULL);
    if (rc != HW_OK)
        jobs_set_error(job, "archiving the logs failed: %s (see the server's log)",
                       hw_strerror(rc));
    return rc;
}

int log_retention_job_run(struct db *db, const struct job *job)
{
    (void)job;
    /* The next day's run, from today whatever day this one was for: a
     * server that was down for a week runs once, not seven times. */
    return schedule_day(db, day_start(clock_now()) + DAY_S);
}
