/* How long the audit log and the log of sensitive reads are kept, and the
 * archive of what is older.
 *
 * The Cybersecurity Law (网络安全法) art. 21(3) asks for network logs to be
 * kept no less than six months: the period is configurable, 180 days at the
 * least. Rows are archived a whole month (China Standard Time) at a time,
 * once every row of the month is older than the period: each month of each
 * log becomes one file, DIR/<log>-YYYY-MM.jsonl.gz (JSON Lines, gzip'd),
 * written and fsynced with its SHA-256 in DIR/manifest.jsonl before the
 * month's rows are deleted (on PostgreSQL the sensitive reads' month is a
 * partition of its own, dropped whole). `zcat FILE` or `hongwu logs read
 * FILE` reads one. The job `logs.archive` does this every day at 03:00;
 * `hongwu logs archive` on demand. */
#ifndef HONGWU_KIT_LOG_RETENTION_H
#define HONGWU_KIT_LOG_RETENTION_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kit/jobs_core.h"
#include "store/db.h"

enum {
    /* Six months, counted as 180 days (Cybersecurity Law art. 21(3)). */
    LOG_RETENTION_MIN_DAYS = 180,
    LOG_RETENTION_DEFAULT_DAYS = 180,
    LOG_RETENTION_MAX_DAYS = 36600,
    LOG_ARCHIVE_DIR_MAX = 1024,
    LOG_RETENTION_HOUR = 3, /* the daily run, China Standard Time */
};

#define LOG_RETENTION_JOB "logs.archive"

/* Sets the period and the archive folder for this process. HW_EINVAL, with
 * the reason in error[size], when days is below the legal minimum (or above
 * LOG_RETENTION_MAX_DAYS) or dir is empty or too long. */
int log_retention_configure(unsigned long days, const char *dir, char *error, size_t size);
/* The folder used when none is given: "log-archive" beside a SQLite
 * database, var/log-archive for PostgreSQL. */
void log_retention_default_dir(const char *db_url, char *out, size_t size);

/* Archives, then deletes, every month of both logs that lies wholly before
 * now minus the period; each month that was archived is printed on report
 * (may be NULL). On PostgreSQL it also makes the sensitive reads' partitions
 * of this month and the next two. Runs its own transactions: call it
 * outside any. */
int log_retention_archive(struct db *db, int64_t now, FILE *report);

/* PostgreSQL: the sensitive reads' partitions of this month and the next
 * two, where no row of theirs sits in the default partition yet. Runs in the
 * caller's transaction; nothing on SQLite. */
int log_retention_partitions(struct db *db, int64_t now);

/* Schedules the daily run of the day of now at LOG_RETENTION_HOUR (due at
 * once when that is past), at most once per day whatever restarts. In the
 * caller's transaction. */
int log_retention_schedule(struct db *db, int64_t now);

/* The job kind logs.archive: prepare archives (outside any transaction),
 * run makes partitions and schedules the next day's run. */
int log_retention_job_prepare(struct db *db, struct job *job);
int log_retention_job_run(struct db *db, const struct job *job);

#endif
